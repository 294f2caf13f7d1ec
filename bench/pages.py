"""Benchmark every kind of page on PostgreSQL at 1,000, 10,000 and 100,000 articles.

    make bench                                  # or: python -m bench.pages
    python -m bench.pages --sizes 1000 --out /tmp/bench.md

For each size: a database of its own (newsroom_bench_<size>, dropped afterwards) is
migrated and filled by `manage.py seed_synthetic`; bench.measure times each page in-process
(p50/p95 server time, cold and warm, and SQL queries per request); then gunicorn serves the
archive with 2 workers and wrk, a load generator, asks for the filtered list and an article
page over 16 connections on loopback for 10 seconds each, without a cache (cold: every
request builds its page) and with Redis (warm). Writes a Markdown table (bench/RESULTS.md).
"""

import argparse
import contextlib
import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
PYTHON = sys.executable
TARGET_PAGE_MS, TARGET_SEARCH_MS, TARGET_WARM_MS, TARGET_RPS = 50, 150, 5, 250


def admin(sql):
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def environment(database, cache="memory"):
    return {
        **os.environ,
        "DATABASE_URL": f"{PG}/{database}",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_CACHE": cache,
        "PYTHONPATH": str(ROOT),
    }


def run(args, env, **kwargs):
    return subprocess.run(args, env=env, cwd=ROOT, check=True, **kwargs)


def build(database, size):
    admin(f'DROP DATABASE IF EXISTS "{database}"')
    admin(f'CREATE DATABASE "{database}"')
    env = environment(database)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    started = time.perf_counter()
    run([PYTHON, "manage.py", "seed_synthetic", "--articles", str(size)], env)
    return time.perf_counter() - started


def raise_priority(server_pid, database):
    """Give gunicorn, its workers and their database backends nice -10 when allowed (see
    bench.measure): the machine is shared."""
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        backends = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", [database]
        ).fetchall()
    workers = subprocess.run(
        ["pgrep", "-P", str(server_pid)], capture_output=True, text=True
    ).stdout.split()
    for pid in [server_pid, *map(int, workers), *(row[0] for row in backends)]:
        with contextlib.suppress(PermissionError, ProcessLookupError):
            os.setpriority(os.PRIO_PROCESS, pid, -10)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def throughput(database, urls, cache):
    """Requests per second for each URL under gunicorn (2 workers) and wrk (16 connections)."""
    if not shutil.which("wrk"):
        return dict.fromkeys(urls)
    port = free_port()
    env = environment(database, cache)
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "newsroom.wsgi", "--workers", "2", "--bind",
         f"127.0.0.1:{port}", "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        results = {}
        for name, url in urls.items():
            address = f"http://127.0.0.1:{port}{url}"
            subprocess.run(["wrk", "-t2", "-c16", "-d3s", address], capture_output=True)
            raise_priority(server.pid, database)
            report = subprocess.run(
                ["wrk", "-t2", "-c16", "-d10s", "--timeout", "10s", address],
                capture_output=True,
                text=True,
            ).stdout
            rate = re.search(r"Requests/sec:\s+([\d.]+)", report)
            errors = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
            results[name] = float(rate.group(1)) if rate and not errors else None
        return results
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def exists(database):
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
        return found.fetchone() is not None


SAVED = ROOT / "bench" / "results"  # each size's raw figures (not committed)


def bench_size(size, keep, reuse, remeasure):
    saved = SAVED / f"{size}.json"
    previous = json.loads(saved.read_text()) if saved.exists() else None
    if reuse and previous and not remeasure:
        print(f"== {size:,} articles: figures from {saved}", file=sys.stderr)
        return previous
    result = measure_size(size, keep, reuse or remeasure)
    if result["seed_seconds"] is None and previous:  # a kept database: when it was built
        result["seed_seconds"] = previous.get("seed_seconds")
    SAVED.mkdir(exist_ok=True)
    saved.write_text(json.dumps(result))
    return result


def measure_size(size, keep, reuse):
    database = f"newsroom_bench_{size}"
    if reuse and exists(database):
        print(f"== {size:,} articles: reusing {database}", file=sys.stderr)
        seconds = None
    else:
        print(f"== {size:,} articles: building {database}", file=sys.stderr)
        seconds = build(database, size)
    try:
        measured = run(
            [PYTHON, "-m", "bench.measure"], environment(database), capture_output=True, text=True
        )
        result = json.loads(measured.stdout)
        result["seed_seconds"] = seconds
        print(measured.stderr, file=sys.stderr, end="")
        result["cold_rps"] = throughput(database, result["load_urls"], "none")
        result["warm_rps"] = throughput(database, result["load_urls"], "redis")
        return result
    finally:
        if not keep:
            admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def verdict(value, target):
    return "✓" if value <= target else f"✗ ({value / target:.1f}×)"


def table(results):
    sizes = [r["articles"] for r in results]
    lines = [
        "| page | " + " | ".join(f"{n:,} articles: queries · cold p50 / p95 · warm p50 / p95 "
                                 "· cold CPU p50 / p95 (ms)" for n in sizes)
        + " | target at the largest (cold CPU p95; warm p95) |",
        "| --- | " + " | ".join("---" for _ in sizes) + " | --- |",
    ]  # fmt: skip
    for index, page in enumerate(results[0]["pages"]):
        cells = []
        for result in results:
            p = result["pages"][index]
            cells.append(
                f"{p['queries']} q · {p['cold_p50']:.1f} / {p['cold_p95']:.1f} · "
                f"{p['warm_p50']:.1f} / {p['warm_p95']:.1f} · "
                f"{p['cold_cpu_p50']:.1f} / {p['cold_cpu_p95']:.1f}"
            )
        largest = results[-1]["pages"][index]
        target = TARGET_SEARCH_MS if largest["search"] else TARGET_PAGE_MS
        check = f"≤ {target}: {verdict(largest['cold_cpu_p95'], target)}; warm ≤ "
        check += f"{TARGET_WARM_MS}: {verdict(largest['warm_p95'], TARGET_WARM_MS)}"
        lines.append(
            f"| {page['name']} (`{page['url'][:60]}`) | " + " | ".join(cells) + f" | {check} |"
        )
    return "\n".join(lines)


