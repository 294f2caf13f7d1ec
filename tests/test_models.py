"""Every named constraint fires, and the queryset rules say what they claim."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from articles.models import (
    Affiliation,
    Article,
    DatePrecision,
    Event,
    MentionOrigin,
    Organisation,
    OrganisationAlias,
    Person,
    PersonAlias,
    PersonMention,
    Place,
    PlaceAlias,
    PlaceMention,
)

from .factories import make_article, make_organisation, make_person, mention

pytestmark = pytest.mark.django_db


def violates(constraint_name, create):
    """Assert that `create` breaks the named database constraint."""
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        create()
    message = str(error.value)
    # PostgreSQL names every constraint; SQLite names CHECK constraints, and for UNIQUE
    # ones names the columns instead.
    if connection.vendor == "postgresql" or "CHECK" in message:
        assert constraint_name in message


def test_the_same_source_text_is_never_stored_twice():
    article = Article.objects.first()
    violates(
        "article_unique_checksum",
        lambda: make_article(source_text=article.source_text, slug="copy"),
    )


def test_an_article_needs_a_headline():
    violates("article_headline_not_blank", lambda: make_article(headline=""))


def test_alias_constraints():
    person = make_person()
    PersonAlias.objects.create(person=person, text="Someone")
    violates(
        "person_alias_unique_text",
        lambda: PersonAlias.objects.create(person=person, text="Someone"),
    )
    violates("person_alias_not_blank", lambda: PersonAlias.objects.create(person=person, text=""))
    organisation = make_organisation()
    OrganisationAlias.objects.create(organisation=organisation, text="ABC")
    violates(
        "organisation_alias_unique_text",
        lambda: OrganisationAlias.objects.create(organisation=organisation, text="ABC"),
    )
    violates(
        "organisation_alias_not_blank",
        lambda: OrganisationAlias.objects.create(organisation=organisation, text=""),
    )


def test_mention_constraints():
    article, person, organisation = make_article(), make_person(), make_organisation()
    mention(article, person)
    violates("person_mention_unique_article_person", lambda: mention(article, person))
    violates(
        "person_mention_active_count_positive",
        lambda: mention(article, make_person(), count=0),
    )
    mention(article, organisation)
    violates(
        "organisation_mention_unique_article_organisation", lambda: mention(article, organisation)
    )
    violates(
        "organisation_mention_active_count_positive",
        lambda: mention(article, make_organisation(), count=0),
    )
    # A rejected mention records a decision, not an occurrence: a zero count is fine.
    mention(article, make_person(), origin=MentionOrigin.REJECTED, count=0)


def test_affiliation_constraints():
    person, organisation = make_person(), make_organisation()
    Affiliation.objects.create(person=person, organisation=organisation, role="Envoy")
    violates(
        "affiliation_unique_person_organisation_role",
        lambda: Affiliation.objects.create(person=person, organisation=organisation, role="Envoy"),
    )
    violates(
        "affiliation_ends_after_start",
        lambda: Affiliation.objects.create(
            person=person,
            organisation=organisation,
            role="Spokesman",
            start_date=datetime.date(2016, 1, 1),
            end_date=datetime.date(2015, 1, 1),
        ),
    )


def test_an_organisation_is_not_its_own_parent():
    organisation = make_organisation()
    organisation.parent = organisation
    violates("organisation_not_own_parent", organisation.save)


def test_naming_person_chained_means_articles_naming_both():
    de_mistura = Article.objects.naming_person("staffan-de-mistura")
    both = de_mistura.naming_person("sergei-lavrov")
    assert de_mistura.count() == 5
    assert set(both.values_list("source_file", flat=True)) == {
        "001_56acf7fa4a50f865.txt",
        "002_34ba56db2594bef2.txt",
    }


def test_rejected_mentions_are_not_counted_anywhere():
    article = Article.objects.get(source_file__startswith="004")
    kuralenko = Person.objects.get(slug="sergei-kuralenko")
    assert Article.objects.naming_person(kuralenko.slug).count() == 1
    PersonMention.objects.filter(article=article, person=kuralenko).update(
        origin=MentionOrigin.REJECTED
    )
    assert Article.objects.naming_person(kuralenko.slug).count() == 0
    assert kuralenko not in Person.objects.most_mentioned()


def test_most_mentioned_counts_articles_not_occurrences():
    top = Person.objects.most_mentioned()
    assert top[0].slug in {"staffan-de-mistura", "bashar-al-assad"}
    assert top[0].article_count == 5  # named in all five, however often in each


def test_related_articles_share_the_most_names():
    kerry = Article.objects.get(source_file__startswith="004")
    related = list(Article.objects.related_to(kerry))
    assert kerry not in related
    assert [r.shared_count for r in related] == sorted(
        (r.shared_count for r in related), reverse=True
    )
    assert all(r.shared_count > 0 for r in related)


def test_facet_counts_count_the_articles_of_the_given_set():
    two = Article.objects.filter(published_on__year=2016)
    assert two.count() == 2
    counted = two.facet_counts(limit=50)
    organisations = {o.slug: o.article_count for o in counted["organisation"]}
    assert organisations["united-nations"] == 2
    assert organisations["high-negotiations-committee"] == 1
    assert sum(p.article_count for p in counted["publication"]) == 2
    people = [p.article_count for p in counted["person"]]
    assert people == sorted(people, reverse=True)
    assert len(two.facet_counts(limit=1)["person"]) == 1
    assert Article.objects.none().facet_counts(limit=5)["person"] == []


def test_summary_spans_the_archive():
    summary = Article.objects.summary()
    assert summary["count"] == 5
    assert str(summary["first"]) == "2014-11-11"
    assert str(summary["last"]) == "2016-05-02"


def test_str_and_urls():
    person = Person.objects.get(slug="staffan-de-mistura")
    assert str(person) == "Staffan de Mistura"
    assert person.get_absolute_url() == "/people/staffan-de-mistura/"
    organisation = Organisation.objects.get(slug="islamic-state")
    assert organisation.get_absolute_url() == "/organisations/islamic-state/"
    article = Article.objects.get(source_file__startswith="000")
    assert str(article) == article.headline
    assert article.get_absolute_url() == f"/articles/{article.slug}/"
    assert article.publication.get_absolute_url() == "/articles/?publication=zero-ready-com"


def test_place_constraints():
    place = Place.objects.create(name="Somewhere", slug="somewhere", latitude=1, longitude=2)
    violates(
        "place_coordinates_both_and_in_range",
        lambda: Place.objects.create(name="Half", slug="half", latitude=1),
    )
    violates(
        "place_coordinates_both_and_in_range",
        lambda: Place.objects.create(name="Off", slug="off", latitude=91, longitude=0),
    )
    violates(
        "place_not_own_parent",
        lambda: Place.objects.filter(pk=place.pk).update(parent=place.pk),
    )
    PlaceAlias.objects.create(place=place, text="There")
    violates(
        "place_alias_unique_text", lambda: PlaceAlias.objects.create(place=place, text="There")
    )
    violates("place_alias_not_blank", lambda: PlaceAlias.objects.create(place=place, text=""))
    article = Article.objects.first()
    PlaceMention.objects.create(article=article, place=place)
    violates(
        "place_mention_unique_article_place",
        lambda: PlaceMention.objects.create(article=article, place=place),
    )
    violates(
        "place_mention_active_count_positive",
        lambda: PlaceMention.objects.create(article=make_article(), place=place, count=0),
    )


def test_an_event_date_is_the_start_of_its_period():
    event = Event.objects.create(
        title="Talks", slug="talks", date=datetime.date(2016, 2, 27), date_precision="month"
    )
    assert event.date == datetime.date(2016, 2, 1)
    assert event.date_label == "February 2016"
    event.date_precision = DatePrecision.YEAR
    event.save()
    assert (event.date, event.date_label) == (datetime.date(2016, 1, 1), "2016")
    violates(
        "event_title_not_blank", lambda: Event.objects.create(title="", slug="x", date=event.date)
    )
