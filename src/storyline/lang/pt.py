"""Portuguese."""

from __future__ import annotations

from . import LanguageData

DATA = LanguageData(
    code="pt",
    name="Portuguese",
    stop_words=frozenset(
        (
            "o", "os", "a", "as", "um", "uma", "e", "ou", "mas", "de", "do", "da", "dos", "das", "no", "na", "nos",
            "nas", "em", "com", "por", "para", "que", "se", "não", "foi", "é", "são", "ao", "à",
        )
    ),
)
