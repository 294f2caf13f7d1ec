"""Find the quotations an article prints, and who said them.

A quotation is a run of words in quotation marks ("…", “…”, ‘…’) that the text gives as
someone's words. Marks around a term or a name ('a "freeze"', 'the "Free Syrian Army"',
'an Aleppo "freeze zone"', a phrase quoted again and again) are not quotations: a quoted
run of at most four words is a term when it is one word, follows "a", "an" or "the", or is
quoted more than once in the article, unless it ends a sentence inside the marks.

The speaker is found in the common reporting patterns, in this order:

* after the quotation: '"…," de Mistura said', '”, Jaafari said', '"…," said Kerry',
  '"…," Muallem was quoted as saying', '"…," Lavrov told reporters';
* before it, in the same sentence: 'Khawla Mattar, spokeswoman for…, told AFP there was
  “…”', 'Kerry urged the HNC to “…”', 'X said: "…"', 'according to X, "…"';
* a quotation continuing one already attributed: in the same sentence ('"…," the Ministry
  said, adding that … "…"'), or opening the sentence after '"…," X said.';
* a sentence quoted after a colon whose clause opens with a name.

The speaker named there is a person or an organisation found by mention detection (so a
surname or an alias counts, and an editor's rejected mention does not). "he"/"she" and
"it"/"they" are resolved to the speaker of a quotation in the same or the preceding
paragraph when no other person (or organisation) is named in between, else to the only
person (organisation) named in the preceding sentence; "the Ministry" to the only
organisation called a ministry named in the same or preceding paragraph. Anything less
certain leaves the quotation without a speaker: editors add it in the admin.

`find_quotations` is pure (text in, quotations out); `extract_quotes` stores them, never
overriding a quote an editor corrected or rejected.
"""

import re
from dataclasses import dataclass

from django.db import transaction

from .models import (
    MentionOrigin,
    Organisation,
    OrganisationMention,
    PersonMention,
    Quote,
    QuoteOrigin,
)
from .text import paragraphs_with_offsets

SPEAKER_KINDS = ("person", "organisation")
MAX_TERM_WORDS = 4
DETERMINERS = {"a", "an", "the"}
PRONOUNS = {"he": "person", "she": "person", "it": "organisation", "they": "organisation"}
OTHER_PRONOUNS = {
    "person": re.compile(r"\b(?:he|him|his|she|her|hers)\b", re.I),
    "organisation": re.compile(r"\b(?:it|its|they|them|their)\b", re.I),
}
GENERIC_NOUNS = {
    "ministry",
    "office",
    "agency",
    "newspaper",
    "coalition",
    "committee",
    "council",
    "government",
    "group",
    "front",
}
VERBS = (
    r"said|says|say|told|tells|added|adding|asked|urged|claimed|noted|stated|warned|"
    r"stressed|insisted|declared|argued|explained|wrote|called|announced|replied"
)
VERB = re.compile(rf"\b(?:{VERBS})\b")
AFTER = re.compile(
    rf"^\s*,?\s*(?:(?P<subject>[^,.;:!?\"“”]{{1,80}}?)\s+(?:(?:has|had|also)\s+)?"
    rf"(?P<verb>was quoted as saying|{VERBS})\b"
    rf"|(?:{VERBS})\s+(?P<inverted>[^,.;:!?\"“”]{{1,60}}?)\s*(?:[,.;:!?]|$))"
)
ACCORDING_TO = re.compile(r"\baccording to\s+(?P<subject>[^,.;:]{1,80}?)\s*,?\s*$", re.I)
# Between a speaker and the verb: at most auxiliaries ("has said", "also said").
GAP = re.compile(r"^\s*(?:,\s*who\s+)?(?:(?:has|had|have|also|was|is|reportedly|again)\s+)*$")
# Words before a name that make someone else the speaker: "a source close to Lavrov said".
NOT_THE_SPEAKER = re.compile(
    r"\b(?:close to|sources?|aides?|advis[eo]rs?|ally of|allies of|critics? of|friends? of|"
    r"relatives? of|opponents? of|rivals? of)\s+(?:the\s+)?\S*\s*$",
    re.I,
)
APPOSITIVE = re.compile(r",[^,]{1,90},\s*$")
PRONOUN_AT_END = re.compile(r"\b(?P<pronoun>he|she|it|they)\s+(?:(?:has|had|also)\s+)*$", re.I)
GENERIC_SUBJECT = re.compile(r"^the\s+(?P<noun>\w+)$", re.I)
QUOTE_MARK = re.compile('[“”"‘]')
SENTENCE_END = re.compile(r"[.!?…][\"”’)]?\s+(?=[\"“‘(\[]?[A-Z])")
ABBREVIATION = re.compile(r"(?:\b[A-Z]\.)+[A-Z]?$|\b(?:Mr|Mrs|Ms|Dr|Gen|Col|St|Lt)$")


