"""Temporal expressions resolved against a reference date, in FR/EN/DE/ES/IT.

News text dates its facts mostly *relative to publication*: "lundi",
"samedi", "la semaine dernière", "l'été dernier", "hier", plus absolute
forms: "le 26 avril 2025", "en juin 2024", "April 26, 2025", "26.04.2025".
dateparser handles single date strings well but its ``search_dates`` misses
or misreads most of these inside sentences (it reads "mars" in any French
text as March, "Mai" in German nouns, and ignores "l'été dernier"), so the
finding is done by the rules below; dateparser is used only as a last resort
for a cue line such as "Publié le ..." that the rules cannot parse.

A :class:`TimeRef` keeps what the text itself says (month, day, weekday) next
to the resolved ``value``, so a later stage can still match an expression
whose reference date is unknown ("samedi" in an undated article) with a date
known from elsewhere.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from storyline import lang

__all__ = ["TimeRef", "resolve", "infer_published", "parse_reference", "GRANULARITIES"]

GRANULARITIES = ("year", "season", "month", "week", "day")

#: A day-and-month without a year is put in the year that brings it closest
#: to the reference, with a bias for the past: news reports what happened.
#: 60 days ahead covers announced events ("le 15 juin" written in May).
FUTURE_WINDOW_DAYS = 60
#: Confidence of a date found after a publication cue ("Publié le 28/04/2025").
CUE_CONFIDENCE = 0.95
#: Confidence of a weekday + day + month dateline whose year is the first
#: year >= the latest year in the text with that weekday: right on every
#: French/English news page tried by hand, but a guess when the text is old.
WEEKDAY_DATE_CONFIDENCE = 0.7
#: Confidence of "on or after the latest full date mentioned", reported at
#: month granularity: articles cite the days just before they appear, and
#: a month is what that lower bound supports.
LATEST_DATE_CONFIDENCE = 0.4

# Month and weekday names of the registered languages, and the patterns and
# trigger built from them (set by _language_tables).
_MONTHS: dict[str, int]
_WEEKDAYS: dict[str, int]
_PATTERNS: list[tuple[str, re.Pattern[str]]]
_TRIGGER: re.Pattern[str]

_SEASONS: dict[str, str] = {}
for _s, _names in {
    "spring": "printemps spring frühling frühjahr primavera",
    "summer": "été ete summer sommer verano estate",
    "autumn": "automne autumn fall herbst otoño otono autunno",
    "winter": "hiver winter invierno inverno",
}.items():
    for _n in _names.split():
        _SEASONS[_n] = _s
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}


def _alt(words: dict[str, int] | dict[str, str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_SEASON = rf"(?P<season>{_alt(_SEASONS)})"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d.,]\d)"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:er|st|nd|rd|th|\.|º|°)?"
_AP = r"['’]"
_LAST = r"(?:dernier|dernière|passée?|last|past|letzte[nms]?|vergangene[nms]?|pasad[oa]|scors[oa]|passat[oa])"
_NEXT = r"(?:prochaine?|next|nächste[nms]?|kommende[nms]?|próxim[oa]|proxim[oa]|prossim[oa])"
_SINCE = re.compile(
    rf"(?:depuis|since|seit|desde|dal|dall{_AP}|dalla|da|à partir d[eu]|from)\s+(?:(?:le|la|l{_AP}|the|el|il|"
    rf"début|fin|mi-?)\s*)*$",
    re.IGNORECASE,
)
_SINCE_CLAUSE = re.compile(
    r"\b(?:depuis\s+qu(?:e\b|['’])|since\b|seit(?:dem)?\b|desde\s+que\b|da\s+quando\b|dacché\b)", re.I
)
_UNTIL = re.compile(
    r"(?:jusqu{_AP}(?:au|à|en)|until|till|bis|hasta|fino a)\s+(?:(?:le|la|the|el|il)\s+)*$", re.I
)
_NB = r"(?<![\w/.-])"  # not glued to a word, a number or a URL
_NA = r"(?![\w/-])"


def _patterns(month_names: str, weekday_names: str) -> list[tuple[str, re.Pattern[str]]]:
    """The expression patterns, most precise first, around alternations of month and weekday names."""
    month = rf"(?P<month>{month_names})\.?"
    weekday = rf"(?P<weekday>{weekday_names})"
    # Order matters: longer, more precise forms are matched first and mask the text
    # they cover, so "lundi 28 avril 2025" is one expression, not three.
    return [
        ("iso", re.compile(rf"{_NB}(?P<year>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01]){_NA}")),
        ("numeric", re.compile(rf"{_NB}(?P<a>[0-3]?\d)[./](?P<b>[01]?\d)[./](?P<year>(?:19|20)\d\d){_NA}")),
        (
            "dmy",
            re.compile(
                rf"{_NB}(?:{weekday},?\s+)?(?:(?:le|the|am|el|il|del|on)\s+)?{_DAY}\s+(?:de\s+|of\s+)?{month}"
                rf"(?:,?\s+(?:de\s+|del\s+)?{_YEAR})?{_NA}",
                re.IGNORECASE,
            ),
        ),
        (
            "mdy",
            re.compile(
                rf"{_NB}(?:{weekday},?\s+)?{month}\s+{_DAY}(?:,?\s+{_YEAR})?{_NA}",
                re.IGNORECASE,
            ),
        ),
        ("season_year", re.compile(rf"{_NB}{_SEASON}\s+(?:de\s+|of\s+|del\s+)?{_YEAR}{_NA}", re.IGNORECASE)),
        ("month_year", re.compile(rf"{_NB}{month}\s+(?:de\s+|of\s+|del\s+)?{_YEAR}{_NA}", re.IGNORECASE)),
        (
            "season_rel",
            re.compile(rf"{_NB}(?:l{_AP}|le\s+|la\s+|el\s+|il\s+|im\s+|in\s+)?{_SEASON}\s+{_LAST}{_NA}", re.I),
        ),
        ("season_rel", re.compile(rf"{_NB}(?:im\s+)?{_LAST}\s+{_SEASON}{_NA}", re.IGNORECASE)),
        (
            "month_alone",
            re.compile(
                rf"(?:(?<=\ben\s)|(?<=\bin\s)|(?<=\bim\s)|(?<=\bnel\s)|(?<=\ba\s)|(?<=\bdébut\s)|(?<=\bfin\s)|"
                rf"(?<=\bmi-)|(?<=\bmois\sde\s)|(?<=\bmois\sd{_AP})|(?<=\bde\s)|(?<=\bdi\s)|(?<=\blast\s)){month}"
                rf"(?!\s+(?:de\s+|of\s+)?(?:\d|{month_names}))(?![\w-])",
                re.IGNORECASE,
            ),
        ),
        (
            "year_rel",
            re.compile(
                rf"{_NB}(?:l{_AP}an(?:née)?\s+{_LAST}|l{_AP}an\s+passé|{_LAST}\s+(?:year|jahr)|el\s+año\s+pasado|"
                rf"l{_AP}anno\s+(?:scorso|passato)|im\s+(?:vergangenen|letzten)\s+jahr|letztes\s+jahr)"
                rf"(?P<this>){_NA}|{_NB}(?P<cur>cette\s+année|this\s+year|dieses\s+jahr|in\s+diesem\s+jahr|"
                rf"este\s+año|quest{_AP}anno){_NA}",
                re.IGNORECASE,
            ),
        ),
        (
            "month_rel",
            re.compile(
                rf"{_NB}(?:le\s+mois\s+{_LAST}|{_LAST}\s+(?:month|monat)|el\s+mes\s+pasado|il\s+mese\s+scorso)"
                rf"(?P<this>){_NA}|{_NB}(?P<cur>ce\s+mois-ci|this\s+month|diesen\s+monat|este\s+mes|questo\s+mese|"
                rf"(?:au\s+)?début\s+du\s+mois|earlier\s+this\s+month){_NA}",
                re.IGNORECASE,
            ),
        ),
        (
            "week_rel",
            re.compile(
                rf"{_NB}(?:la\s+semaine\s+{_LAST}|{_LAST}\s+(?:week|woche)|la\s+semana\s+pasada|"
                rf"la\s+settimana\s+scorsa){_NA}",
                re.IGNORECASE,
            ),
        ),
        (
            "day_rel",
            re.compile(
                rf"{_NB}(?P<rel>avant-hier|the\s+day\s+before\s+yesterday|vorgestern|anteayer|antes\s+de\s+ayer|"
                rf"l{_AP}altro\s*ieri|altroieri|aujourd{_AP}hui|today|heute|hoy|oggi|ce\s+matin|ce\s+soir|"
                rf"this\s+morning|tonight|stamattina|stasera|esta\s+mañana|hier|yesterday|gestern|ayer|ieri|"
                rf"demain|tomorrow|domani|übermorgen){_NA}",
                re.IGNORECASE,
            ),
        ),
        (
            "weekday",
            re.compile(
                rf"{_NB}(?:(?P<pre>dernier|last|next|this|ce|letzten|vergangenen|nächsten|kommenden|el|il|am|on)\s+)?"
                rf"{weekday}(?:\s+(?P<post>dernier|prochain|passé|pasado|próximo|scorso|prossimo))?{_NA}",
                re.IGNORECASE,
            ),
        ),
        (
            "year",
            re.compile(
                rf"(?:(?<=\ben\s)|(?<=\bin\s)|(?<=\bim\sjahr\s)|(?<=\bl{_AP}année\s)|(?<=\bannée\s)|(?<=\bdébut\s)|"
                rf"(?<=\bfin\s)|(?<=\bdepuis\s)|(?<=\bsince\s)|(?<=\bseit\s)|(?<=\bdesde\s)|(?<=\bnel\s)|"
                rf"(?<=\bdel\s)|(?<=\bdal\s)|(?<=\byear\s)|(?<=\banno\s)|(?<=\baño\s)|(?<=\bearly\s)|(?<=\blate\s)|"
                rf"(?<=\bof\s)|(?<=\bbetween\s)|(?<=\bentre\s)|(?<=\bzwischen\s)|(?<=\btra\sil\s)|"
                rf"(?<=\bfra\sil\s)|(?<=\bentre\sel\s)|(?<=\bby\s)|(?<=\bd['’]ici\s)|(?<=\bbis\s)|"
                rf"(?<=\bentro\sil\s)|(?<=\bentro\s)|(?<=\bpara\s)|(?<=\bhasta\s)|(?<=\buntil\s)|"
                rf"(?<=\bjusqu['’]en\s)|(?<=\bbis\szum\sjahr\s)){_YEAR}{_NA}",
                re.IGNORECASE,
            ),
        ),
    ]


# Future markers (FR/EN/DE/ES/IT): auxiliaries, future endings of verbs,
# and prepositions that put a weekday ahead ("until Friday", "für Montag").
_FUTURE_WORDS = {
    "en": r"will|won['’]t|would|shall|(?:is|are)\s+(?:due|expected|set)\s+to|scheduled",
    "fr": r"sera|seront|aura|auront|fera|feront|ira|iront|pourra|pourront|devra|devront|devrai(?:t|ent)|"
    r"prévue?s?|[a-zéèê]{3,}(?:era|eront|ira|iront)",
    "de": r"wird|werden|soll|sollen|geplant",
    "es": r"[a-záéíóú]{2,}(?:rá|rán)|previst[oa]s?",
    "it": r"[a-zàèéìòù]{2,}(?:rà|ranno)|previst[oaie]",
}
_FUTURE = {
    code: re.compile(rf"\b(?:{words})\b")
    for code, words in {**_FUTURE_WORDS, "": "|".join(_FUTURE_WORDS.values())}.items()
}
_FUTURE_BEFORE = re.compile(
    r"\b(?:until|till|by|for|bis|für|ab|jusqu['’](?:à|au)|pour|d['’]ici|hasta|para|fino\s+a|entro)\s+"
    r"(?:\d{1,2}(?:[.:h]\d\d)?\s*(?:a\.m\.|p\.m\.|uhr|h)?\s+)?(?:(?:le|the|el|il|am|on)\s+)?$",
    re.IGNORECASE,
)
_COMPLEMENTISER = re.compile(r"\b(?:that|que|qu['’]|dass|che|weil|because|parce)\b", re.IGNORECASE)
@lang.on_change
def _language_tables() -> None:
    global _MONTHS, _WEEKDAYS, _PATTERNS, _TRIGGER
    _MONTHS = lang.months(dates=True)
    _WEEKDAYS = lang.weekdays()
    _PATTERNS = _patterns(_alt(_MONTHS), _alt(_WEEKDAYS))
    # Every pattern needs one of these: a 4-digit year, a day/month number pair,
    # or a month, weekday, season or relative-day word.
    _TRIGGER = re.compile(
        rf"(?:19|20)\d\d|\d[./]\d|(?<!\w)(?:{_alt(_MONTHS)}|{_alt(_WEEKDAYS)}|{_alt(_SEASONS)}|"
        rf"aujourd|today|heute|hoy|oggi|hier|yesterday|gestern|vorgestern|ayer|anteayer|ieri|altroieri|demain|"
        rf"tomorrow|domani|übermorgen|matin|soir|morning|tonight|stamattina|stasera|mañana|semaine|week|woche|"
        rf"semana|settimana|mois|month|monat|mes|mese|an|année|year|jahr|año|anno)",
        re.IGNORECASE,
    )


_DAY_RELS = {
    "avant-hier": -2, "the day before yesterday": -2, "vorgestern": -2, "anteayer": -2, "antes de ayer": -2,
    "l'altroieri": -2, "altroieri": -2, "l'altro ieri": -2,
    "hier": -1, "yesterday": -1, "gestern": -1, "ayer": -1, "ieri": -1,
    "demain": 1, "tomorrow": 1, "domani": 1, "übermorgen": 2,
}  # fmt: skip
_PAST_WORDS = {"dernier", "last", "letzten", "vergangenen", "passé", "pasado", "scorso"}
_NEXT_WORDS = {"next", "nächsten", "kommenden", "prochain", "próximo", "prossimo"}
#: Month names or abbreviations that are also common words ("may", "mar", "gen"):
#: accepted without a year only when capitalised.
_WORDLIKE_MONTHS = frozenset({"may", "mar", "jan", "gen", "ott", "dic", "sept", "sep"})
_ORDER = {g: i for i, g in enumerate(GRANULARITIES)}


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A temporal expression found in a sentence.

    ``value`` is "YYYY", "YYYY-MM" or "YYYY-MM-DD" (its precision is
    ``granularity``; a week is given by its Monday, a season by its year) or
    None when the expression needs a reference date that is missing.
    ``month``/``day``/``weekday`` (0 = Monday) and ``season`` repeat what the
    text itself states, so unresolved expressions can still be matched.
    ``relation`` is "since"/"until" for "depuis juin"/"until June";
    ``relative`` says the value was computed from the reference date;
    ``approximate`` that the reference was coarser than the expression.
    """

    text: str
    value: str | None
    granularity: str
    start: int
    end: int
    relation: str = "at"
    relative: bool = False
    approximate: bool = False
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    season: str | None = None


