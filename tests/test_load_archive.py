"""The seed archive loads with one command, idempotently, and keeps every text verbatim."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from articles.loading import load_archive
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
)

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
FIXTURES = Path(settings.BASE_DIR) / "fixtures"
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
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def empty_archive():
    for model in reversed(MODELS):
        model.objects.all().delete()


@pytest.mark.django_db
def test_loading_into_an_empty_database_twice_gives_the_same_records():
    empty_archive()
    assert sum(counts().values()) == 0

    call_command("load_archive", stdout=StringIO())
    first = counts()
    snapshot = list(Article.objects.values().order_by("slug"))
    call_command("load_archive", stdout=StringIO())

    assert counts() == first
    assert list(Article.objects.values().order_by("slug")) == snapshot
    assert first["Article"] == 5
    assert first["Publication"] == 5
    assert first["Person"] >= 20
    assert first["Organisation"] >= 30
    assert first["Place"] >= 20
    assert first["Event"] >= 20


@pytest.mark.django_db
def test_second_load_reports_nothing_changed():
    report = load_archive()
    assert sum(report.created.values()) == 0
    assert sum(report.updated.values()) == 0
    assert report.detection.created == report.detection.updated == 0


@pytest.mark.django_db
def test_every_stored_source_text_equals_its_file_byte_for_byte():
    for article in Article.objects.all():
        on_disk = (FIXTURES / "sources" / article.source_file).read_bytes()
        assert article.source_text.encode("utf-8") == on_disk
        if SEEDS.exists():  # the fixture copies are the seeds themselves
            assert on_disk == (SEEDS / article.source_file).read_bytes()


@pytest.mark.django_db
def test_displayed_bodies_drop_page_furniture_and_keep_source_lines():
    for article in Article.objects.all():
        for furniture in ["Accessibility links", "Comments are closed.", "Select Page", "Media ID"]:
            assert furniture not in article.body
        source_lines = {line.strip() for line in article.source_text.splitlines()}
        for paragraph in article.body.split("\n\n"):
            assert paragraph in source_lines, f"{article.slug}: {paragraph[:60]!r} altered"

    rfe = Article.objects.get(publication__slug="rfe-rl")
    caption = "UN Special Envoy for Syria Staffan de Mistura"
    assert rfe.source_text.count(caption + "\n" + caption) == 1
    assert rfe.body.count(caption) == 1  # the caption printed twice appears once
    assert "About This Blog" not in rfe.body
    assert rfe.body.endswith("-- Joanna Paraszczuk")


@pytest.mark.django_db
def test_curated_records_say_how_undated_texts_were_dated():
    sochi = Article.objects.get(source_file__startswith="002")
    assert sochi.headline_is_supplied
    assert str(sochi.published_on) == "2014-11-27"
    assert "26 November 2014" in sochi.date_note
    asharq = Article.objects.get(source_file__startswith="004")
    assert str(asharq.published_on) == "2016-05-02"
    assert "May 2, 2016" in asharq.date_note
    assert not Article.objects.filter(headline="").exists()
    assert all(a.date_note for a in Article.objects.all())  # no text prints its date


@pytest.mark.django_db
def test_dry_run_stores_nothing():
    empty_archive()
    out = StringIO()
    call_command("load_archive", "--dry-run", stdout=out)
    assert "Dry run" in out.getvalue()
    assert sum(counts().values()) == 0


@pytest.mark.django_db
def test_a_broken_fixture_is_a_clear_error_and_changes_nothing(tmp_path):
    broken = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, broken)
    articles = json.loads((broken / "articles.json").read_text())
    articles[0]["publication"] = "no-such-publication"
    (broken / "articles.json").write_text(json.dumps(articles))
    before = counts()

    with pytest.raises(CommandError, match="unknown slug 'no-such-publication'"):
        call_command("load_archive", "--path", str(broken), stdout=StringIO())
    assert counts() == before


@pytest.mark.django_db
def test_editor_decisions_in_the_fixtures_are_applied_and_survive_detection(tmp_path):
    decided = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, decided)
    articles = json.loads((decided / "articles.json").read_text())
    kerry = next(a for a in articles if a["source_file"].startswith("004"))
    kerry["mentions"] = {
        "rejected": {"people": ["sergei-kuralenko"]},
        "added": {"organisations": ["government-of-russia"]},
    }
    (decided / "articles.json").write_text(json.dumps(articles))

    load_archive(decided)
    call_command("detect_mentions", stdout=StringIO(), stderr=StringIO())

    article = Article.objects.get(slug=kerry["slug"])
    assert article.person_mentions.get(person__slug="sergei-kuralenko").origin == "rejected"
    added = article.organisation_mentions.get(organisation__slug="government-of-russia")
    assert added.origin == "editor"


@pytest.mark.django_db
def test_reloading_keeps_editors_corrections_unless_asked_to_update():
    person = Person.objects.get(slug="staffan-de-mistura")
    person.role = "Corrected by an editor"
    person.save()
    article = Article.objects.get(source_file__startswith="001")
    article.date_note = "Checked against the print edition."
    article.save()

    out = StringIO()
    call_command("load_archive", stdout=out)
    assert "2 kept as edited" in out.getvalue()
    person.refresh_from_db()
    article.refresh_from_db()
    assert person.role == "Corrected by an editor"
    assert article.date_note == "Checked against the print edition."

    call_command("load_archive", "--update", stdout=StringIO())
    person.refresh_from_db()
    assert person.role != "Corrected by an editor"
