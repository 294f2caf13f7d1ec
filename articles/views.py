"""Pages of the archive. Query logic lives in the models' querysets; views only choose."""

from django.core.exceptions import BadRequest
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from .caching import cached
from .facets import (
    active_filters,
    article_facets,
    facet_sample,
    quote_facets,
    quote_filters,
)
from .filters import ArticleFilter, TimelineForm
from .linking import linked_paragraphs
from .models import (
    Affiliation,
    Article,
    CoMention,
    Event,
    Organisation,
    OrganisationKind,
    OrganisationMention,
    Person,
    PersonMention,
    Place,
    PlaceKind,
    PlaceMention,
    Publication,
    Quote,
)
from .pagination import TwoEndedPaginator
from .pickers import KINDS, MAX_TYPED, apply_typed_names, suggestions
from .querystrings import with_order, without_value
from .quoting import visible
from .search import RANK_LIMIT, highlight, index_preferred, is_ranked
from .selection import (
    ArticleSelection,
    ListParameterError,
    QuoteSelection,
    organisations_listing,
    people_listing,
    places_listing,
)
from .timeline import (
    MAX_LISTED_ARTICLES,
    archive_span,
    article_points,
    chart,
    entity_points,
    month_points,
    periods,
)

ARTICLES_PER_PAGE = 20
PEOPLE_PER_PAGE = 100
ORGANISATIONS_PER_PAGE = 200
QUOTES_PER_PAGE = 30
ENTITY_QUOTES_SHOWN = 20
ENTITY_ARTICLES_SHOWN = 20
CO_MENTIONS_SHOWN = 10
RELATED_ARTICLES_SHOWN = 5


def page_number(raw, paginator):
    """The page a `page` parameter asks for; a clear 400 or 404 when there is none."""
    if raw in (None, ""):
        return 1
    if raw == "last":
        return paginator.num_pages
    try:
        number = int(raw)
    except ValueError:
        raise BadRequest(f"“{visible(raw, 40)}” is not a page number.") from None
    if number < 1:
        raise BadRequest("Page numbers start at 1.")
    if number > paginator.num_pages:
        pages = f"{paginator.num_pages} page" + ("s" if paginator.num_pages != 1 else "")
        raise Http404(f"There is no page {number}: this list has {pages}.")
    return number


class CheckedPaginationMixin:
    """Pagination whose bad `page` parameter gets a message, not Django's bare 404, and
    whose last page costs no more than its first."""

    paginator_class = TwoEndedPaginator

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.page(page_number(self.request.GET.get("page"), paginator))
        return paginator, page, page.object_list, page.has_other_pages()


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**cached("home", self.aggregates), **kwargs)

    @staticmethod
    def aggregates():
        return {
            "summary": Article.objects.summary(),
            "publications": list(Publication.objects.with_article_counts().order_by("name")),
            "latest_articles": list(Article.objects.for_listing().newest_first()[:8]),
            "top_people": list(Person.objects.most_mentioned()[:10]),
            "top_organisations": list(Organisation.objects.most_mentioned()[:10]),
            "person_count": Person.objects.named_in_articles().count(),
            "organisation_count": Organisation.objects.named_in_articles().count(),
        }


