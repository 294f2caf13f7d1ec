"""How the archive's records look in the JSON API.

Every record is identified by its slug and carries `url` (itself in the API) and `html_url`
(its page on the site); related records appear as short references with their own `url`.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from ..models import (
    Affiliation,
    Article,
    Event,
    Organisation,
    OrganisationMention,
    Person,
    PersonMention,
    Place,
    PlaceMention,
    Publication,
    Quote,
)


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The absolute address of the record's page on the site."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        return self.context["request"].build_absolute_uri(record.get_absolute_url())


@extend_schema_field(OpenApiTypes.URI)
class ArticlesUrlField(serializers.Field):
    """The API's list of the articles naming (or published by) the record."""

    def __init__(self, parameter, **kwargs):
        self.parameter = parameter
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        url = reverse("api:article-list", request=self.context["request"])
        return f"{url}?{self.parameter}={record.slug}"


def identity(view_name):
    return serializers.HyperlinkedIdentityField(view_name=f"api:{view_name}", lookup_field="slug")


class PublicationReferenceSerializer(serializers.ModelSerializer):
    url = identity("publication-detail")

    class Meta:
        model = Publication
        fields = ["url", "slug", "name"]


class PersonReferenceSerializer(serializers.ModelSerializer):
    url = identity("person-detail")

    class Meta:
        model = Person
        fields = ["url", "slug", "name"]


class OrganisationReferenceSerializer(serializers.ModelSerializer):
    url = identity("organisation-detail")

    class Meta:
        model = Organisation
        fields = ["url", "slug", "name"]


class PlaceReferenceSerializer(serializers.ModelSerializer):
    url = identity("place-detail")

    class Meta:
        model = Place
        fields = ["url", "slug", "name"]


class ArticleReferenceSerializer(serializers.ModelSerializer):
    url = identity("article-detail")

    class Meta:
        model = Article
        fields = ["url", "slug", "headline", "published_on"]


class PersonMentionSerializer(serializers.ModelSerializer):
    """A person an article names, and how many times."""

    url = serializers.HyperlinkedRelatedField(
        source="person", view_name="api:person-detail", lookup_field="slug", read_only=True
    )
    slug = serializers.CharField(source="person.slug", read_only=True)
    name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = PersonMention
        fields = ["url", "slug", "name", "count"]


class OrganisationMentionSerializer(serializers.ModelSerializer):
    """An organisation an article names, and how many times."""

    url = serializers.HyperlinkedRelatedField(
        source="organisation",
        view_name="api:organisation-detail",
        lookup_field="slug",
        read_only=True,
    )
    slug = serializers.CharField(source="organisation.slug", read_only=True)
    name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = OrganisationMention
        fields = ["url", "slug", "name", "count"]


class PlaceMentionSerializer(serializers.ModelSerializer):
    """A place an article names, and how many times."""

    url = serializers.HyperlinkedRelatedField(
        source="place", view_name="api:place-detail", lookup_field="slug", read_only=True
    )
    slug = serializers.CharField(source="place.slug", read_only=True)
    name = serializers.CharField(source="place.name", read_only=True)

    class Meta:
        model = PlaceMention
        fields = ["url", "slug", "name", "count"]


class ArticleSerializer(serializers.ModelSerializer):
    """An article as listed: what it is, where and when it was published, whom it names."""

    url = identity("article-detail")
    html_url = PageUrlField()
    publication = PublicationReferenceSerializer(read_only=True)
    date_is_inferred = serializers.BooleanField(read_only=True)
    people = PersonMentionSerializer(source="active_person_mentions", many=True, read_only=True)
    organisations = OrganisationMentionSerializer(
        source="active_organisation_mentions", many=True, read_only=True
    )
    places = PlaceMentionSerializer(source="active_place_mentions", many=True, read_only=True)

    class Meta:
        model = Article
        fields = [
            "url",
            "html_url",
            "slug",
            "headline",
            "headline_is_supplied",
            "publication",
            "published_on",
            "date_is_inferred",
            "byline",
            "original_url",
            "people",
            "organisations",
            "places",
        ]


class ArticleDetailSerializer(ArticleSerializer):
    """An article with its provenance, displayed body and verbatim source text."""

    class Meta(ArticleSerializer.Meta):
        fields = [
            *ArticleSerializer.Meta.fields,
            "date_note",
            "publication_note",
            "source_file",
            "checksum",
            "body",
            "source_text",
            "created_at",
            "updated_at",
        ]


class PersonSerializer(serializers.ModelSerializer):
    url = identity("person-detail")
    html_url = PageUrlField()
    article_count = serializers.IntegerField(read_only=True)
    articles = ArticlesUrlField("person")

    class Meta:
        model = Person
        fields = [
            "url",
            "html_url",
            "slug",
            "name",
            "sort_name",
            "role",
            "description",
            "article_count",
            "articles",
        ]


