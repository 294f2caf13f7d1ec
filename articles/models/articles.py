"""Publications and the articles received from them."""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import connection, models
from django.db.models import (
    Count,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.urls import reverse

from ..search import SearchQuerySetMixin
from .mentions import MentionOrigin, OrganisationMention, PersonMention
from .places import PlaceMention


class PublicationQuerySet(models.QuerySet):
    def with_article_counts(self):
        """Annotate `article_count` (stored, see articles/signals.py)."""
        return self.annotate(article_count=F("stored_article_count"))

    def article_total(self):
        """How many articles these publications have in all (from the stored counts)."""
        return self.aggregate(total=Sum("stored_article_count"))["total"] or 0

    def refresh_article_counts(self):
        """Recount each of these publications' articles."""
        counted = (
            Article.objects.filter(publication=OuterRef("pk"))
            .order_by()
            .values("publication")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.update(
            stored_article_count=Coalesce(Subquery(counted, output_field=IntegerField()), 0)
        )


class Publication(models.Model):
    """A newspaper, agency, broadcaster or website that published articles."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    homepage = models.URLField(blank=True)
    description = models.TextField(blank=True)
    stored_article_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Its articles; kept up to date on every change."
    )

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:article-list") + f"?publication={self.slug}"


def checksum_of(text):
    """SHA-256 of the UTF-8 bytes of `text`: the identity of a source text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


RELATED_CANDIDATES = 50
RELATED_PER_NAME = 1000
FACET_KINDS = ("publication", "person", "organisation", "place")


@dataclass(frozen=True)
class Counted:
    """A publication, person, organisation or place (`kind`), and how many articles it
    counts."""

    slug: str
    name: str
    article_count: int
    kind: str

    def get_absolute_url(self):
        if self.kind == "publication":
            return reverse("articles:article-list") + f"?publication={self.slug}"
        return reverse(f"articles:{self.kind}-detail", kwargs={"slug": self.slug})


MENTION_MODELS = (PersonMention, OrganisationMention, PlaceMention)


class ArticleQuerySet(SearchQuerySetMixin, models.QuerySet):
    # Bulk writes send no signals; these keep the stored counts and the cache right.
    def update(self, **fields):
        from ..caching import archive_changed
        from ..signals import articles_changed

        redated = list(self.values_list("pk", flat=True)) if "published_on" in fields else []
        updated = super().update(**fields)
        if redated:
            Article.objects.filter(pk__in=redated).copy_dates_to_mentions()
        if {"publication", "publication_id"} & fields.keys():
            articles_changed()  # counts and co-mentions of the publications
        else:
            archive_changed()
        return updated

    def copy_dates_to_mentions(self):
        """Copy these articles' dates onto their mentions (see Mention.published_on)."""
        date = Subquery(Article.objects.filter(pk=OuterRef("article_id")).values("published_on"))
        for mentions in MENTION_MODELS:
            mentions.objects.filter(article__in=self.values("pk")).redate(date)

    def bulk_create(self, objs, *args, **kwargs):
        from ..signals import articles_changed

        created = super().bulk_create(objs, *args, **kwargs)
        articles_changed({article.publication_id for article in created})
        return created

    def for_listing(self):
        """What list pages show: the publication, and not the long texts."""
        return self.select_related("publication").defer("source_text", "body")

    def newest_first(self):
        return self.order_by("-published_on", "-pk")

    def months(self):
        """(first day of the month, number of articles) for each month these articles
        appeared in, oldest first."""
        return (
            self.annotate(month=TruncMonth("published_on"))
            .order_by("month")
            .values_list("month")
            .annotate(n=Count("pk"))
        )

    def with_named_entities(self):
        """Prefetch whom and what each article names (active mentions only, most named
        first) as `active_person_mentions`, `active_organisation_mentions` and
        `active_place_mentions`: three queries per batch of articles, whatever their
        number."""
        return self.prefetch_related(
            Prefetch(
                "person_mentions",
                queryset=PersonMention.objects.active()
                .select_related("person")
                .only("article", "count", "origin", "person__slug", "person__name"),
                to_attr="active_person_mentions",
            ),
            Prefetch(
                "organisation_mentions",
                queryset=OrganisationMention.objects.active()
                .select_related("organisation")
                .only("article", "count", "origin", "organisation__slug", "organisation__name"),
                to_attr="active_organisation_mentions",
            ),
            Prefetch(
                "place_mentions",
                queryset=PlaceMention.objects.active()
                .select_related("place")
                .only("article", "count", "origin", "place__slug", "place__name"),
                to_attr="active_place_mentions",
            ),
        )

    def naming_person(self, person):
        """Articles with an active mention of the person (a record, or its slug).
        Chaining narrows: two calls mean articles naming both people."""
        return self.filter(pk__in=PersonMention.objects.active().of(person).values("article_id"))

    def naming_organisation(self, organisation):
        """Articles with an active mention of the organisation; chaining narrows."""
        mentions = OrganisationMention.objects.active().of(organisation)
        return self.filter(pk__in=mentions.values("article_id"))

    def naming_place(self, place):
        """Articles with an active mention of the place; chaining narrows."""
        return self.filter(pk__in=PlaceMention.objects.active().of(place).values("article_id"))

    def with_source_text(self, text):
        """The article (if any) whose source text is exactly `text`."""
        return self.filter(checksum=checksum_of(text))

    def related_to(self, article, mentions=None, candidates=RELATED_CANDIDATES):
        """Other articles naming the same people, organisations and places, most shared
        first (then newest): a list, each annotated with `shared_count`. `mentions` are
        the article's active mentions, if already read.

        The shared names are counted in the mention tables alone, through their dated
        indexes, in one query (raw SQL: a UNION ALL grouped, which the ORM cannot say); the
        best `candidates` are then read with their counts. Each name brings its latest
        RELATED_PER_NAME articles: a name in a tenth of a large archive would otherwise
        bring thousands, and the work would grow with the archive."""
        if mentions is None:
            mentions = [
                mention
                for model in MENTION_MODELS
                for mention in model.objects.active().filter(article=article)
            ]
        if not mentions:
            return []
        active = tuple(MentionOrigin.active())
        marks = ", ".join(["%s"] * len(active))
        parts, params = [], []
        for number, mention in enumerate(mentions):
            table, column = mention._meta.db_table, mention.entity_field
            parts.append(
                f"SELECT * FROM (SELECT article_id FROM {table} WHERE origin IN ({marks}) "
                f"AND {column} = %s ORDER BY published_on DESC, article_id DESC LIMIT %s) "
                f"name{number}"
            )
            params += [*active, getattr(mention, column), RELATED_PER_NAME]
        sql = (
            f"SELECT article_id, COUNT(*) AS shared FROM ({' UNION ALL '.join(parts)}) named "
            "WHERE article_id <> %s GROUP BY article_id ORDER BY shared DESC, article_id DESC "
            "LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, article.pk, candidates])
            shared = dict(cursor.fetchall())
        related = list(self.filter(pk__in=list(shared)))
        for other in related:
            other.shared_count = shared[other.pk]
        # Ordered here: as SQL (a CASE of 50 branches) the ordering cost more than the rest.
        related.sort(key=lambda a: (-a.shared_count, -a.published_on.toordinal(), -a.pk))
        return related

    def facet_counts(self, limit):
        """For these articles: their publications and the people, organisations and
        places they name, each with how many of the articles (`article_count`), most first
        (then by name), at most `limit` of each kind: {kind: [Counted, ...]}.

        One query (raw SQL: a WITH and a UNION ALL of ordered, limited parts, which the ORM
        cannot say), so these articles are selected once, not once per kind."""
        try:
            articles_sql, params = self.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:
            return {kind: [] for kind in FACET_KINDS}
        active = tuple(MentionOrigin.active())
        marks = ", ".join(["%s"] * len(active))
        parts = [
            "SELECT 'publication', e.slug, e.name, COUNT(*) AS n "
            f"FROM {Article._meta.db_table} a JOIN {Publication._meta.db_table} e "
            "ON e.id = a.publication_id WHERE a.id IN (SELECT pk FROM chosen) "
            "GROUP BY e.id, e.slug, e.name ORDER BY n DESC, e.name LIMIT %s"
        ]
        params = [*params, limit]
        for kind, mentions in zip(FACET_KINDS[1:], MENTION_MODELS, strict=True):
            entity = mentions._meta.get_field(kind).related_model._meta.db_table
            parts.append(
                f"SELECT '{kind}', e.slug, e.name, COUNT(*) AS n "
                f"FROM {mentions._meta.db_table} m JOIN {entity} e ON e.id = m.{kind}_id "
                f"WHERE m.article_id IN (SELECT pk FROM chosen) AND m.origin IN ({marks}) "
                "GROUP BY e.id, e.slug, e.name ORDER BY n DESC, e.name LIMIT %s"
            )
            params += [*active, limit]
        union = " UNION ALL ".join(
            f"SELECT * FROM ({part}) {kind}" for part, kind in zip(parts, FACET_KINDS, strict=True)
        )
        found = {kind: [] for kind in FACET_KINDS}
        with connection.cursor() as cursor:
            cursor.execute(f"WITH chosen AS ({articles_sql}) {union}", params)
            for kind, slug, name, count in cursor.fetchall():
                found[kind].append(Counted(slug, name, count, kind))
        return found

    def summary(self):
        """How many articles there are, and the first and last publication dates: the
        count is the publications' stored counts added up (counting 100,000 rows would
        cost more than the rest of the home page); the dates come from the date index."""
        dates = self.aggregate(first=Min("published_on"), last=Max("published_on"))
        return {"count": Publication.objects.article_total(), **dates}


class Article(models.Model):
    """One text received from a publication, with what editors established about it.

    `source_text` is the text as received and is never edited; `body` is what readers see:
    the source without page furniture ("Accessibility links", a caption printed twice, …).
    """

    headline = models.CharField(max_length=500)
    headline_is_supplied = models.BooleanField(
        default=False,
        help_text="The text prints no headline; this one was written by an editor.",
    )
    slug = models.SlugField(max_length=200, unique=True)
    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="articles")
    byline = models.CharField(max_length=300, blank=True, help_text="As printed; may be blank.")
    published_on = models.DateField()
    date_note = models.TextField(
        blank=True,
        help_text="How the date was established when the text does not print it.",
    )
    publication_note = models.TextField(
        blank=True,
        help_text="How the publication was established when the text does not print it.",
    )
    original_url = models.URLField(max_length=500, blank=True)
    source_file = models.CharField(max_length=255, blank=True)
    source_text = models.TextField(help_text="The text as received, never edited.")
    body = models.TextField(help_text="The source text without page furniture.")
    checksum = models.CharField(
        max_length=64, editable=False, help_text="SHA-256 of the source text."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["checksum"], name="article_unique_checksum"),
            models.CheckConstraint(condition=~Q(headline=""), name="article_headline_not_blank"),
        ]
        indexes = [
            models.Index(fields=["-published_on", "-id"], name="article_published_idx"),
            models.Index(fields=["publication", "-published_on"], name="article_publication_idx"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.checksum = checksum_of(self.source_text)
        adding = self._state.adding
        super().save(*args, **kwargs)
        self._loaded_publication_id = self.publication_id
        if not adding:  # the date may have changed: its mentions carry a copy
            for related in (self.person_mentions, self.organisation_mentions, self.place_mentions):
                related.exclude(published_on=self.published_on).redate(self.published_on)

    def get_absolute_url(self):
        return reverse("articles:article-detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        article._loaded_publication_id = article.__dict__.get("publication_id")
        return article

    def publications_changed(self, created=False):
        """The publications whose articles changed when this one was saved or deleted:
        its own, and the one it was read with if that differs; None when that is not
        known (an article read without its publication)."""
        loaded = getattr(self, "_loaded_publication_id", None)
        if created or loaded == self.publication_id:
            return {self.publication_id}
        return None if loaded is None else {loaded, self.publication_id}

    def clean(self):
        super().clean()
        duplicate = Article.objects.with_source_text(self.source_text).exclude(pk=self.pk).first()
        if duplicate is not None:
            raise ValidationError(
                {"source_text": f"This text is already in the archive as “{duplicate}”."}
            )

    @property
    def date_is_inferred(self):
        return bool(self.date_note)
