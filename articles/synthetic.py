"""A realistic synthetic archive, for measuring the site at scale (`manage.py seed_synthetic`).

N articles of about 600 words drawn from the vocabulary of the seed texts, dated 2011–2020,
from about 30 publications; about N/50 people and N/100 organisations, each with aliases
(a surname; an acronym, case-sensitive); and mentions whose frequency follows a Zipf-like
law: the best-known few actors appear in about a tenth of all articles, the long tail in a
handful. Each mention is real: the name or alias is written into the text at the recorded
positions, so search, linking and re-detection agree with the stored mentions.
"""

import datetime
import hashlib
import itertools
import random
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from .models import (
    Article,
    Organisation,
    OrganisationAlias,
    OrganisationKind,
    OrganisationMention,
    Person,
    PersonAlias,
    PersonMention,
    Publication,
)
from .signals import deferred_counts

SOURCES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"
WORDS_PER_ARTICLE = 600
FIRST_DAY, DAYS = datetime.date(2011, 1, 1), 3652  # 2011-01-01 to 2020-12-31
PUBLICATIONS = 30
ZIPF_EXPONENT = 0.7
PEOPLE_PER_ARTICLE = (2, 6)
ORGANISATIONS_PER_ARTICLE = (1, 4)

_SYLLABLES = [
    "al",
    "ra",
    "mi",
    "sha",
    "ko",
    "der",
    "bel",
    "han",
    "zu",
    "tor",
    "vi",
    "nes",
    "ka",
    "lo",
    "mar",
    "din",
    "sa",
    "rif",
    "ta",
    "hu",
]
_PLACES = [
    "Beirut",
    "Amman",
    "Cairo",
    "Gulf",
    "Levant",
    "Tigris",
    "Orontes",
    "Aleppo",
    "Homs",
    "Latakia",
    "Dubai",
]
_OUTLETS = [
    "Herald",
    "Times",
    "Courier",
    "Monitor",
    "Dispatch",
    "Post",
    "Observer",
    "Review",
    "Wire",
    "Tribune",
]
_ORG_FORMS = [
    ("Front", OrganisationKind.ARMED_GROUP),
    ("Brigades", OrganisationKind.ARMED_GROUP),
    ("Council", OrganisationKind.POLITICAL_OPPOSITION),
    ("Coalition", OrganisationKind.POLITICAL_OPPOSITION),
    ("Ministry", OrganisationKind.MINISTRY),
    ("Agency", OrganisationKind.UN_BODY),
    ("Network", OrganisationKind.MEDIA_OUTLET),
    ("Committee", OrganisationKind.OTHER),
]


def vocabulary():
    """The words of the seed texts, lower-cased, with their natural frequencies."""
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted(SOURCES.glob("*.txt")))
    return [word.lower() for word in re.findall(r"[A-Za-z][a-z'-]+", text)]


def made_up(rng, syllables=(2, 3)):
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(*syllables))).capitalize()


@dataclass
class Actor:
    kind: str  # "person" or "organisation"
    pk: int
    forms: list  # name first, then aliases: the texts written into articles


def zipf_weights(count, exponent=ZIPF_EXPONENT):
    return list(itertools.accumulate(1 / rank**exponent for rank in range(1, count + 1)))


