"""Per-host pacing: a minimum delay between two requests to one host, the
host's own Crawl-delay when larger, and Retry-After / exponential back-off
after a 429 or 503."""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime

__all__ = ["HostClock", "retry_after_seconds", "backoff_seconds", "DEFAULT_RETRY_AFTER", "MAX_BACKOFF"]

#: Seconds to wait after a 429/503 that names no Retry-After: one minute is
#: what most rate limiters reset in.
DEFAULT_RETRY_AFTER = 60.0
#: No wait beyond a day: a source asking for more is treated as failing.
MAX_BACKOFF = 86400.0


def retry_after_seconds(value: str | None) -> float:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date)."""
    if not value:
        return DEFAULT_RETRY_AFTER
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_BACKOFF)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return DEFAULT_RETRY_AFTER
    return min(max(0.0, when.timestamp() - time.time()), MAX_BACKOFF)


def backoff_seconds(base: float, failures: int) -> float:
    """Exponential back-off: ``base`` doubled per consecutive failure, capped."""
    return float(min(base * 2.0 ** max(0, failures), MAX_BACKOFF))


class HostClock:
    """When each host may be asked again."""

    def __init__(self, *, delay: float) -> None:
        self.delay = delay
        self._next: dict[str, float] = {}
        self._gap: dict[str, float] = {}
        self._blocked: dict[str, float] = {}

    def at_least(self, host: str, seconds: float) -> None:
        self._gap[host] = max(self._gap.get(host, 0.0), seconds)

    def wait(self, host: str) -> None:
        pause = self._next.get(host, 0.0) - time.monotonic()
        if pause > 0:
            time.sleep(pause)

    def done(self, host: str) -> None:
        self._next[host] = time.monotonic() + max(self.delay, self._gap.get(host, 0.0))

    def back_off(self, host: str, seconds: float) -> None:
        """The host said 429/503: no request to it for ``seconds``."""
        self._blocked[host] = time.monotonic() + seconds

    def blocked(self, host: str) -> bool:
        return self._blocked.get(host, 0.0) > time.monotonic()
