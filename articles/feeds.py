"""Atom feeds: the latest articles of any selection, and of each person, organisation and
place; the latest quotations of any selection.

`/feeds/articles.atom` takes the article list's parameters, so any filtered list or search
can be followed in a feed reader; the per-entity feeds are the same thing under a stable
address. `/feeds/quotes.atom` takes the quotation list's. Every feed holds the newest
`FEED_SIZE` records of its selection.
"""

import datetime
import re

from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator

from .models import Organisation, Person, Place
from .selection import ArticleSelection, QuoteSelection, written_date

FEED_SIZE = 50
SUMMARY_WORDS = 60

# Characters XML 1.0 cannot carry, even escaped. Query input with them is refused before a
# view runs (newsroom.middleware); stored texts are cleaned here, on the way out only.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text):
    return XML_INVALID.sub("", text)


def _start_of(date):
    """The start of the day `date`, UTC: an article's time of publication is not known."""
    return datetime.datetime.combine(date, datetime.time(), datetime.UTC)


class SelectionFeed(Feed):
    """The first `FEED_SIZE` records the query string selects (`selection_class`), on the
    list page `list_view` (whose address is the feed's link); a 400 for a bad parameter."""

    feed_type = Atom1Feed
    author_name = "Newsroom"
    selection_class = None
    list_view = ""

    def get_object(self, request):
        selection = self.selection_class(self.selection_query(request))
        if not selection.is_valid():
            raise BadRequest(" ".join(selection.error_messages))
        self.request = request
        return selection

    def selection_query(self, request):
        return request.GET

    def title(self, selection):
        return xml_safe(f"Newsroom: {selection.describe()}")

    def subtitle(self, selection):
        return (
            f"The newest {FEED_SIZE} of the Newsroom archive's {selection.describe()}, "
            "from the reporting on the Syrian truce negotiations."
        )

    def link(self, selection):
        query = selection.canonical_query()
        return reverse(self.list_view) + (f"?{query}" if query else "")

    def feed_url(self, selection):
        return self.request.get_full_path()


class ArticleFeed(SelectionFeed):
    """The newest articles the query string selects, newest first."""

    selection_class = ArticleSelection
    list_view = "articles:article-list"

    def items(self, selection):
        # Newest first whatever the list's order (oldest first, or best match first for
        # words): a feed follows what is new.
        articles = selection.articles.defer(None).defer("source_text").newest_first()
        return articles.with_named_entities()[:FEED_SIZE]

    def item_title(self, article):
        return xml_safe(article.headline)

    def item_description(self, article):
        date = written_date(article.published_on)
        opening = Truncator(article.body).words(SUMMARY_WORDS)
        return xml_safe(
            f"<p>{escape(article.publication.name)}, {date}.</p><p>{escape(opening)}</p>"
        )

    def item_link(self, article):
        return article.get_absolute_url()

    def item_pubdate(self, article):
        return _start_of(article.published_on)

    def item_updateddate(self, article):
        return article.updated_at

    def item_author_name(self, article):
        return xml_safe(article.byline or article.publication.name)

    def item_categories(self, article):
        mentions = (
            article.active_person_mentions
            + article.active_organisation_mentions
            + article.active_place_mentions
        )
        return [xml_safe(mention.entity.name) for mention in mentions]


class EntityFeed(ArticleFeed):
    """The newest articles naming one person, organisation or place (a 404 if unknown)."""

    model = None
    parameter = ""

    def get_object(self, request, slug):
        self.entity = get_object_or_404(self.model.objects.only("slug", "name"), slug=slug)
        return super().get_object(request)

    def selection_query(self, request):
        return QueryDict(f"{self.parameter}={self.entity.slug}")

    def link(self, selection):
        return self.entity.get_absolute_url()


class PersonFeed(EntityFeed):
    model = Person
    parameter = "person"


class OrganisationFeed(EntityFeed):
    model = Organisation
    parameter = "organisation"


class PlaceFeed(EntityFeed):
    model = Place
    parameter = "place"


class QuoteFeed(SelectionFeed):
    """The quotations the query string selects (the quotation list's parameters), newest
    report first whatever the list's order, each entry linking to the marked passage."""

    selection_class = QuoteSelection
    list_view = "articles:quote-list"

    def items(self, selection):
        return selection.quotes.newest_first()[:FEED_SIZE]

    def item_title(self, quote):
        speaker = quote.speaker.name if quote.speaker else "Speaker not established"
        return xml_safe(f"{speaker}: “{Truncator(quote.text).words(SUMMARY_WORDS // 4)}”")

    def item_description(self, quote):
        article = quote.article
        date = written_date(article.published_on)
        source = f"{article.headline}, {article.publication.name}, {date}"
        words = f"<blockquote><p>{escape(quote.text)}</p></blockquote>"
        return xml_safe(f"{words}<p>{escape(source)}.</p>")

    def item_link(self, quote):
        return quote.get_absolute_url()

    def item_pubdate(self, quote):
        return _start_of(quote.article.published_on)

    def item_updateddate(self, quote):
        return quote.updated_at

    def item_author_name(self, quote):
        return xml_safe(quote.speaker.name if quote.speaker else quote.article.publication.name)
