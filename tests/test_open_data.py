"""Open data as a data user meets it: the same selection as the page, in JSON, CSV and Atom;
links to them from every list; a sitemap, robots.txt and citation metadata."""

import csv
import io
import itertools
import re
import xml.etree.ElementTree as ET
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from articles import exports, feeds
from articles.models import (
    Article,
    Event,
    MentionOrigin,
    Organisation,
    Person,
    Place,
    Quote,
    QuoteOrigin,
)
from articles.selection import QuoteSelection

from .factories import generate_archive, make_article, mention
from .html import hrefs, text

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"

FILTERS = [
    "",
    "?person=john-kerry&person=sergei-lavrov",
    "?person=staffan-de-mistura&date_from=2016-01-01&date_to=2016-12-31",
    "?organisation=islamic-state&organisation=bbc",
    "?person=bashar-al-assad&organisation=syrian-national-coalition&sort=oldest",
    "?place=aleppo&q=truce",
    "?publication=rfe-rl",
    "?date_from=2014-11-12&date_to=2016-04-30",
    "?q=FREEZE+Sochi",
    "?person=sergei-lavrov&person=john-kerry&person=walid-muallem",
]


def html_list(client, query):
    response = client.get("/articles/" + query)
    assert response.status_code == 200
    cards = response.content.decode().split('class="article-card__headline"')[1:]
    return [card.split('href="/articles/', 1)[1].split("/", 1)[0] for card in cards]


def json_list(client, query):
    separator = "&" if query else "?"
    data = client.get(f"/api/articles/{query}{separator}page_size=500").json()
    assert data["count"] == len(data["results"])
    return [article["slug"] for article in data["results"]]


def streamed(response):
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(streamed(response))))


def feed_entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return feed, feed.findall(f"{ATOM}entry")


def entry_slug(entry):
    return urlsplit(entry.find(f"{ATOM}link").get("href")).path.split("/")[2]


@pytest.mark.parametrize("query", FILTERS)
def test_the_page_the_api_the_csv_and_the_feed_list_the_same_articles(client, query):
    on_page = html_list(client, query)
    assert json_list(client, query) == on_page  # same articles, same order
    rows = csv_rows(client.get("/exports/articles.csv" + query))
    assert [row["slug"] for row in rows] == on_page
    _, entries = feed_entries(client.get("/feeds/articles.atom" + query))
    assert {entry_slug(entry) for entry in entries} == set(on_page)
    mention_rows = csv_rows(client.get("/exports/mentions.csv" + query))
    assert {row["article"] for row in mention_rows} == set(on_page)


QUOTE_FILTERS = [
    "",
    "?person=staffan-de-mistura",
    "?person=john-kerry&sort=oldest",
    # an organisation's quotations and its members'
    "?organisation=government-of-syria",
    "?organisation=government-of-russia",
    "?person=john-kerry&q=the&date_from=2015-01-01&date_to=2016-12-31",
    "?q=the",
    "?date_from=2016-01-01&date_to=2016-12-31",
    "?organisation=government-of-syria&q=the&date_from=2014-01-01&sort=oldest",
    "?person=bashar-al-assad&date_to=2014-11-30",
    "?person=staffan-de-mistura&organisation=united-nations",  # none: all formats agree
]


def quote_link(url):
    """The marked passage a quotation links to, as a path with its fragment."""
    parts = urlsplit(url)
    return f"{parts.path}#{parts.fragment}"


def html_quotes(client, query):
    """The passages the quotes page links to, page after page, in order."""
    found = []
    for page in itertools.count(1):
        separator = "&" if query else "?"
        response = client.get(f"/quotes/{query}{separator}page={page}")
        if response.status_code == 404:
            return found
        assert response.status_code == 200
        found += re.findall(r'<cite><a href="([^"]+)">', response.content.decode())
    return found


