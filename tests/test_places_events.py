"""Places and events: the pages, the place filter with its facet, and the event links."""

import pytest

from articles.models import Article, Event, Place

from .html import hrefs, links, text

pytestmark = pytest.mark.django_db

SOCHI_ARTICLE = "/articles/damascus-moscow-back-un-freeze-plan/"


def test_places_list_counts_articles_and_filters_by_kind(client):
    response = client.get("/places/")
    assert response.status_code == 200
    assert ("/places/aleppo/", "Aleppo") in links(response)
    aleppo_articles = Article.objects.naming_place("aleppo").count()
    assert aleppo_articles == 5
    assert "/articles/?place=aleppo" in hrefs(response)
    countries = client.get("/places/?kind=country")
    listed = {h for h in hrefs(countries) if h.startswith("/places/") and h.count("/") == 3}
    assert "/places/syria/" in listed
    assert "/places/aleppo/" not in listed


def test_place_page_shows_position_parent_events_and_articles(client):
    response = client.get("/places/sochi/")
    page = text(response)
    assert "City" in page
    assert "43.60280° N, 39.73420° E" in page
    assert "/places/russia/" in hrefs(response)  # the country it lies in
    assert "/events/sochi-meeting/" in hrefs(response)
    assert SOCHI_ARTICLE in hrefs(response)
    assert "Articles naming Sochi 1" in page
    country = client.get("/places/russia/")
    assert "/places/sochi/" in hrefs(country)  # places in it


def test_article_list_filters_by_place_with_facet_counts(client):
    response = client.get("/articles/?place=handarat")
    page = text(response)
    assert "1 article matches" in page
    assert "Place: Handarat" in page
    assert "/articles/un-mediator-says-shared-threat-of-is-could-promote-syria-truce/" in hrefs(
        response
    )
    everything = client.get("/articles/")
    assert "Places" in text(everything)
    # the facet narrows further, and its count is that of the narrower list
    assert "?place=aleppo" in hrefs(everything)
    both = client.get("/articles/?place=aleppo&place=sochi")
    assert "1 article matches" in text(both)
    assert "?place=aleppo" in hrefs(both)  # removes Sochi again


def test_unknown_place_is_a_clear_error(client):
    response = client.get("/articles/?place=atlantis")
    assert response.status_code == 400
    assert "No place in the archive has the identifier “atlantis”" in text(response)
    assert client.get("/places/atlantis/").status_code == 404
    assert client.get("/places/?kind=planet").status_code == 400


def test_article_page_links_places_in_the_text_and_lists_its_events(client):
    response = client.get(SOCHI_ARTICLE)
    body = response.content.decode()
    assert 'class="mention mention-place" href="/places/sochi/">Sochi</a>' in body
    assert "/events/sochi-meeting/" in hrefs(response)
    assert "26 November 2014" in text(response)


def test_events_list_is_chronological_with_dates_as_precise_as_known(client):
    response = client.get("/events/")
    page = text(response)
    assert page.index("31 October 2014") < page.index("18 December 2015")
    assert "February 2016 The cessation of hostilities takes effect" in page
    assert "2015 Russia joins the war" in page
    event_links = [h for h in hrefs(response) if h.startswith("/events/") and h != "/events/"]
    assert event_links == [e.get_absolute_url() for e in Event.objects.chronological()]


def test_event_page_links_its_articles_participants_and_places(client):
    response = client.get("/events/sochi-meeting/")
    page = text(response)
    assert "The Sochi meeting" in page
    assert "26 November 2014" in page
    for url in [
        SOCHI_ARTICLE,
        "/people/vladimir-putin/",
        "/people/walid-muallem/",
        "/organisations/government-of-russia/",
        "/places/sochi/",
    ]:
        assert url in hrefs(response)
    ceasefire = text(client.get("/events/cessation-of-hostilities/"))
    assert "February 2016 (the reporting gives the month only)" in ceasefire


def test_person_and_organisation_pages_list_their_events(client):
    person = client.get("/people/staffan-de-mistura/")
    assert "/events/de-mistura-aleppo-action-plan/" in hrefs(person)
    council = client.get("/organisations/un-security-council/")
    assert "/events/unsc-resolution-2254/" in hrefs(council)


def test_curated_events_cover_the_negotiations(client):
    assert 20 <= Event.objects.count() <= 30
    checks = {
        "de-mistura-aleppo-action-plan": ("2014-10-31", "day"),
        "sochi-meeting": ("2014-11-26", "day"),
        "unsc-resolution-2254": ("2015-12-18", "day"),
        "cessation-of-hostilities": ("2016-02-01", "month"),
    }
    for slug, (date, precision) in checks.items():
        event = Event.objects.get(slug=slug)
        assert (str(event.date), event.date_precision) == (date, precision)
        assert event.articles.exists()
    assert not Event.objects.filter(articles=None).exists()  # every event is reported


def test_every_place_has_coordinates():
    assert not Place.objects.filter(latitude=None).exists()
