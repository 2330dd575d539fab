"""Exports: one row per publication (``id``, ``source_id``, ``event_id``,
``storyline_id``, ``language``, ``title``, ``outlet``, ``published``, ...);
copies of one text share ``text_hash`` and point at the first with
``duplicate_of``; ``short`` marks headlines and feed snippets."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .store import Store

__all__ = ["export_articles", "EXPORT_FORMATS", "EXPORT_COLUMNS"]

EXPORT_FORMATS = ("jsonl", "csv", "parquet")
EXPORT_COLUMNS = (
    "id",
    "source_id",
    "event_id",
    "storyline_id",
    "language",
    "title",
    "outlet",
    "published",
    "url",
    "agencies",
    "duplicate_of",
    "text_hash",
    "short",
)


def _rows(store: Store) -> Iterator[dict[str, Any]]:
    for row in store.iter_articles():
        yield {c: row.get(c) for c in EXPORT_COLUMNS}


def export_articles(
    store: Store, *, fmt: str, out: IO[str] | None = None, path: Path | None = None
) -> int:
    """Write every article; returns the row count.  Parquet needs ``path``."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")
    n = 0
    if fmt == "parquet":
        if path is None:
            raise ValueError("parquet export needs --out FILE (it is a binary format)")
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = list(_rows(store))
        cols = {c: [r[c] for r in rows] for c in EXPORT_COLUMNS}
        cols["agencies"] = [list(v or []) for v in cols["agencies"]]
        pq.write_table(pa.table(cols), path)
        return len(rows)
    assert out is not None
    if fmt == "jsonl":
        for row in _rows(store):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    else:
        writer = csv.DictWriter(out, fieldnames=list(EXPORT_COLUMNS))
        writer.writeheader()
        for row in _rows(store):
            row["agencies"] = ";".join(row["agencies"] or [])
            writer.writerow(row)
            n += 1
    return n