@dataclass(frozen=True)
class Span:
    """A mention of a possible speaker: (start, end) in the body, and who."""

    start: int
    end: int
    kind: str
    entity_id: int

    @property
    def speaker(self):
        return (self.kind, self.entity_id)


@dataclass
class Quotation:
    start: int  # offsets of the words, without the marks
    end: int
    text: str
    paragraph: int
    opening: int  # offset of the opening mark (of the words, when none was printed)
    closing: int  # offset just past the closing mark
    speaker: tuple | None = None  # ("person", id) or ("organisation", id)
    attributed_after: bool = False


# ---------------------------------------------------------------------------
# Finding the quoted runs


def _closing_single(paragraph, start):
    """The ’ closing a ‘ opened before `start`: one not followed by a letter (not We’re)."""
    for found in re.finditer("’", paragraph[start:]):
        after = start + found.end()
        if after >= len(paragraph) or not paragraph[after].isalpha():
            return start + found.start()
    return -1


def _sentence_start(text, position, floor=0):
    """Offset where the sentence containing `position` begins (not before `floor`)."""
    start = floor
    for found in SENTENCE_END.finditer(text, floor, position):
        before = text[floor : found.start()].split()
        if before and ABBREVIATION.search(before[-1]):
            continue
        start = found.end()
    return start


def quoted_runs(paragraph):
    """(start, end, opened) of each quoted run in a paragraph, outermost only."""
    runs, i = [], 0
    while found := QUOTE_MARK.search(paragraph, i):
        i, char = found.start(), found.group()
        end = -1
        if char == "“":
            end = paragraph.find("”", i + 1)
        elif char == '"':
            end = paragraph.find('"', i + 1)
        elif char == "‘" and (i == 0 or not paragraph[i - 1].isalnum()):
            end = _closing_single(paragraph, i + 1)
        elif char == "”":  # closes a quotation whose opening mark was never printed
            floor = runs[-1][1] + 1 if runs else 0
            start = _sentence_start(paragraph, i, floor)
            if paragraph[start:i].strip():
                runs.append((start, i, False))
        if end > i + 1:
            runs.append((i + 1, end, True))
            i = end
        i += 1
    return runs


def _normalised(text):
    return re.sub(r"s$", "", re.sub(r"[^\w\s]", "", text.lower()).strip())


def is_term(body, start, end, repeated):
    """Whether the quoted run body[start:end] marks a term or a name, not someone's words."""
    words = body[start:end].split()
    if len(words) > MAX_TERM_WORDS or re.search(r"[.!?…]\W*$", body[start:end]):
        return False
    before = body[max(0, start - 40) : start - 1].split()
    after_determiner = bool(before) and (
        before[-1].lower() in DETERMINERS
        or (len(before) > 1 and before[-2].lower() in DETERMINERS and before[-1][:1].isupper())
    )
    return len(words) == 1 or after_determiner or repeated


def find_runs(body):
    """Every quotation in the body, speakers not yet known."""
    found = []
    for number, (offset, paragraph) in enumerate(paragraphs_with_offsets(body)):
        for start, end, opened in quoted_runs(paragraph):
            opening, closing = offset + start - (1 if opened else 0), offset + end + 1
            words = paragraph[start:end]
            # Keep surrounding spaces out; the words are the words as printed.
            start += len(words) - len(words.lstrip())
            end -= len(words) - len(words.rstrip())
            if end > start:
                text = body[offset + start : offset + end]
                found.append(
                    Quotation(offset + start, offset + end, text, number, opening, closing)
                )
    counts = {}
    for quotation in found:
        key = _normalised(quotation.text)
        counts[key] = counts.get(key, 0) + 1
    return [
        q
        for q in found
        if q.opening == q.start  # closed but never opened: words, not a term
        or not is_term(body, q.start, q.end, counts[_normalised(q.text)] > 1)
    ]


# ---------------------------------------------------------------------------
# Finding the speaker


