"""``POST /api/articles`` through the real pipeline (models load: slow).

Uses the example corpus's scraped articles; the concurrency test drives a
real uvicorn server from four threads at once."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from storyline.store import open_store
from storyline.web.app import create_app

pytestmark = pytest.mark.slow

TOKEN = "ingest-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _records(examples_dir: Path, n: int) -> list[dict[str, Any]]:
    files = sorted(examples_dir.glob("*.txt"))
    if len(files) < n:
        pytest.skip(f"the example corpus has {len(files)} .txt articles, {n} needed")
    return [{"id": f.name, "text": f.read_text(encoding="utf-8")} for f in files[:n]]


def test_post_one_article_then_again(
    tmp_path: Path, examples_dir: Path, inert: Any, hostile_page: str
) -> None:
    rec = _records(examples_dir, 1)[0]
    with TestClient(create_app(str(tmp_path / "p.db"), token=TOKEN)) as c:
        first = c.post("/api/articles", json=rec, headers=AUTH)
        assert first.status_code == 201, first.text
        (added,) = first.json()["added"]
        assert added["source_id"] == rec["id"] and added["url"] == f"/api/stories/{added['event_id']}"
        story = c.get(added["url"]).json()
        assert [a["id"] for a in story["articles"]] == [added["article_id"]]
        assert c.get(f"/api/articles/{added['article_id']}").json()["event_id"] == added["event_id"]
        again = c.post("/api/articles", json=rec, headers=AUTH)
        assert again.status_code == 200 and again.json()["added"] == []
        assert again.json()["skipped"] == [{"source_id": rec["id"], "reason": "already stored"}]
        # a scraped page with live markup is stored and shown inert
        hostile = c.post("/api/articles", json={"id": "hostile.html", "html": hostile_page}, headers=AUTH)
        assert hostile.status_code == 201, hostile.text
        h = hostile.json()["added"][0]
        for url in (f"/articles/{h['article_id']}", f"/stories/{h['event_id']}", "/"):
            page = c.get(url)
            assert page.status_code == 200
            inert(page.text)


def test_four_clients_ingest_at_once_without_loss_or_duplicates(
    tmp_path: Path, examples_dir: Path, serve: Any
) -> None:
    records = _records(examples_dir, 9)
    shared, own = records[0], records[1:]
    batches = [[own[2 * k], own[2 * k + 1], shared] for k in range(4)]  # every client also posts `shared`
    db = str(tmp_path / "c.db")
    results: list[Any] = [None] * 4
    with serve(create_app(db, token=TOKEN)) as base:
        barrier = threading.Barrier(4)

        def client(k: int) -> None:
            body = "\n".join(__import__("json").dumps(r) for r in batches[k]).encode()
            with httpx.Client(base_url=base, timeout=600) as http:
                barrier.wait()
                results[k] = http.post(
                    "/api/articles", content=body, headers={**AUTH, "Content-Type": "application/x-ndjson"}
                )

        threads = [threading.Thread(target=client, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=900)
        assert all(r is not None and r.status_code in (200, 201) for r in results), [
            getattr(r, "text", r) for r in results
        ]
        added = [a for r in results for a in r.json()["added"]]
        skipped = [s for r in results for s in r.json()["skipped"]]
        # each distinct article added exactly once; the shared one skipped by the three later runs
        assert sorted(a["source_id"] for a in added) == sorted(r["id"] for r in records)
        assert [s["source_id"] for s in skipped] == [shared["id"]] * 3
        with httpx.Client(base_url=base) as http:
            for a in added:
                story = http.get(a["url"]).json()
                assert a["article_id"] in {x["id"] for x in story["articles"]}
    store = open_store(db)
    try:
        assert store.count_articles() == len(records)
        rows = list(store.iter_articles())
        assert len({r["id"] for r in rows}) == len(rows) == len(records)
    finally:
        store.close()
