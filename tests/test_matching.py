"""The matcher gets the hard cases of these texts right."""

import pytest

from articles.matching import AliasEntry, Matcher


def entries(*aliases):
    """Aliases given as (entity id, text) or (entity id, text, case_sensitive)."""
    return [AliasEntry("organisation", entity_id, *rest) for entity_id, *rest in aliases]


def found(matcher, text):
    return [(text[m.start : m.end], m.entity_id) for m in matcher.find(text)]


ISLAMIC_STATE, NUSRA, COALITION, ASSAD, KERRY = 1, 2, 3, 4, 5


@pytest.fixture(scope="module")
def matcher():
    return Matcher(
        entries(
            (ISLAMIC_STATE, "IS", True),
            (ISLAMIC_STATE, "ISIS", True),
            (ISLAMIC_STATE, "Islamic State"),
            (NUSRA, "al-Nusra Front"),
            (NUSRA, "Nusra Front"),
            (COALITION, "Syrian National Coalition"),
            (6, "Syrian"),
            (ASSAD, "Assad"),
            (KERRY, "Kerry"),
            (7, "UN Secretary-General's office"),
            (8, "UN", True),
        )
    )


def test_is_only_in_capitals_and_as_a_whole_word(matcher):
    text = "This is what IS wants; ISIS, formerly IS, is thin. THIS Isis."
    assert found(matcher, text) == [("IS", 1), ("ISIS", 1), ("IS", 1)]


def test_longest_alias_wins_where_aliases_overlap(matcher):
    assert found(matcher, "the al-Nusra Front and the Nusra Front") == [
        ("al-Nusra Front", NUSRA),
        ("Nusra Front", NUSRA),
    ]
    assert found(matcher, "the Syrian National Coalition, a Syrian body") == [
        ("Syrian National Coalition", COALITION),
        ("Syrian", 6),
    ]


def test_possessives_and_typographic_quotes(matcher):
    text = "Assad's forces, Assad\u2019s ally, \u2018Assad\u2019 and \u201cKerry\u201d"
    assert found(matcher, text) == [("Assad", 4), ("Assad", 4), ("Assad", 4), ("Kerry", 5)]
    assert found(matcher, "The UN Secretary-General\u2019s office said") == [
        ("UN Secretary-General\u2019s office", 7)
    ]


def test_case_insensitive_aliases_match_any_case(matcher):
    assert found(matcher, "ASSAD and assad") == [("ASSAD", 4), ("assad", 4)]


def test_names_inside_words_urls_and_emails_do_not_count(matcher):
    text = (
        "Kerryville, unKerry, https://example.org/kerry-visit www.kerry.com kerry@state.gov; Kerry."
    )
    assert found(matcher, text) == [("Kerry", KERRY)]


def test_hyphenated_compounds_name_the_entity(matcher):
    assert found(matcher, "pro-Assad and anti-Assad forces") == [("Assad", 4), ("Assad", 4)]


def test_whitespace_runs_match_a_space(matcher):
    assert found(matcher, "the Syrian\nNational  Coalition") == [
        ("Syrian\nNational  Coalition", COALITION)
    ]


def test_an_alias_of_two_entities_is_ambiguous_and_matches_nothing():
    matcher = Matcher(entries((1, "SNC", True), (2, "SNC", True), (3, "Bahra")))
    assert matcher.ambiguous == ["SNC"]
    assert found(matcher, "SNC president Bahra") == [("Bahra", 3)]


def test_an_empty_matcher_finds_nothing():
    assert Matcher([]).find("Anything at all") == []


def test_a_place_may_share_its_name_with_the_actor_it_stands_for():
    matcher = Matcher(
        [
            AliasEntry("place", 1, "Moscow"),
            AliasEntry("organisation", 2, "Moscow"),
            AliasEntry("place", 3, "Geneva"),
            AliasEntry("person", 4, "Geneva"),
            AliasEntry("organisation", 5, "Geneva"),
        ]
    )
    assert matcher.ambiguous == ["geneva"]  # a person and an organisation: ambiguous
    found = [(m.kind, m.entity_id) for m in matcher.find("Moscow said so in Geneva")]
    assert found == [("organisation", 2), ("place", 1)]
