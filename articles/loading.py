"""Load the curated archive in `fixtures/` into the database.

The fixtures hold the source texts verbatim (`fixtures/sources/`) and the records editors
built by reading them (`publications.json`, `organisations.json`, `people.json`,
`places.json`, `articles.json`, `events.json`, `quotes.json`). Loading creates what is
missing and never deletes. A record that already exists is left as it is, because an
editor may have corrected it in the admin since; it is counted as "kept" when it differs
from its fixture. With `update=True` the fixtures win and such records are overwritten.
Running it twice changes nothing. Mentions are then detected in the loaded articles (see
`detection`), with any editor decisions the fixtures record applied first; then quotations
are extracted (see `quotations`) and the quotes editors checked (`quotes.json`) recorded
over them.
"""

import datetime
import decimal
import json
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db import transaction

from . import detection, quotations
from .models import (
    Affiliation,
    Article,
    Event,
    MentionOrigin,
    Organisation,
    OrganisationAlias,
    OrganisationMention,
    Person,
    PersonAlias,
    PersonMention,
    Place,
    PlaceAlias,
    PlaceMention,
    Publication,
    Quote,
    QuoteOrigin,
)
from .text import clean_body

DEFAULT_FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures"


class FixtureError(Exception):
    """The fixtures are inconsistent; the message names the record and the problem."""


class LoadReport:
    def __init__(self):
        self.created = Counter()
        self.updated = Counter()
        self.unchanged = Counter()
        self.kept = Counter()
        self.detection = None
        self.quotes = None

    def lines(self):
        counters = (self.created, self.updated, self.unchanged, self.kept)
        names = sorted(set().union(*counters))
        for name in names:
            yield (
                f"{name}: {self.created[name]} created, {self.updated[name]} updated, "
                f"{self.unchanged[name]} unchanged, {self.kept[name]} kept as edited"
            )


def read_json(directory, name):
    path = Path(directory) / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise FixtureError(f"{path}: {error}") from error


def parse_date(value, where):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise FixtureError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from error


class Syncer:
    """Brings one record at a time in line with its fixture, and counts what it did.

    A missing record is created. An existing one that differs is overwritten only when
    `update` is true; otherwise the database (an editor's correction) wins.
    """

    def __init__(self, report, update=False):
        self.report = report
        self.update = update

    def __call__(self, model, lookup, values, overwrite=False):
        """The record matching `lookup`, created or brought in line with `values`.

        `overwrite` forces an update of an existing record even without `update`.
        """
        label = model._meta.verbose_name_plural
        instance = model.objects.filter(**lookup).first()
        if instance is None:
            instance = model(**lookup, **values)
            instance.save()
            self.report.created[label] += 1
            return instance
        changed = [name for name, value in values.items() if getattr(instance, name) != value]
        if not changed:
            self.report.unchanged[label] += 1
        elif not (self.update or overwrite):
            self.report.kept[label] += 1
        else:
            for name in changed:
                setattr(instance, name, values[name])
            instance.save()
            self.report.updated[label] += 1
        return instance


def alias_values(record):
    """(text, case_sensitive, note) for each alias a fixture record lists."""
    for alias in record.get("aliases", []):
        if isinstance(alias, str):
            alias = {"text": alias}
        yield alias["text"], False, alias.get("note", "")
    for text in record.get("exact_aliases", []):
        yield text, True, ""


def parse_decimal(value, where):
    if value in (None, ""):
        return None
    try:
        return decimal.Decimal(value)
    except decimal.InvalidOperation as error:
        raise FixtureError(f"{where}: {value!r} is not a number") from error


def load_publications(directory, sync):
    for record in read_json(directory, "publications.json"):
        sync(
            Publication,
            {"slug": record["slug"]},
            {
                "name": record["name"],
                "homepage": record.get("homepage", ""),
                "description": record.get("description", ""),
            },
        )


def load_organisations(directory, sync):
    """Organisations, each after its parent (the fixture lists parents first)."""
    organisations = {}
    for record in read_json(directory, "organisations.json"):
        where = f"organisation {record['slug']}"
        parent = record.get("parent")
        organisation = sync(
            Organisation,
            {"slug": record["slug"]},
            {
                "name": record["name"],
                "acronym": record.get("acronym", ""),
                "kind": record["kind"],
                "description": record.get("description", ""),
                "parent_id": lookup(organisations, parent, where).pk if parent else None,
            },
        )
        organisations[organisation.slug] = organisation
        for text, case_sensitive, note in alias_values(record):
            sync(
                OrganisationAlias,
                {"organisation": organisation, "text": text},
                {"case_sensitive": case_sensitive, "note": note},
            )
    return organisations


