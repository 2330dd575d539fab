"""The JSON API against a real SQLite store (FastAPI's TestClient)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storyline.store import open_store
from storyline.types import to_json
from storyline.view import story_view
from storyline.web.api import BadBody, parse_articles_body
from storyline.web.app import CONTENT_SECURITY_POLICY, create_app

TOKEN = "s3cret-token"


@pytest.fixture
def client(filled_db: tuple[str, dict[str, Any]]) -> Iterator[TestClient]:
    db, _ = filled_db
    with TestClient(create_app(db, token=TOKEN, max_body_bytes=4096)) as c:
        yield c


@pytest.fixture
def ids(filled_db: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    return filled_db[1]


def _error(resp: Any, status: int) -> str:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    return str(body["error"])


# -- stories -------------------------------------------------------------
def test_stories_lists_newest_first_with_metadata(client: TestClient) -> None:
    body = client.get("/api/stories").json()
    assert [s["id"] for s in body["stories"]] == [1, 2]  # story 1 was published last
    first = body["stories"][0]
    assert first["size"] == 3 and first["languages"] == ["en", "fr"] and first["url"] == "/api/stories/1"
    assert body["next_offset"] is None


def test_stories_order_by_size_and_pagination(client: TestClient) -> None:
    page1 = client.get("/api/stories", params={"order": "size", "limit": 1}).json()
    assert [s["id"] for s in page1["stories"]] == [1] and page1["next_offset"] == 1
    page2 = client.get("/api/stories", params={"order": "size", "limit": 1, "offset": 1}).json()
    assert [s["id"] for s in page2["stories"]] == [2] and page2["next_offset"] is None


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"language": "fr"}, [1]),
        ({"outlet": "Valley News"}, [2]),
        ({"since": "2025-03-01"}, [1]),
        ({"until": "2025-02"}, [2]),
        ({"since": "2025-01-01", "until": "2025-02-28"}, [2]),
        ({"q": "crane"}, [1]),
        ({"q": "valley roads"}, [2]),
        ({"q": "nonexistentword"}, []),
        ({"q": "flooded", "language": "fr"}, []),
    ],
)
def test_stories_filters(client: TestClient, params: dict[str, str], expected: list[int]) -> None:
    resp = client.get("/api/stories", params=params)
    assert resp.status_code == 200, resp.text
    assert [s["id"] for s in resp.json()["stories"]] == expected


@pytest.mark.parametrize(
    "params", [{"since": "yesterday"}, {"limit": 0}, {"limit": 10_000}, {"offset": -1}, {"order": "random"}]
)
def test_stories_bad_parameters_are_422_json(client: TestClient, params: dict[str, Any]) -> None:
    msg = _error(client.get("/api/stories", params=params), 422)
    assert msg.startswith("invalid request:") and next(iter(params)) in msg


def test_story_is_the_show_json_contract(client: TestClient, filled_db: tuple[str, dict[str, Any]]) -> None:
    body = client.get("/api/stories/1").json()
    store = open_store(filled_db[0])
    try:
        expected = json.loads(json.dumps(to_json(story_view(store, 1))))
    finally:
        store.close()
    assert body == expected
    assert body["discrepancies"][0]["sides"][1]["value"] == "5"
    assert {a["id"] for a in body["articles"]} == set(filled_db[1]["articles"])


def test_unknown_and_malformed_ids(client: TestClient) -> None:
    assert "no story with id 999" in _error(client.get("/api/stories/999"), 404)
    assert "story_id" in _error(client.get("/api/stories/abc"), 422)
    assert "no article" in _error(client.get("/api/articles/ffffffffffffffff"), 404)
    assert "no story mentions" in _error(client.get("/api/entities/per:nobody"), 404)
    assert "/api/nothing-here" in _error(client.get("/api/nothing-here"), 404)
    assert "DELETE" in _error(client.delete("/api/stories/1"), 405)


# -- articles, search, entities -------------------------------------------
def test_article_by_id_prefix_and_source_id(client: TestClient, ids: dict[str, Any]) -> None:
    aid = ids["articles"][0]
    full = client.get(f"/api/articles/{aid}").json()
    assert full["id"] == aid and full["outlet"] == "Harbour Wire" and full["story_url"] == "/api/stories/1"
    assert full["sentences"][1].startswith("Three workers")
    assert any(ln["kind"] == "boilerplate" for ln in full["lines"])
    assert client.get(f"/api/articles/{aid[:8]}").json()["id"] == aid
    assert client.get("/api/articles/rain.txt").json()["id"] == ids["rain"]


def test_search_finds_articles_and_stories(client: TestClient, ids: dict[str, Any]) -> None:
    body = client.get("/api/search", params={"q": "Crane"}).json()
    assert {h["id"] for h in body["articles"]} == {ids["articles"][0], ids["articles"][1]}
    assert [s["id"] for s in body["stories"]] == [1]
    assert all("crane" in (h["snippet"] + (h["title"] or "")).lower() for h in body["articles"])
    # Accents are folded: "greve" finds the title "Grève ...".
    assert [h["id"] for h in client.get("/api/search", params={"q": "greve"}).json()["articles"]] == [
        ids["articles"][2]
    ]


@pytest.mark.parametrize(
    "q", ['"crane', "crane AND (", "NEAR(", "*", "col:crane", "'; DROP TABLE articles; --"]
)
def test_search_query_syntax_is_never_an_error(client: TestClient, q: str) -> None:
    resp = client.get("/api/search", params={"q": q})
    assert resp.status_code == 200, resp.text
    assert client.get("/api/stories").json()["stories"]  # and the tables are still there


def test_search_needs_a_query(client: TestClient) -> None:
    assert "q" in _error(client.get("/api/search"), 422)


def test_entity_lists_its_stories(client: TestClient) -> None:
    body = client.get("/api/entities/org:harbour-authority").json()
    assert body["name"] == "Harbour Authority" and body["kind"] == "ORG"
    assert [(s["id"], s["mentions"]) for s in body["stories"]] == [(1, 2)]


# -- writes ------------------------------------------------------------------
def test_writes_refused_without_server_token(filled_db: tuple[str, dict[str, Any]]) -> None:
    with TestClient(create_app(filled_db[0], token="")) as c:
        msg = _error(c.post("/api/articles", json={"text": "x"}, headers={"Authorization": "Bearer x"}), 403)
    assert "STORYLINE_TOKEN" in msg


def test_writes_need_the_right_bearer_token(client: TestClient) -> None:
    resp = client.post("/api/articles", json={"text": "Some text."})
    assert "Bearer" in _error(resp, 401) and resp.headers["www-authenticate"] == "Bearer"
    _error(client.post("/api/articles", json={"text": "t"}, headers={"Authorization": "Bearer wrong"}), 401)
    _error(client.post("/api/articles", json={"text": "t"}, headers={"Authorization": f"Basic {TOKEN}"}), 401)


def test_bad_json_is_400_and_invalid_records_422(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert "invalid JSON" in _error(
        client.post("/api/articles", content=b'{"text": "unterminated', headers=auth), 400
    )
    assert "empty body" in _error(client.post("/api/articles", content=b"  ", headers=auth), 400)
    resp = client.post(
        "/api/articles", content=b'{"text": "ok text"}\n{"link": "https://example.com/a"}\n', headers=auth
    )
    msg = _error(resp, 422)
    assert "nothing was ingested" in msg
    [problem] = resp.json()["problems"]
    assert problem["origin"] == "record 2"
    assert problem["reason"].startswith("only a URL (https://example.com/a): storyline does not fetch pages")
    assert "line 2" in _error(
        client.post("/api/articles", content=b'{"text": "a"}\n{oops\n', headers=auth), 400
    )
    assert "not a JSON object" in _error(client.post("/api/articles", content=b"[1, 2]", headers=auth), 400)


def test_oversize_body_is_refused_with_413(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = json.dumps({"text": "word " * 2000}).encode()
    assert "too large" in _error(client.post("/api/articles", content=big, headers=auth), 413)

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit is enforced while streaming
        for _ in range(10):
            yield b"x" * 1000

    assert "4096" in _error(client.post("/api/articles", content=chunks(), headers=auth), 413)


def test_parse_articles_body_accepts_object_array_and_jsonl() -> None:
    one = parse_articles_body(json.dumps({"id": "a", "text": "Hello.", "outlet": "X"}, indent=2).encode())
    assert [(d.source_id, d.text, d.outlet) for d in one] == [("a", "Hello.", "X")]
    arr = parse_articles_body(json.dumps([{"text": "One."}, {"html": "<p>Two.</p>", "id": 7}]).encode())
    assert [(d.text, d.html) for d in arr] == [("One.", None), (None, "<p>Two.</p>")]
    assert arr[1].source_id == "7" and arr[0].source_id.startswith("record-")
    # Records without an id are named after their content: different records, different names.
    other = parse_articles_body(json.dumps([{"text": "Another."}]).encode())
    again = parse_articles_body(json.dumps([{"text": "One."}]).encode())
    assert other[0].source_id != arr[0].source_id == again[0].source_id
    jsonl = parse_articles_body(b'{"text": "One.", "extra": 1}\n\n{"text": "Two."}\n')
    assert [d.text for d in jsonl] == ["One.", "Two."] and jsonl[0].metadata == {"extra": 1}
    with pytest.raises(BadBody, match="binary|not text"):
        parse_articles_body(b"\x00\x01\x02 binary")


# -- headers & schema ---------------------------------------------------------
def test_security_headers_on_api_and_pages(client: TestClient) -> None:
    for url in ("/api/stories", "/", "/api/stories/999"):
        resp = client.get(url)
        assert resp.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert resp.headers["x-content-type-options"] == "nosniff"


def test_openapi_describes_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths) == {
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/articles/{article_id}",
        "/api/search",
        "/api/entities/{entity_id}",
        "/api/articles",
    }
    assert "post" in paths["/api/articles"] and "requestBody" in paths["/api/articles"]["post"]


def test_oversize_body_on_a_real_server(filled_db: tuple[str, dict[str, Any]], serve: Any) -> None:
    import httpx

    with serve(create_app(filled_db[0], token=TOKEN, max_body_bytes=10_000)) as base:
        resp = httpx.post(
            f"{base}/api/articles", content=b"x" * 2_000_000, headers={"Authorization": f"Bearer {TOKEN}"}
        )
    assert resp.status_code == 413 and "10000 bytes" in resp.json()["error"]
