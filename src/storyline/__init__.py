"""storyline: turn a pile or a stream of news articles into stories, and show
for each story who reported what, who copied whom, and where sources disagree.

>>> import storyline
>>> result = storyline.analyze(["examples/"], db="storyline.db")   # doctest: +SKIP
>>> storyline.extract("<html>...</html>").text                      # doctest: +SKIP
>>> storyline.similarity("text a", "text b")                        # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

from .clustering.similarity import similarity as _similarity
from .extraction import extract as _extract
from .pipeline import AnalyzeResult
from .pipeline import analyze as _analyze
from .store import Store
from .store import open_store as _open_store
from .types import Article, Extraction, RawDocument, StoryView
from .view import story_view as _story_view

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
    if isinstance(paths, str | Path):
        paths = [paths]
    return _analyze(paths, db=db, batch_size=batch_size, analyse=analyse)


def extract(text_or_html: str) -> Extraction:
    """Clean one scraped page (plain text or HTML) into article text and metadata."""
    return _extract(text_or_html)


def similarity(text_a: str, text_b: str) -> float:
    """How likely two articles report the same story, in [0, 1]."""
    return float(_similarity(text_a, text_b))


def open_store(db: str | Path | None = None) -> Store:
    """Open the store at a SQLite path or a database URL."""
    return _open_store(db)


def story_view(store: Store, story_id: int) -> StoryView:
    """The JSON contract of one story (as ``storyline show --json``)."""
    return _story_view(store, story_id)