def lookup(table, slug, where):
    try:
        return table[slug]
    except KeyError:
        raise FixtureError(f"{where}: unknown slug {slug!r}") from None


def load_people(directory, organisations, sync):
    people = {}
    for record in read_json(directory, "people.json"):
        where = f"person {record['slug']}"
        person = sync(
            Person,
            {"slug": record["slug"]},
            {
                "name": record["name"],
                "sort_name": record.get("sort_name") or record["name"],
                "role": record.get("role", ""),
                "description": record.get("description", ""),
            },
        )
        people[person.slug] = person
        for text, case_sensitive, note in alias_values(record):
            sync(
                PersonAlias,
                {"person": person, "text": text},
                {"case_sensitive": case_sensitive, "note": note},
            )
        for affiliation in record.get("affiliations", []):
            sync(
                Affiliation,
                {
                    "person": person,
                    "organisation": lookup(organisations, affiliation["organisation"], where),
                    "role": affiliation.get("role", ""),
                },
                {
                    "start_date": parse_date(affiliation.get("start_date"), where),
                    "end_date": parse_date(affiliation.get("end_date"), where),
                },
            )
    return people


def load_places(directory, sync):
    """Places, each after the place it lies in (the fixture lists parents first)."""
    places = {}
    for record in read_json(directory, "places.json"):
        where = f"place {record['slug']}"
        parent = record.get("parent")
        place = sync(
            Place,
            {"slug": record["slug"]},
            {
                "name": record["name"],
                "kind": record["kind"],
                "description": record.get("description", ""),
                "parent_id": lookup(places, parent, where).pk if parent else None,
                "latitude": parse_decimal(record.get("latitude"), where),
                "longitude": parse_decimal(record.get("longitude"), where),
            },
        )
        places[place.slug] = place
        for text, case_sensitive, note in alias_values(record):
            sync(
                PlaceAlias,
                {"place": place, "text": text},
                {"case_sensitive": case_sensitive, "note": note},
            )
    return places


def read_source(directory, file_name):
    """The source text exactly as stored on disk (UTF-8, no newline translation)."""
    path = Path(directory) / "sources" / file_name
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FixtureError(f"{path}: {error}") from error


def load_articles(directory, sync):
    publications = {p.slug: p for p in Publication.objects.all()}
    articles = []
    for record in read_json(directory, "articles.json"):
        where = f"article {record['slug']}"
        source = read_source(directory, record["source_file"])
        clash = Article.objects.with_source_text(source).exclude(slug=record["slug"])
        if clash.exists():
            raise FixtureError(f"{where}: its source text is already stored as {clash.get().slug}")
        articles.append(
            sync(
                Article,
                {"slug": record["slug"]},
                {
                    "headline": record["headline"],
                    "headline_is_supplied": record.get("headline_is_supplied", False),
                    "publication_id": lookup(publications, record["publication"], where).pk,
                    "byline": record.get("byline", ""),
                    "published_on": parse_date(record["published_on"], where),
                    "date_note": record.get("date_note", ""),
                    "publication_note": record.get("publication_note", ""),
                    "original_url": record.get("original_url", ""),
                    "source_file": record["source_file"],
                    "source_text": source,
                    "body": clean_body(source, record["headline"], record.get("furniture", [])),
                },
            )
        )
    return articles


EDITOR_DECISIONS = {"added": MentionOrigin.EDITOR, "rejected": MentionOrigin.REJECTED}


def apply_editor_decisions(directory, tables, sync):
    """Record the mentions editors added or rejected, before detection runs.

    `tables` maps a fixture key ("people", "organisations", "places") to
    (mention model, entity field, {slug: entity}). A decision replaces a merely detected
    mention; a decision an editor has since changed in the admin is kept (unless the load
    updates).
    """
    articles = {a.slug: a for a in Article.objects.all()}
    for record in read_json(directory, "articles.json"):
        where = f"article {record['slug']}"
        article = articles[record["slug"]]
        decisions = record.get("mentions", {})
        for decision, origin in EDITOR_DECISIONS.items():
            for key, slugs in decisions.get(decision, {}).items():
                if key not in tables:
                    raise FixtureError(f"{where}: unknown kind of mention {key!r}")
                model, entity_field, entities = tables[key]
                for slug in slugs:
                    mention_lookup = {
                        "article": article,
                        entity_field: lookup(entities, slug, where),
                    }
                    record_decision(sync, model, mention_lookup, origin)


