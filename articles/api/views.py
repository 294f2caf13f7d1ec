"""The API's endpoints: read-only, identified by slug, paged like the HTML lists.

The article and quotation lists read exactly their HTML lists' parameters through
`ArticleSelection` and `QuoteSelection`; the people, organisation and place lists read
theirs (`sort`, `kind`) through the same functions as their pages. A malformed parameter
gets a 400 naming it; an unknown slug in a path a 404.
"""

from django.db.models import Prefetch
from django.http import JsonResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend

from ..models import (
    Affiliation,
    Article,
    Event,
    Organisation,
    OrganisationKind,
    Person,
    Place,
    PlaceKind,
    Publication,
    Quote,
)
from ..selection import (
    PEOPLE_ORDERS,
    ArticleSelection,
    ListParameterError,
    QuoteSelection,
    events_listing,
    organisation_kind,
    organisations_listing,
    people_listing,
    place_kind,
    places_listing,
)
from . import pagination, serializers

ERRORS = {400: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT}


class SelectionBackend(BaseFilterBackend):
    """Narrows a list exactly as its HTML page does, through the view's `selection_class`
    (same FilterSet, same order; the parameters are documented in ARTICLE_PARAMETERS and
    QUOTE_PARAMETERS).

    Only the list is narrowed: a record's own address finds it whatever the query says.
    """

    def filter_queryset(self, request, queryset, view):
        if view.action != "list":
            return queryset
        selection = view.selection_class(request.query_params, records=queryset)
        if not selection.is_valid():
            raise ValidationError(selection.error_dict)
        return selection.records


class RecordViewSet(viewsets.ReadOnlyModelViewSet):
    """Records found by slug. Any value reaches the view, so an impossible slug gets the
    API's JSON 404 rather than the site's HTML one."""

    lookup_field = "slug"
    lookup_value_regex = "[^/]+"


def slug_list_parameter(name, what):
    return OpenApiParameter(
        name,
        {"type": "array", "items": {"type": "string"}},
        description=f"Slug of {what}; repeat to require several.",
    )


ARTICLE_PARAMETERS = [
    slug_list_parameter("person", "a person the articles name"),
    slug_list_parameter("organisation", "an organisation the articles name"),
    slug_list_parameter("place", "a place the articles name"),
    OpenApiParameter("publication", str, description="Slug of the publication."),
    OpenApiParameter("date_from", OpenApiTypes.DATE, description="Published on or after."),
    OpenApiParameter("date_to", OpenApiTypes.DATE, description="Published on or before."),
    OpenApiParameter(
        "q", str, description="Words the headline or text contains, all of them, in any case."
    ),
    OpenApiParameter("sort", str, enum=["newest", "oldest"], description="Order (default newest)."),
]


@extend_schema_view(
    list=extend_schema(
        summary="List articles, narrowed as on the HTML list",
        parameters=ARTICLE_PARAMETERS,
        responses={200: serializers.ArticleSerializer(many=True), **ERRORS},
    ),
    retrieve=extend_schema(summary="One article, with its full text", responses=ERRORS),
)
class ArticleViewSet(RecordViewSet):
    filter_backends = [SelectionBackend]
    selection_class = ArticleSelection
    pagination_class = pagination.ArticlePagination

    def get_queryset(self):
        articles = Article.objects.select_related("publication").with_named_entities()
        if self.action == "list":
            return articles.defer("source_text", "body").newest_first()
        return articles

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.ArticleSerializer
        return serializers.ArticleDetailSerializer


class ListParametersMixin:
    """Turns a list parameter's error into a 400 naming the parameter."""

    list_parameter = None

    def checked(self, read_parameter):
        try:
            return read_parameter(self.request.query_params)
        except ListParameterError as error:
            parameter = error.parameter or self.list_parameter
            raise ValidationError({parameter: [str(error)]}) from None


@extend_schema_view(
    list=extend_schema(
        summary="List people, with how many articles name each",
        parameters=[
            OpenApiParameter("sort", str, enum=list(PEOPLE_ORDERS), description="Default name.")
        ],
        responses={200: serializers.PersonSerializer(many=True), **ERRORS},
    ),
    retrieve=extend_schema(summary="One person, with aliases and affiliations", responses=ERRORS),
)
class PersonViewSet(ListParametersMixin, RecordViewSet):
    list_parameter = "sort"
    pagination_class = pagination.PersonPagination

    def get_queryset(self):
        if self.action == "list":
            return self.checked(people_listing)
        return Person.objects.with_article_counts().prefetch_related(
            "aliases",
            Prefetch("affiliations", queryset=Affiliation.objects.select_related("organisation")),
        )

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.PersonSerializer
        return serializers.PersonDetailSerializer


