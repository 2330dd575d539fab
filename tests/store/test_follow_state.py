"""The follower's tables on SQLite and PostgreSQL alike: sources, fetched URLs, routes."""

from __future__ import annotations

from pathlib import Path

import pytest

from local_site import Site, example_page, rss
from storyline.fetch import Fetcher, follow_round
from storyline.store import open_store
from storyline.types import UrlRecord


def _round_trip(db: str, site: Site) -> None:
    page = site.put("/a/q", example_page("004_quake-peru-reuters-ledger.txt"))
    feed = site.put("/f.rss", rss([(page, "Quake", "Summary")]), "application/rss+xml")
    store = open_store(db)
    try:
        rep = follow_round(store, fetcher=Fetcher(delay=0.0), sources=[feed, page], analyse=False)
        assert len(rep.added) == 1
        (src, direct) = store.list_sources()
        assert (src.url, src.kind, src.articles_added, direct.kind) == (feed, "feed", 1, "page")
        assert src.etag and src.body_hash and not src.paused
        row = store.known_urls([page])[page]
        assert row.status == "fetched" and row.article_id == rep.added[0] and row.item is not None
        assert set(store.url_routes(page)) == {feed, "direct"}
        assert store.article_ids_by_url([page]) == {page: rep.added[0]}
        # A second save of the same URL updates it; routes are a set.
        store.save_source(None, urls=[UrlRecord(url=page, status="fetched", revisions=2, guid=row.guid,
                                                first_seen=row.first_seen)], routes=[(page, feed)])  # fmt: skip
        assert store.known_urls([], [row.guid or ""])["guid:" + (row.guid or "")].revisions == 2
        assert store.url_routes(page).count(feed) == 1
        assert store.queued_urls(max_attempts=3, limit=10) == []
    finally:
        store.close()


def test_follow_state_on_sqlite(site: Site, tmp_path: Path) -> None:
    _round_trip(str(tmp_path / "s.db"), site)


@pytest.mark.postgres
def test_follow_state_on_postgres(site: Site, pg_url: str) -> None:
    _round_trip(pg_url, site)
