"""``storyline reanalyse``: finish (or redo) the analysis of stories."""

from __future__ import annotations

from typing import Annotated

import typer

from ..pipeline import finish_pending
from ..types import StoryQuery
from .app import DbOption, app, err_console, fail, open_store_or_fail

__all__ = ["reanalyse"]

#: Stories listed per read when ``--all`` marks every story.
PAGE = 1000


@app.command()
def reanalyse(
    story_ids: Annotated[list[int] | None, typer.Argument(help="Stories to redo (default: the pending ones).")] = None,
    db: DbOption = "",
    all_stories: Annotated[bool, typer.Option("--all", help="Redo every story.")] = False,
) -> None:
    """Analyse the stories a crashed or --no-analysis run left pending (or the ones given)."""
    store = open_store_or_fail(db)
    try:
        ids = list(story_ids or [])
        if all_stories:
            offset = 0
            while page := store.list_stories(StoryQuery(limit=PAGE, offset=offset, order="size")):
                ids += [e.id for e in page]
                offset += PAGE
        for sid in ids:
            if store.get_event(sid) is None:
                raise fail(f"no story {sid}")
        if ids:
            store.mark_pending(ids)
        n = finish_pending(store)
        err_console.print(f"{n} stories analysed ({len(store.pending_events())} pending)", highlight=False)
    finally:
        store.close()
