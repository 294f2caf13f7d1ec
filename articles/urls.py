from django.urls import path

from . import exports, feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/", views.ArticleListView.as_view(), name="article-list"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path(
        "organisations/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
    path("places/", views.PlaceListView.as_view(), name="place-list"),
    path("places/<slug:slug>/", views.PlaceDetailView.as_view(), name="place-detail"),
    path("quotes/", views.QuoteListView.as_view(), name="quote-list"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("events/", views.EventListView.as_view(), name="event-list"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
    path("exports/articles.csv", exports.ArticleExportView.as_view(), name="article-export"),
    path("exports/mentions.csv", exports.MentionExportView.as_view(), name="mention-export"),
    path("exports/people.csv", exports.PersonExportView.as_view(), name="person-export"),
    path(
        "exports/organisations.csv",
        exports.OrganisationExportView.as_view(),
        name="organisation-export",
    ),
    path("exports/places.csv", exports.PlaceExportView.as_view(), name="place-export"),
    path("feeds/articles.atom", feeds.ArticleFeed(), name="article-feed"),
    path("feeds/people/<slug:slug>.atom", feeds.PersonFeed(), name="person-feed"),
    path(
        "feeds/organisations/<slug:slug>.atom",
        feeds.OrganisationFeed(),
        name="organisation-feed",
    ),
    path("feeds/places/<slug:slug>.atom", feeds.PlaceFeed(), name="place-feed"),
]
