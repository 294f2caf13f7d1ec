"""Import new article texts from files, detect their mentions and quotations, and report
what was found."""

from django.core.management.base import BaseCommand, CommandError

from articles.importing import import_files

UNMATCHED_SHOWN = 12


class Command(BaseCommand):
    help = (
        "Import article files (.txt, first line the headline; metadata in front matter or a "
        ".json sidecar). Every file is checked first: nothing is imported unless all are "
        "valid, or --skip-invalid is given. Directories are searched for *.txt files."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Import the valid files and list the rejected ones.",
        )

    def handle(self, *args, paths, skip_invalid, verbosity, **options):
        result = import_files(
            paths,
            skip_invalid=skip_invalid,
            progress=self.progress if verbosity >= 1 else None,
        )
        for error in result.rejected:
            self.stderr.write(self.style.ERROR(f"Rejected {error}"))
        if result.rejected and not skip_invalid:
            raise CommandError(
                f"Nothing imported: {len(result.rejected)} file(s) cannot be imported (listed "
                "above). Fix them, or pass --skip-invalid to import the valid ones."
            )
        if verbosity >= 1:
            for imported in result.imported:
                self.report(imported)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {len(result.imported)} article(s); rejected {len(result.rejected)}."
            )
        )

    def progress(self, done, total):
        if total > 1:
            self.stdout.write(f"  stored {done}/{total}", ending="\r" if done < total else "\n")

    def report(self, imported):
        article = imported.article
        self.stdout.write(f"{imported.path}: “{article.headline}” → /articles/{article.slug}/")
        if imported.new_publication:
            self.stdout.write(f"  new publication: {article.publication.name}")
        self.stdout.write("  people: " + named(imported.people))
        self.stdout.write("  organisations: " + named(imported.organisations))
        self.stdout.write("  places: " + named(imported.places))
        quotes = imported.quotes
        self.stdout.write(
            f"  quotations: {quotes.created}"
            + (f" ({quotes.without_speaker} without a speaker)" if quotes.without_speaker else "")
        )
        unmatched = imported.unmatched.most_common(UNMATCHED_SHOWN)
        self.stdout.write("  names not matched: " + named(unmatched))


def named(pairs):
    return ", ".join(f"{name} ({count})" for name, count in pairs) or "none"