class PersonAffiliationSerializer(serializers.ModelSerializer):
    organisation = OrganisationReferenceSerializer(read_only=True)

    class Meta:
        model = Affiliation
        fields = ["organisation", "role", "start_date", "end_date"]


class OrganisationMemberSerializer(serializers.ModelSerializer):
    person = PersonReferenceSerializer(read_only=True)

    class Meta:
        model = Affiliation
        fields = ["person", "role", "start_date", "end_date"]


class AliasesField(serializers.ListField):
    """The surface forms under which the record is found in texts."""

    child = serializers.CharField()

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, aliases):
        return [alias.text for alias in aliases.all()]


class PersonDetailSerializer(PersonSerializer):
    aliases = AliasesField()
    affiliations = PersonAffiliationSerializer(many=True, read_only=True)

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "aliases", "affiliations"]


class OrganisationSerializer(serializers.ModelSerializer):
    url = identity("organisation-detail")
    html_url = PageUrlField()
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    parent = OrganisationReferenceSerializer(read_only=True, allow_null=True)
    article_count = serializers.IntegerField(read_only=True)
    articles = ArticlesUrlField("organisation")

    class Meta:
        model = Organisation
        fields = [
            "url",
            "html_url",
            "slug",
            "name",
            "acronym",
            "kind",
            "kind_label",
            "parent",
            "description",
            "article_count",
            "articles",
        ]


class OrganisationDetailSerializer(OrganisationSerializer):
    aliases = AliasesField()
    children = OrganisationReferenceSerializer(many=True, read_only=True)
    members = OrganisationMemberSerializer(source="affiliations", many=True, read_only=True)

    class Meta(OrganisationSerializer.Meta):
        fields = [*OrganisationSerializer.Meta.fields, "aliases", "children", "members"]


class PublicationSerializer(serializers.ModelSerializer):
    url = identity("publication-detail")
    html_url = PageUrlField(help_text="The article list narrowed to the publication.")
    article_count = serializers.IntegerField(read_only=True)
    articles = ArticlesUrlField("publication")

    class Meta:
        model = Publication
        fields = [
            "url",
            "html_url",
            "slug",
            "name",
            "homepage",
            "description",
            "article_count",
            "articles",
        ]


class PlaceSerializer(serializers.ModelSerializer):
    url = identity("place-detail")
    html_url = PageUrlField()
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    parent = PlaceReferenceSerializer(read_only=True, allow_null=True)
    latitude = serializers.FloatField(read_only=True, allow_null=True)
    longitude = serializers.FloatField(read_only=True, allow_null=True)
    article_count = serializers.IntegerField(read_only=True)
    articles = ArticlesUrlField("place")

    class Meta:
        model = Place
        fields = [
            "url",
            "html_url",
            "slug",
            "name",
            "kind",
            "kind_label",
            "parent",
            "latitude",
            "longitude",
            "description",
            "article_count",
            "articles",
        ]


class PlaceDetailSerializer(PlaceSerializer):
    aliases = AliasesField()
    children = PlaceReferenceSerializer(many=True, read_only=True)

    class Meta(PlaceSerializer.Meta):
        fields = [*PlaceSerializer.Meta.fields, "aliases", "children"]


class EventSerializer(serializers.ModelSerializer):
    """An event: `date` is the first day of the period `date_precision` allows."""

    url = identity("event-detail")
    html_url = PageUrlField()
    date_label = serializers.CharField(read_only=True)
    people = PersonReferenceSerializer(many=True, read_only=True)
    organisations = OrganisationReferenceSerializer(many=True, read_only=True)
    places = PlaceReferenceSerializer(many=True, read_only=True)
    articles = ArticleReferenceSerializer(many=True, read_only=True)

    class Meta:
        model = Event
        fields = [
            "url",
            "html_url",
            "slug",
            "title",
            "date",
            "date_precision",
            "date_label",
            "description",
            "people",
            "organisations",
            "places",
            "articles",
        ]


class QuoteSerializer(serializers.ModelSerializer):
    """A quotation: the words as printed, who said them (a person, an organisation, or
    neither when the text does not say), and the article; `html_url` opens the article at
    the marked passage."""

    url = serializers.HyperlinkedIdentityField(view_name="api:quote-detail")
    html_url = PageUrlField()
    person = PersonReferenceSerializer(read_only=True, allow_null=True)
    organisation = OrganisationReferenceSerializer(read_only=True, allow_null=True)
    article = ArticleReferenceSerializer(read_only=True)

    class Meta:
        model = Quote
        fields = [
            "url",
            "html_url",
            "id",
            "text",
            "person",
            "organisation",
            "article",
            "start",
            "end",
        ]
