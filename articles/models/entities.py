"""People and organisations: the actors the archive's articles name."""

from django.db import models
from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse

from .mentions import MentionOrigin


class EntityQuerySet(models.QuerySet):
    """Counting rules shared by people and organisations.

    Both models call their mention table `mentions`; only active mentions count. How many
    articles name each entity is stored (`stored_article_count`), so lists and rankings
    of the whole archive never count the mention table; articles/signals.py keeps it right.
    """

    def with_article_counts(self):
        """Annotate `article_count`: articles naming the entity (one mention row each)."""
        return self.annotate(article_count=F("stored_article_count"))

    def named_in_articles(self):
        """Entities at least one article names (parents and the like may be named by none)."""
        return self.filter(stored_article_count__gt=0)

    def most_mentioned(self):
        """Entities named in at least one article, most articles first."""
        return (
            self.with_article_counts()
            .filter(stored_article_count__gt=0)
            .order_by("-stored_article_count", "name")
        )

    def refresh_article_counts(self):
        """Recount the articles naming each of these entities from the mention table."""
        counted = (
            self.model.mentions.rel.related_model.objects.active()
            .filter(**{self.model._meta.model_name: OuterRef("pk")})
            .order_by()
            .values(self.model._meta.model_name)
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.update(
            stored_article_count=Coalesce(Subquery(counted, output_field=IntegerField()), 0)
        )

    def named_any(self, texts):
        """(pk, name, alias text, alias case-sensitive) rows for the entities whose name or
        an alias is one of `texts` (given in lower case); one row per alias, None without."""
        return (
            self.annotate(name_lower=Lower("name"), alias_lower=Lower("aliases__text"))
            .filter(Q(name_lower__in=texts) | Q(alias_lower__in=texts))
            .order_by()
            .values_list("pk", "name", "aliases__text", "aliases__case_sensitive")
        )

    def suggested(self, text, limit):
        """Up to `limit` entities for a type-ahead: those whose name or an alias is `text`
        (any case) first, then those whose name starts with it, then those with a word of
        the name or an alias starting with it; the most mentioned first within each.
        Each is annotated with `matched_alias` (the alias that matched, if any)."""
        text = text.lower()
        named = self.annotate(name_lower=Lower("name"), alias_lower=Lower("aliases__text"))
        word_start = (
            Q(name_lower__startswith=text)
            | Q(name_lower__contains=" " + text)
            | Q(name_lower__contains="-" + text)
            | Q(alias_lower__startswith=text)
            | Q(alias_lower__contains=" " + text)
        )
        rows = (
            named.filter(word_start)
            .annotate(
                score=Case(
                    When(Q(name_lower=text) | Q(alias_lower=text), then=Value(0)),
                    When(name_lower__startswith=text, then=Value(1)),
                    default=Value(2),
                ),
                matched_alias=F("aliases__text"),
            )
            .order_by("score", "-stored_article_count", "name", "pk")
            .only("pk", "slug", "name", "stored_article_count")
        )
        chosen = {}
        for entity in rows[: limit * 4]:
            if entity.pk not in chosen:
                alias = (entity.matched_alias or "").lower()
                if not (alias.startswith(text) or f" {text}" in alias):
                    entity.matched_alias = ""
                chosen[entity.pk] = entity
        return list(chosen.values())[:limit]

    def counted_among(self, article_ids):
        """Entities named in any of the articles `article_ids`, annotated with
        `article_count` (how many of them name each), most first. Counts the article
        column of the mention table, which its covering index answers on its own."""
        return (
            self.filter(
                mentions__article_id__in=article_ids,
                mentions__origin__in=MentionOrigin.active(),
            )
            .annotate(article_count=Count("mentions__article_id"))
            .order_by("-article_count", "name")
            .only("pk", "slug", "name")
        )


class SubqueryCount(Subquery):
    """How many rows a subquery returns, as a column of the outer query."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()


class PersonQuerySet(EntityQuerySet):
    def quoted_in(self, quotes):
        """Speakers of any of `quotes` (a queryset), annotated with `quote_count`: how many
        of them each said, most first."""
        return (
            self.filter(quotes__in=quotes.order_by().values("pk"))
            .annotate(quote_count=Count("quotes"))
            .order_by("-quote_count", "name")
        )


class OrganisationQuerySet(EntityQuerySet):
    def quoted_in(self, quotes):
        """Organisations that said any of `quotes` (a queryset), themselves or through a
        member, annotated with `quote_count` (each quote counted once), most first. The
        count is what the quotations list filtered by the organisation shows."""
        Quote = self.model._meta.get_field("quotes").related_model  # noqa: N806
        members = Affiliation.objects.filter(organisation=OuterRef(OuterRef("pk")))
        said = Quote.objects.filter(pk__in=quotes.order_by().values("pk")).filter(
            Q(organisation=OuterRef("pk")) | Q(person__in=members.values("person_id"))
        )
        return (
            self.annotate(quote_count=SubqueryCount(said.order_by().values("pk")))
            .filter(quote_count__gt=0)
            .order_by("-quote_count", "name")
        )


class Entity(models.Model):
    """Fields shared by people and organisations."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    stored_article_count = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Articles naming them; kept up to date on every change to the mentions.",
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def other_names(self):
        """Aliases other than the name itself (uses prefetched `aliases`)."""
        return [alias for alias in self.aliases.all() if alias.text != self.name]


class Person(Entity):
    """A person named in the reporting."""

    sort_name = models.CharField(
        max_length=200, help_text="Name as sorted in lists, e.g. 'Mistura, Staffan de'."
    )
    role = models.CharField(
        max_length=300,
        blank=True,
        help_text="Role as the texts give it, e.g. 'UN Special Envoy for Syria'.",
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "people"
        ordering = ["sort_name", "name"]
        indexes = [
            models.Index(fields=["-stored_article_count", "name"], name="person_article_count_idx")
        ]

    def get_absolute_url(self):
        return reverse("articles:person-detail", kwargs={"slug": self.slug})


class OrganisationKind(models.TextChoices):
    UN_BODY = "un_body", "UN body"
    GOVERNMENT = "government", "Government"
    MINISTRY = "ministry", "Ministry"
    ARMED_GROUP = "armed_group", "Armed group"
    POLITICAL_OPPOSITION = "political_opposition", "Political opposition"
    MEDIA_OUTLET = "media_outlet", "Media outlet"
    INTERNATIONAL_COALITION = "international_coalition", "International coalition"
    OTHER = "other", "Other"


class Organisation(Entity):
    """An organisation named in the reporting: a UN body, government, armed group, outlet…"""

    acronym = models.CharField(max_length=40, blank=True)
    kind = models.CharField(
        max_length=30, choices=OrganisationKind.choices, default=OrganisationKind.OTHER
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text="The organisation this one belongs to, e.g. a ministry's government.",
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="organisation_not_own_parent"
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "name"], name="organisation_kind_idx"),
            models.Index(
                fields=["-stored_article_count", "name"], name="organisation_article_count_idx"
            ),
        ]

    def get_absolute_url(self):
        return reverse("articles:organisation-detail", kwargs={"slug": self.slug})


