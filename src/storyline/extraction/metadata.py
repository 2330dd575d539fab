"""Article metadata read from labelled lines: agencies, authors, outlet, date.

Agencies are taken only from *credits* -- byline and sign-off lines, and the
wire dateline that opens the first paragraph ("SEOUL (Reuters) -") -- never
from the running text ("l'AFP a rapporté" cites an agency, it does not credit
it) nor from photo captions (an AFP photo can illustrate a Reuters story).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from .. import lang
from ..types import Line
from . import cues

__all__ = [
    "find_agencies",
    "find_authors",
    "find_outlet",
    "find_published",
    "parse_date",
    "DATELINE_CONFIDENCE",
    "CREDIT_CONFIDENCE",
    "WEEKDAY_CONFIDENCE",
]

#: Confidence of a date read from a "Publié le / Published" line: the page
#: states it, only the time zone or an update may shift it.
DATELINE_CONFIDENCE = 0.9
#: A date found in a credit or header line (not labelled as a dateline).
CREDIT_CONFIDENCE = 0.6
#: A "weekday + day + month" in the text whose weekday matches exactly one of
#: the years the article mentions: news says "lundi 28 avril" for the day it
#: reports, which is the publication day or the day before.
WEEKDAY_CONFIDENCE = 0.4
#: A wire dateline's bracket opens within this many characters ("SAN JOSÉ, Costa Rica, 3 mars (AFP)").
WIRE_DATELINE_CHARS = 90
#: How many kept lines at the top can carry the wire dateline.
WIRE_DATELINE_LINES = 3

_AGENCY_CANON = {alt.casefold(): canon for canon, alts in cues.AGENCY_NAMES.items() for alt in alts}

_TIME = r"(?:\D{0,12}?(?P<h>[012]?\d)\s*(?:[:h.])\s*(?P<mi>[0-5]\d))?"
# Month and weekday names of the registered languages, and the date patterns
# built from them (set by _language_tables).
_MONTH_NUM: dict[str, int]
_WEEKDAY_NUM: dict[str, int]
_DATE_PATTERNS: list[re.Pattern[str]]
_WEEKDAY_DATE: re.Pattern[str]


@lang.on_change
def _language_tables() -> None:
    global _MONTH_NUM, _WEEKDAY_NUM, _DATE_PATTERNS, _WEEKDAY_DATE
    _MONTH_NUM = lang.months(dates=True)
    _WEEKDAY_NUM = lang.weekdays()
    month_alt = "|".join(sorted((re.escape(m) for m in _MONTH_NUM), key=len, reverse=True))
    weekday_alt = "|".join(sorted((re.escape(w) for w in _WEEKDAY_NUM), key=len, reverse=True))
    _DATE_PATTERNS = [
        re.compile(
            r"(?P<y>(?:19|20)\d{2})-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?:[T ](?P<h>[012]\d):(?P<mi>[0-5]\d))?"
        ),
        re.compile(r"(?<!\d)(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./](?P<y>(?:19|20)\d{2})" + _TIME),
        re.compile(
            r"(?i)(?<!\w)(?P<d>[0-3]?\d)(?:er|\.|º)?\s+(?:de\s+)?(?P<mn>" + month_alt + r")\.?\s+(?:de\s+)?"
            r"(?P<y>(?:19|20)\d{2})" + _TIME
        ),
        re.compile(
            r"(?i)(?<!\w)(?P<mn>" + month_alt + r")\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+"
            r"(?P<y>(?:19|20)\d{2})" + _TIME
        ),
    ]
    _WEEKDAY_DATE = re.compile(
        r"(?i)(?<!\w)(?P<wd>" + weekday_alt + r")\s*,?\s+(?:the\s+)?(?P<d>[0-3]?\d)(?:er|\.|st|nd|rd|th)?\s+"
        r"(?:de\s+)?(?P<mn>" + month_alt + r")(?!\w)"
    )


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def parse_date(text: str) -> tuple[str, str] | None:
    """The first full date in ``text`` as ``(iso, granularity)``; granularity is
    "time" when a clock time follows the date, else "day"."""
    best: tuple[int, str, str] | None = None
    for pat in _DATE_PATTERNS:
        m = pat.search(text)
        if not m:
            continue
        gd = m.groupdict()
        month = int(gd["m"]) if gd.get("m") else _MONTH_NUM.get(gd["mn"].casefold().rstrip("."), 0)
        try:
            d = date(int(gd["y"]), month, int(gd["d"]))
        except (ValueError, TypeError):
            continue
        iso, gran = d.isoformat(), "day"
        if gd.get("h") is not None and gd.get("mi") is not None and int(gd["h"]) < 24:
            iso, gran = f"{iso}T{int(gd['h']):02d}:{gd['mi']}", "time"
        if best is None or m.start() < best[0]:
            best = (m.start(), iso, gran)
    return (best[1], best[2]) if best else None


def find_published(lines: Sequence[Line]) -> tuple[str | None, float, str | None]:
    """``(date, confidence, granularity)`` from the page's own lines: a
    dateline, else a date in the header furniture above the first paragraph,
    else a weekday-checked date in the text."""
    for line in lines:
        if line.kind == "dateline":
            found = parse_date(line.text)
            if found:
                return found[0], DATELINE_CONFIDENCE, found[1]
    for line in lines:
        if line.kind == "body":
            break
        if line.kind in ("credit", "boilerplate"):
            found = parse_date(line.text)
            if found:
                return found[0], CREDIT_CONFIDENCE, found[1]
    return _weekday_date(lines)


def _weekday_date(lines: Sequence[Line]) -> tuple[str | None, float, str | None]:
    kept = [ln.text for ln in lines if ln.kind in ("title", "standfirst", "body", "subheading")]
    text = "\n".join(kept)
    years = sorted({int(y) for y in _YEAR.findall(text)})
    if not years:
        return None, 0.0, None
    candidates = {y + delta for y in years for delta in (0, 1)}
    for m in _WEEKDAY_DATE.finditer(text):
        wd = _WEEKDAY_NUM[m.group("wd").casefold()]
        month = _MONTH_NUM.get(m.group("mn").casefold().rstrip("."), 0)
        matches = []
        for y in sorted(candidates):
            try:
                d = date(y, month, int(m.group("d")))
            except ValueError:
                continue
            if d.weekday() == wd:
                matches.append(d)
        if len(matches) == 1:
            return matches[0].isoformat(), WEEKDAY_CONFIDENCE, "day"
    return None, 0.0, None


def _canon_agency(name: str) -> str | None:
    return _AGENCY_CANON.get(name.casefold())


def find_agencies(lines: Sequence[Line]) -> list[str]:
    """Agencies credited by the page, in order of first credit."""
    found: list[str] = []

    def add(name: str) -> None:
        canon = _canon_agency(name)
        if canon and canon not in found:
            found.append(canon)

    kept_seen = 0
    for line in lines:
        t = line.text
        if line.kind in ("credit", "dateline"):
            # "(ats/dpa)", "(afp)": agency-only credits are often lower case.
            pattern = cues.AGENCY_RE_ANY_CASE if cues.AGENCY_ONLY_RE.match(t.strip()) else cues.AGENCY_RE
            for m in pattern.finditer(t):
                # "© AFP" credits the text; "AA" or "AP" inside a name does not occur
                # here because the regex needs word boundaries.
                add(m.group(1))
        elif line.kind in ("body", "standfirst") and kept_seen < WIRE_DATELINE_LINES:
            kept_seen += 1
            # (the agency in brackets is within the first words: skip the regex otherwise)
            wire = cues.WIRE_DATELINE_RE.match(t) if "(" in t[:WIRE_DATELINE_CHARS] else None
            if wire:
                add(wire.group(1))
    return found


_NAME_TAIL = re.compile(
    r"(?i)\s*(?:,.*|\s(?:avec|with|mit|con|in|à|a|en|au|aux|from|aus|da|desde|correspondant|correspondent|"
    r"envoyée? spéciale?|enviad[oa] especial|inviat[oa]|korrespondent)\b.*)$"
)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\bet\b|\band\b|\bund\b|\by\b|\be\b|&)\s*")
_PERSON = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]+)(?:\s+(?:(?:de|da|di|van|von|der|del|la|le|du|dos|das)\s+)?"
    r"[A-ZÀ-ÖØ-Þ][\w'’.-]+){1,3}$"
)
_REPORTING = re.compile(r"(?i)(?:reporting|writing|texte|text|von|by)\s+(?:by\s+)?([^;()]+)")


def _names(chunk: str) -> list[str]:
    chunk = _NAME_TAIL.sub("", chunk.strip())
    return [
        n.strip()
        for n in _NAME_SPLIT.split(chunk)
        if n.strip()
        and _PERSON.match(n.strip())
        and not _canon_agency(n.strip())
        and not _OUTLET_ARTICLE.match(n.strip())  # "Par La Gazette du Nord": an outlet
    ]


def find_authors(lines: Sequence[Line]) -> list[str]:
    """People credited in byline and sign-off lines."""
    out: list[str] = []
    for line in lines:
        if line.kind != "credit":
            continue
        t = line.text.strip()
        m = cues.BYLINE_RE.match(t)
        cands: list[str] = []
        if m:
            cands = _names(m.group("names"))
        elif t.startswith("(") and ";" in t:
            cands = _names(t.strip("()").split(";")[0])
        else:
            r = _REPORTING.search(t)
            if r and t.casefold().startswith(("reporting", "writing")):
                cands = _names(r.group(1))
        for c in cands:
            if c not in out:
                out.append(c)
    return out


_COPYRIGHT_NOISE = re.compile(
    r"(?i)\b(?:(?:19|20)\d{2}|tous droits réservés|all rights reserved|alle rechte vorbehalten|"
    r"tutti i diritti riservati|todos los derechos reservados|riproduzione riservata|copyright|media ltd|ltd|"
    r"inc|gmbh|s\.?a\.?s?|s\.?p\.?a\.?)\b\.?"
)
_SEGMENT_SPLIT = re.compile(r"\s+[|•·–-]\s+|\s*\|\s*|[.]\s+")
_TEAM = re.compile(
    r"(?i)^(?:l'équipe (?:de|du|d')\s*|the team (?:at|of)\s+|la redazione (?:di|de)\s+|"
    r"das team (?:von|der|des)\s+|el equipo de\s+)(.+?)\W*$"
)
# "Article rédigé par lepetitjournal avec AFP", "Par La Gazette du Port avec AFP",
# "By The Daily Star with Reuters": the byline names the outlet, not a person.
_OUTLET_BYLINE = re.compile(
    r"(?i)^(?:(?:article|texte)\s+(?:rédigé|écrit)\s+)?(?:par|by|von|di|por)\s+(.+?)\s+"
    r"(?:avec|et|with|and|mit|und|con|y|e)\s+(?:l'|the\s)?(?:"
    + "|".join(re.escape(a) for alts in cues.AGENCY_NAMES.values() for a in alts)
    + r")\W*$"
)
# Outlet names open with an article or hold a function word ("de l'", "du");
# person names in bylines do not ("Jean de La Fontaine" aside).
_OUTLET_ARTICLE = re.compile(
    r"^(?:l'|la|le|les|the|die|der|das|el|il|lo|los|las)\b|\s(?:du|des|de l'|of)\s", re.I
)


def find_outlet(lines: Sequence[Line]) -> str | None:
    """The outlet when the page names itself: © line, "rédigé par X avec AFP",
    a bare domain signing the text, "L'équipe de X"."""
    for line in lines:
        if line.kind not in ("credit", "boilerplate", "caption") or "©" not in line.text:
            continue
        name = _copyright_holder(line.text.strip())
        if name:
            return name
    for line in lines:
        if line.kind != "credit":
            continue
        t = line.text.strip()
        m = _OUTLET_BYLINE.match(t)
        if m:
            name = m.group(1).strip()
            if " " not in name or _OUTLET_ARTICLE.search(name) or not _PERSON.match(name):
                return name
        if cues.DOMAIN_LINE_RE.match(t):
            return t.lower().removeprefix("www.")
    for line in lines:
        # (kind first: the regex need not read the article's paragraphs)
        if line.kind == "body":
            continue
        m = _TEAM.match(line.text.strip())
        if m:
            return m.group(1).strip()
    return None


def _copyright_holder(text: str) -> str | None:
    for seg in _SEGMENT_SPLIT.split(text):
        seg = _COPYRIGHT_NOISE.sub(" ", seg.replace("©", " "))
        seg = re.sub(r"\s+", " ", seg).strip(" .,-–|")
        words = seg.split()
        if (
            1 <= len(words) <= 6
            and any(w[:1].isupper() for w in words)
            and not cues.widget_hits(seg.casefold(), seg.casefold().split())
        ):
            if _canon_agency(seg):
                return None
            return seg
    return None
