"""The one case- and accent-folding function.

Names and quotations are compared across outlets and languages that write
the same word with or without accents, in capitals or not ("Élysée",
"ELYSEE", "Elysée"); :func:`fold` maps all of them to one form.  Letters
that are not a base letter plus marks keep their identity (ø, ł, æ, ı stay:
callers that need them as ASCII translate them first), and so do
characters of scripts without case.

Comparing texts *without* dropping accents (the copy aligner, exact
duplicates) is normalisation, not folding: ``unicodedata.normalize("NFKC",
text).casefold()`` there.
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold"]

# Nonspacing marks: accents, diacritics, vowel points and signs.
_MARK = "Mn"


def _strip_marks(decomposed: str) -> str:
    """``decomposed`` (NFD or NFKD text) without its nonspacing marks."""
    if decomposed.isascii():
        return decomposed
    return "".join(c for c in decomposed if unicodedata.category(c) != _MARK)


def fold(text: str) -> str:
    """``text`` case-folded, compatibility-decomposed (NFKD: ligatures and
    full-width forms expanded) and stripped of nonspacing marks:
    "Élysée" -> "elysee", "Straße" -> "strasse", "ﬁnal" -> "final".

    The decomposition follows the case folding, so a folded letter that
    decomposes ("İ" -> "i̇") loses its mark too, and the result is folded
    once more for the compatibility forms that decompose to capitals
    ("ᴬ", "ℂ", mathematical letters -> "a", "c")."""
    if text.isascii():
        return text.lower()
    return _strip_marks(unicodedata.normalize("NFKD", text.casefold())).casefold()
