"""Stage 2: page furniture out, article text and metadata in.

Text mode labels every line of a scraped page (:mod:`.lines`); HTML mode lets
trafilatura find the main content and metadata, then labels its lines the
same way (:mod:`.html`).  Metadata -- agencies, authors, outlet, date -- is
read from the labelled lines (:mod:`.metadata`); furniture recurring across an
outlet's pages is learnt per batch (:mod:`.furniture`).  Nothing here raises on
bad content: an unusable input gives an empty ``text`` and a ``reason``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..identity import normalise_text
from ..language import identify
from ..types import KEPT_KINDS, Extraction, Line, RawDocument
from . import metadata
from .furniture import FurnitureMemory
from .html import html_content, looks_like_html
from .lines import label_lines, line_key

__all__ = [
    "extract_document",
    "extract",
    "learn_furniture",
    "FurnitureMemory",
    "label_lines",
    "line_key",
    "kept_text",
]

#: A "line" longer than this (characters, ~8,000 words) is not a paragraph of
#: an article: a minified blob, a base64 image, a page flattened to one line.
MAX_LINE_CHARS = 50_000
#: Paragraphs at least this long (characters) are kept once: a page printing
#: its article twice (mobile and desktop copies) must not double it.  Shorter
#: lines repeat legitimately (table cells, list items such as "Meal 2").
MIN_DEDUP_CHARS = 40
#: Characters of the kept text given to language identification (which would
#: otherwise read 3,000): title, standfirst and first paragraphs are plenty,
#: and the identifier is a sizeable share of text-mode time per article.
LANGUAGE_SAMPLE_CHARS = 1000
#: Confidence of a date given with the input (JSONL ``published``).
GIVEN_DATE_CONFIDENCE = 1.0
#: Confidence of the date in the page's HTML metadata (trafilatura/htmldate:
#: ``article:published_time``, JSON-LD ``datePublished``).
HTML_DATE_CONFIDENCE = 0.8

_BYLINE_WORD = re.compile(r"(?i)^\s*(?:par|by|von|di|por|de)\s+(?=\S)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
# UTF-8 read as Latin-1/cp1252: "Ã©" for "é", "â€™" for "’".
_MOJIBAKE = re.compile(r"[ÃÂâ][\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ ¡-¿]")


def extract(text_or_html: str, *, source_id: str = "-") -> Extraction:
    """Clean one page given as a string; HTML is recognised by its markup."""
    if not isinstance(text_or_html, str):
        return Extraction(reason=f"expected a string, got {type(text_or_html).__name__}")
    if looks_like_html(text_or_html):
        return extract_document(RawDocument(source_id=source_id, origin=source_id, html=text_or_html))
    return extract_document(RawDocument(source_id=source_id, origin=source_id, text=text_or_html))


def extract_document(raw: RawDocument, *, furniture: FurnitureMemory | None = None) -> Extraction:
    """Article text, labelled lines and metadata of one input.

    Metadata given with the input (title, outlet, published, language) wins
    over what the page suggests.
    """
    checker = furniture.checker(raw.outlet) if furniture is not None else None
    if raw.text is not None and raw.text.strip():
        ext = _from_text(raw.text, checker)
    elif raw.html is not None and raw.html.strip():
        ext = _from_html(raw.html, raw.url, checker)
    else:
        return _apply_given(Extraction(reason="empty input"), raw)
    ext = _apply_given(ext, raw)
    if ext.text and ext.language is None:
        ext.language = identify(ext.text[:LANGUAGE_SAMPLE_CHARS])[0]
    return ext


def learn_furniture(raws: list[RawDocument], memory: FurnitureMemory | None = None) -> FurnitureMemory:
    """Update (or start) a furniture memory from a batch of text inputs.

    HTML inputs are skipped: trafilatura already strips site chrome there.
    """
    mem = memory if memory is not None else FurnitureMemory()
    docs = [(r.outlet, _clean_text(r.text).split("\n")) for r in raws if r.text]
    return mem.learn(docs)


def kept_text(lines: list[Line]) -> str:
    """The article's own text: kept lines in reading order, each paragraph once."""
    out: list[str] = []
    seen: set[str] = set()
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
        out.append(t)
    return "\n\n".join(out)


