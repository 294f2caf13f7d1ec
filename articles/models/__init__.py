"""The archive's data: articles and publications; the people, organisations and places they
name, with the mentions that link them; the quotations they print; the events they report.
See DESIGN.md, "Data"."""

from .articles import Article, Publication
from .comentions import CoMention
from .entities import (
    Affiliation,
    Organisation,
    OrganisationAlias,
    OrganisationKind,
    Person,
    PersonAlias,
)
from .events import DatePrecision, Event
from .mentions import MentionOrigin, OrganisationMention, PersonMention
from .places import Place, PlaceAlias, PlaceKind, PlaceMention
from .quotes import Quote, QuoteOrigin

__all__ = [
    "Affiliation",
    "Article",
    "CoMention",
    "DatePrecision",
    "Event",
    "MentionOrigin",
    "Organisation",
    "OrganisationAlias",
    "OrganisationKind",
    "OrganisationMention",
    "Person",
    "PersonAlias",
    "PersonMention",
    "Place",
    "PlaceAlias",
    "PlaceKind",
    "PlaceMention",
    "Publication",
    "Quote",
    "QuoteOrigin",
]
