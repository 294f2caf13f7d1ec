"""Co-mentions, stored (see articles/models/comentions.py), counted from the mentions
already in the archive."""

from django.db import migrations, models

# The tables as they are at this migration: kind code: (mention table, entity column).
NAMED = {
    1: ("articles_personmention", "person_id"),
    2: ("articles_organisationmention", "organisation_id"),
    3: ("articles_placemention", "place_id"),
}
PUBLICATION = 4
ACTIVE = "('detected', 'editor')"


def count_co_mentions(apps, schema_editor):
    insert = (
        "INSERT INTO articles_comention "
        "(subject_kind, subject_id, other_kind, other_id, article_count) "
    )
    with schema_editor.connection.cursor() as cursor:
        for subject, (table, column) in NAMED.items():
            for other, (other_table, other_column) in NAMED.items():
                different = f"AND o.{other_column} <> s.{column}" if other == subject else ""
                cursor.execute(
                    f"{insert} SELECT {subject}, s.{column}, {other}, o.{other_column}, "
                    f"COUNT(*) FROM {table} s JOIN {other_table} o "
                    f"ON o.article_id = s.article_id WHERE s.origin IN {ACTIVE} "
                    f"AND o.origin IN {ACTIVE} {different} GROUP BY s.{column}, "
                    f"o.{other_column} ORDER BY s.{column}, o.{other_column}"
                )
            cursor.execute(
                f"{insert} SELECT {subject}, s.{column}, {PUBLICATION}, a.publication_id, "
                f"COUNT(*) FROM {table} s JOIN articles_article a ON a.id = s.article_id "
                f"WHERE s.origin IN {ACTIVE} GROUP BY s.{column}, a.publication_id "
                f"ORDER BY s.{column}, a.publication_id"
            )


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0007_search_word_pairs'),
    ]

    operations = [
        migrations.CreateModel(
            name='CoMention',
            fields=[
                ('pk', models.CompositePrimaryKey('subject_kind', 'subject_id', 'other_kind', 'other_id', blank=True, editable=False, primary_key=True, serialize=False)),
                ('subject_kind', models.PositiveSmallIntegerField(choices=[(1, 'person'), (2, 'organisation'), (3, 'place')])),
                ('subject_id', models.PositiveBigIntegerField()),
                ('other_kind', models.PositiveSmallIntegerField(choices=[(1, 'person'), (2, 'organisation'), (3, 'place'), (4, 'publication')])),
                ('other_id', models.PositiveBigIntegerField()),
                ('article_count', models.PositiveIntegerField()),
            ],
            options={
                'ordering': ['subject_kind', 'subject_id', 'other_kind', '-article_count'],
                'indexes': [models.Index(fields=['subject_kind', 'subject_id', 'other_kind', '-article_count'], name='comention_ranked_idx'), models.Index(condition=models.Q(('other_kind', 4)), fields=['other_id'], name='comention_publication_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('article_count__gte', 1)), name='comention_counted'), models.CheckConstraint(condition=models.Q(('subject_id', models.F('other_id')), ('subject_kind', models.F('other_kind')), _negated=True), name='comention_not_self')],
            },
        ),
        migrations.RunPython(count_co_mentions, migrations.RunPython.noop),
    ]