@pytest.mark.parametrize("query", QUOTE_FILTERS)
def test_the_quotes_page_the_api_the_csv_and_the_feed_list_the_same_quotations(client, query):
    on_page = html_quotes(client, query)
    separator = "&" if query else "?"
    data = client.get(f"/api/quotes/{query}{separator}page_size=500").json()
    assert data["count"] == len(on_page)
    assert [quote_link(quote["html_url"]) for quote in data["results"]] == on_page
    rows = csv_rows(client.get("/exports/quotes.csv" + query))
    assert [quote_link(row["url"]) for row in rows] == on_page
    _, entries = feed_entries(client.get("/feeds/quotes.atom" + query))
    assert {quote_link(entry.find(f"{ATOM}link").get("href")) for entry in entries} == set(on_page)


def test_the_quote_filters_select_something_to_compare():
    """The combinations above are not all empty: each kind of narrowing keeps quotations."""
    counts = {}
    for query in QUOTE_FILTERS:
        selection = QuoteSelection(QueryDict(query.lstrip("?")))
        assert selection.is_valid(), query
        counts[query] = selection.quotes.count()
    assert counts[""] > 30  # more than one page of the HTML list
    assert (
        counts["?organisation=government-of-syria"]
        > Quote.objects.filter(organisation__slug="government-of-syria").count()
    )  # members' quotations count
    empty = [query for query, count in counts.items() if not count]
    assert empty == ["?person=staffan-de-mistura&organisation=united-nations"]


def test_a_researcher_takes_an_organisations_quotations_away(client):
    """From the quotations of Syria's government and its members to a spreadsheet whose
    every row points at the words in their article."""
    page = client.get("/quotes/?organisation=government-of-syria&date_from=2014-01-01")
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Newsroom: quotations by '
        'Government of Syria or its members reported from 1 January 2014 (Atom feed)" '
        'href="/feeds/quotes.atom?organisation=government-of-syria&amp;date_from=2014-01-01">'
    ) in page.content.decode()
    links = [unescape(href) for href in hrefs(page)]
    csv_link = next(href for href in links if href.startswith("/exports/quotes.csv"))
    assert csv_link == "/exports/quotes.csv?organisation=government-of-syria&date_from=2014-01-01"
    download = client.get(csv_link)
    assert download["Content-Disposition"] == (
        'attachment; filename="newsroom-quotes-organisation-government-of-syria-'
        'from-2014-01-01.csv"'
    )
    rows = csv_rows(download)
    assert list(rows[0]) == exports.QUOTE_COLUMNS
    speakers = {(row["speaker_kind"], row["speaker"]) for row in rows}
    assert ("organisation", "government-of-syria") in speakers
    assert ("person", "bashar-al-assad") in speakers  # a member
    for row in rows:
        quote = Quote.objects.select_related("article__publication").get(
            pk=row["url"].rsplit("#quote-", 1)[1]
        )
        article = quote.article
        assert row["text"] == quote.text
        assert article.body[int(row["start"]) : int(row["end"])] == row["text"]
        assert row["date"] == article.published_on.isoformat()
        assert row["article"] == article.slug
        assert row["headline"] == article.headline
        assert row["publication"] == article.publication.name
        assert row["article_url"] == f"http://testserver{article.get_absolute_url()}"
        assert row["url"] == f"http://testserver{quote.get_absolute_url()}"
        marked = client.get(article.get_absolute_url()).content.decode()
        assert f'id="quote-{quote.pk}"' in marked  # the passage the link opens