class ArticleListView(CheckedPaginationMixin, FilterView):
    extra_context = {"nav": "articles"}
    filterset_class = ArticleFilter
    template_name = "articles/article_list.html"
    paginate_by = ARTICLES_PER_PAGE

    def get_filterset(self, filterset_class):
        # The selection every format shares; always bound, so an empty query is valid.
        self.selection = ArticleSelection(self.request.GET)
        return self.selection.filterset

    def get(self, request, *args, **kwargs):
        redirect_to, unresolved = apply_typed_names(request.GET)
        if redirect_to:
            return HttpResponseRedirect(request.path + redirect_to)
        self.filterset = self.get_filterset(self.get_filterset_class())
        if unresolved:
            return self.unresolved(request, unresolved)
        if not self.filterset.is_valid():
            context = self.get_context_data(
                filter=self.filterset, object_list=Article.objects.none()
            )
            return render(request, self.template_name, context, status=400)
        if not self.filterset.form.cleaned_data.get("q"):
            return self.listing()
        with index_preferred():
            return self.listing().render()

    def get_paginator(self, queryset, per_page, **kwargs):
        # The selection counts itself the cheapest way (see ArticleSelection.count).
        return super().get_paginator(queryset, per_page, count=self.selection.count(), **kwargs)

    def listing(self):
        self.object_list = self.selection.listed()
        return self.render_to_response(self.get_context_data(filter=self.filterset))

    def unresolved(self, request, unresolved):
        """Say which typed names are not known, offering the nearest as links."""
        self.object_list = Article.objects.none()
        self.filterset.is_valid()  # the filters already in force stay in the form
        context = self.get_context_data(filter=self.filterset, unresolved=unresolved)
        status = 200 if all(problem.choices for problem in unresolved) else 400
        return render(request, self.template_name, context, status=status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.filterset.is_valid() and not kwargs.get("unresolved"):
            cleaned = self.filterset.form.cleaned_data
            total = context["paginator"].count
            if cleaned.get("q"):
                context["object_list"] = highlight(context["page_obj"].object_list, cleaned["q"])
                if cleaned.get("sort") in ("", None, "relevance"):
                    context["ranked"] = is_ranked(total)  # False: too many to rank
                context["rank_limit"] = RANK_LIMIT
            context["facets"] = article_facets(self.selection, self.request.GET, total)
            context["facet_sample"] = facet_sample(self.selection, total)
            context["active_filters"] = active_filters(self.request.GET, cleaned)
            context["selection"] = self.selection
        context["publication_choices"] = Publication.objects.only("slug", "name")
        context["place_choices"] = Place.objects.only("slug", "name")
        context["max_typed"] = MAX_TYPED
        return context


class ArticleDetailView(DetailView):
    queryset = Article.objects.select_related("publication")
    template_name = "articles/article_detail.html"

    def get_context_data(self, **kwargs):
        article = self.object
        people = list(
            PersonMention.objects.active().filter(article=article).select_related("person")
        )
        organisations = list(
            OrganisationMention.objects.active()
            .filter(article=article)
            .select_related("organisation")
        )
        places = list(PlaceMention.objects.active().filter(article=article).select_related("place"))
        quotes = list(
            Quote.objects.active().filter(article=article).select_related("person", "organisation")
        )
        return super().get_context_data(
            paragraphs=linked_paragraphs(article.body, people + organisations + places, quotes),
            quotes=quotes,
            person_mentions=people,
            organisation_mentions=organisations,
            place_mentions=places,
            events=article.events.chronological(),
            related_articles=Article.objects.for_listing().related_to(
                article, people + organisations + places
            )[:RELATED_ARTICLES_SHOWN],
            **kwargs,
        )


class PersonListView(CheckedPaginationMixin, ListView):
    extra_context = {"nav": "people"}
    template_name = "articles/person_list.html"
    paginate_by = PEOPLE_PER_PAGE

    def get_queryset(self):
        try:
            return people_listing(self.request.GET)
        except ListParameterError as error:
            raise BadRequest(str(error)) from None

    def get_context_data(self, **kwargs):
        sort = self.request.GET.get("sort")
        # The list's own parameters, for its links to the same list as data.
        list_query = f"sort={sort}" if sort else ""
        return super().get_context_data(list_query=list_query, **kwargs)


class EntityDetailMixin:
    """Articles, co-mentions and events, shared by the person, organisation and place pages.

    `own_parameter` is the article-list parameter that selects the entity's articles.
    """

    own_parameter = None

    def entity_articles(self):
        raise NotImplementedError

    def co_mentioned(self):
        """The people and organisations most often named alongside the entity, counted
        in all its articles (stored co-mentions)."""
        found = CoMention.objects.counts_for(
            self.object, ("person", "organisation"), CO_MENTIONS_SHOWN
        )
        return found["person"], found["organisation"]

    def strip(self, events):
        """The entity's own strip of the timeline: its events, and the days (or months)
        it is named."""
        span = archive_span()
        if not span:
            return None
        list_url = reverse("articles:article-list") + f"?{self.own_parameter}={self.object.slug}"
        return chart(
            events,
            entity_points(
                self.object.mentions.active(), self.object.stored_article_count, list_url
            ),
            span,
        )

    def get_context_data(self, **kwargs):
        articles = self.entity_articles()
        events = list(self.object.events.chronological())
        people, organisations = self.co_mentioned()
        return super().get_context_data(
            articles=articles.for_listing().newest_first()[:ENTITY_ARTICLES_SHOWN],
            article_count=self.object.stored_article_count,
            co_mentioned_people=people,
            co_mentioned_organisations=organisations,
            events=events,
            strip=self.strip(events),
            own_parameter=self.own_parameter,
            **kwargs,
        )


class QuotingEntityMixin:
    """What a person or an organisation said, for their pages: the first
    ENTITY_QUOTES_SHOWN, oldest first, and how many there are in all."""

    def entity_quotes(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        quotes = self.entity_quotes().active()
        return super().get_context_data(
            quotes=quotes.for_listing().oldest_first()[:ENTITY_QUOTES_SHOWN],
            quote_count=quotes.count(),
            **kwargs,
        )


class PersonDetailView(QuotingEntityMixin, EntityDetailMixin, DetailView):
    extra_context = {"nav": "people"}
    own_parameter = "person"
    template_name = "articles/person_detail.html"
    queryset = Person.objects.prefetch_related(
        "aliases",
        Prefetch("affiliations", queryset=Affiliation.objects.select_related("organisation")),
    )

    def entity_articles(self):
        return Article.objects.naming_person(self.object)

    def entity_quotes(self):
        return Quote.objects.by_person(self.object.slug)


class KindFilterMixin:
    """A list narrowed by `?kind=`, one of `kind_choices`; an unknown kind is a 400."""

    kind_choices = None
    kind_noun = ""

    @cached_property
    def kind(self):
        """The kind the list is narrowed to ("" for all); a 400 for an unknown kind."""
        kind = self.request.GET.get("kind", "")
        if kind and kind not in self.kind_choices.values:
            raise BadRequest(f"“{visible(kind, 40)}” is not a kind of {self.kind_noun}.")
        return kind

    def kind_context(self, model):
        counts = dict(model.objects.order_by().values_list("kind").annotate(n=Count("pk")))
        return {
            "kinds": [
                (value, label, counts[value])
                for value, label in self.kind_choices.choices
                if counts.get(value)
            ],
            "current_kind": self.kind,
            "current_kind_label": self.kind_choices(self.kind).label if self.kind else "",
            "list_query": f"kind={self.kind}" if self.kind else "",
        }


class OrganisationListView(KindFilterMixin, CheckedPaginationMixin, ListView):
    extra_context = {"nav": "organisations"}
    template_name = "articles/organisation_list.html"
    paginate_by = ORGANISATIONS_PER_PAGE
    kind_choices = OrganisationKind
    kind_noun = "organisation"

    def get_queryset(self):
        return organisations_listing(self.kind)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.kind_context(Organisation), **kwargs)


class OrganisationDetailView(QuotingEntityMixin, EntityDetailMixin, DetailView):
    extra_context = {"nav": "organisations"}
    own_parameter = "organisation"
    template_name = "articles/organisation_detail.html"
    queryset = Organisation.objects.select_related("parent").prefetch_related(
        "aliases",
        "children",
        Prefetch("affiliations", queryset=Affiliation.objects.select_related("person")),
    )

    def entity_articles(self):
        return Article.objects.naming_organisation(self.object)

    def entity_quotes(self):
        return Quote.objects.by_organisation(self.object.slug)


class PlaceListView(KindFilterMixin, CheckedPaginationMixin, ListView):
    extra_context = {"nav": "places"}
    template_name = "articles/place_list.html"
    paginate_by = ORGANISATIONS_PER_PAGE
    kind_choices = PlaceKind
    kind_noun = "place"

    def get_queryset(self):
        return places_listing(self.kind)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.kind_context(Place), **kwargs)


