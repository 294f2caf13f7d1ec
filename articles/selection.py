"""Which articles, or quotations, a query string selects: one rule for every view.

The HTML list, the JSON API, the CSV exports and the Atom feeds all read the article
list's parameters (see `filters.ArticleFilter`) through `ArticleSelection`, and the
quotation list's (`filters.QuoteFilter`) through `QuoteSelection`, so the same query string
gives the same records, in the same order, everywhere.
"""

import calendar

from django.http import QueryDict
from django.utils.text import slugify

from .filters import ArticleFilter, QuoteFilter, TimelineForm
from .models import (
    Article,
    Event,
    Organisation,
    OrganisationKind,
    OrganisationMention,
    Person,
    PersonMention,
    Place,
    PlaceKind,
    PlaceMention,
    Publication,
    Quote,
)
from .quoting import visible

MAX_FILENAME_LENGTH = 120
# The parameters naming an entity, and the mention table of each.
MENTION_MODELS = {
    "person": PersonMention,
    "organisation": OrganisationMention,
    "place": PlaceMention,
}


def download_name(parts, extension):
    """newsroom-<parts>.<extension>, reduced to letters, digits, "-" and "_" and cut to
    `MAX_FILENAME_LENGTH`: safe in any file system and in a header."""
    stem = slugify("-".join(["newsroom", *parts]))
    if len(stem) > MAX_FILENAME_LENGTH:
        stem = stem[:MAX_FILENAME_LENGTH].rsplit("-", 1)[0]
    return f"{stem}.{extension}"


class Selection:
    """The records a query string (a QueryDict) selects through `filter_class`, in its order.

    `records` may be given to start from another queryset (the API adds its prefetches); it
    is narrowed and ordered by the same filters. Subclasses say what the records are called
    (`noun`) and how to say what was selected, in words and in a file name.
    """

    filter_class = None
    noun = ""

    def __init__(self, query, records=None):
        self.query = query
        if records is None:
            records = self.all_records()
        self.filterset = self.filter_class(data=query, queryset=records)

    @classmethod
    def parameters(cls):
        """Parameters that narrow or order the list; anything else (page, page_size,
        utm_…) is not part of what was selected."""
        return tuple(cls.filter_class.base_filters)

    def all_records(self):
        raise NotImplementedError

    def is_valid(self):
        return self.filterset.is_valid()

    @property
    def records(self):
        """The selected records; only for a valid selection."""
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
        return any(self.cleaned.get(name) for name in self.parameters() if name != "sort")

    def canonical_query(self):
        """The query string of the selection alone (no page, no empty field), for links to
        the same selection in other formats."""
        query = QueryDict(mutable=True)
        for key in self.parameters():
            values = [value for value in self.query.getlist(key) if value.strip()]
            if values:
                query.setlist(key, values)
        return query.urlencode()

    def describe(self):
        """The selection in words, e.g. "articles naming John Kerry from Reuters"."""
        parts = self.described_parts()
        return " ".join([self.noun, *parts]) if parts else f"all {self.noun}"

    def described_parts(self):
        raise NotImplementedError

    def filename(self, what, extension):
        """A download's file name saying what was selected, safe in any file system, e.g.
        newsroom-articles-person-staffan-de-mistura-2016.csv."""
        return download_name([what, *self.filename_parts()], extension)

    def filename_parts(self):
        raise NotImplementedError

    def _words_and_dates(self, verb):
        """The date and word narrowings, shared by articles and quotations: (in words,
        in a file name)."""
        cleaned = self.cleaned
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        described = [_describe_dates(start, end, verb)]
        named = _date_parts(start, end)
        if cleaned.get("q"):
            described.append(f"containing “{cleaned['q']}”")
            named.append(f"words-{cleaned['q']}")
        return [part for part in described if part], named


