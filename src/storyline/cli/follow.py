"""``storyline follow`` and ``storyline sources``: follow feeds, sites,
sitemaps and URLs; list the followed sources and their health."""

from __future__ import annotations

import json
import signal
import threading
from dataclasses import asdict
from typing import Annotated, Any

import typer
from rich.table import Table

from ..fetch import Fetcher, FollowReport, follow_round, read_sources, run_loop
from ..fetch.sources import SourceError
from ..store import Store
from .app import EXIT_REJECTED, DbOption, app, console, err_console, fail, open_store_or_fail
from .follow_progress import source_lines

__all__ = ["follow", "sources", "analyze_urls"]

ContactOption = Annotated[
    str | None,
    typer.Option(help="A contact (e-mail or URL) added to the User-Agent, so site owners can reach you."),
]
DelayOption = Annotated[
    float, typer.Option(help="Minimum seconds between two requests to one host (a larger robots.txt Crawl-delay wins).")
]


def _summary(rep: FollowReport) -> dict[str, Any]:
    d = asdict(rep)
    d["problems"] = [{"url": p.origin, "reason": p.reason} for p in rep.problems]
    return d


def _print_round(rep: FollowReport, store: Store, *, json_out: bool) -> None:
    if json_out:
        typer.echo(json.dumps(_summary(rep), ensure_ascii=False))
        return
    for prob in rep.problems:
        err_console.print(f"[yellow]rejected[/yellow] {prob.origin}: {prob.reason}", highlight=False)
    err_console.print(
        f"{rep.polled} sources polled ({rep.unchanged} unchanged, {rep.failed} failing), {rep.new_urls} new URLs, "
        f"{rep.pages} pages fetched, {len(rep.added)} articles added ({rep.summaries} from feed summaries, "
        f"{rep.revisions} revisions), {rep.requests} requests (store: {store.count_articles()} articles)",
        highlight=False,
    )


@app.command()
def follow(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Feed, site, sitemap or article URLs, files of URLs (one a line) or OPML files. "
                            "None: every source already followed."),  # fmt: skip
    ] = None,
    db: DbOption = "",
    once: Annotated[bool, typer.Option("--once", help="One round over every source, then exit (for cron).")] = False,
    no_analysis: Annotated[bool, typer.Option("--no-analysis", help="Cluster only; skip story analysis.")] = False,
    delay: DelayOption = 1.0,
    contact: ContactOption = None,
    json_out: Annotated[bool, typer.Option("--json", help="One JSON line per round; no progress display.")] = False,
    resume: Annotated[bool, typer.Option("--resume", help="Poll paused sources again (those given, or all).")] = False,
) -> None:
    """Fetch, extract, analyse and store what the sources publish: one round (--once) or until
    interrupted, each source polled on its own schedule (Ctrl-C / SIGTERM stops cleanly)."""
    try:
        urls = read_sources(sources or [])
    except SourceError as exc:
        raise fail(str(exc), 2) from exc
    store = open_store_or_fail(db)
    fetcher = Fetcher(delay=delay, contact=contact)
    stop = threading.Event()
    problems = False
    try:
        if not urls and not store.list_sources():
            raise fail("no sources: give feed, site or sitemap URLs (or a file of them)", 2)
        if once:
            with source_lines(enabled=not json_out) as progress:
                rep = follow_round(store, fetcher=fetcher, sources=urls or None, analyse=not no_analysis,
                                   progress=progress, resume=resume)  # type: ignore[arg-type]  # fmt: skip
            _print_round(rep, store, json_out=json_out)
            problems = bool(rep.problems)
        else:
            def _stop(signum: int, _frame: object) -> None:
                if stop.is_set():  # a second signal: stop now (open transactions roll back)
                    raise KeyboardInterrupt
                err_console.print("stopping after the current step ...", highlight=False)
                stop.set()

            if resume:
                follow_round(store, fetcher=fetcher, sources=urls or None, analyse=not no_analysis, resume=True)
            old = {s: signal.signal(s, _stop) for s in (signal.SIGINT, signal.SIGTERM)}
            try:
                def on_round(rep: FollowReport) -> None:
                    _print_round(rep, store, json_out=json_out)

                with source_lines(enabled=not json_out) as progress:
                    run_loop(store, fetcher=fetcher, sources=urls or None, stop=stop, analyse=not no_analysis,
                             progress=progress, on_round=on_round)  # type: ignore[arg-type]  # fmt: skip
            finally:
                for s, h in old.items():
                    signal.signal(s, h)
    finally:
        fetcher.close()
        store.close()
    if problems:
        raise typer.Exit(EXIT_REJECTED)


@app.command()
def sources(
    db: DbOption = "",
    json_out: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """The followed sources: kind, status, last poll, articles added, errors."""
    store = open_store_or_fail(db)
    try:
        rows, counts = store.list_sources(), store.url_counts()
    finally:
        store.close()
    if json_out:
        typer.echo(json.dumps({"sources": [asdict(r) for r in rows], "urls": counts}, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(rows)} sources")
    for col in ("id", "url", "kind", "status", "last poll", "next poll", "added", "errors"):
        table.add_column(col, overflow="fold" if col == "url" else "ellipsis")
    for r in rows:
        status = "paused" if r.paused else (r.last_status or "new")
        errors = f"{r.failures}× {r.last_error}" if r.failures else ""
        table.add_row(str(r.id), r.url, r.kind, status, (r.last_poll or "")[:19], r.next_poll[:19],
                      str(r.articles_added), errors)  # fmt: skip
    console.print(table)
    if counts:
        console.print("article URLs: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())), highlight=False)


def analyze_urls(store: Store, urls: list[str], *, analyse: bool) -> FollowReport:
    """``storyline analyze URL...``: each URL read once, as the follower would (an article page is
    stored; a feed's or sitemap's articles are fetched)."""
    fetcher = Fetcher()
    try:
        return follow_round(store, fetcher=fetcher, sources=urls, analyse=analyse)
    finally:
        fetcher.close()
