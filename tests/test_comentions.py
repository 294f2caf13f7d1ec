"""Stored co-mentions stay exact after every kind of write, and the pages that read them
(person, organisation and place pages; the list of one entity's articles) show counts that
add up to the lists they link to."""

import re
from collections import Counter
from itertools import permutations

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from articles.models import (
    Article,
    CoMention,
    MentionOrigin,
    Organisation,
    OrganisationMention,
    Person,
    PersonMention,
    PlaceMention,
    Publication,
)
from articles.models.comentions import CoKind

from .factories import generate_archive, make_article, make_person, make_publication, mention
from .html import text

pytestmark = pytest.mark.django_db

MENTIONS = {"person": PersonMention, "organisation": OrganisationMention, "place": PlaceMention}


def stored():
    """{(subject kind, pk, other kind, pk): article count} as stored."""
    rows = CoMention.objects.values_list(
        "subject_kind", "subject_id", "other_kind", "other_id", "article_count"
    )
    label = {kind.value: kind.label for kind in CoKind}
    return {(label[sk], sid, label[ok], oid): count for sk, sid, ok, oid, count in rows}


def counted_afresh():
    """Every pair, counted from the active mentions in Python."""
    named = {}  # article id: {(kind, pk), ...}
    for kind, model in MENTIONS.items():
        rows = model.objects.active().values_list("article_id", model.entity_field)
        for article_id, pk in rows:
            named.setdefault(article_id, set()).add((kind, pk))
    publications = dict(Article.objects.values_list("pk", "publication_id"))
    pairs = Counter()
    for article_id, entities in named.items():
        for subject, other in permutations(entities, 2):
            pairs[(*subject, *other)] += 1
        for subject in entities:
            pairs[(*subject, "publication", publications[article_id])] += 1
    return dict(pairs)


def test_the_seed_archive_has_its_co_mentions():
    assert stored() == counted_afresh()
    assert stored()  # not trivially empty


def test_co_mentions_follow_every_kind_of_write():
    kerry = Person.objects.get(slug="john-kerry")
    article = make_article()
    created = mention(article, kerry)
    other = mention(article, make_person())
    assert stored() == counted_afresh()
    PersonMention.objects.filter(pk=other.pk).update(origin=MentionOrigin.REJECTED)
    assert stored() == counted_afresh()
    created.delete()
    assert stored() == counted_afresh()
    PersonMention.objects.bulk_create([PersonMention(article=article, person=kerry)])
    assert stored() == counted_afresh()
    moved = Article.objects.get(pk=article.pk)  # read from the database, then moved
    moved.publication = make_publication()
    moved.save()
    assert stored() == counted_afresh()
    Article.objects.filter(pk=article.pk).update(publication=Publication.objects.first())
    assert stored() == counted_afresh()
    Article.objects.get(slug__startswith="un-mediator").delete()
    assert stored() == counted_afresh()
    Organisation.objects.get(slug="islamic-state").delete()
    assert stored() == counted_afresh()


def test_bulk_writes_and_re_detection_leave_them_exact():
    generate_archive(articles=40)
    assert stored() == counted_afresh()
    call_command("detect_mentions", verbosity=0)
    assert stored() == counted_afresh()
    call_command("seed_synthetic", articles=20, seed=5, verbosity=0)
    assert stored() == counted_afresh()


def test_each_constraint_fires():
    row = {"subject_kind": CoKind.PERSON, "subject_id": 10**9, "other_kind": CoKind.PERSON}
    row["other_id"] = 1
    for bad in (
        {**row, "article_count": 0},  # counted: at least one article
        {**row, "other_id": 10**9, "article_count": 1},  # never paired with itself
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            CoMention.objects.create(**bad)
    CoMention.objects.create(**row, article_count=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        CoMention.objects.create(**row, article_count=2)  # one row a pair


def together(page, noun):
    """(name, count, list url) for each entry of the co-mentions' column `noun`."""
    section = page.split('aria-labelledby="co-mentions-title"', 1)[1].split("</section>", 1)[0]
    column = section.split(f"<h3>{noun}</h3>", 1)[1].split("</ul>", 1)[0]
    found = re.findall(
        r'<a href="[^"]+">([^<]+)</a> <a class="count-link" href="([^"]+)">(\d+) articles? '
        r"together</a>",
        column,
    )
    return [(name, int(count), url.replace("&amp;", "&")) for name, url, count in found]


def listed_count(client, url):
    page = text(client.get(url))
    return int(re.search(r"(\d+) articles? match", page).group(1))


def test_person_page_counts_co_mentions_in_all_their_articles(client):
    generate_archive(articles=120)  # more articles than any sample would count
    person = Person.objects.most_mentioned().first()
    page = client.get(person.get_absolute_url()).content.decode()
    people = together(page, "People")
    organisations = together(page, "Organisations")
    assert people
    assert organisations
    assert "Counted in the latest" not in page
    for name, count, url in people[:4] + organisations[:4]:
        assert listed_count(client, url) == count, name


def test_the_list_of_one_persons_articles_counts_its_facets_exactly(client):
    generate_archive(articles=120)
    person = Person.objects.most_mentioned().first()
    response = client.get(f"/articles/?person={person.slug}")
    page = text(response)
    assert f"{person.stored_article_count} articles match" in page
    assert "Counted in the first" not in page
    html = response.content.decode()
    facet = html.split("<h3>Organisations</h3>", 1)[1].split("</section>", 1)[0]
    links = re.findall(r'href="(\?[^"]+)">([^<]+)</a> <span class="count"[^>]*>(\d+)<', facet)
    assert links
    for href, name, count in links[:4]:
        assert listed_count(client, "/articles/" + href.replace("&amp;", "&")) == int(count), name
