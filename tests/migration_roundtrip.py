"""Undo and reapply the app's latest migration on a database holding the seed archive.

Run by tests/test_data_safety.py against a scratch database of its own:

    DATABASE_URL=... DJANGO_SETTINGS_MODULE=newsroom.test_settings \\
        python -m tests.migration_roundtrip

It migrates everything, loads the seed archive, then migrates the app back to the migration
before its latest and forward again, twice. After each step it reads every record of every
model the older schema has, with the fields that schema has, and stops with an error at the
first difference. It prints one JSON line: the steps taken and the records checked per model.
"""

import json
import sys

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402

from articles.loading import load_archive  # noqa: E402

APP = "articles"


def latest_and_previous():
    """The app's latest migration and the one before it (None if there is only one)."""
    graph = MigrationExecutor(connection).loader.graph
    (latest,) = graph.leaf_nodes(APP)
    previous = sorted(node for node in graph.node_map[latest].parents if node[0] == APP)
    return latest, previous[-1] if previous else None


def records(schema_node):
    """{model: rows} for every model of the app, as the schema at `schema_node` has it."""
    state = MigrationExecutor(connection).loader.project_state(schema_node)
    found = {}
    for model in state.apps.get_app_config(APP).get_models():
        fields = [field.attname for field in model._meta.concrete_fields]
        rows = model._default_manager.order_by("pk").values_list(*fields)
        found[model._meta.label_lower] = [json.dumps(row, default=str) for row in rows]
    return found


def migrate(target):
    call_command("migrate", APP, target[1], verbosity=0)


def main():
    call_command("migrate", verbosity=0)
    load_archive()
    latest, previous = latest_and_previous()
    if previous is None:
        sys.exit(f"{APP} has a single migration: there is nothing to undo and reapply.")
    expected = records(previous)
    steps = ["forward"]
    for step, target in [("back", previous), ("forward", latest)] * 2:
        migrate(target)
        steps.append(step)
        now = records(previous)
        for model, rows in expected.items():
            if now[model] != rows:
                lost = len(set(rows) - set(now[model]))
                sys.exit(f"{model}: {lost} record(s) changed or lost after migrating {step}")
    counts = {model: len(rows) for model, rows in expected.items()}
    print(json.dumps({"steps": steps, "latest": latest[1], "records": counts}))


if __name__ == "__main__":
    main()
