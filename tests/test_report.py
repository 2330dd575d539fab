"""Self-contained story reports (HTML and Markdown)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storyline.report import md_escape, render_report
from storyline.store import open_store
from storyline.types import EventRecord, StorylineRecord, StoryView
from storyline.view import story_view

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def _view() -> StoryView:
    a, b = "a" * 16, "b" * 16
    return StoryView(
        id=7,
        title="Port strike " + HOSTILE,
        storyline_id=3,
        articles=[
            {
                "id": a,
                "source_id": "a.txt",
                "title": "Dockers walk out",
                "outlet": "Wire [x](javascript:alert(1))",
                "language": "en",
                "published": "2025-01-02",
                "agencies": ["AFP"],
                "authors": [],
                "url": "javascript:alert(3)",
                "original_share": 1.0,
            },
            {
                "id": b,
                "source_id": "b.txt",
                "title": "Strike *spreads*",
                "outlet": "Gazette",
                "language": "fr",
                "published": "2025-01-03",
                "agencies": [],
                "authors": [],
                "url": "https://gazette.example/s",
                "original_share": 0.25,
            },
        ],
        relations=[
            {
                "from": a,
                "to": b,
                "kind": "translation",
                "confidence": 0.87,
                "direction_certain": False,
                "passages": [],
            }
        ],
        timeline=[{"date": "2025-01-02", "text": "Dockers stop work.", "articles": [a, b]}],
        summary=[{"sentence": "Dockers stopped work. " + HOSTILE, "articles": [a]}],
        discrepancies=[
            {
                "kind": "number",
                "about": "strikers",
                "sides": [
                    {
                        "value": "2,000",
                        "articles": [a],
                        "evidence": [{"article": a, "sentence": "Some 2,000 dockers."}],
                    },
                    {
                        "value": "3,500",
                        "articles": [b],
                        "evidence": [{"article": b, "sentence": "3 500 dockers."}],
                    },
                ],
            }
        ],
    )


def test_html_report_is_self_contained_and_escaped() -> None:
    html = render_report(_view(), fmt="html")
    assert html.startswith("<!doctype html>")
    assert "<script" not in html.lower() and 'onerror="' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in re.sub(r"&[^;]+;", "", " ".join(re.findall(r'href="[^"]*"', html)))
    # nothing fetched: no external stylesheet, script or image; the CSS is inline
    assert not re.search(r"<(link|script|img)\b", html)
    css = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "font:" in css and '"Segoe UI"' in css  # our stylesheet, inlined unescaped
    assert "Content-Security-Policy" in html
    # the story's content
    assert "2,000" in html and "3,500" in html and "Some 2,000 dockers." in html
    assert "<svg" in html and "translation" in html and "direction uncertain" in html
    assert 'href="https://gazette.example/s"' in html
    assert "25%" in html


def test_markdown_report_sections_and_escaping() -> None:
    md = render_report(_view(), fmt="md")
    assert md.startswith("# Port strike \\<script\\>")
    for heading in (
        "## Summary",
        "## Timeline",
        "## Sources",
        "## Who copied whom",
        "## Where sources disagree",
    ):
        assert heading in md
    assert "[x](javascript" not in md and "\\[x\\](javascript:alert(1))" in md
    assert "Strike \\*spreads\\*" in md
    assert "- **2,000** \\[1\\]" in md and "  - > Some 2,000 dockers. \\[1\\]" in md
    assert "(<https://gazette.example/s>)" in md
    assert "javascript:alert(3)" not in md  # an unsafe URL is not linked
    assert "\\[2\\] Gazette is a translation of \\[1\\]" in md


def test_md_escape_neutralises_markup() -> None:
    assert (
        md_escape("a *b* [c](d) <e> `f` | g\nh. 2-3") == "a \\*b\\* \\[c\\](d) \\<e\\> \\`f\\` \\| g h. 2-3"
    )


def test_unknown_format_is_an_error() -> None:
    with pytest.raises(ValueError, match="html or md"):
        render_report(_view(), fmt="pdf")


def test_report_of_a_story_without_analysis(tmp_path: Path) -> None:
    from storyline.types import Article

    store = open_store(tmp_path / "r.db")
    try:
        art = Article(
            id="c" * 16,
            source_id="c.txt",
            text="Only text.",
            title="Lonely",
            sentences=["Only text."],
            event_id=1,
            outlet="Solo",
        )
        row = EventRecord(id=1, storyline_id=1, title="Lonely", n=1, centroid=None, outlets=["Solo"])
        store.save_article(
            art, vector=None, sentence_vectors=None, events=[row], storylines=[StorylineRecord(1, "Lonely")]
        )
        view = story_view(store, 1)
    finally:
        store.close()
    html = render_report(view, fmt="html")
    md = render_report(view, fmt="md")
    assert "No summary has been computed" in html and "Solo" in html
    assert "No summary was computed." in md and "| 1 | Solo | Lonely |" in md
