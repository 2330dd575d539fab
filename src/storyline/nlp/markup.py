"""HTML fragments as text: a feed's description, a record's ``content``.

Not for whole pages (trafilatura finds the article in those): a fragment is
the article's own text with inline markup, so every tag goes, block ends
become line breaks and entities are decoded.
"""

from __future__ import annotations

import html as html_lib
import re

__all__ = ["has_markup", "fragment_text"]

_MARKUP = re.compile(r"</?(?:p|br|div|span|a|img|b|i|strong|em|ul|ol|li|h[1-6]|figure|section|article)\b[^>]*>",
                     re.IGNORECASE)  # fmt: skip
_BLOCK_END = re.compile(r"(?i)<(?:br|/p|/div|/li|/h[1-6]|/figure|/section)\b[^>]*>")
_TAG = re.compile(r"<[^>]{1,400}>")
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def has_markup(text: str) -> bool:
    """Whether ``text`` holds HTML tags (not just a "<" in prose)."""
    return "<" in text and _MARKUP.search(text) is not None


def fragment_text(text: str) -> str:
    """The text of an HTML fragment, one line per paragraph (``text`` unchanged without markup)."""
    if not has_markup(text):
        return text
    text = _BLOCK_END.sub("\n", text)
    text = html_lib.unescape(_TAG.sub("", text))
    return _BLANK_LINES.sub("\n\n", text).strip()
