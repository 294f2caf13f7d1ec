"""Time the template engine alone on the pages of one archive; prints one JSON object.

    DATABASE_URL=postgres://.../newsroom_bench_100000 DJANGO_SETTINGS_MODULE=bench.settings \
        PYTHONPATH=. python -m bench.render

Each page is requested REPEAT times with the page cache cleared (cold). Every top-level
template render (either engine) is done twice: the first evaluates the context (querysets
a template iterates run their SQL then, and keep their rows); the second, timed, is pure
rendering of an evaluated context, and is the one returned. Only the SQL-free second render
counts, so the figures compare template engines, not queries.
"""

import json
import os
import statistics
import sys
import time

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.template.backends import django as django_backend  # noqa: E402
from django.template.backends import jinja2 as jinja2_backend  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.measure import percentile, raise_priority, urls  # noqa: E402

REPEAT = 25
BACKENDS = [django_backend.Template, jinja2_backend.Template]


class RenderTimer:
    """Patches the engines' Template.render to render twice and time the second."""

    def __init__(self):
        self.wall, self.cpu, self.queries = [], [], 0

    def __enter__(self):
        self.originals = {backend: backend.render for backend in BACKENDS}
        for backend, original in self.originals.items():
            backend.render = self.timed(original)
        return self

    def __exit__(self, *exc):
        for backend, original in self.originals.items():
            backend.render = original

    def timed(self, original):
        def render(template, context=None, request=None):
            original(template, dict(context or {}), request)  # evaluates the context
            with CaptureQueriesContext(connection) as captured:
                cpu, wall = time.process_time(), time.perf_counter()
                html = original(template, context, request)
                self.wall.append((time.perf_counter() - wall) * 1000)
                self.cpu.append((time.process_time() - cpu) * 1000)
            self.queries += len(captured)
            return html

        return render


def pages():
    return {
        **urls(),
        "people": "/people/",
        "organisations": "/organisations/",
        "quotations": "/quotes/",
        "timeline": "/timeline/",
    }


def measure():
    raise_priority()
    client = Client()
    results = {"load_average": [os.getloadavg()[0]], "pages": []}
    for name, url in pages().items():
        client.get(url)  # templates compiled, database caches warm
        with RenderTimer() as timer:
            for _ in range(REPEAT):
                cache.clear()
                assert client.get(url).status_code == 200, url
        results["pages"].append(
            {
                "name": name,
                "url": url,
                "render_p50": statistics.median(timer.wall),
                "render_p95": percentile(timer.wall, 0.95),
                "render_cpu_p50": statistics.median(timer.cpu),
                "queries_while_rendering": timer.queries,
            }
        )
        page = results["pages"][-1]
        print(f"  {name}: render p50 {page['render_p50']:.2f} ms", file=sys.stderr)
    results["load_average"].append(os.getloadavg()[0])
    return results


if __name__ == "__main__":
    print(json.dumps(measure()))
