"""A small real SQLite store for the web tests, filled through the store's
own write methods (no model): two stories, one with a full hand-built
analysis (copies, timeline, summary, discrepancies, entities) and articles
whose scraped text carries script, event-handler and javascript: payloads."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from storyline.store import SQLStore, open_store
from storyline.types import Article, Line

HOSTILE = '<script>window.__pwned = 1; alert("x")</script><img src=x onerror="window.__pwned=2">'
JS_URL = "javascript:window.__pwned=3"


def _article(
    aid: str,
    source: str,
    *,
    outlet: str,
    lang: str,
    published: str,
    title: str,
    sentences: list[str],
    event_id: int,
    url: str | None = None,
    agencies: tuple[str, ...] = (),
    furniture: tuple[str, ...] = (),
) -> Article:
    lines = [Line(n=1, kind="title", text=title)]
    lines += [Line(n=i + 2, kind="body", text=s) for i, s in enumerate(sentences)]
    lines += [Line(n=len(lines) + 1 + i, kind="boilerplate", text=f) for i, f in enumerate(furniture)]
    return Article(
        id=aid,
        source_id=source,
        text="\n".join(sentences),
        title=title,
        language=lang,
        outlet=outlet,
        url=url,
        published=published,
        agencies=list(agencies),
        lines=lines,
        sentences=sentences,
        event_id=event_id,
        storyline_id=event_id,
    )


def _event_row(eid: int, title: str, arts: list[Article]) -> dict[str, Any]:
    days = sorted(a.published[:10] for a in arts if a.published)
    return {
        "id": eid,
        "storyline_id": eid,
        "title": title,
        "n": len(arts),
        "centroid": None,
        "features": {},
        "languages": sorted({a.language for a in arts if a.language}),
        "outlets": sorted({a.outlet for a in arts if a.outlet}),
        "first_published": days[0] if days else None,
        "last_published": days[-1] if days else None,
    }


WIRE = [
    "The harbour authority closed the northern quay on Monday after a crane collapsed.",
    "Three workers were injured, the authority said in a statement.",
    "Unions called for an inquiry into maintenance of the cranes.",
]
COPY = [
    "The harbour authority closed the northern quay on Monday after a crane collapsed.",
    "Five workers were injured, according to the fire brigade.",
    "Unions called for an inquiry into maintenance of the cranes.",
]
OTHER = [
    "Dockers stopped work at noon to protest against safety conditions.",
    HOSTILE + " The strike may spread to other ports.",
]
RAIN = ["Heavy rain flooded the valley roads overnight.", "Schools stayed closed on Tuesday."]


def fill(store: SQLStore) -> dict[str, Any]:
    """Stories 1 (harbour, 3 articles, analysed) and 2 (rain, 1 article)."""
    a1 = _article(
        "a1" * 8,
        "wire.txt",
        outlet="Harbour Wire",
        lang="en",
        published="2025-03-03",
        agencies=("AFP",),
        title="Crane collapse shuts quay",
        sentences=WIRE,
        event_id=1,
        url="https://example.org/wire",
        furniture=("Subscribe to our newsletter", "Photo: harbour authority"),
    )
    a2 = _article(
        "b2" * 8,
        "copy.txt",
        outlet="Daily Copy",
        lang="en",
        published="2025-03-04",
        title="Quay shut after crane accident",
        sentences=COPY,
        event_id=1,
        url=JS_URL,
    )
    a3 = _article(
        "c3" * 8,
        "hostile.html",
        outlet='Evil <b onmouseover="x">Times</b>',
        lang="fr",
        published="2025-03-05",
        title="Grève " + HOSTILE,
        sentences=OTHER,
        event_id=1,
    )
    b1 = _article(
        "d4" * 8,
        "rain.txt",
        outlet="Valley News",
        lang="en",
        published="2025-02-01",
        title="Floods in the valley",
        sentences=RAIN,
        event_id=2,
    )
    story1, story2 = [a1, a2, a3], [b1]
    for art in story1:
        store.save_article(
            art,
            vector=None,
            sentence_vectors=None,
            events=[_event_row(1, "Crane collapse shuts quay", story1)],
            storylines=[{"id": 1, "title": "Crane collapse shuts quay"}],
        )
    store.save_article(
        b1,
        vector=None,
        sentence_vectors=None,
        events=[_event_row(2, "Floods in the valley", story2)],
        storylines=[{"id": 2, "title": "Floods in the valley"}],
    )
    analysis = {
        "relations": [
            {
                "from": a1.id,
                "to": a2.id,
                "kind": "rewrite",
                "confidence": 0.91,
                "direction_certain": True,
                "passages": [
                    {
                        "from_span": [0, 1],
                        "to_span": [0, 1],
                        "kind": "identical",
                        "from_text": WIRE[0],
                        "to_text": COPY[0],
                    },
                    {
                        "from_span": [2, 3],
                        "to_span": [2, 3],
                        "kind": "identical",
                        "from_text": WIRE[2],
                        "to_text": COPY[2],
                    },
                ],
            },
            {
                "from": a1.id,
                "to": a3.id,
                "kind": "independent",
                "confidence": 0.8,
                "direction_certain": False,
                "passages": [],
            },
        ],
        "original_share": {a1.id: 1.0, a2.id: 0.34, a3.id: 1.0},
        "entities": [
            {
                "id": "org:harbour-authority",
                "name": "Harbour Authority",
                "kind": "ORG",
                "mentions": {a1.id: ["harbour authority"], a2.id: ["harbour authority"]},
            },
            {"id": "per:evil", "name": HOSTILE, "kind": "PER", "mentions": {a3.id: ["x"]}},
        ],
        "quotes": [],
        "quantities": [],
        "timeline": [
            {
                "date": "2025-03-03",
                "text": "A crane collapses; the northern quay is closed.",
                "articles": [a1.id, a2.id],
            },
            {"date": "2025-03-05", "text": "Dockers strike over safety. " + HOSTILE, "articles": [a3.id]},
        ],
        "summary": [
            {"sentence": "A crane collapse closed the harbour's northern quay.", "articles": [a1.id, a2.id]},
            {"sentence": "Dockers stopped work in protest. " + HOSTILE, "articles": [a3.id]},
        ],
        "discrepancies": [
            {
                "kind": "number",
                "about": "workers injured",
                "confidence": 0.8,
                "sides": [
                    {
                        "value": "3",
                        "articles": [a1.id],
                        "evidence": [{"article": a1.id, "sentence": WIRE[1]}],
                    },
                    {
                        "value": "5",
                        "articles": [a2.id],
                        "evidence": [{"article": a2.id, "sentence": COPY[1]}],
                    },
                ],
            },
        ],
    }
    store.save_analysis(1, analysis)
    return {"story": 1, "other": 2, "articles": [a.id for a in story1], "rain": b1.id}


@pytest.fixture(scope="session")
def _filled_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    path = tmp_path_factory.mktemp("web-template") / "web.db"
    store = open_store(path)
    try:
        ids = fill(store)
    finally:
        store.close()  # the last connection checkpoints the WAL into the file
    return path, ids


@pytest.fixture
def filled_db(tmp_path: Path, _filled_template: tuple[Path, dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """A private copy of the filled store (built once per session: migrations are the slow part)."""
    template, ids = _filled_template
    path = tmp_path / "web.db"
    shutil.copyfile(template, path)
    return str(path), ids


#: Seconds a test server gets to start listening (the app opens and migrates
#: the store at creation, so starting is only binding the socket).
SERVER_START_TIMEOUT = 20


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port in a thread; yield its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture
def serve() -> Any:
    """``with serve(app) as base_url:`` -- a real uvicorn server for the test."""
    return live_server


_URL_ATTRS = frozenset({"href", "src", "action", "formaction", "xlink:href"})


class _Elements(HTMLParser):
    """Every element and attribute as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend((k.lower(), v or "") for k, v in attrs)