class Affiliation(models.Model):
    """A person's role in an organisation, optionally bounded in time."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="affiliations"
    )
    role = models.CharField(max_length=300, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = [F("start_date").desc(nulls_last=True), "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "role"],
                name="affiliation_unique_person_organisation_role",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="affiliation_ends_after_start",
            ),
        ]

    def __str__(self):
        role = f", {self.role}" if self.role else ""
        return f"{self.person} ({self.organisation}{role})"


class Alias(models.Model):
    """A surface form under which an entity appears in texts, e.g. "de Mistura" or "IS"."""

    text = models.CharField(max_length=200)
    case_sensitive = models.BooleanField(
        default=False,
        help_text="Match only with exactly this capitalisation, e.g. 'IS' but never 'is'.",
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.text


class PersonAlias(Alias):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        verbose_name_plural = "person aliases"
        ordering = ["text"]
        constraints = [
            models.UniqueConstraint(fields=["person", "text"], name="person_alias_unique_text"),
            models.CheckConstraint(condition=~Q(text=""), name="person_alias_not_blank"),
        ]

    @property
    def entity(self):
        return self.person


class OrganisationAlias(Alias):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        verbose_name_plural = "organisation aliases"
        ordering = ["text"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "text"], name="organisation_alias_unique_text"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="organisation_alias_not_blank"),
        ]

    @property
    def entity(self):
        return self.organisation
