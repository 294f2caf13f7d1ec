"""Who said what: the quotations list, its filters, and quotations on the pages of the
people and organisations who said them, each linked to the passage marked in its article."""

import re

import pytest

from articles.models import Quote

from .html import hrefs, text

pytestmark = pytest.mark.django_db


def quote_links(response):
    return [h for h in hrefs(response) if re.match(r"^/articles/[\w-]+/#quote-\d+$", h)]


def test_a_reader_follows_de_misturas_words_to_their_sources(client):
    """Open Staffan de Mistura's page, read what he said in order, each with its source."""
    page = client.get("/people/staffan-de-mistura/")
    shown = text(page)
    assert "What Staffan de Mistura said 4" in shown
    assert shown.index("giving an opportunity to someone else") < shown.index(
        "new factor which can turn into the possibility"
    )  # 000 before 001, and within an article in the order of the text
    assert shown.index("A peace deal would be ambitious") < shown.index("But I do have an action")
    links = quote_links(page)
    assert len(links) == 4
    for link in links:
        article_url, anchor = link.split("#")
        article = client.get(article_url)
        quote = Quote.objects.get(pk=anchor.removeprefix("quote-"))
        # the passage is marked where the link lands, with exactly the quoted words
        body = article.content.decode()
        marked = re.search(rf'<mark class="quote" id="{anchor}"[^>]*>(.*?)</mark>', body, re.S)
        assert marked, link
        assert re.sub(r"<[^>]+>", "", marked.group(1)) == quote.text.replace('"', "&quot;")


def test_quotations_list_newest_first_with_speakers_and_sources(client):
    response = client.get("/quotes/")
    page = text(response)
    assert "38 quotations" in page  # every quotation of the five texts
    assert page.index("Both sides, the opposition and the regime") < page.index("the need to meet")
    assert page.index("the need to meet") < page.index("worthy of study")
    assert "Speaker not established" in page
    assert "/people/john-kerry/" in hrefs(response)
    assert len(quote_links(response)) == 30  # the first page


@pytest.mark.parametrize(
    ("query", "count", "present", "absent"),
    [
        ("person=john-kerry", 6, "We’re getting closer", "A peace deal"),
        # the organisation and its members: Assad is affiliated to the government
        ("organisation=government-of-syria", 6, "worthy of study", "We don’t deal"),
        ("organisation=syrian-ministry-of-foreign-affairs", 2, "We don’t deal", "worthy"),
        ("q=Aleppo", 4, "the importance of Aleppo city", "worthy of study"),
        ("q=ALEPPO+freeze", 2, "support his efforts to freeze", "importance of Aleppo"),
        ("date_from=2016-01-01", 14, "the need to meet", "A peace deal"),
        ("date_from=2014-11-27&date_to=2014-11-27", 5, "worthy of study", "the need to meet"),
        ("person=bashar-al-assad&sort=oldest", 4, "merits consideration", "ready to consider"),
    ],
)
def test_filters(client, query, count, present, absent):
    page = text(client.get(f"/quotes/?{query}"))
    assert f"{count} quotation{'s' if count != 1 else ''} match" in page
    assert present in page
    assert absent not in page


def test_assad_said_in_order_when_sorted_oldest_first(client):
    page = text(client.get("/quotes/?person=bashar-al-assad&sort=oldest"))
    assert page.index("merits consideration.") < page.index("worthy of study")


def test_facets_count_what_the_narrower_list_shows(client):
    response = client.get("/quotes/")
    page = text(response)
    assert "Said by" in page
    facet = re.search(r"Government of Syria (\d+)", page[page.index("Said by an organisation") :])
    narrowed = text(client.get("/quotes/?organisation=government-of-syria"))
    assert f"{facet.group(1)} quotations match" in narrowed
    assert "?person=john-kerry" in hrefs(response)


def test_organisation_page_shows_what_it_and_its_members_said(client):
    response = client.get("/organisations/russian-ministry-of-foreign-affairs/")
    page = text(response)
    assert "What it and its members said 3" in page  # the Ministry twice, Lavrov once
    assert "The discussions considered topical issues" in page
    assert "If you think that a conference will be announced" in page


def test_bad_quote_filters_get_a_clear_message(client):
    for query, message in [
        ("person=nobody", "No person in the archive has that identifier"),
        ("organisation=nothing", "No organisation in the archive has that identifier"),
        ("date_from=2016-13-45", "Enter a date as YYYY-MM-DD"),
        ("date_from=2016-05-01&date_to=2014-01-01", "“from” date is after the “to” date"),
        ("q=" + "x" * 600, "at most 500 characters"),
        ("page=abc", "is not a page number"),
    ]:
        response = client.get(f"/quotes/?{query}")
        assert response.status_code == 400, query
        assert message in text(response), query
    assert client.get("/quotes/?page=9").status_code == 404


def test_quote_text_and_notes_are_escaped(client):
    quote = Quote.objects.get(text="worthy of study")
    quote.note = "<script>alert(1)</script>"
    quote.save()
    response = client.get("/quotes/?person=bashar-al-assad")
    assert "<script>alert(1)" not in response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()


def test_a_rejected_quote_is_shown_nowhere(client):
    quote = Quote.objects.get(text="big losses")
    quote.origin = "rejected"
    quote.save()
    assert "big losses" not in text(client.get("/quotes/"))
    article = client.get(quote.article.get_absolute_url()).content.decode()
    assert f'id="quote-{quote.pk}"' not in article
    assert "What Abu Firas al-Halabi said 0" in text(client.get("/people/abu-firas-al-halabi/"))
