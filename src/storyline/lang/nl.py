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
    months={
        "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7, "augustus": 8,
        "september": 9, "oktober": 10, "november": 11, "december": 12,
    },
    # Known to clustering and counts; the date readers were not checked on Dutch dates.
    month_dates=False,
)