def _norm(word: str) -> str:
    return word.lower().replace("’", "'")


def _nearest_year(month: int, day: int, reference: date) -> date | None:
    """The one year putting day/month in (reference - 306 days, reference + 60 days]."""
    for year in (reference.year, reference.year - 1, reference.year + 1):
        cand = _absolute_date(year, month, day)
        if cand is None:
            continue
        if (cand - reference).days <= FUTURE_WINDOW_DAYS and (
            reference - cand
        ).days < 366 - FUTURE_WINDOW_DAYS:
            return cand
    return None


def _fmt(d: date, granularity: str) -> str:
    if granularity in ("year", "season"):
        return f"{d.year:04d}"
    if granularity == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def _coarsen(value: str | None, granularity: str, ref_gran: str) -> tuple[str | None, str]:
    """Truncate a value computed from a coarse reference to what that reference supports."""
    if value is None or _ORDER[granularity] <= _ORDER[ref_gran]:
        return value, granularity
    if ref_gran == "month":
        return value[:7], "month"
    if ref_gran in ("year", "season"):
        return value[:4], "year"
    return value, granularity


def _relation(text: str, start: int) -> str:
    before = text[max(0, start - 30) : start]
    if _SINCE.search(before):
        return "since"
    # "depuis que la Russie a lancé son invasion en 2022": the date is that of
    # the clause's starting point, not of the sentence's fact.
    clause = re.split(r"[,;:()]", text[:start])[-1]
    if _SINCE_CLAUSE.search(clause):
        return "since"
    if _UNTIL.search(before):
        return "until"
    return "at"


