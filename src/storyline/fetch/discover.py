"""What a fetched body is, and what it leads to: a feed's items (feedparser),
a sitemap's or news sitemap's URLs (lxml), a home page's feeds
(``<link rel="alternate" type="application/rss+xml">``), or an article page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urljoin

import feedparser
from lxml import etree
from lxml import html as lxml_html

from ..feeds import item_record

__all__ = ["Item", "Discovered", "classify", "canonical_url", "MAX_SITEMAP_URLS"]

#: URLs read from one sitemap: the sitemap protocol's own cap is 50,000; a
#: news sitemap holds at most 1,000 (Google's rule), which is what we follow.
MAX_SITEMAP_URLS = 50_000
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml")
_SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def canonical_url(url: str) -> str:
    """One spelling per URL: courlan's normalisation (scheme and host case,
    default ports, tracking parameters, sorted query) and no fragment."""
    from courlan import normalize_url  # (its import reads language data; only the follower needs it)

    url = url.strip()
    try:
        out: str = normalize_url(url)
    except (ValueError, TypeError):
        out = url
    return out.split("#", 1)[0]


@dataclass(slots=True)
class Item:
    """One article a feed or sitemap names."""

    url: str
    guid: str | None = None
    updated: str | None = None
    record: dict[str, Any] | None = None  # the feed item as a record (title, summary, date, outlet)


@dataclass(slots=True)
class Discovered:
    kind: Literal["feed", "sitemap", "sitemapindex", "site", "page", "broken"]
    items: list[Item] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # a site's feeds, a sitemap index's sitemaps
    title: str | None = None
    error: str | None = None


def _looks_xml(body: bytes, content_type: str) -> bool:
    head = body[:512].lstrip().lower()
    return "xml" in content_type or head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed")


def classify(body: bytes, *, url: str, content_type: str = "") -> Discovered:
    """Read a fetched body as a sitemap, a feed, a home page naming feeds, or a page."""
    if _looks_xml(body, content_type):
        sm = _sitemap(body, url=url)
        if sm is not None:
            return sm
        return _feed(body, url=url)
    if "html" in content_type or b"<html" in body[:4096].lower() or b"<!doctype html" in body[:4096].lower():
        links = _feed_links(body, url=url)
        return Discovered("site", links=links) if links else Discovered("page")
    parsed = _feed(body, url=url)
    return parsed if parsed.kind == "feed" else Discovered("page")


def _feed(body: bytes, *, url: str) -> Discovered:
    parsed = feedparser.parse(body)
    if not parsed.get("version") and not parsed.entries:
        why = parsed.get("bozo_exception")
        return Discovered("broken", error=f"not an RSS or Atom feed{f' ({why})' if why else ''}")
    outlet = parsed.feed.get("title") or None
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        rec = item_record(entry, outlet)
        items.append(
            Item(
                url=canonical_url(urljoin(url, link)),
                guid=entry.get("id") or None,
                # (``updated`` read only when present: feedparser warns when it falls back to ``published``)
                updated=(entry["updated"] if dict.__contains__(entry, "updated") else entry.get("published")) or None,
                record=rec,
            )
        )
    return Discovered("feed", items=items, title=outlet)


def _sitemap(body: bytes, *, url: str) -> Discovered | None:
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    tag = etree.QName(root).localname
    if tag == "sitemapindex":
        locs = [(el.text or "").strip() for el in root.iter(f"{_SM}loc", "loc")]
        return Discovered("sitemapindex", links=[urljoin(url, u) for u in locs if u][:MAX_SITEMAP_URLS])
    if tag != "urlset":
        return None
    items = []
    for node in root.iter(f"{_SM}url", "url"):
        loc = node.findtext(f"{_SM}loc") or node.findtext("loc")
        if not loc or not loc.strip():
            continue
        news = node.find(f"{_NEWS}news")
        rec: dict[str, Any] | None = None
        updated = node.findtext(f"{_SM}lastmod") or node.findtext("lastmod")
        if news is not None:
            rec = {
                "title": news.findtext(f"{_NEWS}title"),
                "published": news.findtext(f"{_NEWS}publication_date"),
                "outlet": news.findtext(f"{_NEWS}publication/{_NEWS}name"),
            }
            rec = {k: v.strip() for k, v in rec.items() if v and v.strip()}
            updated = updated or rec.get("published")
        full = canonical_url(urljoin(url, loc.strip()))
        items.append(Item(url=full, updated=updated.strip() if updated else None, record=rec or None))
        if len(items) >= MAX_SITEMAP_URLS:
            break
    return Discovered("sitemap", items=items)


def _feed_links(body: bytes, *, url: str) -> list[str]:
    try:
        doc = lxml_html.fromstring(body)
    except (etree.ParserError, ValueError):
        return []
    out = []
    for link in doc.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = link.get("href")
        if "alternate" in rel and kind in _FEED_TYPES and href:
            out.append(urljoin(url, href.strip()))
    return list(dict.fromkeys(out))
