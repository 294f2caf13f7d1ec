"""Which articles a query string selects: one rule for every view of the archive.

The HTML list, the JSON API, the CSV exports and the Atom feeds all read the article
list's parameters (see `filters.ArticleFilter`) through `ArticleSelection`, so the same
query string gives the same articles, in the same order, everywhere.
"""

import calendar

from django.http import QueryDict
from django.utils.text import slugify

from .filters import ArticleFilter
from .models import Article, Organisation, OrganisationKind, Person, Place, PlaceKind
from .quoting import visible

# Parameters that narrow or order the list; anything else (page, page_size, utm_…) is not
# part of what was selected.
SELECTION_PARAMETERS = tuple(ArticleFilter.base_filters)
MAX_FILENAME_LENGTH = 120


class ArticleSelection:
    """The articles selected by `query` (a QueryDict), newest first unless it says otherwise.

    `articles` may be given to start from another queryset of articles (the API adds its
    prefetches); it is narrowed and ordered by the same filters.
    """

    def __init__(self, query, articles=None):
        self.query = query
        if articles is None:
            articles = Article.objects.for_listing().newest_first()
        self.filterset = ArticleFilter(data=query, queryset=articles)

    def is_valid(self):
        return self.filterset.is_valid()

    @property
    def articles(self):
        """The selected articles; only for a valid selection."""
        return self.filterset.qs

    @property
    def cleaned(self):
        return self.filterset.form.cleaned_data

    @property
    def error_messages(self):
        """What is wrong with the query, one message per problem, naming the parameter."""
        form = self.filterset.form
        messages = list(form.non_field_errors())
        for field in form:
            messages += [f"{field.label}: {error}" for error in field.errors]
        return messages

    @property
    def error_dict(self):
        """{parameter: [messages]} for the JSON API ("non_field_errors" for the dates)."""
        errors = self.filterset.form.errors.get_json_data()
        if "__all__" in errors:
            errors["non_field_errors"] = errors.pop("__all__")
        return {key: [error["message"] for error in value] for key, value in errors.items()}

    def is_filtered(self):
        return any(self.cleaned.get(name) for name in SELECTION_PARAMETERS if name != "sort")

    def canonical_query(self):
        """The query string of the selection alone (no page, no empty field), for links to
        the same selection in other formats."""
        query = QueryDict(mutable=True)
        for key in SELECTION_PARAMETERS:
            values = [value for value in self.query.getlist(key) if value.strip()]
            if values:
                query.setlist(key, values)
        return query.urlencode()

    def describe(self):
        """The selection in words, e.g. "articles naming John Kerry from Reuters"."""
        cleaned = self.cleaned
        parts = []
        named = [record.name for record in cleaned.get("person") or []]
        named += [record.name for record in cleaned.get("organisation") or []]
        named += [record.name for record in cleaned.get("place") or []]
        if named:
            parts.append("naming " + _and_list(named))
        if cleaned.get("publication"):
            parts.append(f"from {cleaned['publication'].name}")
        dates = _describe_dates(cleaned.get("date_from"), cleaned.get("date_to"))
        if dates:
            parts.append(dates)
        if cleaned.get("q"):
            parts.append(f"containing “{cleaned['q']}”")
        return " ".join(["articles", *parts]) if parts else "all articles"

    def filename(self, what, extension):
        """A download's file name saying what was selected, safe in any file system, e.g.
        newsroom-articles-person-staffan-de-mistura-2016.csv."""
        cleaned = self.cleaned
        parts = [f"person-{person.slug}" for person in cleaned.get("person") or []]
        parts += [f"organisation-{org.slug}" for org in cleaned.get("organisation") or []]
        parts += [f"place-{place.slug}" for place in cleaned.get("place") or []]
        if cleaned.get("publication"):
            parts.append(f"publication-{cleaned['publication'].slug}")
        parts += _date_parts(cleaned.get("date_from"), cleaned.get("date_to"))
        if cleaned.get("q"):
            parts.append(f"words-{cleaned['q']}")
        stem = slugify("-".join(["newsroom", what, *parts]))
        if len(stem) > MAX_FILENAME_LENGTH:
            stem = stem[:MAX_FILENAME_LENGTH].rsplit("-", 1)[0]
        return f"{stem}.{extension}"


def _and_list(items):
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _day(date):
    return f"{date.day} {date:%B %Y}"


def _whole_period(start, end):
    """ "2016" or "2016-05" when the dates span exactly one year or one month, else None."""
    if not (start and end) or start.day != 1:
        return None
    if (start.month, end.month, end.day) == (1, 12, 31) and start.year == end.year:
        return f"{start:%Y}"
    last_day = calendar.monthrange(start.year, start.month)[1]
    if (end.year, end.month, end.day) == (start.year, start.month, last_day):
        return f"{start:%Y-%m}"
    return None


def _date_parts(start, end):
    period = _whole_period(start, end)
    if period:
        return [period]
    parts = []
    if start:
        parts.append(f"from-{start:%Y-%m-%d}")
    if end:
        parts.append(f"to-{end:%Y-%m-%d}")
    return parts


def _describe_dates(start, end):
    period = _whole_period(start, end)
    if period and len(period) == 4:
        return f"published in {period}"
    if period:
        return f"published in {start:%B %Y}"
    if start and end:
        return f"published {_day(start)} – {_day(end)}"
    if start:
        return f"published from {_day(start)}"
    if end:
        return f"published until {_day(end)}"
    return ""


class ListParameterError(ValueError):
    """A list page's parameter has a value the list does not know; the message says so."""


PEOPLE_ORDERS = ("name", "articles")


def people_listing(query):
    """People with their article counts, ordered as `?sort=name|articles` asks."""
    sort = query.get("sort") or "name"
    if sort not in PEOPLE_ORDERS:
        raise ListParameterError(
            f"“{visible(sort, 40)}” is not an order of the people list: use name or articles."
        )
    people = Person.objects.with_article_counts()
    if sort == "articles":
        return people.order_by("-article_count", "sort_name", "pk")
    return people.order_by("sort_name", "name", "pk")


def kind_asked(query, choices, noun):
    """The `?kind=` value asked for, one of `choices` ("" for every kind)."""
    kind = query.get("kind") or ""
    if kind and kind not in choices.values:
        raise ListParameterError(f"“{visible(kind, 40)}” is not a kind of {noun}.")
    return kind


def organisation_kind(query):
    return kind_asked(query, OrganisationKind, "organisation")


def place_kind(query):
    return kind_asked(query, PlaceKind, "place")


def organisations_listing(kind=""):
    """Organisations with their article counts and parents, by kind then name; only those
    of `kind` if given (a valid kind: see organisation_kind)."""
    organisations = (
        Organisation.objects.with_article_counts()
        .select_related("parent")
        .order_by("kind", "name", "pk")
    )
    return organisations.filter(kind=kind) if kind else organisations


def places_listing(kind=""):
    """Places with their article counts and parents, by name; only those of `kind` if
    given (a valid kind: see place_kind)."""
    places = Place.objects.with_article_counts().select_related("parent").order_by("name", "pk")
    return places.filter(kind=kind) if kind else places