def _absolute_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _one(
    kind: str, m: re.Match[str], *, reference: date | None, ref_gran: str, language: str | None
) -> tuple[str | None, str, bool, dict[str, object]] | None:
    """(value, granularity, relative, constraints) of one match, or None to reject it."""
    g = m.groupdict()
    info: dict[str, object] = {}
    if kind == "iso":
        d = _absolute_date(int(g["year"]), int(g["m"]), int(g["d"]))
        return (d.isoformat(), "day", False, {"month": d.month, "day": d.day}) if d else None
    if kind == "numeric":
        a, b = int(g["a"]), int(g["b"])
        day, month = (b, a) if language == "en" and a <= 12 and b <= 12 else (a, b)
        if month > 12:
            day, month = month, day
        d = _absolute_date(int(g["year"]), month, day)
        return (d.isoformat(), "day", False, {"month": d.month, "day": d.day}) if d else None
    if kind in ("dmy", "mdy"):
        month = _MONTHS[_norm(g["month"])]
        day = int(g["day"])
        if g.get("weekday"):
            info["weekday"] = _WEEKDAYS[_norm(g["weekday"])]
        info.update(month=month, day=day)
        if g.get("year"):
            d = _absolute_date(int(g["year"]), month, day)
            return (d.isoformat(), "day", False, info) if d else None
        if _norm(g["month"]) in _WORDLIKE_MONTHS and not g.get("weekday") and not g["month"][0].isupper():
            return None  # "may 5" / "mar 3" are more often words than dates without a year
        if reference is None or ref_gran == "year":
            return None, "day", True, info
        d = _nearest_year(month, day, reference)
        return (d.isoformat() if d else None), "day", True, info
    if kind == "season_year":
        return g["year"], "season", False, {"season": _SEASONS[_norm(g["season"])]}
    if kind == "month_year":
        month = _MONTHS[_norm(g["month"])]
        return f"{int(g['year']):04d}-{month:02d}", "month", False, {"month": month}
    if kind == "season_rel":
        season = _SEASONS[_norm(g["season"])]
        info["season"] = season
        if reference is None:
            return None, "season", True, info
        last = _SEASON_MONTHS[season][1]
        # The last *completed* season; a winter is dated by the year of its January.
        if season == "winter":
            year = reference.year if reference.month >= 3 else reference.year - 1
        else:
            year = reference.year if reference.month > last else reference.year - 1
        return f"{year:04d}", "season", True, info
    if kind == "month_alone":
        month = _MONTHS[_norm(g["month"])]
        info["month"] = month
        if _norm(g["month"]) in _WORDLIKE_MONTHS and not g["month"][0].isupper():
            return None
        if reference is None or ref_gran == "year":
            return None, "month", True, info
        if _future_clause(m.string, m.start(), m.end(), language):  # "will vote in February"
            year = reference.year if month >= reference.month else reference.year + 1
        else:
            year = reference.year if month <= reference.month else reference.year - 1
        return f"{year:04d}-{month:02d}", "month", True, info
    if kind == "year":
        return g["year"], "year", False, info
    if reference is None:
        if kind == "weekday":
            info["weekday"] = _WEEKDAYS[_norm(g["weekday"])]
        gran = {"year_rel": "year", "month_rel": "month", "week_rel": "week"}.get(kind, "day")
        return None, gran, True, info
    if kind == "year_rel":
        year = reference.year if g.get("cur") else reference.year - 1
        return f"{year:04d}", "year", True, info
    if kind == "month_rel":
        if ref_gran == "year":
            return None, "month", True, info
        first = reference.replace(day=1)
        d = first if g.get("cur") else (first - timedelta(days=1)).replace(day=1)
        return _fmt(d, "month"), "month", True, info
    if kind == "week_rel":
        monday = reference - timedelta(days=reference.weekday() + 7)
        return monday.isoformat(), "week", True, info
    if kind == "day_rel":
        offset = _DAY_RELS.get(_norm(re.sub(r"\s+", " ", g["rel"])), 0)
        d = reference + timedelta(days=offset)
        return d.isoformat(), "day", True, info
    if kind == "weekday":
        wd = _WEEKDAYS[_norm(g["weekday"])]
        info["weekday"] = wd
        mods = {_norm(g.get("pre") or ""), _norm(g.get("post") or "")}
        delta = (reference.weekday() - wd) % 7
        if mods & _NEXT_WORDS or _future_clause(m.string, m.start(), m.end(), language):
            delta = -((wd - reference.weekday()) % 7 or 7)
        elif mods & _PAST_WORDS and delta == 0:
            delta = 7
        return (reference - timedelta(days=delta)).isoformat(), "day", True, info
    return None


