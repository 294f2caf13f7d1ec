"""The archive's data: articles and publications, the people and organisations they name,
and the mentions that link the two. See DESIGN.md, "Data"."""

from .articles import Article, Publication
from .entities import (
    Affiliation,
    Organisation,
    OrganisationAlias,
    OrganisationKind,
    Person,
    PersonAlias,
)
from .mentions import MentionOrigin, OrganisationMention, PersonMention

__all__ = [
    "Affiliation",
    "Article",
    "MentionOrigin",
    "Organisation",
    "OrganisationAlias",
    "OrganisationKind",
    "OrganisationMention",
    "Person",
    "PersonAlias",
    "PersonMention",
    "Publication",
]
