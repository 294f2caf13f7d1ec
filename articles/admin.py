"""The editors' admin: every record, searchable by names and aliases, with inlines."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count

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
from .signals import deferred_counts


class RecountOnceMixin:
    """Each admin page that writes (a change form with its inlines and re-detection, a
    deletion, a list action) recounts the stored counts and co-mentions it changed once,
    when it is done, not mention by mention."""

    def changeform_view(self, *args, **kwargs):
        with deferred_counts():
            return super().changeform_view(*args, **kwargs)

    def delete_view(self, *args, **kwargs):
        with deferred_counts():
            return super().delete_view(*args, **kwargs)

    def changelist_view(self, *args, **kwargs):
        with deferred_counts():
            return super().changelist_view(*args, **kwargs)


class DateInferredFilter(admin.SimpleListFilter):
    title = "date"
    parameter_name = "date"

    def lookups(self, request, model_admin):
        return [("printed", "printed in the text"), ("inferred", "inferred by editors")]

    def queryset(self, request, queryset):
        if self.value() == "printed":
            return queryset.filter(date_note="")
        if self.value() == "inferred":
            return queryset.exclude(date_note="")
        return queryset


# Django 6 assumes https for scheme-less URLs typed into forms; do so already.
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


def redetect(model_admin, request, articles):
    """Re-detect mentions in `articles`, then re-extract their quotations (whose speakers
    are found among the mentions), and tell the editor what changed."""
    articles = list(articles)
    report = detection.detect_mentions(articles)
    quotes = quotations.extract_quotes(articles)
    model_admin.message_user(
        request,
        f"Mentions re-detected in {report.articles} article(s): {report.created} added, "
        f"{report.updated} updated, {report.deleted} removed; quotations: {quotes.created} "
        f"added, {quotes.updated} updated, {quotes.deleted} removed. Editors' decisions "
        "were kept.",
        messages.INFO,
    )


class EditorMentionForm(forms.ModelForm):
    """A mention an editor adds by hand is the editor's decision, not a detection."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["origin"].initial = MentionOrigin.EDITOR


class ArticleForm(forms.ModelForm):
    """The source text is stored exactly as pasted: no stripping of leading or trailing
    whitespace (the default for text fields), which would alter the record."""

    source_text = forms.CharField(
        widget=forms.Textarea, strip=False, help_text=Article.source_text.field.help_text
    )

    class Meta:
        model = Article
        fields = ["source_text"]  # the admin's fieldsets name the rest


class MentionInline(admin.TabularInline):
    form = EditorMentionForm
    extra = 0
    fields = ["origin", "count", "positions"]
    readonly_fields = ["positions"]
    show_change_link = True


class PersonMentionInline(MentionInline):
    model = PersonMention
    fields = ["person", *MentionInline.fields]
    autocomplete_fields = ["person"]
    verbose_name_plural = "people named"


class OrganisationMentionInline(MentionInline):
    model = OrganisationMention
    fields = ["organisation", *MentionInline.fields]
    autocomplete_fields = ["organisation"]
    verbose_name_plural = "organisations named"


class PlaceMentionInline(MentionInline):
    model = PlaceMention
    fields = ["place", *MentionInline.fields]
    autocomplete_fields = ["place"]
    verbose_name_plural = "places named"


class EditorQuoteForm(forms.ModelForm):
    """A quote an editor touches becomes the editor's: re-extraction leaves it alone."""

    def save(self, commit=True):
        touched = self.has_changed() and "origin" not in self.changed_data
        if touched and self.instance.origin == QuoteOrigin.DETECTED:
            self.instance.origin = QuoteOrigin.EDITOR
        return super().save(commit)


class QuoteInline(admin.TabularInline):
    model = Quote
    form = EditorQuoteForm
    extra = 0
    fields = ["text", "person", "organisation", "origin", "note"]
    readonly_fields = ["text"]
    autocomplete_fields = ["person", "organisation"]
    show_change_link = True
    verbose_name_plural = "quotations"

    def has_add_permission(self, request, obj=None):
        return False  # a quote needs its position in the text: add it on the quote page


