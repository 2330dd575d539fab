"""English."""

from __future__ import annotations

from . import LanguageData

_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_NUMBER_WORDS: dict[str, float] = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "dozen": 12,
}  # fmt: skip
# 21..99 are hyphenated: "forty-two".
for _t, _ten in enumerate(_TENS):
    _NUMBER_WORDS.setdefault(_ten, 20 + 10 * _t)
    for _u, _unit in enumerate(_UNITS, start=1):
        _NUMBER_WORDS[f"{_ten}-{_unit}"] = 20 + 10 * _t + _u

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
    sentence_openers=frozenset(
        (
            "the", "a", "an", "but", "and", "then", "after", "before", "according", "in", "on", "since", "this",
            "that", "these", "those", "they", "he", "she", "it", "we",
        )
    ),
    months={
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12,
    },
    month_abbreviations={
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
        "nov": 11, "dec": 12,
    },
    weekdays={"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6},
    weekday_abbreviations={
        "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
    },
    abbreviations=frozenset(
        (
            "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "jr", "sr", "inc", "ltd", "co",
            "corp", "vs", "etc", "no", "u.s", "u.k", "e.g", "i.e", "p", "pp", "vol", "ed",
        )
    ),
    titles=("Mr", "Mrs", "Ms", "Dr.", "Prof.", "Sir", "President", "Premier", "General", "Gen.", "Col."),
    number_words=_NUMBER_WORDS,
    speech_verbs=(
        "said", "says", "added", "adds", "told", "tells", "stated", "states", "explained", "declared", "noted",
        "wrote", "warned", "insisted", "claimed", "announced", "asserted", "argued", "continued", "recalled",
        "admitted", "denied",
    ),
    according_to=(r"according\s+to", "citing"),
    statement_cues=("said", "says", "told", "stated", "insisted"),
    source_cues=("says?", "said", "claims?", "estimates?"),
    deny_cues=(
        "deny", "denies", "denied", "denying", "rejects?", "rejected", "disputes?", "disputed", "refutes?",
        "refuted", r"dismiss(?:es|ed)?", r"fake\s+news", "propaganda", "baseless", "unfounded",
    ),
    confirm_cues=(r"confirm\w*", r"acknowledg\w*", r"admit\w*"),
    assert_cues=(r"claim\w*", r"assert\w*", r"insist\w*", r"announc\w*"),
)
