"""The polite client against a real server on 127.0.0.1: robots.txt, Crawl-delay,
429 with Retry-After, size limit, redirects, gzip, the User-Agent."""

from __future__ import annotations

import time

import pytest

from local_site import Site
from storyline.fetch import Fetcher, FetchError
from storyline.fetch.politeness import retry_after_seconds


def test_robots_is_obeyed_cached_and_its_crawl_delay_kept(site: Site) -> None:
    site.put("/robots.txt", "User-agent: *\nDisallow: /private/\nCrawl-delay: 1\n", "text/plain")
    site.put("/private/x", "secret")
    site.put("/a", "one")
    site.put("/b", "two")
    f = Fetcher(delay=0.0, contact="desk@example.org")
    try:
        assert f.get(site.url("/private/x")).status == 0
        assert site.hits["/private/x"] == 0
        t0 = time.perf_counter()
        assert f.get(site.url("/a")).ok and f.get(site.url("/b")).ok
        assert time.perf_counter() - t0 >= 1.0  # the host's Crawl-delay, larger than ours
        assert site.hits["/robots.txt"] == 1
        assert all(a.startswith("storyline/") and "desk@example.org" in a for a in site.agents)
    finally:
        f.close()


def test_unreachable_robots_forbids_and_missing_allows(site: Site) -> None:
    site.put("/x", "x")
    f = Fetcher(delay=0.0)
    try:
        assert f.get(site.url("/x")).ok  # no robots.txt (404): everything allowed
    finally:
        f.close()
    site.put("/robots.txt", "down", "text/plain", status=503, etag=False)
    f = Fetcher(delay=0.0)
    try:
        assert f.get(site.url("/x")).status == 0
    finally:
        f.close()


def test_429_with_retry_after_blocks_the_host(site: Site) -> None:
    site.put("/busy", "slow down", status=429, etag=False, headers={"Retry-After": "120"})
    f = Fetcher(delay=0.0)
    try:
        res = f.get(site.url("/busy"))
        assert res.status == 429 and res.retry_after == 120
        assert f.clock.blocked(site.base)
    finally:
        f.close()
    assert retry_after_seconds("Wed, 21 Oct 2099 07:28:00 GMT") > 0
    assert retry_after_seconds("garbage") == 60.0


def test_limits_redirects_gzip_and_timeouts(site: Site) -> None:
    site.put("/big", b"x" * 5000)
    site.put("/loop1", "", redirect="/loop2")
    site.put("/loop2", "", redirect="/loop1")
    site.put("/moved", "", redirect="/here")
    site.put("/here", "<p>arrived</p>", gzip=True)
    f = Fetcher(delay=0.0, max_bytes=1000)
    try:
        with pytest.raises(FetchError, match="too large"):
            f.get(site.url("/big"))
        with pytest.raises(FetchError, match="redirects"):
            f.get(site.url("/loop1"))
        res = f.get(site.url("/moved"))
        assert res.ok and res.url == site.url("/here") and res.body == b"<p>arrived</p>"
    finally:
        f.close()


def test_conditional_get_gets_304(site: Site) -> None:
    site.put("/feed", "<rss/>", "application/rss+xml")
    f = Fetcher(delay=0.0)
    try:
        first = f.get(site.url("/feed"))
        again = f.get(site.url("/feed"), etag=first.etag)
        assert first.ok and first.etag and again.status == 304 and site.conditional["/feed"] == 1
    finally:
        f.close()


def test_slow_response_times_out(site: Site) -> None:
    import httpx

    site.put("/slow", "late", delay=1.0)
    f = Fetcher(delay=0.0, client=httpx.Client(timeout=0.2))
    try:
        with pytest.raises(FetchError, match="timed out"):
            f.get(site.url("/slow"))
    finally:
        f.close()
