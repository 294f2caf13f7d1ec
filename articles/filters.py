"""The article list's filters. Every narrowing is a query-string parameter, so a filtered
view is a link one can share or cite:

    /articles/?person=<slug>&person=<slug>&organisation=<slug>&place=<slug>
              &publication=<slug>&date_from=YYYY-MM-DD&date_to=YYYY-MM-DD&q=<words>
              &sort=relevance|newest|oldest

Several people (or organisations, or places) mean articles naming all of them. `q` is a
full-text search in web-search syntax (see articles/search.py); with it the list is ranked
best match first unless another order is chosen.
"""

from urllib.parse import urlencode

import django_filters
from django import forms
from django.core.validators import validate_slug

from .models import Article, Organisation, Person, Place, Publication, Quote
from .quoting import visible

MAX_QUERY_LENGTH = 500
MAX_SLUGS = 10

DATE_ERROR = "Enter a date as YYYY-MM-DD, for example 2016-02-01."


class SlugListField(forms.Field):
    """Several slugs of one model from repeated parameters (?person=a&person=b).

    Cleans to the matching records, in the order given; blanks and repeats are ignored
    and an unknown slug is an error naming it.
    """

    widget = forms.MultipleHiddenInput

    def __init__(self, *, queryset, noun, plural, **kwargs):
        self.queryset = queryset
        self.noun = noun
        self.plural = plural
        kwargs["required"] = False
        super().__init__(**kwargs)

    def to_python(self, value):
        slugs = []
        for slug in value or []:
            slug = slug.strip()
            if slug and slug not in slugs:
                slugs.append(slug)
        return slugs

    def validate(self, slugs):
        if len(slugs) > MAX_SLUGS:
            raise forms.ValidationError(f"Choose at most {MAX_SLUGS} {self.plural} at once.")
        for slug in slugs:
            try:
                validate_slug(slug)
            except forms.ValidationError:
                raise forms.ValidationError(
                    f"“{visible(slug, 80)}” is not a valid {self.noun} identifier."
                ) from None

    def clean(self, value):
        slugs = super().clean(value)
        if not slugs:
            return []
        found = {record.slug: record for record in self.queryset.filter(slug__in=slugs)}
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            raise forms.ValidationError(
                f"No {self.noun} in the archive has the identifier “{unknown[0]}”."
            )
        return [found[slug] for slug in slugs]


class SlugListFilter(django_filters.Filter):
    field_class = SlugListField


class ArticleFilterForm(forms.Form):
    """Checks that a date range runs forwards (the article and quotation lists)."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError("The “from” date is after the “to” date.")
        return cleaned


class ArticleFilter(django_filters.FilterSet):
    match_count = None  # how many articles the words match, once `q` has been applied

    person = SlugListFilter(
        queryset=Person.objects.all(),
        noun="person",
        plural="people",
        method="filter_people",
        label="People",
    )
    organisation = SlugListFilter(
        queryset=Organisation.objects.all(),
        noun="organisation",
        plural="organisations",
        method="filter_organisations",
        label="Organisations",
    )
    place = SlugListFilter(
        queryset=Place.objects.all(),
        noun="place",
        plural="places",
        method="filter_places",
        label="Places",
    )
    publication = django_filters.ModelChoiceFilter(
        queryset=Publication.objects.all(),
        to_field_name="slug",
        label="Publication",
        error_messages={"invalid_choice": "No publication in the archive has that identifier."},
    )
    date_from = django_filters.DateFilter(
        field_name="published_on",
        lookup_expr="gte",
        label="From",
        error_messages={"invalid": DATE_ERROR},
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="published_on",
        lookup_expr="lte",
        label="To",
        error_messages={"invalid": DATE_ERROR},
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    q = django_filters.CharFilter(
        method="search",
        label="Words",
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"Search for at most {MAX_QUERY_LENGTH} characters at a time."
        },
    )
    sort = django_filters.ChoiceFilter(
        choices=[
            ("relevance", "Best match first"),
            ("newest", "Newest first"),
            ("oldest", "Oldest first"),
        ],
        method="sort_by",
        label="Order",
        empty_label=None,
        null_label=None,
    )

    class Meta:
        model = Article
        form = ArticleFilterForm
        fields = []

    def filter_people(self, queryset, name, people):
        for person in people:
            queryset = queryset.naming_person(person)
        return queryset

    def filter_organisations(self, queryset, name, organisations):
        for organisation in organisations:
            queryset = queryset.naming_organisation(organisation)
        return queryset

    def filter_places(self, queryset, name, places):
        for place in places:
            queryset = queryset.naming_place(place)
        return queryset

    def search(self, queryset, name, value):
        """Keeps how many articles match in `match_count`: `q` is declared after every
        narrowing filter, so it is applied last and its count is the selection's."""
        found, self.match_count = queryset.counted_search(value)
        return found

    def sort_by(self, queryset, name, value):
        if value == "oldest":
            return queryset.order_by("published_on", "pk")
        if value == "newest":
            return queryset.newest_first()
        return queryset  # relevance: the search's order, or newest first without words


