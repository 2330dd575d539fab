"""``storyline serve`` and ``storyline report``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ..report import render_report
from .app import DbOption, app, default_db, err_console, fail, load_story_view


@app.command()
def serve(
    db: DbOption = "",
    host: Annotated[
        str, typer.Option(help="Interface to listen on (loopback unless told otherwise).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[
        int, typer.Option(help="Server processes (one per core serves the most readers).")
    ] = 1,
) -> None:
    """Serve the database as a website and a JSON API (schema at /openapi.json, docs at /api-docs)."""
    import uvicorn  # (a server only this command needs)

    from ..web.app import create_app  # lazy: FastAPI and the web app load only to serve

    if workers < 1:
        raise fail("--workers must be at least 1", 2)
    if workers == 1:
        uvicorn.run(create_app(db or default_db()), host=host, port=port, log_level="info")
        return
    # Each worker process builds its own app and store from the environment.
    os.environ["STORYLINE_DB"] = db or default_db()
    uvicorn.run(
        "storyline.web.app:app_from_env",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="info",
    )


@app.command()
def report(
    story_id: Annotated[int, typer.Argument(help="An event (story) id.")],
    db: DbOption = "",
    fmt: Annotated[str, typer.Option("--format", help="html or md.")] = "html",
    out: Annotated[Path | None, typer.Option("--out", help="Output file (default: stdout).")] = None,
) -> None:
    """Write a self-contained report of one story (HTML or Markdown)."""
    if fmt not in ("html", "md"):
        raise fail(f"unknown format {fmt!r} (html or md)", 2)
    text = render_report(load_story_view(db, story_id), fmt=fmt)
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text, encoding="utf-8")
        err_console.print(f"report written to {out}", highlight=False)
