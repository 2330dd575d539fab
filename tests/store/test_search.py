"""FTS5 search: query sanitising, snippets, and the index following writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import text

from storyline.store import open_store
from storyline.store.search import (
    MARK_CLOSE,
    MARK_OPEN,
    MAX_QUERY_WORDS,
    fts_query,
    search_articles,
    search_event_ids,
    split_marks,
)


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('crane "collapse" OR (quay*') == '"crane" "collapse" "OR" "quay"'
    assert fts_query("  -- ;; ") is None
    assert fts_query(" ".join(f"w{i}" for i in range(50))).count('"') == 2 * MAX_QUERY_WORDS


def test_split_marks() -> None:
    snippet = f"…the {MARK_OPEN}crane{MARK_CLOSE} fell on {MARK_OPEN}quay{MARK_CLOSE}"
    assert split_marks(snippet) == [("…the ", False), ("crane", True), (" fell on ", False), ("quay", True)]
    assert split_marks(f"a{MARK_CLOSE}b") == [("ab", False)]


def test_search_ranks_and_snippets(filled_db: tuple[str, dict[str, Any]]) -> None:
    store = open_store(filled_db[0])
    try:
        a1, a2, _ = filled_db[1]["articles"]
        hits = search_articles(store, "crane collapsed")
        assert {h.id for h in hits} == {a1, a2}
        assert any(hit for _, hit in split_marks(hits[0].snippet))
        page2 = search_articles(store, "crane", limit=1, offset=1)
        assert [h.id for h in search_articles(store, "crane", limit=1)] + [h.id for h in page2] in (
            [a1, a2],
            [a2, a1],
        )
        # every word of the query must match
        assert [h.id for h in search_articles(store, "workers injured statement")] == [a1]
        assert search_event_ids(store, "rain") == [2]
        assert search_articles(store, "") == [] and search_event_ids(store, "!!") == []
    finally:
        store.close()


def test_index_follows_updates_and_deletes(filled_db: tuple[str, dict[str, Any]], tmp_path: Path) -> None:
    store = open_store(filled_db[0])
    rain = filled_db[1]["rain"]
    try:
        with store.engine.begin() as conn:
            conn.execute(
                text("UPDATE articles SET text = 'Snow blocked the mountain pass.' WHERE id = :i"),
                {"i": rain},
            )
        assert search_articles(store, "flooded") == []
        assert [h.id for h in search_articles(store, "mountain pass")] == [rain]
        with store.engine.begin() as conn:
            conn.execute(text("DELETE FROM articles WHERE id = :i"), {"i": rain})
        assert search_articles(store, "mountain") == []
    finally:
        store.close()


def test_search_returns_a_page_and_the_stories_in_one_scan(filled_db: tuple[str, dict[str, Any]]) -> None:
    from storyline.store.search import search

    store = open_store(filled_db[0])
    a1, a2, _ = filled_db[1]["articles"]
    try:
        both = search(store, "crane")
        assert {h.id for h in both.articles} == {a1, a2} and both.event_ids == [1]
        one = search(store, "crane", limit=1, offset=1, story_limit=0)
        assert [h.id for h in one.articles] == [both.articles[1].id] and one.event_ids == []
        rain = search(store, "valley OR crane")  # "OR" is a word to find, not an operator
        assert rain.articles == [] and rain.event_ids == []
        assert search(store, "schools").event_ids == [2]
    finally:
        store.close()
