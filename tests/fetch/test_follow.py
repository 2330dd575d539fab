"""Rounds of the follower against a real HTTP server on 127.0.0.1, into a real SQLite store."""

from __future__ import annotations

from pathlib import Path

from local_site import Site, example_names, example_page, rss, sitemap
from storyline.fetch import Fetcher, follow_round
from storyline.fetch.discover import canonical_url
from storyline.store import open_store


def _fetcher(**kw: object) -> Fetcher:
    return Fetcher(delay=0.0, **kw)  # type: ignore[arg-type]


def _publish(site: Site, names: list[str], prefix: str = "/a/") -> list[str]:
    return [site.put(f"{prefix}{n.removesuffix('.txt')}", example_page(n)) for n in names]


def test_unchanged_round_costs_one_conditional_request_per_source_and_new_items_only_their_pages(
    site: Site, tmp_path: Path
) -> None:
    """The issue's target: 50 sources with nothing new cost exactly one conditional request each and
    analyse nothing; 10 new items cost exactly their 10 pages."""
    names = example_names(20)
    first, later = _publish(site, names[:10]), _publish(site, names[10:20])
    feeds = [site.put(f"/feed{k}.xml", rss([(u, f"t{u}", "s") for u in first[k % 10 : k % 10 + 2]]),
                      "application/rss+xml") for k in range(50)]  # fmt: skip
    store = open_store(tmp_path / "f.db")
    try:
        rep = follow_round(store, fetcher=_fetcher(), sources=feeds, analyse=False)
        assert rep.new_urls == 10 and rep.pages == 10 and len(rep.added) == 10, rep
        site.reset()
        rep = follow_round(store, fetcher=_fetcher(), sources=feeds, analyse=False)
        assert rep.unchanged == 50 and rep.pages == 0 and not rep.added and rep.requests == 50
        assert site.total() == 50 and site.conditional == {f"/feed{k}.xml": 1 for k in range(50)}
        assert site.hits["/robots.txt"] == 0  # cached in the store
        # Ten new items, one in each of ten feeds (beside their old ones): only those ten pages are fetched.
        for k, u in enumerate(later):
            site.put(f"/feed{k}.xml", rss([(x, f"t{x}", "s") for x in [u, *first[k % 10 : k % 10 + 2]]]),
                     "application/rss+xml")  # fmt: skip
        site.reset()
        rep = follow_round(store, fetcher=_fetcher(), sources=feeds, analyse=False)
        assert rep.new_urls == 10 and rep.pages == 10 and len(rep.added) == 10
        assert sorted(p for p in site.hits if p.startswith("/a/")) == sorted(u[len(site.base):] for u in later)
        assert site.total() == 60 and store.count_articles() == 20
    finally:
        store.close()


def test_same_article_through_two_feeds_a_sitemap_and_a_direct_url_is_stored_once(site: Site, tmp_path: Path) -> None:
    page = site.put("/a/quake", example_page("001_quake-peru-afp-echodumatin.txt"))
    other = site.put("/a/rail", example_page("018_rail-strike-dpa-abendpost.txt"))
    f1 = site.put("/one.rss", rss([(page, "Quake", "s")]), "application/rss+xml")
    # The second feed links it with a tracking parameter and a fragment.
    f2 = site.put("/two.rss", rss([(page + "?utm_source=rss#top", "Quake", "s"), (other, "Rail", "s")]),
                  "application/rss+xml")  # fmt: skip
    sm = site.put("/sitemap.xml", sitemap([page]), "application/xml")
    store = open_store(tmp_path / "r.db")
    try:
        rep = follow_round(store, fetcher=_fetcher(), sources=[f1, f2, sm, page], analyse=False)
        assert len(rep.added) == 2, rep
        assert site.hits["/a/quake"] == 1
        key = canonical_url(page)
        assert set(store.url_routes(key)) == {f1, f2, sm, "direct"}
        assert store.count_articles() == 2
    finally:
        store.close()


