"""From labelled lines to an :class:`~storyline.types.Extraction`: the kept text,
its title and standfirst, metadata, and whether it is a short item."""

from __future__ import annotations

from ..types import KEPT_KINDS, Extraction, Line, RawDocument
from . import metadata
from .shape import word_count

__all__ = ["kept_text", "assemble", "apply_given", "granularity", "is_short", "SHORT_MAX_WORDS"]

#: Paragraphs at least this long (characters) are kept once: a page printing
#: its article twice (mobile and desktop copies) must not double it.  Shorter
#: lines repeat legitimately (table cells, list items such as "Meal 2").
MIN_DEDUP_CHARS = 40
#: A kept text under this many words is a *short* item: a headline (ECB+
#: dev first lines: 5-45 words) or a headline with a one- or two-sentence
#: feed snippet (RSS descriptions run 15-50 words); the shortest article
#: bodies of the example corpus run 150+.
SHORT_MAX_WORDS = 60
#: Confidence of a date given with the input (JSONL ``published``).
GIVEN_DATE_CONFIDENCE = 1.0
# Texts longer than this (characters) are not counted: 60 words of any
# script fit in it (CJK: 2 characters a word).
_SHORT_MAX_CHARS = 12 * SHORT_MAX_WORDS


def kept_text(lines: list[Line]) -> str:
    """The article's own text: kept lines in reading order, each paragraph once.

    Lines with the same number are sentences of one flattened input line
    (:mod:`storyline.extraction.segment`) and are joined back into one
    paragraph."""
    out: list[str] = []
    seen: set[str] = set()
    prev_n = -1
    for ln in lines:
        if ln.kind not in KEPT_KINDS:
            continue
        t = ln.text.strip()
        if not t:
            continue
        if len(t) >= MIN_DEDUP_CHARS:
            # A page printing a paragraph twice prints the same bytes.
            if t in seen:
                continue
            seen.add(t)
        if ln.n == prev_n and out:
            out[-1] = out[-1] + " " + t
        else:
            out.append(t)
        prev_n = ln.n
    return "\n\n".join(out)


def is_short(text: str) -> bool:
    """Whether a kept text is a headline or a feed snippet (see SHORT_MAX_WORDS)."""
    if not text or len(text) > _SHORT_MAX_CHARS:
        return False
    return word_count(text) < SHORT_MAX_WORDS


def assemble(lines: list[Line], *, mode: str, title: str | None = None) -> Extraction:
    title_line = next((ln.text.strip() for ln in lines if ln.kind == "title"), None)
    title = title or title_line
    body = kept_text(lines)
    if title and mode == "html" and title_line is None and body:
        body = title.strip() + "\n\n" + body
    published, conf, gran = metadata.find_published(lines)
    return Extraction(
        title=title,
        standfirst=next((ln.text.strip() for ln in lines if ln.kind == "standfirst"), None),
        text=body,
        authors=metadata.find_authors(lines),
        agencies=metadata.find_agencies(lines),
        outlet=metadata.find_outlet(lines),
        published=published,
        published_confidence=conf,
        published_granularity=gran,
        lines=lines,
        mode=mode,
    )


def granularity(value: str) -> str:
    if "T" in value or ":" in value:
        return "time"
    return {4: "year", 7: "month"}.get(len(value), "day")


def apply_given(ext: Extraction, raw: RawDocument) -> Extraction:
    """Metadata given with the input wins over what the page suggests."""
    if raw.title:
        ext.title = raw.title
    if raw.outlet:
        ext.outlet = raw.outlet
    if raw.published:
        ext.published, ext.published_confidence = raw.published, GIVEN_DATE_CONFIDENCE
        ext.published_granularity = granularity(raw.published)
    if raw.language:
        ext.language = raw.language
    if raw.charset:
        ext.charset = raw.charset
    return ext
