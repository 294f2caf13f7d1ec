"""Quotation extraction: the reporting patterns, terms that are not quotations, speakers
left blank rather than guessed, and editors' corrections that extraction never overrides."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.matching import AliasEntry, Matcher
from articles.models import Article, Quote, QuoteOrigin
from articles.quotations import extract_quotes, find_quotations

PEOPLE = {1: "Staffan de Mistura", 2: "John Kerry", 3: "Sergei Lavrov", 4: "Khawla Mattar"}
ORGANISATIONS = {10: "Ministry of Foreign Affairs of Russia", 11: "Al-Watan"}
ALIASES = [
    AliasEntry("person", 1, "de Mistura"),
    AliasEntry("person", 2, "Kerry"),
    AliasEntry("person", 3, "Lavrov"),
    AliasEntry("person", 4, "Khawla Mattar"),
    AliasEntry("organisation", 10, "Russian foreign ministry"),
    AliasEntry("organisation", 11, "Al-Watan"),
]
MATCHER = Matcher(ALIASES)


def quotes(text):
    """[(words, speaker name or None)] that extraction finds in `text`."""
    names = {("person", k): v for k, v in PEOPLE.items()}
    names |= {("organisation", k): v for k, v in ORGANISATIONS.items()}
    found = find_quotations(text, MATCHER.find(text), ORGANISATIONS)
    return [(q.text, names.get(q.speaker)) for q in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"A deal would be delusionary," de Mistura said.', "Staffan de Mistura"),
        ("“We are getting closer,” Kerry said at the start.", "John Kerry"),
        ("“We don’t deal with terrorists”, Kerry said.", "John Kerry"),
        ('"There will be no such conference," Lavrov told reporters.', "Sergei Lavrov"),
        ('"We support his efforts," said Kerry.', "John Kerry"),
        ('"Both sides agree," Kerry was quoted as saying.', "John Kerry"),
        ('Kerry said: "We are not there yet."', "John Kerry"),
        ("Kerry urged both sides to “make the most of this moment”.", "John Kerry"),
        (
            'De Mistura told the BBC the war was "giving an opportunity to someone else".',
            "Staffan de Mistura",
        ),
        (
            "Khawla Mattar, spokeswoman for Staffan de Mistura, told AFP there was "
            "“the need to meet” first.",
            "Khawla Mattar",
        ),
        ('According to Lavrov, "the process will take time and patience."', "Sergei Lavrov"),
        # a sentence quoted after a colon, the clause opening with a name
        (
            'Lavrov had a message for the envoy: "Come to Moscow when you are ready."',
            "Sergei Lavrov",
        ),
        (
            '"Time is short," the Russian foreign ministry said.',
            "Ministry of Foreign Affairs of Russia",
        ),
        (
            'The Russian foreign ministry met the envoy.\n\n"Time is short," the Ministry said.',
            "Ministry of Foreign Affairs of Russia",
        ),
        ('A source close to Lavrov said the talks were "going nowhere fast at all".', None),
        ('"It will fail," a Western diplomat said.', None),
    ],
)
def test_reporting_patterns(text, expected):
    found = quotes(text)
    assert len(found) == 1, found
    assert found[0][1] == expected


def test_terms_and_names_in_quotation_marks_are_not_quotations():
    text = (
        'De Mistura proposed a "freeze" of the fighting, an Aleppo "freeze zone" for the '
        'fighters of the "Free Syrian Army". The UN called for "freeze zones" again.'
    )
    assert quotes(text) == []
    # a short phrase is a quotation when it is someone's words, not a term
    assert quotes('Kerry said talks were moving with "several proposals" on the table.') == [
        ("several proposals", "John Kerry")
    ]


def test_pronouns_resolve_only_when_one_speaker_is_near():
    text = (
        '"The coalition is fighting the symptom," Kerry said on Monday.\n\n'
        '"You have to defeat IS on the ground," he said.'
    )
    assert quotes(text)[1] == ("You have to defeat IS on the ground,", "John Kerry")
    ambiguous = (
        '"The coalition is fighting the symptom," Kerry said after meeting Lavrov.\n\n'
        "Lavrov had met him before.\n\n"
        '"You have to defeat IS on the ground," he said.'
    )
    assert quotes(ambiguous)[1][1] is None
    someone_else_between = (
        '"The coalition is fighting the symptom," Kerry said.\n\n'
        'Lavrov disagreed. "You have to defeat IS on the ground," he said.'
    )
    assert quotes(someone_else_between)[1][1] is None
    nobody_named = 'The talks went on.\n\n"This is the only chance", she said.'
    assert quotes(nobody_named) == [("This is the only chance", None)]


def test_a_quotation_continues_the_one_before_it():
    text = (
        '"A peace deal would be ambitious," de Mistura said. "But I do have a plan."\n\n'
        "“There are proposals,” Kerry said after meeting de Mistura. We are hopeful but "
        "not there yet.”"
    )
    assert quotes(text) == [
        ("A peace deal would be ambitious,", "Staffan de Mistura"),
        ("But I do have a plan.", "Staffan de Mistura"),
        ("There are proposals,", "John Kerry"),
        # the opening mark was never printed: the words run from the sentence start
        ("We are hopeful but not there yet.", "John Kerry"),
    ]


def test_it_resolves_to_the_organisation_that_spoke():
    text = (
        'Al-Watan said Thursday that the meeting "laid the initial vision for a solution."'
        '\n\nBut it said the process would "require time to materialise".'
    )
    assert quotes(text) == [
        ("laid the initial vision for a solution.", "Al-Watan"),
        ("require time to materialise", "Al-Watan"),
    ]


def test_offsets_point_at_the_words_as_printed():
    text = 'Intro.\n\n"A deal would be delusionary," de Mistura said.'
    (quotation,) = find_quotations(text, MATCHER.find(text), {})
    assert (
        text[quotation.start : quotation.end] == quotation.text == ("A deal would be delusionary,")
    )


@pytest.mark.django_db
def test_an_editors_correction_survives_re_extraction():
    quote = Quote.objects.get(text="worthy of study")
    assert quote.origin == QuoteOrigin.DETECTED
    quote.person = None
    quote.note = "checked"
    quote.origin = QuoteOrigin.EDITOR
    quote.save()
    rejected = Quote.objects.get(text="big losses")
    rejected.origin = QuoteOrigin.REJECTED
    rejected.save()

    out = StringIO()
    call_command("extract_quotes", stdout=out)
    assert "Quotations extracted from 5 articles" in out.getvalue()

    quote.refresh_from_db()
    assert (quote.person, quote.origin, quote.note) == (None, QuoteOrigin.EDITOR, "checked")
    rejected.refresh_from_db()
    assert rejected.origin == QuoteOrigin.REJECTED
    assert Quote.objects.filter(text="big losses").count() == 1


@pytest.mark.django_db
def test_re_extraction_drops_quotes_no_longer_in_the_text_and_keeps_the_rest():
    article = Article.objects.get(source_file__startswith="002")
    before = Quote.objects.filter(article=article).count()
    stray = Quote.objects.create(article=article, text="stray", start=0, end=5)
    report = extract_quotes([article])
    assert (report.deleted, report.created) == (1, 0)
    assert not Quote.objects.filter(pk=stray.pk).exists()
    assert Quote.objects.filter(article=article).count() == before


@pytest.mark.django_db
def test_the_command_checks_its_arguments_and_can_dry_run():
    with pytest.raises(Exception, match="No article with the slug"):
        call_command("extract_quotes", "no-such-article", stdout=StringIO())
    Quote.objects.filter(origin=QuoteOrigin.DETECTED).delete()
    out = StringIO()
    call_command("extract_quotes", "--dry-run", stdout=out)
    assert "Dry run" in out.getvalue()
    assert not Quote.objects.filter(origin=QuoteOrigin.DETECTED).exists()


@pytest.mark.django_db
def test_importing_an_article_extracts_its_quotations(tmp_path):
    path = tmp_path / "lavrov.txt"
    path.write_text(
        "---\npublication: TASS\ndate: 2016-05-04\n---\n"
        "Lavrov meets de Mistura in Moscow\n"
        '"We agreed on the next steps," Lavrov said after meeting de Mistura in Moscow.\n'
        '"Nobody wants this war to go on," a diplomat said.\n',
        encoding="utf-8",
    )
    out = StringIO()
    call_command("import_articles", str(path), stdout=out, stderr=StringIO())
    assert "places: Moscow (2)" in out.getvalue()
    assert "quotations: 2 (1 without a speaker)" in out.getvalue()
    article = Article.objects.get(headline="Lavrov meets de Mistura in Moscow")
    said = {q.text: q.person and q.person.slug for q in article.quotes.all()}
    assert said == {
        "We agreed on the next steps,": "sergei-lavrov",
        "Nobody wants this war to go on,": None,
    }
