"""The Typer application the command modules register on, and what they share
(options, consoles, clean failures)."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.console import Console

from ..store import StoreError, open_store
from ..view import StoryNotFound, story_view

__all__ = ["app", "eval_app", "DbOption", "console", "err_console", "EXIT_REJECTED", "fail", "default_db", "open_store_or_fail", "load_story_view"]

EXIT_REJECTED = 3

app = typer.Typer(
    name="storyline",
    help="Turn news articles into stories: who reported what, who copied whom, where sources disagree.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(
    help="Score storyline on public benchmarks (each with a baseline in the same run).", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")

console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        help="SQLite file or database URL (postgresql://...). Default: $STORYLINE_DB or ./storyline.db",
        show_default=False,
    ),
]


def default_db() -> str:
    return os.environ.get("STORYLINE_DB", "storyline.db")


def fail(message: str, code: int = 1) -> typer.Exit:
    err_console.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code)


def open_store_or_fail(db: str | None):  # type: ignore[no-untyped-def]
    """The store at ``db`` (or the default), or a clean exit with the reason."""
    try:
        return open_store(db or default_db())
    except StoreError as exc:
        raise fail(str(exc)) from exc


def load_story_view(db: str | None, story_id: int):  # type: ignore[no-untyped-def]
    """One story's view for ``show`` and ``report``, or a clean exit."""
    store = open_store_or_fail(db)
    try:
        return story_view(store, story_id)
    except StoryNotFound as exc:
        raise fail(str(exc)) from exc
    finally:
        store.close()
