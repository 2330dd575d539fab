"""Server-rendered pages against a real SQLite store: content and escaping."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storyline.store import open_store
from storyline.types import Article
from storyline.web.app import create_app
from storyline.web.pages import article_lines
from storyline.web.present import pair_sentences, safe_url


@pytest.fixture
def client(filled_db: tuple[str, dict[str, Any]]) -> Iterator[TestClient]:
    with TestClient(create_app(filled_db[0], token="")) as c:
        yield c


@pytest.fixture
def ids(filled_db: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    return filled_db[1]


def _page(client: TestClient, url: str) -> str:
    resp = client.get(url)
    assert resp.status_code == 200, resp.text[:500]
    assert resp.headers["content-type"].startswith("text/html")
    return resp.text


def test_story_list_shows_stories_newest_first(inert: Any, client: TestClient) -> None:
    html = _page(client, "/")
    rows = re.findall(r'<tr class="story-row">.*?</tr>', html, re.S)
    assert len(rows) == 2
    assert '/stories/1"' in rows[0] and '/stories/2"' in rows[1]
    assert ">3<" in rows[0] and "en, fr" in rows[0]
    inert(html)


def test_story_list_filters_and_bad_dates(client: TestClient) -> None:
    html = _page(client, "/?language=fr&since=&until=")
    assert len(re.findall(r'class="story-row"', html)) == 1 and "/stories/1" in html
    assert "Floods in the valley" in _page(client, "/?q=flooded")
    resp = client.get("/?since=notadate")
    assert (
        resp.status_code == 400
        and "since" in resp.text
        and resp.headers["content-type"].startswith("text/html")
    )


def test_story_page_sections(inert: Any, client: TestClient, ids: dict[str, Any]) -> None:
    html = _page(client, "/stories/1")
    a1, a2, a3 = ids["articles"]
    sources = re.search(r'<table class="sources">.*?</table>', html, re.S)
    assert sources is not None
    rows = re.findall(r'<tr id="src-\d+">.*?</tr>', sources.group(0), re.S)
    assert len(rows) == 3
    assert "Harbour Wire" in rows[0] and "AFP" in rows[0] and "original" in rows[0] and "100%" in rows[0]
    assert "rewrite" in rows[1] and 'href="#src-1"' in rows[1] and "34%" in rows[1]
    # timeline in date order, with citations linking to the sources table
    timeline = re.search(r'<ol class="timeline">.*?</ol>', html, re.S)
    assert timeline is not None and timeline.group(0).index("2025-03-03") < timeline.group(0).index(
        "2025-03-05"
    )
    assert 'href="#src-3"' in timeline.group(0)
    # the discrepancy shows both values with their evidence sentences
    disc = re.search(r'<section class="discrepancy">.*?</section>', html, re.S)
    assert disc is not None
    assert "workers injured" in disc.group(0)
    assert "Three workers were injured" in disc.group(0) and "Five workers were injured" in disc.group(0)
    # the provenance graph is inline SVG with one drawn edge (the independent pair is not drawn)
    svg = re.search(r"<svg class=\"graph\".*?</svg>", html, re.S)
    assert svg is not None and len(re.findall(r'<g class="edge ', svg.group(0))) == 1
    assert f"/stories/1/pair?a={a1}&amp;b={a2}" in html
    assert "/entities/org%3Aharbour-authority" in html
    inert(html)


def test_hostile_text_is_escaped_everywhere(inert: Any, client: TestClient, ids: dict[str, Any]) -> None:
    a3 = ids["articles"][2]
    pages = [
        "/",
        "/stories/1",
        f"/articles/{a3}",
        "/entities/per:evil",
        "/search?q=strike",
        f"/stories/1/pair?a={ids['articles'][0]}&b={a3}",
    ]
    for url in pages:
        html = _page(client, url)
        inert(html)
    story = _page(client, "/stories/1")
    assert "&lt;script&gt;window.__pwned = 1" in story  # shown as text, not dropped
    # a javascript: URL is shown nowhere as a link
    assert "javascript:" not in _page(client, f"/articles/{ids['articles'][1]}").split("<dd>")[0]


def test_pair_view_highlights_shared_passages(client: TestClient, ids: dict[str, Any]) -> None:
    a1, a2, _ = ids["articles"]
    html = _page(client, f"/stories/1/pair?a={a2}&b={a1}")  # reversed: the original goes left
    cols = re.findall(r'<div class="pair-col">.*?</div>', html, re.S)
    assert len(cols) == 2 and "Harbour Wire" in cols[0] and "Daily Copy" in cols[1]
    for col in cols:
        assert len(re.findall(r'<mark class="p-identical"', col)) == 2
    assert "Three workers" in cols[0] and '<mark class="p-identical" title="identical">Three' not in cols[0]
    assert "rewrite" in html and "2 of 3 sentences" in html


def test_pair_view_errors(client: TestClient, ids: dict[str, Any]) -> None:
    a1 = ids["articles"][0]
    assert client.get(f"/stories/1/pair?a={a1}&b={ids['rain']}").status_code == 404
    assert client.get(f"/stories/1/pair?a={a1}&b={a1}").status_code == 400
    assert client.get(f"/stories/1/pair?a={a1}").status_code == 400


def test_article_page_collapses_the_furniture(client: TestClient, ids: dict[str, Any]) -> None:
    html = _page(client, f"/articles/{ids['articles'][0]}")
    details = re.search(r"<details class=\"furniture\">.*?</details>", html, re.S)
    assert details is not None and "Subscribe to our newsletter" in details.group(0)
    assert '<details class="furniture" open' not in html
    text = re.search(r'<div class="text">.*?</div>', html, re.S)
    assert text is not None and "Subscribe" not in text.group(0) and "Unions called" in text.group(0)
    assert 'href="https://example.org/wire"' in html


def test_entity_and_search_pages(client: TestClient, ids: dict[str, Any]) -> None:
    html = _page(client, "/entities/org:harbour-authority")
    assert "Harbour Authority" in html and 'href="/stories/1"' in html
    found = _page(client, "/search?q=quay")
    assert "<mark>quay</mark>" in found.lower() or "<mark>Quay</mark>" in found
    assert 'href="/stories/1"' in found
    assert "No article contains" in _page(client, "/search?q=zebra")


def test_missing_things_are_html_404(client: TestClient) -> None:
    for url in ("/stories/12345", "/articles/nope", "/entities/per:nobody", "/no/such/page"):
        resp = client.get(url)
        assert resp.status_code == 404 and "<h1>Error 404</h1>" in resp.text


def test_merged_story_redirects_to_the_kept_one(filled_db: tuple[str, dict[str, Any]]) -> None:
    store = open_store(filled_db[0])
    try:
        store.save_events([], merges=[(1, 2)])
    finally:
        store.close()
    with TestClient(create_app(filled_db[0]), follow_redirects=False) as c:
        resp = c.get("/stories/2")
    assert resp.status_code == 301 and resp.headers["location"] == "/stories/1"


def test_api_docs_page_lists_the_endpoints(client: TestClient) -> None:
    html = _page(client, "/api-docs")
    for path in ("/api/stories", "/api/search", "/api/articles"):
        assert f"<code>{path}</code>" in html


# -- pure helpers ----------------------------------------------------------
def test_safe_url_keeps_only_http_links() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:x",
        "data:text/html,x",
        "//x.org",
        "/relative",
        None,
        42,
    ):
        assert safe_url(bad) is None, bad


def test_pair_sentences_without_passages_marks_exact_matches() -> None:
    left, right = pair_sentences(["A b.", "C d.", "E f."], ["c  D.", "X.", "e f."], None)
    assert [(s.mark, s.passage) for s in left] == [(None, None), ("identical", 1), ("identical", 2)]
    assert [(s.mark, s.passage) for s in right] == [("identical", 1), (None, None), ("identical", 2)]


def test_pair_sentences_ignores_out_of_range_spans() -> None:
    passages = [{"from_span": [1, 9], "to_span": [-3, 1], "kind": "paraphrase"}]
    left, right = pair_sentences(["a", "b"], ["c", "d"], passages)
    assert [s.mark for s in left] == [None, "paraphrase"] and [s.mark for s in right] == ["paraphrase", None]
    assert left[1].passage == right[0].passage == 1


def test_article_lines_splits_text_and_furniture() -> None:
    from storyline.types import Line

    art = Article(
        id="x",
        source_id="s",
        text="One.\n\nTwo.",
        lines=[
            Line(1, "title", "T"),
            Line(2, "caption", "Photo"),
            Line(3, "blank", ""),
            Line(4, "body", "One."),
        ],
    )
    paragraphs, furniture = article_lines(art)
    assert paragraphs == ["One.", "Two."]
    assert furniture == [{"n": 2, "kind": "caption", "text": "Photo"}]


@pytest.mark.parametrize(
    "live",
    [
        "<script>x()</script>",
        '<a href="javascript:x()">a</a>',
        '<b onclick="x()">b</b>',
        "<img src=x>",
        '<a href=" data:text/html,x">a</a>',
    ],
)
def test_assert_inert_catches_live_markup(inert: Any, live: str) -> None:
    with pytest.raises(AssertionError):
        inert(f"<p>ok</p>{live}")


def test_story_list_pages_keep_the_filters(client: TestClient) -> None:
    first = _page(client, "/?limit=1&language=en")
    assert len(re.findall(r'class="story-row"', first)) == 1
    nxt = re.search(r'<a rel="next" href="([^"]+)"', first)
    assert nxt is not None and "language=en" in nxt.group(1) and "offset=1" in nxt.group(1)
    second = _page(client, nxt.group(1).replace("&amp;", "&"))
    assert '/stories/2"' in second and 'rel="next"' not in second and 'rel="prev"' in second