def record_decision(sync, model, mention_lookup, origin):
    detected = model.objects.filter(**mention_lookup, origin=MentionOrigin.DETECTED).exists()
    sync(model, mention_lookup, {"origin": origin}, overwrite=detected)


EVENT_LINKS = ["people", "organisations", "places", "articles"]


def load_events(directory, sync):
    """Events and their links. A link the fixture lacks is added; links editors added in
    the admin stay (unless the load updates, when the links are exactly the fixture's)."""
    tables = {
        "people": {p.slug: p for p in Person.objects.all()},
        "organisations": {o.slug: o for o in Organisation.objects.all()},
        "places": {p.slug: p for p in Place.objects.all()},
        "articles": {a.slug: a for a in Article.objects.all()},
    }
    for record in read_json(directory, "events.json"):
        where = f"event {record['slug']}"
        event = sync(
            Event,
            {"slug": record["slug"]},
            {
                "title": record["title"],
                "date": parse_date(record["date"], where),
                "date_precision": record.get("date_precision", "day"),
                "description": record.get("description", ""),
            },
        )
        for relation in EVENT_LINKS:
            wanted = {lookup(tables[relation], slug, where) for slug in record.get(relation, [])}
            linked = set(getattr(event, relation).all())
            if wanted - linked or (sync.update and linked - wanted):
                getattr(event, relation).set(wanted if sync.update else wanted | linked)
                sync.report.updated[f"event {relation}"] += 1


def locate(body, text, occurrence, where):
    """Offset of the `occurrence`-th (from 1) appearance of `text` in `body`."""
    start = -1
    for _ in range(occurrence):
        start = body.find(text, start + 1)
        if start == -1:
            raise FixtureError(f"{where}: the text does not print these words {occurrence}×")
    return start


def load_quote_corrections(directory, sync):
    """The quotations editors checked, recorded over what extraction found: the speaker set
    (a person, an organisation, or confirmed unknown), or the quote rejected. A record
    names its words exactly as printed (and `occurrence` when they are printed twice)."""
    articles = {a.slug: a for a in Article.objects.all()}
    speakers = {
        "person": {p.slug: p for p in Person.objects.all()},
        "organisation": {o.slug: o for o in Organisation.objects.all()},
    }
    for record in read_json(directory, "quotes.json"):
        where = f"quote {record['text'][:40]!r} in {record['article']}"
        article = lookup(articles, record["article"], where)
        start = locate(article.body, record["text"], record.get("occurrence", 1), where)
        end = start + len(record["text"])
        overlapping = Quote.objects.filter(article=article, start__lt=end, end__gt=start)
        overlapping.filter(origin=QuoteOrigin.DETECTED).exclude(start=start).delete()
        values = {"end": end, "text": record["text"], "note": record.get("note", "")}
        for kind, table in speakers.items():
            slug = record.get(kind)
            values[f"{kind}_id"] = lookup(table, slug, where).pk if slug else None
        rejected = record.get("rejected", False)
        values["origin"] = QuoteOrigin.REJECTED if rejected else QuoteOrigin.EDITOR
        detected = overlapping.filter(start=start, origin=QuoteOrigin.DETECTED).exists()
        sync(Quote, {"article": article, "start": start}, values, overwrite=detected)


class DryRunRollback(Exception):
    pass


def load_archive(directory=DEFAULT_FIXTURE_DIR, dry_run=False, update=False):
    """Load every fixture in `directory`; returns a LoadReport. All or nothing.

    `update=True` overwrites records that differ from their fixtures (see `Syncer`).
    """
    report = LoadReport()
    sync = Syncer(report, update=update)
    try:
        with transaction.atomic():
            load_publications(directory, sync)
            organisations = load_organisations(directory, sync)
            people = load_people(directory, organisations, sync)
            places = load_places(directory, sync)
            articles = load_articles(directory, sync)
            apply_editor_decisions(
                directory,
                {
                    "people": (PersonMention, "person", people),
                    "organisations": (OrganisationMention, "organisation", organisations),
                    "places": (PlaceMention, "place", places),
                },
                sync,
            )
            report.detection = detection.detect_mentions(articles)
            load_events(directory, sync)
            report.quotes = quotations.extract_quotes(articles)
            load_quote_corrections(directory, sync)
            if dry_run:
                raise DryRunRollback
    except DryRunRollback:
        pass
    return report
