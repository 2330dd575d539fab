"""Identity: a text is known by the hash of its normalised form; a publication
(one outlet's copy of a text, at one URL or under one source id) by its own id.

Normalisation folds case, Unicode compatibility forms, typographic quotes and
white space, so the same article re-scraped with other spacing or curly
quotes gets the same :func:`text_hash`.  A wire story carried by ten outlets
is one text and ten publications: each is stored (and counted in its
story's outlets), linked to the first as a duplicate.  A publication is
"already known" only when the same text comes again under the same source
id or URL; re-ingesting a record is then a no-op.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["normalise_text", "text_hash", "article_id", "publication_key", "publication_id", "ID_HEX_DIGITS"]

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


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:ID_HEX_DIGITS]


def text_hash(text: str) -> str:
    """Stable hash of a cleaned text: equal for every copy of one text."""
    return _digest(normalise_text(text))


#: The hash of a text, by its older name (an article used to be its text).
article_id = text_hash


def publication_key(*, source_id: str, url: str | None) -> str:
    """What tells one publication of a text from another: its URL when it has
    one (normalised: scheme and host case, tracking parameters), else the
    source id the user gave it."""
    if url and url.strip():
        from courlan import normalize_url  # (a light import, only for inputs with URLs)

        try:
            return "url:" + normalize_url(url.strip())
        except (ValueError, TypeError):
            return "url:" + url.strip()
    return "id:" + source_id


def publication_id(text_digest: str, key: str) -> str:
    """Id of one publication of a text (``text_digest`` from :func:`text_hash`,
    ``key`` from :func:`publication_key`): stable across runs and machines."""
    return _digest(text_digest + "\n" + key)