@extend_schema_view(
    list=extend_schema(
        summary="List organisations, by kind, with how many articles name each",
        parameters=[OpenApiParameter("kind", str, enum=list(OrganisationKind.values))],
        responses={200: serializers.OrganisationSerializer(many=True), **ERRORS},
    ),
    retrieve=extend_schema(
        summary="One organisation, with aliases, parts and members",
        responses=ERRORS,
    ),
)
class OrganisationViewSet(ListParametersMixin, RecordViewSet):
    list_parameter = "kind"
    pagination_class = pagination.RecordPagination

    def get_queryset(self):
        if self.action == "list":
            return organisations_listing(self.checked(organisation_kind))
        return (
            Organisation.objects.with_article_counts()
            .select_related("parent")
            .prefetch_related(
                "aliases",
                "children",
                Prefetch("affiliations", queryset=Affiliation.objects.select_related("person")),
            )
        )

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.OrganisationSerializer
        return serializers.OrganisationDetailSerializer


@extend_schema_view(
    list=extend_schema(
        summary="List publications, with how many articles each published",
        responses={200: serializers.PublicationSerializer(many=True), **ERRORS},
    ),
    retrieve=extend_schema(summary="One publication", responses=ERRORS),
)
class PublicationViewSet(RecordViewSet):
    serializer_class = serializers.PublicationSerializer
    pagination_class = pagination.RecordPagination
    queryset = Publication.objects.with_article_counts().order_by("name", "pk")


@extend_schema_view(
    list=extend_schema(
        summary="List places, with how many articles name each",
        parameters=[OpenApiParameter("kind", str, enum=list(PlaceKind.values))],
        responses={200: serializers.PlaceSerializer(many=True), **ERRORS},
    ),
    retrieve=extend_schema(summary="One place, with aliases and parts", responses=ERRORS),
)
class PlaceViewSet(ListParametersMixin, RecordViewSet):
    list_parameter = "kind"
    pagination_class = pagination.RecordPagination

    def get_queryset(self):
        if self.action == "list":
            return places_listing(self.checked(place_kind))
        return (
            Place.objects.with_article_counts()
            .select_related("parent")
            .prefetch_related("aliases", "children")
        )

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.PlaceSerializer
        return serializers.PlaceDetailSerializer


EVENT_PARAMETERS = [
    slug_list_parameter("person", "a person who took part"),
    slug_list_parameter("organisation", "an organisation that took part"),
    slug_list_parameter("place", "a place where it happened"),
]


@extend_schema_view(
    list=extend_schema(
        summary="List events in date order, with who took part, where, and the articles; "
        "narrowed like the timeline",
        parameters=EVENT_PARAMETERS,
        responses={200: serializers.EventSerializer(many=True), **ERRORS},
    ),
    retrieve=extend_schema(summary="One event", responses=ERRORS),
)
class EventViewSet(ListParametersMixin, RecordViewSet):
    serializer_class = serializers.EventSerializer
    pagination_class = pagination.RecordPagination

    def get_queryset(self):
        events = Event.objects.chronological()
        if self.action == "list":
            events = self.checked(events_listing)
        return events.with_references()


QUOTE_PARAMETERS = [
    OpenApiParameter("person", str, description="Slug of the person who said it."),
    OpenApiParameter(
        "organisation",
        str,
        description="Slug of an organisation: its own quotations and its members'.",
    ),
    OpenApiParameter("q", str, description="Words the quotation contains, in any case."),
    OpenApiParameter("date_from", OpenApiTypes.DATE, description="Reported on or after this date."),
    OpenApiParameter("date_to", OpenApiTypes.DATE, description="Reported on or before this date."),
    OpenApiParameter("sort", str, enum=["newest", "oldest"], description="Order by report date."),
]


@extend_schema_view(
    list=extend_schema(
        summary="List quotations, newest report first, narrowed like /quotes/",
        parameters=QUOTE_PARAMETERS,
        responses={200: serializers.QuoteSerializer(many=True), **ERRORS},
    ),
    retrieve=extend_schema(summary="One quotation", responses=ERRORS),
)
class QuoteViewSet(viewsets.ReadOnlyModelViewSet):
    """Quotations, identified by number; rejected ones are never shown."""

    serializer_class = serializers.QuoteSerializer
    pagination_class = pagination.QuotePagination
    filter_backends = [SelectionBackend]
    selection_class = QuoteSelection
    lookup_value_regex = "[^/]+"
    queryset = Quote.objects.active().for_listing().newest_first()


def not_found(request):
    """Any other address under /api/: a JSON 404 that points to the documentation."""
    return JsonResponse(
        {"detail": "There is no API endpoint at this address; see /api/docs/."}, status=404
    )
