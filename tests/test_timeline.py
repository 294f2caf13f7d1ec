"""The timeline: events and articles on one axis, narrowed through the URL, every event
linked to its reporting and participants; each person, organisation and place has a strip."""

import re

import pytest

from articles import timeline, views
from articles.models import Article, Event, Person

from .factories import generate_archive
from .html import article_cards, hrefs, links, text

pytestmark = pytest.mark.django_db


def svg_links(response):
    """The hrefs of the links inside the page's SVG charts."""
    svgs = re.findall(r"<svg.*?</svg>", response.content.decode(), re.S)
    return [href for svg in svgs for href in re.findall(r'<a href="([^"]+)"', svg)]


def test_the_whole_timeline_shows_every_event_and_article(client):
    response = client.get("/timeline/")
    assert response.status_code == 200
    page = text(response)
    assert "26 events and 5 articles." in page
    marks = svg_links(response)
    assert {e.get_absolute_url() for e in Event.objects.all()} <= set(marks)
    assert {a.get_absolute_url() for a in Article.objects.all()} <= set(marks)
    # the listing (after the chart) reads in time order, dates as precise as known
    listing = page[page.index("Article March 2011") :]
    assert listing.index("March 2011 The Syrian uprising begins") < listing.index(
        "31 October 2014 De Mistura presents an action plan"
    )
    assert listing.index("2015 Russia joins the war") < listing.index(
        "November 2015 The Vienna process begins"
    )
    assert "style=" not in response.content.decode()  # strict CSP: no inline styles
    # the chart needs no script; only the pickers' file enhances the form
    assert not re.search(r"<script(?![^>]*\bsrc=)", response.content.decode())


def test_filtered_to_aleppo_a_reader_follows_an_event_to_its_reporting(client):
    """Open the timeline filtered to Aleppo and follow an event to its reporting."""
    response = client.get("/timeline/?place=aleppo")
    page = text(response)
    aleppo_events = Event.objects.at_place("aleppo").count()
    assert f"{aleppo_events} events and 5 articles involving Aleppo." in page
    assert "Sochi meeting" not in page  # not at Aleppo
    assert (
        "/events/de-mistura-aleppo-action-plan/",
        "De Mistura presents an action plan for Aleppo",
    ) in links(response)

    event = client.get("/events/de-mistura-aleppo-action-plan/")
    reporting = [
        a.get_absolute_url()
        for a in Event.objects.get(slug="de-mistura-aleppo-action-plan").articles.all()
    ]
    assert reporting
    for url in reporting:
        assert url in hrefs(event)
        assert client.get(url).status_code == 200
    assert "/people/staffan-de-mistura/" in hrefs(event)


def test_events_on_the_timeline_link_their_articles_and_participants(client):
    response = client.get("/timeline/?person=walid-muallem")
    urls = hrefs(response)
    assert "/events/sochi-meeting/" in urls
    assert "/articles/damascus-moscow-back-un-freeze-plan/" in urls
    assert "/people/vladimir-putin/" in urls
    assert "/places/sochi/" in urls
    assert "1 event and 1 article involving Walid Muallem." in text(response)


def test_narrowings_combine_and_each_can_be_removed(client):
    response = client.get("/timeline/?person=staffan-de-mistura&place=geneva")
    page = text(response)
    assert "involving Staffan de Mistura and Geneva" in page
    assert "first meeting with the opposition delegation" in page
    assert "De Mistura presents an action plan" not in page
    assert "?place=geneva" in hrefs(response)  # removes the person
    assert "?person=staffan-de-mistura" in hrefs(response)  # removes the place
    nothing = client.get("/timeline/?person=denis-balibouse&place=sochi")
    assert "Nothing in the archive involves all of these" in text(nothing)


def test_bad_narrowings_get_a_clear_message(client):
    response = client.get("/timeline/?place=atlantis")
    assert response.status_code == 400
    assert "No place in the archive has the identifier “atlantis”" in text(response)
    assert client.get("/timeline/?person=" + "x" * 5000).status_code == 400


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/people/staffan-de-mistura/", "person=staffan-de-mistura"),
        ("/organisations/un-security-council/", "organisation=un-security-council"),
        ("/places/aleppo/", "place=aleppo"),
    ],
)
def test_each_actor_and_place_has_its_own_strip(client, url, parameter):
    response = client.get(url)
    assert "On the timeline" in text(response)
    assert f"/timeline/?{parameter}" in hrefs(response)
    marks = svg_links(response)
    assert any(m.startswith("/events/") for m in marks)
    # the days articles name them link to those articles
    day = next(m for m in marks if m.startswith("/articles/?"))
    assert parameter in day
    listed = client.get(day.replace("&amp;", "&"))
    assert listed.status_code == 200
    assert re.search(r"\d+ articles? match", text(listed))


def test_a_strip_with_more_days_than_it_can_draw_shows_months_that_add_up(client, monkeypatch):
    monkeypatch.setattr(timeline, "MAX_DAY_POINTS", 10)
    generate_archive(articles=100)  # spread over ten years
    person = Person.objects.most_mentioned().first()
    response = client.get(person.get_absolute_url())
    months = [m.replace("&amp;", "&") for m in svg_links(response) if m.startswith("/articles/")]
    assert person.stored_article_count > 10
    assert len(months) < person.stored_article_count  # grouped by month
    titles = re.findall(
        r"<title>(\w+ \d{4}): ([\d,]+) articles?</title>", response.content.decode()
    )
    assert sum(int(n) for _, n in titles) == person.stored_article_count
    # each month's mark leads to exactly that month's articles naming the person
    month, n = titles[0]
    listed = client.get(months[0])
    assert f"{n} article" in text(listed)
    cards = article_cards(listed)
    assert cards
    assert all(f"{card.published_on:%B %Y}" == month for card in cards)


def test_a_timeline_with_too_many_articles_to_list_shows_them_month_by_month(client, monkeypatch):
    monkeypatch.setattr(views, "MAX_LISTED_ARTICLES", 10)
    generate_archive(articles=60)
    response = client.get("/timeline/")
    assert f" and {Article.objects.count()} articles." in text(response)  # the count shown
    page = response.content.decode()
    assert not re.search(r'class="timeline-articles"', page)  # no article listed one by one
    summaries = re.findall(r'<a href="([^"]+)">([\d,]+) articles?</a> in (\w+ \d{4})', page)
    assert sum(int(n) for _, n, _ in summaries) == Article.objects.count()
    url, n, month = summaries[-1]
    listed = client.get(url.replace("&amp;", "&"))
    assert f"{n} article" in text(listed)
    cards = article_cards(listed)
    assert cards
    assert all(f"{card.published_on:%B %Y}" == month for card in cards)
