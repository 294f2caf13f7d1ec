"""Links from the pages to the same records as data: JSON (the API), CSV and Atom.

Each function returns the links its partial shows, for the pages' templates (Jinja2
globals, see newsroom/jinja2.py): `article_data_links(query)` offers the articles a query
string selects (the article list's parameters) in every format, for
`articles/includes/_data_links.html`; `article_alternates(query, title)` advertises them in
the page's <head>, for `_alternates.html`; `quote_data_links` and `quote_alternates` do the
same for quotations; `record_data_links("person", query)` offers a list of people,
organisations, places or events. The links carry exactly the parameters of the page.
"""

from django.urls import reverse


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


def _alternates(links, title):
    """What the <head> advertises: the feed, the JSON and the CSV of the selection."""
    return {
        "title": title,
        "feed_url": links["feed_url"],
        "json_url": links["json_url"],
        "csv_url": links["csv_url"],
    }


def article_data_links(query="", feed_url="", page=None, count=None):
    """JSON for the page of articles on screen; CSV and the feed for the whole selection."""
    return {**_article_links(query, feed_url, page), "noun": "articles", "count": count}


def article_alternates(query="", title="", feed_url=""):
    return _alternates(_article_links(query, feed_url), title)


def _quote_links(query, page=None):
    return {
        "json_url": _with_query(reverse("api:quote-list"), _page_query(query, page)),
        "csv_url": _with_query(reverse("articles:quote-export"), query),
        "feed_url": _with_query(reverse("articles:quote-feed"), query),
    }


def quote_data_links(query="", page=None, count=None):
    """JSON for the page of quotations on screen; CSV and the feed for the whole selection
    (`query`: the quotation list's parameters)."""
    return {**_quote_links(query, page), "noun": "quotations", "count": count}


def quote_alternates(query="", title=""):
    return _alternates(_quote_links(query), title)


RECORDS_WITH_CSV = {"person", "organisation", "place", "event"}
PLURALS = {
    "person": "people",
    "organisation": "organisations",
    "place": "places",
    "event": "events",
}


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


def entity_data_links(parameter, record, count=None):
    query, feed_url = _entity_query_and_feed(parameter, record)
    return {**_article_links(query, feed_url), "noun": "articles", "count": count}


def entity_alternates(parameter, record):
    query, feed_url = _entity_query_and_feed(parameter, record)
    return _alternates(_article_links(query, feed_url), f"Newsroom: articles naming {record.name}")
