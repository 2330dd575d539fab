"""Core commands: analyze, stories, show, extract, export, diff."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..export import EXPORT_FORMATS, export_articles
from ..extraction import extract_document
from ..fetch.sources import is_url
from ..ingest import read_inputs
from ..pipeline import AnalyzeResult
from ..pipeline import analyze as run_analyze
from ..provenance import align_articles
from ..provenance.diff import render_diff
from ..registry import STAGES, markdown_table
from ..terminal import render_terminal
from ..types import InputProblem, StoryQuery, to_json
from .app import EXIT_REJECTED, DbOption, app, console, err_console, fail, load_story_view, open_store_or_fail
from .follow import analyze_urls


def print_stories(store, event_ids: list[int] | None = None, *, limit: int = 50) -> None:  # type: ignore[no-untyped-def]
    """One line per story; long values are cut, not wrapped, so the table
    stays readable in an 80-column pipe (``make demo``, CI logs)."""
    events = store.list_stories(
        StoryQuery(limit=limit, event_ids=tuple(event_ids) if event_ids is not None else None, order="size")
    )
    table = Table(title=f"{len(events)} stories" if event_ids is None else f"{len(events)} stories touched")
    table.add_column("id", justify="right")
    table.add_column("line", justify="right")
    table.add_column("size", justify="right")
    table.add_column("langs", no_wrap=True)
    table.add_column("outlets", justify="right")
    table.add_column("published", no_wrap=True, min_width=10)
    # The title gets what the terminal has left (at least 20 columns), cut with an ellipsis.
    table.add_column("title", no_wrap=True, overflow="ellipsis", max_width=max(20, console.width - 66))
    for e in events:
        table.add_row(
            str(e.id),
            str(e.storyline_id),
            str(e.size),
            ",".join(e.languages),
            str(len(e.outlets)),
            e.first_published or "",
            e.title,
        )
    console.print(table)


@app.command()
def analyze(
    paths: Annotated[
        list[str], typer.Argument(help="Files, directories (recursive), - for stdin, or http(s) URLs (fetched).")
    ],
    db: DbOption = "",
    batch_size: Annotated[int, typer.Option(help="Articles per batch.")] = 128,
    no_analysis: Annotated[
        bool, typer.Option("--no-analysis", help="Cluster only; skip story analysis.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print no story table.")] = False,
) -> None:
    """Ingest and process articles, then print the stories they belong to."""
    store = open_store_or_fail(db)
    urls = [p for p in paths if is_url(p)]
    paths = [p for p in paths if not is_url(p)]
    try:
        fetched = analyze_urls(store, urls, analyse=not no_analysis) if urls else None
        with Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
            disable=quiet or not err_console.is_terminal,
        ) as bar:
            task = bar.add_task("analysing", total=None)
            res = run_analyze(
                paths,
                store=store,
                batch_size=batch_size,
                analyse=not no_analysis,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            ) if paths else AnalyzeResult()  # fmt: skip
        if fetched is not None:  # the URLs' articles count with the files'
            res.problems.extend(fetched.problems)
            res.added.extend((aid, "", -1) for aid in fetched.added)
        for prob in res.problems:
            err_console.print(f"[yellow]rejected[/yellow] {prob.origin}: {prob.reason}", highlight=False)
        err_console.print(
            f"{len(res.added)} added, {len(res.skipped)} already known, {len(res.problems)} rejected "
            f"(store: {store.count_articles()} articles, {store.count_events()} stories)",
            highlight=False,
        )
        if not quiet:
            touched = sorted({e for _, _, e in res.added if e >= 0} | res.touched_events)
            if fetched is not None:
                touched = sorted({*touched, *(a.event_id for a in map(store.get_article, fetched.added)
                                              if a is not None and a.event_id is not None)})  # fmt: skip
            print_stories(store, touched or None)
    finally:
        store.close()
    if res.problems:
        raise typer.Exit(EXIT_REJECTED)


@app.command()
def stories(
    db: DbOption = "",
    limit: Annotated[int, typer.Option(help="How many stories.")] = 50,
    json_out: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """List stories (events), biggest first."""
    store = open_store_or_fail(db)
    try:
        if json_out:
            typer.echo(
                json.dumps(
                    [to_json(e) for e in store.list_stories(StoryQuery(limit=limit, order="size"))],
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            print_stories(store, limit=limit)
    finally:
        store.close()


@app.command()
def show(
    story_id: Annotated[int, typer.Argument(help="An event (story) id.")],
    db: DbOption = "",
    json_out: Annotated[bool, typer.Option("--json", help="The full JSON contract.")] = False,
) -> None:
    """Show one story: sources, relations, quotes, timeline, discrepancies."""
    view = load_story_view(db, story_id)
    if json_out:
        typer.echo(json.dumps(to_json(view), ensure_ascii=False, indent=2))
    else:
        render_terminal(view, console)


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="A .txt or .html file, or - for stdin.")],
    json_out: Annotated[bool, typer.Option("--json", help="JSON with every line's label.")] = False,
) -> None:
    """Clean one article: its text without page furniture, and its metadata."""
    items = list(read_inputs([file]))
    if not items:
        raise fail(f"{file}: nothing to read")
    item = items[0]
    if isinstance(item, InputProblem):
        raise fail(f"{item.origin}: {item.reason}")
    ext = extract_document(item)
    if json_out:
        d = to_json(ext)
        typer.echo(json.dumps(d, ensure_ascii=False, indent=2))
        return
    console.rule(ext.title or "(no title)")
    for key in ("standfirst", "outlet", "published", "language"):
        if getattr(ext, key):
            console.print(f"[bold]{key}[/bold]: {getattr(ext, key)}", highlight=False)
    if ext.authors or ext.agencies:
        console.print(f"[bold]by[/bold]: {', '.join(ext.authors + ext.agencies)}", highlight=False)
    if ext.short:
        console.print("[bold]short[/bold]: a headline or a feed snippet", highlight=False)
    for note in (*ext.repairs, *(f"[yellow]{w}[/yellow]" for w in ext.warnings)):
        console.print(f"[bold]note[/bold]: {note}", highlight=False)
    console.print(ext.text or f"[red](no text: {ext.reason})[/red]", highlight=False)


@app.command()
def export(
    db: DbOption = "",
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    out: Annotated[Path | None, typer.Option("--out", help="Output file (default: stdout).")] = None,
) -> None:
    """Export one row per article with its event and storyline ids."""
    if fmt not in EXPORT_FORMATS:
        raise fail(f"unknown format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})", 2)
    store = open_store_or_fail(db)
    try:
        if fmt == "parquet":
            if out is None:
                raise fail("parquet is binary: give --out FILE", 2)
            n = export_articles(store, fmt=fmt, path=out)
        elif out is not None:
            with out.open("w", encoding="utf-8", newline="") as fh:
                n = export_articles(store, fmt=fmt, out=fh)
        else:
            n = export_articles(store, fmt=fmt, out=sys.stdout)
    finally:
        store.close()
    if out is not None:
        err_console.print(f"{n} articles written to {out}", highlight=False)


@app.command()
def diff(
    article_a: Annotated[str, typer.Argument(help="Article id (or unique prefix, or source id).")],
    article_b: Annotated[str, typer.Argument(help="Article id (or unique prefix, or source id).")],
    db: DbOption = "",
) -> None:
    """Show two articles side by side with their shared passages marked."""
    store = open_store_or_fail(db)
    try:
        a, b = store.find_article(article_a), store.find_article(article_b)
        for key, art in ((article_a, a), (article_b, b)):
            if art is None:
                raise fail(f"no article {key!r} (give an id, a unique id prefix or a source id)")
        assert a is not None and b is not None
        vecs = store.sentence_vectors([a.id, b.id])
    finally:
        store.close()
    passages = align_articles(a, b, vecs[a.id], vecs[b.id])
    console.print(render_diff(a, b, passages))


@app.command()
def stages(
    markdown: Annotated[bool, typer.Option("--markdown", help="The table of docs/architecture.md.")] = False,
) -> None:
    """The pipeline's stages in the order a run walks them: what each reads and writes."""
    if markdown:
        typer.echo(markdown_table())
        return
    table = Table(title="pipeline stages")
    for col in ("#", "stage", "runs over", "function", "reads", "writes"):
        table.add_column(col)
    for i, s in enumerate(STAGES, start=1):
        table.add_row(str(i), s.name, s.scope, s.module, ", ".join(s.reads), ", ".join(s.writes))
    console.print(table)
