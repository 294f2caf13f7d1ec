"""From a source text as received to the body readers see.

The source text is never changed. The body keeps the source's own lines, in order, and
drops page furniture: site navigation, comment notices, a caption printed twice, a
trailing blog blurb. Paragraphs in the body are separated by one blank line.
"""

import re

PARAGRAPH_SEPARATOR = "\n\n"

# Whole lines that are page furniture wherever they appear (compared case-insensitively).
FURNITURE_LINES = frozenset(
    line.casefold()
    for line in [
        "Accessibility links",
        "Breaking News",
        "Skip to content",
        "Skip to main content",
        "Select Page",
        "Comments",
        "Comments are closed.",
        "Advertisement",
        "Share",
        "Share this article",
        "Print",
    ]
)

# Lines after which the rest of the page is furniture.
TRAILING_FURNITURE_LINES = frozenset(
    line.casefold()
    for line in ["About This Blog", "Latest Posts", "Related", "You might also like"]
)

FURNITURE_PATTERNS = [
    re.compile(r"^date \d{4}-\d{2}-\d{2}\b"),  # a dateline added by the crawler
    re.compile(r"^Media ID: \d+$"),
]


def is_furniture(line):
    return line.casefold() in FURNITURE_LINES or any(p.match(line) for p in FURNITURE_PATTERNS)


def clean_body(source, headline="", extra_furniture=()):
    """Return the displayed body of `source`.

    `headline` is dropped where it appears as a line of its own; `extra_furniture` lists
    further whole lines to drop (an editor's decision, e.g. a pull-quote or a site title).
    """
    extra = {line.strip() for line in extra_furniture}
    headline = headline.strip()
    paragraphs = []
    for raw_line in source.splitlines():
        line = raw_line.strip()
        if not line or is_furniture(line) or line in extra or line == headline:
            continue
        if line.casefold() in TRAILING_FURNITURE_LINES:
            break
        if paragraphs and paragraphs[-1] == line:
            continue  # a photo caption printed twice
        paragraphs.append(line)
    return PARAGRAPH_SEPARATOR.join(paragraphs)


def paragraphs_with_offsets(body):
    """Yield (start offset in `body`, paragraph text) for each paragraph of a body."""
    start = 0
    for paragraph in body.split(PARAGRAPH_SEPARATOR):
        if paragraph:
            yield start, paragraph
        start += len(paragraph) + len(PARAGRAPH_SEPARATOR)
