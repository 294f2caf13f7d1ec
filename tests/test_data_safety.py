"""Data safety: a backup restores every record, a text raced in twice is stored once, and
migrations keep the archive's records both ways.
"""

import json
import os
import subprocess
import sys
import threading

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.db import connection, connections

from articles import importing
from articles.models import Article, Person, PersonAlias

# What `make backup`-style dumps leave out (README "Backup and restore"): rows that
# `migrate` creates itself, and sessions, which are only logins in progress.
NOT_BACKED_UP = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
BACKUP_OPTIONS = ["--natural-foreign", "--natural-primary"] + [
    f"--exclude={label}" for label in sorted(NOT_BACKED_UP)
]


def every_record():
    """Every backed-up record of every model, comparable across databases: foreign keys
    and the primary keys of content types and users by their natural keys."""
    records = {}
    for model in apps.get_models():
        if model._meta.label_lower in NOT_BACKED_UP:
            continue
        rows = serializers.serialize(
            "python",
            model._default_manager.order_by("pk"),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
        records[model._meta.label_lower] = [
            json.dumps(row, sort_keys=True, default=str) for row in rows
        ]
    return records


@pytest.mark.django_db
def test_a_dump_loaded_into_an_empty_database_reproduces_every_record(staff_client, tmp_path):
    # Some of everything beyond the seed: an editor, an admin history entry, an alias.
    person = Person.objects.get(slug="staffan-de-mistura")
    staff_client.post(
        f"/admin/articles/person/{person.pk}/change/",
        {
            "name": person.name,
            "slug": person.slug,
            "sort_name": person.sort_name,
            "role": person.role,
            "description": "Edited before the backup.",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
            "affiliations-TOTAL_FORMS": "0",
            "affiliations-INITIAL_FORMS": "0",
        },
    )
    PersonAlias.objects.create(person=person, text="the UN mediator")
    before = every_record()
    assert len(before["articles.article"]) >= 5
    assert before["admin.logentry"]

    backup = tmp_path / "backup.json"
    call_command("dumpdata", *BACKUP_OPTIONS, output=str(backup))
    # An empty database as `migrate` leaves it: no records but content types and permissions.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # run the foreign-key checks pending in this
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # transaction, or TRUNCATE refuses
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # as in any transaction: checked at commit
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    ContentType.objects.clear_cache()
    assert not Article.objects.exists()
    call_command("loaddata", str(backup), verbosity=0)

    assert every_record() == before


def in_own_connection(function, results, failures):
    """Run `function` in a thread, so on a database connection of its own, committing as
    it goes like a separate process would."""

    def run():
        try:
            results.append(function())
        except Exception as error:  # noqa: BLE001 - reported by the test
            failures.append(error)
        finally:
            connections.close_all()

    return threading.Thread(target=run)


@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite lets one connection write at a time, so two imports cannot race there; "
    "the race is tested on PostgreSQL (the unique checksum itself: test_models.py)",
)
def test_two_imports_of_the_same_text_at_once_store_it_once(tmp_path):
    """Two connections import the same file at the same time; both pass the duplicate
    check before either stores, and the database's unique checksum keeps one copy."""
    # The same text under two supplied headlines: only the checksum tells they are one.
    paths = []
    for name in ["first", "second"]:
        (tmp_path / name).mkdir()
        paths.append(tmp_path / name / "race.txt")
        paths[-1].write_text("Race between two imports\nde Mistura met Kerry in Geneva.\n")
        sidecar = {"publication": "Business Recorder", "date": "2016-05-03", "headline": name}
        (tmp_path / name / "race.json").write_text(json.dumps(sidecar))
    both_checked = threading.Barrier(2, timeout=20)
    store = importing.store
    waited = set()

    def store_after_both_checked(parsed, taken):
        if threading.get_ident() not in waited:  # the first attempt only
            waited.add(threading.get_ident())
            both_checked.wait()
        return store(parsed, taken)

    results, failures = [], []
    importing.store = store_after_both_checked
    try:
        threads = [
            in_own_connection(lambda path=path: importing.import_files([path]), results, failures)
            for path in paths
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        importing.store = store
    stored = Article.objects.filter(source_file="race.txt").count()
    cleanup = in_own_connection(
        lambda: Article.objects.filter(source_file="race.txt").delete(), [], failures
    )
    cleanup.start()
    cleanup.join(timeout=60)

    assert not failures, failures
    assert stored == 1
    assert sorted(len(result.imported) for result in results) == [0, 1]
    (rejected,) = [result.rejected for result in results if result.rejected]
    assert "duplicates the stored article" in str(rejected[0])


def scratch_database_url(tmp_path):
    """A database of its own for the migration round trip, and how to drop it."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'migrations.sqlite3'}", lambda: None
    name = f"{connection.settings_dict['NAME']}_migrations"
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')

    db = connection.settings_dict
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or "5432"
    return f"postgres://{db['USER']}@{host}:{port}/{name}", drop


@pytest.mark.django_db
def test_migrations_keep_every_record_forward_and_back(tmp_path):
    """On a database holding the seed archive, the latest migration of the app is undone
    and applied again, twice; every record, and every value of the fields the older
    schema has, survives each step (tests/migration_roundtrip.py does the work)."""
    url, drop = scratch_database_url(tmp_path)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "newsroom.test_settings",
    }
    try:
        result = subprocess.run(
            [sys.executable, "-m", "tests.migration_roundtrip"],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        drop()
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["steps"] == ["forward", "back", "forward", "back", "forward"]
    assert report["records"]["articles.article"] == Article.objects.count()
    assert all(count > 0 for count in report["records"].values()), report
