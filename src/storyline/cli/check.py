"""``storyline check``: verify the store's invariants and repair them."""

from __future__ import annotations

from typing import Annotated

import typer

from ..pipeline import finish_pending
from .app import DbOption, app, err_console, open_store_or_fail

__all__ = ["check"]

#: Exit code when the check found broken invariants and did not repair them.
EXIT_PROBLEMS = 1


@app.command()
def check(
    db: DbOption = "",
    fix: Annotated[bool, typer.Option("--fix", help="Repair what is wrong and finish pending analyses.")] = False,
) -> None:
    """Check story sizes, stray articles, views and pending analyses (exit 1 when something is wrong)."""
    store = open_store_or_fail(db)
    try:
        report = store.check(fix=fix)
        for line in report.lines():
            err_console.print(("[green]fixed[/green] " if fix else "[red]wrong[/red] ") + line, highlight=False)
        finished = finish_pending(store) if fix else 0
        pending = len(store.pending_events())
        verdict = "consistent" if report.ok else ("repaired" if fix else f"{len(report.lines())} problems")
        err_console.print(
            f"store {verdict}: {store.count_articles()} articles, {store.count_events()} stories, "
            f"{finished} analyses finished, {pending} pending",
            highlight=False,
        )
    finally:
        store.close()
    if not report.ok and not fix:
        raise typer.Exit(EXIT_PROBLEMS)
