"""The same pipeline on PostgreSQL: only the URL changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.pipeline import analyze
from storyline.store import open_store
from storyline.types import StoryQuery
from storyline.view import story_view

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


def test_seeds_on_postgres(pg_url: str, seeds_dir: Path) -> None:
    res = analyze([seeds_dir], db=pg_url)
    assert not res.problems and len(res.added) == 5
    store = open_store(pg_url)
    try:
        sizes = sorted(e.size for e in store.list_events(StoryQuery(limit=10)))
        assert sizes == [1, 4]
        big = max(store.list_events(StoryQuery(limit=10)), key=lambda e: e.size)
        view = story_view(store, big.id)
        assert len(view.articles) == 4
    finally:
        store.close()
    again = analyze([seeds_dir], db=pg_url)
    assert again.added == []
