"""The follower's state in the store: sources, fetched article URLs and the
routes each URL was reached through (migration 0007).

Every write that moves a round forward is one transaction: the items a poll
found are recorded (as ``pending``) together with the source's new ETag, so
a round killed at any point resumes from the pending URLs and a feed that
answers 304 next time loses nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..types import SourceRecord, UrlRecord
from .schema import ArticleRow, FetchedUrlRow, SourceRow, UrlRouteRow

if TYPE_CHECKING:
    from .sql import SQLStore

__all__ = [
    "add_sources",
    "list_sources",
    "save_source",
    "known_urls",
    "save_urls",
    "queued_urls",
    "article_ids_by_url",
    "routes_of",
    "url_counts",
]

_SOURCE_FIELDS = tuple(f for f in SourceRecord.__slots__ if f != "id")  # type: ignore[attr-defined]
_URL_FIELDS = tuple(UrlRecord.__slots__)  # type: ignore[attr-defined]
#: Rows per ``IN (...)`` list: well under SQLite's and PostgreSQL's parameter limits.
_CHUNK = 500


def _source(r: SourceRow) -> SourceRecord:
    rec = SourceRecord(url=r.url, id=r.id)
    for f in _SOURCE_FIELDS:
        if f != "url":
            setattr(rec, f, getattr(r, f))
    rec.feeds = list(rec.feeds or [])
    return rec


def _url(r: FetchedUrlRow) -> UrlRecord:
    return UrlRecord(**{f: getattr(r, f) for f in _URL_FIELDS})


def add_sources(st: SQLStore, urls: Iterable[str], *, interval: float, now: str) -> list[SourceRecord]:
    """Insert the sources not followed yet; return all of ``urls``' rows, in order."""
    wanted = list(dict.fromkeys(urls))
    with st._wsession() as s, s.begin():
        have = {r.url: r for r in _rows(s, SourceRow, SourceRow.url, wanted)}
        for u in wanted:
            if u not in have:
                row = SourceRow(url=u, kind="unknown", feeds=[], interval=interval, next_poll=now, failures=0,
                                paused=False, polls=0, articles_added=0, created_at=now)  # fmt: skip
                s.add(row)
                have[u] = row
        s.flush()
        return [_source(have[u]) for u in wanted]


def list_sources(st: SQLStore, *, urls: Iterable[str] | None = None) -> list[SourceRecord]:
    with st.session() as s:
        if urls is None:
            return [_source(r) for r in s.scalars(select(SourceRow).order_by(SourceRow.id))]
        by_url = {r.url: r for r in _rows(s, SourceRow, SourceRow.url, list(urls))}
        return [_source(by_url[u]) for u in dict.fromkeys(urls) if u in by_url]


def _write_source(s: Session, rec: SourceRecord) -> None:
    row = s.get(SourceRow, rec.id) if rec.id is not None else None
    if row is None:
        raise ValueError(f"no such source: {rec.url}")
    for f in _SOURCE_FIELDS:
        setattr(row, f, list(rec.feeds) if f == "feeds" else getattr(rec, f))


def _write_urls(s: Session, urls: Iterable[UrlRecord], routes: Iterable[tuple[str, str]], now: str) -> None:
    for rec in urls:
        row = s.get(FetchedUrlRow, rec.url)
        values: dict[str, Any] = {f: getattr(rec, f) for f in _URL_FIELDS}
        values["first_seen"] = values["first_seen"] or now
        if row is None:
            s.add(FetchedUrlRow(**values))
        else:
            for k, v in values.items():
                if k != "first_seen":
                    setattr(row, k, v)
    for url, route in dict.fromkeys(routes):
        if s.get(UrlRouteRow, (url, route)) is None:
            s.add(UrlRouteRow(url=url, route=route, first_seen=now))
    s.flush()


def save_source(
    st: SQLStore,
    rec: SourceRecord | None,
    *,
    urls: Iterable[UrlRecord] = (),
    routes: Iterable[tuple[str, str]] = (),
    now: str,
) -> None:
    """A source's poll (its row), the URLs it found and their routes, in one transaction."""
    with st._wsession() as s, s.begin():
        if rec is not None:
            _write_source(s, rec)
        _write_urls(s, urls, routes, now)


def save_urls(st: SQLStore, urls: Iterable[UrlRecord], *, routes: Iterable[tuple[str, str]] = (), now: str) -> None:
    save_source(st, None, urls=urls, routes=routes, now=now)


def known_urls(st: SQLStore, urls: Iterable[str], guids: Iterable[str] = ()) -> dict[str, UrlRecord]:
    """The rows of these URLs, and of these feed GUIDs (keyed by ``"guid:" + guid``)."""
    url_list, guid_list = list(dict.fromkeys(urls)), list(dict.fromkeys(g for g in guids if g))
    out: dict[str, UrlRecord] = {}
    with st.session() as s:
        for r in _rows(s, FetchedUrlRow, FetchedUrlRow.url, url_list):
            out[r.url] = _url(r)
        for r in _rows(s, FetchedUrlRow, FetchedUrlRow.guid, guid_list):
            out["guid:" + (r.guid or "")] = _url(r)
    return out


def queued_urls(st: SQLStore, *, max_attempts: int, limit: int) -> list[UrlRecord]:
    """URLs still to fetch: pending ones, and feed summaries whose page may come yet."""
    with st.session() as s:
        q = (
            select(FetchedUrlRow)
            .where(
                or_(FetchedUrlRow.status == "pending", FetchedUrlRow.status == "summary"),
                FetchedUrlRow.attempts < max_attempts,
            )
            .order_by(FetchedUrlRow.first_seen, FetchedUrlRow.url)
            .limit(limit)
        )
        return [_url(r) for r in s.scalars(q)]


def article_ids_by_url(st: SQLStore, urls: Iterable[str]) -> dict[str, str]:
    """The newest stored article of each URL (an article's ``url`` as stored)."""
    out: dict[str, str] = {}
    with st.session() as s:
        wanted = list(dict.fromkeys(urls))
        for i in range(0, len(wanted), _CHUNK):
            q = (
                select(ArticleRow.url, ArticleRow.id)
                .where(ArticleRow.url.in_(wanted[i : i + _CHUNK]))
                .order_by(ArticleRow.seq)
            )
            for url, aid in s.execute(q):
                if url is not None:
                    out[url] = aid
    return out


def routes_of(st: SQLStore, url: str) -> list[str]:
    with st.session() as s:
        q = select(UrlRouteRow.route).where(UrlRouteRow.url == url).order_by(UrlRouteRow.first_seen, UrlRouteRow.route)
        return list(s.scalars(q))


def url_counts(st: SQLStore) -> dict[str, int]:
    """How many URLs are in each status (``storyline sources`` prints them)."""
    with st.session() as s:
        q = select(FetchedUrlRow.status, func.count()).group_by(FetchedUrlRow.status)
        return {status: int(n) for status, n in s.execute(q)}


def _rows(s: Session, model: Any, column: Any, values: list[str]) -> list[Any]:
    out: list[Any] = []
    for i in range(0, len(values), _CHUNK):
        out.extend(s.scalars(select(model).where(column.in_(values[i : i + _CHUNK]))))
    return out