def test_quote_export_file_names_say_what_was_selected(client):
    cases = {
        "": "newsroom-quotes.csv",
        "?person=john-kerry&date_from=2016-01-01&date_to=2016-12-31": (
            "newsroom-quotes-person-john-kerry-2016.csv"
        ),
        "?organisation=united-nations&q=Aleppo truce&sort=oldest": (
            "newsroom-quotes-organisation-united-nations-words-aleppo-truce.csv"
        ),
    }
    for query, filename in cases.items():
        response = client.get("/exports/quotes.csv" + query)
        assert response["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_a_speaker_the_text_does_not_name_is_left_blank(client):
    quote = Quote.objects.active().filter(person=None, organisation=None).first()
    assert quote is not None
    rows = csv_rows(client.get(f"/exports/quotes.csv?q={quote.text.split()[0]}"))
    row = next(row for row in rows if row["url"].endswith(f"#quote-{quote.pk}"))
    assert (row["speaker_kind"], row["speaker"], row["speaker_name"]) == ("", "", "")


def test_a_rejected_quotation_is_in_no_format(client):
    quote = Quote.objects.active().filter(person__slug="john-kerry").first()
    quote.origin = QuoteOrigin.REJECTED
    quote.save()
    link = quote_link(f"http://testserver{quote.get_absolute_url()}")
    assert link not in html_quotes(client, "?person=john-kerry")
    rows = csv_rows(client.get("/exports/quotes.csv?person=john-kerry"))
    assert link not in [quote_link(row["url"]) for row in rows]
    _, entries = feed_entries(client.get("/feeds/quotes.atom?person=john-kerry"))
    assert link not in [quote_link(entry.find(f"{ATOM}link").get("href")) for entry in entries]


def test_the_quotation_feed_follows_the_newest_whatever_the_order(client):
    feed, entries = feed_entries(client.get("/feeds/quotes.atom?person=john-kerry&sort=oldest"))
    assert feed.find(f"{ATOM}title").text == "Newsroom: quotations by John Kerry"
    alternate = feed.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert alternate == "http://testserver/quotes/?person=john-kerry&sort=oldest"
    published = [entry.find(f"{ATOM}published").text for entry in entries]
    assert published == sorted(published, reverse=True)
    first = entries[0]
    quote = Quote.objects.get(pk=quote_link(first.find(f"{ATOM}link").get("href")).split("-")[-1])
    assert first.find(f"{ATOM}title").text.startswith("John Kerry: “")
    assert first.find(f"{ATOM}author/{ATOM}name").text == "John Kerry"
    summary = first.find(f"{ATOM}summary").text
    assert escape(quote.text) in summary
    assert escape(quote.article.headline) in summary


def test_the_article_feed_follows_the_newest_whatever_the_order(client):
    for query in ("?sort=oldest", "?q=truce", "?person=staffan-de-mistura&sort=oldest"):
        _, entries = feed_entries(client.get("/feeds/articles.atom" + query))
        published = [entry.find(f"{ATOM}published").text for entry in entries]
        assert len(published) > 1, query
        assert published == sorted(published, reverse=True), query
    generate_archive(articles=60)
    _, entries = feed_entries(client.get("/feeds/articles.atom?sort=oldest"))
    newest = Article.objects.newest_first().values_list("slug", flat=True)[: feeds.FEED_SIZE]
    assert [entry_slug(entry) for entry in entries] == list(newest)


def test_quote_exports_and_feeds_run_a_fixed_number_of_queries(client, monkeypatch):
    """One query reads the quotations (batch by batch from one cursor), plus one to look up
    each person or organisation named in the query."""
    expected = {
        "/exports/quotes.csv": 1,
        "/exports/quotes.csv?organisation=government-of-syria&q=the&sort=oldest": 2,
        "/feeds/quotes.atom": 1,
        "/feeds/quotes.atom?person=john-kerry&organisation=united-nations": 3,
        "/exports/events.csv": 5,
        "/exports/events.csv?place=aleppo&person=staffan-de-mistura": 7,
    }

    def counts():
        found = {}
        for url in expected:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
                if response.streaming:
                    streamed(response)
            assert response.status_code == 200, url
            found[url] = len(queries)
        return found

    assert counts() == expected
    generate_archive(articles=300)
    monkeypatch.setattr(exports, "BATCH_SIZE", 100)
    assert Quote.objects.count() > 300
    assert counts() == expected


def test_the_events_export_is_narrowed_like_the_timeline(client):
    everything = csv_rows(client.get("/exports/events.csv"))
    assert [row["slug"] for row in everything] == list(
        Event.objects.chronological().values_list("slug", flat=True)
    )
    query = "?place=aleppo&person=staffan-de-mistura"
    download = client.get("/exports/events.csv" + query)
    assert download["Content-Disposition"] == (
        'attachment; filename="newsroom-events-person-staffan-de-mistura-place-aleppo.csv"'
    )
    rows = csv_rows(download)
    timeline = client.get("/timeline/" + query).content.decode()
    on_timeline = re.findall(r'class="timeline-events__title">.*?href="/events/([^/]+)/"', timeline)
    assert [row["slug"] for row in rows] == on_timeline
    assert [event["slug"] for event in client.get("/api/events/" + query).json()["results"]] == (
        on_timeline
    )
    event = Event.objects.get(slug=rows[0]["slug"])
    assert rows[0]["date_label"] == event.date_label
    assert "Staffan de Mistura" in rows[0]["people"].split("; ")
    assert "Aleppo" in rows[0]["places"].split("; ")
    assert set(rows[0]["articles"].split("; ")) == set(
        event.articles.values_list("slug", flat=True)
    )
    assert rows[0]["url"] == f"http://testserver{event.get_absolute_url()}"


def test_a_new_user_takes_two_peoples_articles_away(client):
    """Filter to articles naming two people, download the CSV and open it; fetch the same
    list as JSON; subscribe to one person's feed."""
    page = client.get("/articles/?person=john-kerry&person=sergei-lavrov")
    links = [unescape(href) for href in hrefs(page)]
    csv_link = next(href for href in links if href.startswith("/exports/articles.csv"))
    assert csv_link == "/exports/articles.csv?person=john-kerry&person=sergei-lavrov"
    download = client.get(csv_link)
    assert download["Content-Disposition"] == (
        'attachment; filename="newsroom-articles-person-john-kerry-person-sergei-lavrov.csv"'
    )
    [row] = csv_rows(download)
    article = Article.objects.get(slug=row["slug"])
    assert row["headline"] == article.headline
    assert row["date"] == "2014-11-11"
    assert row["publication"] == "Radio Free Europe/Radio Liberty"
    assert row["url"] == f"http://testserver/articles/{article.slug}/"
    assert row["original_url"] == article.original_url
    assert {"John Kerry", "Sergei Lavrov"} <= set(row["people"].split("; "))
    assert "Islamic State" in row["organisations"].split("; ")

    json_link = next(href for href in links if href.startswith("/api/articles/"))
    assert client.get(json_link).json()["results"][0]["slug"] == article.slug

    kerry = client.get("/people/john-kerry/")
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="Newsroom: articles naming John Kerry (Atom feed)" '
        'href="/feeds/people/john-kerry.atom">'
    ) in kerry.content.decode()
    feed, entries = feed_entries(client.get("/feeds/people/john-kerry.atom"))
    assert feed.find(f"{ATOM}title").text == "Newsroom: articles naming John Kerry"
    assert len(entries) == 3
    published = [entry.find(f"{ATOM}published").text for entry in entries]
    assert published == sorted(published, reverse=True)