def summary(results):
    largest = results[-1]
    pages = {p["name"]: p for p in largest["pages"]}
    first, last = pages["list, first page"], pages["list, last page"]
    same_queries = all(
        [p["queries"] for p in r["pages"]] == [p["queries"] for p in results[0]["pages"]]
        for r in results
    )
    lines = [
        "",
        f"- Queries per page the same at every size: {'yes' if same_queries else 'NO'}.",
        f"- Last page of the unfiltered list vs the first (cold p95): "
        f"{last['cold_p95']:.1f} ms vs {first['cold_p95']:.1f} ms "
        f"({last['cold_p95'] / first['cold_p95']:.2f}×; target ≤ 2×).",
    ]
    for result in results:
        seeded = result["seed_seconds"]
        seeded = f" (seeded in {seeded:.0f} s)" if seeded else ""
        start, end = result.get("load_average", (0, 0))
        seeded += f", load average {start:.1f} → {end:.1f} while timing pages"
        lines.append(
            f"- {result['articles']:,} articles{seeded}: "
            + "; ".join(
                f"{name} {rate_text(result['cold_rps'][name])} req/s cold, "
                f"{rate_text(result['warm_rps'][name])} warm"
                for name in result["cold_rps"]
            )
            + f" (target: filtered list ≥ {TARGET_RPS} req/s cold)."
        )
    return "\n".join(lines)


EXTRAPOLATED_SIZES = (1_000_000, 10_000_000)


def growth_exponent(sizes, times):
    """k of time ∝ articles^k between the two largest sizes, between 0 (flat) and 1 (linear
    in the archive). The smaller sizes are left out: there, fixed costs hide the growth."""
    (small, large), (before, after) = sizes[-2:], [max(t, 0.1) for t in times[-2:]]
    slope = math.log(after / before) / math.log(large / small)
    return min(max(slope, 0.0), 1.0)


def extrapolation(results):
    """Each page's cold CPU p95 carried to 1M and 10M articles along its measured curve."""
    if len(results) < 2:
        return ""
    sizes = [r["articles"] for r in results]
    largest = sizes[-1]
    lines = [
        "",
        "## Extrapolated to 1M and 10M articles",
        "",
        "Each page's cold CPU p95 carried on along a power law (time ∝ articles^k, k "
        "between 0 and 1) through its two largest measurements. A guide, not a "
        "measurement: a few milliseconds of timing noise move k by ±0.05; the README "
        "(Growing past one machine) says which pages are flat by construction and what "
        "grows with the matches.",
        "",
        "| page | k | " + " | ".join(f"{n:,} (measured)" for n in sizes[-1:])
        + " | " + " | ".join(f"{n:,} (extrapolated)" for n in EXTRAPOLATED_SIZES) + " |",
        "| --- | ---: | ---: | " + " | ".join("---:" for _ in EXTRAPOLATED_SIZES) + " |",
    ]  # fmt: skip
    for index, page in enumerate(results[0]["pages"]):
        times = [r["pages"][index]["cold_cpu_p95"] for r in results]
        k = growth_exponent(sizes, times)
        projected = [times[-1] * (n / largest) ** k for n in EXTRAPOLATED_SIZES]
        lines.append(
            f"| {page['name']} | {k:.2f} | {times[-1]:,.0f} ms | "
            + " | ".join(f"{t:,.0f} ms" for t in projected)
            + " |"
        )
    return "\n".join(lines)


def rate_text(rate):
    return "n/a" if rate is None else f"{rate:,.0f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--out", default=str(ROOT / "bench" / "RESULTS.md"))
    parser.add_argument("--keep", action="store_true", help="Keep the benchmark databases.")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Reuse kept databases, and the saved figures of sizes already measured "
        "(bench/results/); implies --keep.",
    )
    parser.add_argument(
        "--remeasure",
        action="store_true",
        help="Measure the kept databases again (after a code change), keeping the time "
        "each took to build; implies --keep.",
    )
    options = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk): no throughput figures.", file=sys.stderr)
    keep = options.keep or options.reuse or options.remeasure
    results = [bench_size(size, keep, options.reuse, options.remeasure) for size in options.sizes]
    text = (
        "# Page benchmark\n\n"
        "Produced by `make bench` (bench/pages.py) on PostgreSQL, on the development machine: "
        "2 cores, possibly shared with other work (load average below), so the benchmark's "
        "processes and their database backends run at nice -10. Each cell: SQL "
        "queries per request · server time p50 / p95 with the cache cleared before each "
        "request (cold) · p50 / p95 from the page cache (warm) · CPU time of a cold request "
        "(Django's process plus its PostgreSQL backend, from Linux's schedstat: the work the "
        "request costs, which is its wall time on an idle machine), in milliseconds, over 25 "
        "requests. Requests per second: gunicorn with 2 workers, wrk with 16 connections on "
        "loopback, 10 s.\n\n"
        + table(results)
        + "\n"
        + summary(results)
        + "\n"
        + extrapolation(results)
        + "\n"
    )
    Path(options.out).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
