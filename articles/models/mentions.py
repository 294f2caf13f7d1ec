"""Mentions: which article names which person or organisation, how often and where."""

from django.db import models
from django.db.models import Q


class MentionOrigin(models.TextChoices):
    DETECTED = "detected", "detected in the text"
    EDITOR = "editor", "added by an editor"
    REJECTED = "rejected", "rejected by an editor"

    @classmethod
    def active(cls):
        """Origins of mentions shown to readers: everything but a rejection."""
        return [cls.DETECTED, cls.EDITOR]


ACTIVE = MentionOrigin.active()


def empty_positions():
    return {"headline": [], "body": []}


class MentionQuerySet(models.QuerySet):
    def active(self):
        """Mentions a reader sees; an editor's rejection hides a mention everywhere."""
        return self.filter(origin__in=MentionOrigin.active())

    def decided_by_editor(self):
        """Mentions that re-detection must leave alone."""
        return self.filter(origin__in=[MentionOrigin.EDITOR, MentionOrigin.REJECTED])

    # Bulk writes send no signals; these keep the stored counts and the cache right.
    def update(self, **fields):
        entity_ids = list(self.values_list(self.model.entity_field, flat=True).distinct())
        updated = super().update(**fields)
        self._changed(entity_ids)
        return updated

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        self._changed({getattr(m, self.model.entity_field) for m in created})
        return created

    def _changed(self, entity_ids):
        from ..signals import entities_changed

        entity_model = self.model._meta.get_field(self.model.entity_field).related_model
        entities_changed(entity_model, entity_ids)


class Mention(models.Model):
    """Fields shared by the two concrete mention tables.

    `positions` holds character offsets as {"headline": [[start, end], ...],
    "body": [[start, end], ...]}, each into the article field of that name.
    """

    origin = models.CharField(
        max_length=10, choices=MentionOrigin.choices, default=MentionOrigin.DETECTED
    )
    count = models.PositiveIntegerField(
        default=1, help_text="How many times the article names the entity."
    )
    positions = models.JSONField(default=empty_positions, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MentionQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_active(self):
        return self.origin != MentionOrigin.REJECTED

    def body_spans(self):
        return [tuple(span) for span in (self.positions or {}).get("body", [])]


class PersonMention(Mention):
    """An article names a person."""

    entity_field = "person_id"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="person_mentions"
    )
    person = models.ForeignKey("articles.Person", on_delete=models.CASCADE, related_name="mentions")

    class Meta:
        ordering = ["-count", "person__sort_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "person"], name="person_mention_unique_article_person"
            ),
            models.CheckConstraint(
                condition=Q(origin=MentionOrigin.REJECTED) | Q(count__gte=1),
                name="person_mention_active_count_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "origin"], name="person_mention_person_idx"),
            # Covering indexes of active mentions: filters and facets join them index-only.
            models.Index(
                fields=["person", "article"],
                condition=Q(origin__in=ACTIVE),
                name="person_mention_active_idx",
            ),
            models.Index(
                fields=["article", "person"],
                condition=Q(origin__in=ACTIVE),
                name="person_mention_article_idx",
            ),
        ]

    def __str__(self):
        return f"{self.person} in {self.article}"

    @property
    def entity(self):
        return self.person


class OrganisationMention(Mention):
    """An article names an organisation."""

    entity_field = "organisation_id"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="organisation_mentions"
    )
    organisation = models.ForeignKey(
        "articles.Organisation", on_delete=models.CASCADE, related_name="mentions"
    )

    class Meta:
        ordering = ["-count", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "organisation"],
                name="organisation_mention_unique_article_organisation",
            ),
            models.CheckConstraint(
                condition=Q(origin=MentionOrigin.REJECTED) | Q(count__gte=1),
                name="organisation_mention_active_count_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "origin"], name="organisation_mention_org_idx"),
            models.Index(
                fields=["organisation", "article"],
                condition=Q(origin__in=ACTIVE),
                name="org_mention_active_idx",
            ),
            models.Index(
                fields=["article", "organisation"],
                condition=Q(origin__in=ACTIVE),
                name="org_mention_article_idx",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} in {self.article}"

    @property
    def entity(self):
        return self.organisation