class Attribution:
    """Finds the speakers of the quotations in one body."""

    def __init__(self, body, mentions, organisation_names):
        self.body = body
        self.mentions = sorted(
            (
                Span(m.start, m.end, m.kind, m.entity_id)
                for m in mentions
                if m.kind in SPEAKER_KINDS
            ),
            key=lambda m: (m.start, m.end),
        )
        self.organisation_names = organisation_names
        self.paragraphs = list(paragraphs_with_offsets(body))
        self.quotations = find_runs(body)
        self.masked = self._mask(body)

    def _mask(self, body):
        """The body with quoted words blanked, so verbs and periods inside them are ignored."""
        chars = list(body)
        for q in self.quotations:
            chars[q.start : q.end] = "x" * (q.end - q.start)
        return "".join(chars)

    def mentions_in(self, start, end, kind=None):
        return [
            m
            for m in self.mentions
            if start <= m.start and m.end <= end and (kind is None or m.kind == kind)
        ]

    def paragraph_start(self, number):
        return self.paragraphs[max(number, 0)][0]

    def run(self):
        for index, quotation in enumerate(self.quotations):
            previous = self.quotations[:index]
            quotation.speaker = (
                self.after(quotation, previous)
                or self.before(quotation, previous)
                or self.continuation(quotation, previous)
                or self.colon(quotation)
            )
        return self.quotations

    # -- the patterns

    def after(self, quotation, previous):
        closing = quotation.closing
        offset, paragraph = self.paragraphs[quotation.paragraph]
        clause = self.masked[closing : offset + len(paragraph)]
        found = AFTER.match(clause)
        if not found:
            return None
        group = "subject" if found.group("subject") else "inverted"
        start, end = closing + found.start(group), closing + found.end(group)
        speaker = self.subject(start, end, quotation, previous)
        if speaker:
            quotation.attributed_after = True
        return speaker

    def before(self, quotation, previous):
        opening = quotation.opening
        floor = self.paragraph_start(quotation.paragraph)
        sentence = _sentence_start(self.masked, opening, floor)
        region = self.masked[sentence:opening]
        according = ACCORDING_TO.search(region)
        if according:
            start = sentence + according.start("subject")
            return self.subject(start, sentence + according.end("subject"), quotation, previous)
        verbs = list(VERB.finditer(region))
        if not verbs:
            return None
        subject_end = sentence + verbs[-1].start()
        return self.subject_before(sentence, subject_end, quotation, previous)

    def subject_before(self, sentence, verb_start, quotation, previous):
        """The speaker ending just before a verb: 'X said', 'X, a spokesman for Y, said'."""
        region = self.masked[sentence:verb_start]
        appositive = APPOSITIVE.search(region)
        end = sentence + (appositive.start() if appositive else len(region))
        named = self.mentions_in(sentence, end)
        if named:
            return self.speaker_named(named[-1], end)
        pronoun = PRONOUN_AT_END.search(self.masked[sentence:end])
        if pronoun:
            return self.resolve_pronoun(pronoun.group("pronoun").lower(), quotation, previous)
        return None

    def subject(self, start, end, quotation, previous):
        """The speaker a short subject phrase names: a mention, a pronoun or 'the Ministry'."""
        phrase = self.body[start:end].strip()
        named = self.mentions_in(start, end)
        if named:
            return self.speaker_named(named[-1], end)
        if phrase.lower() in PRONOUNS:
            return self.resolve_pronoun(phrase.lower(), quotation, previous)
        generic = GENERIC_SUBJECT.match(phrase)
        if generic and generic.group("noun").lower() in GENERIC_NOUNS:
            return self.resolve_generic(generic.group("noun").lower(), quotation)
        return None

    def speaker_named(self, mention, verb_start):
        """The mention's entity if it is the subject of the verb at `verb_start`: nothing but
        auxiliaries between them, and not 'a source close to X' or 'an aide to X'."""
        if not GAP.match(self.masked[mention.end : verb_start]):
            return None
        if NOT_THE_SPEAKER.search(self.masked[max(0, mention.start - 40) : mention.start]):
            return None
        return mention.speaker

    def continuation(self, quotation, previous):
        if not previous:
            return None
        last = previous[-1]
        if last.speaker is None or last.paragraph != quotation.paragraph:
            return None
        opening = quotation.opening
        between = self.masked[last.closing : opening]
        others = [m for m in self.mentions_in(last.end, opening) if m.speaker != last.speaker]
        floor = self.paragraph_start(quotation.paragraph)
        same_sentence = _sentence_start(self.masked, opening, floor) <= last.start
        if same_sentence and not others:
            return last.speaker
        # '"…," X said. "…"': the next sentence opens with the quotation.
        next_sentence = _sentence_start(self.masked, opening, last.closing)
        opens_next_sentence = not self.masked[next_sentence:opening].strip()
        if (
            last.attributed_after
            and opens_next_sentence
            and len(SENTENCE_END.findall(between)) == 1
        ):
            return last.speaker
        return None

    def colon(self, quotation):
        opening = quotation.opening
        if not self.masked[:opening].rstrip().endswith(":"):
            return None
        floor = self.paragraph_start(quotation.paragraph)
        sentence = _sentence_start(self.masked, opening, floor)
        named = self.mentions_in(sentence, opening)
        if named and len(self.masked[sentence : named[0].start].split()) <= 3:
            return named[0].speaker
        return None

    # -- resolving pronouns and "the Ministry"

    def resolve_pronoun(self, pronoun, quotation, previous):
        kind = PRONOUNS[pronoun]
        for earlier in reversed(previous):
            if earlier.paragraph < quotation.paragraph - 1:
                break
            if earlier.speaker is None or earlier.speaker[0] != kind:
                continue
            between = self.mentions_in(earlier.end, quotation.start, kind)
            if all(m.speaker == earlier.speaker for m in between):
                return earlier.speaker
            return None
        return self.only_one_in_previous_sentence(kind, quotation)

    def only_one_in_previous_sentence(self, kind, quotation):
        """The one person (or organisation) the sentence before the quotation's names."""
        paragraph_start = self.paragraph_start(quotation.paragraph)
        this_sentence = _sentence_start(self.masked, quotation.opening, paragraph_start)
        if this_sentence > paragraph_start:
            floor, end = paragraph_start, this_sentence
        elif quotation.paragraph > 0:
            floor, text = self.paragraphs[quotation.paragraph - 1]
            end = floor + len(text)
        else:
            return None
        previous_start = _sentence_start(self.masked, end, floor)
        if OTHER_PRONOUNS[kind].search(self.masked[previous_start:end]):
            return None  # "Lavrov had met him": someone else is about too
        named = {m.speaker for m in self.mentions_in(previous_start, end, kind)}
        return named.pop() if len(named) == 1 else None

    def resolve_generic(self, noun, quotation):
        floor = self.paragraph_start(quotation.paragraph - 1)
        candidates = {
            m.speaker
            for m in self.mentions_in(floor, quotation.start, "organisation")
            if noun in self.body[m.start : m.end].lower()
            or noun in self.organisation_names.get(m.entity_id, "").lower()
        }
        return candidates.pop() if len(candidates) == 1 else None