class Generator:
    def __init__(self, articles, seed=1, progress=None):
        self.total = articles
        self.rng = random.Random(seed)
        self.words = vocabulary()
        self.progress = progress or (lambda done, total: None)
        self.suffix = f"s{seed}-{Article.objects.count()}"  # keeps reruns' slugs apart

    def run(self, batch_size=1000):
        with deferred_counts():  # stored counts are refreshed once, at the end
            with transaction.atomic():
                publications = self.publications()
                people = self.people(max(10, self.total // 50))
                organisations = self.organisations(max(5, self.total // 100))
            for start in range(0, self.total, batch_size):
                size = min(batch_size, self.total - start)
                with transaction.atomic():
                    self.batch(start, size, publications, people, organisations)
                self.progress(start + size, self.total)
        return len(publications), len(people), len(organisations)

    def publications(self):
        names = sorted({f"{p} {o}" for p in _PLACES for o in _OUTLETS})
        chosen = self.rng.sample(names, PUBLICATIONS)
        return Publication.objects.bulk_create(
            Publication(name=f"The {name}", slug=f"{slugify(name)}-{self.suffix}")
            for name in chosen
        )

    def people(self, count):
        records, forms = [], []
        for n in range(count):
            first, last = made_up(self.rng), made_up(self.rng)
            name = f"{first} al-{last}" if n % 3 == 0 else f"{first} {last}"
            surname = name.split(" ", 1)[1]
            records.append(
                Person(
                    name=name,
                    slug=f"{slugify(name)}-{n}-{self.suffix}",
                    sort_name=f"{surname}, {first}",
                    role=self.rng.choice(["envoy", "minister", "spokesman", "commander", ""]),
                )
            )
            forms.append([name, surname])
        created = Person.objects.bulk_create(records, batch_size=2000)
        PersonAlias.objects.bulk_create(
            (PersonAlias(person=p, text=f[1]) for p, f in zip(created, forms, strict=True)),
            batch_size=2000,
        )
        return [Actor("person", p.pk, f) for p, f in zip(created, forms, strict=True)]

    def organisations(self, count):
        records, forms = [], []
        for n in range(count):
            form, kind = self.rng.choice(_ORG_FORMS)
            name = f"{made_up(self.rng)} {made_up(self.rng)} {form}"
            acronym = "".join(word[0] for word in name.split()).upper() + str(n % 97)
            records.append(
                Organisation(
                    name=name, slug=f"{slugify(name)}-{n}-{self.suffix}", acronym=acronym, kind=kind
                )
            )
            forms.append([name, acronym])
        created = Organisation.objects.bulk_create(records, batch_size=2000)
        OrganisationAlias.objects.bulk_create(
            (
                OrganisationAlias(organisation=o, text=f[1], case_sensitive=True)
                for o, f in zip(created, forms, strict=True)
            ),
            batch_size=2000,
        )
        return [Actor("organisation", o.pk, f) for o, f in zip(created, forms, strict=True)]

    def batch(self, start, size, publications, people, organisations):
        people_weights = zipf_weights(len(people))
        organisation_weights = zipf_weights(len(organisations))
        articles, named = [], []
        for offset in range(size):
            actors = self.pick(people, people_weights, PEOPLE_PER_ARTICLE) + self.pick(
                organisations, organisation_weights, ORGANISATIONS_PER_ARTICLE
            )
            headline, body, positions = self.text(actors)
            number = start + offset
            articles.append(
                Article(
                    headline=headline,
                    slug=f"{slugify(headline)[:80]}-{number}-{self.suffix}",
                    publication=self.rng.choice(publications),
                    published_on=FIRST_DAY + datetime.timedelta(days=self.rng.randrange(DAYS)),
                    source_file=f"synthetic/{number:07d}.txt",
                    source_text=body,
                    body=body,
                    checksum=hashlib.sha256(body.encode("utf-8")).hexdigest(),
                )
            )
            named.append((actors, positions))
        created = Article.objects.bulk_create(articles)
        person_mentions, organisation_mentions = [], []
        for article, (actors, positions) in zip(created, named, strict=True):
            for actor in actors:
                spans = positions[(actor.kind, actor.pk)]
                fields = {
                    "article_id": article.pk,
                    "published_on": article.published_on,
                    "count": len(spans["body"]) + len(spans["headline"]),
                    "positions": spans,
                }
                if actor.kind == "person":
                    person_mentions.append(PersonMention(person_id=actor.pk, **fields))
                else:
                    organisation_mentions.append(
                        OrganisationMention(organisation_id=actor.pk, **fields)
                    )
        PersonMention.objects.bulk_create(person_mentions, batch_size=5000)
        OrganisationMention.objects.bulk_create(organisation_mentions, batch_size=5000)

    def pick(self, actors, weights, how_many):
        wanted = self.rng.randint(*how_many)
        chosen = {}
        while len(chosen) < wanted:
            actor = self.rng.choices(actors, cum_weights=weights)[0]
            chosen[actor.pk] = actor
        return list(chosen.values())

    def text(self, actors):
        """Headline, body, and the positions of each actor's name in them."""
        rng = self.rng
        positions = {(a.kind, a.pk): {"headline": [], "body": []} for a in actors}
        lead = actors[0]
        headline_words = rng.choices(self.words, k=rng.randint(4, 8))
        headline_prefix = " ".join(headline_words[:2]).capitalize() + " "
        name = lead.forms[0]
        positions[(lead.kind, lead.pk)]["headline"].append(
            [len(headline_prefix), len(headline_prefix) + len(name)]
        )
        headline = headline_prefix + name + " " + " ".join(headline_words[2:])
        tokens = rng.choices(self.words, k=WORDS_PER_ARTICLE)
        inserts = {}
        for actor in actors:
            for _ in range(rng.randint(1, 3)):
                inserts.setdefault(rng.randrange(WORDS_PER_ARTICLE), []).append(actor)
        return headline, *self.body(tokens, inserts, positions)

    def body(self, tokens, inserts, positions):
        parts, length, sentence_start = [], 0, True
        for index, token in enumerate(tokens):
            for position, actor in enumerate(inserts.get(index, [])):
                form = (
                    actor.forms[0]
                    if position == 0 and sentence_start
                    else self.rng.choice(actor.forms)
                )
                separator = "" if not parts else " "
                start = length + len(separator)
                parts.append(separator + form)
                length = start + len(form)
                positions[(actor.kind, actor.pk)]["body"].append([start, length])
                sentence_start = False
            word = token.capitalize() if sentence_start else token
            separator = "" if not parts else ("\n\n" if index % 120 == 0 else " ")
            end_of_sentence = self.rng.random() < 0.06
            text = separator + word + ("." if end_of_sentence else "")
            parts.append(text)
            length += len(text)
            sentence_start = end_of_sentence
        return "".join(parts) + ".", positions