# Every mojibake match starts with one of these characters.  Testing for them
# with ``in`` (a C substring scan) and for control characters with a single
# character class is ~4x faster on a 600-word page than one regex alternating
# both patterns (which tries every alternative at every position): 70 -> 15 us.
_MOJIBAKE_LEADS = ("Ã", "Â", "â")


def _repair_line(line: str) -> str:
    if not _MOJIBAKE.search(line):
        return line
    for enc in ("cp1252", "latin-1"):
        try:
            return line.encode(enc).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return line


def _clean_text(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Clean text (the common case) costs two cheap scans: control characters,
    # then mojibake only when a page holds one of its lead characters ("â" is
    # common in French: "âge", "château").
    if _CONTROL.search(text) is not None:
        text = _CONTROL.sub("", text)
    if not any(c in text for c in _MOJIBAKE_LEADS) or not _MOJIBAKE.search(text):
        return text
    return "\n".join(_repair_line(ln) for ln in text.split("\n"))


def _from_text(text: str, checker: Callable[[str], bool] | None) -> Extraction:
    text = _clean_text(text)
    raw_lines = text.split("\n")
    oversized = [i for i, ln in enumerate(raw_lines) if len(ln) > MAX_LINE_CHARS]
    if oversized:
        # Label the rest; the oversized lines are kept out as boilerplate.
        masked = "\n".join("" if len(ln) > MAX_LINE_CHARS else ln for ln in raw_lines)
        lines = label_lines(masked, is_furniture=checker)
        for i in oversized:
            lines[i] = Line(n=i + 1, kind="boilerplate", text=raw_lines[i][:200] + "…")
    else:
        lines = label_lines(text, is_furniture=checker)
    ext = _assemble(lines, mode="text")
    if not ext.text:
        if oversized:
            ext.reason = f"line {oversized[0] + 1} is {len(raw_lines[oversized[0]]):,} characters long: not article text"
        else:
            ext.reason = f"only page furniture: none of {sum(1 for ln in lines if ln.kind != 'blank')} lines is article text"
    return ext


def _from_html(html: str, url: str | None, checker: Callable[[str], bool] | None) -> Extraction:
    content = html_content(html, url=url)
    if content.error:
        return Extraction(mode="html", reason=content.error)
    lines = label_lines(
        _clean_text(content.text), is_furniture=checker, html_mode=True, title_hint=content.title
    )
    ext = _assemble(lines, mode="html", title=content.title)
    if content.sitename:
        ext.outlet = content.sitename
    for name in _split_authors(content.author):
        canon = metadata._canon_agency(name)
        if canon and canon not in ext.agencies:
            ext.agencies.append(canon)
        elif not canon and name not in ext.authors:
            ext.authors.append(name)
    if content.date:
        ext.published, ext.published_confidence = content.date, HTML_DATE_CONFIDENCE
        ext.published_granularity = _granularity(content.date)
    if ext.standfirst is None and content.description and ext.text:
        desc = normalise_text(content.description)
        if desc and desc not in normalise_text(ext.text):
            ext.standfirst = content.description
    if not ext.text:
        ext.reason = "the HTML's main content is only page furniture"
    return ext


def _split_authors(author: str | None) -> list[str]:
    if not author:
        return []
    out = []
    for a in re.split(r"\s*(?:;|,|\band\b|\bet\b|\bund\b)\s*", author):
        # trafilatura keeps the byline word: "Par Anne Martin", "By Tom Lee"
        a = _BYLINE_WORD.sub("", a).strip()
        if a:
            out.append(a)
    return out


def _assemble(lines: list[Line], *, mode: str, title: str | None = None) -> Extraction:
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


def _granularity(value: str) -> str:
    if "T" in value or ":" in value:
        return "time"
    return {4: "year", 7: "month"}.get(len(value), "day")


def _apply_given(ext: Extraction, raw: RawDocument) -> Extraction:
    if raw.title:
        ext.title = raw.title
    if raw.outlet:
        ext.outlet = raw.outlet
    if raw.published:
        ext.published, ext.published_confidence = raw.published, GIVEN_DATE_CONFIDENCE
        ext.published_granularity = _granularity(raw.published)
    if raw.language:
        ext.language = raw.language
    return ext
