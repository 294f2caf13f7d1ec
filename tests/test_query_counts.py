"""Each page runs a fixed number of SQL queries, whatever the size of the archive."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import generate_archive

pytestmark = pytest.mark.django_db

ARTICLE = "/articles/un-mediator-says-shared-threat-of-is-could-promote-syria-truce/"

# Pinned per page: a change here means a page's queries changed; check why.
PAGES = {
    "/": 7,
    "/articles/": 8,
    "/articles/?person=staffan-de-mistura&person=sergei-lavrov": 9,
    "/articles/?organisation=islamic-state&publication=rfe-rl&date_from=2014-01-01&q=truce": 10,
    ARTICLE: 4,
    "/people/": 2,
    "/people/staffan-de-mistura/": 7,
    "/organisations/": 3,
    "/organisations/united-nations/": 8,
}
DEEP_PAGES = {"/articles/?page=2": 8, "/articles/?page=last": 8}


def queries_per_page(client, urls):
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_pages_run_the_same_queries_on_a_bigger_archive(client):
    seed = queries_per_page(client, PAGES)
    generate_archive(articles=300)
    bigger = queries_per_page(client, PAGES)
    assert seed == bigger == PAGES
    assert queries_per_page(client, DEEP_PAGES) == DEEP_PAGES
