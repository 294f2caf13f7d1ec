"""Mentions carry their article's date, so that an entity's articles are listed, counted
and sampled by date from the mention index alone (see Mention.published_on)."""

from django.db import migrations, models
from django.db.models import OuterRef, Q, Subquery

MENTIONS = {  # model: (entity field, old index, new index)
    "personmention": ("person", "person_mention_active_idx", "person_mention_dated_idx"),
    "organisationmention": ("organisation", "org_mention_active_idx", "org_mention_dated_idx"),
    "placemention": ("place", "place_mention_active_idx", "place_mention_dated_idx"),
}
HELP = (
    "The article's date, copied here (and kept equal to it) so that an entity's articles "
    "are listed, counted and sampled by date from this table's index alone."
)
ACTIVE = Q(origin__in=["detected", "editor"])


def copy_article_dates(apps, schema_editor):
    article = apps.get_model("articles", "Article")
    date = Subquery(article.objects.filter(pk=OuterRef("article_id")).values("published_on"))
    for name in MENTIONS:
        apps.get_model("articles", name).objects.update(published_on=date)


def operations():
    for name in MENTIONS:
        yield migrations.AddField(name, "published_on", models.DateField(null=True))
    yield migrations.RunPython(copy_article_dates, migrations.RunPython.noop)
    for name, (entity, old_index, new_index) in MENTIONS.items():
        yield migrations.AlterField(
            name, "published_on", models.DateField(editable=False, help_text=HELP)
        )
        yield migrations.RemoveIndex(name, old_index)
        yield migrations.AddIndex(
            name,
            models.Index(
                fields=[entity, "-published_on", "-article"], condition=ACTIVE, name=new_index
            ),
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_narrow_article_rows")]

    operations = list(operations())
