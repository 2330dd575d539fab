"""storyline: turn a pile or a stream of news articles into stories, and show
for each story who reported what, who copied whom, and where sources disagree.

>>> import storyline
>>> result = storyline.analyze(["examples/"], db="storyline.db")   # doctest: +SKIP
>>> storyline.extract("<html>...</html>").text                      # doctest: +SKIP
>>> storyline.similarity("text a", "text b")                        # doctest: +SKIP
"""

from __future__ import annotations

import os

# Our matrix products are small (one story's sentences); OpenBLAS's thread
# pool makes them 100x slower when the other core is busy (measured on a
# loaded 2-core machine: 40 ms instead of 0.3 ms).  Set before numpy loads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

from .types import Article, Extraction, RawDocument, StoryView  # noqa: E402

if TYPE_CHECKING:
    from .pipeline import AnalyzeResult

__all__ = [
    "analyze",
    "extract",
    "similarity",
    "open_store",
    "story_view",
    "Article",
    "Extraction",
    "RawDocument",
    "StoryView",
    "__version__",
]

__version__ = "0.1.0"


def analyze(
    paths: list[str | Path] | str | Path,
    *,
    db: str | Path | None = None,
    batch_size: int = 128,
    analyse: bool = True,
) -> AnalyzeResult:
    """Ingest files/directories into the store at ``db`` and analyse their stories."""
    from .pipeline import analyze as _run

    if isinstance(paths, str | Path):
        paths = [paths]
    return _run(paths, db=db, batch_size=batch_size, analyse=analyse)


def extract(text_or_html: str) -> Extraction:
    """Clean one scraped page (plain text or HTML) into article text and metadata."""
    from .extraction import extract as _extract

    return _extract(text_or_html)


def similarity(text_a: str, text_b: str) -> float:
    """How likely two articles report the same story, in [0, 1]."""
    from .clustering.similarity import similarity as _sim

    return float(_sim(text_a, text_b))


def open_store(db: str | Path | None = None):  # type: ignore[no-untyped-def]
    """Open the store at a SQLite path or a database URL."""
    from .store import open_store as _open

    return _open(db)


def story_view(store, story_id: int) -> StoryView:  # type: ignore[no-untyped-def]
    """The JSON contract of one story (as ``storyline show --json``)."""
    from .view import story_view as _view

    return _view(store, story_id)