@admin.register(Publication)
class PublicationAdmin(RecountOnceMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "homepage", "article_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS

    def get_queryset(self, request):
        # Explicit order: a GROUP BY query does not apply the model's default ordering.
        return (
            super().get_queryset(request).annotate(article_count=Count("articles")).order_by("name")
        )

    @admin.display(ordering="article_count", description="articles")
    def article_count(self, publication):
        return publication.article_count


@admin.register(Article)
class ArticleAdmin(RecountOnceMixin, admin.ModelAdmin):
    form = ArticleForm
    list_display = ["headline", "publication", "published_on", "date_is_inferred", "byline"]
    list_filter = ["publication", DateInferredFilter, "headline_is_supplied"]
    list_select_related = ["publication"]
    search_fields = ["headline", "byline", "source_file", "slug"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["publication"]
    prepopulated_fields = {"slug": ["headline"]}
    readonly_fields = ["checksum", "created_at", "updated_at"]
    inlines = [PersonMentionInline, OrganisationMentionInline, PlaceMentionInline, QuoteInline]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    actions = ["redetect_mentions"]
    fieldsets = [
        (None, {"fields": ["headline", "headline_is_supplied", "slug", "publication", "byline"]}),
        ("Date", {"fields": ["published_on", "date_note"]}),
        ("Provenance", {"fields": ["publication_note", "original_url", "source_file", "checksum"]}),
        ("Text", {"fields": ["source_text", "body"]}),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_readonly_fields(self, request, article=None):
        # The source text is the record of what was received: set once, never edited.
        if article is not None:
            return [*self.readonly_fields, "source_text"]
        return self.readonly_fields

    @admin.display(boolean=True, description="date inferred")
    def date_is_inferred(self, article):
        return article.date_is_inferred

    def save_related(self, request, form, formsets, change):
        # After the editor's mention decisions are saved, so detection respects them.
        super().save_related(request, form, formsets, change)
        redetect(self, request, [form.instance])

    @admin.action(description="Re-detect mentions and quotations in the selected articles")
    def redetect_mentions(self, request, queryset):
        redetect(self, request, queryset)


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1
    fields = ["text", "case_sensitive", "note"]


class OrganisationAliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 1
    fields = ["text", "case_sensitive", "note"]


class PersonAffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 1
    fields = ["organisation", "role", "start_date", "end_date"]
    autocomplete_fields = ["organisation"]
    verbose_name_plural = "affiliations"


class MemberInline(admin.TabularInline):
    model = Affiliation
    extra = 1
    fields = ["person", "role", "start_date", "end_date"]
    autocomplete_fields = ["person"]
    verbose_name = "member"
    verbose_name_plural = "members"


class RedetectOnChangeMixin:
    """Re-detect mentions when an editor changes the names an entity is found under.

    `entities_named_by(obj)` says which people or organisations an edited record names.
    """

    def entities_named_by(self, obj):
        raise NotImplementedError

    def affected_articles(self, objs):
        entities = [entity for obj in objs for entity in self.entities_named_by(obj)]
        return list(detection.articles_affected_by(entities))

    def redetect(self, request, articles):
        redetect(self, request, articles)

    def delete_model(self, request, obj):
        affected = self.affected_articles([obj])
        super().delete_model(request, obj)
        self.redetect(request, affected)

    def delete_queryset(self, request, queryset):
        # Articles that named what is deleted may now name something else instead.
        affected = self.affected_articles(queryset)
        super().delete_queryset(request, queryset)
        self.redetect(request, affected)


class EntityAdmin(RecountOnceMixin, RedetectOnChangeMixin, admin.ModelAdmin):
    """Shared by people, organisations and places: counts, search over names and aliases, and
    re-detection when a name or alias changes."""

    search_fields = ["name", "slug", "aliases__text"]
    prepopulated_fields = {"slug": ["name"]}

    def entities_named_by(self, entity):
        return [entity]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # aliases are saved here
        self.redetect(request, self.affected_articles([form.instance]))

    def get_queryset(self, request):
        counted = super().get_queryset(request).with_article_counts()
        return counted.order_by(*self.model._meta.ordering)

    @admin.display(ordering="article_count", description="articles")
    def article_count(self, entity):
        return entity.article_count


@admin.register(Person)
class PersonAdmin(EntityAdmin):
    list_display = ["name", "role", "article_count"]
    search_fields = [*EntityAdmin.search_fields, "sort_name", "role"]
    inlines = [PersonAliasInline, PersonAffiliationInline]
    fields = ["name", "slug", "sort_name", "role", "description"]


@admin.register(Organisation)
class OrganisationAdmin(EntityAdmin):
    list_display = ["name", "acronym", "kind", "parent", "article_count"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = [*EntityAdmin.search_fields, "acronym"]
    autocomplete_fields = ["parent"]
    inlines = [OrganisationAliasInline, MemberInline]
    fields = ["name", "slug", "acronym", "kind", "parent", "description"]


@admin.register(Affiliation)
class AffiliationAdmin(admin.ModelAdmin):
    list_display = ["person", "organisation", "role", "start_date", "end_date"]
    list_filter = ["organisation__kind"]
    list_select_related = ["person", "organisation"]
    search_fields = ["person__name", "organisation__name", "role"]
    autocomplete_fields = ["person", "organisation"]


class AliasAdmin(RecountOnceMixin, RedetectOnChangeMixin, admin.ModelAdmin):
    list_display = ["text", "case_sensitive", "note"]
    list_filter = ["case_sensitive"]
    search_fields = ["text"]

    def entities_named_by(self, alias):
        return [alias.entity]

    def save_model(self, request, alias, form, change):
        super().save_model(request, alias, form, change)
        self.redetect(request, self.affected_articles([alias]))


@admin.register(PersonAlias)
class PersonAliasAdmin(AliasAdmin):
    list_display = ["text", "person", *AliasAdmin.list_display[1:]]
    list_select_related = ["person"]
    search_fields = [*AliasAdmin.search_fields, "person__name"]
    autocomplete_fields = ["person"]


@admin.register(OrganisationAlias)
class OrganisationAliasAdmin(AliasAdmin):
    list_display = ["text", "organisation", *AliasAdmin.list_display[1:]]
    list_select_related = ["organisation"]
    search_fields = [*AliasAdmin.search_fields, "organisation__name"]
    autocomplete_fields = ["organisation"]


class MentionAdmin(RecountOnceMixin, admin.ModelAdmin):
    list_filter = ["origin"]
    readonly_fields = ["positions", "updated_at"]
    autocomplete_fields = ["article"]


@admin.register(PersonMention)
class PersonMentionAdmin(MentionAdmin):
    list_display = ["person", "article", "origin", "count"]
    list_select_related = ["person", "article"]
    search_fields = ["person__name", "article__headline"]
    autocomplete_fields = [*MentionAdmin.autocomplete_fields, "person"]


@admin.register(OrganisationMention)
class OrganisationMentionAdmin(MentionAdmin):
    list_display = ["organisation", "article", "origin", "count"]
    list_select_related = ["organisation", "article"]
    search_fields = ["organisation__name", "article__headline"]
    autocomplete_fields = [*MentionAdmin.autocomplete_fields, "organisation"]


class PlaceAliasInline(admin.TabularInline):
    model = PlaceAlias
    extra = 1
    fields = ["text", "case_sensitive", "note"]


@admin.register(Place)
class PlaceAdmin(EntityAdmin):
    list_display = ["name", "kind", "parent", "latitude", "longitude", "article_count"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    inlines = [PlaceAliasInline]
    fields = ["name", "slug", "kind", "parent", ("latitude", "longitude"), "description"]


@admin.register(PlaceAlias)
class PlaceAliasAdmin(AliasAdmin):
    list_display = ["text", "place", *AliasAdmin.list_display[1:]]
    list_select_related = ["place"]
    search_fields = [*AliasAdmin.search_fields, "place__name"]
    autocomplete_fields = ["place"]


@admin.register(PlaceMention)
class PlaceMentionAdmin(MentionAdmin):
    list_display = ["place", "article", "origin", "count"]
    list_select_related = ["place", "article"]
    search_fields = ["place__name", "article__headline"]
    autocomplete_fields = [*MentionAdmin.autocomplete_fields, "place"]


class QuoteAdminForm(EditorQuoteForm):
    class Meta:
        model = Quote
        fields = ["article", "start", "end", "person", "organisation", "origin", "note"]

    def clean(self):
        cleaned = super().clean()
        article, start, end = cleaned.get("article"), cleaned.get("start"), cleaned.get("end")
        if article and start is not None and end is not None:
            if end > len(article.body) or start >= end:
                raise forms.ValidationError("The position does not fit the article's text.")
            self.instance.text = article.body[start:end]  # the words as printed, always
        if cleaned.get("person") and cleaned.get("organisation"):
            raise forms.ValidationError("A quote has one speaker: a person or an organisation.")
        return cleaned


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    """Editors correct speakers here; a corrected quote is never overridden by extraction."""

    form = QuoteAdminForm
    list_display = ["short_text", "speaker", "article", "origin"]
    list_filter = ["origin", ("person", admin.EmptyFieldListFilter)]
    list_select_related = ["person", "organisation", "article"]
    search_fields = ["text", "person__name", "organisation__name", "article__headline"]
    autocomplete_fields = ["article", "person", "organisation"]
    readonly_fields = ["text", "updated_at"]
    fields = ["article", "start", "end", "text", "person", "organisation", "origin", "note"]

    @admin.display(description="quotation")
    def short_text(self, quote):
        return quote.text if len(quote.text) <= 90 else quote.text[:89] + "…"

    @admin.display(description="speaker")
    def speaker(self, quote):
        return quote.speaker or "—"


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "date_label", "date_precision"]
    list_filter = ["date_precision"]
    search_fields = ["title", "description", "slug"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["people", "organisations", "places", "articles"]
    fields = [
        "title",
        "slug",
        ("date", "date_precision"),
        "description",
        "people",
        "organisations",
        "places",
        "articles",
    ]

    @admin.display(ordering="date", description="date")
    def date_label(self, event):
        return event.date_label
