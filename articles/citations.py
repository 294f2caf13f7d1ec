"""How to cite an article: the reference a reader copies, and the same as BibTeX.

What the text does not print and editors established (a supplied headline, an inferred
date) is marked as such, so a citation never passes an editor's inference off as the
source's own.
"""

import re

# Characters with a meaning in BibTeX, written as it expects them.
BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
BIBTEX_SPECIAL = re.compile("|".join(re.escape(c) for c in BIBTEX_SPECIALS))


def bibtex_text(value):
    return BIBTEX_SPECIAL.sub(lambda match: BIBTEX_SPECIALS[match.group()], " ".join(value.split()))


def bibtex(article, url):
    """A BibTeX @misc entry for `article`, found at `url` in the archive."""
    notes = ["Newsroom archive of the reporting on the Syrian truce negotiations"]
    if article.headline_is_supplied:
        notes.append("headline supplied by the archive's editors")
    if article.date_is_inferred:
        notes.append("date inferred by the archive's editors")
    fields = [
        ("title", "{" + bibtex_text(article.headline) + "}"),
        ("author", "{" + bibtex_text(article.byline) + "}" if article.byline else None),
        ("howpublished", bibtex_text(article.publication.name)),
        ("year", str(article.published_on.year)),
        ("month", article.published_on.strftime("%b").lower()),
        ("day", str(article.published_on.day)),
        ("url", url),
        ("note", "; ".join(notes)),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    key = article.slug.replace("-", "_")[:60]
    return f"@misc{{{key},\n{body}\n}}"
