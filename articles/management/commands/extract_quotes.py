"""Extract the quotations articles print and their speakers, keeping editors' corrections."""

from articles.management.batches import ArticleBatchCommand
from articles.models import Article
from articles.quotations import ExtractionReport, extract_quotes


class Command(ArticleBatchCommand):
    help = (
        "Find the quotations in articles' bodies and who said them, and store them. "
        "Quotes found by extraction are recomputed; quotes an editor corrected or "
        "rejected are never overridden."
    )
    slugs_help = "Articles to extract from (default: all)."

    def handle(self, *args, slugs, dry_run, verbosity, **options):
        articles = self.selected(Article.objects.only("pk", "slug", "body").order_by("pk"), slugs)
        report = self.run_in_batches(
            articles, extract_quotes, ExtractionReport(), dry_run, verbosity
        )
        prefix = "Dry run, nothing stored. " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}Quotations extracted from {report.articles} articles: "
                f"{report.created} added, {report.updated} updated, {report.deleted} removed, "
                f"{report.unchanged} unchanged; {report.without_speaker} without a speaker. "
                "Quotes editors corrected or rejected were kept."
            )
        )
