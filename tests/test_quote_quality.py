"""Quotation extraction compared with a hand annotation of the five seed texts.

The annotation (tests/quote_annotations.json) was made by reading the texts. Extraction
alone must find the quotations with precision and recall of at least 0.95, and of the
speakers it names at least 0.95 must be right (a wrong speaker misleads; a blank one is
for editors to fill). With the editors' corrections in fixtures/quotes.json, the archive
holds exactly the annotated quotations with the annotated speakers. A failure prints every
difference.
"""

import json
from pathlib import Path

import pytest

from articles.models import Article, Organisation, Person, Quote
from articles.quotations import find_quotations, stored_speaker_spans

ANNOTATION = json.loads((Path(__file__).parent / "quote_annotations.json").read_text())
THRESHOLD = 0.95

pytestmark = pytest.mark.django_db


def speaker_label(kind, entity_id, slugs):
    return f"{kind}:{slugs[kind][entity_id]}" if kind else None


def pair(annotated, found):
    """Match annotated quotations to found ones (same article, text starting with the
    annotated words). Returns (matched pairs, unmatched annotated, unmatched found)."""
    matched, missed, spare = [], [], list(found)
    for expected in annotated:
        hit = next((f for f in spare if f["text"].startswith(expected["text"])), None)
        if hit is None:
            missed.append(expected)
        else:
            spare.remove(hit)
            matched.append((expected, hit))
    return matched, missed, spare


def compare(found_by_file):
    """Counts and a report of the differences between the annotation and `found_by_file`."""
    totals = {"expected": 0, "found": 0, "matched": 0, "named": 0, "right": 0}
    lines = []
    for source_file, annotated in ANNOTATION.items():
        if source_file.startswith("_"):
            continue
        found = found_by_file[source_file]
        matched, missed, spare = pair(annotated, found)
        totals["expected"] += len(annotated)
        totals["found"] += len(found)
        totals["matched"] += len(matched)
        for expected, hit in matched:
            if hit["speaker"] is not None:
                totals["named"] += 1
                totals["right"] += hit["speaker"] == expected["speaker"]
            if hit["speaker"] != expected["speaker"]:
                lines.append(
                    f"{source_file}: {expected['text'][:40]!r} said by {hit['speaker']}, "
                    f"annotated {expected['speaker']}"
                )
        lines += [f"{source_file}: missed {m['text'][:50]!r}" for m in missed]
        lines += [f"{source_file}: not a quotation {s['text'][:50]!r}" for s in spare]
    return totals, lines


def slugs():
    return {
        "person": dict(Person.objects.values_list("pk", "slug")),
        "organisation": dict(Organisation.objects.values_list("pk", "slug")),
    }


def test_extraction_alone_against_the_hand_annotation():
    articles = list(Article.objects.all())
    spans = stored_speaker_spans(articles)
    names = dict(Organisation.objects.values_list("pk", "name"))
    table = slugs()
    found = {
        article.source_file: [
            {"text": q.text, "speaker": speaker_label(*(q.speaker or (None, None)), table)}
            for q in find_quotations(article.body, spans[article.pk], names)
        ]
        for article in articles
    }
    totals, lines = compare(found)
    precision = totals["matched"] / totals["found"]
    recall = totals["matched"] / totals["expected"]
    speakers = totals["right"] / totals["named"]
    report = (
        f"quotations: precision {precision:.3f}, recall {recall:.3f} "
        f"({totals['matched']} of {totals['expected']} annotated); speakers named "
        f"{totals['named']}, right {totals['right']} ({speakers:.3f}); left blank "
        f"{totals['matched'] - totals['named']}\n" + "\n".join(lines)
    )
    print(report)
    assert precision >= THRESHOLD, report
    assert recall >= THRESHOLD, report
    assert speakers >= THRESHOLD, report


def test_with_the_editors_corrections_the_archive_holds_the_annotation_exactly():
    table = slugs()
    found = {article.source_file: [] for article in Article.objects.all()}
    for quote in Quote.objects.active().select_related("article").order_by("start"):
        kind = "person" if quote.person_id else "organisation" if quote.organisation_id else None
        entity_id = quote.person_id or quote.organisation_id
        found[quote.article.source_file].append(
            {"text": quote.text, "speaker": speaker_label(kind, entity_id, table)}
        )
    totals, lines = compare(found)
    assert lines == []
    assert totals["matched"] == totals["expected"] == totals["found"] == 38
