"""A crawl of the whole seeded site finds no broken internal link."""

from collections import Counter, deque
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest

from .html import hrefs

pytestmark = pytest.mark.django_db

# The same lists as data (JSON, CSV, Atom) are checked from every kind of page in
# tests/test_open_data.py; crawling them too would multiply the crawl for nothing.
SKIPPED_PREFIXES = ("/admin/", "/static/", "/api/", "/exports/", "/feeds/")
# Filtered lists differ only in their parameters' values; a few of each shape check the
# links they make. Without a bound, facet links combine into thousands of lists.
LISTS_PER_SHAPE = 4


def shape(url):
    """A filtered list's path and the names of its parameters, e.g.
    ('/articles/', ('person', 'place')); None for a page without parameters."""
    parts = urlsplit(url)
    if not parts.query:
        return None
    return parts.path, tuple(sorted({name for name, _ in parse_qsl(parts.query)}))


def filter_values(url):
    return len(parse_qsl(urlsplit(url).query))


def test_every_internal_link_resolves(client):
    """Visit every page reachable from the home page: every record's page, and up to
    LISTS_PER_SHAPE filtered lists of each shape. Links are followed from every page except
    lists with more than one narrowing, whose facet links would combine without end; those
    lists are still visited, so their own links are checked too."""
    seen, queue, checked, shapes = {"/"}, deque(["/"]), Counter(), Counter()
    while queue:
        url = queue.popleft()
        response = client.get(url)
        checked[shape(url) is None] += 1
        assert response.status_code == 200, f"{url} -> {response.status_code}"
        if filter_values(url) > 1:
            continue
        for href in hrefs(response):
            target = urljoin(url, href.split("#")[0])
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not target or target.startswith(SKIPPED_PREFIXES):
                continue
            if target in seen:
                continue
            seen.add(target)
            if shape(target) is not None:
                shapes[shape(target)] += 1
                if shapes[shape(target)] > LISTS_PER_SHAPE:
                    continue
            queue.append(target)
    # the crawl reached the whole archive, not just the front page
    assert checked[True] > 100
    assert checked[False] > 20
