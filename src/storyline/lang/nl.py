"""Dutch."""

from __future__ import annotations

from . import LanguageData

DATA = LanguageData(
    code="nl",
    name="Dutch",
    stop_words=frozenset(
        (
            "de", "het", "een", "en", "van", "in", "op", "te", "dat", "die", "is", "niet", "met", "zijn", "voor",
            "aan", "er", "maar", "om", "ook", "als", "bij", "door", "naar", "dan", "nog", "wordt", "werd", "heeft",
            "hebben", "was", "of", "uit", "tot", "over",
        )
    ),
)
