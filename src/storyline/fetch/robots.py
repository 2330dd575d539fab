"""robots.txt, read with ``urllib.robotparser`` and cached per host.

The cache lives in the fetcher for a process and can be saved to and loaded
from the store (``to_dict``/``from_dict``), so a cron-driven ``follow --once``
does not ask for robots.txt on every round.  RFC 9309: a missing robots.txt
(4xx) allows everything; an unreachable one (5xx, network) forbids
everything until it can be read.
"""

from __future__ import annotations

import time
import urllib.robotparser
from typing import Any
from urllib.parse import urlsplit

__all__ = ["RobotsCache", "ROBOTS_TTL"]

#: Seconds a robots.txt is trusted: RFC 9309 asks crawlers not to cache it
#: for more than 24 hours.
ROBOTS_TTL = 24 * 3600.0
#: An unreachable robots.txt is asked again after this many seconds (not a day).
UNREACHABLE_TTL = 600.0


class RobotsCache:
    def __init__(self) -> None:
        self._rules: dict[str, tuple[float, int, str]] = {}  # host -> (fetched at, status, text)
        self._parsed: dict[str, urllib.robotparser.RobotFileParser] = {}

    def known(self, host: str) -> bool:
        got = self._rules.get(host)
        if got is None:
            return False
        ttl = UNREACHABLE_TTL if got[1] >= 500 else ROBOTS_TTL
        return time.time() - got[0] < ttl

    def learn(self, host: str, answer: tuple[int, str], *, now: float) -> None:
        status, body = answer
        self._rules[host] = (now, status, body)
        self._parsed.pop(host, None)

    def _parser(self, host: str) -> urllib.robotparser.RobotFileParser:
        rp = self._parsed.get(host)
        if rp is None:
            _at, status, body = self._rules.get(host, (0.0, 404, ""))
            rp = urllib.robotparser.RobotFileParser()
            if status >= 500:
                rp.parse(["User-agent: *", "Disallow: /"])
            elif 400 <= status < 500:
                rp.parse([])
            else:
                rp.parse(body.splitlines())
            self._parsed[host] = rp
        return rp

    def allowed(self, url: str, agent: str) -> bool:
        parts = urlsplit(url)
        if parts.path == "/robots.txt":
            return True
        return self._parser(f"{parts.scheme}://{parts.netloc}".lower()).can_fetch(agent.split("/")[0], url)

    def crawl_delay(self, host: str, agent: str) -> float | None:
        value = self._parser(host).crawl_delay(agent.split("/")[0])
        return float(value) if value is not None else None

    def to_dict(self) -> dict[str, Any]:
        return {h: list(v) for h, v in self._rules.items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RobotsCache:
        rc = cls()
        for host, (at, status, body) in data.items():
            rc._rules[host] = (float(at), int(status), str(body))
        return rc
