"""Names an article prints that the archive does not know: candidates for new people,
organisations, places or aliases, reported by the importer."""

import re
from collections import Counter

# Runs of capitalised words, with the particles names carry ("Staffan de Mistura",
# "Syrian Observatory for Human Rights").
NAME_RUN = re.compile(
    r"(?<![\w'’-])[A-Z][\w-]*(?:['’][A-Za-z]+)?"
    r"(?:\s+(?:(?:al|el|de|bin|ibn|of|for|the)\s+)?[A-Z][\w-]*(?:['’][A-Za-z]+)?)*"
)


def _words(text):
    return frozenset(text.split())


# Capitalised only because they start a sentence, or dates: never names on their own.
NOT_NAMES = _words(
    """a an and as at but by for from he her his if in it its of on or she so that the their
    then there these they this those to we what when where which while who with you i
    however meanwhile earlier later after before during since both some many most several
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december"""
)


def unmatched_names(text, spans):
    """Capitalised names in `text` outside the matched `spans` ([start, end] pairs), with
    how often each occurs."""
    names = Counter()
    for found in NAME_RUN.finditer(text):
        if any(start < found.end() and found.start() < end for start, end in spans):
            continue
        words = re.sub(r"['’]s$", "", found.group()).split()
        while words and words[0].lower() in NOT_NAMES:  # "The Syrian Observatory…"
            words.pop(0)
        name = " ".join(words)
        if len(name) < 3:
            continue
        names[name] += 1
    return names
