"""The follower: one round polls every due source, records what it names,
fetches the article pages not fetched yet and runs them through the pipeline.

A round is safe to kill at any point: a source's poll (its new validators)
and the URLs it found (as ``pending``) are written in one transaction, pages
are stored one article per transaction by the pipeline, and a URL is marked
``fetched`` after its article is stored.  A round killed between the two
finds the URL still pending, fetches it again, and the pipeline sees the
same text at the same URL already stored: no duplicate, no loss.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from ..ingest import decode
from ..models import Models
from ..pipeline import ingest_documents
from ..records import record_to_document
from ..store import Store
from ..types import InputProblem, RawDocument, SourceRecord, UrlRecord
from .client import Fetcher, FetchError, FetchResult
from .discover import Discovered, Item, canonical_url, classify
from .politeness import backoff_seconds
from .robots import RobotsCache

__all__ = [
    "FollowReport",
    "follow_round",
    "run_loop",
    "fetch_pages",
    "DEFAULT_INTERVAL",
    "MIN_INTERVAL",
    "MAX_INTERVAL",
    "MAX_FAILURES",
    "MAX_PAGE_ATTEMPTS",
]

#: First poll interval of a new source: news sites publish every few minutes
#: to every few hours; a quarter of an hour is what most readers poll at.
DEFAULT_INTERVAL = 900.0
#: Fastest and slowest polls: no busier source needs more than one request a
#: minute (feeds hold 20-100 items), no quiet one less than one a day.
MIN_INTERVAL = 60.0
MAX_INTERVAL = 86400.0
#: A poll with new items halves the interval, a poll without stretches it by
#: half: a source converges on about one new batch per poll.
FASTER, SLOWER = 0.5, 1.5
#: Consecutive failures after which a source is paused (``storyline sources``
#: shows it; ``storyline follow --resume`` polls it again): with the doubling
#: back-off that is over 7 hours of retries at the default interval.
MAX_FAILURES = 5
#: Fetches of one article page before it is given up (its feed summary stays).
MAX_PAGE_ATTEMPTS = 3
#: Pages fetched in one round at most; the rest wait, pending, for the next.
MAX_PAGES_PER_ROUND = 5000
#: Pages handed to the pipeline at once: one pipeline batch; a killed round
#: loses at most these fetches (never a stored article).
PAGES_PER_INGEST = 128
ROBOTS_KEY = "fetch.robots"
DIRECT = "direct"


def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass
class FollowReport:
    polled: int = 0
    unchanged: int = 0
    failed: int = 0
    new_urls: int = 0
    pages: int = 0  # article pages fetched
    added: list[str] = field(default_factory=list)  # article ids stored
    summaries: int = 0  # feed items stored from their summary
    revisions: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    lines: dict[str, str] = field(default_factory=dict)  # source URL -> what its poll did
    requests: int = 0
    stopped: bool = False
    route_of: dict[str, str] = field(default_factory=dict)  # URL queued this round -> its source
    added_by_source: dict[str, int] = field(default_factory=dict)


Progress = Callable[[str, str], None]


def follow_round(
    st: Store,
    *,
    fetcher: Fetcher,
    sources: Iterable[str] | None = None,
    due_only: bool = False,
    analyse: bool = True,
    models: Models | None = None,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    resume: bool = False,
) -> FollowReport:
    """Poll the sources (``sources``' URLs, added when new; else every followed
    source), then fetch and analyse the pages not fetched yet.  ``resume``
    un-pauses the paused ones first."""
    rep = FollowReport()
    start_requests = fetcher.requests
    if not fetcher.robots.to_dict():
        saved = st.get_state(ROBOTS_KEY)
        if saved:
            fetcher.robots = RobotsCache.from_dict(saved)
    wanted = list(sources) if sources is not None else None
    recs = st.add_sources(wanted, interval=DEFAULT_INTERVAL) if wanted else st.list_sources()
    now_iso = _iso(time.time())
    for r in recs:
        if resume and r.paused:
            r.paused, r.failures, r.next_poll = False, 0, now_iso
            st.save_source(r)
    def due(r: SourceRecord) -> bool:
        return not r.paused and r.kind != "page" and (not due_only or r.next_poll <= now_iso)

    queue = [r for r in recs if due(r)]
    seen: set[str] = set()
    prefetched: dict[str, FetchResult] = {}
    while queue and not should_stop():
        rec = queue.pop(0)
        if rec.url in seen:
            continue
        seen.add(rec.url)
        queue.extend(r for r in _poll(st, fetcher, rec, rep, prefetched) if due(r))
        if progress:
            progress(rec.url, rep.lines.get(rec.url, ""))
    if should_stop():
        rep.stopped = True
    fetch_pages(st, fetcher=fetcher, report=rep, analyse=analyse, models=models, prefetched=prefetched,
                should_stop=should_stop, progress=progress)  # fmt: skip
    for src in st.list_sources(urls=rep.added_by_source):
        src.articles_added += rep.added_by_source[src.url]
        st.save_source(src)
    st.put_state(ROBOTS_KEY, fetcher.robots.to_dict())
    rep.requests = fetcher.requests - start_requests
    return rep


def _fail(rec: SourceRecord, why: str, *, wait: float | None = None) -> None:
    rec.failures += 1
    rec.last_error = why
    rec.last_status = "error" if rec.last_status in (None, "200", "304", "unchanged") else rec.last_status
    pause = max(wait or 0.0, backoff_seconds(rec.interval, rec.failures - 1))
    rec.next_poll = _iso(time.time() + pause)
    if rec.failures >= MAX_FAILURES:
        rec.paused = True


def _poll(
    st: Store, fetcher: Fetcher, rec: SourceRecord, rep: FollowReport, prefetched: dict[str, FetchResult]
) -> list[SourceRecord]:
    """One source's poll; returns the sources it revealed (a site's feeds, an index's sitemaps)."""
    rep.polled += 1
    now = time.time()
    rec.polls += 1
    rec.last_poll = _iso(now)
    try:
        res = fetcher.get(rec.url, etag=rec.etag, last_modified=rec.last_modified)
    except FetchError as exc:
        rec.last_status = "error"
        _fail(rec, str(exc))
        rep.failed += 1
        rep.lines[rec.url] = f"error: {exc}"
        st.save_source(rec)
        return []
    rec.last_status = str(res.status)
    if res.status == 0:
        rec.last_status = "robots"
        _fail(rec, "robots.txt disallows it")
    elif res.status in (429, 503):
        _fail(rec, f"HTTP {res.status} (retry after {res.retry_after:.0f} s)", wait=res.retry_after)
    elif res.status == 304 or (res.ok and rec.body_hash == res.body_hash):
        rec.last_status = "unchanged" if res.status == 200 else "304"
        rec.failures, rec.last_error = 0, None
        _reschedule(rec, found=False)
        rep.unchanged += 1
        rep.lines[rec.url] = "unchanged"
        st.save_source(rec)
        # A site or sitemap index that did not change still has feeds and sitemaps of its own to poll.
        return st.list_sources(urls=rec.feeds) if rec.kind in ("site", "sitemapindex") else []
    elif not res.ok:
        _fail(rec, f"HTTP {res.status}")
    if not res.ok:
        rep.failed += 1
        rep.lines[rec.url] = rec.last_error or "error"
        st.save_source(rec)
        return []
    found = classify(res.body, url=res.url, content_type=res.content_type)
    return _record(st, rec, res, found, rep, prefetched)


