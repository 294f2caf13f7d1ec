"""sitemap.xml: every page a search engine should know, in sections by kind of record.

/sitemap.xml is the index; each section (/sitemap-articles.xml, …) lists its pages, split
into pages of at most 50,000 addresses as the protocol requires.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Event, Organisation, Person, Place


class ListPagesSitemap(Sitemap):
    """The home page and the lists."""

    def items(self):
        return [
            "articles:home",
            "articles:article-list",
            "articles:person-list",
            "articles:organisation-list",
            "articles:place-list",
            "articles:quote-list",
            "articles:timeline",
            "articles:event-list",
        ]

    def location(self, name):
        return reverse(name)


class ArticleSitemap(Sitemap):
    def items(self):
        return Article.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, article):
        return article.updated_at


class RecordSitemap(Sitemap):
    """The pages of one kind of record, in a stable order."""

    model = None

    def items(self):
        return self.model.objects.only("slug").order_by("pk")


class PersonSitemap(RecordSitemap):
    model = Person


class OrganisationSitemap(RecordSitemap):
    model = Organisation


class PlaceSitemap(RecordSitemap):
    model = Place


class EventSitemap(RecordSitemap):
    model = Event


SITEMAPS = {
    "pages": ListPagesSitemap,
    "articles": ArticleSitemap,
    "people": PersonSitemap,
    "organisations": OrganisationSitemap,
    "places": PlaceSitemap,
    "events": EventSitemap,
}
