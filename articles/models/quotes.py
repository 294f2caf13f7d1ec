"""Quotations: the exact words an article prints as someone's, where, and whose."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from .entities import Affiliation


class QuoteOrigin(models.TextChoices):
    DETECTED = "detected", "found by extraction"
    EDITOR = "editor", "checked or corrected by an editor"
    REJECTED = "rejected", "rejected by an editor"

    @classmethod
    def active(cls):
        """Origins of quotes shown to readers: everything but a rejection."""
        return [cls.DETECTED, cls.EDITOR]


class QuoteQuerySet(models.QuerySet):
    def active(self):
        """Quotes a reader sees; an editor's rejection hides a quote everywhere."""
        return self.filter(origin__in=QuoteOrigin.active())

    def for_listing(self):
        return self.select_related("article__publication", "person", "organisation").defer(
            "article__source_text", "article__body"
        )

    def newest_first(self):
        """By the date of the reporting article, newest first; in text order within one."""
        return self.order_by("-article__published_on", "-article_id", "start")

    def oldest_first(self):
        return self.order_by("article__published_on", "article_id", "start")

    def by_person(self, slug):
        return self.filter(person__slug=slug)

    def by_organisation(self, slug):
        """Quotes of the organisation itself or of a person affiliated with it."""
        members = Affiliation.objects.filter(organisation__slug=slug).values("person_id")
        return self.filter(Q(organisation__slug=slug) | Q(person__in=members))

    def containing_words(self, text):
        """Quotes containing every word of `text`, in any case."""
        for word in text.split():
            self = self.filter(text__icontains=word)
        return self

    def reported_from(self, date):
        return self.filter(article__published_on__gte=date)

    def reported_until(self, date):
        return self.filter(article__published_on__lte=date)


class Quote(models.Model):
    """Words an article prints in quotation marks as said by someone.

    `text` is the quoted words exactly as printed, without the quotation marks; `start` and
    `end` are its character offsets in the article's body. The speaker is a person or an
    organisation (a ministry or a group that "said" it), or no one when the text does not
    say who spoke unambiguously.
    """

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField(help_text="The quoted words exactly as printed.")
    start = models.PositiveIntegerField(help_text="Offset of the first character in the body.")
    end = models.PositiveIntegerField(help_text="Offset just past the last character.")
    person = models.ForeignKey(
        "articles.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
        help_text="The speaker, when a person; leave blank for an organisation or no one.",
    )
    organisation = models.ForeignKey(
        "articles.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
        help_text="The speaker, when an organisation (a ministry, a group) said it.",
    )
    origin = models.CharField(
        max_length=10, choices=QuoteOrigin.choices, default=QuoteOrigin.DETECTED
    )
    note = models.CharField(
        max_length=300, blank=True, help_text="An editor's note, e.g. how the speaker was known."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=True) | Q(organisation__isnull=True),
                name="quote_at_most_one_speaker",
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="quote_end_after_start"),
            models.UniqueConstraint(fields=["article", "start"], name="quote_unique_position"),
        ]
        indexes = [
            models.Index(fields=["person", "origin"], name="quote_person_idx"),
            models.Index(fields=["organisation", "origin"], name="quote_organisation_idx"),
        ]

    def __str__(self):
        words = self.text if len(self.text) <= 60 else self.text[:59] + "…"
        return f"“{words}” ({self.speaker or 'speaker unknown'})"

    def get_absolute_url(self):
        """The quoted passage, marked in its article."""
        return (
            reverse("articles:article-detail", kwargs={"slug": self.article.slug})
            + f"#{self.anchor}"
        )

    @property
    def anchor(self):
        return f"quote-{self.pk}"

    @property
    def speaker(self):
        return self.person or self.organisation

    @property
    def is_active(self):
        return self.origin != QuoteOrigin.REJECTED
