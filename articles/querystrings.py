"""Build links that change one parameter of the current query string."""

from django.http import QueryDict


def _copy(query):
    """A mutable copy of `query` without empty values (`?q=&person=x` links as `?person=x`)
    and without the page: a changed filter starts again at the first page."""
    copy = QueryDict(mutable=True)
    if query is not None:
        for key, values in query.lists():
            if key != "page":
                copy.setlist(key, [value for value in values if value])
    return copy


def with_value(query, key, value):
    """The query with `value` added to the values of `key` (kept once)."""
    copy = _copy(query)
    values = [v for v in copy.getlist(key) if v and v != value]
    copy.setlist(key, [*values, value])
    return "?" + copy.urlencode()


def replacing(query, key, value):
    """The query with `key` set to `value` alone."""
    copy = _copy(query)
    copy.setlist(key, [value])
    return "?" + copy.urlencode()


def without_value(query, key, value=None):
    """The query without `value` among the values of `key` (without `key` if value is None)."""
    copy = _copy(query)
    if value is None:
        copy.pop(key, None)
    else:
        copy.setlist(key, [v for v in copy.getlist(key) if v and v != value])
    encoded = copy.urlencode()
    return "?" + encoded if encoded else "?"


def with_order(query, sort):
    """An encoded query string (without "?") with `sort=` added."""
    return f"{query}&sort={sort}" if query else f"sort={sort}"
