"""The Sources page and the story list's "new since your last visit", on a real SQLite store."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from storyline.store import open_store
from storyline.web.app import create_app
from storyline.web.sources_page import LAST_VISIT_COOKIE


def test_sources_page_lists_sources_with_status_and_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    store = open_store(db)
    try:
        ok, bad = store.add_sources(["http://a.test/rss", "http://b.test/<feed>"], interval=900)
        ok.kind, ok.last_status, ok.articles_added, ok.title = "feed", "304", 7, "Harbour Wire"
        bad.failures, bad.last_error, bad.paused = 5, "HTTP 404", True
        store.save_source(ok)
        store.save_source(bad)
    finally:
        store.close()
    with TestClient(create_app(db, token="")) as client:
        html = client.get("/sources").text
    rows = re.findall(r'<tr class="source-row[^"]*">.*?</tr>', html, re.S)
    assert len(rows) == 2
    assert "Harbour Wire" in rows[0] and ">304<" in rows[0] and ">7<" in rows[0]
    assert "paused" in rows[1] and "5× HTTP 404" in rows[1]
    assert "&lt;feed&gt;" in rows[1] and "<feed>" not in rows[1]


def test_story_list_marks_what_is_new_since_the_last_visit(filled_db: tuple[str, dict[str, Any]]) -> None:
    with TestClient(create_app(filled_db[0], token="")) as client:
        first = client.get("/")
        assert "since your last visit" not in first.text  # a first visit: nothing to compare with
        stamp = first.cookies.get(LAST_VISIT_COOKIE)
        assert stamp and re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:.]+Z", stamp)
        client.cookies.set(LAST_VISIT_COOKIE, "2000-01-01T00:00:00.000000Z")
        old = client.get("/").text
        assert old.count('class="story-row new"') == 2 and "2 new stories" in old
        client.cookies.set(LAST_VISIT_COOKIE, "2999-01-01T00:00:00.000000Z")
        later = client.get("/").text
        assert 'class="story-row new"' not in later and "0 new stories" in later
