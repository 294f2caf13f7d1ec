"""Each page runs a fixed number of SQL queries, whatever the size of the archive."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import generate_archive

pytestmark = pytest.mark.django_db

ARTICLE = "/articles/un-mediator-says-shared-threat-of-is-could-promote-syria-truce/"

# Pinned per page: a change here means a page's queries changed; check why.
# On PostgreSQL a search tells the planner to prefer indexes (SET LOCAL) in a transaction
# of its own: here, inside the test's transaction, a savepoint and its release; and its
# matched words are asked of ts_headline in a query of their own (see search.highlight).
SEARCH = 4 if connection.vendor == "postgresql" else 0
PHRASE = 1 if connection.vendor == "postgresql" else 0
PAGES = {
    "/": 8,  # the article count is the publications' stored counts added up
    "/articles/": 8,
    # One name and nothing else: its stored count, the page's articles by ids from its
    # mention index (one query), its stored co-mentions as the four facets (one query).
    "/articles/?person=staffan-de-mistura": 5,
    # Narrowed: counted, and the page's articles found, from the mention index where names
    # narrow; all four facets in one query, which chooses the articles it counts (up to
    # FACET_SAMPLE) once.
    "/articles/?person=staffan-de-mistura&person=sergei-lavrov": 6,
    # Words: two queries look them up among names and aliases, one counts the matches
    # (which tells whether they are few enough to rank, and is the list's count), one
    # reads the page's texts to mark the matches.
    "/articles/?organisation=islamic-state&publication=rfe-rl&date_from=2014-01-01&q=truce": 10
    + SEARCH,
    "/articles/?q=freeze+-Sochi": 8 + SEARCH,
    # A phrase: PostgreSQL also says which pairs of adjacent words it holds (one query).
    '/articles/?q="freeze+plan"': 8 + PHRASE + SEARCH,
    "/articles/?place=aleppo&place=geneva": 6,
    ARTICLE: 8,
    "/people/": 2,
    "/people/staffan-de-mistura/": 11,  # co-mentions: one query of the stored ones
    "/organisations/": 3,
    "/organisations/united-nations/": 12,
    "/places/": 3,
    "/places/aleppo/": 9,
    "/events/": 2,
    "/events/sochi-meeting/": 5,
    # Counted first: past MAX_LISTED_ARTICLES the articles are read month by month.
    "/timeline/": 10,
    "/timeline/?place=aleppo&person=staffan-de-mistura": 12,
    "/quotes/": 4,  # speakers are typed (pickers), not listed in selects
    "/quotes/?organisation=government-of-syria&q=the&date_from=2014-01-01&sort=oldest": 5,
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


def test_a_cached_page_runs_no_query(client):
    for url in PAGES:
        client.get(url)
    assert queries_per_page(client, PAGES) == dict.fromkeys(PAGES, 0)
