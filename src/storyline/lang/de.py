"""German."""

from __future__ import annotations

from . import LanguageData

_UNITS = ("ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun")
_TENS = ("zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig")
_NUMBER_WORDS: dict[str, float] = {
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
    "elf": 11, "zwölf": 12, "fünfzehn": 15, "zwanzig": 20, "dreißig": 30, "hundert": 100,
}  # fmt: skip
# 21..99 are one word, units first: "zweiundvierzig".
for _t, _ten in enumerate(_TENS):
    _NUMBER_WORDS.setdefault(_ten, 20 + 10 * _t)
    for _u, _unit in enumerate(_UNITS, start=1):
        _NUMBER_WORDS[_unit + "und" + _ten] = 20 + 10 * _t + _u

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
    sentence_openers=frozenset(
        (
            "der", "die", "das", "ein", "eine", "aber", "und", "dann", "nach", "vor", "laut", "seit", "im", "am",
            "in", "dieser", "diese", "sie", "er", "es", "wir",
        )
    ),
    # "marz": März as written without its umlaut.
    months={
        "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "marz": 3, "april": 4, "mai": 5, "juni": 6,
        "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
    },
    weekdays={
        "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonnabend": 5,
        "sonntag": 6,
    },
    dotted_ordinals=True,
    abbreviations=frozenset(("bzw", "ca", "hr", "fr", "nr", "z.b", "dr", "prof", "st", "art")),
    titles=(
        "Herr", "Frau", "Präsident", "Präsidentin", "Praesident", "Kanzler", "Kanzlerin", "Minister", "Ministerin",
        "Sprecher", "Sprecherin",
    ),
    number_words=_NUMBER_WORDS,
    speech_verbs=(
        "sagte", "sagt", "sagten", "erklärte", "erklärt", "betonte", "betont", "meinte", "schrieb", "warnte",
        "ergänzte", "fügte", "so",
    ),
    according_to=("laut", "zufolge"),
    statement_cues=("sagte", "sagt", "erklärte", "betonte", r"teilte\b[^.;]{0,60}?\bmit", "versicherte"),
    source_cues=("sagte", "sagten", "erklärte"),
    deny_cues=(
        r"bestreit\w*", r"bestritt\w*", r"dementier\w*", r"weist\b[^.;]{0,50}?\bzurück",
        r"wies\b[^.;]{0,50}?\bzurück", "zurückgewiesen", r"leugne\w*", "falschmeldung", r"haltlos\w*",
    ),
    confirm_cues=(r"bestätig\w*", r"räumt\w*\s+\w+\s+ein", r"räumte\w*\s+\w+\s+ein", "eingeräumt"),
    assert_cues=(r"behaupt\w*", r"versicher\w*", r"beansprucht\w*", r"kündigt\w*"),
)
