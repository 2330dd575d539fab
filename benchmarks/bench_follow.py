"""The follower against a local HTTP server: rounds over unchanged sources,
and fetch + analyse throughput for new pages beside ``analyze`` on the same
pages from disk, in the same run.

    python benchmarks/bench_follow.py                 # 1,000 unchanged sources, the example pages
    python benchmarks/bench_follow.py --sources 200 --rounds 2

The server is Python's threaded ``http.server`` on 127.0.0.1 serving a
temporary directory (it answers If-Modified-Since with 304).  Unchanged
sources: every feed lists the same few article URLs, so the first round
fetches those pages once and each later round is one conditional request per
source and no analysis; its peer is the same conditional requests sent with
a bare httpx client (the cost of the network alone).  New pages: the example
corpus as article pages behind one feed, followed into an empty store,
beside ``storyline.analyze`` on the same HTML files from disk into another;
the overhead is the follower's extra time over the pipeline's own.
The per-host delay is 0 (one local host; a real run waits between requests).
"""

from __future__ import annotations

import argparse
import functools
import tempfile
import threading
import time
from email.utils import formatdate
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import httpx

from storyline.fetch import Fetcher, follow_round
from storyline.models import Models
from storyline.pipeline import analyze
from storyline.store import open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _page(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        return raw
    lines = [ln.strip() for ln in raw.splitlines() if ln.strip()]
    paras = "".join(f"<p>{escape(ln)}</p>" for ln in lines[1:])
    return (f"<!doctype html><html><head><title>{escape(lines[0])}</title></head><body><article>"
            f"<h1>{escape(lines[0])}</h1>{paras}</article></body></html>")  # fmt: skip


def _rss(links: list[str]) -> str:
    items = "".join(f"<item><title>t{i}</title><link>{u}</link><guid>{u}</guid>"
                    f"<pubDate>{formatdate(1733300000 + i, usegmt=True)}</pubDate></item>" for i, u in enumerate(links))  # fmt: skip
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>{items}</channel></rss>'


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", type=int, default=1000, help="unchanged sources per round")
    ap.add_argument("--rounds", type=int, default=3, help="timed rounds over the unchanged sources")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "www"
        (root / "a").mkdir(parents=True)
        (root / "f").mkdir()
        pages = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html"))
        for p in pages:
            (root / "a" / f"{p.stem}.html").write_text(_page(p), encoding="utf-8")
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
        server.daemon_threads = True
        base = f"http://127.0.0.1:{server.server_address[1]}"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            _unchanged(root, base, Path(tmp), args.sources, args.rounds)
            _new_pages(root, base, Path(tmp), pages)
        finally:
            server.shutdown()


def _unchanged(root: Path, base: str, tmp: Path, n: int, rounds: int) -> None:
    few = [f"{base}/a/{p.stem}" for p in sorted((root / "a").iterdir())[:3]]
    for i in range(n):
        (root / "f" / f"feed{i}.xml").write_text(_rss([u + ".html" for u in few]), encoding="utf-8")
    feeds = [f"{base}/f/feed{i}.xml" for i in range(n)]
    store = open_store(tmp / "unchanged.db")
    fetcher = Fetcher(delay=0.0)
    try:
        follow_round(store, fetcher=fetcher, sources=feeds, analyse=False)  # first round: fetch the pages
        times, requests = [], []
        for _ in range(rounds):
            before = fetcher.requests
            t0 = time.perf_counter()
            rep = follow_round(store, fetcher=fetcher, sources=feeds, analyse=False)
            times.append(time.perf_counter() - t0)
            requests.append(fetcher.requests - before)
            assert rep.unchanged == n and not rep.added, rep.lines
        stamps = {s.url: s.last_modified for s in store.list_sources(urls=feeds)}
    finally:
        fetcher.close()
        store.close()
    with httpx.Client() as client:  # the peer: the same conditional requests, nothing else
        peer = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            for u in feeds:
                r = client.get(u, headers={"If-Modified-Since": stamps[u] or ""})
                assert r.status_code == 304
            peer.append(time.perf_counter() - t0)
    best, best_peer = min(times), min(peer)
    print(f"unchanged sources: {n} per round, requests per round {sorted(set(requests))}")
    print(f"  follow round: {best:.2f} s ({1 / best:.2f} rounds/s, {n / best:.0f} sources/s)")
    print(f"  bare conditional GETs (httpx): {best_peer:.2f} s ({n / best_peer:.0f} requests/s); "
          f"follow / bare = {best / best_peer:.1f}x")  # fmt: skip


def _new_pages(root: Path, base: str, tmp: Path, pages: list[Path]) -> None:
    links = [f"{base}/a/{p.stem}.html" for p in pages]
    (root / "new.xml").write_text(_rss(links), encoding="utf-8")
    models = Models.default()
    # Warm the models and caches once so neither timed run pays for loading them.
    analyze([root / "a" / f"{pages[0].stem}.html"], db=tmp / "warm.db", models=models)
    disk, net = float("inf"), float("inf")
    for k in range(2):  # alternated, best of two each: the machine's load drifts
        t0 = time.perf_counter()
        res = analyze([root / "a"], db=tmp / f"disk{k}.db", models=models)
        disk = min(disk, time.perf_counter() - t0)
        store = open_store(tmp / f"follow{k}.db")
        fetcher = Fetcher(delay=0.0)
        try:
            t0 = time.perf_counter()
            rep = follow_round(store, fetcher=fetcher, sources=[f"{base}/new.xml"], models=models)
            net = min(net, time.perf_counter() - t0)
        finally:
            fetcher.close()
            store.close()
    n = len(pages)
    print(f"new pages: {n} ({len(rep.added)} stored by follow, {len(res.added)} by analyze)")
    print(f"  analyze from disk: {disk:.2f} s ({n / disk:.1f} pages/s)")
    print(f"  follow (fetch + analyse): {net:.2f} s ({n / net:.1f} pages/s); "
          f"fetch overhead {100 * (net - disk) / disk:+.1f}% of the pipeline's own time (target < 20%)")


if __name__ == "__main__":
    main()
