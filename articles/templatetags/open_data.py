"""Links from the pages to the same records as data: JSON (the API), CSV and Atom.

`{% article_data_links query %}` offers the articles a query string selects (the article
list's parameters) in every format; `{% article_alternates query title %}` advertises them in
the page's <head>; `{% quote_data_links query %}` and `{% quote_alternates query title %}` do
the same for quotations; `{% record_data_links "person" query %}` offers a list of people,
organisations, places or events. The links carry exactly the parameters of the page.
"""

from django import template
from django.urls import reverse

from ..citations import bibtex

register = template.Library()


def _with_query(path, query):
    return f"{path}?{query}" if query else path


def _page_query(query, page):
    """The query of the page on screen: the JSON link gives that page."""
    if page and page > 1:
        return f"{query}&page={page}" if query else f"page={page}"
    return query


def _article_links(query, feed_url="", page=None):
    return {
        "json_url": _with_query(reverse("api:article-list"), _page_query(query, page)),
        "csv_url": _with_query(reverse("articles:article-export"), query),
        "mentions_csv_url": _with_query(reverse("articles:mention-export"), query),
        "feed_url": feed_url or _with_query(reverse("articles:article-feed"), query),
    }


@register.inclusion_tag("articles/includes/_data_links.html")
def article_data_links(query="", feed_url="", page=None, count=None):
    """JSON for the page of articles on screen; CSV and the feed for the whole selection."""
    return {**_article_links(query, feed_url, page), "noun": "articles", "count": count}


@register.inclusion_tag("articles/includes/_alternates.html")
def article_alternates(query="", title="", feed_url=""):
    return {**_article_links(query, feed_url), "title": title}


def _quote_links(query, page=None):
    return {
        "json_url": _with_query(reverse("api:quote-list"), _page_query(query, page)),
        "csv_url": _with_query(reverse("articles:quote-export"), query),
        "feed_url": _with_query(reverse("articles:quote-feed"), query),
    }


@register.inclusion_tag("articles/includes/_data_links.html")
def quote_data_links(query="", page=None, count=None):
    """JSON for the page of quotations on screen; CSV and the feed for the whole selection
    (`query`: the quotation list's parameters)."""
    return {**_quote_links(query, page), "noun": "quotations", "count": count}


@register.inclusion_tag("articles/includes/_alternates.html")
def quote_alternates(query="", title=""):
    return {**_quote_links(query), "title": title}


RECORDS_WITH_CSV = {"person", "organisation", "place", "event"}
PLURALS = {
    "person": "people",
    "organisation": "organisations",
    "place": "places",
    "event": "events",
}


@register.inclusion_tag("articles/includes/_data_links.html")
def record_data_links(kind, query="", page=None, count=None):
    """JSON, and CSV where there is an export, for a list of people, organisations, places
    or events (`kind`: "person", …); `query` holds the list's own parameters."""
    csv_url = ""
    if kind in RECORDS_WITH_CSV:
        csv_url = _with_query(reverse(f"articles:{kind}-export"), query)
    return {
        "json_url": _with_query(reverse(f"api:{kind}-list"), _page_query(query, page)),
        "csv_url": csv_url,
        "noun": PLURALS[kind],
        "count": count,
    }


def _entity_query_and_feed(parameter, record):
    """For a person, organisation or place page: the selection of its articles, and its
    own feed (`parameter` is the article list's: "person", "organisation" or "place")."""
    feed_url = reverse(f"articles:{parameter}-feed", kwargs={"slug": record.slug})
    return f"{parameter}={record.slug}", feed_url


@register.inclusion_tag("articles/includes/_data_links.html")
def entity_data_links(parameter, record, count=None):
    query, feed_url = _entity_query_and_feed(parameter, record)
    return {**_article_links(query, feed_url), "noun": "articles", "count": count}


@register.inclusion_tag("articles/includes/_alternates.html")
def entity_alternates(parameter, record):
    query, feed_url = _entity_query_and_feed(parameter, record)
    title = f"Newsroom: articles naming {record.name}"
    return {**_article_links(query, feed_url), "title": title}


@register.simple_tag(takes_context=True)
def absolute_url(context, record):
    """The record's full address on this site: the stable URL to cite."""
    return context["request"].build_absolute_uri(record.get_absolute_url())


@register.simple_tag
def bibtex_entry(article, url):
    return bibtex(article, url)
