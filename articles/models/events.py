"""Events: the dated steps of the negotiations, curated by editors."""

import datetime

from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse

from .articles import Article
from .entities import Organisation, Person
from .places import Place


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class EventQuerySet(models.QuerySet):
    def chronological(self):
        return self.order_by("date", "title")

    def with_references(self):
        """With who took part, where, and the reporting articles (newest first), as
        references (slug and name or headline): one query each."""
        return self.prefetch_related(
            Prefetch("people", queryset=Person.objects.only("slug", "name")),
            Prefetch("organisations", queryset=Organisation.objects.only("slug", "name")),
            Prefetch("places", queryset=Place.objects.only("slug", "name")),
            Prefetch(
                "articles",
                queryset=Article.objects.only("slug", "headline", "published_on").newest_first(),
            ),
        )

    def involving_person(self, slug):
        return self.filter(people__slug=slug)

    def involving_organisation(self, slug):
        return self.filter(organisations__slug=slug)

    def at_place(self, slug):
        return self.filter(places__slug=slug)


class Event(models.Model):
    """A dated step of the negotiations, with who took part, where, and the articles that
    report it.

    `date` is the first day of the period its `date_precision` allows: an event known only
    to have happened in February 2016 has the date 2016-02-01 and the precision "month".
    """

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    date = models.DateField()
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    description = models.TextField(blank=True)
    people = models.ManyToManyField("articles.Person", blank=True, related_name="events")
    organisations = models.ManyToManyField(
        "articles.Organisation", blank=True, related_name="events"
    )
    places = models.ManyToManyField("articles.Place", blank=True, related_name="events")
    articles = models.ManyToManyField(
        "articles.Article",
        blank=True,
        related_name="events",
        help_text="The articles that report the event.",
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["date", "title"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="event_title_not_blank"),
        ]
        indexes = [models.Index(fields=["date"], name="event_date_idx")]

    def __str__(self):
        return f"{self.date_label}: {self.title}"

    def save(self, *args, **kwargs):
        self.date = period_start(self.date, self.date_precision)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:event-detail", kwargs={"slug": self.slug})

    @property
    def date_label(self):
        """The date as precisely as it is known: "31 October 2014", "February 2016", "2015"."""
        if self.date_precision == DatePrecision.YEAR:
            return f"{self.date:%Y}"
        if self.date_precision == DatePrecision.MONTH:
            return f"{self.date:%B %Y}"
        return f"{self.date.day} {self.date:%B %Y}"


def period_start(date, precision):
    """The first day of the month or year `date` falls in, as `precision` asks."""
    if precision == DatePrecision.YEAR:
        return datetime.date(date.year, 1, 1)
    if precision == DatePrecision.MONTH:
        return datetime.date(date.year, date.month, 1)
    return date
