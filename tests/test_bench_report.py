"""The benchmark's report (bench/pages.py): the table flags the targets a page misses, and
the extrapolation carries each page along its own measured curve. No database: the
figures are made up."""

from bench.pages import extrapolation, growth_exponent, summary, table


def page(name, cold_cpu_p95, queries=8, search=False, url="/"):
    return {
        "name": name,
        "url": url,
        "queries": queries,
        "search": search,
        "cold_p50": cold_cpu_p95 * 0.9,
        "cold_p95": cold_cpu_p95,
        "warm_p50": 0.3,
        "warm_p95": 0.5,
        "cold_cpu_p50": cold_cpu_p95 * 0.9,
        "cold_cpu_p95": cold_cpu_p95,
    }


def results():
    """A flat page, a page linear in the archive, a search over target, at three sizes."""
    sizes = {1_000: 1, 10_000: 10, 100_000: 100}
    return [
        {
            "articles": size,
            "seed_seconds": size / 300,
            "load_average": (0.5, 0.6),
            "cold_rps": {"filtered list": 120.0},
            "warm_rps": {"filtered list": 1500.0},
            "pages": [
                page("list, first page", 12),
                page("list, last page", 13),
                page("grows", 0.4 * factor),
                page("search", 2 * factor, search=True, url="/articles/?q=x"),
            ],
        }
        for size, factor in sizes.items()
    ]


def test_a_flat_curve_stays_flat_and_a_linear_one_grows_tenfold_a_decade():
    assert growth_exponent([1_000, 10_000, 100_000], [30, 12, 12]) == 0.0
    assert growth_exponent([1_000, 10_000, 100_000], [1, 10, 100]) == 1.0
    assert round(growth_exponent([10_000, 100_000], [10, 20]), 2) == 0.30  # 2× a decade
    assert growth_exponent([1_000, 10_000, 100_000], [30, 20, 10]) == 0.0  # never shrinks
    rows = {line.split(" | ")[0]: line for line in extrapolation(results()).splitlines()}
    assert rows["| list, first page"].endswith("| 12 ms | 12 ms | 12 ms |")
    assert rows["| grows"].endswith("| 40 ms | 400 ms | 4,000 ms |")


def test_the_table_flags_a_missed_target_by_how_much():
    rows = {line.split(" (`")[0]: line for line in table(results()).splitlines()}
    assert rows["| list, first page"].endswith("≤ 50: ✓; warm ≤ 5: ✓ |")
    assert "≤ 150: ✗ (1.3×)" in rows["| search"]  # 200 ms at 100,000 articles
    report = summary(results())
    assert "Queries per page the same at every size: yes." in report
    assert "(1.08×; target ≤ 2×)" in report
    assert "filtered list 120 req/s cold, 1,500 warm" in report
