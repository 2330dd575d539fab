"""Structured records (JSONL lines, REST API bodies) -> :class:`RawDocument`.

Feeds, scrapers and news APIs name the same fields differently.  Each field
of a document is read from the first of its names that a record holds:

==============  =====================================================
field           names accepted, in order
==============  =====================================================
``id``          ``id``, ``guid``, ``uuid``
``text``        ``text``, ``content``, ``body``
``html``        ``html``, ``raw_html``
``title``       ``title``, ``headline``
``description`` ``description``, ``summary``, ``snippet``, ``standfirst``
``url``         ``url``, ``link``
``outlet``      ``outlet``, ``source``, ``site_name``, ``publisher``
``published``   ``published``, ``pubDate``, ``date``, ``published_at``,
                ``publishedAt``, ``datePublished``
``language``    ``language``, ``lang``
==============  =====================================================

A text field holding HTML markup (an RSS ``content:encoded``) is a
fragment of the article: its tags are dropped, its paragraphs kept; a ``source`` or ``publisher`` object (NewsAPI, feedparser) gives
its ``name`` or ``title``; dates in RFC 822 (RSS ``pubDate``), ISO 8601 or
Unix seconds are normalised to ISO 8601.  Every other key is kept as
metadata.  A record needs a ``text``, ``html``, ``title`` or
``description``: one with only a URL is refused, since storyline does not
fetch pages.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from typing import Any

from .nlp.markup import fragment_text
from .types import InputProblem, RawDocument

__all__ = ["FIELD_NAMES", "record_to_document", "normalise_date"]

FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id", "guid", "uuid"),
    "text": ("text", "content", "body"),
    "html": ("html", "raw_html"),
    "title": ("title", "headline"),
    "description": ("description", "summary", "snippet", "standfirst"),
    "url": ("url", "link"),
    "outlet": ("outlet", "source", "site_name", "publisher"),
    "published": ("published", "pubDate", "date", "published_at", "publishedAt", "datePublished"),
    "language": ("language", "lang"),
}
#: Unix timestamps are accepted from 1990 to 2100 (seconds; larger values
#: are read as milliseconds), anything else is not a plausible publication date.
_EPOCH_RANGE = (631_152_000, 4_102_444_800)


def _scalar(value: Any) -> Any:
    """A feed's nested value as a plain one: ``{"value": ...}`` and
    ``[{"value": ...}, ...]`` (feedparser content), ``{"name": ...}`` and
    ``{"title": ...}`` (a source or publisher object)."""
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        parts = [_scalar(v) for v in value]
        if all(isinstance(p, str) for p in parts):
            return "\n\n".join(parts)
    if isinstance(value, dict):
        for key in ("value", "name", "title", "href"):
            if isinstance(value.get(key), str):
                return value[key]
    return value


def _kind(v: Any) -> str:
    """A value's JSON type, for messages (never its Python repr)."""
    if isinstance(v, dict):
        return "an object"
    if isinstance(v, list):
        return "an array"
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, int | float):
        return "a number"
    return "null" if v is None else type(v).__name__


def normalise_date(value: Any) -> str | None:
    """ISO 8601 for the date forms feeds use, or None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = float(value) / (1000 if value > _EPOCH_RANGE[1] else 1)
        if not _EPOCH_RANGE[0] <= seconds <= _EPOCH_RANGE[1]:
            return None
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    if re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", s):  # "2025", "2025-04", "2025-04-28"
        return s
    try:
        return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:  # RFC 822: "Tue, 03 Jun 2003 09:39:21 GMT"
        return email.utils.parsedate_to_datetime(s).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def record_to_document(rec: dict[str, Any], *, origin: str, default_id: str) -> RawDocument | InputProblem:
    """One record as a document, or the problem that keeps it out."""
    used: set[str] = set()
    values: dict[str, Any] = {}
    for field, names in FIELD_NAMES.items():
        for name in names:
            v = rec.get(name)
            if v in (None, "", [], {}):
                continue
            used.add(name)
            values[field] = _scalar(v)
            break
    for field in ("text", "html", "title", "description", "url", "outlet", "language"):
        v = values.get(field)
        if v is not None and not isinstance(v, str):
            name = next(n for n in FIELD_NAMES[field] if n in used)
            return InputProblem(origin, f"'{name}' must be a string, not {_kind(v)}")
    rid = values.get("id")
    if rid is not None and (isinstance(rid, bool) or not isinstance(rid, str | int)):
        name = next(n for n in FIELD_NAMES["id"] if n in used)
        return InputProblem(origin, f"'{name}' must be a string or an integer, not {_kind(rid)}")
    pub = values.get("published")
    if pub is not None and (isinstance(pub, bool) or not isinstance(pub, str | int | float)):
        name = next(n for n in FIELD_NAMES["published"] if n in used)
        return InputProblem(origin, f"'{name}' must be a date string or a number, not {_kind(pub)}")
    text, html = values.get("text"), values.get("html")
    if text is not None:
        text = fragment_text(text)  # HTML in a text field: an RSS content:encoded, an API's body
    has_body = any((values.get(k) or "").strip() for k in ("title", "description")) or bool(
        (text or "").strip() or (html or "").strip()
    )
    if not has_body:
        if values.get("url"):
            return InputProblem(
                origin,
                f"only a URL ({values['url'][:80]}): storyline does not fetch pages; give the record a "
                "'text', 'html' or 'title'",
            )
        return InputProblem(origin, "needs a non-empty 'text', 'html', 'title' or 'description' (see FIELD_NAMES)")
    metadata = {k: v for k, v in rec.items() if k not in used}
    published = None
    if "published" in values:
        published = normalise_date(values["published"])
        if published is None:
            metadata["published_unparsed"] = values["published"]
    return RawDocument(
        source_id=str(rid) if rid not in (None, "") else default_id,
        origin=origin,
        text=text if text and text.strip() else None,
        html=None if text and text.strip() else html,
        title=(values.get("title") or "").strip() or None,
        url=values.get("url"),
        outlet=values.get("outlet"),
        published=published,
        language=values.get("language"),
        metadata=metadata,
        description=(values.get("description") or "").strip() or None,
        structured=True,
    )
