"""Load the curated archive: the five source texts and the records built from them."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.loading import DEFAULT_FIXTURE_DIR, FixtureError, load_archive


class Command(BaseCommand):
    help = (
        "Load the fixtures (source texts, publications, people, organisations, places, "
        "articles, events, checked quotes), detect mentions and extract quotations. "
        "Creates what is missing and deletes nothing; records that "
        "already exist keep their editors' changes unless --update is given. Running it "
        "twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--path",
            type=Path,
            default=DEFAULT_FIXTURE_DIR,
            help=f"Fixture directory (default: {DEFAULT_FIXTURE_DIR}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; store nothing."
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="Overwrite existing records that differ from the fixtures (editors' "
            "changes to them are lost).",
        )

    def handle(self, *args, path, dry_run, update, verbosity, **options):
        try:
            report = load_archive(path, dry_run=dry_run, update=update)
        except FixtureError as error:
            raise CommandError(str(error)) from error
        if verbosity >= 2:
            for line in report.lines():
                self.stdout.write(f"  {line}")
        mentions, quotes = report.detection, report.quotes
        summary = (
            f"Archive loaded from {path}: {sum(report.created.values())} records created, "
            f"{sum(report.updated.values())} updated, {sum(report.kept.values())} kept as "
            f"edited; mentions: {mentions.created} created, "
            f"{mentions.updated} updated, {mentions.deleted} removed; quotations: "
            f"{quotes.created} found, {quotes.updated} updated, {quotes.deleted} removed."
        )
        if dry_run:
            summary = "Dry run, nothing stored. " + summary
        self.stdout.write(self.style.SUCCESS(summary))
