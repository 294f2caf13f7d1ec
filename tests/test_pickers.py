"""Choosing people and organisations by typing: suggestions as JSON for the script, and
the plain text fields that work without it."""

import pytest

from articles.models import Person

from .factories import make_person
from .html import hrefs, text

pytestmark = pytest.mark.django_db


def suggested(client, **params):
    response = client.get("/suggestions/", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()["results"]


def test_suggestions_offer_names_and_aliases_most_mentioned_first(client):
    results = suggested(client, q="ker", kind="person")
    assert results[0]["name"] == "John Kerry"
    assert results[0]["slug"] == "john-kerry"
    assert results[0]["articles"] == 3
    assert results[0]["url"] == "/people/john-kerry/"
    by_alias = suggested(client, q="snc", kind="organisation")
    assert by_alias[0]["name"] == "Syrian National Coalition"
    assert by_alias[0]["alias"] == "SNC"
    assert {r["kind"] for r in suggested(client, q="s")} == {"person", "organisation"}


def test_an_exact_name_comes_before_names_that_only_start_alike(client):
    make_person("Kerr")
    make_person("Kerrigan Smith")
    names = [r["name"] for r in suggested(client, q="Kerr", kind="person")]
    assert names[0] == "Kerr"
    assert set(names) >= {"John Kerry", "Kerrigan Smith"}


def test_suggestions_are_limited_however_many_match(client):
    for n in range(30):
        make_person(f"Salam Number{n}")
    assert len(suggested(client, q="sal", kind="person")) == 10


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": ""}, "between 1 and 100"),
        ({"q": "x" * 101}, "between 1 and 100"),
        ({"q": "kerry", "kind": "place"}, "person or organisation"),
    ],
)
def test_bad_suggestion_requests_say_what_is_wrong(client, params, message):
    response = client.get("/suggestions/", params)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_a_typed_name_or_alias_becomes_the_filter_without_javascript(client):
    response = client.get("/articles/?q=truce&add_person=lavrov&add_organisation=")
    assert response.status_code == 302
    assert response["Location"] == "/articles/?q=truce&person=sergei-lavrov"
    response = client.get("/articles/?person=sergei-lavrov&add_organisation=SNC")
    assert response["Location"] == (
        "/articles/?person=sergei-lavrov&organisation=syrian-national-coalition"
    )


def test_a_name_that_may_mean_several_offers_each_as_a_link(client):
    make_person("John Kerrigan")
    response = client.get("/articles/?add_person=john+ker&q=truce")
    assert response.status_code == 200
    page = text(response)
    assert "More than one person may be meant by “john ker”" in page
    links = hrefs(response)
    assert "?q=truce&person=john-kerry" in links
    assert any("person=" in link and "kerrigan" not in link for link in links)


def test_an_unknown_name_says_so(client):
    response = client.get("/articles/?add_person=Nobody+Known")
    assert response.status_code == 400
    assert "No person in the archive is called “Nobody Known”" in text(response)


@pytest.mark.parametrize("url", ["/articles/", "/timeline/", "/quotes/"])
def test_the_filter_form_has_no_select_of_every_name(client, url):
    Person.objects.bulk_create(
        Person(name=f"Generated {n}", slug=f"generated-{n}", sort_name=f"{n}") for n in range(50)
    )
    page = client.get(url).content.decode()
    assert "Generated 7" not in page
    assert 'data-suggest="person"' in page
    assert 'data-suggest="organisation"' in page
    assert '<script src="/static/js/pickers.js" defer></script>' in page


def test_the_timeline_is_narrowed_by_typed_names_too(client):
    response = client.get("/timeline/?place=aleppo&add_person=de+mistura&add_organisation=")
    assert response.status_code == 302
    assert response["Location"] == "/timeline/?place=aleppo&person=staffan-de-mistura"
    assert "Staffan de Mistura" in text(client.get(response["Location"]))
    ambiguous = client.get("/timeline/?add_person=john+ker")
    assert ambiguous.status_code == 200
    assert "More than one person may be meant by “john ker”" in text(ambiguous)
    assert "?person=john-kerry" in hrefs(ambiguous)  # relative: stays on the timeline
    unknown = client.get("/timeline/?place=aleppo&add_organisation=Nobody+Known")
    assert unknown.status_code == 400
    assert "No organisation in the archive is called “Nobody Known”" in text(unknown)


def test_on_the_quotations_a_typed_speaker_replaces_the_one_in_force(client):
    response = client.get("/quotes/?person=bashar-al-assad&q=truce&add_person=lavrov")
    assert response.status_code == 302
    assert response["Location"] == "/quotes/?person=sergei-lavrov&q=truce"
    page = client.get("/quotes/?person=sergei-lavrov")
    assert "Now Sergei Lavrov" in text(page)  # the picker says who is chosen
    assert 'name="person" value="sergei-lavrov"' in page.content.decode()  # kept on submit
    ambiguous = client.get("/quotes/?organisation=united-nations&add_organisation=syria")
    assert ambiguous.status_code == 200
    choices = [h for h in hrefs(ambiguous) if "organisation=" in h and "united-nations" not in h]
    assert choices  # each possible organisation, replacing the one in force
    unknown = client.get("/quotes/?add_person=Nobody+Known")
    assert unknown.status_code == 400
    assert "No person in the archive is called “Nobody Known”" in text(unknown)
