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
    "/articles/": 10,
    "/articles/?person=staffan-de-mistura&person=sergei-lavrov": 11,
    # Words: two queries look the words up among names and aliases, one marks the matches.
    "/articles/?organisation=islamic-state&publication=rfe-rl&date_from=2014-01-01&q=truce": 15,
    "/articles/?q=freeze+-Sochi": 13,
    "/articles/?place=aleppo&place=geneva": 11,
    ARTICLE: 7,
    "/people/": 2,
    "/people/staffan-de-mistura/": 13,
    "/organisations/": 3,
    "/organisations/united-nations/": 14,
    "/places/": 3,
    "/places/aleppo/": 11,
    "/events/": 2,
    "/events/sochi-meeting/": 5,
    "/timeline/": 11,
    "/timeline/?place=aleppo&person=staffan-de-mistura": 13,
    "/quotes/": 6,
    "/quotes/?organisation=government-of-syria&q=the&date_from=2014-01-01&sort=oldest": 7,
}
DEEP_PAGES = {"/articles/?page=2": 10, "/articles/?page=last": 10}


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
