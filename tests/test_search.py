"""Full-text search: ranking, phrases, alternatives, exclusion, snippets, names and aliases,
combined with the other filters and the facets. Runs on SQLite and PostgreSQL alike."""

import datetime
import re

import pytest

from articles.models import Organisation, OrganisationAlias
from articles.search import parse

from .factories import make_article, make_organisation, make_publication, mention
from .html import article_cards, facet_links, hrefs, result_count, text

pytestmark = pytest.mark.django_db


def listed(client, query, **params):
    """Headlines listed for a search, in order, and the page."""
    response = client.get("/articles/", {"q": query, **params})
    assert response.status_code == 200, text(response)
    return [card.headline for card in article_cards(response)], response


@pytest.fixture
def marmalade():
    """Articles about marmalade: one names it in its headline (oldest), others in the text."""
    publication = make_publication(name="The Breakfast Times", slug="breakfast-times")
    return {
        "headline": make_article(
            publication,
            headline="Marmalade talks resume",
            text="Delegates met again. The marmalade question was raised once.",
            published_on=datetime.date(2014, 1, 1),
        ),
        "body": make_article(
            publication,
            headline="Delegates meet in Vienna",
            text="Orange marmalade was served while the envoys argued about toast.",
            published_on=datetime.date(2015, 1, 1),
        ),
        "phrase": make_article(
            publication,
            headline="Breakfast diplomacy",
            text="The envoy praised the orange marmalade and the bitter coffee.",
            published_on=datetime.date(2016, 1, 1),
        ),
        "other": make_article(
            publication,
            headline="Nothing about breakfast",
            text="The envoys argued about bread and honey.",
            published_on=datetime.date(2016, 6, 1),
        ),
    }


def test_a_match_in_the_headline_ranks_first_and_newest_first_is_an_option(client, marmalade):
    ranked, _ = listed(client, "marmalade")
    assert ranked[0] == "Marmalade talks resume"
    assert set(ranked) == {
        "Marmalade talks resume",
        "Delegates meet in Vienna",
        "Breakfast diplomacy",
    }
    newest, _ = listed(client, "marmalade", sort="newest")
    assert newest == ["Breakfast diplomacy", "Delegates meet in Vienna", "Marmalade talks resume"]


def test_phrases_alternatives_and_exclusions(client, marmalade):
    assert set(listed(client, '"orange marmalade"')[0]) == {
        "Delegates meet in Vienna",
        "Breakfast diplomacy",
    }
    assert listed(client, '"marmalade orange"')[0] == []
    assert set(listed(client, "marmalade -toast")[0]) == {
        "Marmalade talks resume",
        "Breakfast diplomacy",
    }
    assert set(listed(client, "coffee or honey")[0]) == {
        "Breakfast diplomacy",
        "Nothing about breakfast",
    }
    assert listed(client, 'breakfast -"orange marmalade"')[0] == ["Nothing about breakfast"]


def test_every_word_must_appear_in_any_case(client, marmalade):
    assert listed(client, "MARMALADE coffee")[0] == ["Breakfast diplomacy"]


def test_snippets_mark_the_match_and_escape_the_text(client):
    make_article(
        headline="Envoy's <b>bold</b> plan for a quince truce",
        text='He wrote <script>alert("x")</script> & said the quince truce "would hold".',
    )
    _, response = listed(client, "quince")
    page = response.content.decode()
    card = page.split('class="article-card"', 1)[1].split("</article>", 1)[0]
    assert "<mark>quince</mark>" in card
    assert "&lt;script&gt;" in card
    assert "<script>" not in card
    assert "&lt;b&gt;bold&lt;/b&gt;" in card
    assert "<b>bold</b>" not in card
    assert "&amp; said" in card


def test_words_combine_with_the_other_filters_and_the_facets(client):
    # Seed archive: "freeze" appears in three texts, of which only 001 names Lavrov.
    response = client.get("/articles/?q=freeze&person=sergei-lavrov&date_to=2014-11-11")
    assert [card.slug for card in article_cards(response)] == [
        "un-mediator-says-shared-threat-of-is-could-promote-syria-truce"
    ]
    response = client.get("/articles/?q=freeze")
    assert result_count(response) == 3
    lavrov = next(item for item in facet_links(response)["People"] if item.label == "Sergei Lavrov")
    assert lavrov.count == 2
    narrowed = client.get("/articles/" + lavrov.url)
    assert result_count(narrowed) == 2
    assert "q=freeze" in lavrov.url


def test_an_alias_finds_the_articles_naming_the_organisation_under_another_name(client):
    coalition = make_organisation("Coalition for a Quiet Breakfast")
    OrganisationAlias.objects.create(organisation=coalition, text="CQB", case_sensitive=True)
    by_name = make_article(headline="Coalition for a Quiet Breakfast meets", text="It met.")
    by_acronym = make_article(headline="Talks stall", text="The CQB walked out.")
    mention(by_name, coalition)
    mention(by_acronym, coalition)
    found, _ = listed(client, "CQB")
    assert set(found) == {by_name.headline, by_acronym.headline}
    found, _ = listed(client, '"quiet breakfast" stall')
    assert found == []  # a phrase that is not the whole name is only text
    found, _ = listed(client, "Coalition for a Quiet Breakfast walked")
    assert found == [by_acronym.headline]


def test_a_case_sensitive_alias_is_not_found_in_lower_case(client):
    # "IS" is the Islamic State only in capitals; the word "is" expands to nothing.
    assert OrganisationAlias.objects.filter(text="IS", case_sensitive=True).exists()
    islamic_state = Organisation.objects.get(slug="islamic-state")
    ordinary = make_article(headline="A quiet day", text="It is quiet in the zebra garden.")
    found, _ = listed(client, "zebra is")
    assert found == [ordinary.headline]
    named = {card.slug for card in article_cards(listed(client, "IS")[1])}
    assert named == set(islamic_state.mentions.values_list("article__slug", flat=True)), (
        "IS finds every article naming the Islamic State"
    )


def test_the_search_box_is_on_every_page(client):
    for url in ["/", "/people/", "/people/john-kerry/", "/organisations/", "/articles/"]:
        response = client.get(url)
        assert re.search(
            r'<form[^>]+role="search"[^>]+action="/articles/"', response.content.decode()
        )
        assert 'name="q"' in response.content.decode()


def test_results_link_to_the_articles(client):
    _, response = listed(client, "Sochi")
    assert "/articles/damascus-moscow-back-un-freeze-plan/" in hrefs(response)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("a b", [["a"], ["b"]]),
        ('"a  b" -c', [['"a b"'], ["-c"]]),
        ("a or b c", [["a", "b"], ["c"]]),
        ("or a", [["or"], ["a"]]),
        ('-"x y" "unclosed phrase', [['-"x y"'], ['"unclosed phrase"']]),
        ('"" -', [["-"]]),
    ],
)
def test_the_query_syntax(query, expected):
    def shown(term):
        return ("-" if term.excluded else "") + (f'"{term.text}"' if term.phrase else term.text)

    assert [[shown(t) for t in clause] for clause in parse(query)] == expected
