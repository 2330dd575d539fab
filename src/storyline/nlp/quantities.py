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
from collections.abc import Mapping
from dataclasses import dataclass

from storyline import lang
from storyline.nlp.lexicon_numbers import (
    APPROX,
    AT_LEAST,
    AT_MOST,
    COUNT_CONNECTIVES,
    CURRENCY_PREFIX,
    SCALES,
    UNITS,
    VAGUE,
)
from storyline.nlp.sentences import split_sentences
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

# Language-derived tables (set by _language_tables): who states a figure --
# "selon X", "according to X"... up to the next comma, or "X affirment que",
# "X said that": a short subject before a reporting verb -- and the words
# that name no counted thing (function words, months).
_SOURCE: re.Pattern[str]
_SUBJECT_SOURCE: re.Pattern[str]
COUNT_STOPWORDS: frozenset[str]
MONTH_SET: frozenset[str]

_SEP = r"[ \u00a0\u202f.,'’]"
_NUM = rf"\d{{1,3}}(?:{_SEP}\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SCALE_ALT = "|".join(sorted((re.escape(s) for s in SCALES), key=len, reverse=True))
_UNIT_ALT = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?<![\w.,\-/:])(?P<cur>US\$|[€$£])?\s?(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE_ALT})(?!\w)\.?)?",
    re.IGNORECASE,
)
_VAGUE_RE = [(re.compile(rf"(?<!\w){p}(?!\w)", re.IGNORECASE), lo, hi) for p, lo, hi in VAGUE]
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def parse_number(surface: str) -> float | None:
    """Value of a written number: "14.000" = "14 000" = "14,000" = 14000; "3,5" = 3.5; "14k" = 14000."""
    m = re.fullmatch(rf"\s*({_NUM})\s*({_SCALE_ALT})?\.?\s*", surface, re.IGNORECASE)
    if m is None:
        return None
    value = _digits_value(m.group(1))
    scale = m.group(2)
    if value is not None and scale:
        value *= SCALES[scale.lower()]
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
# A clock time follows these: "à 10 h", "um 14 Uhr", "lundi 10 h" (set by _language_tables).
_CLOCK_BEFORE: re.Pattern[str]
_CLOCK_UNIT = re.compile(
    r"\s?(?:heures?|h|uhr|o['’]clock|horas?|ore|gmt|utc|mez|cet|cest)(?!\w)", re.IGNORECASE
)
_AGE = re.compile(
    r"(?:âgée?s?\s+de|aged|alter\s+von|im\s+alter|di\s+età|de\s+edad|età\s+di)\s*$", re.IGNORECASE
)
_AGE_AFTER = re.compile(r"\s*(?:jahre?n?\s+alte|-?\s*years?\s*-\s*old|ans\s*,|anni\s*,)", re.IGNORECASE)
# Scores, records and spaced compounds: a dash joins the number to another
# number or a word ("3 - 0", "10-5", "100 - catch").  On ECB+ dev (tokenised
# text) these made 40 of a sample of 60 number "discrepancies" in sports
# stories: two scores of one game are not a count stated twice.
_SCORE_AFTER = re.compile(r"\s*[-–]\s*(?:\d|[^\W\d_])")
_SCORE_BEFORE = re.compile(r"(?<![\d.,])(\d+)\s*[-–]\s*$")
_CLOCK_BEFORE_DIGITS = re.compile(r"\d\s*[:h]\s*$")
_RANK_BEFORE = re.compile(r"(?:(?:^|\s)(?:no|nr|n°|nº|num)\.?|#)\s*$", re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(
    r"(?:^|\s)(?:the|this|that|its|their|la|le|l['’]|cette|ce|der|die|das|dem|den|el|il|lo)\s*$", re.IGNORECASE
)
_DENOMINATOR = re.compile(
    r"\d[\d.,]*\s+(?:of|out\s+of|von|de|di|sur|su|de\s+cada)\s+(?:(?:its|their|the|ses|leurs|sus|seine[nm]?|ihre[nm]?|"
    r"suoi|loro|les|la|le|los|las|die|der|den)\s+)?(?:(?:rund|environ|about|some|etwa|unos|circa)\s+)?$",
    re.IGNORECASE,
)
_FRACTION_WORDS: dict[str, float] = {
    "tiers": 1 / 3, "thirds": 1 / 3, "third": 1 / 3, "drittel": 1 / 3, "tercios": 1 / 3, "terzi": 1 / 3,
    "quarts": 1 / 4, "quarters": 1 / 4, "viertel": 1 / 4, "cuartos": 1 / 4, "quarti": 1 / 4,
}  # fmt: skip
# Number words of every registered language (set by _language_tables).
_ALL_WORDS: dict[str, float]
_RATIO = re.compile(
    r"(?<!\w)(?P<a>\d+|[^\W\d_]+)\s+(?:von|sur|out\s+of|su|de\s+cada|in)\s+(?P<b>\d+|[^\W\d_]+)(?!\w)",
    re.IGNORECASE,
)
_PART = re.compile(
    r"(?<!\w)(?P<a>\d+|[^\W\d_]+)\s+(?P<f>" + "|".join(_FRACTION_WORDS) + r")(?!\w)", re.IGNORECASE
)


@lang.on_change
def _language_tables() -> None:
    global _SOURCE, _SUBJECT_SOURCE, COUNT_STOPWORDS, MONTH_SET, _CLOCK_BEFORE, _ALL_WORDS
    _SOURCE = re.compile(rf"\b(?:{'|'.join(lang.collect('according_to'))})\s+([^,;:.()«»\"“”]{{2,80}})", re.IGNORECASE)
    _SUBJECT_SOURCE = re.compile(
        rf"^\s*([^,;:.]{{2,60}}?)\s+(?:{'|'.join(lang.collect('source_cues'))})\s+(?:que|qu['’]|that|dass|che)?",
        re.IGNORECASE,
    )
    COUNT_STOPWORDS = lang.all_stop_words() | COUNT_CONNECTIVES
    MONTH_SET = frozenset(lang.months())
    weekdays = "|".join(re.escape(w) for w in sorted(lang.weekdays(), key=len, reverse=True))
    _CLOCK_BEFORE = re.compile(
        rf"(?:^|\s)(?:à|at|um|vers|gegen|alle|a\s+las|las|ab|bis|dès|jusqu['’]à|{weekdays})\s*$", re.IGNORECASE
    )
    _ALL_WORDS = {word: value for d in lang.registry() for word, value in d.number_words.items()}


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
        if low in COUNT_STOPWORDS or low in MONTH_SET or low in SCALES or len(low) < 3:
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
    if re.search(rf"(?:{AT_LEAST})\s*$", before):
        return False, "min"
    if re.search(rf"(?:{AT_MOST})\s*$", before):
        return False, "max"
    return bool(re.search(rf"(?:{APPROX})\s*$", before)), None


def _not_a_quantity(sentence: str, start: int, end: int, raw: str, value: float, has_unit: bool) -> bool:
    """Dates, years, clock times, ages, identifiers (``end``: the end of the digits)."""
    after = sentence[end : end + 20].casefold()
    before = sentence[max(0, start - 25) : start].casefold()
    next_word = re.match(r"\s*([^\W\d_]+)", after)
    prev_word = re.search(r"([^\W\d_]+)\.?\s*$", before)
    if next_word and next_word.group(1) in MONTH_SET:
        return True
    if prev_word and prev_word.group(1) in MONTH_SET:
        return True
    if re.match(r"\s*(?:h\d|:\d|[-/]\d|-[^\W\d_])", after) or re.match(r"(?:h|:)\d", after):
        return True
    if _SCORE_AFTER.match(after):
        return True  # a score or record ("won 3 - 0", "10 - 5"), a compound ("100 - catch seasons")
    score = _SCORE_BEFORE.search(before)
    if score and float(score.group(1)) >= value:
        return True  # the second figure of a score ("3 - 0"); "10-15 morts" is a range and stays
    if _CLOCK_BEFORE_DIGITS.search(before) or _RANK_BEFORE.search(before):
        return True  # the minutes of "05: 31 GMT"; a rank or an identifier ("No. 1 team", "#6")
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
        if _DETERMINER_BEFORE.search(before):
            return True  # "the 2005 season", "la 2024 édition": a year naming an occasion
        # A bare year unless a counted noun follows directly ("2000 soldats").
        return not (
            next_word and next_word.group(1) not in COUNT_STOPWORDS and next_word.group(1) not in MONTH_SET
        )
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
            value, end = value * SCALES[sc.group("scale").lower()], sc.end()
    if unit is None:
        u = _UNIT_AFTER.match(sentence, end)
        if u:
            canon, factor = UNITS[u.group("unit").lower()]
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
            unit = CURRENCY_PREFIX.get(cur.upper(), CURRENCY_PREFIX.get(cur))
        scale = m.group("scale")
        scale_done = False
        if scale and not (scale.lower() == "m" and not cur):  # "3 m" is metres, "€3m" millions
            value *= SCALES[scale.lower()]
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


def _word_value(word: str, words: Mapping[str, float]) -> float | None:
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
    data = lang.get(language) if language else None
    words = data.number_words if data is not None else {}
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
