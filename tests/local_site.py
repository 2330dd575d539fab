"""A real HTTP server on 127.0.0.1, in a thread, serving what a test puts in it.

Each path answers with a ``Route``: a body and its content type, and the
behaviours the follower must cope with: ETag / Last-Modified validators
(304 on a match), a status (429 with Retry-After, 503, 404), a delay, a
redirect, gzip.  Every request is counted per path, with its headers.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: bool = True  # send an ETag and answer If-None-Match with 304
    last_modified: str | None = None
    delay: float = 0.0
    redirect: str | None = None
    gzip: bool = False
    headers: dict[str, str] = field(default_factory=dict)


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.conditional: Counter[str] = Counter()
        self.agents: list[str] = []
        self.base = ""
        self.lock = threading.Lock()

    def url(self, path: str) -> str:
        return self.base + path

    def put(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8", **kw: object) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, content_type=content_type, **kw)  # type: ignore[arg-type]
        return self.url(path)

    def total(self, prefix: str = "") -> int:
        return sum(n for p, n in self.hits.items() if p.startswith(prefix) and p != "/robots.txt")

    def reset(self) -> None:
        self.hits.clear()
        self.conditional.clear()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet test output
            pass

        def do_GET(self) -> None:  # noqa: N802 (the http.server name)
            path = self.path
            with site.lock:
                site.hits[path] += 1
                site.agents.append(self.headers.get("User-Agent", ""))
                if self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"):
                    site.conditional[path] += 1
            route = site.routes.get(path)
            if route is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route.delay:
                time.sleep(route.delay)
            if route.redirect:
                self.send_response(301)
                self.send_header("Location", route.redirect)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            tag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
            if route.status == 200 and route.etag and self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.send_header("ETag", tag)
                self.end_headers()
                return
            body = gzip.compress(route.body) if route.gzip else route.body
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(body)))
            if route.gzip:
                self.send_header("Content-Encoding", "gzip")
            if route.etag and route.status == 200:
                self.send_header("ETag", tag)
            for k, v in route.headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(s))
    server.daemon_threads = True
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield s
    finally:
        server.shutdown()
        server.server_close()


def example_page(name: str, *, title: str | None = None) -> str:
    """An article page built from one of ``examples/``'s texts."""
    path = EXAMPLES / name
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        return raw
    lines = [ln.strip() for ln in raw.splitlines() if ln.strip()]
    head = title or lines[0]
    paras = "".join(f"<p>{escape(ln)}</p>" for ln in lines[1:])
    return (f"<!doctype html><html><head><title>{escape(head)}</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{escape(head)}</h1>{paras}"
            "</article><footer>Contact us</footer></body></html>")  # fmt: skip


def example_names(n: int) -> list[str]:
    return sorted(p.name for p in EXAMPLES.iterdir() if p.suffix == ".txt")[:n]


def rss(items: list[tuple[str, str, str]], *, title: str = "Test Wire", encoding: str = "utf-8") -> bytes:
    """An RSS 2.0 feed of (link, title, summary) items."""
    body = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><guid>{escape(link)}</guid>"
        f"<description>{escape(d)}</description><pubDate>{formatdate(1733300000 + int(hashlib.sha1(link.encode()).hexdigest()[:4], 16), usegmt=True)}</pubDate></item>"
        for link, t, d in items
    )
    xml = (f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>{escape(title)}</title>'
           f"<link>http://example.invalid/</link>{body}</channel></rss>")  # fmt: skip
    return xml.encode(encoding)


def sitemap(urls: list[str], *, news: bool = False) -> bytes:
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    body = "".join(
        f"<url><loc>{escape(u)}</loc>"
        + ("<news:news><news:publication><news:name>Harbour</news:name></news:publication>"
           f"<news:title>Item {i}</news:title></news:news>" if news else "")
        + "</url>"
        for i, u in enumerate(urls)
    )  # fmt: skip
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>{body}</urlset>'.encode()
