"""SOURCES arguments: URLs, files of URLs and OPML files."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.fetch import read_sources
from storyline.fetch.sources import SourceError


def test_urls_files_and_opml(tmp_path: Path) -> None:
    listing = tmp_path / "sources.txt"
    listing.write_text("# my feeds\nhttp://a.test/rss\n\nhttps://b.test/\n", encoding="utf-8")
    opml = tmp_path / "subs.opml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><body><outline text="news">'
                    '<outline type="rss" xmlUrl="http://c.test/feed"/></outline></body></opml>')  # fmt: skip
    got = read_sources(["http://a.test/rss", str(listing), str(opml)])
    assert got == ["http://a.test/rss", "https://b.test/", "http://c.test/feed"]


def test_bad_arguments_say_what_is_wrong(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="neither an http"):
        read_sources(["nosuch.txt"])
    bad = tmp_path / "bad.txt"
    bad.write_text("http://a.test/\nftp://x\n", encoding="utf-8")
    with pytest.raises(SourceError, match="line 2"):
        read_sources([str(bad)])
