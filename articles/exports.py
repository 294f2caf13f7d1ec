"""CSV exports of any selection of articles (one row per article, or one per mention) or of
quotations, and of the people, organisation, place and event lists.

Exports stream: rows are written as the articles are read, a batch of `BATCH_SIZE` at a time
(read from one cursor, plus one query for each kind of mention in the batch), so an export
of the whole archive neither holds it in memory nor makes the client wait for the last row
before the first. The file name says what was selected. Text is written as stored, UTF-8, without a
byte-order mark; several names in one cell are separated by "; ".
"""

import csv

from django.core.exceptions import BadRequest
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.views import View

from .models import OrganisationMention, PersonMention, PlaceMention
from .selection import (
    ArticleSelection,
    ListParameterError,
    QuoteSelection,
    download_name,
    events_listing,
    organisation_kind,
    organisations_listing,
    people_listing,
    place_kind,
    places_listing,
)

BATCH_SIZE = 2000
NAME_SEPARATOR = "; "

ARTICLE_COLUMNS = [
    "slug",
    "date",
    "date_inferred",
    "headline",
    "headline_supplied",
    "publication",
    "byline",
    "url",
    "original_url",
    "people",
    "organisations",
    "places",
]
MENTION_COLUMNS = [
    "article",
    "date",
    "headline",
    "kind",
    "entity",
    "entity_name",
    "count",
]

# Each kind of named entity: its mention model and the mention's field naming the entity.
MENTION_KINDS = [
    ("person", PersonMention, "person"),
    ("organisation", OrganisationMention, "organisation"),
    ("place", PlaceMention, "place"),
]
ARTICLE_FIELDS = [
    "pk",
    "slug",
    "published_on",
    "date_note",
    "headline",
    "headline_is_supplied",
    "publication__name",
    "byline",
    "original_url",
]


class _Echo:
    """A file-like object whose write() returns the line, for csv.writer to stream."""

    def write(self, value):
        return value


def stream_csv(header, rows):
    writer = csv.writer(_Echo())
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


def _named_in(ids):
    """{kind: {article id: [(slug, name, count), ...]}} for the articles `ids`, most named
    first: one query per kind of entity. Rejected mentions are left out."""
    named = {}
    for kind, model, field in MENTION_KINDS:
        mentions = (
            model.objects.active()
            .filter(article_id__in=ids)
            .order_by("article_id", "-count", f"{field}__name")
            .values_list("article_id", f"{field}__slug", f"{field}__name", "count")
        )
        by_article = named[kind] = {}
        for article_id, slug, name, count in mentions:
            by_article.setdefault(article_id, []).append((slug, name, count))
    return named


def article_batches(articles):
    """(articles, whom they name) a batch of `BATCH_SIZE` at a time, read as plain values
    from one cursor: no model instances, and memory bounded by the batch."""
    rows = articles.values_list(*ARTICLE_FIELDS, named=True).iterator(chunk_size=BATCH_SIZE)
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH_SIZE:
            yield batch, _named_in([article.pk for article in batch])
            batch = []
    if batch:
        yield batch, _named_in([article.pk for article in batch])


def article_rows(articles, url_of):
    """One row per article; `url_of(slug)` gives the article's address in the archive."""
    for batch, named in article_batches(articles):
        for article in batch:
            yield [
                article.slug,
                article.published_on.isoformat(),
                "yes" if article.date_note else "no",
                article.headline,
                "yes" if article.headline_is_supplied else "no",
                article.publication__name,
                article.byline,
                url_of(article.slug),
                article.original_url,
                *(
                    NAME_SEPARATOR.join(name for _, name, _ in named[kind].get(article.pk, ()))
                    for kind, _, _ in MENTION_KINDS
                ),
            ]


def mention_rows(articles):
    """One row per article and entity it names, with how many times."""
    for batch, named in article_batches(articles):
        for article in batch:
            date = article.published_on.isoformat()
            for kind, _, _ in MENTION_KINDS:
                for slug, name, count in named[kind].get(article.pk, ()):
                    yield [article.slug, date, article.headline, kind, slug, name, count]


def article_url_maker(request):
    """A fast slug -> absolute article URL, reversing the pattern once, not per row."""
    placeholder = "slug-placeholder"
    template = request.build_absolute_uri(
        reverse("articles:article-detail", kwargs={"slug": placeholder})
    )
    prefix, suffix = template.split(placeholder)
    return lambda slug: f"{prefix}{slug}{suffix}"


