"""Detection compared with a careful hand annotation of the five seed texts.

The annotation (tests/annotations.json) was made by reading the texts. Precision and recall
must be at least 0.95 for people, for organisations and for places; a failure prints every article's
misses and false finds.
"""

import json
from pathlib import Path

import pytest

from articles.detection import build_matcher, find_mentions
from articles.models import Article, Organisation, Person, Place

ANNOTATION = json.loads((Path(__file__).parent / "annotations.json").read_text())
THRESHOLD = 0.95

pytestmark = pytest.mark.django_db


def detected(kind, model):
    """{source file: set of slugs} that detection finds, freshly, for one kind."""
    matcher = build_matcher()
    slugs = dict(model.objects.values_list("pk", "slug"))
    return {
        article.source_file: {slugs[pk] for (k, pk) in find_mentions(article, matcher) if k == kind}
        for article in Article.objects.all()
    }


@pytest.mark.parametrize(
    ("kind", "model", "key"),
    [
        ("person", Person, "people"),
        ("organisation", Organisation, "organisations"),
        ("place", Place, "places"),
    ],
)
def test_precision_and_recall_against_the_hand_annotation(kind, model, key):
    found = detected(kind, model)
    true_positives = false_positives = false_negatives = 0
    lines = []
    for source_file, annotated in ANNOTATION.items():
        if source_file.startswith("_"):
            continue
        expected, got = set(annotated[key]), found[source_file]
        true_positives += len(expected & got)
        false_positives += len(got - expected)
        false_negatives += len(expected - got)
        lines.append(
            f"{source_file}: missed {sorted(expected - got) or '-'}; "
            f"wrong {sorted(got - expected) or '-'}"
        )
    precision = true_positives / (true_positives + false_positives)
    recall = true_positives / (true_positives + false_negatives)
    report = f"{key}: precision {precision:.3f}, recall {recall:.3f}\n" + "\n".join(lines)
    print(report)
    assert precision >= THRESHOLD, report
    assert recall >= THRESHOLD, report


def test_the_annotation_names_only_records_that_exist():
    people = set(Person.objects.values_list("slug", flat=True))
    organisations = set(Organisation.objects.values_list("slug", flat=True))
    places = set(Place.objects.values_list("slug", flat=True))
    for source_file, annotated in ANNOTATION.items():
        if source_file.startswith("_"):
            continue
        assert set(annotated["people"]) <= people, source_file
        assert set(annotated["organisations"]) <= organisations, source_file
        assert set(annotated["places"]) <= places, source_file
