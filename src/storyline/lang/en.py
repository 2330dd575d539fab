"""English."""

from __future__ import annotations

from . import LanguageData

DATA = LanguageData(
    code="en",
    name="English",
    stop_words=frozenset(
        (
            "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as",
            "is", "are", "was", "were", "be", "been", "has", "have", "had", "that", "which", "who", "this",
            "these", "those", "it", "its", "their", "his", "her", "they", "he", "she", "we", "not", "no", "will",
            "would", "can", "could", "after", "before", "into", "than", "then", "there", "also", "about", "over",
        )
    ),
)
