"""Co-mentions: how many articles name both of two people, organisations or places, or name
one of them and come from a given publication.

They are derived from the mentions and stored, so that a person's page can say who is most
often named alongside them, and the list of their articles can count its facets, exactly
and from one index, instead of reading the thousands of articles a well-known actor appears
in. articles/signals.py keeps them exact after every write, as it does the stored article
counts: whenever an entity's mentions (or a publication's articles) change, every pair that
involves it is counted again.
"""

from django.db import connection, models
from django.db.models import F, Q

from .articles import Article, Counted, Publication
from .entities import Organisation, Person
from .mentions import MentionOrigin, OrganisationMention, PersonMention
from .places import Place, PlaceMention

# Above this many records to recount, one rebuild of the whole table is cheaper.
REBUILD_THRESHOLD = 500


class CoKind(models.IntegerChoices):
    """What a subject or other is (small integers: the table has millions of rows at
    scale, and its keys are compared on every insert)."""

    PERSON = 1, "person"
    ORGANISATION = 2, "organisation"
    PLACE = 3, "place"
    PUBLICATION = 4, "publication"


# The kinds named in articles, with their mention tables: subjects and others of a pair.
NAMED = {
    CoKind.PERSON: PersonMention,
    CoKind.ORGANISATION: OrganisationMention,
    CoKind.PLACE: PlaceMention,
}
RECORDS = {
    CoKind.PERSON: Person,
    CoKind.ORGANISATION: Organisation,
    CoKind.PLACE: Place,
    CoKind.PUBLICATION: Publication,
}
KIND_OF_MODEL = {model: kind for kind, model in RECORDS.items()}
KIND_NAMED = {kind.label: kind for kind in CoKind}  # "person" → CoKind.PERSON


def kind_of(record):
    """The kind ("person", "organisation", "place", "publication") of a record."""
    return KIND_OF_MODEL[type(record)].label


class CoMentionQuerySet(models.QuerySet):
    def counts_for(self, record, kinds, limit):
        """The others most often named with `record` (a person, organisation or place),
        of each of `kinds` ("person", "publication", …), most articles first (then by
        name), at most `limit` of each: {kind: [Counted, ...]}. One query, from the
        subject's ranked index."""
        table = self.model._meta.db_table
        subject = (KIND_OF_MODEL[type(record)], record.pk)
        parts, params = [], []
        for kind in kinds:
            parts.append(
                f"SELECT * FROM (SELECT %s, e.slug, e.name, c.article_count FROM {table} c "
                f"JOIN {RECORDS[KIND_NAMED[kind]]._meta.db_table} e ON e.id = c.other_id "
                "WHERE c.subject_kind = %s AND c.subject_id = %s AND c.other_kind = %s "
                f"ORDER BY c.article_count DESC, e.name LIMIT %s) {kind}"
            )
            params += [kind, *subject, KIND_NAMED[kind], limit]
        found = {kind: [] for kind in kinds}
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for kind, slug, name, count in cursor.fetchall():
                found[kind].append(Counted(slug, name, count, kind))
        return found

    def refresh(self, changed):
        """Count again every pair involving the changed records: `changed` maps Person,
        Organisation, Place and Publication to pks, or is None for everything."""
        ids = {} if changed is None else _ids_by_kind(changed)
        if changed is not None and not any(ids.values()):
            return
        if sum(map(len, ids.values())) > REBUILD_THRESHOLD:
            ids = {}
        with connection.cursor() as cursor:
            for sql, params in _recount_statements(self.model._meta.db_table, ids):
                cursor.execute(sql, params)


def _ids_by_kind(changed):
    ids = {kind: set() for kind in CoKind}
    for model, pks in changed.items():
        if model in KIND_OF_MODEL:
            ids[KIND_OF_MODEL[model]].update(pks)
    return ids


def _in(column, pks):
    """`column IN (…)` and its parameters."""
    return f"{column} IN ({', '.join(['%s'] * len(pks))})", list(pks)


def _any_of(ids, side):
    """The condition that a row's `side` ("subject" or "other") is one of `ids`."""
    conditions, params = [], []
    for kind, pks in ids.items():
        if pks:
            condition, values = _in(f"{side}_id", pks)
            conditions.append(f"({side}_kind = %s AND {condition})")
            params += [kind, *values]
    return "(" + " OR ".join(conditions or ["1 = 0"]) + ")", params


COLUMNS = "subject_kind, subject_id, other_kind, other_id, article_count"


def _recount_statements(table, ids):
    """The SQL that recounts the pairs of `ids` ({kind: pks}; empty: every pair).

    The pairs led by a changed record are counted from the mentions; each pair of two named
    records is also stored the other way round, copied; pairs of an unchanged record with a
    changed publication are counted from the mentions too. Rows are inserted in key order,
    which keeps the indexes' writes local."""
    if not ids:
        yield f"DELETE FROM {table}", []
        for sql, params in _counted_pairs():
            yield f"INSERT INTO {table} ({COLUMNS}) {sql}", params
        return
    subjects, subject_params = _any_of(ids, "subject")
    publications = ids[CoKind.PUBLICATION]
    # The copies first (found through the rows they copy), then the rows of the subjects.
    yield (
        f"DELETE FROM {table} WHERE (subject_kind, subject_id, other_kind, other_id) IN "
        f"(SELECT other_kind, other_id, subject_kind, subject_id FROM {table} "
        f"WHERE {subjects} AND other_kind <> %s)",
        [*subject_params, CoKind.PUBLICATION],
    )
    yield f"DELETE FROM {table} WHERE {subjects}", subject_params
    if publications:
        condition, values = _in("other_id", publications)
        yield (
            f"DELETE FROM {table} WHERE other_kind = %s AND {condition}",
            [CoKind.PUBLICATION, *values],
        )
    for sql, params in _counted_pairs(ids):
        yield f"INSERT INTO {table} ({COLUMNS}) {sql}", params
    others, other_params = _any_of(ids, "other")
    yield (
        f"INSERT INTO {table} ({COLUMNS}) SELECT other_kind, other_id, subject_kind, "
        f"subject_id, article_count FROM {table} WHERE {subjects} AND other_kind <> %s "
        f"AND NOT {others} ORDER BY other_kind, other_id, subject_kind, subject_id",
        [*subject_params, CoKind.PUBLICATION, *other_params],
    )
    if publications:
        for subject_kind in NAMED:
            yield _publication_pairs(table, subject_kind, ids, publications)


