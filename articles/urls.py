from django.urls import path

from . import exports, feeds, views
from .caching import cache_public_page as cached

app_name = "articles"

# Every public page is cached per URL until the archive next changes (see caching.py).
urlpatterns = [
    path("", cached(views.HomeView.as_view()), name="home"),
    path("articles/", cached(views.ArticleListView.as_view()), name="article-list"),
    path("articles/<slug:slug>/", cached(views.ArticleDetailView.as_view()), name="article-detail"),
    path("people/", cached(views.PersonListView.as_view()), name="person-list"),
    path("people/<slug:slug>/", cached(views.PersonDetailView.as_view()), name="person-detail"),
    path("organisations/", cached(views.OrganisationListView.as_view()), name="organisation-list"),
    path(
        "organisations/<slug:slug>/",
        cached(views.OrganisationDetailView.as_view()),
        name="organisation-detail",
    ),
    path("places/", cached(views.PlaceListView.as_view()), name="place-list"),
    path("places/<slug:slug>/", cached(views.PlaceDetailView.as_view()), name="place-detail"),
    path("quotes/", cached(views.QuoteListView.as_view()), name="quote-list"),
    path("timeline/", cached(views.TimelineView.as_view()), name="timeline"),
    path("events/", cached(views.EventListView.as_view()), name="event-list"),
    path("events/<slug:slug>/", cached(views.EventDetailView.as_view()), name="event-detail"),
    path("exports/articles.csv", exports.ArticleExportView.as_view(), name="article-export"),
    path("exports/mentions.csv", exports.MentionExportView.as_view(), name="mention-export"),
    path("exports/people.csv", exports.PersonExportView.as_view(), name="person-export"),
    path(
        "exports/organisations.csv",
        exports.OrganisationExportView.as_view(),
        name="organisation-export",
    ),
    path("exports/places.csv", exports.PlaceExportView.as_view(), name="place-export"),
    path("exports/events.csv", exports.EventExportView.as_view(), name="event-export"),
    path("exports/quotes.csv", exports.QuoteExportView.as_view(), name="quote-export"),
    path("feeds/articles.atom", feeds.ArticleFeed(), name="article-feed"),
    path("feeds/people/<slug:slug>.atom", feeds.PersonFeed(), name="person-feed"),
    path(
        "feeds/organisations/<slug:slug>.atom",
        feeds.OrganisationFeed(),
        name="organisation-feed",
    ),
    path("feeds/places/<slug:slug>.atom", feeds.PlaceFeed(), name="place-feed"),
    path("feeds/quotes.atom", feeds.QuoteFeed(), name="quote-feed"),
    path("suggestions/", cached(views.SuggestionsView.as_view()), name="suggestions"),
]
