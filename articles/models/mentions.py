"""Mentions: which article names which person or organisation, how often and where."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import TruncMonth


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

    def of(self, entity):
        """Mentions of `entity`: a record, or its slug."""
        relation = self.model.entity_field.removesuffix("_id")
        if isinstance(entity, str):
            return self.filter(**{f"{relation}__slug": entity})
        return self.filter(**{relation: entity})

    def dated_between(self, start=None, end=None):
        """Mentions in articles dated from `start` to `end` (both included; either may be
        None)."""
        mentions = self
        if start:
            mentions = mentions.filter(published_on__gte=start)
        if end:
            mentions = mentions.filter(published_on__lte=end)
        return mentions

    def newest_first(self):
        """In the article list's order (newest first, then latest added)."""
        return self.order_by("-published_on", "-article_id")

    def days(self):
        """(date, number of articles) for each day these mentions' articles appeared,
        oldest first."""
        return (
            self.order_by("published_on")
            .values_list("published_on")
            .annotate(n=models.Count("article_id"))
        )

    def months(self):
        """(first day of the month, number of articles) for each month these mentions'
        articles appeared in, oldest first."""
        return (
            self.annotate(month=TruncMonth("published_on"))
            .order_by("month")
            .values_list("month")
            .annotate(n=models.Count("article_id"))
        )

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
        objs = list(objs)
        self._copy_article_dates(objs)
        created = super().bulk_create(objs, *args, **kwargs)
        self._changed({getattr(m, self.model.entity_field) for m in created})
        return created

    def _copy_article_dates(self, mentions):
        """Give each new mention its article's date (one query for those without)."""
        undated = {m.article_id for m in mentions if m.published_on is None}
        if not undated:
            return
        articles = self.model._meta.get_field("article").related_model
        dates = dict(articles.objects.filter(pk__in=undated).values_list("pk", "published_on"))
        for mention in mentions:
            if mention.published_on is None:
                mention.published_on = dates[mention.article_id]

    def redate(self, published_on):
        """Set the article date copied on these mentions (their article's date changed).
        Counts do not depend on dates, so nothing is recounted."""
        return super().update(published_on=published_on)

    def _changed(self, entity_ids):
        from ..signals import entities_changed

        entity_model = self.model._meta.get_field(self.model.entity_field).related_model
        entities_changed(entity_model, entity_ids)


class Mention(models.Model):
    """Fields shared by the concrete mention tables.

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
    published_on = models.DateField(
        editable=False,
        help_text="The article's date, copied here (and kept equal to it) so that an "
        "entity's articles are listed, counted and sampled by date from this table's index "
        "alone.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = MentionQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.published_on = self.article.published_on
        super().save(*args, **kwargs)

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
            # An entity's articles newest first, and counts by date, index-only.
            models.Index(
                fields=["person", "-published_on", "-article"],
                condition=Q(origin__in=ACTIVE),
                name="person_mention_dated_idx",
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
            # An entity's articles newest first, and counts by date, index-only.
            models.Index(
                fields=["organisation", "-published_on", "-article"],
                condition=Q(origin__in=ACTIVE),
                name="org_mention_dated_idx",
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
