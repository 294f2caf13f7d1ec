"""The article body as HTML paragraphs: each mention a link to its person, organisation or
place, each quotation marked (`<mark id="quote-N">`, the target of a quote's link).

Everything from the text is escaped; only the <p>, <a> and <mark> elements are ours.
"""

from collections import defaultdict

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from .text import paragraphs_with_offsets


def _links(body, mentions):
    """(start, end, entity) for every mention span that still fits the body, in order.

    Where two mentions cover the same words ("Moscow": the city and the government it
    stands for), the one given first in `mentions` is linked.
    """
    spans = sorted(
        (
            (start, end, mention.entity)
            for mention in mentions
            for start, end in mention.body_spans()
            if 0 <= start < end <= len(body)
        ),
        key=lambda span: span[:2],
    )
    kept = []
    for span in spans:
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


def _marks(body, quotes):
    """(start, end, quote) for every quote that still fits the body and is where its words
    are (an edited body may have moved them), in order."""
    return sorted(
        (
            (quote.start, quote.end, quote)
            for quote in quotes
            if 0 <= quote.start < quote.end <= len(body)
            and body[quote.start : quote.end] == quote.text
        ),
        key=lambda mark: mark[:2],
    )


def _link_open(entity):
    kind = entity._meta.model_name
    return format_html('<a class="mention mention-{}" href="{}">', kind, entity.get_absolute_url())


def _mark_open(quote):
    said = f"Said by {quote.speaker}" if quote.speaker else "Speaker not established"
    return format_html('<mark class="quote" id="{}" title="{}">', quote.anchor, said)


def _tags(links, marks, start, end):
    """{offset: [html]} of the tags to insert within [start, end): closing before opening,
    a mark around the links inside it. A link straddling a mark's edge is dropped."""
    opening, closing = defaultdict(list), defaultdict(list)
    for mark_start, mark_end, quote in marks:
        if start <= mark_start and mark_end <= end:
            opening[mark_start].append(_mark_open(quote))
            closing[mark_end].append("</mark>")
    for link_start, link_end, entity in links:
        if link_start < start or link_end > end:
            continue
        if any(
            s < link_end and link_start < e and not s <= link_start < link_end <= e
            for s, e, _ in marks
        ):
            continue
        opening[link_start].append(_link_open(entity))
        closing[link_end].insert(0, "</a>")
    return {pos: closing[pos] + opening[pos] for pos in sorted(set(opening) | set(closing))}


def linked_paragraphs(body, mentions, quotes=()):
    """Return the body's paragraphs as safe HTML strings, mentions linked, quotes marked."""
    links, marks = _links(body, mentions), _marks(body, quotes)
    paragraphs = []
    for offset, paragraph in paragraphs_with_offsets(body):
        end_of_paragraph = offset + len(paragraph)
        pieces, cursor = [], offset
        for position, tags in _tags(links, marks, offset, end_of_paragraph).items():
            pieces.append(escape(body[cursor:position]))
            pieces += tags
            cursor = position
        pieces.append(escape(body[cursor:end_of_paragraph]))
        paragraphs.append(mark_safe("".join(pieces)))  # noqa: S308 - every piece is escaped
    return paragraphs
