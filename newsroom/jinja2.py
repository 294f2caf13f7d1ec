"""The Jinja2 environment of the public pages (templates/jinja2/, see settings.TEMPLATES).

The pages were first written for Django's template engine; what they used of it is here,
so that they render the same HTML: `url()`, `static()`, `querystring()`, Django's `date`,
`pluralize`, `truncatewords` and `capfirst` filters, Django's escaping, and the links to the
pages as data (articles/open_data.py).
"""

import html

from django.template import defaultfilters, defaulttags
from django.templatetags.static import static
from django.urls import reverse
from django.utils.timezone import template_localtime
from jinja2 import Environment, pass_context
from markupsafe import Markup

from articles import open_data
from articles.citations import bibtex


def url(name, *args, **kwargs):
    """Django's {% url %}: the path of the named route."""
    return reverse(name, args=args, kwargs=kwargs)


@pass_context
def querystring(context, **changes):
    """Django's {% querystring %}: the page's query string with `changes` made (None
    removes a parameter), "?"-prefixed and ready for an href."""
    return defaulttags.querystring(None, context["request"].GET, **changes)


def date(value, format_string=None):
    """Django's `date` filter: Django's format strings ("j F Y"), in the current time zone."""
    return defaultfilters.date(template_localtime(value), format_string)


def escape_as_django(value):
    """Django's escaping of an expression's value (html.escape: quotes as &quot; and &#x27;,
    where MarkupSafe writes &#34; and &#39;), so that pages stay as the Django engine wrote
    them; safe strings (mark_safe, format_html: search snippets, the timeline's marks, the
    linked article text) and Jinja2's own markup (macros) pass unchanged. The same as
    django.utils.html.conditional_escape, without its lazy-string wrapper: it runs for
    every {{ }} of every page."""
    if hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value)))


def environment(**options):
    env = Environment(
        # Included partials end with a newline, as the Django engine kept it.
        keep_trailing_newline=True,
        finalize=escape_as_django,
        **options,
    )
    env.globals.update(
        url=url,
        static=static,
        querystring=querystring,
        bibtex=bibtex,
        article_data_links=open_data.article_data_links,
        article_alternates=open_data.article_alternates,
        quote_data_links=open_data.quote_data_links,
        quote_alternates=open_data.quote_alternates,
        record_data_links=open_data.record_data_links,
        entity_data_links=open_data.entity_data_links,
        entity_alternates=open_data.entity_alternates,
    )
    env.filters.update(
        date=date,
        pluralize=defaultfilters.pluralize,
        truncatewords=defaultfilters.truncatewords,
        capfirst=defaultfilters.capfirst,
    )
    return env
