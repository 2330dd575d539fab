"""A small real SQLite store for the web tests, filled through the store's
own write methods (no model): two stories, one with a full hand-built
analysis (copies, timeline, summary, discrepancies, entities) and articles
whose scraped text carries script, event-handler and javascript: payloads."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from typing import Any

import pytest
import uvicorn

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