def find_quotations(body, mentions, organisation_names):
    """The quotations in `body`, each with its speaker when it is certain.

    `mentions` are Span-like objects (start, end, kind, entity_id) for the people and
    organisations the body names; `organisation_names` maps organisation ids to names.
    """
    return Attribution(body, mentions, organisation_names).run()


# ---------------------------------------------------------------------------
# Storing


@dataclass
class ExtractionReport:
    articles: int = 0
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    without_speaker: int = 0

    def add(self, other):
        for name in ("articles", "created", "updated", "deleted", "unchanged", "without_speaker"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def stored_speaker_spans(articles):
    """{article id: [Span]} from the stored active mentions of people and organisations."""
    spans = {article.pk: [] for article in articles}
    for model, kind in ((PersonMention, "person"), (OrganisationMention, "organisation")):
        field = f"{kind}_id"
        rows = model.objects.filter(
            article__in=list(spans), origin__in=MentionOrigin.active()
        ).values_list("article_id", field, "positions")
        for article_id, entity_id, positions in rows:
            spans[article_id] += [
                Span(start, end, kind, entity_id)
                for start, end in (positions or {}).get("body", [])
            ]
    return spans


def _speaker_fields(speaker):
    kind, entity_id = speaker or (None, None)
    return {
        "person_id": entity_id if kind == "person" else None,
        "organisation_id": entity_id if kind == "organisation" else None,
    }


def store_quotes(article, quotations):
    """Bring the article's detected quotes in line with `quotations`. Quotes an editor
    corrected or rejected stay, and nothing found overlapping one is stored."""
    report = ExtractionReport(articles=1)
    existing = list(Quote.objects.filter(article=article))
    decided = [q for q in existing if q.origin != QuoteOrigin.DETECTED]
    detected = {q.start: q for q in existing if q.origin == QuoteOrigin.DETECTED}
    for found in quotations:
        if any(q.start < found.end and found.start < q.end for q in decided):
            continue
        values = {"end": found.end, "text": found.text, **_speaker_fields(found.speaker)}
        report.without_speaker += found.speaker is None
        quote = detected.pop(found.start, None)
        if quote is None:
            Quote.objects.create(article=article, start=found.start, **values)
            report.created += 1
        elif all(getattr(quote, name) == value for name, value in values.items()):
            report.unchanged += 1
        else:
            for name, value in values.items():
                setattr(quote, name, value)
            quote.save()
            report.updated += 1
    for quote in detected.values():
        quote.delete()
        report.deleted += 1
    return report


def extract_quotes(articles, progress=None):
    """Extract and store the quotations of `articles` (a list or queryset), in one
    transaction. `progress`, if given, is called with the number of articles done."""
    articles = list(articles)
    names = dict(Organisation.objects.values_list("pk", "name"))
    spans = stored_speaker_spans(articles)
    report = ExtractionReport()
    with transaction.atomic():
        for done, article in enumerate(articles, start=1):
            found = find_quotations(article.body, spans[article.pk], names)
            report.add(store_quotes(article, found))
            if progress:
                progress(done)
    return report