def _future_clause(text: str, start: int, end: int, language: str | None) -> bool:
    """Is the expression at ``start:end`` in a clause about the future?

    "Schools will stay closed on Monday", "jusqu'à vendredi", "für Montag":
    a bare weekday then means the *next* one.  Only the expression's own
    clause counts, so "X said on Monday that it will ..." stays in the past.
    """
    if _FUTURE_BEFORE.search(text[max(0, start - 30) : start]):
        return True
    left = max(text.rfind(c, 0, start) for c in ",;:")
    rights = [i for i in (text.find(c, end) for c in ",;:") if i != -1]
    clause = text[left + 1 : min(rights) if rights else len(text)]
    cut = [m.end() for m in _COMPLEMENTISER.finditer(clause) if m.end() <= start - left - 1]
    if cut:
        clause = clause[cut[-1] :]
    head = _COMPLEMENTISER.search(clause)
    if head is not None and head.start() > end - left - 1:
        clause = clause[: head.start()]
    return _FUTURE.get(language or "", _FUTURE[""]).search(clause) is not None


def parse_reference(published: str | None) -> tuple[date | None, str]:
    """(date, granularity) of an article's ``published`` value ("YYYY[-MM[-DD]]" or ISO datetime)."""
    if not published or not isinstance(published, str):
        return None, "day"
    m = re.match(r"\s*((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?", published)
    if not m:
        return None, "day"
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            return date(year, int(month), int(day)), "day"
        if month:
            return date(year, int(month), 15), "month"
        return date(year, 7, 1), "year"
    except ValueError:
        return None, "day"


