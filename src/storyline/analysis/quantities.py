"""Quantities stated in an article: the value, its unit, what it counts and who states it.

A number in the news is compared across sources, so the surface form must be
normalised first: "14.000", "14 000", "14,000" and "14k" are one value; "3,5
millions" is 3 500 000; "plusieurs milliers" / "several thousand" / "mehrere
Tausend" is a *range* (``value=None``, ``low``/``high``), so that "several
thousand" against 14 000 can be judged incompatible while "14 000" against
"about 14 200" is not (see :func:`interval` and :func:`compatible`).

Years, days of the month, clock times, ordinals and identifiers ("COVID-19")
are not quantities and are skipped.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from storyline.sentences import split_sentences
from storyline.types import Article, Quantity

__all__ = [
    "extract_quantities",
    "context_phrase",
    "parse_number",
    "interval",
    "compatible",
    "same_counted",
    "counted_stem",
    "ROUNDING_SHARE",
    "APPROX_SHARE",
]

#: A bare integer with k trailing zeros is read as rounded to 10^k, i.e. it
#: stands for anything within +-0.5*10^k -- but never more than this share of
#: the value: "14 000" covers 13 500..14 500, "100 000" covers 95 000..105 000
#: (a reporter rounding 96 000 to "100 000" is common; 93 000 is not).
#: Chosen by hand on the examples' look-alike pairs written for this purpose.
ROUNDING_SHARE = 0.05
#: "about / some / environ / etwa" widen a value by this share either side.
#: 8% keeps "environ 400" compatible with 420 and "nearly 2,000" with 1 987,
#: while "about two thirds" (66.7%) stays incompatible with "rund 80%"
#: (hand-written look-alike pairs; 10% made the last pair overlap).
APPROX_SHARE = 0.08
#: "more than X" / "at least X" is read as X..X*(1+OPEN_SHARE): a reporter
#: writes the figure they have, so "at least 14 dead" and "at least 19 dead"
#: are two different tolls, while "plus de 120 blessés" still covers 124.
OPEN_SHARE = 0.10

# -- lexicons (written for this project) ---------------------------------------------------

_SCALES: dict[str, float] = {
    "k": 1e3, "mille": 1e3, "thousand": 1e3, "tausend": 1e3, "mil": 1e3, "тыс": 1e3, "тысяч": 1e3,
    "m": 1e6, "mio": 1e6, "million": 1e6, "millions": 1e6, "millionen": 1e6, "millón": 1e6,
    "millones": 1e6, "milione": 1e6, "milioni": 1e6, "млн": 1e6, "миллион": 1e6, "миллиона": 1e6,
    "миллионов": 1e6,
    "milliard": 1e9, "milliards": 1e9, "billion": 1e9, "billions": 1e9, "mrd": 1e9, "milliarde": 1e9,
    "milliarden": 1e9, "miliardo": 1e9, "miliardi": 1e9, "млрд": 1e9,
}  # fmt: skip

_NUMBER_WORDS: dict[str, dict[str, float]] = {
    "fr": {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
           "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30, "quarante": 40,
           "cinquante": 50, "cent": 100, "mille": 1000},
    "en": {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
           "fifty": 50, "hundred": 100, "dozen": 12},
    "de": {"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
           "zehn": 10, "elf": 11, "zwölf": 12, "fünfzehn": 15, "zwanzig": 20, "dreißig": 30, "hundert": 100},
    "es": {"dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
           "diez": 10, "doce": 12, "quince": 15, "veinte": 20, "treinta": 30, "cien": 100},
    "it": {"due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "nove": 9,
           "dieci": 10, "dodici": 12, "quindici": 15, "venti": 20, "trenta": 30, "cento": 100},
}  # fmt: skip


def _compounds() -> None:
    """Add the written numbers 21..99 that are single words (it/es/de) or hyphenated (en)."""
    units = {
        "it": ["uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"],
        "es": ["uno", "dós", "trés", "cuatro", "cinco", "séis", "siete", "ocho", "nueve"],
        "de": ["ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"],
        "en": ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
    }
    tens = {
        "it": ["venti", "trenta", "quaranta", "cinquanta", "sessanta", "settanta", "ottanta", "novanta"],
        "es": ["veinti", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"],
        "de": ["zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"],
        "en": ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"],
    }
    for lang, ts in tens.items():
        words = _NUMBER_WORDS[lang]
        for t_i, t in enumerate(ts):
            tv = 20 + 10 * t_i
            words.setdefault(t.rstrip("i") + "e" if lang == "es" and t_i == 0 else t, tv)
            for u_i, u in enumerate(units[lang]):
                v = tv + u_i + 1
                if lang == "it":  # "ventuno", "ventotto": the final vowel drops before a vowel
                    words[(t[:-1] if u[0] in "uo" else t) + u] = v
                elif lang == "es":
                    if t_i == 0:
                        words["veinti" + u] = v
                        words["veinti" + u.replace("é", "e").replace("ó", "o")] = v
                elif lang == "de":
                    words[u + "und" + t] = v
                else:
                    words[f"{t}-{u}"] = v


_compounds()

# Vague amounts, (pattern, low, high).  Plural "thousands" means a few
# thousand (2..9 999): 14 000 would be "more than ten thousand" or "tens of
# thousands", which have their own entries.  Longest patterns first.
_VAGUE: list[tuple[str, float, float]] = [
    (r"(?:des|plusieurs|quelques)\s+centaines\s+de\s+milliers", 2e5, 999_999),
    (r"(?:hundreds\s+of\s+thousands)", 2e5, 999_999),
    (r"(?:hunderttausende)", 2e5, 999_999),
    (r"(?:cientos|centenares)\s+de\s+miles", 2e5, 999_999),
    (r"centinaia\s+di\s+migliaia", 2e5, 999_999),
    (r"(?:des|plusieurs|quelques)\s+dizaines\s+de\s+milliers", 2e4, 99_999),
    (r"tens\s+of\s+thousands", 2e4, 99_999),
    (r"zehntausende", 2e4, 99_999),
    (r"decenas\s+de\s+miles", 2e4, 99_999),
    (r"decine\s+di\s+migliaia", 2e4, 99_999),
    (r"(?:plusieurs|quelques|des)\s+millions", 2e6, 9_999_999),
    (r"(?:several\s+|a\s+few\s+)?millions", 2e6, 9_999_999),
    (r"(?:plusieurs|quelques|des)\s+milliers", 2e3, 9_999),
    (r"(?:several|a\s+few)\s+thousand", 2e3, 9_999),
    (r"thousands", 2e3, 9_999),
    (r"(?:mehrere|einige|ein\s+paar)\s+tausend", 2e3, 9_999),
    (r"tausende", 2e3, 9_999),
    (r"(?:varios|unos)\s+miles|miles(?=\s+de\s)", 2e3, 9_999),
    (r"(?:diverse|alcune|parecchie)\s+migliaia|migliaia", 2e3, 9_999),
    (r"milliers", 2e3, 9_999),
    (r"un\s+millier", 800, 1_200),
    (r"(?:plusieurs|quelques|des)\s+centaines", 200, 999),
    (r"(?:several|a\s+few)\s+hundred|hundreds", 200, 999),
    (r"(?:mehrere|einige)\s+hundert|hunderte", 200, 999),
    (r"(?:varios\s+)?(?:cientos|centenares)", 200, 999),
    (r"(?:diverse\s+)?centinaia", 200, 999),
    (r"une\s+centaine", 80, 120),
    (r"(?:des|plusieurs|quelques)\s+dizaines", 20, 99),
    (r"dozens|dutzende|decenas|decine", 20, 99),
    (r"une\s+dizaine", 8, 12),
]

# Hedges before a number.
_APPROX = (
    r"quelque|environ|près\s+de|presque|autour\s+de|approximativement|about|around|approximately|nearly|"
    r"roughly|some|almost|rund|etwa|ungefähr|fast|knapp|circa|ca\.|alrededor\s+de|cerca\s+de|unos|unas|"
    r"casi|quasi|circa|intorno\s+a|около|почти|примерно"
)
_AT_LEAST = r"plus\s+de|au\s+moins|more\s+than|over|at\s+least|mehr\s+als|über|mindestens|más\s+de|al\s+menos|oltre|più\s+di|almeno|более"
_AT_MOST = r"moins\s+de|less\s+than|fewer\s+than|under|up\s+to|jusqu'à|weniger\s+als|bis\s+zu|menos\s+de|hasta|meno\s+di|fino\s+a|менее"

# Units: surface -> (canonical unit, factor to the canonical unit).
_UNITS: dict[str, tuple[str, float]] = {
    "%": ("%", 1), "pour cent": ("%", 1), "pourcent": ("%", 1), "percent": ("%", 1), "per cent": ("%", 1),
    "prozent": ("%", 1), "por ciento": ("%", 1), "per cento": ("%", 1), "процентов": ("%", 1),
    "km": ("m", 1000), "kilomètres": ("m", 1000), "kilomètre": ("m", 1000), "kilometres": ("m", 1000),
    "kilometers": ("m", 1000), "kilometre": ("m", 1000), "kilometer": ("m", 1000), "kilómetros": ("m", 1000),
    "chilometri": ("m", 1000), "км": ("m", 1000),
    "m": ("m", 1), "mètres": ("m", 1), "mètre": ("m", 1), "metres": ("m", 1), "meters": ("m", 1),
    "meter": ("m", 1), "metros": ("m", 1), "metri": ("m", 1),
    "miles": ("m", 1609.344), "mile": ("m", 1609.344), "meilen": ("m", 1609.344), "millas": ("m", 1609.344),
    "kg": ("kg", 1), "kilos": ("kg", 1), "kilogrammes": ("kg", 1), "kilograms": ("kg", 1),
    "tonnes": ("kg", 1000), "tonne": ("kg", 1000), "tons": ("kg", 1000), "tonnen": ("kg", 1000),
    "toneladas": ("kg", 1000), "tonnellate": ("kg", 1000), "t": ("kg", 1000),
    "hectares": ("m2", 1e4), "hektar": ("m2", 1e4), "km2": ("m2", 1e6), "km²": ("m2", 1e6),
    "€": ("EUR", 1), "euros": ("EUR", 1), "euro": ("EUR", 1), "eur": ("EUR", 1),
    "$": ("USD", 1), "dollars": ("USD", 1), "dollar": ("USD", 1), "usd": ("USD", 1), "dólares": ("USD", 1),
    "dollari": ("USD", 1), "£": ("GBP", 1), "livres sterling": ("GBP", 1), "pounds": ("GBP", 1),
    "gbp": ("GBP", 1), "chf": ("CHF", 1), "francs suisses": ("CHF", 1), "franken": ("CHF", 1),
    "roubles": ("RUB", 1), "rubles": ("RUB", 1), "рублей": ("RUB", 1),
    "ans": ("year", 1), "years": ("year", 1), "jahre": ("year", 1), "años": ("year", 1), "anni": ("year", 1),
    "jours": ("day", 1), "days": ("day", 1), "tage": ("day", 1), "días": ("day", 1), "giorni": ("day", 1),
    "mois": ("year", 1 / 12), "months": ("year", 1 / 12), "monate": ("year", 1 / 12), "monaten": ("year", 1 / 12),
    "meses": ("year", 1 / 12), "mesi": ("year", 1 / 12), "jahren": ("year", 1), "jahr": ("year", 1),
    "year": ("year", 1), "anno": ("year", 1), "año": ("year", 1),
    "kilometern": ("m", 1000), "heures": ("h", 1), "hours": ("h", 1), "stunden": ("h", 1), "horas": ("h", 1), "ore": ("h", 1),
    "minutes": ("h", 1 / 60), "minuten": ("h", 1 / 60), "minutos": ("h", 1 / 60), "minuti": ("h", 1 / 60),
}  # fmt: skip
_CURRENCY_PREFIX = {"€": "EUR", "$": "USD", "£": "GBP", "US$": "USD"}

_MONTHS = [
    "janvier",
    "février",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "decembre",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "januar",
    "februar",
    "märz",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
_MONTH_SET = frozenset(_MONTHS)

# Words that never name what is counted.
_STOP = frozenset(
    [
        "de",
        "d",
        "des",
        "du",
        "la",
        "le",
        "les",
        "l",
        "un",
        "une",
        "et",
        "ou",
        "à",
        "a",
        "au",
        "aux",
        "en",
        "dans",
        "par",
        "pour",
        "sur",
        "avec",
        "sans",
        "of",
        "the",
        "a",
        "an",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "with",
        "from",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "und",
        "oder",
        "im",
        "in",
        "am",
        "zu",
        "von",
        "mit",
        "für",
        "el",
        "la",
        "los",
        "las",
        "un",
        "una",
        "y",
        "o",
        "en",
        "de",
        "del",
        "con",
        "por",
        "para",
        "il",
        "lo",
        "gli",
        "le",
        "un",
        "una",
        "e",
        "o",
        "di",
        "del",
        "della",
        "in",
        "con",
        "per",
        "da",
        "que",
        "qui",
        "which",
        "that",
        "who",
        "été",
        "ont",
        "sont",
        "était",
        "is",
        "are",
        "was",
        "were",
        "have",
        "has",
        "had",
        "been",
        "lors",
        "après",
        "avant",
        "puis",
        "alors",
        "when",
        "during",
        "after",
        "before",
        "then",
    ]
)

# Who states it: "selon X", "d'après X", "according to X"... up to the next comma.
_SOURCE = re.compile(
    r"\b(?:selon|d['’]après|according\s+to|laut|zufolge|según|segun|secondo|citing|citant|по\s+данным)\s+"
    r"([^,;:.()«»\"“”]{2,80})",
    re.IGNORECASE,
)
# "X affirment que ..." / "X said that ...": a short subject before a reporting verb.
_SUBJECT_SOURCE = re.compile(
    r"^\s*([^,;:.]{2,60}?)\s+(?:affirme(?:nt)?|estime(?:nt)?|indique(?:nt)?|assure(?:nt)?|a\s+déclaré|"
    r"ont\s+déclaré|says?|said|claims?|estimates?|sagte|sagten|erklärte|afirma(?:n|ron)?|dijo|afferma(?:no)?|"
    r"ha\s+detto)\s+(?:que|qu['’]|that|dass|che)?",
    re.IGNORECASE,
)

_SEP = r"[ \u00a0\u202f.,'’]"
_NUM = rf"\d{{1,3}}(?:{_SEP}\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SCALE_ALT = "|".join(sorted((re.escape(s) for s in _SCALES), key=len, reverse=True))
_UNIT_ALT = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?<![\w.,\-/:])(?P<cur>US\$|[€$£])?\s?(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE_ALT})(?!\w)\.?)?",
    re.IGNORECASE,
)
_VAGUE_RE = [(re.compile(rf"(?<!\w){p}(?!\w)", re.IGNORECASE), lo, hi) for p, lo, hi in _VAGUE]
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def parse_number(surface: str) -> float | None:
    """Value of a written number: "14.000" = "14 000" = "14,000" = 14000; "3,5" = 3.5; "14k" = 14000."""
    m = re.fullmatch(rf"\s*({_NUM})\s*({_SCALE_ALT})?\.?\s*", surface, re.IGNORECASE)
    if m is None:
        return None
    value = _digits_value(m.group(1))
    scale = m.group(2)
    if value is not None and scale:
        value *= _SCALES[scale.lower()]
    return value


def _digits_value(num: str) -> float | None:
    # A separator followed by exactly three digits is a thousands separator
    # ("14.000", "14,000", "14 000"); otherwise "." or "," is the decimal mark.
    groups = re.split(r"[ \u00a0\u202f'’]", num)
    joined = "".join(groups)
    m = re.fullmatch(r"(\d+(?:[.,]\d{3})*)(?:([.,])(\d+))?", joined)
    if m is None:
        return None
    head, frac = m.group(1), m.group(3)
    parts = re.split(r"[.,]", head)
    if len(parts) == 2 and parts[0] == "0" and frac is None:  # "0.500" is a decimal
        return float("0." + parts[1])
    # "14.000" / "14,000" alone: thousands, not 14.0 (a decimal with exactly
    # three digits is rare in news counts; "0.500" stays decimal).
    if frac is not None and len(frac) == 3 and len(parts) == 1 and len(groups) == 1 and parts[0] != "0":
        return float(parts[0] + frac)
    if frac is not None and len(frac) == 3 and len(parts) > 1:
        return float("".join(parts) + frac)
    value = float("".join(parts))
    if frac is not None:
        value += float("0." + frac)
    return value


def _trailing_zeros(value: float) -> int:
    if value <= 0 or value != int(value):
        return 0
    n, k = int(value), 0
    while n % 10 == 0:
        n //= 10
        k += 1
    return k


def interval(q: Quantity) -> tuple[float, float] | None:
    """The range of true values a statement allows (rounding and hedges included)."""
    if q.value is None:
        if q.low is None or q.high is None:
            return None
        return (q.low, q.high)
    v = q.value
    if q.low is not None and q.high is None:  # "more than X"
        return (q.low, q.low * (1 + OPEN_SHARE))
    if q.high is not None and q.low is None:  # "less than X"
        return (q.high * (1 - OPEN_SHARE), q.high)
    slack = min(0.5 * 10 ** _trailing_zeros(v), ROUNDING_SHARE * abs(v))
    if q.approx:
        slack = max(slack, APPROX_SHARE * abs(v))
    return (v - slack, v + slack)


def compatible(a: Quantity, b: Quantity) -> bool | None:
    """True when two statements can both be right, False when not, None when incomparable.

    Incomparable: different dimensions or currencies (no exchange rates here),
    or a side without any value.
    """
    if (a.unit or None) != (b.unit or None):
        return None
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return None
    return ia[0] <= ib[1] + 1e-9 and ib[0] <= ia[1] + 1e-9


def counted_stem(word: str | None) -> str | None:
    """Crude cross-inflection key of a counted noun ("soldats" = "soldat", "Soldaten" -> "soldat")."""
    if not word:
        return None
    w = word.casefold().strip("'’-")
    for end in ("en", "es", "s", "x", "i", "e", "ы", "ов", "а"):
        if len(w) - len(end) >= 4 and w.endswith(end):
            return w[: -len(end)]
    return w


def same_counted(a: Quantity, b: Quantity) -> bool:
    """Do two quantities count the same kind of thing (same-language stem match)?"""
    sa, sb = counted_stem(a.counts), counted_stem(b.counts)
    return sa is not None and sa == sb


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    approx: bool


# Function words allowed between a number and the noun it counts ("milliers de soldats").
_COUNT_GAP = frozenset(
    [
        "de",
        "d",
        "des",
        "du",
        "of",
        "di",
        "del",
        "dei",
        "degli",
        "delle",
        "an",
        "von",
        "der",
        "its",
        "their",
        "ses",
        "leurs",
        "sus",
        "seine",
        "ihre",
        "suoi",
        "loro",
    ]
)
_HALF = re.compile(
    r"\s*(?:et\s+demie?|and\s+a\s+half|e\s+mezzo|y\s+medio|und\s+ein\s+halb)(?!\w)", re.IGNORECASE
)
_UNIT_AFTER = re.compile(rf"\s?(?:(?:de|d['’]|di|of)\s?)?(?P<unit>{_UNIT_ALT})(?!\w)", re.IGNORECASE)
_SCALE_AFTER = re.compile(rf"\s?(?P<scale>{_SCALE_ALT})(?!\w)\.?", re.IGNORECASE)
_MAGNITUDE = re.compile(
    r"(?:magnitude|magnitud|magnitudo|stärke|richter)\s+(?:de\s+|di\s+|von\s+|of\s+)?$", re.IGNORECASE
)
_CLOCK_BEFORE = re.compile(
    r"(?:^|\s)(?:à|at|um|vers|gegen|alle|a\s+las|las|ab|bis|dès|jusqu['’]à|lundi|mardi|mercredi|jeudi|vendredi|"
    r"samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*$",
    re.IGNORECASE,
)
_CLOCK_UNIT = re.compile(
    r"\s?(?:heures?|h|uhr|o['’]clock|horas?|ore|gmt|utc|mez|cet|cest)(?!\w)", re.IGNORECASE
)
_AGE = re.compile(
    r"(?:âgée?s?\s+de|aged|alter\s+von|im\s+alter|di\s+età|de\s+edad|età\s+di)\s*$", re.IGNORECASE
)
_AGE_AFTER = re.compile(r"\s*(?:jahre?n?\s+alte|-?\s*years?\s*-\s*old|ans\s*,|anni\s*,)", re.IGNORECASE)
_DENOMINATOR = re.compile(
    r"\d[\d.,]*\s+(?:of|out\s+of|von|de|di|sur|su|de\s+cada)\s+(?:(?:its|their|the|ses|leurs|sus|seine[nm]?|ihre[nm]?|"
    r"suoi|loro|les|la|le|los|las|die|der|den)\s+)?(?:(?:rund|environ|about|some|etwa|unos|circa)\s+)?$",
    re.IGNORECASE,
)
_FRACTION_WORDS: dict[str, float] = {
    "tiers": 1 / 3, "thirds": 1 / 3, "third": 1 / 3, "drittel": 1 / 3, "tercios": 1 / 3, "terzi": 1 / 3,
    "quarts": 1 / 4, "quarters": 1 / 4, "viertel": 1 / 4, "cuartos": 1 / 4, "quarti": 1 / 4,
}  # fmt: skip
_ALL_WORDS: dict[str, float] = {w: v for lang in _NUMBER_WORDS.values() for w, v in lang.items()}
_RATIO = re.compile(
    r"(?<!\w)(?P<a>\d+|[^\W\d_]+)\s+(?:von|sur|out\s+of|su|de\s+cada|in)\s+(?P<b>\d+|[^\W\d_]+)(?!\w)",
    re.IGNORECASE,
)
_PART = re.compile(
    r"(?<!\w)(?P<a>\d+|[^\W\d_]+)\s+(?P<f>" + "|".join(_FRACTION_WORDS) + r")(?!\w)", re.IGNORECASE
)


def _counted_after(sentence: str, end: int) -> str | None:
    """The noun right after a number: "14.000 soldats", "milliers de militaires", "19 people"."""
    skipped = 0
    for m in _WORD.finditer(sentence, end):
        gap = sentence[end : m.start()]
        # "420 of its 1,100 jobs": a partitive may put another number before the noun.
        partitive = skipped and re.fullmatch(r"\s*\d[\d.,\s]*", gap)
        if not partitive and (re.search(r"[,;:.()«»\"“”]", gap) or len(gap.strip()) > 1):
            return None
        low = m.group(0).casefold()
        if re.match(r"[ld]['’]", low) and low not in ("d'",):
            if low.startswith("d") and len(low) > 3 and skipped == 0:  # "millions d'euros"
                return low[2:]
            return None  # "tous deux l'objet": a determiner follows, nothing is counted
        if low in _COUNT_GAP and skipped < 2:
            skipped += 1
            end = m.end()
            continue
        if low in _STOP or low in _MONTH_SET or low in _SCALES or len(low) < 3:
            return None
        return low
    return None


# Clause punctuation, but not the separators inside "1,100" or "3.5".
_CLAUSE_BREAK = re.compile(r"[;:()«»\"“”]|[,.](?!\d)")


def context_phrase(q: Quantity, *, words: int = 3, after: int = 4) -> str:
    """The words around a quantity with the number masked: "faisant au moins N morts".

    Masking makes the phrases of "14 morts" and "19 people killed" comparable
    by meaning (what is counted, in which role) rather than by value.
    """
    at = q.sentence.find(q.text)
    if at < 0:
        return q.text
    left = _CLAUSE_BREAK.split(q.sentence[:at])[-1].split()[-words:]
    right = _CLAUSE_BREAK.split(q.sentence[at + len(q.text) :])[0].split()[:after]
    return " ".join([*left, "N", *right])


def _hedge(sentence: str, start: int) -> tuple[bool, str | None]:
    before = sentence[max(0, start - 30) : start].casefold()
    if re.search(rf"(?:{_AT_LEAST})\s*$", before):
        return False, "min"
    if re.search(rf"(?:{_AT_MOST})\s*$", before):
        return False, "max"
    return bool(re.search(rf"(?:{_APPROX})\s*$", before)), None


def _not_a_quantity(sentence: str, start: int, end: int, raw: str, value: float, has_unit: bool) -> bool:
    """Dates, years, clock times, ages, identifiers (``end``: the end of the digits)."""
    after = sentence[end : end + 20].casefold()
    before = sentence[max(0, start - 25) : start].casefold()
    next_word = re.match(r"\s*([^\W\d_]+)", after)
    prev_word = re.search(r"([^\W\d_]+)\.?\s*$", before)
    if next_word and next_word.group(1) in _MONTH_SET:
        return True
    if prev_word and prev_word.group(1) in _MONTH_SET:
        return True
    if re.match(r"\s*(?:h\d|:\d|[-/]\d|-[^\W\d_])", after) or re.match(r"(?:h|:)\d", after):
        return True
    if _CLOCK_UNIT.match(after) and (_CLOCK_BEFORE.search(before) or re.fullmatch(r"\d{1,2}[.:]\d{2}", raw)):
        return True
    if _AGE.search(before) or _AGE_AFTER.match(sentence[end : end + 20]):
        return True
    if _DENOMINATOR.search(sentence[max(0, start - 40) : start]):
        return True  # "420 of its 1,100 jobs": the total is context, not a figure to compare
    if has_unit:
        return False
    if re.fullmatch(r"\d{4}", raw) and 1800 <= value <= 2100:
        if re.search(
            r"(?:^|\s)(?:en|in|im|bis|until|by|d['’]ici|jusqu['’]en|seit|since|depuis|from|ab|dal|desde|hasta|entre|between|zwischen|fin|end|année|year|jahr)\s*$",
            before,
        ):
            return True
        # A bare year unless a counted noun follows directly ("2000 soldats").
        return not (next_word and next_word.group(1) not in _STOP and next_word.group(1) not in _MONTH_SET)
    return False


def _tail(
    sentence: str, end: int, value: float, unit: str | None, scale_done: bool
) -> tuple[int, float, str | None]:
    """Extend a number with "et demi", a scale word and a unit that follow it."""
    h = _HALF.match(sentence, end)
    if h:
        value, end = value + 0.5, h.end()
    if not scale_done:
        sc = _SCALE_AFTER.match(sentence, end)
        if sc and sc.group("scale").lower() not in ("m", "k"):
            value, end = value * _SCALES[sc.group("scale").lower()], sc.end()
    if unit is None:
        u = _UNIT_AFTER.match(sentence, end)
        if u:
            canon, factor = _UNITS[u.group("unit").lower()]
            unit, value, end = canon, value * factor, u.end()
    return end, value, unit


def _numeric_hits(sentence: str) -> list[_Hit]:
    hits: list[_Hit] = []
    for m in _NUMBER.finditer(sentence):
        value = _digits_value(m.group("num"))
        if value is None:
            continue
        end = m.end("num")
        unit: str | None = None
        cur = m.group("cur")
        if cur:
            unit = _CURRENCY_PREFIX.get(cur.upper(), _CURRENCY_PREFIX.get(cur))
        scale = m.group("scale")
        scale_done = False
        if scale and not (scale.lower() == "m" and not cur):  # "3 m" is metres, "€3m" millions
            value *= _SCALES[scale.lower()]
            end = m.end("scale")
            scale_done = True
        if _not_a_quantity(sentence, m.start(), m.end("num"), m.group("num"), value, bool(cur or scale_done)):
            continue
        if _MAGNITUDE.search(sentence[max(0, m.start() - 30) : m.start()]):
            unit = "magnitude"  # a scale reading, never followed by a unit
        else:
            end, value, unit = _tail(sentence, end, value, unit, scale_done)
        approx, bound = _hedge(sentence, m.start())
        hits.append(_Hit(m.start(), end, value, value if bound == "min" else None,
                         value if bound == "max" else None, unit, approx))  # fmt: skip
    return hits


def _word_value(word: str, words: dict[str, float]) -> float | None:
    w = word.casefold()
    if w in words:
        return float(words[w])
    if w.endswith("einhalb") and w[: -len("einhalb")] in words:  # "viereinhalb"
        return float(words[w[: -len("einhalb")]]) + 0.5
    parts = w.split("-")  # "quarante-huit", "vingt-sept"
    if len(parts) > 1 and all(p in words or p == "et" for p in parts):
        return float(sum(words[p] for p in parts if p != "et"))
    return None


def _word_hits(sentence: str, language: str | None, taken: list[tuple[int, int]]) -> list[_Hit]:
    words = _NUMBER_WORDS.get(language or "", {})
    hits: list[_Hit] = []

    def free(a: int, b: int) -> bool:
        return not any(a < e and s < b for s, e in taken)

    def number(token: str) -> float | None:
        return float(token) if token.isdigit() else _word_value(token, _ALL_WORDS)

    for m in _RATIO.finditer(sentence):  # "vier von fünf", "4 out of 5"
        a, b = number(m.group("a")), number(m.group("b"))
        if a is not None and b and a < b and free(m.start(), m.end()):
            taken.append((m.start(), m.end()))
            hits.append(
                _Hit(m.start(), m.end(), 100 * a / b, None, None, "%", _hedge(sentence, m.start())[0])
            )
    for m in _PART.finditer(sentence):  # "deux tiers", "two thirds", "drei Viertel"
        a = number(m.group("a"))
        if a is not None and free(m.start(), m.end()):
            taken.append((m.start(), m.end()))
            v = 100 * a * _FRACTION_WORDS[m.group("f").lower()]
            hits.append(_Hit(m.start(), m.end(), v, None, None, "%", _hedge(sentence, m.start())[0]))
    for pattern, lo, hi in _VAGUE_RE:
        for m in pattern.finditer(sentence):
            if free(m.start(), m.end()):
                taken.append((m.start(), m.end()))
                hits.append(_Hit(m.start(), m.end(), None, lo, hi, None, True))
    if words:
        for m in _WORD.finditer(sentence):
            wv = _word_value(m.group(0), words)
            if wv is None or not free(m.start(), m.end()):
                continue
            end, value, unit = _tail(sentence, m.end(), wv, None, False)
            approx, bound = _hedge(sentence, m.start())
            hits.append(_Hit(m.start(), end, value, value if bound == "min" else None,
                             value if bound == "max" else None, unit, approx))  # fmt: skip
    return hits


def _merge_compounds(sentence: str, hits: list[_Hit]) -> list[_Hit]:
    """ "quattro anni e sei mesi" -> one duration of 4.5 years."""
    out: list[_Hit] = []
    for h in sorted(hits, key=lambda h: h.start):
        prev = out[-1] if out else None
        if (
            prev is not None and prev.unit == h.unit and h.unit in ("year", "h", "m", "kg")
            and prev.value is not None and h.value is not None
            and re.fullmatch(r"\s*(?:et|and|und|e|y|,)\s*", sentence[prev.end : h.start], re.IGNORECASE)
        ):  # fmt: skip
            prev.value += h.value
            prev.end = h.end
            continue
        out.append(h)
    return out


def _source(sentence: str) -> str | None:
    m = _SOURCE.search(sentence)
    if m:
        return m.group(1).strip()
    m = _SUBJECT_SOURCE.match(sentence)
    if m and len(m.group(1).split()) <= 6:
        return m.group(1).strip()
    return None


def extract_quantities(article: Article) -> list[Quantity]:
    """Every quantity stated in ``article``'s sentences (``article.sentences``, else split)."""
    if not isinstance(article, Article):
        raise TypeError(f"extract_quantities() takes an Article, not {type(article).__name__}")
    sentences = article.sentences or split_sentences(article.text or "")
    out: list[Quantity] = []
    for sentence in sentences:
        hits = _numeric_hits(sentence)
        taken = [(h.start, h.end) for h in hits]
        hits = _merge_compounds(sentence, hits + _word_hits(sentence, article.language, taken))
        if not hits:
            continue
        source = _source(sentence)
        for h in sorted(hits, key=lambda h: h.start):
            counts = _counted_after(sentence, h.end)
            if h.unit is None and counts is None:
                continue  # a bare number that counts nothing nameable: not comparable, not shown
            if h.value is not None and not math.isfinite(h.value):
                continue
            out.append(
                Quantity(
                    value=h.value if h.value is not None and (h.low is None or h.high is None) else None,
                    unit=h.unit,
                    counts=counts,
                    text=sentence[h.start : h.end].strip(),
                    article=article.id,
                    low=h.low,
                    high=h.high,
                    approx=h.approx,
                    source=source,
                    sentence=sentence,
                )
            )
    return out
