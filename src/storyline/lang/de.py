"""German."""

from __future__ import annotations

from . import LanguageData

DATA = LanguageData(
    code="de",
    name="German",
    stop_words=frozenset(
        (
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "und", "oder",
            "aber", "zu", "im", "in", "am", "an", "auf", "aus", "bei", "mit", "nach", "von", "vor", "für", "über",
            "unter", "ist", "sind", "war", "waren", "wird", "werden", "hat", "haben", "hatte", "nicht", "auch",
            "sich", "es", "er", "sie", "wir", "dass", "als", "wie", "noch", "nur",
        )
    ),
)
