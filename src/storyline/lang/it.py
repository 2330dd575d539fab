"""Italian."""

from __future__ import annotations

from . import LanguageData

_UNITS = ("uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove")
_TENS = ("venti", "trenta", "quaranta", "cinquanta", "sessanta", "settanta", "ottanta", "novanta")
_NUMBER_WORDS: dict[str, float] = {
    "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "nove": 9, "dieci": 10,
    "dodici": 12, "quindici": 15, "venti": 20, "trenta": 30, "cento": 100,
}  # fmt: skip
# 21..99 are one word; the tens' final vowel drops before a vowel: "ventuno", "ventotto".
for _t, _ten in enumerate(_TENS):
    _NUMBER_WORDS.setdefault(_ten, 20 + 10 * _t)
    for _u, _unit in enumerate(_UNITS, start=1):
        _NUMBER_WORDS[(_ten[:-1] if _unit[0] in "uo" else _ten) + _unit] = 20 + 10 * _t + _u

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
    sentence_openers=frozenset(
        (
            "il", "lo", "gli", "i", "la", "le", "un", "ma", "e", "poi", "dopo", "prima", "secondo", "per", "nel",
            "questo", "questa", "lui", "lei",
        )
    ),
    months={
        "gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "agosto": 8,
        "settembre": 9, "ottobre": 10, "novembre": 11, "dicembre": 12,
    },
    month_abbreviations={"gen": 1, "ott": 10, "dic": 12},
    weekdays={
        "lunedì": 0, "lunedi": 0, "martedì": 1, "martedi": 1, "mercoledì": 2, "mercoledi": 2, "giovedì": 3,
        "giovedi": 3, "venerdì": 4, "venerdi": 4, "sabato": 5, "domenica": 6,
    },
    abbreviations=frozenset(("sig", "dott", "ing", "avv", "nº")),
    titles=("presidente", "ministro", "portavoce", "signor", "signora", "signore", "sig.", "dott."),
    number_words=_NUMBER_WORDS,
    speech_verbs=(
        "detto", "dichiarato", "affermato", "aggiunto", "spiegato", "sottolineato", "dice", "afferma", "dichiara",
    ),
    according_to=("secondo",),
    statement_cues=(r"ha\s+detto", r"ha\s+dichiarato", r"ha\s+assicurato"),
    source_cues=("afferma(?:no)?", r"ha\s+detto"),
    deny_cues=(r"nega(?:to|no)?", r"smentisc\w*", r"smentit\w*", r"respint\w*", r"respinge\w*", r"notizie\s+false",
               r"infondat\w*"),  # fmt: skip
    confirm_cues=(r"conferm\w*", r"ammess\w*", r"ammett\w*", r"riconosc\w*"),
    assert_cues=(r"afferm\w*", r"rivendic\w*", r"assicur\w*", r"annunci\w*"),
)
