"""The web app's read queries and full-text search on PostgreSQL (migration
0002's tsvector index and read indexes), against the same results on SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from storyline.store import SQLStore, open_store
from storyline.store.queries import entity_stories, list_stories
from storyline.store.search import search, search_articles, search_event_ids
from storyline.types import Article, EventRecord, StorylineRecord, StoryQuery

pytestmark = pytest.mark.postgres

TEXTS = {
    1: ["The harbour authority closed the northern quay after a crane collapsed.", "Unions want an inquiry."],
    2: ["Heavy rain flooded the valley roads overnight.", "Schools stayed closed."],
}


def _fill(store: SQLStore) -> None:
    for eid, sentences in TEXTS.items():
        for k in range(eid):  # story 2 has two articles
            art = Article(
                id=f"{eid}{k}" * 8,
                source_id=f"s{eid}{k}.txt",
                text="\n".join(sentences),
                title=sentences[0][:30],
                language="en" if k == 0 else "fr",
                outlet=f"Outlet {eid}{k}",
                published=f"2025-0{eid}-1{k}",
                sentences=sentences,
                event_id=eid,
            )
            row = EventRecord(
                id=eid,
                storyline_id=eid,
                title=sentences[0][:30],
                n=k + 1,
                centroid=None,
                languages=["en"],
                outlets=[f"Outlet {eid}0"],
                first_published=f"2025-0{eid}-10",
                last_published=f"2025-0{eid}-1{k}",
            )
            store.save_article(
                art,
                vector=None,
                sentence_vectors=None,
                events=[row],
                storylines=[StorylineRecord(eid, row.title)],
            )
    store.save_analysis(
        1,
        {
            "entities": [
                {
                    "id": "org:port-authority",
                    "name": "Port authority",
                    "kind": "ORG",
                    "mentions": {"10" * 8: ["harbour authority"]},
                }
            ]
        },
    )


@pytest.fixture
def stores(pg_url: str, tmp_path: Path) -> Iterator[tuple[SQLStore, SQLStore]]:
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS web_queries"))
        conn.execute(text("CREATE DATABASE web_queries"))
    admin.dispose()
    pg = open_store(pg_url.replace("/postgres?", "/web_queries?"))
    lite = open_store(tmp_path / "q.db")
    try:
        _fill(pg)
        _fill(lite)
        yield pg, lite
    finally:
        pg.close()
        lite.close()


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"order": "size"},
        {"language": "fr"},
        {"outlet": "Outlet 10"},
        {"since": "2025-02-01"},
        {"until": "2025-01"},
        {"event_ids": [2]},
        {"limit": 1, "offset": 1},
    ],
)
def test_list_stories_on_postgres(stores: tuple[SQLStore, SQLStore], kwargs: dict[str, object]) -> None:
    pg, lite = stores
    got = list_stories(pg, StoryQuery(**kwargs))  # type: ignore[arg-type]
    assert got == pg.list_events(StoryQuery(**kwargs))  # type: ignore[arg-type]
    assert [e.id for e in got] == [e.id for e in list_stories(lite, StoryQuery(**kwargs))]  # type: ignore[arg-type]


def test_search_and_entities_on_postgres(stores: tuple[SQLStore, SQLStore]) -> None:
    pg, lite = stores
    for store in (pg, lite):
        hits = search_articles(store, "crane quay")
        assert [h.id for h in hits] == ["10" * 8]
        assert search_event_ids(store, "flooded") == [2]
        assert search_articles(store, '"crane (') and search_articles(store, "zebra") == []
        both = search(store, "closed")
        assert sorted(h.id for h in both.articles) == ["10" * 8, "20" * 8, "21" * 8] and both.event_ids in (
            [1, 2],
            [2, 1],
        )
        found = entity_stories(store, "org:port-authority")
        assert found is not None and [e.id for e in found.stories] == [1]
