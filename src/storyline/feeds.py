"""RSS and Atom feeds -> structured records, one per item.

A feed item is what news aggregators deliver: a headline, a link, a date, a
summary of a sentence or two, sometimes the article's HTML.  Each item
becomes the record :func:`storyline.records.record_to_document` reads (so a
feed and a JSONL of the same items give the same documents): ``guid`` (or
the link) as id, the channel's title as outlet unless the item names its own
source, ``content`` (the full HTML, when the feed carries it) before
``summary``.  feedparser reads RSS 0.9x-2.0, RSS 1.0 and Atom, and repairs
what it can of malformed XML; a file it finds no feed in is an input problem.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import feedparser

from .records import record_to_document
from .types import InputProblem, RawDocument

__all__ = ["read_feed", "item_record", "FEED_SUFFIXES"]

FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})


def item_record(entry: Any, outlet: str | None) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "id": entry.get("id") or entry.get("link"),
        "title": entry.get("title"),
        "link": entry.get("link"),
        "published": entry.get("published") or entry.get("updated"),
        "outlet": (entry.get("source") or {}).get("title") or outlet,
    }
    content = entry.get("content")
    if content:
        rec["content"] = content  # feedparser's [{"type": ..., "value": ...}]; HTML is read as html
    elif entry.get("summary"):
        rec["summary"] = entry.get("summary")
    if entry.get("author"):
        rec["author"] = entry.get("author")
    return {k: v for k, v in rec.items() if v not in (None, "")}


def read_feed(data: bytes, *, origin: str, name: str) -> Iterator[RawDocument | InputProblem]:
    """Every item of an RSS or Atom feed as a document (or the problem with it)."""
    parsed = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        why = parsed.get("bozo_exception")
        yield InputProblem(origin, f"not an RSS or Atom feed{f' ({why})' if why else ''}")
        return
    outlet = parsed.feed.get("title") or None
    if not parsed.entries:
        yield InputProblem(origin, "the feed has no items")
        return
    for n, entry in enumerate(parsed.entries, start=1):
        where = f"{origin}:item {n}"
        doc = record_to_document(item_record(entry, outlet), origin=where, default_id=f"{name}:{n}")
        if isinstance(doc, InputProblem):
            yield InputProblem(where, f"item {n}: {doc.reason}")
        else:
            yield doc
