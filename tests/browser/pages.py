"""The main pages of the site, as a reader reaches them: each is checked for accessibility
and layout, and photographed by `make screenshots`. Add a page here when one lands."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class MainPage:
    name: str
    url_name: str
    kwargs: dict | None = None
    query: str = ""
    status: int = 200

    def path(self):
        path = reverse(self.url_name, kwargs=self.kwargs)
        return f"{path}?{self.query}" if self.query else path


ARTICLE = "un-mediator-says-shared-threat-of-is-could-promote-syria-truce"
EVENT = "sochi-meeting"

MAIN_PAGES = [
    MainPage("home", "articles:home"),
    MainPage("articles", "articles:article-list"),
    MainPage(
        "articles-filtered",
        "articles:article-list",
        query="person=staffan-de-mistura&organisation=islamic-state&q=Aleppo",
    ),
    MainPage("article", "articles:article-detail", {"slug": ARTICLE}),
    MainPage("people", "articles:person-list"),
    MainPage("person", "articles:person-detail", {"slug": "staffan-de-mistura"}),
    MainPage("organisations", "articles:organisation-list"),
    MainPage("organisation", "articles:organisation-detail", {"slug": "united-nations"}),
    MainPage("places", "articles:place-list"),
    MainPage("place", "articles:place-detail", {"slug": "aleppo"}),
    MainPage("events", "articles:event-list"),
    MainPage("event", "articles:event-detail", {"slug": EVENT}),
    MainPage("quotes", "articles:quote-list"),
    MainPage("timeline", "articles:timeline"),
    MainPage("timeline-filtered", "articles:timeline", query="place=aleppo"),
    MainPage("not-found", "articles:person-detail", {"slug": "nobody-of-that-name"}, status=404),
    MainPage("bad-filter", "articles:article-list", query="date_from=2016-13-45", status=400),
    MainPage("admin-login", "admin:login"),
]