def _reschedule(rec: SourceRecord, *, found: bool) -> None:
    rec.interval = max(MIN_INTERVAL, rec.interval * FASTER) if found else min(MAX_INTERVAL, rec.interval * SLOWER)
    rec.next_poll = _iso(time.time() + rec.interval)


def _record(
    st: Store,
    rec: SourceRecord,
    res: FetchResult,
    found: Discovered,
    rep: FollowReport,
    prefetched: dict[str, FetchResult],
) -> list[SourceRecord]:
    rec.failures, rec.last_error = 0, None
    rec.etag, rec.last_modified, rec.body_hash = res.etag, res.last_modified, res.body_hash
    more: list[SourceRecord] = []
    if found.kind == "broken":
        _fail(rec, found.error or "unreadable")
        rec.etag = rec.last_modified = rec.body_hash = None  # read it again next time, even if unchanged
        rep.failed += 1
        rep.lines[rec.url] = rec.last_error or "broken"
        st.save_source(rec)
        return more
    rec.kind = "sitemap" if found.kind == "sitemapindex" else found.kind
    if found.kind in ("site", "sitemapindex"):
        rec.kind = found.kind
        rec.feeds = found.links
        rec.next_poll = _iso(time.time() + MAX_INTERVAL)  # a site is read again daily for new feeds
        st.save_source(rec)
        more = [s for s in st.add_sources(found.links, interval=DEFAULT_INTERVAL) if not s.paused]
        rep.lines[rec.url] = f"{len(found.links)} {'feeds' if found.kind == 'site' else 'sitemaps'} found"
        return more
    if found.kind == "page":
        url = canonical_url(res.url)
        prefetched[url] = res
        items = [Item(url=url)]
        route = DIRECT
    else:
        items, route = found.items, rec.url
        rec.title = found.title or rec.title
    known = st.known_urls([i.url for i in items], [i.guid for i in items if i.guid])
    new: list[UrlRecord] = []
    routes = []
    for item in items:
        old = known.get(item.url) or (known.get("guid:" + item.guid) if item.guid else None)
        routes.append((old.url if old else item.url, route))
        if old is None:
            new.append(UrlRecord(url=item.url, guid=item.guid, item=item.record, updated=item.updated))
            rep.route_of[item.url] = rec.url
            known[item.url] = new[-1]
        elif (item.updated and old.updated and item.updated != old.updated and old.status == "fetched"):
            # The item says it changed: fetch the page again (conditionally) for a revision.
            old.status, old.updated, old.attempts = "pending", item.updated, 0
            new.append(old)
    rep.new_urls += sum(1 for u in new if u.article_id is None)
    _reschedule(rec, found=bool(new))
    if new:
        rec.last_new = rec.last_poll
    rep.lines[rec.url] = f"{len(items)} items, {len(new)} new"
    st.save_source(rec, urls=new, routes=routes)
    return more


