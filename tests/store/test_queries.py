"""``storyline.store.queries`` against the store's own methods on a real store
(on the hand-built store of tests/filled_store.py)."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.store import open_store
from storyline.store.queries import entity_stories, list_stories
from storyline.types import StoryQuery


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"order": "size"},
        {"limit": 1},
        {"limit": 1, "offset": 1},
        {"language": "fr"},
        {"language": "en", "since": "2025-02-01"},
        {"outlet": "Valley News"},
        {"until": "2025-02"},
        {"since": "2025-03-05", "until": "2025-03-05"},
        {"event_ids": [2]},
        {"event_ids": [1, 2], "order": "size"},
        {"language": "de"},
    ],
)
def test_list_stories_matches_list_events(
    filled_db: tuple[str, dict[str, Any]], kwargs: dict[str, Any]
) -> None:
    store = open_store(filled_db[0])
    try:
        assert list_stories(store, StoryQuery(**kwargs)) == store.list_events(StoryQuery(**kwargs))
    finally:
        store.close()


def test_list_stories_hides_merged_and_rejects_unknown_order(filled_db: tuple[str, dict[str, Any]]) -> None:
    store = open_store(filled_db[0])
    try:
        store.save_events([], merges=[(1, 2)])
        assert [e.id for e in list_stories(store, StoryQuery())] == [1]
        assert list_stories(store, StoryQuery(event_ids=())) == []
        with pytest.raises(ValueError, match="unknown order"):
            list_stories(store, StoryQuery(order="oldest"))
    finally:
        store.close()


def test_entity_stories_exact_id_only(filled_db: tuple[str, dict[str, Any]]) -> None:
    store = open_store(filled_db[0])
    try:
        found = entity_stories(store, "org:harbour-authority")
        assert found is not None and [e.id for e in found.stories] == [1] and found.mentions == {1: 2}
        assert entity_stories(store, "org:harbour") is None  # a prefix of an id is not the id
        assert entity_stories(store, "%") is None and entity_stories(store, "_") is None
    finally:
        store.close()


def test_entity_index_follows_analysis_writes(filled_db: tuple[str, dict[str, Any]]) -> None:
    store = open_store(filled_db[0])
    try:
        # a re-analysis replaces the story's entities; malformed entries are skipped, never an error
        store.save_analysis(
            1,
            {
                "entities": [
                    {"id": "loc:quay", "name": "Quay", "kind": "LOC", "mentions": {}},
                    "junk",
                    {"id": 5},
                    {"name": "no id"},
                ]
            },
        )
        assert entity_stories(store, "org:harbour-authority") is None
        quay = entity_stories(store, "loc:quay")
        assert quay is not None and quay.name == "Quay" and quay.mentions == {1: 0}
        store.save_analysis(
            2, {"entities": [{"id": "loc:quay", "name": "Quay", "kind": "LOC", "mentions": {"x": ["quay"]}}]}
        )
        both = entity_stories(store, "loc:quay")
        assert both is not None and [e.id for e in both.stories] == [1, 2]
        store.save_analysis(1, {"entities": "not a list"})
        store.save_events([], merges=[(1, 2)])  # story 2 is absorbed: its analysis goes
        assert entity_stories(store, "loc:quay") is None
    finally:
        store.close()


def test_resolve_article_by_id_source_id_and_prefix(filled_db: tuple[str, dict[str, Any]]) -> None:
    from storyline.store.queries import resolve_article

    a1 = filled_db[1]["articles"][0]
    store = open_store(filled_db[0])
    try:
        assert resolve_article(store, a1) == a1
        assert resolve_article(store, "wire.txt") == a1
        assert resolve_article(store, a1[:6]) == a1
        assert resolve_article(store, a1[:5]) is None  # too short to be a prefix
        assert resolve_article(store, "ffffff") is None and resolve_article(store, "%") is None
        assert resolve_article(store, a1[:6].upper()) is None  # ids are lower-case hex
    finally:
        store.close()
