"""Mention detection against the database: build the matcher from every alias, find the
people, organisations and places each article names, and store what was found.

Re-detection recomputes detected mentions only. An editor's decision, a mention added by
hand or a rejected one, is never overridden: an added mention keeps its origin (its count
and positions are refreshed when the text does name the entity), a rejected one stays
rejected whatever the text says.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from .matching import AliasEntry, Matcher
from .models import (
    Article,
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
)
from .models.mentions import empty_positions


@dataclass(frozen=True)
class EntityKind:
    """One kind of thing detected in texts, with its alias and mention tables."""

    name: str
    model: type
    alias_model: type
    mention_model: type
    article_relation: str  # Article's reverse accessor for the mention table

    @property
    def entity_field(self):
        return f"{self.name}_id"


KINDS = [
    EntityKind("person", Person, PersonAlias, PersonMention, "person_mentions"),
    EntityKind(
        "organisation",
        Organisation,
        OrganisationAlias,
        OrganisationMention,
        "organisation_mentions",
    ),
    EntityKind("place", Place, PlaceAlias, PlaceMention, "place_mentions"),
]
KIND_BY_MODEL = {kind.model: kind for kind in KINDS}


def alias_entries():
    """Every alias in the database, plus each entity's own name.

    A name counts as a case-insensitive alias unless an explicit alias with the same text
    says otherwise (e.g. a case-sensitive alias for a short name).
    """
    entries = []
    for kind in KINDS:
        explicit = kind.alias_model.objects.values_list(kind.entity_field, "text", "case_sensitive")
        entries += [AliasEntry(kind.name, pk, text, sensitive) for pk, text, sensitive in explicit]
        spelled = {(pk, text) for pk, text, _ in explicit}
        entries += [
            AliasEntry(kind.name, pk, name)
            for pk, name in kind.model.objects.values_list("pk", "name")
            if (pk, name) not in spelled
        ]
    return entries


def build_matcher():
    return Matcher(alias_entries())


def find_mentions(article, matcher):
    """Map (kind name, entity id) to {"headline": [[start, end]...], "body": [...]}."""
    found = defaultdict(lambda: {"headline": [], "body": []})
    for field_name in ("headline", "body"):
        for match in matcher.find(getattr(article, field_name)):
            found[(match.kind, match.entity_id)][field_name].append([match.start, match.end])
    return dict(found)


@dataclass
class DetectionReport:
    articles: int = 0
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    found: dict = field(default_factory=dict)  # article pk -> {(kind, entity id): positions}

    def add(self, other):
        for name in ("articles", "created", "updated", "deleted", "unchanged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.found.update(other.found)


def _count(positions):
    return len(positions["headline"]) + len(positions["body"])


def _store_kind(article, kind, wanted, report):
    model, entity_field = kind.mention_model, kind.entity_field
    existing = {getattr(m, entity_field): m for m in model.objects.filter(article=article)}
    for entity_id, positions in wanted.items():
        mention = existing.get(entity_id)
        if mention is None:
            model.objects.create(
                article=article,
                origin=MentionOrigin.DETECTED,
                count=_count(positions),
                positions=positions,
                **{entity_field: entity_id},
            )
            report.created += 1
        elif mention.origin == MentionOrigin.REJECTED or (
            mention.positions == positions and mention.count == _count(positions)
        ):
            report.unchanged += 1
        else:
            mention.positions = positions
            mention.count = _count(positions)
            mention.save(update_fields=["positions", "count", "updated_at"])
            report.updated += 1
    for entity_id, mention in existing.items():
        if entity_id in wanted:
            continue
        if mention.origin == MentionOrigin.DETECTED:
            mention.delete()
            report.deleted += 1
        elif mention.positions != empty_positions() and mention.origin == MentionOrigin.EDITOR:
            # The editor's link stands, but the text no longer holds it where it was:
            # stale offsets would link whatever words now sit there.
            mention.positions = empty_positions()
            mention.save(update_fields=["positions", "updated_at"])
            report.updated += 1
        else:
            report.unchanged += 1  # an editor's decision stands


def store_mentions(article, found):
    """Bring the article's mentions in line with `found`, respecting editors' decisions."""
    report = DetectionReport(articles=1, found={article.pk: found})
    for kind in KINDS:
        wanted = {entity_id: pos for (name, entity_id), pos in found.items() if name == kind.name}
        _store_kind(article, kind, wanted, report)
    return report


def detect_mentions(articles, matcher=None, progress=None):
    """Re-detect mentions in `articles` (an iterable), in one transaction.

    `progress`, if given, is called with the number of articles done so far.
    """
    matcher = matcher or build_matcher()
    report = DetectionReport()
    with transaction.atomic():
        for done, article in enumerate(articles, start=1):
            report.add(store_mentions(article, find_mentions(article, matcher)))
            if progress:
                progress(done)
    return report


def names_of(entity):
    """The texts an entity is found under: its name and its aliases."""
    return {entity.name, *entity.aliases.values_list("text", flat=True)}


def articles_affected_by(entities):
    """Articles whose mentions may change when the names of `entities` change: those that
    mention any of them now, and those containing any of their names or aliases."""
    condition = Q(pk__in=[])
    for entity in entities:
        kind = KIND_BY_MODEL[type(entity)]
        condition |= Q(**{f"{kind.article_relation}__{kind.name}": entity})
        for text in names_of(entity):
            condition |= Q(headline__icontains=text) | Q(body__icontains=text)
    return Article.objects.filter(condition).distinct()
