"""Choosing people and organisations for the article list's filters, at any scale.

With thousands of names a <select> of all of them is no picker. Readers type a name: with
JavaScript, static/js/pickers.js offers suggestions from `/suggestions/` as they type;
without it, the plain text field is sent as `add_person` or `add_organisation`, and
`resolve` turns the name into the filter (or offers the nearest names as links).
"""

from dataclasses import dataclass, field

from .models import Organisation, Person
from .querystrings import replacing, with_value

SUGGESTIONS = 10
MAX_TYPED = 100


@dataclass(frozen=True)
class PickerKind:
    parameter: str  # the filter parameter the picked slug goes into
    typed_parameter: str  # the plain text field
    model: type
    noun: str


KINDS = {
    "person": PickerKind("person", "add_person", Person, "person"),
    "organisation": PickerKind("organisation", "add_organisation", Organisation, "organisation"),
}


def suggestions(text, kinds, limit=SUGGESTIONS):
    """[{kind, name, slug, alias, articles, url}] for a type-ahead, best first."""
    results = []
    for kind in kinds:
        for entity in KINDS[kind].model.objects.suggested(text, limit):
            results.append(
                {
                    "kind": kind,
                    "name": entity.name,
                    "slug": entity.slug,
                    "alias": entity.matched_alias or "",
                    "articles": entity.stored_article_count,
                    "url": entity.get_absolute_url(),
                }
            )
    return results[:limit] if len(kinds) == 1 else results


@dataclass
class Unresolved:
    """A typed name that is not exactly one person or organisation."""

    kind: PickerKind
    text: str
    choices: list = field(default_factory=list)  # (entity, URL adding it), names alike


def resolve(kind, text):
    """The entity called `text` (name or alias, any case), or the entities it may mean."""
    text = " ".join(text.split())[:MAX_TYPED]
    found = kind.model.objects.suggested(text, SUGGESTIONS)
    exact = [e for e in found if text.lower() in (e.name.lower(), e.matched_alias.lower())]
    return exact if len(exact) == 1 else exact or found


def apply_typed_names(query, single=False):
    """Turn the names typed in the plain pickers into filters, added to those in force (or,
    with `single`, for lists narrowed to one person and one organisation, replacing them).

    Returns (the URL with them as filters, []) when every name is exactly one person or
    organisation; (None, [Unresolved...]) when some are not; (None, []) without any."""
    query = query.copy()
    typed = {kind: query.pop(kind.typed_parameter, []) for kind in KINDS.values()}
    if not any(typed.values()):
        return None, []
    query.pop("page", None)
    unresolved = []
    for kind, texts in typed.items():
        for text in filter(str.strip, texts):
            found = resolve(kind, text)
            if len(found) == 1 and text.strip().lower() in _names(found[0]):
                kept = [] if single else query.getlist(kind.parameter)
                query.setlist(kind.parameter, [*kept, found[0].slug])
            else:
                unresolved.append(Unresolved(kind, " ".join(text.split())[:MAX_TYPED], found))
    add = replacing if single else with_value
    for problem in unresolved:
        problem.choices = [
            (entity, add(query, problem.kind.parameter, entity.slug)) for entity in problem.choices
        ]
    if unresolved:
        return None, unresolved
    return "?" + query.urlencode(), []


def _names(entity):
    return {entity.name.lower(), entity.matched_alias.lower()}