def _counted_pairs(ids=None):
    """SELECTs counting the pairs led by each subject of `ids` (None: every subject) from
    the active mentions, in key order."""
    for subject_kind in NAMED:
        pks = ids[subject_kind] if ids else None
        if ids and not pks:
            continue
        for other_kind in CoKind:
            source, subject_column, other_column, params = _pairs_from(subject_kind, other_kind)
            if pks:
                condition, values = _in(subject_column, pks)
                source, params = f"{source} AND {condition}", params + values
            yield (
                _grouped(source, subject_column, other_column),
                [
                    subject_kind,
                    other_kind,
                    *params,
                ],
            )


def _publication_pairs(table, subject_kind, ids, publications):
    """INSERT of the pairs of `publications` with the subjects of `subject_kind` that did
    not change (those that did were counted with all their others)."""
    source, subject_column, other_column, params = _pairs_from(subject_kind, CoKind.PUBLICATION)
    condition, values = _in(other_column, publications)
    source, params = f"{source} AND {condition}", params + values
    if ids[subject_kind]:
        unchanged, excluded = _in(subject_column, ids[subject_kind])
        source, params = f"{source} AND NOT {unchanged}", params + excluded
    select = _grouped(source, subject_column, other_column)
    return (
        f"INSERT INTO {table} ({COLUMNS}) {select}",
        [subject_kind, CoKind.PUBLICATION, *params],
    )


def _grouped(source, subject_column, other_column):
    return (
        f"SELECT %s, {subject_column}, %s, {other_column}, COUNT(*) FROM {source} "
        f"GROUP BY {subject_column}, {other_column} ORDER BY {subject_column}, {other_column}"
    )


def _pairs_from(subject_kind, other_kind):
    """FROM … WHERE … of the rows (one per article) pairing a subject of `subject_kind`
    with an other of `other_kind`, the two columns, and the parameters."""
    active = list(MentionOrigin.active())
    marks = ", ".join(["%s"] * len(active))
    subjects = NAMED[subject_kind]
    subject_column = f"s.{subjects.entity_field}"
    if other_kind == CoKind.PUBLICATION:
        source = (
            f"{subjects._meta.db_table} s JOIN {Article._meta.db_table} a "
            f"ON a.id = s.article_id WHERE s.origin IN ({marks})"
        )
        return source, subject_column, "a.publication_id", active
    others = NAMED[other_kind]
    other_column = f"o.{others.entity_field}"
    source = (
        f"{subjects._meta.db_table} s JOIN {others._meta.db_table} o "
        f"ON o.article_id = s.article_id WHERE s.origin IN ({marks}) AND o.origin IN ({marks})"
    )
    if other_kind == subject_kind:
        source += f" AND {other_column} <> {subject_column}"
    return source, subject_column, other_column, active + active


class CoMention(models.Model):
    """How many articles name both a person, organisation or place (the subject) and
    another (the other), or name the subject and come from a publication (the other).

    Derived from the active mentions and kept exact by articles/signals.py; never edited.
    Each pair of named records is stored both ways, so either one's index reads it."""

    pk = models.CompositePrimaryKey("subject_kind", "subject_id", "other_kind", "other_id")
    subject_kind = models.PositiveSmallIntegerField(choices=CoKind.choices[:3])
    subject_id = models.PositiveBigIntegerField()
    other_kind = models.PositiveSmallIntegerField(choices=CoKind.choices)
    other_id = models.PositiveBigIntegerField()
    article_count = models.PositiveIntegerField()

    objects = CoMentionQuerySet.as_manager()

    class Meta:
        ordering = ["subject_kind", "subject_id", "other_kind", "-article_count"]
        constraints = [
            models.CheckConstraint(condition=Q(article_count__gte=1), name="comention_counted"),
            models.CheckConstraint(
                condition=~Q(subject_kind=F("other_kind"), subject_id=F("other_id")),
                name="comention_not_self",
            ),
        ]
        indexes = [
            # A subject's others of one kind, most articles first: what pages read.
            models.Index(
                fields=["subject_kind", "subject_id", "other_kind", "-article_count"],
                name="comention_ranked_idx",
            ),
            # A changed publication's rows, found without reading the table.
            models.Index(
                fields=["other_id"],
                condition=Q(other_kind=CoKind.PUBLICATION),
                name="comention_publication_idx",
            ),
        ]

    def __str__(self):
        return (
            f"{self.get_subject_kind_display()} {self.subject_id} with "
            f"{self.get_other_kind_display()} {self.other_id}: {self.article_count}"
        )
