from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import text

from storyline.store import SQLStore, StoreError, open_store, resolve_url
from storyline.types import Article, EventRecord, Line, StorylineRecord, StoryQuery


def _article(i: int, event_id: int = 1) -> Article:
    return Article(
        id=hashlib.sha256(str(i).encode()).hexdigest()[:16],
        source_id=f"doc{i}.txt",
        text=f"Body of article {i}. It has two sentences.",
        title=f"Title {i}",
        language="en",
        outlet="Example Times",
        published="2025-03-12",
        agencies=["AFP"],
        lines=[Line(n=1, kind="title", text=f"Title {i}"), Line(n=2, kind="boilerplate", text="Share")],
        sentences=[f"Body of article {i}.", "It has two sentences."],
        event_id=event_id,
    )


def _event_row(eid: int, sid: int = 1, n: int = 1) -> EventRecord:
    return EventRecord(id=eid, storyline_id=sid, title=f"Event {eid}", n=n,
                       centroid=np.ones(512, dtype=np.float32).tobytes(), features={"k": [1, 2]},
                       languages=["en"], outlets=["Example Times"], first_published="2025-03-12",
                       last_published="2025-03-12")  # fmt: skip


def _roundtrip(store: SQLStore) -> None:
    vecs = np.random.default_rng(0).normal(size=(2, 512)).astype(np.float32)
    assert store.save_article(_article(1), vector=vecs[0], sentence_vectors=vecs, minhash=b"\x01\x02",
                              events=[_event_row(1)], storylines=[StorylineRecord(1, "S")])
    # The same article again changes nothing.
    assert not store.save_article(_article(1), vector=vecs[0], sentence_vectors=vecs, events=[_event_row(1, n=9)])
    assert store.count_articles() == 1
    got = store.get_article(_article(1).id)
    assert got is not None and got.lines[1].kind == "boilerplate" and got.agencies == ["AFP"]
    assert got.storyline_id == 1
    sv = store.sentence_vectors([got.id])[got.id]
    assert sv.shape == (2, 512) and np.allclose(sv, vecs, atol=1e-2)  # stored as float16
    assert store.event_rows()[0].n == 1
    assert [e.id for e in store.list_events(StoryQuery(language="en"))] == [1]
    assert store.list_events(StoryQuery(language="de")) == []
    # A merge moves articles to the kept id and old ids keep resolving.
    store.save_article(_article(2, event_id=2), vector=None, sentence_vectors=None,
                       events=[_event_row(2)], storylines=[])
    store.save_events([_event_row(1, n=2)], merges=[(1, 2)])
    assert {a.event_id for a in store.articles_of_events([1])} == {1}
    assert len(store.articles_of_events([1])) == 2
    assert store.resolve_event_id(2) == 1 and store.get_event(2) is None
    store.save_analysis(1, {"quotes": [{"text": "q"}]})
    store.save_analysis(1, {"quotes": []})
    assert store.get_analysis(1) == {"quotes": []}
    store.put_state("x", {"a": 1})
    assert store.get_state("x") == {"a": 1}
    assert store.find_article("doc1.txt") is not None
    assert store.find_article(_article(2).id[:8]) is not None


def _moves(store: SQLStore) -> None:
    """The clusterer's refine pass re-points single stored articles; a bad move changes nothing."""
    for i, eid in ((1, 1), (2, 2), (3, 2)):
        store.save_article(_article(i, event_id=eid), vector=None, sentence_vectors=None,
                           events=[_event_row(eid, n=1 if eid == 1 else 2)], storylines=[StorylineRecord(1, "S")])
    moved = _article(3).id
    store.save_events([_event_row(1, n=2), _event_row(2, n=1)], moves={moved: 1})
    assert sorted(a.id for a in store.articles_of_events([1])) == sorted([_article(1).id, moved])
    assert [a.id for a in store.articles_of_events([2])] == [_article(2).id]
    assert {r.id: r.n for r in store.event_rows()} == {1: 2, 2: 1}
    with pytest.raises(ValueError, match="unknown event 99"):
        store.save_events([_event_row(1, n=7)], moves={_article(1).id: 99})
    # The whole call was rolled back: the row update too.
    assert {r.id: r.n for r in store.event_rows()} == {1: 2, 2: 1}
    assert store.get_article(_article(1).id).event_id == 1  # type: ignore[union-attr]


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_moves(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    store = open_store(tmp_path / "m.db" if backend == "sqlite" else request.getfixturevalue("pg_url"))
    try:
        _moves(store)
    finally:
        store.close()


def test_sqlite_roundtrip(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    try:
        _roundtrip(store)
    finally:
        store.close()
    # Reopening runs no migration and keeps everything.
    again = open_store(tmp_path / "s.db")
    assert again.count_articles() == 2
    again.close()


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    stores = [open_store(db) for _ in range(4)]
    stores[0].save_events([_event_row(1)])

    def write(k: int) -> None:
        for i in range(k * 25, k * 25 + 25):
            stores[k].save_article(_article(i), vector=None, sentence_vectors=None)
            stores[k].save_article(_article(i % 10), vector=None, sentence_vectors=None)  # overlapping

    threads = [threading.Thread(target=write, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert stores[0].count_articles() == 100
    with stores[0].session() as s:
        seqs = [r[0] for r in s.execute(text("SELECT seq FROM articles"))]
    assert len(set(seqs)) == 100
    for st in stores:
        st.close()


def test_resolve_url() -> None:
    assert resolve_url("postgres://u@h/db").startswith("postgresql+psycopg://")
    assert resolve_url(":memory:") == "sqlite://"
    assert resolve_url("x.db").startswith("sqlite:////")


def test_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        open_store(bad)


@pytest.mark.postgres
def test_postgres_roundtrip(pg_url: str) -> None:
    store = open_store(pg_url)
    try:
        _roundtrip(store)
        with store.ingest_lock():
            assert store.count_articles() == 2
    finally:
        store.close()