def _raw_of(u: UrlRecord, res: FetchResult) -> RawDocument | InputProblem:
    try:
        text, charset = decode(res.body)
    except ValueError as exc:
        return InputProblem(u.url, str(exc))
    item = u.item or {}
    meta: dict[str, object] = {"fetched_from": res.url}
    if u.first_article_id:
        meta["revision_of"] = u.first_article_id
    is_html = "html" in res.content_type or "<html" in text[:4096].lower()
    return RawDocument(
        source_id=u.url,
        origin=u.url,
        html=text if is_html else None,
        text=None if is_html else text,
        url=u.url,
        outlet=item.get("outlet"),
        published=item.get("published"),
        metadata=meta,
        charset=charset,
    )


def _summary_of(u: UrlRecord) -> RawDocument | None:
    """The feed item's own headline and summary, as a short article."""
    item = dict(u.item or {})
    if not (item.get("title") or item.get("summary") or item.get("content")):
        return None
    item.update(id=u.url, link=u.url)
    doc = record_to_document(item, origin=u.url, default_id=u.url)
    if isinstance(doc, InputProblem):
        return None
    doc.source_id = u.url
    doc.metadata["feed_summary"] = True
    return doc


def fetch_pages(
    st: Store,
    *,
    fetcher: Fetcher,
    report: FollowReport | None = None,
    analyse: bool = True,
    models: Models | None = None,
    prefetched: dict[str, FetchResult] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    progress: Progress | None = None,
) -> FollowReport:
    """Fetch every queued article page and store what it gives."""
    rep = report if report is not None else FollowReport()
    pre = prefetched or {}
    queued = st.queued_urls(max_attempts=MAX_PAGE_ATTEMPTS, limit=MAX_PAGES_PER_ROUND)
    for i in range(0, len(queued), PAGES_PER_INGEST):
        if should_stop():
            rep.stopped = True
            break
        _fetch_chunk(st, fetcher, queued[i : i + PAGES_PER_INGEST], rep, pre, analyse=analyse, models=models,
                     should_stop=should_stop)  # fmt: skip
        if progress:
            progress("pages", f"{rep.pages} fetched, {len(rep.added)} stored")
    return rep