def assert_inert(html: str) -> None:
    """No markup from article data survived: no script or embedding element,
    no event-handler attribute, no link with a script or data scheme."""
    parsed = _Elements()
    parsed.feed(html)
    assert not {"script", "iframe", "object", "embed", "img"} & set(parsed.tags), parsed.tags
    for name, value in parsed.attrs:
        assert not name.startswith("on"), (name, value)
        if name in _URL_ATTRS:
            scheme = value.strip().lower()
            assert not scheme.startswith(("javascript:", "data:", "vbscript:")), value


_HOSTILE_PAGE = """<!doctype html><html><head><title>Harbour news</title>
<script>window.__pwned = 1; alert("script")</script></head><body><article>
<h1>Dockers vote to extend the strike <img src=x onerror="window.__pwned = 2; alert('img')"></h1>
<p>Dockers at the container terminal voted on Thursday to extend their strike by a week, the union said.
<img src="x" onerror="window.__pwned = 3; alert('onerror')"></p>
<p>The port authority said talks would resume on Monday and urged both sides to reach an agreement.
<a href="javascript:window.__pwned = 4; alert('link')">Read more</a></p>
<p>Shipping companies have diverted several vessels to other ports since the strike began ten days ago.</p>
</article></body></html>"""


@pytest.fixture
def hostile_page() -> str:
    """A scraped page carrying script, onerror and javascript: payloads, each of
    which would set ``window.__pwned`` and open a dialog if it ever ran."""
    return _HOSTILE_PAGE


@pytest.fixture
def inert() -> Any:
    """The :func:`assert_inert` check, for tests in this folder."""
    return assert_inert
