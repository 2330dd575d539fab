"""Content identity: an article is identified by a hash of its normalised text.

Normalisation folds case, Unicode compatibility forms, typographic quotes and
white space, so the same article re-scraped with other spacing or curly
quotes gets the same id and is never stored twice.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["normalise_text", "article_id"]

_QUOTES = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u00a0": " ",
        "\u202f": " ",
        "\u2013": "-",
        "\u2014": "-",
    }
)
_SPACE = re.compile(r"\s+")
_AROUND_QUOTE = re.compile(r'\s*"\s*')

#: Hex digits kept from the SHA-256: 16 (64 bits) makes a collision among a
#: billion articles unlikely (~3%) while keeping ids short in URLs and CLIs.
ID_HEX_DIGITS = 16


def normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    # French « guillemets » carry inner spaces that English quotes do not.
    text = _AROUND_QUOTE.sub('"', text)
    return _SPACE.sub(" ", text).strip()


def article_id(text: str) -> str:
    """Stable id of an article's cleaned text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:ID_HEX_DIGITS]