def _fetch_chunk(
    st: Store,
    fetcher: Fetcher,
    chunk: list[UrlRecord],
    rep: FollowReport,
    pre: dict[str, FetchResult],
    *,
    analyse: bool,
    models: Models | None,
    should_stop: Callable[[], bool],
) -> None:
    docs: list[RawDocument | InputProblem] = []
    by_url: dict[str, UrlRecord] = {}
    aliases: list[UrlRecord] = []
    stamp = _iso(time.time())
    for u in chunk:
        if should_stop():
            break
        if fetcher.clock.blocked(_host_of(u.url)):
            continue  # the host said 429/503: stays pending for a later round
        res: FetchResult | None = pre.get(u.url)
        error = None
        if res is None:
            try:
                cond = u.article_id is not None
                res = fetcher.get(u.url, etag=u.etag if cond else None, last_modified=u.last_modified if cond else None)
            except FetchError as exc:
                error = str(exc)
        u.last_fetched = stamp
        if res is not None and (res.status == 304 or (res.ok and u.body_hash == res.body_hash and u.article_id)):
            u.status, u.error = "fetched", None
            by_url[u.url] = u
            continue
        if res is not None and res.ok:
            rep.pages += 1
            u.etag, u.last_modified, u.body_hash = res.etag, res.last_modified, res.body_hash
            final = canonical_url(res.url)
            if final != u.url:
                aliases.append(UrlRecord(url=final, status="alias", final_url=u.url, first_seen=stamp))
            docs.append(_raw_of(u, res))
            by_url[u.url] = u
            continue
        if res is not None:
            error = "robots.txt disallows it" if res.status == 0 else f"HTTP {res.status}"
        u.attempts += 1
        u.error = error
        by_url[u.url] = u
        summary = _summary_of(u) if u.status == "pending" and u.article_id is None else None
        if summary is not None:
            docs.append(summary)
        elif u.attempts >= MAX_PAGE_ATTEMPTS and u.status == "pending":
            u.status = "failed"
    if docs:
        _ingest(st, docs, by_url, rep, analyse=analyse, models=models)
    st.save_source(None, urls=[*by_url.values(), *aliases])


def _host_of(url: str) -> str:
    p = urlsplit(url)
    return f"{p.scheme}://{p.netloc}".lower()


def _ingest(
    st: Store,
    docs: list[RawDocument | InputProblem],
    by_url: dict[str, UrlRecord],
    rep: FollowReport,
    *,
    analyse: bool,
    models: Models | None,
) -> None:
    summaries = {d.source_id for d in docs if isinstance(d, RawDocument) and d.metadata.get("feed_summary")}
    res = ingest_documents(docs, store=st, analyse=analyse, models=models)
    retry: list[RawDocument | InputProblem] = []
    for aid, sid, _event in res.added:
        u = by_url.get(sid)
        rep.added.append(aid)
        if sid in rep.route_of:
            src = rep.route_of[sid]
            rep.added_by_source[src] = rep.added_by_source.get(src, 0) + 1
        if u is None:
            continue
        if u.article_id and u.article_id != aid:
            u.revisions += 1
            rep.revisions += 1
        u.article_id = aid
        u.first_article_id = u.first_article_id or aid
        u.status, u.error = ("summary", u.error) if sid in summaries else ("fetched", None)
        if sid in summaries:
            rep.summaries += 1
    skipped = [sid for sid, _why in res.skipped if sid in by_url]
    known = st.article_ids_by_url(skipped)
    for sid in skipped:
        u = by_url[sid]
        u.article_id = u.article_id or known.get(sid)
        u.first_article_id = u.first_article_id or u.article_id
        if sid not in summaries:
            u.status, u.error = "fetched", None
    for prob in res.problems:
        u = by_url.get(prob.origin)
        if u is None:
            rep.problems.append(prob)
            continue
        u.error = prob.reason
        if prob.origin not in summaries:
            u.status = "rejected"
            summary = _summary_of(u) if u.article_id is None else None
            if summary is not None:  # a paywall or a wall: the feed's headline and summary still say something
                retry.append(summary)
                continue
        rep.problems.append(prob)
    if retry:
        _ingest(st, retry, by_url, rep, analyse=analyse, models=models)


def run_loop(
    st: Store,
    *,
    fetcher: Fetcher,
    sources: Iterable[str] | None,
    stop: threading.Event,
    analyse: bool = True,
    models: Models | None = None,
    progress: Progress | None = None,
    on_round: Callable[[FollowReport], None] | None = None,
    idle_cap: float = MAX_INTERVAL,
) -> int:
    """Rounds until ``stop`` is set: each polls the sources that are due, then
    sleeps until the next one is.  Returns the number of rounds run."""
    wanted = list(sources) if sources is not None else None
    if wanted:
        st.add_sources(wanted, interval=DEFAULT_INTERVAL)
    rounds = 0
    while not stop.is_set():
        rep = follow_round(st, fetcher=fetcher, sources=None, due_only=True, analyse=analyse, models=models,
                           progress=progress, should_stop=stop.is_set)  # fmt: skip
        rounds += 1
        if on_round:
            on_round(rep)
        active = [s for s in st.list_sources() if not s.paused and s.kind not in ("page",)]
        if not active:
            break
        nxt = min(s.next_poll for s in active)
        wait = (datetime.strptime(nxt, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC).timestamp() - time.time())
        stop.wait(min(max(wait, 0.05), idle_cap))
    return rounds
