"""Quoted phrases: found only where their words stand together and in order; excluded,
combined, ranked, counted and marked like any search. Runs on SQLite and PostgreSQL alike;
the last tests check, on PostgreSQL, that the index of adjacent word pairs (migration 0007)
finds exactly what reading the search vectors finds, and that it is what is read."""

import datetime
import random
import re

import pytest
from django.db import connection

from articles.models import Article
from articles.search import PAIRS_INDEX, name_candidates, named_entities, parse, phrase_pairs

from .factories import make_article, make_publication
from .html import article_cards, facet_links, result_count

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the pair index is PostgreSQL's"
)


def listed(client, query, **params):
    response = client.get("/articles/", {"q": query, **params})
    assert response.status_code == 200
    return {card.headline for card in article_cards(response)}, response


@pytest.fixture
def orchard():
    """Texts holding "bitter orange" and "orange marmalade" together, apart, reversed."""
    publication = make_publication(name="The Orchard Gazette", slug="orchard-gazette")
    texts = {
        "Phrase": "They served bitter orange marmalade at the talks.",
        "Reversed": "The marmalade, orange and bitter, was served.",
        "Apart": "An orange grove; marmalade later. Bitter words.",
        "Both pairs, no phrase": "A bitter orange fell. Orange marmalade was made.",
        "Headline": "Delegates ate the toast.",
        "Stop word between": "The orange of marmalade season.",
    }
    articles = {
        title: make_article(
            publication,
            headline="Orange marmalade at dawn" if title == "Headline" else f"{title} report",
            text=text,
            published_on=datetime.date(2015, 1, 1) + datetime.timedelta(days=n),
        )
        for n, (title, text) in enumerate(texts.items())
    }
    return {title: article.headline for title, article in articles.items()}


def test_a_phrase_is_found_only_where_its_words_stand_together_in_order(client, orchard):
    found, _ = listed(client, '"orange marmalade"')
    assert found == {orchard["Phrase"], orchard["Both pairs, no phrase"], orchard["Headline"]}
    found, _ = listed(client, '"marmalade orange"')
    assert found == {orchard["Reversed"]}  # a comma does not part words
    found, _ = listed(client, "orange marmalade")
    assert found == set(orchard.values())


def test_a_longer_phrase_needs_all_its_words_in_place_not_only_its_pairs(client, orchard):
    found, _ = listed(client, '"bitter orange marmalade"')
    assert found == {orchard["Phrase"]}


def test_a_phrase_combines_with_words_alternatives_and_exclusions(client, orchard):
    found, _ = listed(client, '"orange marmalade" served')
    assert found == {orchard["Phrase"]}
    found, _ = listed(client, 'the "orange marmalade" toast')
    assert found == {orchard["Headline"]}
    found, _ = listed(client, 'marmalade -"orange marmalade"')
    assert found == {orchard["Reversed"], orchard["Apart"], orchard["Stop word between"]}
    found, _ = listed(client, '-"orange marmalade" -"bitter orange marmalade" marmalade')
    assert found == {orchard["Reversed"], orchard["Apart"], orchard["Stop word between"]}
    found, _ = listed(client, '"bitter orange" or "orange grove"')
    assert found == {orchard["Phrase"], orchard["Apart"], orchard["Both pairs, no phrase"]}
    found, _ = listed(client, '"orange marmalade" "bitter orange" -fell')
    assert found == {orchard["Phrase"]}


def test_a_phrase_match_in_the_headline_ranks_first(client, orchard):
    _, response = listed(client, '"orange marmalade"')
    assert article_cards(response)[0].headline == orchard["Headline"]


def test_the_count_of_a_phrase_search_is_what_every_format_lists(client, orchard):
    for query in ['"orange marmalade"', '"bitter orange marmalade"', 'the "orange marmalade"']:
        found, response = listed(client, query, sort="newest")
        assert result_count(response) == len(found)
        api = client.get("/api/articles/", {"q": query, "sort": "newest"}).json()
        assert api["count"] == len(found)
        assert {article["headline"] for article in api["results"]} == found
        assert Article.objects.search(query).count() == len(found)


def test_a_phrase_combined_with_a_date_keeps_its_count_and_facets(client, orchard):
    query = {"q": '"orange marmalade"', "date_from": "2015-01-02"}
    response = client.get("/articles/", query)
    listed_now = {card.headline for card in article_cards(response)}
    assert listed_now == {orchard["Both pairs, no phrase"], orchard["Headline"]}
    assert result_count(response) == 2
    publications = facet_links(response)["Publications"]
    assert [(item.label, item.count) for item in publications] == [("The Orchard Gazette", 2)]