def resolve(
    sentence: str, *, reference: date | None, language: str | None, reference_granularity: str = "day"
) -> list[TimeRef]:
    """Temporal expressions of ``sentence``, resolved against ``reference`` (the publication date).

    ``reference_granularity`` says how precise ``reference`` is ("day",
    "month", "year"): an expression needing more precision than the reference
    has gets a truncated value and ``approximate=True``.
    """
    if not isinstance(sentence, str):
        raise TypeError(f"sentence must be str, not {type(sentence).__name__}")
    if reference is not None and not isinstance(reference, date):
        raise TypeError(f"reference must be a datetime.date or None, not {type(reference).__name__}")
    if reference_granularity not in GRANULARITIES:
        raise ValueError(
            f"reference_granularity must be one of {GRANULARITIES}, not {reference_granularity!r}"
        )
    code = language.lower()[:2] if isinstance(language, str) else None
    if not _TRIGGER.search(sentence):
        return []  # most sentences: one cheap scan instead of a dozen patterns
    return list(_resolve(sentence, reference, code, reference_granularity))


@functools.lru_cache(maxsize=8192)
def _resolve(
    sentence: str, reference: date | None, code: str | None, reference_granularity: str
) -> tuple[TimeRef, ...]:
    taken = [False] * len(sentence)
    refs: list[TimeRef] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            s, e = m.span()
            if e <= s or any(taken[s:e]):
                continue
            res = _one(kind, m, reference=reference, ref_gran=reference_granularity, language=code)
            if res is None:
                continue
            value, gran, relative, info = res
            approximate = False
            if relative and value is not None:
                coarse, cgran = _coarsen(value, gran, reference_granularity)
                approximate = (coarse, cgran) != (value, gran)
                value, gran = coarse, cgran
            for i in range(s, e):
                taken[i] = True
            refs.append(
                TimeRef(
                    text=m.group(0).strip(),
                    value=value,
                    granularity=gran,
                    start=s,
                    end=e,
                    relation=_relation(sentence, s),
                    relative=relative,
                    approximate=approximate,
                    month=info.get("month"),  # type: ignore[arg-type]
                    day=info.get("day"),  # type: ignore[arg-type]
                    weekday=info.get("weekday"),  # type: ignore[arg-type]
                    season=info.get("season"),  # type: ignore[arg-type]
                )
            )
    return tuple(sorted(refs, key=lambda r: r.start))


