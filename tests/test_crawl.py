"""A crawl of the whole seeded site finds no broken internal link."""

from collections import deque
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest

from .html import hrefs

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = ("/admin/", "/static/")


def filter_values(url):
    return len(parse_qsl(urlsplit(url).query))


def test_every_internal_link_resolves(client):
    """Visit every page reachable from the home page. Links are followed from every page
    except filtered lists with more than one narrowing, whose facet links would combine
    without end; those lists are still visited, so their own links are checked too."""
    seen, queue, checked = {"/"}, deque(["/"]), 0
    while queue:
        url = queue.popleft()
        response = client.get(url)
        checked += 1
        assert response.status_code == 200, f"{url} -> {response.status_code}"
        if filter_values(url) > 1:
            continue
        for href in hrefs(response):
            target = urljoin(url, href.split("#")[0])
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not target or target.startswith(SKIPPED_PREFIXES):
                continue
            if target not in seen:
                seen.add(target)
                queue.append(target)
    assert checked > 100  # the crawl reached the whole archive, not just the front page
