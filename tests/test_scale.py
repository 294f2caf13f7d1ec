"""What keeps the archive fast as it grows: stored counts, two-ended pagination, bounded
facets and ranking, and the synthetic archive the benchmark is run on."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import F
from django.http import QueryDict

from articles import facets, search
from articles.models import (
    Article,
    Organisation,
    OrganisationMention,
    Person,
    PersonMention,
    Place,
    PlaceMention,
    Publication,
)
from articles.models import articles as articles_module
from articles.selection import ArticleSelection

from .factories import generate_archive, make_article, make_person, mention
from .html import article_cards, facet_links, result_count, text

pytestmark = pytest.mark.django_db


def listed_slugs(client, url):
    return [card.slug for card in article_cards(client.get(url))]


def test_every_page_of_a_long_list_is_the_same_read_from_either_end(client):
    generate_archive(articles=95)  # 100 articles: five pages of 20
    expected = list(Article.objects.newest_first().values_list("slug", flat=True))
    pages = [listed_slugs(client, f"/articles/?page={n}") for n in range(1, 6)]
    assert sum(pages, []) == expected
    assert listed_slugs(client, "/articles/?page=last") == expected[80:]
    oldest = [listed_slugs(client, f"/articles/?sort=oldest&page={n}") for n in range(1, 6)]
    assert sum(oldest, []) == expected[::-1]


@pytest.mark.parametrize("sort", ["", "&sort=oldest"])
def test_a_long_list_narrowed_by_a_name_pages_from_its_mention_index(client, sort):
    generate_archive(articles=300)
    person = Person.objects.most_mentioned().first()
    articles = Article.objects.naming_person(person)
    order = ("published_on", "pk") if sort else ("-published_on", "-pk")
    expected = list(articles.order_by(*order).values_list("slug", flat=True))
    assert len(expected) > 20  # pages read from both ends (past the middle: reversed)
    url = f"/articles/?person={person.slug}{sort}"
    pages = (len(expected) + 19) // 20
    listed = [listed_slugs(client, f"{url}&page={n}") for n in range(1, pages + 1)]
    assert sum(listed, []) == expected
    assert listed_slugs(client, f"{url}&page=last") == listed[-1]


def test_stored_counts_follow_every_kind_of_write():
    kerry = Person.objects.get(slug="john-kerry")
    assert kerry.stored_article_count == 3
    article = make_article()
    created = mention(article, kerry)
    kerry.refresh_from_db()
    assert kerry.stored_article_count == 4
    created.delete()
    kerry.refresh_from_db()
    assert kerry.stored_article_count == 3
    PersonMention.objects.bulk_create([PersonMention(article=article, person=kerry)])
    kerry.refresh_from_db()
    assert kerry.stored_article_count == 4
    article.delete()
    kerry.refresh_from_db()
    assert kerry.stored_article_count == 3
    publication = Publication.objects.get(slug="rfe-rl")
    assert publication.stored_article_count == 1
    Article.objects.filter(publication=publication).update(
        publication=Publication.objects.exclude(pk=publication.pk).first()
    )
    publication.refresh_from_db()
    assert publication.stored_article_count == 0


def test_facets_of_a_long_list_count_a_bounded_sample_and_say_so(client, monkeypatch):
    monkeypatch.setattr(facets, "FACET_SAMPLE", 3)
    response = client.get("/articles/?date_from=2014-01-01")
    assert result_count(response) == 5
    people = facet_links(response)["People"]
    assert max(item.count for item in people) == 3
    assert "Counted in the first 3 of the 5 articles listed" in text(response)
    whole = client.get("/articles/")  # the whole archive: the stored counts, exact
    assert "Counted in the first" not in text(whole)
    top = facet_links(whole)["People"][0]
    assert top.count == 5


def test_a_search_with_too_many_matches_to_rank_is_listed_newest_first(client, monkeypatch):
    monkeypatch.setattr(search, "RANK_LIMIT", 2)
    response = client.get("/articles/?q=Syria")
    listed = article_cards(response)
    assert len(listed) > 2
    assert [a.published_on for a in listed] == sorted(
        (a.published_on for a in listed), reverse=True
    )
    assert "too many to rank by relevance" in text(response)
    ranked = client.get("/articles/?q=Sochi")
    assert "too many to rank" not in text(ranked)
    assert "too many to rank" not in text(client.get("/articles/?q=Syria&sort=newest"))


def test_related_articles_count_the_names_they_share():
    people = [make_person() for _ in range(3)]
    source, two, one, none = (make_article() for _ in range(4))
    for person in people:
        mention(source, person)
    mention(two, people[0])
    mention(two, people[1])
    mention(one, people[2])
    related = list(Article.objects.related_to(source))
    assert [(a.pk, a.shared_count) for a in related] == [(two.pk, 2), (one.pk, 1)]
    assert none not in related


def test_each_name_brings_its_latest_articles_as_related_candidates(monkeypatch):
    monkeypatch.setattr(articles_module, "RELATED_PER_NAME", 2)
    common, rare = make_person(), make_person()
    source = make_article(published_on=datetime.date(2014, 1, 1))
    mention(source, common)
    mention(source, rare)
    dates = [datetime.date(2015, 1, day) for day in (1, 2, 3, 4)]
    by_common = [make_article(published_on=day) for day in dates]
    for other in by_common:
        mention(other, common)
    mention(by_common[0], rare)  # the oldest of them also names the rare one
    related = Article.objects.related_to(source)
    # The common name's two latest, and the oldest through the rare name; not the third.
    assert [(a.pk, a.shared_count) for a in related] == [
        (by_common[3].pk, 1),
        (by_common[2].pk, 1),
        (by_common[0].pk, 1),
    ]


def test_seed_synthetic_builds_a_consistent_archive(capsys):
    before = Article.objects.count()
    call_command("seed_synthetic", articles=60, seed=3)
    assert "60 / 60 articles" in capsys.readouterr().out
    added = Article.objects.order_by("-pk")[:60]
    assert Article.objects.count() == before + 60
    assert len({a.publication_id for a in added}) > 10
    assert all(2011 <= a.published_on.year <= 2020 for a in added)
    assert all(450 <= len(a.body.split()) <= 800 for a in added)
    for found in PersonMention.objects.filter(article__in=added).select_related(
        "article", "person"
    )[:50]:
        names = {found.person.name, *found.person.aliases.values_list("text", flat=True)}
        for start, end in found.positions["body"]:
            assert found.article.body[start:end] in names
    top = Person.objects.order_by("-stored_article_count").first()
    assert top.stored_article_count == top.mentions.count()
    assert Organisation.objects.filter(aliases__case_sensitive=True).exists()


def mentions_dated_unlike_their_article():
    return sum(
        model.objects.exclude(published_on=F("article__published_on")).count()
        for model in (PersonMention, OrganisationMention, PlaceMention)
    )


def test_mentions_keep_their_articles_date_through_every_kind_of_write():
    generate_archive(articles=20)  # bulk-created mentions
    article = make_article(published_on=datetime.date(2015, 6, 1))
    created = mention(article, Person.objects.get(slug="john-kerry"))  # saved one by one
    assert created.published_on == datetime.date(2015, 6, 1)
    assert mentions_dated_unlike_their_article() == 0

    article.published_on = datetime.date(2014, 2, 3)  # an editor corrects the date
    article.save()
    assert PersonMention.objects.get(pk=created.pk).published_on == datetime.date(2014, 2, 3)
    Article.objects.filter(published_on__year=2012).update(published_on=datetime.date(2010, 1, 1))
    assert mentions_dated_unlike_their_article() == 0

    call_command("detect_mentions", verbosity=0)  # re-detection rewrites mentions
    assert mentions_dated_unlike_their_article() == 0


SELECTIONS = [
    "person={person}",
    "person={person}&person={partner}",
    "person={person}&sort=oldest",
    "organisation={organisation}&date_from=2013-01-01&date_to=2016-12-31",
    "place={place}&publication={publication}",
    "person={partner}&organisation={organisation}&place={place}&date_to=2018-06-30",
    "date_from=2012-01-01&sort=oldest",  # no names: read from the articles
    "person={person}&q=truce",  # words: read from the articles
]


def test_selections_counted_and_sampled_from_the_mention_index_match_the_articles():
    generate_archive(articles=150)
    person, partner = Person.objects.most_mentioned()[:2]
    place = Place.objects.most_mentioned().first()
    names = {
        "person": person.slug,
        "partner": partner.slug,
        "organisation": Organisation.objects.most_mentioned().first().slug,
        "place": place.slug,
        "publication": Article.objects.naming_place(place).first().publication.slug,
    }
    for template in SELECTIONS:
        selection = ArticleSelection(QueryDict(template.format(**names)))
        assert selection.is_valid(), template
        listed = list(selection.articles.values_list("pk", flat=True))
        assert listed, template
        assert selection.count() == len(listed), template
        assert list(selection.first_ids(7)) == listed[:7], template
