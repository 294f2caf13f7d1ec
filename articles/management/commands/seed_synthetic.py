"""Add a synthetic archive of N articles, for measuring the site at scale."""

import contextlib
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from articles.search import SEARCH_INDEX
from articles.synthetic import Generator

BIG_LOAD = 10_000  # from this many articles, the search index is rebuilt once at the end


@contextlib.contextmanager
def search_index_set_aside(big, out):
    """On PostgreSQL, for a big load, drop the full-text index and build it once after:
    one build is several times faster than updating it article by article. The index of
    word pairs (migrations 0007, 0009) stays: updating it cost less than building it after
    (with 0007's pairs, about 90 s against 145 s at 100,000 articles; 0009's take 224 s
    to build)."""
    if not big or connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")
    try:
        yield
    finally:
        out.write("Building the search index…")
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE INDEX {SEARCH_INDEX} ON articles_article USING gin (search_vector)"
            )


class Command(BaseCommand):
    help = (
        "Add N generated articles of about 600 words (2011–2020, ~30 publications), about "
        "N/50 people and N/100 organisations with aliases, and Zipf-distributed mentions. "
        "For benchmarks: use a database of its own."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, metavar="N")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument("--batch", type=int, default=1000, help="Articles per insert.")

    def handle(self, *args, articles, seed, batch, verbosity, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        started = time.perf_counter()

        def progress(done, total):
            if verbosity >= 1 and (done == total or done % max(batch, total // 20) == 0):
                rate = done / (time.perf_counter() - started)
                self.stdout.write(f"{done:,} / {total:,} articles ({rate:,.0f}/s)")

        generator = Generator(articles, seed=seed, progress=progress)
        with search_index_set_aside(articles >= BIG_LOAD, self.stdout):
            publications, people, organisations = generator.run(batch_size=batch)
        if connection.vendor == "postgresql":
            # Fresh statistics (and, outside a transaction, visibility) for the planner.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        self.stdout.write(
            f"Added {articles:,} articles, {publications} publications, {people:,} people and "
            f"{organisations:,} organisations in {time.perf_counter() - started:.0f} s."
        )