def test_export_file_names_say_what_was_selected(client):
    cases = {
        "?person=staffan-de-mistura&date_from=2016-01-01&date_to=2016-12-31": (
            "newsroom-articles-person-staffan-de-mistura-2016.csv"
        ),
        "?date_from=2016-02-01&date_to=2016-02-29": "newsroom-articles-2016-02.csv",
        "?publication=rfe-rl&date_from=2014-11-01": (
            "newsroom-articles-publication-rfe-rl-from-2014-11-01.csv"
        ),
        '?q=Aleppo "freeze" ../etc/passwd': "newsroom-articles-words-aleppo-freeze-etcpasswd.csv",
        "": "newsroom-articles.csv",
    }
    for query, filename in cases.items():
        response = client.get("/exports/articles.csv" + query)
        assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    response = client.get("/exports/articles.csv?q=" + "word " * 90)
    assert len(response["Content-Disposition"]) < 160


def test_the_mention_table_counts_each_entity_once_per_article(client):
    article = Article.objects.get(
        slug="un-mediator-says-shared-threat-of-is-could-promote-syria-truce"
    )
    rejected = article.person_mentions.get(person__slug="john-kerry")
    rejected.origin = MentionOrigin.REJECTED
    rejected.save()
    rows = csv_rows(client.get("/exports/mentions.csv?publication=rfe-rl"))
    assert rows[0].keys() == {
        "article",
        "date",
        "headline",
        "kind",
        "entity",
        "entity_name",
        "count",
    }
    people = {row["entity"]: int(row["count"]) for row in rows if row["kind"] == "person"}
    expected = article.person_mentions.filter(origin__in=MentionOrigin.active())
    assert people == {m.person.slug: m.count for m in expected}
    assert "john-kerry" not in people  # an editor's rejection holds in exports too
    kinds = {row["kind"] for row in rows}
    assert kinds == {"person", "organisation", "place"}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/exports/articles.csv?person=nobody", "No person in the archive has the identifier"),
        ("/exports/mentions.csv?date_from=2016-13-45", "Enter a date as YYYY-MM-DD"),
        ("/feeds/articles.atom?sort=sideways", "Select a valid choice"),
        ("/feeds/articles.atom?q=%01", "The address contains a control character"),
        ("/feeds/articles.atom?q=%00", "The address contains a null character"),
        ("/exports/people.csv?sort=height", "is not an order of the people list"),
        ("/exports/organisations.csv?kind=spies", "“spies” is not a kind of organisation"),
        ("/exports/places.csv?kind=moon", "“moon” is not a kind of place"),
        ("/exports/quotes.csv?person=nobody", "Said by: No person in the archive has that"),
        ("/exports/quotes.csv?organisation=x&sort=up", "No organisation in the archive has"),
        ("/feeds/quotes.atom?date_from=2016-13-45", "From: Enter a date as YYYY-MM-DD"),
        (
            "/exports/quotes.csv?date_from=2016-02-01&date_to=2015-01-01",
            "The “from” date is after the “to” date.",
        ),
        ("/feeds/quotes.atom?q=" + "x" * 501, "Search for at most 500 characters"),
        ("/exports/events.csv?place=atlantis", "No place in the archive has the identifier"),
    ],
)
def test_bad_input_to_exports_and_feeds_gets_the_400_page(client, url, message):
    response = client.get(url)
    assert response.status_code == 400
    assert message in text(response)


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/people/nobody.atom",
        "/feeds/organisations/nothing.atom",
        "/feeds/places/nowhere.atom",
    ],
)
def test_a_feed_of_an_unknown_record_is_a_404(client, url):
    assert client.get(url).status_code == 404