def test_a_phrase_snippet_marks_its_words_and_escapes_the_text(client):
    make_article(
        headline="Quince <b>jam</b> summit",
        text='Envoys said <script>x()</script> the "quince jam" & the quince tree differ.',
    )
    _, response = listed(client, '"quince jam"')
    page = response.content.decode()
    card = page.split('class="article-card"', 1)[1].split("</article>", 1)[0]
    assert re.search(r"<mark>quince(</mark> <mark>| )jam</mark>", card)  # (SQLite: one)
    assert "&lt;script&gt;" in card
    assert "<script>" not in card
    assert "&lt;b&gt;" in card
    assert "&amp; the" in card


# PostgreSQL: the pair index.


def vector_matches(query):
    """The pks the search vectors alone match for `query` (what the site did before the
    pair index), read article by article."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM articles_article "
            "WHERE search_vector @@ websearch_to_tsquery('english', %s)",
            [query],
        )
        return {pk for (pk,) in cursor.fetchall()}


@on_postgresql
def test_the_pair_index_finds_exactly_what_the_search_vectors_find():
    """Phrases cut from the archive's own texts (two to four words, with and without stop
    words, punctuation and hyphens), the same words shuffled, and phrases combined; none
    naming anyone (names also find the articles mentioning them)."""
    rng = random.Random(5)
    phrases = set()
    for body in Article.objects.values_list("body", flat=True):
        words = body.split()
        for _ in range(20):
            start, length = rng.randrange(len(words) - 4), rng.choice([2, 2, 3, 4])
            run = [re.sub(r'"', "", word) for word in words[start : start + length]]
            phrases.add(" ".join(run))
            phrases.add(" ".join(rng.sample(run, len(run))))
    queries = [f'"{phrase}"' for phrase in sorted(phrases)]
    queries += [f"{a} {b}" for a, b in zip(queries[::7], queries[3::7], strict=False)]
    queries += [f"truce -{query}" for query in queries[::11]]
    queries += [f"-{query}" for query in queries[5::13]]
    queries = [query for query in queries if not named_entities(name_candidates(parse(query)))]
    assert len(queries) > 150
    pairs_used = 0
    for query in queries:
        pairs_used += bool(phrase_pairs(parse(query)))
        found = set(Article.objects.search(query).values_list("pk", flat=True))
        assert found == vector_matches(query), query
    assert pairs_used > len(queries) // 3  # many through the pair index


@on_postgresql
def test_a_phrase_is_one_pair_a_longer_one_or_none():
    def read(query):
        return phrase_pairs(parse(query))

    pair = read('"Orange marmalade"')["Orange marmalade"]
    assert pair.whole
    assert pair.query == "'orang marmalad'"
    assert read('"the orange marmalade"')["the orange marmalade"].whole  # a stop word first
    longer = read('"bitter orange marmalade"')["bitter orange marmalade"]
    assert not longer.whole
    assert set(re.findall(r"'([^']*)'", longer.query)) == {"bitter orang", "orang marmalad"}
    # Only across a stop word, "<2>" matches whatever stands between: no pair to look up.
    assert read('"cessation of hostilities"') == {}
    assert read('marmalade -"bitter orange"')["bitter orange"].whole  # excluded as well
    assert read('"Aleppo"') == {}  # one word
    quoted = read('"http://example.org/it\'s here"')["http://example.org/it's here"]
    assert "'example.org/it''s example.org'" in quoted.query  # quotes within lexemes


@on_postgresql
def test_a_two_word_phrase_is_read_from_the_pair_index_alone():
    """Counting a phrase's matches reads the pair index, and no search vector: the
    vectors' positions were what made a phrase of two common words cost a second."""
    found = Article.objects.search('"freeze plan"').order_by().values("pk")
    sql, params = found.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN SELECT COUNT(*) FROM ({sql}) found", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Bitmap Index Scan on {PAIRS_INDEX}" in plan
    assert "search_vector @@" not in plan


@on_postgresql
def test_search_pairs_lists_the_adjacent_lexemes_of_a_vector():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_pairs(to_tsvector('english', 'The orange, marmalade of Seville')),"
            " search_pairs(''::tsvector), search_pairs(strip(to_tsvector('english', 'a b c')))"
        )
        pairs, empty, stripped = cursor.fetchone()
    assert pairs == "'orang marmalad'"  # "of" is a stop word: no pair across it
    assert empty == stripped == ""