class QuoteFilter(django_filters.FilterSet):
    """The quotations list's filters:

        /quotes/?person=<slug>&organisation=<slug>&q=<words>
                &date_from=YYYY-MM-DD&date_to=YYYY-MM-DD&sort=newest|oldest

    `organisation` keeps the quotations of the organisation and of its members; dates are
    those of the reporting articles.
    """

    person = django_filters.ModelChoiceFilter(
        queryset=Person.objects.all(),
        to_field_name="slug",
        method="by_person",
        label="Said by",
        error_messages={"invalid_choice": "No person in the archive has that identifier."},
    )
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        method="by_organisation",
        label="Said by a member of, or by",
        error_messages={"invalid_choice": "No organisation in the archive has that identifier."},
    )
    q = django_filters.CharFilter(
        method="filter_words",
        label="Words",
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"Search for at most {MAX_QUERY_LENGTH} characters at a time."
        },
    )
    date_from = django_filters.DateFilter(
        field_name="article__published_on",
        lookup_expr="gte",
        label="From",
        error_messages={"invalid": DATE_ERROR},
    )
    date_to = django_filters.DateFilter(
        field_name="article__published_on",
        lookup_expr="lte",
        label="To",
        error_messages={"invalid": DATE_ERROR},
    )
    sort = django_filters.ChoiceFilter(
        choices=[("newest", "Newest first"), ("oldest", "Oldest first")],
        method="sort_by",
        label="Order",
        empty_label=None,
        null_label=None,
    )

    class Meta:
        model = Quote
        form = ArticleFilterForm
        fields = []

    def by_person(self, queryset, name, person):
        return queryset.by_person(person.slug)

    def by_organisation(self, queryset, name, organisation):
        return queryset.by_organisation(organisation.slug)

    def filter_words(self, queryset, name, value):
        return queryset.containing_words(value)

    def sort_by(self, queryset, name, value):
        if value == "oldest":
            return queryset.oldest_first()
        return queryset.newest_first()


class TimelineForm(forms.Form):
    """The timeline's narrowings: /timeline/?person=<slug>&organisation=<slug>&place=<slug>,
    each repeatable. Events involving all of them and articles naming all of them are kept."""

    person = SlugListField(queryset=Person.objects.all(), noun="person", plural="people")
    organisation = SlugListField(
        queryset=Organisation.objects.all(), noun="organisation", plural="organisations"
    )
    place = SlugListField(queryset=Place.objects.all(), noun="place", plural="places")

    NARROWINGS = {
        "person": ("involving_person", "naming_person"),
        "organisation": ("involving_organisation", "naming_organisation"),
        "place": ("at_place", "naming_place"),
    }

    def narrow(self, events, articles):
        """(events, articles) narrowed by the cleaned form."""
        return self.narrow_events(events), self.narrow_articles(articles)

    def narrow_events(self, events):
        return self._narrowed(events, 0).distinct()

    def narrow_articles(self, articles):
        return self._narrowed(articles, 1)  # each narrowing is a semi-join: no repeats

    def narrows(self):
        """Whether any narrowing is asked for."""
        return any(self.cleaned_data.get(name) for name in self.NARROWINGS)

    def _narrowed(self, queryset, which):
        for name, methods in self.NARROWINGS.items():
            for record in self.cleaned_data.get(name) or []:
                queryset = getattr(queryset, methods[which])(record.slug)
        return queryset

    def canonical_query(self):
        """The narrowings alone as a query string, for links to the same events and articles
        in other formats."""
        return urlencode(
            [
                (name, record.slug)
                for name in self.NARROWINGS
                for record in self.cleaned_data.get(name) or []
            ]
        )

    @property
    def error_messages(self):
        return [f"{field.label}: {error}" for field in self for error in field.errors]