# -- publication date ---------------------------------------------------------------

_CUE = re.compile(
    r"(?:publié|publiée|mis\s+à\s+jour|modifié|published|updated|posted|veröffentlicht|aktualisiert|"
    r"stand|publicado|actualizado|pubblicato|aggiornato)(?:\s+(?:le|on|am|el|il|:))*\s*:?\s*",
    re.IGNORECASE,
)


# Resolved expressions depend on the registered languages' month and weekday names.
lang.on_change(_resolve.cache_clear)


def _cue_date(text: str, language: str | None) -> str | None:
    for m in _CUE.finditer(text):
        window = text[m.end() : m.end() + 60].split("\n")[0]
        for ref in resolve(window, reference=None, language=language):
            if ref.start <= 12 and ref.value and ref.granularity == "day":
                return ref.value
        try:
            import dateparser

            found = dateparser.parse(
                window[:30], languages=[language] if language else None, settings={"STRICT_PARSING": True}
            )
        except Exception:
            found = None
        if found is not None:
            day: str = found.date().isoformat()
            return day
    return None


def infer_published(text: str, *, language: str | None) -> tuple[str | None, float, str | None]:
    """Publication date inferred from an article's own text: ``(value, confidence, granularity)``.

    In order: a publication cue ("Publié le 28/04/2025"); a weekday dateline
    without year ("lundi 28 avril") put in the first year, from the latest
    year the text mentions, where that day is that weekday; otherwise the month
    of the latest full date mentioned (the article is on or after it).  Texts
    that only mention years or months give ``(None, 0.0, None)``: a bare lower
    bound is not a date.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    code = language.lower()[:2] if isinstance(language, str) else None
    cue = _cue_date(text, code)
    if cue:
        return cue, CUE_CONFIDENCE, "day"
    refs = [r for line in text.splitlines() for r in resolve(line, reference=None, language=code)]
    years = [int(r.value[:4]) for r in refs if r.value and not r.relative]
    full = sorted(r.value for r in refs if r.value and r.granularity == "day" and not r.relative)
    if years:
        latest_year = max(years)
        for r in refs:
            if r.value is None and r.weekday is not None and r.month and r.day:
                for year in range(latest_year, latest_year + 7):
                    d = _absolute_date(year, r.month, r.day)
                    if d is not None and d.weekday() == r.weekday:
                        cand = d.isoformat()
                        if not full or cand >= full[-1]:
                            return cand, WEEKDAY_DATE_CONFIDENCE, "day"
                        break
    if full:
        return full[-1][:7], LATEST_DATE_CONFIDENCE, "month"
    return None, 0.0, None
