"""Places: the cities, regions and countries the articles name, detected like people and
organisations (see `detection.KINDS`)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from .entities import Alias, Entity, EntityQuerySet
from .mentions import ACTIVE, Mention, MentionOrigin


class PlaceKind(models.TextChoices):
    COUNTRY = "country", "Country"
    REGION = "region", "Region"
    CITY = "city", "City"
    LOCALITY = "locality", "Town, village or district"


class Place(Entity):
    """A place named in the reporting, with its position (WGS 84, decimal degrees)."""

    kind = models.CharField(max_length=20, choices=PlaceKind.choices, default=PlaceKind.CITY)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text="The place this one lies in, e.g. a city's country.",
    )
    latitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    objects = EntityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="place_not_own_parent"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="place_coordinates_both_and_in_range",
            ),
        ]
        indexes = [models.Index(fields=["kind", "name"], name="place_kind_idx")]

    def get_absolute_url(self):
        return reverse("articles:place-detail", kwargs={"slug": self.slug})

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def coordinates_label(self):
        """E.g. "36.20210° N, 37.13430° E"."""
        if not self.has_coordinates:
            return ""
        north = "N" if self.latitude >= 0 else "S"
        east = "E" if self.longitude >= 0 else "W"
        return f"{abs(self.latitude)}° {north}, {abs(self.longitude)}° {east}"


class PlaceAlias(Alias):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        verbose_name_plural = "place aliases"
        ordering = ["text"]
        constraints = [
            models.UniqueConstraint(fields=["place", "text"], name="place_alias_unique_text"),
            models.CheckConstraint(condition=~Q(text=""), name="place_alias_not_blank"),
        ]

    @property
    def entity(self):
        return self.place


class PlaceMention(Mention):
    """An article names a place."""

    entity_field = "place_id"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="place_mentions"
    )
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="mentions")

    class Meta:
        ordering = ["-count", "place__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "place"], name="place_mention_unique_article_place"
            ),
            models.CheckConstraint(
                condition=Q(origin=MentionOrigin.REJECTED) | Q(count__gte=1),
                name="place_mention_active_count_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["place", "origin"], name="place_mention_place_idx"),
            models.Index(
                fields=["place", "-published_on", "-article"],
                condition=Q(origin__in=ACTIVE),
                name="place_mention_dated_idx",
            ),
            models.Index(
                fields=["article", "place"],
                condition=Q(origin__in=ACTIVE),
                name="place_mention_article_idx",
            ),
        ]

    def __str__(self):
        return f"{self.place} in {self.article}"

    @property
    def entity(self):
        return self.place
