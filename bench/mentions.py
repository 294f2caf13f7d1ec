"""Benchmark mention detection: articles per second against 500 to 5,000 aliases.

    make bench-mentions            # or: python -m bench.mentions --articles 10000

Generates articles of about 600 words from the vocabulary of the seed texts, with names
sprinkled in, and a set of aliases (people's full names and surnames, organisations'
names and case-sensitive acronyms). Times `Matcher.find` over every headline and body for
each alias count, with the matcher built once per count (its build time is reported too).
No database is involved: this measures the matcher, the part that grows with the aliases.
"""

import argparse
import random
import re
import string
import time
from pathlib import Path

from articles.matching import AliasEntry, Matcher

SOURCES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"
ALIAS_COUNTS = [500, 1000, 2000, 5000]


def vocabulary():
    words = re.findall(r"[A-Za-z][a-z'-]+", " ".join(p.read_text() for p in SOURCES.glob("*.txt")))
    return [w.lower() for w in words]


def made_up_word(rng):
    syllables = ["al", "ra", "mi", "sha", "ko", "der", "bel", "han", "zu", "tor", "vi", "nes"]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).capitalize()


def aliases(count, rng):
    """`count` aliases of count/2 entities: people with a full name and a surname,
    organisations with a name and (some) a case-sensitive acronym."""
    entries = []
    entity_id = 0
    while len(entries) < count:
        entity_id += 1
        first, last = made_up_word(rng), made_up_word(rng)
        if entity_id % 2:
            entries += [
                AliasEntry("person", entity_id, f"{first} {last}"),
                AliasEntry("person", entity_id, last),
            ]
        else:
            acronym = "".join(rng.choice(string.ascii_uppercase) for _ in range(3))
            entries += [
                AliasEntry("organisation", entity_id, f"{first} {last} Front"),
                AliasEntry("organisation", entity_id, acronym, True),
            ]
    return entries[:count]


def articles(count, words, names, rng):
    texts = []
    for _ in range(count):
        body = rng.choices(words, k=600)
        for position in rng.sample(range(600), 12):  # a dozen names per article
            body[position] = rng.choice(names)
        texts.append((" ".join(rng.choices(words, k=10)).capitalize(), " ".join(body)))
    return texts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    all_aliases = aliases(max(ALIAS_COUNTS), rng)
    texts = articles(options.articles, vocabulary(), [a.text for a in all_aliases[:1000]], rng)
    print(f"{options.articles} articles of about 600 words; one matcher per alias count.\n")
    print("| aliases | build (s) | detect (s) | articles/s | matches | vs 500 aliases |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    baseline = None
    for count in ALIAS_COUNTS:
        started = time.perf_counter()
        matcher = Matcher(all_aliases[:count])
        built = time.perf_counter() - started
        started = time.perf_counter()
        matches = sum(len(matcher.find(h)) + len(matcher.find(b)) for h, b in texts)
        elapsed = time.perf_counter() - started
        baseline = baseline or elapsed
        print(
            f"| {count:,} | {built:.2f} | {elapsed:.2f} | {options.articles / elapsed:,.0f} "
            f"| {matches:,} | {elapsed / baseline:.2f}× |"
        )


if __name__ == "__main__":
    main()
