"""The full-text search vector, on PostgreSQL only.

A stored generated column (headline weighted A, body B, English stemming) with a GIN index.
It is not a model field, so the model is the same on every database: the SQLite default has
no such column and searches with plain matching (see articles/search.py).
"""

from django.db import migrations

ADD = """
ALTER TABLE articles_article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, headline), 'A')
    || setweight(to_tsvector('english'::regconfig, body), 'B')
) STORED;
CREATE INDEX article_search_idx ON articles_article USING gin (search_vector);
"""
DROP = """
DROP INDEX IF EXISTS article_search_idx;
ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector;
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_places_quotes_events")]

    operations = [migrations.RunPython(on_postgresql(ADD), on_postgresql(DROP))]