def csv_download(header, rows, filename):
    """A streamed CSV file the browser saves as `filename` (letters, digits, -, _ and .)."""
    response = StreamingHttpResponse(
        stream_csv(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class SelectionExportView(View):
    """A CSV file of the records the query string selects (the article list's parameters,
    or the quotation list's); a malformed parameter gets the 400 page saying what was wrong."""

    selection_class = ArticleSelection
    what = ""
    columns = []

    def rows(self, records):
        raise NotImplementedError

    def get(self, request):
        selection = self.selection_class(request.GET)
        if not selection.is_valid():
            raise BadRequest(" ".join(selection.error_messages))
        rows = self.rows(selection.records)
        return csv_download(self.columns, rows, selection.filename(self.what, "csv"))


class ArticleExportView(SelectionExportView):
    what = "articles"
    columns = ARTICLE_COLUMNS

    def rows(self, articles):
        return article_rows(articles, article_url_maker(self.request))


class MentionExportView(SelectionExportView):
    what = "mentions"
    columns = MENTION_COLUMNS

    def rows(self, articles):
        return mention_rows(articles)


QUOTE_COLUMNS = [
    "date",
    "article",
    "headline",
    "article_url",
    "publication",
    "speaker_kind",
    "speaker",
    "speaker_name",
    "text",
    "start",
    "end",
    "url",
]
QUOTE_FIELDS = [
    "pk",
    "article__published_on",
    "article__slug",
    "article__headline",
    "article__publication__name",
    "person__slug",
    "person__name",
    "organisation__slug",
    "organisation__name",
    "text",
    "start",
    "end",
]


def _speaker(quote):
    """(kind, slug, name) of who said it; blanks when the text does not say."""
    if quote.person__slug:
        return "person", quote.person__slug, quote.person__name
    if quote.organisation__slug:
        return "organisation", quote.organisation__slug, quote.organisation__name
    return "", "", ""


def quote_rows(quotes, url_of):
    """One row per quotation, read as plain values from one cursor; `url` opens the
    article at the marked passage."""
    for quote in quotes.values_list(*QUOTE_FIELDS, named=True).iterator(chunk_size=BATCH_SIZE):
        article_url = url_of(quote.article__slug)
        yield [
            quote.article__published_on.isoformat(),
            quote.article__slug,
            quote.article__headline,
            article_url,
            quote.article__publication__name,
            *_speaker(quote),
            quote.text,
            quote.start,
            quote.end,
            f"{article_url}#quote-{quote.pk}",
        ]


class QuoteExportView(SelectionExportView):
    selection_class = QuoteSelection
    what = "quotes"
    columns = QUOTE_COLUMNS

    def rows(self, quotes):
        return quote_rows(quotes, article_url_maker(self.request))


class RecordExportView(View):
    """A CSV file of a people, organisation, place or event list, with the list's
    parameters (`sort`, `kind`; the timeline's for events); streamed."""

    what = ""
    columns = []

    def records(self, query):
        raise NotImplementedError

    def row(self, record, url):
        raise NotImplementedError

    def filename_parts(self, query):
        """What the (valid) parameters selected, for the file name."""
        return []

    def get(self, request):
        try:
            records = self.records(request.GET)
        except ListParameterError as error:
            raise BadRequest(str(error)) from None
        base = request.build_absolute_uri("/")[:-1]
        rows = (self.row(record, base + record.get_absolute_url()) for record in records)
        filename = download_name([self.what, *self.filename_parts(request.GET)], "csv")
        return csv_download(self.columns, rows, filename)


def _parent_slug(record):
    return record.parent.slug if record.parent else ""


class PersonExportView(RecordExportView):
    what = "people"
    columns = ["slug", "name", "sort_name", "role", "description", "articles", "url"]

    def records(self, query):
        return people_listing(query).iterator(chunk_size=BATCH_SIZE)

    def row(self, person, url):
        return [
            person.slug,
            person.name,
            person.sort_name,
            person.role,
            person.description,
            person.article_count,
            url,
        ]


class OrganisationExportView(RecordExportView):
    what = "organisations"
    columns = ["slug", "name", "acronym", "kind", "parent", "description", "articles", "url"]

    def records(self, query):
        return organisations_listing(organisation_kind(query)).iterator(chunk_size=BATCH_SIZE)

    def filename_parts(self, query):
        return [organisation_kind(query)]

    def row(self, organisation, url):
        return [
            organisation.slug,
            organisation.name,
            organisation.acronym,
            organisation.kind,
            _parent_slug(organisation),
            organisation.description,
            organisation.article_count,
            url,
        ]


class PlaceExportView(RecordExportView):
    what = "places"
    columns = [
        "slug",
        "name",
        "kind",
        "parent",
        "latitude",
        "longitude",
        "description",
        "articles",
        "url",
    ]

    def records(self, query):
        return places_listing(place_kind(query)).iterator(chunk_size=BATCH_SIZE)

    def filename_parts(self, query):
        return [place_kind(query)]

    def row(self, place, url):
        return [
            place.slug,
            place.name,
            place.kind,
            _parent_slug(place),
            "" if place.latitude is None else place.latitude,
            "" if place.longitude is None else place.longitude,
            place.description,
            place.article_count,
            url,
        ]


def _names(records):
    return NAME_SEPARATOR.join(record.name for record in records)


class EventExportView(RecordExportView):
    """The events, narrowed like the timeline (`person`, `organisation`, `place`)."""

    what = "events"
    columns = [
        "slug",
        "date",
        "date_precision",
        "date_label",
        "title",
        "description",
        "people",
        "organisations",
        "places",
        "articles",
        "url",
    ]

    def records(self, query):
        return events_listing(query).with_references().iterator(chunk_size=BATCH_SIZE)

    def filename_parts(self, query):
        return [
            f"{name}-{slug}"
            for name in ("person", "organisation", "place")
            for slug in dict.fromkeys(query.getlist(name))
            if slug.strip()
        ]

    def row(self, event, url):
        return [
            event.slug,
            event.date.isoformat(),
            event.date_precision,
            event.date_label,
            event.title,
            event.description,
            _names(event.people.all()),
            _names(event.organisations.all()),
            _names(event.places.all()),
            NAME_SEPARATOR.join(article.slug for article in event.articles.all()),
            url,
        ]
