"""Limits and clean-up every input passes before the stages see it.

One hostile record must never cost the rest of a run, nor hold the ingest
lock for minutes, nor store differently on SQLite and PostgreSQL:

* :func:`json_depth` measures the nesting of a decoded JSON value without
  recursion, so a record nested 100,000 levels deep is refused with a reason
  instead of raising ``RecursionError`` somewhere later (in a JSON column's
  serialiser, for instance);
* :func:`clean_text` drops the characters PostgreSQL refuses (NUL) and the
  lone surrogates a JSON ``\\ud800`` escape can produce (neither SQLite's
  driver nor PostgreSQL can encode them), the same way on both stores;
* :func:`check_document` applies the size limits to one :class:`RawDocument`:
  an article over :data:`MAX_ARTICLE_CHARS` is refused, a title over
  :data:`MAX_TITLE_CHARS` is cut, and every text field and metadata value is
  cleaned.
"""

from __future__ import annotations

import math
import os
import re
from typing import Any

from .types import InputProblem, RawDocument

__all__ = [
    "MAX_ARTICLE_CHARS",
    "MAX_TITLE_CHARS",
    "MAX_JSON_DEPTH",
    "MAX_ARTICLE_ENV",
    "json_depth",
    "clean_text",
    "clean_value",
    "cut_title",
    "check_document",
]

MAX_ARTICLE_ENV = "STORYLINE_MAX_ARTICLE_CHARS"
#: Characters of text (or HTML) one article may have.  The longest real
#: articles (long-form features, court rulings reported in full) run to
#: ~30,000 words, about 200,000 characters; a 19 MB "article" held the ingest
#: lock for 489 s.  300,000 characters is well above any real article and
#: bounds one record's work to seconds.  ``$STORYLINE_MAX_ARTICLE_CHARS``
#: changes it.
DEFAULT_MAX_ARTICLE_CHARS = 300_000
MAX_ARTICLE_CHARS = int(os.environ.get(MAX_ARTICLE_ENV) or DEFAULT_MAX_ARTICLE_CHARS)
#: HTML pages carry markup, scripts and styles around the text: a page may be
#: this many times larger than the text limit before it is refused.
HTML_FACTOR = 10
#: Characters of a title: real headlines stay under 200; a 2 MB title made a
#: 6 MB story page.  Longer titles are cut at a word (with a warning).
MAX_TITLE_CHARS = 300
#: Nesting of a JSON record: feed records nest 3-4 levels (a source object,
#: a content list of objects); 32 leaves room for any real producer and stops
#: far before Python's recursion limit (1,000) that a deeper value reaches in
#: the JSON encoder of the store's columns.
MAX_JSON_DEPTH = 32

# NUL (PostgreSQL text and jsonb refuse it) and lone UTF-16 surrogates (no
# UTF-8 encoding exists for them: both drivers raise on them).
_REFUSED = re.compile("[\x00\ud800-\udfff]")


def json_depth(value: Any, *, limit: int = MAX_JSON_DEPTH) -> int:
    """Nesting depth of a decoded JSON value (a scalar is 0), counted without
    recursion; stops counting once past ``limit``."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, dict):
            children: Any = v.values()
        elif isinstance(v, list):
            children = v
        else:
            continue
        d += 1
        deepest = max(deepest, d)
        if deepest > limit:
            return deepest
        stack.extend((c, d) for c in children)
    return deepest


def clean_text(s: str) -> str:
    """``s`` without the characters no store can keep (NUL, lone surrogates)."""
    return _REFUSED.sub("", s) if _REFUSED.search(s) else s


def clean_value(value: Any) -> Any:
    """A JSON-like value with every string (keys too) cleaned and non-finite
    numbers made null (``value`` is at most :data:`MAX_JSON_DEPTH` deep)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(str(k)): clean_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_value(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None  # NaN and Infinity are not JSON: PostgreSQL's json type refuses them
    return value


def cut_title(title: str) -> str:
    """A title of at most :data:`MAX_TITLE_CHARS`, cut at a word with an ellipsis."""
    if len(title) <= MAX_TITLE_CHARS:
        return title
    head = title[: MAX_TITLE_CHARS - 1]
    space = head.rfind(" ")
    if space > MAX_TITLE_CHARS // 2:
        head = head[:space]
    return head.rstrip() + "…"


def check_document(raw: RawDocument, *, max_chars: int | None = None) -> RawDocument | InputProblem:
    """``raw`` cleaned and within the limits, or the problem that keeps it out."""
    limit = max_chars if max_chars is not None else MAX_ARTICLE_CHARS
    if raw.text is not None and len(raw.text) > limit:
        return InputProblem(
            raw.origin,
            f"article too long ({len(raw.text):,} characters of text > {limit:,} limit; "
            f"set {MAX_ARTICLE_ENV} to change it)",
        )
    if raw.html is not None and len(raw.html) > limit * HTML_FACTOR:
        return InputProblem(
            raw.origin,
            f"page too long ({len(raw.html):,} characters of HTML > {limit * HTML_FACTOR:,} limit; "
            f"set {MAX_ARTICLE_ENV} to change it)",
        )
    if raw.description is not None and len(raw.description) > limit:
        return InputProblem(raw.origin, f"description too long ({len(raw.description):,} characters > {limit:,})")
    depth = json_depth(raw.metadata)
    if depth > MAX_JSON_DEPTH:
        return InputProblem(raw.origin, f"record nested too deep (over {MAX_JSON_DEPTH} levels)")
    for name in ("source_id", "text", "html", "title", "url", "outlet", "published", "language", "description"):
        v = getattr(raw, name)
        if isinstance(v, str):
            setattr(raw, name, clean_text(v))
    if raw.title is not None and len(raw.title) > MAX_TITLE_CHARS:
        raw.metadata["title_cut_from"] = len(raw.title)
        raw.title = cut_title(raw.title)
    raw.metadata = clean_value(raw.metadata)
    return raw
