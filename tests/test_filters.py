"""The article list narrows by person, organisation, publication, dates and words, several
at once, and its facet counts add up to what the list shows."""

import re
from html import unescape
from urllib.parse import parse_qs

import pytest

from articles.models import Article

from .html import hrefs, result_count, text

pytestmark = pytest.mark.django_db

BY_FILE = {
    "000": "de-mistura-is-advances-may-lead-to-syria-truce",
    "001": "un-mediator-says-shared-threat-of-is-could-promote-syria-truce",
    "002": "damascus-moscow-back-un-freeze-plan",
    "003": "syria-regime-at-talks-to-buy-time-to-kill",
    "004": "kerry-sees-hope-of-extending-truce-to-syrias-aleppo",
}


def listed(client, query):
    """The seed files whose articles the list shows for `query`, and the stated count."""
    response = client.get("/articles/" + query)
    assert response.status_code == 200, text(response)
    shown = {f for f, slug in BY_FILE.items() if f"/articles/{slug}/" in hrefs(response)}
    count = int(re.search(r"(\d+) articles?", text(response).split("Apply", 1)[1]).group(1))
    assert count == len(shown)
    return shown


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"000", "001", "002", "003", "004"}),
        ("?person=sergei-lavrov", {"001", "002"}),
        ("?person=john-kerry", {"001", "003", "004"}),
        ("?person=john-kerry&person=sergei-lavrov", {"001"}),
        ("?person=sergei-lavrov&person=john-kerry&person=walid-muallem", set()),
        ("?organisation=high-negotiations-committee", {"003"}),
        ("?organisation=islamic-state&organisation=bbc", {"000", "001"}),
        ("?person=bashar-al-assad&organisation=syrian-national-coalition", {"000", "001", "002"}),
        ("?publication=rfe-rl", {"001"}),
        ("?date_from=2016-01-01", {"003", "004"}),
        ("?date_from=2014-11-12&date_to=2016-04-30", {"002", "003"}),
        ("?q=freeze", {"000", "001", "002"}),
        ("?q=FREEZE+Sochi", {"002"}),
        ("?q=freeze&person=sergei-lavrov&date_to=2014-11-11", {"001"}),
    ],
)
def test_filters_narrow_the_list(client, query, expected):
    assert listed(client, query) == expected


def test_oldest_first_reverses_the_order(client):
    newest = [
        h
        for h in hrefs(client.get("/articles/"))
        if h.startswith("/articles/") and h.count("/") == 3
    ]
    oldest = [
        h
        for h in hrefs(client.get("/articles/?sort=oldest"))
        if h.startswith("/articles/") and h.count("/") == 3
    ]
    assert oldest == list(reversed(newest))
    assert newest[0] == f"/articles/{BY_FILE['004']}/"


FACET_TITLES = {"publication": "Publications", "person": "People", "organisation": "Organisations"}


def facet_counts(response, parameter):
    """{slug: count} for the facet of `parameter`, read from its links on a list page:
    the slug is the value the link adds (the last one in its query)."""
    facets = response.content.decode().split('<aside class="facets"', 1)[1]
    title = f"<h3>{FACET_TITLES[parameter]}</h3>"
    section = facets.split(title, 1)[1].split("</section>", 1)[0]
    counts = {}
    for href, count in re.findall(
        r'href="(\?[^"]*)">[^<]+</a> <span class="count"[^>]*>(\d+)<', section
    ):
        values = parse_qs(unescape(href)[1:]).get(parameter, [])
        if values and values[-1] not in counts:
            counts[values[-1]] = int(count)
    return counts


@pytest.mark.parametrize(
    "query", ["", "?person=staffan-de-mistura", "?q=truce", "?date_from=2015-01-01"]
)
def test_facet_counts_add_up(client, query):
    response = client.get("/articles/" + query)
    total = result_count(response)
    publications = facet_counts(response, "publication")
    assert sum(publications.values()) == total  # every article has one publication
    people = facet_counts(response, "person")
    assert people
    assert max(people.values()) <= total
    separator = "&" if query else "?"
    for slug, count in list(people.items())[:5]:
        narrowed = client.get(f"/articles/{query}{separator}person={slug}")
        assert result_count(narrowed) == count, slug


def test_facet_links_keep_the_filters_in_force_and_drop_empty_fields(client):
    # An empty form field (as a submitted filter form leaves) does not clutter the links.
    response = client.get("/articles/?q=&date_from=&person=sergei-lavrov")
    assert "?person=sergei-lavrov&person=john-kerry" in [
        h.replace("&amp;", "&") for h in hrefs(response)
    ]


def test_active_filters_are_shown_with_a_link_to_remove_each_and_one_to_clear_all(client):
    response = client.get("/articles/?person=john-kerry&person=sergei-lavrov&q=Aleppo")
    page = text(response)
    assert "Person: John Kerry" in page
    assert "Person: Sergei Lavrov" in page
    assert "Words: Aleppo" in page
    links = hrefs(response)
    assert "?person=sergei-lavrov&q=Aleppo" in links  # Kerry removed
    assert "?person=john-kerry&person=sergei-lavrov" in links  # words removed
    assert "Clear all filters" in page
    assert "/articles/" in links


def test_filtered_views_are_links_one_can_share(client):
    url = "/articles/?person=john-kerry&date_from=2016-01-01&sort=oldest"
    first, second = client.get(url), client.get(url)
    assert first.content == second.content
    assert Article.objects.naming_person("john-kerry").filter(published_on__year=2016).count() == 2
