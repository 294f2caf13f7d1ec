"""Mention detection against the database: build the matcher from every alias, find the
people and organisations each article names, and store what was found.

Re-detection recomputes detected mentions only. An editor's decision, a mention added by
hand or a rejected one, is never overridden: an added mention keeps its origin (its count
and positions are refreshed when the text does name the entity), a rejected one stays
rejected whatever the text says.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction

from .matching import AliasEntry, Matcher
from .models import (
    MentionOrigin,
    Organisation,
    OrganisationAlias,
    OrganisationMention,
    Person,
    PersonAlias,
    PersonMention,
)

MENTION_TABLES = {
    "person": (PersonMention, "person_id"),
    "organisation": (OrganisationMention, "organisation_id"),
}


def alias_entries():
    """Every alias in the database, plus each entity's own name.

    A name counts as a case-insensitive alias unless an explicit alias with the same text
    says otherwise (e.g. a case-sensitive alias for a short name).
    """
    entries = [
        AliasEntry("person", person_id, text, sensitive)
        for person_id, text, sensitive in PersonAlias.objects.values_list(
            "person_id", "text", "case_sensitive"
        )
    ] + [
        AliasEntry("organisation", org_id, text, sensitive)
        for org_id, text, sensitive in OrganisationAlias.objects.values_list(
            "organisation_id", "text", "case_sensitive"
        )
    ]
    explicit = {(entry.kind, entry.entity_id, entry.text) for entry in entries}
    for kind, model in (("person", Person), ("organisation", Organisation)):
        for entity_id, name in model.objects.values_list("pk", "name"):
            if (kind, entity_id, name) not in explicit:
                entries.append(AliasEntry(kind, entity_id, name))
    return entries


def build_matcher():
    return Matcher(alias_entries())


def find_mentions(article, matcher):
    """Map (kind, entity id) to {"headline": [[start, end]...], "body": [...]}."""
    found = defaultdict(lambda: {"headline": [], "body": []})
    for field_name in ("headline", "body"):
        for match in matcher.find(getattr(article, field_name)):
            found[(match.kind, match.entity_id)][field_name].append([match.start, match.end])
    return dict(found)


@dataclass
class DetectionReport:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    articles: int = 0
    per_article: dict = field(default_factory=dict)

    def add(self, other):
        for name in ("created", "updated", "deleted", "unchanged", "articles"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _count(positions):
    return len(positions["headline"]) + len(positions["body"])


def store_mentions(article, found):
    """Bring the article's mentions in line with `found`, respecting editors' decisions."""
    report = DetectionReport(articles=1)
    for kind, (model, entity_field) in MENTION_TABLES.items():
        existing = {getattr(m, entity_field): m for m in model.objects.filter(article=article)}
        wanted = {entity_id: pos for (k, entity_id), pos in found.items() if k == kind}
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
        stale = [
            mention.pk
            for entity_id, mention in existing.items()
            if entity_id not in wanted and mention.origin == MentionOrigin.DETECTED
        ]
        if stale:
            model.objects.filter(pk__in=stale).delete()
            report.deleted += len(stale)
        report.unchanged += sum(
            1
            for entity_id, mention in existing.items()
            if entity_id not in wanted and mention.origin != MentionOrigin.DETECTED
        )
    return report


def detect_mentions(articles, matcher=None):
    """Re-detect mentions in `articles` (an iterable); returns a DetectionReport."""
    matcher = matcher or build_matcher()
    report = DetectionReport()
    with transaction.atomic():
        for article in articles:
            article_report = store_mentions(article, find_mentions(article, matcher))
            report.per_article[article.pk] = article_report
            report.add(article_report)
    return report