class PlaceDetailView(EntityDetailMixin, DetailView):
    extra_context = {"nav": "places"}
    own_parameter = "place"
    template_name = "articles/place_detail.html"
    queryset = Place.objects.select_related("parent").prefetch_related("aliases", "children")

    def entity_articles(self):
        return Article.objects.naming_place(self.object)


class QuoteListView(CheckedPaginationMixin, ListView):
    """The quotations a `QuoteSelection` picks; bad parameters get the page back with the
    errors and a 400."""

    extra_context = {"nav": "quotes"}
    template_name = "articles/quote_list.html"
    paginate_by = QUOTES_PER_PAGE

    def get(self, request, *args, **kwargs):
        redirect_to, unresolved = apply_typed_names(request.GET, single=True)
        if redirect_to:
            return HttpResponseRedirect(request.path + redirect_to)
        # The selection every format shares; always bound, so an empty query is valid.
        self.selection = QuoteSelection(request.GET)
        self.filterset = self.selection.filterset
        if not self.filterset.is_valid():
            context = self.get_context_data(filter=self.filterset, object_list=Quote.objects.none())
            return render(request, self.template_name, context, status=400)
        self.object_list = self.filterset.qs
        context = self.get_context_data(filter=self.filterset, unresolved=unresolved)
        # A typed name that is no one is an error; one that may be several offers them.
        status = 400 if any(not problem.choices for problem in unresolved) else 200
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.filterset.is_valid():
            cleaned = self.filterset.form.cleaned_data
            context["facets"] = quote_facets(self.filterset.qs, self.request.GET, cleaned)
            context["active_filters"] = quote_filters(self.request.GET, cleaned)
            context["selection"] = self.selection
        context["max_typed"] = MAX_TYPED
        return context


