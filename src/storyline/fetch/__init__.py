"""Fetching the news: an HTTP client with manners (robots.txt, per-host delay,
Retry-After, conditional GET, size and redirect limits), discovery of feeds
and sitemaps, and the follower's rounds over the sources in the store."""

from __future__ import annotations

from .client import Fetcher, FetchError, FetchResult
from .follow import FollowReport, follow_round, run_loop
from .sources import read_sources

__all__ = ["Fetcher", "FetchResult", "FetchError", "follow_round", "run_loop", "FollowReport", "read_sources"]