def test_a_stored_text_with_control_characters_still_makes_a_valid_feed(client):
    article = make_article(headline="Truce\x0c talks\x01 resume", text="Body\x0b text\x1f here.")
    mention(article, Person.objects.get(slug="john-kerry"))
    _, entries = feed_entries(client.get("/feeds/people/john-kerry.atom"))
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert "Truce talks resume" in titles
    article.refresh_from_db()
    assert article.headline == "Truce\x0c talks\x01 resume"  # stored text untouched


def test_feeds_carry_what_a_feed_reader_shows(client):
    feed, entries = feed_entries(client.get("/feeds/articles.atom"))
    assert feed.find(f"{ATOM}title").text == "Newsroom: all articles"
    first = entries[0]
    assert entry_slug(first) == "kerry-sees-hope-of-extending-truce-to-syrias-aleppo"
    assert first.find(f"{ATOM}published").text.startswith("2016-05-02")
    assert first.find(f"{ATOM}author/{ATOM}name").text
    assert "Asharq Al-Awsat" in first.find(f"{ATOM}summary").text
    categories = {category.get("term") for category in first.findall(f"{ATOM}category")}
    assert {"John Kerry", "Aleppo"} <= categories


def test_exports_stream_with_a_fixed_number_of_queries_per_batch(client, monkeypatch):
    generate_archive(articles=300)
    monkeypatch.setattr(exports, "BATCH_SIZE", 100)
    for url in ("/exports/articles.csv", "/exports/mentions.csv"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            body = streamed(response)
        assert body.count("\n") > 300
        batches = 4  # 305 articles
        # one query reads the articles (batch by batch from one cursor), and each batch
        # one query per kind of mention
        assert len(queries) == 1 + 3 * batches, url


def test_entity_lists_export_what_their_page_shows(client):
    rows = csv_rows(client.get("/exports/people.csv?sort=articles"))
    assert len(rows) == Person.objects.count()
    counts = [int(row["articles"]) for row in rows]
    assert counts == sorted(counts, reverse=True)
    assert rows[0]["url"].startswith("http://testserver/people/")
    armed = client.get("/exports/organisations.csv?kind=armed_group")
    assert armed["Content-Disposition"].endswith('newsroom-organisations-armed_group.csv"')
    assert {row["kind"] for row in csv_rows(armed)} == {"armed_group"}
    places = csv_rows(client.get("/exports/places.csv"))
    aleppo = next(row for row in places if row["slug"] == "aleppo")
    assert aleppo["parent"] == "syria"
    assert aleppo["latitude"]


LIST_PAGES = {
    "/": ["/api/articles/", "/exports/articles.csv", "/feeds/articles.atom"],
    "/articles/?person=john-kerry&q=truce&page=1": [
        "/api/articles/?person=john-kerry&q=truce",
        "/exports/articles.csv?person=john-kerry&q=truce",
        "/exports/mentions.csv?person=john-kerry&q=truce",
        "/feeds/articles.atom?person=john-kerry&q=truce",
    ],
    "/people/?sort=articles": ["/api/people/?sort=articles", "/exports/people.csv?sort=articles"],
    "/organisations/?kind=armed_group": [
        "/api/organisations/?kind=armed_group",
        "/exports/organisations.csv?kind=armed_group",
    ],
    "/places/?kind=city": ["/api/places/?kind=city", "/exports/places.csv?kind=city"],
    "/events/": ["/api/events/", "/exports/events.csv"],
    "/quotes/?organisation=government-of-syria&q=the&page=1": [
        "/api/quotes/?organisation=government-of-syria&q=the",
        "/exports/quotes.csv?organisation=government-of-syria&q=the",
        "/feeds/quotes.atom?organisation=government-of-syria&q=the",
    ],
    "/quotes/?page=2": ["/api/quotes/?page=2", "/exports/quotes.csv", "/feeds/quotes.atom"],
    "/people/john-kerry/": [
        "/api/quotes/?person=john-kerry&sort=oldest",
        "/exports/quotes.csv?person=john-kerry&sort=oldest",
        "/feeds/quotes.atom?person=john-kerry&sort=oldest",
    ],
    "/organisations/government-of-syria/": [
        "/exports/quotes.csv?organisation=government-of-syria&sort=oldest",
    ],
    "/timeline/?place=aleppo": [
        "/api/events/?place=aleppo",
        "/exports/events.csv?place=aleppo",
        "/api/articles/?place=aleppo&sort=oldest",
        "/exports/articles.csv?place=aleppo&sort=oldest",
        "/feeds/articles.atom?place=aleppo&sort=oldest",
    ],
    "/people/staffan-de-mistura/": [
        "/api/articles/?person=staffan-de-mistura",
        "/exports/articles.csv?person=staffan-de-mistura",
        "/feeds/people/staffan-de-mistura.atom",
    ],
    "/organisations/united-nations/": ["/feeds/organisations/united-nations.atom"],
    "/places/aleppo/": ["/feeds/places/aleppo.atom"],
}


@pytest.mark.parametrize(("page", "expected"), LIST_PAGES.items())
def test_every_list_offers_itself_as_data(client, page, expected):
    links = [unescape(href) for href in hrefs(client.get(page))]
    for url in expected:
        assert url in links, url
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            streamed(response)


def test_the_json_link_of_a_later_page_gives_that_page(client):
    generate_archive(articles=30)
    page = client.get("/articles/?page=2")
    json_link = next(unescape(href) for href in hrefs(page) if href.startswith("/api/articles/"))
    assert json_link == "/api/articles/?page=2"
    on_screen = html_list(client, "?page=2")
    assert [a["slug"] for a in client.get(json_link).json()["results"]] == on_screen

    page = client.get("/quotes/?page=2")
    json_link = next(unescape(href) for href in hrefs(page) if href.startswith("/api/quotes/"))
    assert json_link == "/api/quotes/?page=2"
    on_screen = re.findall(r'<cite><a href="([^"]+)">', page.content.decode())
    results = client.get(json_link).json()["results"]
    assert [quote_link(quote["html_url"]) for quote in results] == on_screen


def test_the_sitemap_lists_every_page(client):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    listed = set()
    for section in sections:
        response = client.get(urlsplit(section).path)
        assert response.status_code == 200
        root = ET.fromstring(response.content)
        listed |= {
            urlsplit(loc.text).path
            for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
        }
    for model in (Article, Person, Organisation, Place, Event):
        for record in model.objects.all():
            assert record.get_absolute_url() in listed
    assert {"/", "/articles/", "/people/", "/organisations/", "/quotes/", "/timeline/"} <= listed


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_an_article_page_carries_citation_metadata_and_a_cite_block(client):
    article = Article.objects.get(
        slug="un-mediator-says-shared-threat-of-is-could-promote-syria-truce"
    )
    page = client.get(article.get_absolute_url()).content.decode()
    url = f"http://testserver{article.get_absolute_url()}"
    for tag in (
        f'<meta name="citation_title" content="{article.headline}">',
        '<meta name="citation_author" content="Joanna Paraszczuk">',
        '<meta name="citation_date" content="2014/11/11">',
        '<meta name="citation_publisher" content="Radio Free Europe/Radio Liberty">',
        f'<meta name="citation_public_url" content="{url}">',
        f'<link rel="canonical" href="{url}">',
    ):
        assert tag in page, tag
    cite = page.split('id="cite"', 1)[1].split("</section>", 1)[0]
    assert f'<a href="{url}">{url}</a>' in cite
    assert "[date inferred by the archive]" in cite
    assert "@misc{un_mediator_says" in cite
    assert "year = {2014}" in cite


def test_an_article_without_byline_has_no_author_tag(client):
    article = Article.objects.get(slug="damascus-moscow-back-un-freeze-plan")
    assert article.byline == ""
    page = client.get(article.get_absolute_url()).content.decode()
    assert "citation_author" not in page
    assert "[headline supplied by the archive]" in page


def test_citations_escape_bibtex_and_html(client):
    article = make_article(
        headline='<b>50% & more</b> {"truce"}', byline="A_B", slug="escaped-citation"
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<b>50%" not in page
    assert r"title = {{&lt;b&gt;50\% \&amp; more&lt;/b&gt; \{&quot;truce&quot;\}}}" in page
    assert r"author = {{A\_B}}" in page


def test_data_links_leave_out_empty_fields_and_the_page(client):
    generate_archive(articles=30)
    page = client.get("/articles/?person=&organisation=&q=&date_from=2011-01-01&page=2&utm=x")
    links = [unescape(href) for href in hrefs(page)]
    assert "/exports/articles.csv?date_from=2011-01-01" in links
    assert "/feeds/articles.atom?date_from=2011-01-01" in links
    assert "/api/articles/?date_from=2011-01-01&page=2" in links
