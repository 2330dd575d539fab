"""Hostile URLs on a real server: never a 500 without a token, and every
response, errors included, carries the security headers."""

from __future__ import annotations

from typing import Any

import httpx

from storyline.web.app import CONTENT_SECURITY_POLICY, create_app

HUGE = "9223372036854775808"  # 2**63: past SQLite's INTEGER
URLS = [
    f"/api/stories/{HUGE}",
    f"/stories/{HUGE}",
    f"/api/stories?offset={HUGE}",
    f"/?offset={HUGE}",
    f"/search?q=port&offset={HUGE}",
    f"/api/search?q=port&offset={HUGE}",
    "/api/stories/2147483648",
    "/api/stories/-1",
    "/api/stories/1e5",
    f"/stories/{'9' * 400}",
    f"/stories/1/diff?a=x&b=y&story_id={HUGE}",
    f"/api/stories?limit={HUGE}",
    "/api/articles/%00",
    "/articles/" + "a" * 600,
    "/api/entities/%ud800",
]


def _headers_ok(resp: httpx.Response) -> None:
    assert resp.headers.get("content-security-policy") == CONTENT_SECURITY_POLICY, resp.url
    assert resp.headers.get("x-content-type-options") == "nosniff", resp.url


def test_bad_integers_are_422_or_404_with_headers(filled_db: tuple[str, dict[str, Any]], serve: Any) -> None:
    db, _ = filled_db
    with serve(create_app(db)) as base:
        for url in URLS:
            resp = httpx.get(base + url)
            assert resp.status_code < 500, (url, resp.status_code, resp.text[:200])
            _headers_ok(resp)
        assert httpx.get(base + f"/api/stories/{HUGE}").status_code == 422


def test_an_unhandled_error_is_a_500_with_the_security_headers(
    filled_db: tuple[str, dict[str, Any]], serve: Any
) -> None:
    db, _ = filled_db
    app = create_app(db)

    def boom() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/api/boom", boom)
    app.add_api_route("/boom", boom)
    with serve(app) as base:
        api = httpx.get(base + "/api/boom")
        assert api.status_code == 500 and api.json()["status"] == 500 and "a bug" not in api.text
        _headers_ok(api)
        page = httpx.get(base + "/boom")
        assert page.status_code == 500 and "text/html" in page.headers["content-type"]
        _headers_ok(page)