def test_feed_summary_stored_when_the_page_fails_then_upgraded(site: Site, tmp_path: Path) -> None:
    link = site.url("/a/late")
    site.put("/a/late", "busy", status=503, etag=False)
    summary = ("Rescuers in Peru searched collapsed houses on Tuesday after a strong earthquake struck the "
               "southern coast, officials said.")  # fmt: skip
    feed = site.put("/f.rss", rss([(link, "Strong earthquake strikes southern Peru", summary)]), "application/rss+xml")
    store = open_store(tmp_path / "s.db")
    try:
        rep = follow_round(store, fetcher=_fetcher(), sources=[feed], analyse=False)
        assert rep.summaries == 1 and len(rep.added) == 1
        short = store.get_article(rep.added[0])
        assert short is not None and short.metadata.get("feed_summary") and short.short
        assert store.known_urls([link])[link].status == "summary"
        site.put("/a/late", example_page("001_quake-peru-afp-echodumatin.txt"))
        rep2 = follow_round(store, fetcher=_fetcher(), sources=[feed], analyse=False)
        assert len(rep2.added) == 1 and rep2.revisions == 1
        full = store.get_article(rep2.added[0])
        assert full is not None and not full.short and full.metadata.get("revision_of") == short.id
        row = store.known_urls([link])[link]
        assert row.status == "fetched" and row.first_article_id == short.id and row.article_id == full.id
    finally:
        store.close()


def test_changed_text_at_a_known_url_is_a_revision_of_the_first_version(site: Site, tmp_path: Path) -> None:
    link = site.put("/a/story", example_page("018_rail-strike-dpa-abendpost.txt"))
    sm = site.put("/sm.xml", sitemap([link]).replace(b"</loc>", b"</loc><lastmod>2026-12-01</lastmod>"),
                  "application/xml")  # fmt: skip
    store = open_store(tmp_path / "v.db")
    try:
        first = follow_round(store, fetcher=_fetcher(), sources=[sm], analyse=False).added
        site.put("/a/story", example_page("020_rail-strike-reuters-harbour.txt"))
        site.put("/sm.xml", sitemap([link]).replace(b"</loc>", b"</loc><lastmod>2026-12-02</lastmod>"), "application/xml")
        rep = follow_round(store, fetcher=_fetcher(), sources=[sm], analyse=False)
        assert len(rep.added) == 1 and rep.revisions == 1
        art = store.get_article(rep.added[0])
        assert art is not None and art.metadata["revision_of"] == first[0]
        assert store.count_articles() == 2
    finally:
        store.close()


def test_site_home_page_feeds_are_discovered(site: Site, tmp_path: Path) -> None:
    link = site.put("/a/x", example_page("009_quake-albania-reuters-harbour.txt"))
    site.put("/news.rss", rss([(link, "Albania", "s")]), "application/rss+xml")
    home = site.put("/", '<html><head><link rel="alternate" type="application/rss+xml" href="/news.rss">'
                         "</head><body><p>Welcome</p></body></html>")  # fmt: skip
    store = open_store(tmp_path / "d.db")
    try:
        rep = follow_round(store, fetcher=_fetcher(), sources=[home], analyse=False)
        assert len(rep.added) == 1
        kinds = {s.url: s.kind for s in store.list_sources()}
        assert kinds == {home: "site", site.url("/news.rss"): "feed"}
    finally:
        store.close()


def test_failing_source_backs_off_and_is_paused(site: Site, tmp_path: Path) -> None:
    from storyline.fetch.follow import MAX_FAILURES

    bad = site.url("/gone.rss")  # 404
    store = open_store(tmp_path / "p.db")
    try:
        for _ in range(MAX_FAILURES):
            follow_round(store, fetcher=_fetcher(), sources=[bad], analyse=False)
        (src,) = store.list_sources()
        assert src.paused and src.failures == MAX_FAILURES and src.last_error == "HTTP 404"
        site.reset()
        follow_round(store, fetcher=_fetcher(), sources=[bad], analyse=False)
        assert site.hits["/gone.rss"] == 0  # paused: not asked again
        follow_round(store, fetcher=_fetcher(), sources=[bad], analyse=False, resume=True)
        assert site.hits["/gone.rss"] == 1
        (src,) = store.list_sources()
        assert not src.paused and src.failures == 1
    finally:
        store.close()


def test_a_page_that_is_not_an_article_is_rejected_with_its_reason(site: Site, tmp_path: Path) -> None:
    wall = site.put("/a/wall", "<html><body><p>Please enable JavaScript and cookies to continue.</p>"
                               "<p>Checking your browser before accessing the site.</p></body></html>")  # fmt: skip
    store = open_store(tmp_path / "w.db")
    try:
        rep = follow_round(store, fetcher=_fetcher(), sources=[wall], analyse=False)
        assert not rep.added and len(rep.problems) == 1 and rep.problems[0].origin == canonical_url(wall)
        row = store.known_urls([canonical_url(wall)])[canonical_url(wall)]
        assert row.status == "rejected" and row.error
        site.reset()
        follow_round(store, fetcher=_fetcher(), sources=[wall], analyse=False)
        assert site.total() == 0  # a one-page source is read once
    finally:
        store.close()
