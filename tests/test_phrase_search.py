"""Quoted phrases: found only where their words stand together and in order; excluded,
combined, ranked, counted and marked like any search. Runs on SQLite and PostgreSQL alike;
the last tests check, on PostgreSQL, that the index of word pairs (migrations 0007, 0009)
finds what reading the search vectors finds, and that it is what is read."""

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


def test_a_phrase_across_a_stop_word_needs_a_stop_word_there(client):
    """PostgreSQL's `<2>` alone would accept any word in the stop word's place."""
    texts = {
        "Said": "Both sides agreed a cessation of hostilities in Aleppo.",
        "Another word between": "A cessation brought hostilities to an end.",
        "Reversed": "The hostilities of cessation ended.",
        "Apart": "A cessation was announced. Of hostilities, nothing was said.",
        "Two stop words": "The cessation of the hostilities held.",
    }
    publication = make_publication(name="The Truce Gazette", slug="truce-gazette")
    for title, text in texts.items():
        make_article(publication, headline=f"{title} report", text=text)

    def found(query):
        return listed(client, query, publication="truce-gazette")[0]

    assert found('"cessation of hostilities"') == {"Said report"}
    others = {f"{title} report" for title in texts} - {"Said report"}
    assert found('cessation -"cessation of hostilities"') == others
    assert found('"cessation of the hostilities"') == {"Two stop words report"}


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
    pairs_used = across = 0
    for query in queries:
        pairs = phrase_pairs(parse(query))
        pairs_used += bool(pairs)
        found = set(Article.objects.search(query).values_list("pk", flat=True))
        if any(crosses_a_stop_word(pair.query) for pair in pairs.values()):
            across += 1
            continue  # stricter than the vectors' `<2>`: tested below
        assert found == vector_matches(query), query
    assert pairs_used > len(queries) // 3  # many through the pair index
    assert across > 10


def crosses_a_stop_word(pairs_query):
    """A pair with a distance in it, "'cessat 2 hostil'"."""
    return any(pair.count(" ") == 2 for pair in re.findall(r"'((?:[^']|'')*)'", pairs_query))


@on_postgresql
def test_a_phrase_across_stop_words_finds_what_says_it_among_what_the_vectors_find():
    """Phrases cut from the texts across a stop word: every article whose text holds the
    phrase's words with exactly the phrase's stop words between is found, and only articles
    the vectors' `<2>` also matches."""
    phrases = set()
    for body in Article.objects.values_list("body", flat=True):
        words = spaced_words(body).split()
        for start in range(1, len(words) - 1):
            run = words[start - 1 : start + 2]
            if run[1] in {"of", "the", "to", "and", "in"} and all(map(str.isalpha, run)):
                phrases.add(" ".join(run))
    queries = [f'"{phrase}"' for phrase in sorted(phrases)]
    queries = [query for query in queries if not named_entities(name_candidates(parse(query)))]
    queries = [q for q in queries if any(map(crosses_a_stop_word, queries_pairs(q)))]
    assert len(queries) > 50
    bodies = list(Article.objects.values_list("pk", "body"))
    for query in queries:
        found = set(Article.objects.search(query).values_list("pk", flat=True))
        phrase = spaced_words(query)
        saying = {pk for pk, body in bodies if phrase in spaced_words(body)}
        assert saying <= found <= vector_matches(query), query


def spaced_words(text):
    """The text's words, lowercased, each between spaces, punctuation around them dropped;
    one that is not only letters ("Chechen-led", "U.N.") stays whole, as PostgreSQL's
    parser does not read it as the plain word."""
    words = (word.strip(".,;:!?()\"“”‘’'") for word in text.lower().split())
    return " " + " ".join(words) + " "


def queries_pairs(query):
    return [found.query for found in phrase_pairs(parse(query)).values()]


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
    across = read('"Cessation of hostilities"')["Cessation of hostilities"]
    assert across.whole  # one pair, the stop word's place in it
    assert across.query == "'cessat 2 hostil'"
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
def test_search_pairs_lists_each_lexeme_with_the_next_of_a_vector():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_pairs(to_tsvector('english', 'The orange, marmalade of Seville')),"
            " search_pairs(''::tsvector), search_pairs(strip(to_tsvector('english', 'a b c')))"
        )
        pairs, empty, stripped = cursor.fetchone()
    assert pairs == "'marmalad 2 sevill' 'orang marmalad'"  # across "of", with its place
    assert empty == stripped == ""
