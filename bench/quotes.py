"""Benchmark quotation extraction: articles per second.

    make bench-quotes              # or: python -m bench.quotes --articles 10000

Builds articles of about eight paragraphs each from the paragraphs of the five seed texts
(so every reporting pattern they use occurs, at the rate they use it), finds the people
and organisations in each with the matcher built from the seed fixtures' aliases, then
times `find_quotations` alone over every body. No database is involved.
"""

import argparse
import json
import os
import random
import time
from pathlib import Path

import django

from articles.matching import AliasEntry, Matcher
from articles.text import PARAGRAPH_SEPARATOR, clean_body

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def seed_aliases():
    entries, names = [], {}
    for kind, file_name in (("person", "people.json"), ("organisation", "organisations.json")):
        for entity_id, record in enumerate(json.loads((FIXTURES / file_name).read_text()), 1):
            entity_id += 1000 if kind == "organisation" else 0
            names[entity_id] = record["name"]
            entries.append(AliasEntry(kind, entity_id, record["name"]))
            for alias in record.get("aliases", []):
                text = alias if isinstance(alias, str) else alias["text"]
                entries.append(AliasEntry(kind, entity_id, text))
            entries += [
                AliasEntry(kind, entity_id, t, True) for t in record.get("exact_aliases", [])
            ]
    return entries, names


def seed_paragraphs():
    paragraphs = []
    for record in json.loads((FIXTURES / "articles.json").read_text()):
        source = (FIXTURES / "sources" / record["source_file"]).read_text(encoding="utf-8")
        body = clean_body(source, record["headline"], record.get("furniture", []))
        paragraphs += body.split(PARAGRAPH_SEPARATOR)
    return paragraphs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=4)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()  # the extractor's module imports the models it stores quotes in
    from articles.quotations import find_quotations

    rng = random.Random(options.seed)
    aliases, names = seed_aliases()
    matcher = Matcher(aliases)
    paragraphs = seed_paragraphs()
    bodies = [
        PARAGRAPH_SEPARATOR.join(rng.choices(paragraphs, k=8)) for _ in range(options.articles)
    ]
    mentions = [matcher.find(body) for body in bodies]
    started = time.perf_counter()
    found = sum(
        len(find_quotations(body, spans, names))
        for body, spans in zip(bodies, mentions, strict=True)
    )
    elapsed = time.perf_counter() - started
    words = sum(len(body.split()) for body in bodies) / len(bodies)
    print(
        f"{options.articles:,} articles of about {words:.0f} words: {found:,} quotations "
        f"in {elapsed:.2f} s, {options.articles / elapsed:,.0f} articles/s"
    )


if __name__ == "__main__":
    main()
