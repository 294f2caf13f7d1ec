"""Small factories for records the tests need beyond the seed archive."""

import datetime
import itertools
import random

from articles.models import (
    Article,
    Event,
    MentionOrigin,
    Organisation,
    OrganisationMention,
    Person,
    PersonMention,
    Place,
    PlaceMention,
    Publication,
    Quote,
)

_sequence = itertools.count(1)


def make_publication(**fields):
    n = next(_sequence)
    fields = {"name": f"Publication {n}", "slug": f"publication-{n}", **fields}
    return Publication.objects.create(**fields)


def make_article(publication=None, **fields):
    n = next(_sequence)
    text = fields.pop("text", f"Generated article number {n}.")
    fields = {
        "headline": f"Generated headline {n}",
        "slug": f"generated-{n}",
        "published_on": datetime.date(2015, 6, 1),
        "source_text": text,
        "body": text,
        **fields,
    }
    return Article.objects.create(publication=publication or make_publication(), **fields)


def make_person(name=None, **fields):
    n = next(_sequence)
    name = name or f"Person {n}"
    fields = {"slug": f"person-{n}", "sort_name": name, **fields}
    return Person.objects.create(name=name, **fields)


def make_organisation(name=None, **fields):
    n = next(_sequence)
    name = name or f"Organisation {n}"
    return Organisation.objects.create(name=name, slug=f"organisation-{n}", **fields)


def mention(article, entity, origin=MentionOrigin.DETECTED, count=1):
    if isinstance(entity, Person):
        return PersonMention.objects.create(
            article=article, person=entity, origin=origin, count=count
        )
    return OrganisationMention.objects.create(
        article=article, organisation=entity, origin=origin, count=count
    )


def generate_archive(articles=300, seed=7):
    """Add `articles` generated articles, each naming a few existing and new entities and
    places, quoting a person and an organisation, and an event for every tenth article, with
    participants, places and articles.

    Used to check that pages run the same number of queries on a bigger archive.
    """
    rng = random.Random(seed)
    publications = [make_publication() for _ in range(10)]
    people = list(Person.objects.all()) + [make_person() for _ in range(30)]
    organisations = list(Organisation.objects.all()) + [make_organisation() for _ in range(20)]
    places = list(Place.objects.all()) + [
        Place.objects.create(name=f"Place {n}", slug=f"generated-place-{n}") for n in range(20)
    ]
    start = datetime.date(2011, 1, 1)
    created = Article.objects.bulk_create(
        Article(
            headline=f"Generated report {n} on the truce talks",
            slug=f"generated-report-{n}",
            publication=rng.choice(publications),
            published_on=start + datetime.timedelta(days=rng.randrange(3650)),
            source_text=f"Generated report {n}: the freeze, the talks, the truce.",
            body=f"Generated report {n}: the freeze, the talks, the truce.",
            checksum=f"{n:064x}",
        )
        for n in range(articles)
    )
    PersonMention.objects.bulk_create(
        PersonMention(article=article, person=person, count=rng.randint(1, 4))
        for article in created
        for person in rng.sample(people, 4)
    )
    OrganisationMention.objects.bulk_create(
        OrganisationMention(article=article, organisation=organisation, count=1)
        for article in created
        for organisation in rng.sample(organisations, 3)
    )
    PlaceMention.objects.bulk_create(
        PlaceMention(article=article, place=place, count=1)
        for article in created
        for place in rng.sample(places, 2)
    )
    Quote.objects.bulk_create(
        Quote(article=article, text="the freeze", start=start, end=start + 10, **speaker)
        for article in created
        for start, speaker in [
            (28, {"person": rng.choice(people)}),
            (40, {"organisation": rng.choice(organisations)}),
        ]
    )
    for n, article in enumerate(created[::10]):
        event = Event.objects.create(
            title=f"Generated event {n}", slug=f"generated-event-{n}", date=article.published_on
        )
        event.people.set(rng.sample(people, 3))
        event.organisations.set(rng.sample(organisations, 2))
        event.places.set(rng.sample(places, 2))
        event.articles.set([article, *rng.sample(created, 2)])
    return created
