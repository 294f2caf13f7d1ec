"""Keep article rows narrow on PostgreSQL.

An article's texts (source, body, search vector) are kilobytes each. Stored out of line
(TOAST) they leave rows of a few hundred bytes, so lists, counts and filters read
megabytes, not the texts. PostgreSQL moves a value out of line only when the row passes
`toast_tuple_target` (2 kB by default), and a compressed text can stay under it; a low
target makes sure the texts always go.
"""

from django.db import migrations


def toast_target(value):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"ALTER TABLE articles_article SET (toast_tuple_target = {value})"
            )

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_stored_counts_and_mention_indexes")]

    operations = [migrations.RunPython(toast_target(256), toast_target(2032))]