class ArticleSelection(Selection):
    """The articles the article list's parameters (see `filters.ArticleFilter`) select,
    newest first unless they say otherwise. The HTML list, the JSON API, the CSV exports
    and the Atom feeds all read them through this class."""

    filter_class = ArticleFilter
    noun = "articles"

    def all_records(self):
        return Article.objects.for_listing().newest_first()

    @property
    def articles(self):
        return self.records

    def count(self):
        """How many articles are selected: from the stored counts or the mention index
        where they tell, as the search counted them (see ArticleFilter.search), else by
        counting the articles."""
        if not self.is_filtered():
            return Publication.objects.article_total()
        sole = self.sole_entity()
        if sole is not None:
            return sole.stored_article_count
        rows = self._mention_rows()
        if rows is not None:
            return rows.count()
        articles = self.articles  # applies the filters, the search among them
        searched = self.filterset.match_count
        return articles.count() if searched is None else searched

    def sole_entity(self):
        """The person, organisation or place the selection is narrowed to when nothing
        else narrows it (the articles are exactly theirs), else None."""
        named = self._named()
        others = ("publication", "date_from", "date_to", "q")
        if len(named) != 1 or any(self.cleaned.get(name) for name in others):
            return None
        return named[0][1]

    def _named(self):
        """(mention model, record) for each person, organisation and place named."""
        return [
            (mention_model, record)
            for parameter, mention_model in MENTION_MODELS.items()
            for record in self.cleaned.get(parameter) or []
        ]

    def first_ids(self, size, total=None):
        """The pks of the first `size` selected articles, in the list's order (in any order
        when `total`, the number selected, is at most `size`: they are all of them), as a
        subquery for `pk__in=`: from the mention index when it can answer."""
        rows = self._mention_rows()
        if rows is None:
            articles = self.articles
            if total is not None and total <= size:
                articles = articles.order_by()  # no ranking needed to take them all
            return articles.values_list("pk", flat=True)[:size]
        return self._listed_ids(rows)[:size]

    def listed(self):
        """The selected articles as a list pages them: the articles queryset, or, where
        the mention index can answer (see `_mention_rows`), `IndexedArticles`, which
        reads a page's ids from that index and then only those articles. (Walking the
        articles by date and probing each for two people costs ten times as much.)"""
        rows = self._mention_rows()
        if rows is None:
            return self.articles
        return IndexedArticles(self._listed_ids(rows), self.articles)

    def _listed_ids(self, rows):
        """The article ids of mention `rows`, in the list's order."""
        if self.cleaned.get("sort") == "oldest":
            rows = rows.order_by("published_on", "article_id")
        else:
            rows = rows.newest_first()
        return rows.values_list("article_id", flat=True)

    def _mention_rows(self):
        """The selection as the active mentions of one entity it names (one row per
        article, carrying the article's date), so that it is counted and its first
        articles found from that mention table's index without reading an article; None
        when it names no one or looks for words. The entity named in fewest articles
        leads: the others are probed for each of its rows."""
        cleaned = self.cleaned
        named = self._named()
        if not named or cleaned.get("q"):
            return None
        named.sort(key=lambda pair: pair[1].stored_article_count)
        (mention_model, leader), others = named[0], named[1:]
        rows = mention_model.objects.active().of(leader)
        rows = rows.dated_between(cleaned.get("date_from"), cleaned.get("date_to"))
        for mention_model, record in others:
            also = mention_model.objects.active().of(record).values("article_id")
            rows = rows.filter(article_id__in=also)
        if cleaned.get("publication"):
            rows = rows.filter(article__publication=cleaned["publication"])
        return rows

    def described_parts(self):
        cleaned = self.cleaned
        parts = []
        named = [record.name for record in cleaned.get("person") or []]
        named += [record.name for record in cleaned.get("organisation") or []]
        named += [record.name for record in cleaned.get("place") or []]
        if named:
            parts.append("naming " + _and_list(named))
        if cleaned.get("publication"):
            parts.append(f"from {cleaned['publication'].name}")
        return parts + self._words_and_dates("published")[0]

    def filename_parts(self):
        cleaned = self.cleaned
        parts = [f"person-{person.slug}" for person in cleaned.get("person") or []]
        parts += [f"organisation-{org.slug}" for org in cleaned.get("organisation") or []]
        parts += [f"place-{place.slug}" for place in cleaned.get("place") or []]
        if cleaned.get("publication"):
            parts.append(f"publication-{cleaned['publication'].slug}")
        return parts + self._words_and_dates("published")[1]


class IndexedArticles:
    """Articles paged by ids: a slice of `ids` (article ids from a mention index, in the
    list's order) says which are on a page, and `articles` (in the same order: mentions
    carry their article's date) reads just those, in one query. Sliced by a paginator like
    a queryset, from either end (`reverse()`; see pagination.TwoEndedPaginator)."""

    ordered = True

    def __init__(self, ids, articles):
        self.ids = ids
        self.articles = articles

    def __getitem__(self, page):
        return list(self.articles.filter(pk__in=self.ids[page]))

    def reverse(self):
        return IndexedArticles(self.ids.reverse(), self.articles.reverse())


class QuoteSelection(Selection):
    """The quotations the quotation list's parameters (see `filters.QuoteFilter`) select,
    newest report first unless they say otherwise; rejected ones never. The HTML list, the
    JSON API, the CSV export and the Atom feed all read them through this class."""

    filter_class = QuoteFilter
    noun = "quotations"

    def all_records(self):
        return Quote.objects.active().for_listing().newest_first()

    @property
    def quotes(self):
        return self.records

    def speakers(self):
        """(parameter, record) for the person and the organisation asked for."""
        return [
            (name, self.cleaned[name])
            for name in ("person", "organisation")
            if self.cleaned.get(name)
        ]

    def described_parts(self):
        said_by = {"person": "by {}", "organisation": "by {} or its members"}
        parts = [said_by[name].format(record.name) for name, record in self.speakers()]
        return parts + self._words_and_dates("reported")[0]

    def filename_parts(self):
        parts = [f"{name}-{record.slug}" for name, record in self.speakers()]
        return parts + self._words_and_dates("reported")[1]


def _and_list(items):
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def written_date(date):
    """A date as the pages write it, e.g. 2 May 2016."""
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


def _describe_dates(start, end, verb):
    period = _whole_period(start, end)
    if period and len(period) == 4:
        return f"{verb} in {period}"
    if period:
        return f"{verb} in {start:%B %Y}"
    if start and end:
        return f"{verb} {written_date(start)} – {written_date(end)}"
    if start:
        return f"{verb} from {written_date(start)}"
    if end:
        return f"{verb} until {written_date(end)}"
    return ""


class ListParameterError(ValueError):
    """A list page's parameter has a value the list does not know; the message says so,
    and `parameter` names the parameter when the list has several."""

    def __init__(self, message, parameter=None):
        super().__init__(message)
        self.parameter = parameter


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


def events_listing(query):
    """Events in date order, involving every person and organisation and at every place the
    timeline's parameters (`person`, `organisation`, `place`, each repeatable) name."""
    form = TimelineForm(query)
    if not form.is_valid():
        parameter = next(iter(form.errors))
        raise ListParameterError(" ".join(form.error_messages), parameter)
    return form.narrow_events(Event.objects.chronological())
