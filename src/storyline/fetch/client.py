"""The HTTP client the follower fetches through: httpx with a User-Agent
naming storyline, timeouts, capped redirects, a size limit, conditional GET,
robots.txt (:mod:`.robots`) and a per-host clock (:mod:`.politeness`).

Tests and benchmarks point it at a server on 127.0.0.1 by handing it their
own ``httpx.Client`` (or transport); nothing here fakes the network.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from .. import __version__
from .politeness import HostClock, retry_after_seconds
from .robots import RobotsCache

__all__ = ["Fetcher", "FetchResult", "FetchError", "USER_AGENT", "MAX_BYTES", "MAX_REDIRECTS", "TIMEOUT"]

USER_AGENT = f"storyline/{__version__} (+https://github.com/storyline-news/storyline)"
#: A news page with inline assets reaches a few MB, a big feed or sitemap
#: 10 MB (Google caps sitemaps at 50 MB uncompressed, news sitemaps hold at
#: most 1,000 URLs, a few hundred kB); beyond this it is not what we want.
MAX_BYTES = 10 * 1024 * 1024
#: Redirects followed: sites chain http -> https -> www -> canonical (three);
#: more is a loop or a tracker.
MAX_REDIRECTS = 5
#: Seconds to connect and between bytes: a healthy news site answers in well
#: under a second; a stalled one must not hold a round.
TIMEOUT = 15.0


class FetchError(RuntimeError):
    """A fetch that gave nothing usable (network, too large, disallowed, HTTP error)."""


@dataclass(slots=True)
class FetchResult:
    url: str  # the final URL after redirects
    status: int  # 200, 304, 4xx/5xx; 0 when robots.txt forbids it
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    retry_after: float | None = None  # seconds, from a 429/503
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def body_hash(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class Fetcher:
    """Polite GETs.  ``delay`` is the minimum seconds between two requests to
    one host (the host's robots.txt Crawl-delay wins when larger)."""

    def __init__(
        self,
        *,
        client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        contact: str | None = None,
        delay: float = 1.0,
        max_bytes: int = MAX_BYTES,
        robots: RobotsCache | None = None,
    ) -> None:
        ua = USER_AGENT if not contact else f"{USER_AGENT[:-1]}; {contact})"
        self.user_agent = ua
        self.client = client or httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(TIMEOUT),
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
        )
        self.client.headers["User-Agent"] = ua
        self.max_bytes = max_bytes
        self.clock = HostClock(delay=delay)
        self.robots = robots if robots is not None else RobotsCache()
        #: Requests sent, by URL (robots.txt included): what tests and the benchmark count.
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    def _raw_get(self, url: str, headers: dict[str, str]) -> FetchResult:
        host = _host(url)
        self.clock.wait(host)
        self.requests += 1
        try:
            with self.client.stream("GET", url, headers=headers) as resp:
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(f"response too large ({int(declared)} bytes > {self.max_bytes})")
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(f"response too large (over {self.max_bytes} bytes)")
                    chunks.append(chunk)
        except httpx.TooManyRedirects as exc:
            raise FetchError(f"more than {MAX_REDIRECTS} redirects") from exc
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out after {TIMEOUT:.0f} s") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}") from exc
        finally:
            self.clock.done(host)
        res = FetchResult(
            url=str(resp.url),
            status=resp.status_code,
            body=b"".join(chunks),
            content_type=resp.headers.get("content-type", ""),
            etag=resp.headers.get("etag"),
            last_modified=resp.headers.get("last-modified"),
            headers=dict(resp.headers),
        )
        if res.status in (429, 503):
            res.retry_after = retry_after_seconds(resp.headers.get("retry-after"))
            self.clock.back_off(host, res.retry_after)
        return res

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET ``url`` if robots.txt allows it (status 0 when it does not),
        conditionally when a validator is given (304 when unchanged)."""
        host = _host(url)
        if not self.robots.known(host):
            self.robots.learn(host, self._fetch_robots(host), now=time.time())
        if not self.robots.allowed(url, self.user_agent):
            return FetchResult(url=url, status=0)
        delay = self.robots.crawl_delay(host, self.user_agent)
        if delay:
            self.clock.at_least(host, delay)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._raw_get(url, headers)

    def _fetch_robots(self, host: str) -> tuple[int, str]:
        try:
            res = self._raw_get(host + "/robots.txt", {})
        except FetchError:
            return 599, ""
        return res.status, res.body[:MAX_ROBOTS_BYTES].decode("utf-8", "replace")


#: RFC 9309 lets a crawler stop reading robots.txt after 500 KiB.
MAX_ROBOTS_BYTES = 500 * 1024
