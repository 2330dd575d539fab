"""What fetched bodies are: feeds (also broken or in another encoding), sitemaps, home pages, pages."""

from __future__ import annotations

from local_site import rss, sitemap
from storyline.fetch.discover import canonical_url, classify


def test_feed_in_another_encoding_keeps_its_letters() -> None:
    body = rss([("http://h.test/a", "Землетрясение в Перу", "Спасатели ищут выживших")], encoding="windows-1251")
    found = classify(body, url="http://h.test/feed", content_type="application/rss+xml")
    assert found.kind == "feed" and found.items[0].record is not None
    assert found.items[0].record["title"] == "Землетрясение в Перу"


def test_broken_xml_is_read_as_far_as_it_goes_or_reported() -> None:
    cut = rss([("http://h.test/a", "One", "s"), ("http://h.test/b", "Two", "s")])[:-40]
    found = classify(cut, url="http://h.test/feed", content_type="application/rss+xml")
    assert found.kind == "feed" and [i.url for i in found.items][:1] == ["http://h.test/a"]
    junk = classify(b"<?xml version='1.0'?><<<not xml", url="http://h.test/x", content_type="application/xml")
    assert junk.kind == "broken" and junk.error


def test_sitemaps_news_sitemaps_and_indexes() -> None:
    news = classify(sitemap(["http://h.test/a", "http://h.test/b"], news=True), url="http://h.test/sm.xml")
    assert news.kind == "sitemap" and [i.url for i in news.items] == ["http://h.test/a", "http://h.test/b"]
    assert news.items[1].record == {"title": "Item 1", "outlet": "Harbour"}
    index = (b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b"<sitemap><loc>/news.xml</loc></sitemap></sitemapindex>")  # fmt: skip
    found = classify(index, url="http://h.test/index.xml")
    assert found.kind == "sitemapindex" and found.links == ["http://h.test/news.xml"]


def test_home_page_names_its_feeds_and_an_article_is_a_page() -> None:
    home = (b'<html><head><link rel="alternate" type="application/atom+xml" href="/atom">'
            b'<link rel="stylesheet" href="/s.css"></head><body>hi</body></html>')  # fmt: skip
    found = classify(home, url="http://h.test/", content_type="text/html")
    assert found.kind == "site" and found.links == ["http://h.test/atom"]
    page = classify(b"<html><body><p>Text.</p></body></html>", url="http://h.test/a", content_type="text/html")
    assert page.kind == "page"


def test_canonical_url_drops_tracking_and_fragments() -> None:
    assert canonical_url("HTTP://H.test:80/a?utm_source=x&b=1#top") == canonical_url("http://h.test/a?b=1")
