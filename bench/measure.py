"""Measure the pages of one archive (run by bench.pages with DATABASE_URL and
DJANGO_SETTINGS_MODULE=bench.settings set); prints one JSON object.

Server time is the time Django takes to answer a request made in-process (Django's test
client: no network, no web server), with the page cache cleared before each request
(cold) or after a first request filled it (warm). Queries are counted on a cold request.
"""

import json
import math
import os
import re
import statistics
import sys
import time
from collections import Counter

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article, Organisation, Person  # noqa: E402
from articles.synthetic import vocabulary  # noqa: E402

REPEAT = 25
PRIORITY = -10


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def half_word():
    """A word of the generated texts found in about half the articles (checked)."""
    words = vocabulary()
    counts = Counter(words)
    per_article = {w: 1 - (1 - n / len(words)) ** 600 for w, n in counts.items() if len(w) > 4}
    candidates = sorted(per_article, key=lambda w: abs(per_article[w] - 0.5))[:5]
    total = Article.objects.count()
    return min(
        candidates,
        key=lambda w: abs(Article.objects.search(w).order_by().count() / total - 0.5),
    )


def phrase():
    """The two commonest long words of the generated texts, as a quoted phrase."""
    counts = Counter(w for w in vocabulary() if len(w) > 4 and re.fullmatch(r"[a-z]+", w))
    first, second = (w for w, _ in counts.most_common(2))
    return f'"{first} {second}"'


def phrase_across_a_stop_word():
    """The same two words with "of" between them: PostgreSQL drops the stop word and
    matches the two words two positions apart ("cessation of hostilities")."""
    first, second = phrase().strip('"').split()
    return f'"{first} of {second}"'


def urls():
    top_person = Person.objects.most_mentioned().first()
    top_org = Organisation.objects.most_mentioned().first()
    newest = Article.objects.naming_person(top_person.slug).newest_first()
    ids = list(newest.values_list("pk", flat=True)[:2000])
    partner = Person.objects.counted_among(ids).exclude(pk=top_person.pk).first()
    rare = Person.objects.filter(stored_article_count__gt=0).order_by("stored_article_count")
    rare_word = rare.first().name.split()[-1]
    article = Article.objects.order_by("pk")[Article.objects.count() // 2]
    return {
        "home": "/",
        "list, first page": "/articles/",
        "list, last page": "/articles/?page=last",
        "list, top person": f"/articles/?person={top_person.slug}",
        "list, two people": f"/articles/?person={top_person.slug}&person={partner.slug}",
        "list, organisation + dates": (
            f"/articles/?organisation={top_org.slug}&date_from=2015-01-01&date_to=2016-12-31"
        ),
        "search, rare word": f"/articles/?q={rare_word}",
        "search, word in ~half": f"/articles/?q={half_word()}",
        "search, quoted phrase": "/articles/?q=" + phrase().replace(" ", "+"),
        "search, phrase across a stop word": "/articles/?q="
        + phrase_across_a_stop_word().replace(" ", "+"),
        "person page (top)": top_person.get_absolute_url(),
        "organisation page (top)": top_org.get_absolute_url(),
        "article page": article.get_absolute_url(),
    }


def cpu_ns(pid):
    """CPU time a process has run, in nanoseconds (Linux schedstat)."""
    with open(f"/proc/{pid}/schedstat") as stat:
        return int(stat.read().split()[0])


def backend_pid():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def timed(client, url, cold):
    """Wall-clock milliseconds per request, and CPU milliseconds (Django's process and its
    PostgreSQL backend): on a shared machine the wall clock counts the time spent waiting
    for a core; the CPU time is the work the request itself costs."""
    times, cpu = [], []
    backend = backend_pid()
    for _ in range(REPEAT):
        if cold:
            cache.clear()
        cpu_before = cpu_ns(os.getpid()) + cpu_ns(backend)
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((cpu_ns(os.getpid()) + cpu_ns(backend) - cpu_before) / 1e6)
        assert response.status_code == 200, (url, response.status_code)
    return times, cpu


def raise_priority():
    """Run this process and its database backend at nice -10 when allowed (root): the
    machine is shared, and the benchmark measures the site, not its neighbours."""
    try:
        os.setpriority(os.PRIO_PROCESS, 0, PRIORITY)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            os.setpriority(os.PRIO_PROCESS, cursor.fetchone()[0], PRIORITY)
    except PermissionError:
        print("  (not allowed to raise the priority: figures include contention)", file=sys.stderr)


def measure():
    raise_priority()
    client = Client()
    load = os.getloadavg()[0]
    results = {"articles": Article.objects.count(), "pages": []}
    for name, url in urls().items():
        client.get(url)  # the database's own caches warm, as on a live site
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries = len(captured)  # now: each request clears the log
        cold, cold_cpu = timed(client, url, cold=True)
        client.get(url)
        warm, warm_cpu = timed(client, url, cold=False)
        results["pages"].append(
            {
                "name": name,
                "url": url,
                "queries": queries,
                "cold_p50": statistics.median(cold),
                "cold_p95": percentile(cold, 0.95),
                "warm_p50": statistics.median(warm),
                "warm_p95": percentile(warm, 0.95),
                "cold_cpu_p50": statistics.median(cold_cpu),
                "cold_cpu_p95": percentile(cold_cpu, 0.95),
                "warm_cpu_p50": statistics.median(warm_cpu),
                "warm_cpu_p95": percentile(warm_cpu, 0.95),
                "search": "?q=" in url,
            }
        )
        print(f"  {name}: cold p95 {results['pages'][-1]['cold_p95']:.1f} ms", file=sys.stderr)
    results["load_average"] = (load, os.getloadavg()[0])  # the machine is shared
    results["load_urls"] = {
        "filtered list": urls_for_load(results, "list, top person"),
        "article page": urls_for_load(results, "article page"),
    }
    return results


def urls_for_load(results, name):
    return next(page["url"] for page in results["pages"] if page["name"] == name)


if __name__ == "__main__":
    print(json.dumps(measure()))
