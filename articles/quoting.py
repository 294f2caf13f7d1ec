"""Quote what a visitor typed back to them in a message, so they can see what was wrong.

Templates escape HTML; this makes the rest visible: a control character, a bidirectional
override or a zero-width space is shown as its escape (``\\x01``, ``\\u202e``) instead of
being sent back raw, where it is invisible, reorders the text around it or breaks the page.
"""

import unicodedata

# Control, format (bidi overrides, zero-width), surrogate, private-use, line/paragraph separators.
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})


def _visible(character):
    if unicodedata.category(character) not in HIDDEN_CATEGORIES:
        return character
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(value, limit=None):
    """`value` with hidden characters escaped, cut to `limit` characters with an ellipsis."""
    shown = value if limit is None else value[:limit]
    text = "".join(_visible(character) for character in shown)
    return text + "…" if limit is not None and len(value) > limit else text
