"""/api/: the endpoints, the OpenAPI schema and its browsable documentation."""

from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter()
# No ".json" suffix routes: `?format=json` (or an Accept header) chooses the format.
router.include_format_suffixes = False
router.register("articles", views.ArticleViewSet, basename="article")
router.register("people", views.PersonViewSet, basename="person")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("places", views.PlaceViewSet, basename="place")
router.register("events", views.EventViewSet, basename="event")
router.register("publications", views.PublicationViewSet, basename="publication")
router.register("quotes", views.QuoteViewSet, basename="quote")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script from a URL of its own, not inline, so the
    # page works under the site's Content-Security-Policy, which forbids inline scripts.
    # Swagger UI's stylesheet draws its icons as data: images, allowed on this page alone.
    path(
        "docs/",
        csp_update({"img-src": ["data:"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
    path("", include(router.urls)),
    re_path(r"^.*$", views.not_found),
]
