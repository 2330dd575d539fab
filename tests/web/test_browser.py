"""The real pages in headless Chromium (Debian's package, driven by Playwright).

Each test saves screenshots under ``test-output/``.  Skips with a reason when
Chromium or Playwright is missing (``scripts/ensure-test-deps.sh`` installs
Chromium; Playwright never downloads a browser here)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.store import open_store
from storyline.web.app import create_app

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(__file__).resolve().parents[2] / "test-output"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found (run scripts/ensure-test-deps.sh as root)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright's Python package is not installed"
    )
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class Watched:
    """A page that records every dialog (alert/confirm) a script opens."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.dialogs: list[str] = []
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def shot(self, name: str) -> None:
        SHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    def assert_nothing_ran(self) -> None:
        assert self.dialogs == []
        assert self.page.evaluate("typeof window.__pwned") == "undefined"


def _count(page: Any, selector: str) -> int:
    return int(page.locator(selector).count())


def test_read_a_story_with_hostile_articles(
    browser: Any, serve: Any, filled_db: tuple[str, dict[str, Any]]
) -> None:
    db, ids = filled_db
    with serve(create_app(db)) as base:
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        w = Watched(ctx.new_page())
        w.page.goto(base + "/")
        assert _count(w.page, "tr.story-row") == 2
        w.shot("browser-hostile-story-list")
        w.page.click("tr.story-row >> nth=0 >> a")
        w.page.wait_for_url(base + "/stories/1")
        assert _count(w.page, "#sources tbody tr") == 3
        assert _count(w.page, "ol.timeline li") == 2
        assert _count(w.page, "section.discrepancy .side") == 2
        assert _count(w.page, "svg.graph g.node") == 3
        # the scraped <script>/onerror text is visible as text and did nothing
        assert "<script>" in w.page.inner_text("#summary")
        assert _count(w.page, "main script, main img, [onerror], [onmouseover]") == 0
        w.assert_nothing_ran()
        w.shot("browser-hostile-story")
        # the javascript: URL of one source is not a link at all
        assert _count(w.page, "a[href^='javascript']") == 0
        w.page.click("a.pair-link >> nth=0")
        assert _count(w.page, ".pair-col") == 2
        assert _count(w.page, ".pair-col mark") == 4
        w.shot("browser-hostile-pair")
        w.page.goto(f"{base}/articles/{ids['articles'][0]}")
        assert w.page.evaluate("document.querySelector('details.furniture').open") is False
        w.assert_nothing_ran()
        w.shot("browser-hostile-article")
        ctx.close()
        # reading works with JavaScript off
        off = browser.new_context(java_script_enabled=False)
        page = off.new_page()
        page.goto(base + "/stories/1")
        assert _count(page, "#sources tbody tr") == 3
        page.select_option("select[name=b]", index=2)
        page.click("form.pair-picker button")
        assert _count(page, ".pair-col") == 2
        off.close()


@pytest.fixture(scope="module")
def seeds_db(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    from storyline.pipeline import analyze

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = analyze([seeds_dir], db=str(db))
    assert result.added, result.problems
    return str(db)


@pytest.mark.slow
def test_seed_story_in_the_browser(browser: Any, serve: Any, seeds_dir: Path, seeds_db: str) -> None:
    """The seeds' biggest gold event: its sources, timeline, discrepancies and a pair view."""
    gold = json.loads((seeds_dir / "gold.json").read_text(encoding="utf-8"))
    event = max(gold["events"].values(), key=lambda e: len(e["articles"]))
    store = open_store(seeds_db)
    try:
        arts = {name: store.find_article(name) for name in event["articles"]}
    finally:
        store.close()
    assert all(a is not None for a in arts.values()), arts
    story_ids = {a.event_id for a in arts.values() if a is not None}
    assert len(story_ids) == 1, f"the gold event's articles are in stories {story_ids}"
    story = story_ids.pop()
    pair = next(
        (p for p in gold["provenance"] if p["from"] in arts and p["to"] in arts),
        None,
    )
    with serve(create_app(seeds_db)) as base:
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        w = Watched(ctx.new_page())
        w.page.goto(base + "/")
        w.shot("browser-seeds-story-list")
        w.page.click(f"tr.story-row a[href='/stories/{story}']")
        w.page.wait_for_url(f"{base}/stories/{story}")
        assert _count(w.page, "#sources tbody tr") == len(event["articles"])
        for art in arts.values():
            assert art is not None
            assert _count(w.page, f"#sources a[href='/articles/{art.id}']") == 1
        assert _count(w.page, "ol.timeline li") >= 1
        assert _count(w.page, "section.discrepancy") >= 1
        assert _count(w.page, "section.discrepancy .side") >= 2
        assert _count(w.page, "section.discrepancy .evidence li") >= 2
        w.shot("browser-seeds-story")
        if pair is not None:
            a, b = arts[pair["from"]], arts[pair["to"]]
            assert a is not None and b is not None
            w.page.select_option("select[name=a]", a.id)
            w.page.select_option("select[name=b]", b.id)
        w.page.click("form.pair-picker button")
        assert _count(w.page, ".pair-col") == 2
        if pair is not None:  # a gold rewrite shares passages
            assert _count(w.page, ".pair-col mark") >= 2
        w.shot("browser-seeds-pair")
        w.assert_nothing_ran()
        ctx.close()


@pytest.mark.slow
def test_hostile_page_ingested_through_the_api_runs_nothing(
    browser: Any, serve: Any, tmp_path: Path, hostile_page: str
) -> None:
    """A scraped page carrying script, onerror and javascript: payloads goes
    through the real pipeline (POST /api/articles); its pages run nothing."""
    from fastapi.testclient import TestClient

    app = create_app(str(tmp_path / "hostile.db"), token="t")
    with TestClient(app) as client:
        resp = client.post(
            "/api/articles",
            json={"id": "hostile.html", "html": hostile_page},
            headers={"Authorization": "Bearer t"},
        )
    assert resp.status_code == 201, resp.text
    added = resp.json()["added"][0]
    with serve(app) as base:
        ctx = browser.new_context()
        w = Watched(ctx.new_page())
        for url in (
            "/",
            f"/stories/{added['event_id']}",
            f"/articles/{added['article_id']}",
            "/search?q=dockers",
        ):
            w.page.goto(base + url)
            w.page.wait_for_load_state("load")
            w.assert_nothing_ran()
            # escaped, not merely blocked by the CSP: no element came from the page's markup
            assert _count(w.page, "main script, main img, a[href^='javascript'], [onerror]") == 0
        assert "Dockers" in w.page.inner_text("main")
        w.shot("browser-hostile-ingested")
        ctx.close()
