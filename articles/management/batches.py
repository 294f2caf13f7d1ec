"""The shared shape of commands that work through articles: all of them or those named by
slug, in batches, inside one transaction, with progress and a --dry-run."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.loading import DryRunRollback


class ArticleBatchCommand(BaseCommand):
    batch_size = 500
    slugs_help = "Articles to process (default: all)."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", metavar="SLUG", help=self.slugs_help)
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; store nothing."
        )

    def selected(self, articles, slugs):
        """`articles` narrowed to `slugs` (all when none); an unknown slug is an error."""
        if not slugs:
            return articles
        articles = articles.filter(slug__in=slugs)
        missing = set(slugs) - set(articles.values_list("slug", flat=True))
        if missing:
            raise CommandError(f"No article with the slug(s): {', '.join(sorted(missing))}")
        return articles

    def atomic(self):
        """The context the whole run happens in; rolled back on a dry run."""
        return transaction.atomic()

    def run_in_batches(self, articles, work, report, dry_run, verbosity):
        """Call `work(batch)` for each batch of `articles`, adding its report to `report`."""
        total = articles.count()
        try:
            with self.atomic():
                for start in range(0, total, self.batch_size):
                    report.add(work(articles[start : start + self.batch_size]))
                    if verbosity >= 1 and total > self.batch_size:
                        self.stdout.write(f"  {report.articles}/{total} articles")
                if dry_run:
                    raise DryRunRollback
        except DryRunRollback:
            pass
        return report
