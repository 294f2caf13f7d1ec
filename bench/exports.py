"""Benchmark the CSV exports: time and peak memory streaming 100,000 articles.

    make bench-exports     # or: python -m bench.exports --articles 100000

Creates a PostgreSQL database of its own (`--database`, default newsroom_bench_exports on
127.0.0.1:5432, user postgres), migrates it and bulk-inserts the articles, each naming three
people, two organisations and a place. Then each export runs in a fresh Python process,
through the real view and middleware (Django's test client), reading the streamed file to
its last byte: the article export and the mention export, of a tenth of the archive and of
all of it. The process reports the time to the last byte, the rows, and its resident memory
before the request, every 10,000 rows, and at its peak (VmHWM); flat memory means the peak
does not grow with the rows. The database is dropped at the end unless --keep.
"""

import argparse
import datetime
import json
import os
import random
import secrets
import subprocess
import sys
import time

import psycopg

SERVER = "postgres://postgres@127.0.0.1:5432"
BATCH = 10_000


def _status_mb(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return 0.0


def rss_mb():
    """This process's resident memory now, in MB."""
    return _status_mb("VmRSS")


def peak_rss_mb():
    """This process's peak resident memory, in MB. (Not getrusage's ru_maxrss, which a
    process started by another inherits from its parent.)"""
    return _status_mb("VmHWM")


def setup_django(database):
    """Production settings (DEBUG off), over plain HTTP, on the benchmark's database."""
    os.environ["DATABASE_URL"] = f"{SERVER}/{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    os.environ["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()


def run_sql(statement):
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def build(database, count, seed):
    """Create and fill the database: `count` articles and their mentions."""
    run_sql(f'DROP DATABASE IF EXISTS "{database}"')
    run_sql(f'CREATE DATABASE "{database}"')
    setup_django(database)
    from django.core.management import call_command
    from django.db import connection

    from articles.models import (
        Article,
        Organisation,
        OrganisationMention,
        Person,
        PersonMention,
        Place,
        PlaceMention,
        Publication,
    )

    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    publications = Publication.objects.bulk_create(
        Publication(name=f"Publication {n}", slug=f"publication-{n}") for n in range(20)
    )
    people = Person.objects.bulk_create(
        Person(name=f"Person {n}", slug=f"person-{n}", sort_name=f"{n:04d}") for n in range(300)
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Organisation {n}", slug=f"organisation-{n}") for n in range(150)
    )
    places = Place.objects.bulk_create(
        Place(name=f"Place {n}", slug=f"place-{n}") for n in range(80)
    )
    start = datetime.date(2011, 1, 1)
    body = "The envoy met the delegations in Geneva to discuss a freeze of the fighting. " * 12
    for first in range(0, count, BATCH):
        articles = Article.objects.bulk_create(
            Article(
                headline=f"Report {n} on the truce talks, with “quotes”, commas, and more",
                slug=f"report-{n}",
                publication=rng.choice(publications),
                byline="By A. Reporter, Agency" if n % 3 else "",
                published_on=start + datetime.timedelta(days=n % 2000),
                date_note="" if n % 4 else "inferred from the text",
                original_url=f"https://example.org/news/{n}",
                source_text=body,
                body=body,
                checksum=f"{n:064x}",
            )
            for n in range(first, min(first + BATCH, count))
        )
        PersonMention.objects.bulk_create(
            PersonMention(article=a, person=p, count=rng.randint(1, 5))
            for a in articles
            for p in rng.sample(people, 3)
        )
        OrganisationMention.objects.bulk_create(
            OrganisationMention(article=a, organisation=o, count=rng.randint(1, 3))
            for a in articles
            for o in rng.sample(organisations, 2)
        )
        PlaceMention.objects.bulk_create(
            PlaceMention(article=a, place=rng.choice(places), count=1) for a in articles
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    connection.close()


def measure(database, url):
    """In this (fresh) process: stream `url` to its last byte and report on stdout."""
    setup_django(database)
    from django.test import Client

    client = Client()
    client.get("/robots.txt")  # the first request loads the URLs and views
    before = rss_mb()
    samples = []
    rows = size = 0
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    for chunk in response.streaming_content:
        size += len(chunk)
        rows += 1
        if rows % 10_000 == 0:
            samples.append(round(rss_mb(), 1))
    elapsed = time.perf_counter() - started
    print(
        json.dumps(
            {
                "url": url,
                "rows": rows - 1,  # less the header
                "megabytes": size / 1e6,
                "seconds": elapsed,
                "rss_before": before,
                "rss_samples": samples,
                "peak": peak_rss_mb(),
            }
        )
    )


def export_urls():
    # Dates cycle over 2,000 days; the first 200 days hold a tenth of the articles.
    tenth = f"?date_to={datetime.date(2011, 1, 1) + datetime.timedelta(days=199)}"
    return [
        f"/exports/articles.csv{tenth}",
        "/exports/articles.csv",
        f"/exports/mentions.csv{tenth}",
        "/exports/mentions.csv",
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--database", default="newsroom_bench_exports")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--measure", metavar="URL", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        measure(options.database, options.measure)
        return

    started = time.perf_counter()
    build(options.database, options.articles, options.seed)
    print(
        f"{options.articles:,} articles (3 people, 2 organisations, 1 place each) inserted "
        f"into {options.database} in {time.perf_counter() - started:.0f} s.\n"
    )
    print(
        "| export | rows | MB | time (s) | rows/s | RSS before (MB) "
        "| RSS while streaming (MB) | peak RSS (MB) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |")
    try:
        for url in export_urls():
            command = [sys.executable, "-m", "bench.exports", "--database", options.database]
            result = subprocess.run(
                [*command, "--measure", url],
                check=True,
                capture_output=True,
                text=True,
            )
            r = json.loads(result.stdout.strip().splitlines()[-1])
            samples = r["rss_samples"]
            shown = f"{min(samples):.0f}–{max(samples):.0f}" if samples else "—"
            print(
                f"| `{url}` | {r['rows']:,} | {r['megabytes']:.1f} | {r['seconds']:.1f} "
                f"| {r['rows'] / r['seconds']:,.0f} | {r['rss_before']:.0f} | {shown} "
                f"| {r['peak']:.0f} |"
            )
    finally:
        if not options.keep:
            run_sql(f'DROP DATABASE IF EXISTS "{options.database}" WITH (FORCE)')
            print(f"\nDropped {options.database}.")


if __name__ == "__main__":
    main()
