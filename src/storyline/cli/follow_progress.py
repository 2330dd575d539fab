"""The follower's progress display: one line per source while a round runs,
on stderr, off under ``--json`` and when stderr is not a terminal."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn

from .app import err_console

__all__ = ["source_lines"]


@contextmanager
def source_lines(*, enabled: bool) -> Iterator[object]:
    """A callback ``(source URL, what happened)`` that shows one line per source."""
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("[dim]{task.fields[note]}"),
        console=err_console,
        transient=False,
        disable=not enabled or not err_console.is_terminal,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def update(url: str, note: str) -> None:
            if url not in tasks:
                tasks[url] = bar.add_task(url[:70], total=1, note=note)
            bar.update(tasks[url], completed=1, note=note)

        yield update
