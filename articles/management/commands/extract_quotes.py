"""Extract the quotations articles print and their speakers, keeping editors' corrections."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import Article
from articles.quotations import ExtractionReport, extract_quotes

BATCH_SIZE = 500


class DryRunRollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Find the quotations in articles' bodies and who said them, and store them. "
        "Quotes found by extraction are recomputed; quotes an editor corrected or "
        "rejected are never overridden."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "slugs", nargs="*", metavar="SLUG", help="Articles to extract from (default: all)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; store nothing."
        )

    def handle(self, *args, slugs, dry_run, verbosity, **options):
        articles = Article.objects.only("pk", "slug", "body").order_by("pk")
        if slugs:
            articles = articles.filter(slug__in=slugs)
            missing = set(slugs) - set(articles.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"No article with the slug(s): {', '.join(sorted(missing))}")
        total = articles.count()
        report = ExtractionReport()
        try:
            with transaction.atomic():
                for start in range(0, total, BATCH_SIZE):
                    report.add(extract_quotes(articles[start : start + BATCH_SIZE]))
                    if verbosity >= 1 and total > BATCH_SIZE:
                        self.stdout.write(f"  {report.articles}/{total} articles")
                if dry_run:
                    raise DryRunRollback
        except DryRunRollback:
            pass
        prefix = "Dry run, nothing stored. " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}Quotations extracted from {report.articles} articles: "
                f"{report.created} added, {report.updated} updated, {report.deleted} removed, "
                f"{report.unchanged} unchanged; {report.without_speaker} without a speaker. "
                "Quotes editors corrected or rejected were kept."
            )
        )
