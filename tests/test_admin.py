"""Editors keep the records right through the admin; only staff get in."""

import pytest
from django.urls import reverse

from articles.models import (
    Affiliation,
    Article,
    Event,
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
)

from .html import text

pytestmark = pytest.mark.django_db

MODELS = [
    Publication,
    Article,
    Person,
    Organisation,
    Affiliation,
    PersonAlias,
    OrganisationAlias,
    PersonMention,
    OrganisationMention,
    Place,
    PlaceAlias,
    PlaceMention,
    Event,
    Quote,
]


def admin_url(model, action="changelist", *args):
    return reverse(f"admin:articles_{model._meta.model_name}_{action}", args=args)


def test_only_staff_reach_the_admin(client, django_user_model):
    response = client.get("/admin/articles/article/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    reader = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(reader)
    assert client.get("/admin/articles/article/").status_code == 302


def test_admin_login_page_renders(client):
    assert client.get("/admin/login/").status_code == 200


def test_the_admin_renders_with_the_django_engine_and_our_branding(staff_client):
    # The admin's templates are the Django engine's, beside the Jinja2 pages.
    changelist = staff_client.get(admin_url(Person))
    assert changelist.status_code == 200
    assert "<title>Select person to change | Newsroom editors</title>" in changelist.text
    assert 'Newsroom <span class="admin-branding__role">editors</span>' in changelist.text
    assert "Staffan de Mistura" in text(changelist)
    assert "Welcome, editor" in text(changelist)  # the user, from a context processor
    person = Person.objects.get(slug="staffan-de-mistura")
    change = staff_client.get(admin_url(Person, "change", person.pk))
    assert change.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in change.text
    assert 'value="Staffan de Mistura"' in change.text
    assert "Person aliases Text Case sensitive Note Delete?" in text(change)  # an inline


@pytest.mark.parametrize("model", MODELS)
def test_every_model_has_a_changelist_and_forms(staff_client, model):
    assert staff_client.get(admin_url(model)).status_code == 200
    assert staff_client.get(admin_url(model, "add")).status_code == 200
    record = model.objects.first()
    assert staff_client.get(admin_url(model, "change", record.pk)).status_code == 200


@pytest.mark.parametrize(
    ("model", "term", "expected"),
    [
        (Person, "Bahra", "Hadi al-Bahra"),
        (Person, "Jaafari", "Bashar al-Jaafari"),
        (Organisation, "SNC", "Syrian National Coalition"),
        (Organisation, "Army of Islam", "Jaysh al-Islam"),
        (Organisation, "ISIS", "Islamic State"),
        (Article, "Paraszczuk", "UN Mediator Says Shared Threat"),
    ],
)
def test_search_covers_names_and_aliases(staff_client, model, term, expected):
    response = staff_client.get(admin_url(model), {"q": term})
    assert expected in text(response)


def test_article_admin_has_inlines_date_hierarchy_and_a_read_only_source(staff_client):
    article = Article.objects.get(source_file__startswith="000")
    response = staff_client.get(admin_url(Article, "change", article.pk))
    page = response.content.decode()
    assert "people named" in page.lower()
    assert "organisations named" in page.lower()
    assert 'name="source_text"' not in page  # shown, never editable
    changelist = staff_client.get(admin_url(Article), {"published_on__year": "2014"})
    assert "Damascus, Moscow back UN" in text(changelist)
    inferred = staff_client.get(admin_url(Article), {"date": "inferred"})
    assert "Kerry Sees Hope" in text(inferred)


def test_autocomplete_finds_records_for_links(staff_client):
    response = staff_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "publication",
            "term": "Radio",
        },
    )
    assert response.status_code == 200
    assert "Radio Free Europe/Radio Liberty" in response.content.decode()


