"""The article body as HTML paragraphs, each mention a link to its person or organisation.

Everything from the text is escaped; only the <p> and <a> elements are ours.
"""

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


def _link(text, entity):
    kind = entity._meta.model_name
    return format_html(
        '<a class="mention mention-{}" href="{}">{}</a>', kind, entity.get_absolute_url(), text
    )


def linked_paragraphs(body, mentions):
    """Return the body's paragraphs as safe HTML strings, mentions linked."""
    links = _links(body, mentions)
    paragraphs = []
    for offset, paragraph in paragraphs_with_offsets(body):
        end_of_paragraph = offset + len(paragraph)
        pieces, cursor = [], offset
        for start, end, entity in links:
            if start < offset or end > end_of_paragraph:
                continue
            pieces.append(escape(body[cursor:start]))
            pieces.append(_link(body[start:end], entity))
            cursor = end
        pieces.append(escape(body[cursor:end_of_paragraph]))
        paragraphs.append(mark_safe("".join(pieces)))  # noqa: S308 - every piece is escaped
    return paragraphs
