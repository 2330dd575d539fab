"""HTML mode: trafilatura finds the main content and the page metadata; our
line labeller then removes the furniture trafilatura leaves inside it
(related-headline lists, "READ MORE" boxes, newsletter and app appeals,
photo credits, the headline repeated at the top)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["HtmlContent", "html_content", "looks_like_html", "MAX_HTML_CHARS"]

#: Pages above this size are cut before parsing: lxml needs ~10x the page in
#: memory, and no news article needs more than a few hundred kB of markup.
MAX_HTML_CHARS = 5_000_000

_HTML_SNIFF = re.compile(
    r"(?is)^\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b|<\?xml[^>]*>\s*<html)|"
    r"<(?:p|div|article|span|a|br|meta|script|title)\b[^>]*>"
)


def looks_like_html(text: str) -> bool:
    """True when ``text`` is markup rather than scraped plain text."""
    head = text[:4000]
    if _HTML_SNIFF.match(head):
        return True
    # Plain text can quote a tag or two; markup has many.
    return len(re.findall(r"</?(?:p|div|span|a|li|td|br|article|section)\b[^>]*>", head, re.I)) >= 5


@dataclass(slots=True)
class HtmlContent:
    text: str = ""
    title: str | None = None
    description: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    language: str | None = None
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def html_content(html: str, *, url: str | None = None) -> HtmlContent:
    """Main text and metadata of ``html`` with trafilatura; never raises."""
    import trafilatura

    if len(html) > MAX_HTML_CHARS:
        html = html[:MAX_HTML_CHARS]
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, include_comments=False, with_metadata=True, include_tables=True
        )
    except Exception as exc:  # lxml/trafilatura on hostile markup: report, don't crash
        return HtmlContent(error=f"HTML could not be parsed: {type(exc).__name__}")
    if doc is None:
        return HtmlContent(error="no main content found in the HTML")
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)  # type: ignore[call-overload]
    return HtmlContent(
        text=str(d.get("text") or ""),
        title=_clean(d.get("title")),
        description=_clean(d.get("description")),
        author=_clean(d.get("author")),
        date=_clean(d.get("date")),
        sitename=_clean(d.get("sitename")),
        language=_clean(d.get("language")),
    )


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    s = " ".join(str(value).split())
    return s or None
