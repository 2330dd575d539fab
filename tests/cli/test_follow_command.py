"""``storyline follow`` and ``storyline sources`` as processes, against a real server on 127.0.0.1:
a clean stop on SIGTERM, a round killed with SIGKILL resumed without duplicates or losses."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from local_site import Site, example_names, example_page, rss
from storyline.store import open_store

SRC = Path(__file__).resolve().parents[2] / "src"


def _cli(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.Popen([sys.executable, "-m", "storyline", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip


def _feed(site: Site, names: list[str], **page_kw: object) -> str:
    urls = [site.put(f"/a/{n.removesuffix('.txt')}", example_page(n), **page_kw) for n in names]  # type: ignore[arg-type]
    return site.put("/feed.rss", rss([(u, f"t{u}", "s") for u in urls]), "application/rss+xml")


def test_follow_once_then_sources_lists_it(site: Site, tmp_path: Path) -> None:
    feed = _feed(site, example_names(3))
    db = str(tmp_path / "c.db")
    p = _cli("follow", feed, "--once", "--json", "--delay", "0", "--no-analysis", "--db", db)
    out, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    rep = json.loads(out.strip().splitlines()[-1])
    assert len(rep["added"]) == 3 and rep["pages"] == 3
    p = _cli("sources", "--json", "--db", db)
    out, err = p.communicate(timeout=120)
    got = json.loads(out)
    assert [(s["url"], s["kind"], s["articles_added"]) for s in got["sources"]] == [(feed, "feed", 3)]
    assert got["urls"] == {"fetched": 3}


def test_loop_stops_cleanly_on_sigterm(site: Site, tmp_path: Path) -> None:
    feed = _feed(site, example_names(2))
    db = str(tmp_path / "l.db")
    p = _cli("follow", feed, "--json", "--delay", "0", "--no-analysis", "--db", db)
    assert p.stdout is not None
    first = p.stdout.readline()  # the first round's report
    assert len(json.loads(first)["added"]) == 2
    p.send_signal(signal.SIGTERM)
    t0 = time.monotonic()
    _out, err = p.communicate(timeout=60)
    assert p.returncode == 0, err
    assert time.monotonic() - t0 < 30
    store = open_store(db)
    try:
        assert store.count_articles() == 2 and store.url_counts() == {"fetched": 2}
    finally:
        store.close()


def test_kill_9_during_a_round_then_again_no_duplicate_no_loss(site: Site, tmp_path: Path) -> None:
    names = example_names(30)
    feed = _feed(site, names, delay=0.1)  # slow pages: the round is still running when it is killed
    db = str(tmp_path / "k.db")
    p = _cli("follow", feed, "--once", "--json", "--delay", "0", "--no-analysis", "--db", db)
    deadline = time.monotonic() + 120
    while site.total("/a/") < 8 and time.monotonic() < deadline and p.poll() is None:
        time.sleep(0.05)
    p.send_signal(signal.SIGKILL)
    p.communicate(timeout=60)
    assert p.returncode == -signal.SIGKILL
    store = open_store(db)
    try:
        assert store.url_counts().get("pending", 0) > 0  # the round was cut short, its queue kept
    finally:
        store.close()
    p = _cli("follow", feed, "--once", "--json", "--delay", "0", "--no-analysis", "--db", db)
    _out, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    store = open_store(db)
    try:
        assert store.count_articles() == len(names)
        urls = [a["url"] for a in store.iter_articles()]
        assert len(urls) == len(set(urls)) == len(names)
        assert store.url_counts() == {"fetched": len(names)}
    finally:
        store.close()


def test_analyze_accepts_an_article_url(site: Site, tmp_path: Path) -> None:
    page = site.put("/a/one", example_page("009_quake-albania-reuters-harbour.txt"))
    db = str(tmp_path / "u.db")
    p = _cli("analyze", page, "--db", db, "--quiet", "--no-analysis")
    _out, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    assert "1 added" in err
    store = open_store(db)
    try:
        (art,) = list(store.iter_articles())
        assert art["url"] == page
    finally:
        store.close()
