"""Re-detect the people and organisations articles name, keeping editors' decisions."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.detection import DetectionReport, build_matcher, detect_mentions
from articles.models import Article
from articles.signals import deferred_counts

BATCH_SIZE = 500


class DryRunRollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Find every alias of every person and organisation in articles' headlines and bodies "
        "and store the mentions. Detected mentions are recomputed; mentions an editor added "
        "or rejected are never overridden."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "slugs", nargs="*", metavar="SLUG", help="Articles to re-detect (default: all)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; store nothing."
        )

    def handle(self, *args, slugs, dry_run, verbosity, **options):
        articles = Article.objects.order_by("pk")
        if slugs:
            articles = articles.filter(slug__in=slugs)
            missing = set(slugs) - set(articles.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"No article with the slug(s): {', '.join(sorted(missing))}")
        total = articles.count()
        matcher = build_matcher()
        if verbosity >= 1 and matcher.ambiguous:
            self.stderr.write(
                "Aliases shared by more than one entity, so never matched: "
                + ", ".join(matcher.ambiguous)
            )
        report = DetectionReport()
        try:
            with transaction.atomic(), deferred_counts():  # counts refreshed once, at the end
                for start in range(0, total, BATCH_SIZE):
                    batch = articles[start : start + BATCH_SIZE]
                    report.add(detect_mentions(batch, matcher))
                    if verbosity >= 1 and total > BATCH_SIZE:
                        self.stdout.write(f"  {report.articles}/{total} articles")
                if dry_run:
                    raise DryRunRollback
        except DryRunRollback:
            pass
        prefix = "Dry run, nothing stored. " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}Mentions detected in {report.articles} articles: {report.created} "
                f"added, {report.updated} updated, {report.deleted} removed, "
                f"{report.unchanged} unchanged (editors' decisions included)."
            )
        )