class TimelineView(TemplateView):
    """Events and articles on one axis, narrowed by person, organisation and place."""

    extra_context = {"nav": "timeline"}
    template_name = "articles/timeline.html"

    def get(self, request, *args, **kwargs):
        redirect_to, unresolved = apply_typed_names(request.GET)
        if redirect_to:
            return HttpResponseRedirect(request.path + redirect_to)
        form = TimelineForm(request.GET)
        if not form.is_valid():
            context = self.get_context_data(form=form)
            return self.render_to_response(context, status=400)
        # A typed name that is no one is an error; one that may be several offers them.
        status = 400 if any(not problem.choices for problem in unresolved) else 200
        events, articles = form.narrow(
            Event.objects.chronological(), Article.objects.for_listing().order_by("published_on")
        )
        events = list(
            events.prefetch_related(
                "people",
                "organisations",
                "places",
                Prefetch("articles", queryset=Article.objects.only("slug", "headline")),
            )
        )
        articles_query = with_order(form.canonical_query(), "oldest")
        article_count = articles.count() if form.narrows() else Publication.objects.article_total()
        if article_count <= MAX_LISTED_ARTICLES:
            articles, summaries = list(articles), []
            points = article_points(articles)
        else:  # too many to list or draw one by one: month by month, linked to the list
            list_url = reverse("articles:article-list") + "?" + articles_query
            articles, summaries = [], month_points(articles.months(), list_url)
            points = summaries
        span = archive_span()
        return self.render_to_response(
            self.get_context_data(
                form=form,
                chart=chart(events, points, span) if span else None,
                periods=periods(events, articles, summaries),
                event_count=len(events),
                article_count=article_count,
                active_filters=self.active_filters(form),
                list_query=form.canonical_query(),
                articles_query=articles_query,
                unresolved=unresolved,
            ),
            status=status,
        )

    def active_filters(self, form):
        return [
            (name, record, without_value(self.request.GET, name, record.slug))
            for name in ("person", "organisation", "place")
            for record in form.cleaned_data.get(name) or []
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            place_choices=Place.objects.only("slug", "name"), max_typed=MAX_TYPED, **kwargs
        )


class EventListView(ListView):
    extra_context = {"nav": "events"}
    template_name = "articles/event_list.html"
    queryset = Event.objects.chronological().prefetch_related(
        Prefetch("places", queryset=Place.objects.only("slug", "name"))
    )


class EventDetailView(DetailView):
    extra_context = {"nav": "events"}
    template_name = "articles/event_detail.html"
    queryset = Event.objects.prefetch_related(
        "people",
        "organisations",
        "places",
        Prefetch("articles", queryset=Article.objects.for_listing().newest_first()),
    )


class SuggestionsView(View):
    """Type-ahead suggestions for the pickers, as JSON:

    /suggestions/?q=<at least one character>&kind=person|organisation (default both)
    """

    def get(self, request):
        text = " ".join(request.GET.get("q", "").split())
        kind = request.GET.get("kind", "")
        if kind and kind not in KINDS:
            return JsonResponse({"error": "kind is person or organisation."}, status=400)
        if not text or len(text) > MAX_TYPED:
            return JsonResponse(
                {"error": f"q is between 1 and {MAX_TYPED} characters."}, status=400
            )
        kinds = [kind] if kind else list(KINDS)
        return JsonResponse({"query": text, "results": suggestions(text, kinds)})


def page_not_found(request, exception):
    """404 page that repeats the reason given, e.g. which page number does not exist."""
    reason = exception.args[0] if exception and exception.args else ""
    message = visible(reason) if isinstance(reason, str) else ""
    return render(request, "404.html", {"message": message}, status=404)


def bad_request(request, exception):
    """400 page that says what was wrong with the request (as JSON under /api/)."""
    message = str(exception) if exception and str(exception) else "The request was malformed."
    message = visible(message)  # whatever raised it, nothing hidden is echoed
    if request.path.startswith(reverse("api:api-root")):
        return JsonResponse({"detail": message}, status=400)
    return render(request, "400.html", {"message": message}, status=400)