def test_an_editor_adds_an_alias_through_the_person_inline(staff_client):
    person = Person.objects.get(slug="agha")
    url = admin_url(Person, "change", person.pk)
    form = {
        "name": person.name,
        "slug": person.slug,
        "sort_name": person.sort_name,
        "role": person.role,
        "description": person.description,
        "aliases-TOTAL_FORMS": "2",
        "aliases-INITIAL_FORMS": "1",
        "aliases-0-id": str(person.aliases.get().pk),
        "aliases-0-person": str(person.pk),
        "aliases-0-text": "Agha",
        "aliases-0-case_sensitive": "on",
        "aliases-1-person": str(person.pk),
        "aliases-1-text": "Riad Agha",
        "affiliations-TOTAL_FORMS": "0",
        "affiliations-INITIAL_FORMS": "0",
    }
    response = staff_client.post(url, form)
    assert response.status_code == 302, text(response)
    assert set(person.aliases.values_list("text", flat=True)) == {"Agha", "Riad Agha"}


def test_adding_an_article_whose_text_is_already_stored_is_refused_clearly(staff_client):
    stored = Article.objects.get(source_file__startswith="004")
    inline_forms = {
        f"{prefix}-{field}": "0"
        for prefix in ["person_mentions", "organisation_mentions", "place_mentions", "quotes"]
        for field in ["TOTAL_FORMS", "INITIAL_FORMS"]
    }
    form = {
        "headline": "A copy",
        "slug": "a-copy",
        "publication": str(stored.publication_id),
        "published_on": "2016-05-02",
        "source_text": stored.source_text,
        "body": stored.body,
        **inline_forms,
    }
    response = staff_client.post(admin_url(Article, "add"), form)
    assert response.status_code == 200
    assert f"This text is already in the archive as “{stored.headline}”" in text(response)
    assert not Article.objects.filter(slug="a-copy").exists()

    form.update(slug="a-new-text", source_text="\nA new text.\n", body="A new text.")
    assert staff_client.post(admin_url(Article, "add"), form).status_code == 302
    assert Article.objects.get(slug="a-new-text").source_text == "\nA new text.\n"  # verbatim


def test_an_editor_corrects_a_quote_speaker_and_extraction_keeps_it(staff_client):
    quote = Quote.objects.get(text="ready to consider")
    assert quote.origin == "editor"  # corrected in the fixtures already
    detected = Quote.objects.get(text="worthy of study")
    form = {
        "article": detected.article_id,
        "start": detected.start,
        "end": detected.end,
        "person": "",
        "organisation": Organisation.objects.get(slug="government-of-syria").pk,
        "origin": detected.origin,
        "note": "Assad's office",
    }
    response = staff_client.post(admin_url(Quote, "change", detected.pk), form)
    assert response.status_code == 302, text(response)
    detected.refresh_from_db()
    assert detected.origin == "editor"  # the editor's now: re-extraction leaves it
    assert detected.organisation.slug == "government-of-syria"
    assert detected.text == "worthy of study"  # the words always come from the text

    form.update(person=Person.objects.get(slug="bashar-al-assad").pk)
    response = staff_client.post(admin_url(Quote, "change", detected.pk), form)
    assert "A quote has one speaker" in text(response)

    form.update(person="", end=10**6)
    response = staff_client.post(admin_url(Quote, "change", detected.pk), form)
    assert "The position does not fit the article" in text(response)


def test_an_alias_for_moscow_gives_the_russian_government_its_quotations(staff_client):
    """Editors make "Moscow" an alias of the Russian government: the city keeps its name,
    the government is now found there too, and re-extraction finds it as the speaker of
    "Moscow has said…" (unless an editor already decided that quote)."""
    russia = Organisation.objects.get(slug="government-of-russia")
    quote = Quote.objects.get(text="must not be missed")
    quote.origin = "detected"  # as if no editor had corrected it yet
    quote.organisation = None
    quote.save()
    response = staff_client.post(
        admin_url(OrganisationAlias, "add"),
        {"organisation": russia.pk, "text": "Moscow", "note": "the city for the government"},
    )
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.organisation == russia
    article = quote.article
    assert article.place_mentions.filter(place__slug="moscow").exists()
    assert article.organisation_mentions.filter(organisation=russia).exists()
