"""Italian."""

from __future__ import annotations

from . import LanguageData

DATA = LanguageData(
    code="it",
    name="Italian",
    stop_words=frozenset(
        (
            "il", "lo", "la", "gli", "i", "le", "un", "una", "uno", "e", "o", "ma", "di", "da", "del", "della",
            "dei", "delle", "degli", "al", "alla", "ai", "alle", "nel", "nella", "nei", "con", "per", "tra", "fra",
            "su", "è", "sono", "era", "ha", "hanno", "che", "non", "si", "come", "più", "dopo", "in",
        )
    ),
)
