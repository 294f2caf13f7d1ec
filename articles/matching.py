"""Find names in text: one compiled matcher for every alias of every entity.

The aliases are compiled into two regular expressions shaped as tries (one for
case-insensitive aliases, one for case-sensitive ones such as "IS"), so matching costs
about the same with 5,000 aliases as with 500. Rules:

* a match is a whole word sequence: "IS" never matches inside "ISIS" or "this";
* where aliases overlap, the longest wins ("al-Nusra Front" over "Nusra Front");
* straight and typographic apostrophes are the same ("Secretary-General’s office");
  any run of whitespace matches a space;
* a possessive needs no alias of its own: "Assad's" and "Assad’s" are "Assad";
* nothing inside a URL or an e-mail address counts;
* an alias shared by two entities is ambiguous and matches nothing (see `ambiguous`),
  except that a place may share its name with one person or organisation: "Moscow" names
  the city and, where editors make it an alias of the Russian government, the government
  too; both are found.
"""

import re
from collections import defaultdict
from dataclasses import dataclass

APOSTROPHES = "'\u2019"
# Kinds whose names may also be an alias of one entity of another kind (see above).
COEXISTING_KINDS = frozenset({"place"})
URL_OR_EMAIL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)


@dataclass(frozen=True)
class AliasEntry:
    kind: str  # "person", "organisation" or "place"
    entity_id: int
    text: str
    case_sensitive: bool = False


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    kind: str
    entity_id: int


def normalise(text):
    """The form aliases and matched text are compared in."""
    text = re.sub(r"\s+", " ", text.strip())
    for apostrophe in APOSTROPHES[1:]:
        text = text.replace(apostrophe, "'")
    return text


def _char_pattern(char):
    if char == "'":
        return f"[{APOSTROPHES}]"
    if char == " ":
        return r"\s+"
    return re.escape(char)


def _trie_pattern(words):
    """A regex matching any of `words`, preferring the longest at each position."""
    trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node):
        branches = [
            _char_pattern(char) + build(child) for char, child in sorted(node.items()) if char != ""
        ]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here; try the longer continuation first
            return f"(?:{group})?"
        return group

    return build(trie)


def _compile(words, flags):
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + _trie_pattern(sorted(words)) + r")(?!\w)", flags)


class Matcher:
    """Finds every alias in a text. Build once, then call `find` for each text."""

    def __init__(self, aliases):
        targets = {True: defaultdict(set), False: defaultdict(set)}
        for alias in aliases:
            key = normalise(alias.text)
            if not key:
                continue
            if not alias.case_sensitive:
                key = key.lower()
            targets[alias.case_sensitive][key].add((alias.kind, alias.entity_id))

        self.ambiguous = sorted(
            key for table in targets.values() for key, found in table.items() if _ambiguous(found)
        )
        self._targets = {
            sensitive: {key: sorted(found) for key, found in table.items() if not _ambiguous(found)}
            for sensitive, table in targets.items()
        }
        self._patterns = {
            True: _compile(self._targets[True], 0),
            False: _compile(self._targets[False], re.IGNORECASE),
        }

    def find(self, text):
        """Return the matches in `text`, in order, none overlapping."""
        candidates = []
        for sensitive, pattern in self._patterns.items():
            if pattern is None:
                continue
            table = self._targets[sensitive]
            for found in pattern.finditer(text):
                key = normalise(found.group())
                for target in table.get(key if sensitive else key.lower(), []):
                    candidates.append(Match(found.start(), found.end(), *target))
        excluded = [span.span() for span in URL_OR_EMAIL.finditer(text)]
        return _longest_first(
            match
            for match in candidates
            if not any(start <= match.start < end for start, end in excluded)
        )


def _ambiguous(targets):
    """Whether the entities sharing one alias cannot all be meant by it."""
    kinds = [kind for kind, _ in targets]
    actors = [kind for kind in kinds if kind not in COEXISTING_KINDS]
    return len(set(kinds)) < len(kinds) or len(actors) > 1


def _longest_first(candidates):
    """Keep leftmost-longest matches, dropping any that overlap one already kept; matches
    of the very same words (a place and the government it stands for) are all kept."""
    kept = []
    for match in sorted(candidates, key=lambda m: (m.start, -(m.end - m.start), m.kind)):
        same_words = kept and (match.start, match.end) == (kept[-1].start, kept[-1].end)
        if kept and match.start < kept[-1].end and not same_words:
            continue
        kept.append(match)
    return kept
