"""Facet counts beside the article list: how many of the listed articles name each person,
organisation and place, and come from each publication. Each facet links to the narrower list."""

from dataclasses import dataclass

from .models import Article, CoMention, Organisation, Person, Place, Publication
from .models.articles import FACET_KINDS, Counted
from .models.comentions import kind_of
from .querystrings import replacing, with_value, without_value

FACET_SIZE = 12
FACET_SAMPLE = 500


@dataclass
class FacetItem:
    label: str
    count: int
    url: str
    active: bool


@dataclass
class Facet:
    title: str
    parameter: str
    items: list
    has_more: bool
    unit: str = "article"  # what the counts count


def _facet(title, parameter, records, query, active_slugs, add_link, unit="article"):
    records = list(records[: FACET_SIZE + 1])
    items = [
        FacetItem(
            label=record.name,
            count=getattr(record, f"{unit}_count"),
            url=add_link(query, parameter, record.slug),
            active=record.slug in active_slugs,
        )
        for record in records[:FACET_SIZE]
    ]
    return Facet(title, parameter, items, has_more=len(records) > FACET_SIZE, unit=unit)


def article_facets(selection, query, total):
    """Facets for the articles of `selection` (an ArticleSelection, valid; `total` of
    them).

    The whole archive's facets are its stored counts, and those of the articles naming one
    person, organisation or place (nothing else narrowed) its stored co-mentions: nothing
    is counted. Any other narrowed list is counted article by article: all of it up to
    FACET_SAMPLE articles, else the first FACET_SAMPLE in the list's order (facet_sample()
    says so beside the facets), which bounds the work whatever the archive's size; each
    facet's link leads to the exact list.
    """
    sole = selection.sole_entity()
    if sole is not None:
        sources = _co_mention_facets(sole)
    elif selection.is_filtered():
        sample = Article.objects.filter(pk__in=selection.first_ids(FACET_SAMPLE, total))
        counted = sample.facet_counts(FACET_SIZE + 1)
        sources = [counted[kind] for kind in FACET_KINDS]
    else:
        sources = (
            Publication.objects.with_article_counts()
            .filter(stored_article_count__gt=0)
            .order_by("-stored_article_count", "name"),
            Person.objects.most_mentioned(),
            Organisation.objects.most_mentioned(),
            Place.objects.most_mentioned(),
        )
    cleaned = selection.cleaned
    publications, people, organisations, places = sources
    publication = cleaned.get("publication")
    return [
        _facet(
            "Publications",
            "publication",
            publications,
            query,
            {publication.slug} if publication else set(),
            replacing,
        ),
        _facet("People", "person", people, query, _slugs(cleaned, "person"), with_value),
        _facet(
            "Organisations",
            "organisation",
            organisations,
            query,
            _slugs(cleaned, "organisation"),
            with_value,
        ),
        _facet("Places", "place", places, query, _slugs(cleaned, "place"), with_value),
    ]


def _co_mention_facets(record):
    """The facets of the articles naming `record` and nothing else narrowed: its stored
    co-mentions, exact over all of them, with the record itself first in its own kind."""
    counted = CoMention.objects.counts_for(record, FACET_KINDS, FACET_SIZE + 1)
    kind = kind_of(record)
    counted[kind].insert(0, Counted(record.slug, record.name, record.stored_article_count, kind))
    return [counted[kind] for kind in FACET_KINDS]


def facet_sample(selection, total):
    """How many of the listed articles the facets counted, when not all of them."""
    counted_all = not selection.is_filtered() or selection.sole_entity() is not None
    return None if counted_all or total <= FACET_SAMPLE else FACET_SAMPLE


def _slugs(cleaned, parameter):
    return {record.slug for record in cleaned.get(parameter) or []}


@dataclass
class ActiveFilter:
    kind: str
    label: str
    remove_url: str


def active_filters(query, cleaned):
    """The narrowings in force, each with a link that removes just that one."""
    active = [
        ActiveFilter("Person", person.name, without_value(query, "person", person.slug))
        for person in cleaned.get("person") or []
    ]
    active += [
        ActiveFilter("Organisation", org.name, without_value(query, "organisation", org.slug))
        for org in cleaned.get("organisation") or []
    ]
    active += [
        ActiveFilter("Place", place.name, without_value(query, "place", place.slug))
        for place in cleaned.get("place") or []
    ]
    if cleaned.get("publication"):
        active.append(
            ActiveFilter(
                "Publication", cleaned["publication"].name, without_value(query, "publication")
            )
        )
    return active + date_and_word_filters(query, cleaned)


def date_and_word_filters(query, cleaned):
    """The date range and words in force (both lists have them), each removable."""
    active = [
        ActiveFilter(kind, f"{cleaned[key].day} {cleaned[key]:%B %Y}", without_value(query, key))
        for key, kind in (("date_from", "From"), ("date_to", "To"))
        if cleaned.get(key)
    ]
    if cleaned.get("q"):
        active.append(ActiveFilter("Words", cleaned["q"], without_value(query, "q")))
    return active


def quote_facets(quotes, query, cleaned):
    """Who said the listed quotations: people and organisations, with how many each."""
    person, organisation = cleaned.get("person"), cleaned.get("organisation")
    return [
        _facet(
            "Said by",
            "person",
            Person.objects.quoted_in(quotes),
            query,
            {person.slug} if person else set(),
            replacing,
            unit="quote",
        ),
        _facet(
            "Said by an organisation",
            "organisation",
            Organisation.objects.quoted_in(quotes),
            query,
            {organisation.slug} if organisation else set(),
            replacing,
            unit="quote",
        ),
    ]


def quote_filters(query, cleaned):
    """The narrowings of the quotations list in force, each with a link removing it."""
    active = []
    if cleaned.get("person"):
        active.append(
            ActiveFilter("Said by", cleaned["person"].name, without_value(query, "person"))
        )
    if cleaned.get("organisation"):
        active.append(
            ActiveFilter(
                "Organisation", cleaned["organisation"].name, without_value(query, "organisation")
            )
        )
    return active + date_and_word_filters(query, cleaned)
