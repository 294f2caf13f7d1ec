"""Re-detect the people and organisations articles name, keeping editors' decisions."""

from contextlib import contextmanager

from django.db import transaction

from articles.detection import DetectionReport, build_matcher, detect_mentions
from articles.management.batches import ArticleBatchCommand
from articles.models import Article
from articles.signals import deferred_counts


class Command(ArticleBatchCommand):
    help = (
        "Find every alias of every person and organisation in articles' headlines and bodies "
        "and store the mentions. Detected mentions are recomputed; mentions an editor added "
        "or rejected are never overridden."
    )
    slugs_help = "Articles to re-detect (default: all)."

    @contextmanager
    def atomic(self):
        with transaction.atomic(), deferred_counts():  # counts refreshed once, at the end
            yield

    def handle(self, *args, slugs, dry_run, verbosity, **options):
        articles = self.selected(Article.objects.order_by("pk"), slugs)
        matcher = build_matcher()
        if verbosity >= 1 and matcher.ambiguous:
            self.stderr.write(
                "Aliases shared by more than one entity, so never matched: "
                + ", ".join(matcher.ambiguous)
            )
        report = self.run_in_batches(
            articles,
            lambda batch: detect_mentions(batch, matcher),
            DetectionReport(),
            dry_run,
            verbosity,
        )
        prefix = "Dry run, nothing stored. " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}Mentions detected in {report.articles} articles: {report.created} "
                f"added, {report.updated} updated, {report.deleted} removed, "
                f"{report.unchanged} unchanged (editors' decisions included)."
            )
        )
