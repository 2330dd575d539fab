"""Stage 2, extract: page furniture out, article text and metadata in.

Text mode labels every line of a scraped page (:mod:`.lines`, after
:mod:`.repair` and :mod:`.segment`; :mod:`.plain` judges the page as a
whole); a structured record's text is trusted more (:mod:`.plain`); HTML
mode lets trafilatura find the main content and metadata, then labels its
lines the same way (:mod:`.html`).  Metadata -- agencies, authors, outlet, date -- is
read from the labelled lines (:mod:`.metadata`); furniture recurring across an
outlet's pages is learnt per batch (:mod:`.furniture`).  Nothing here raises on
bad content: an unusable input gives an empty ``text`` and a ``reason``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..identity import normalise_text
from ..nlp.language import identify
from ..types import Extraction, RawDocument
from . import metadata
from .assemble import SHORT_MAX_WORDS, apply_given, assemble, granularity, is_short, kept_text
from .furniture import FurnitureMemory
from .html import html_content, looks_like_html
from .lines import label_lines, line_key
from .plain import from_record, from_text
from .repair import repair_text

__all__ = [
    "extract_document",
    "extract",
    "learn_furniture",
    "FurnitureMemory",
    "label_lines",
    "line_key",
    "kept_text",
    "SHORT_MAX_WORDS",
]

#: Characters of the kept text given to language identification (which would
#: otherwise read 3,000): title, standfirst and first paragraphs are plenty,
#: and the identifier is a sizeable share of text-mode time per article.
LANGUAGE_SAMPLE_CHARS = 1000
#: Confidence of the date in the page's HTML metadata (trafilatura/htmldate:
#: ``article:published_time``, JSON-LD ``datePublished``).
HTML_DATE_CONFIDENCE = 0.8

_BYLINE_WORD = re.compile(r"(?i)^\s*(?:par|by|von|di|por|de)\s+(?=\S)")


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
    has_text = raw.text is not None and raw.text.strip()
    if raw.structured and (has_text or not (raw.html and raw.html.strip())) and (
        has_text or (raw.title or "").strip() or (raw.description or "").strip()
    ):
        ext = from_record(raw, checker)
    elif has_text:
        assert raw.text is not None
        ext = from_text(raw.text, checker)
    elif raw.html is not None and raw.html.strip():
        ext = _from_html(raw.html, raw.url, checker)
    else:
        return apply_given(Extraction(reason="empty input"), raw)
    ext = apply_given(ext, raw)
    if ext.text and ext.language is None:
        ext.language = identify(ext.text[:LANGUAGE_SAMPLE_CHARS])[0]
    ext.short = is_short(ext.text)
    return ext


def learn_furniture(raws: list[RawDocument], memory: FurnitureMemory | None = None) -> FurnitureMemory:
    """Update (or start) a furniture memory from a batch of text inputs.

    HTML inputs are skipped: trafilatura already strips site chrome there.
    """
    mem = memory if memory is not None else FurnitureMemory()
    docs = [(r.outlet, repair_text(r.text).text.split("\n")) for r in raws if r.text]
    return mem.learn(docs)


def _from_html(html: str, url: str | None, checker: Callable[[str], bool] | None) -> Extraction:
    content = html_content(html, url=url)
    if content.error:
        return Extraction(mode="html", reason=content.error)
    rep = repair_text(content.text)
    lines = label_lines(rep.text, is_furniture=checker, html_mode=True, title_hint=content.title)
    ext = assemble(lines, mode="html", title=content.title)
    ext.repairs = rep.repairs
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
        ext.published_granularity = granularity(content.date)
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
