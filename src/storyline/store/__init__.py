"""Storage: SQLite by default, PostgreSQL by URL (``postgresql://...``)."""

from __future__ import annotations

import os

from .base import Store
from .queries import EntityStories
from .search import ArticleHit, SearchResults
from .sql import DEFAULT_DB, SQLStore, StoreError, resolve_url

__all__ = [
    "Store",
    "SQLStore",
    "StoreError",
    "open_store",
    "resolve_url",
    "DEFAULT_DB",
    "EntityStories",
    "SearchResults",
    "ArticleHit",
]


def open_store(db: str | os.PathLike[str] | None = None) -> SQLStore:
    """Open (and migrate) the store at a file path or SQLAlchemy URL: SQLite
    for a path (the default ``./storyline.db``), PostgreSQL for a
    ``postgresql://`` URL.  Callers hold it as a :class:`Store`."""
    return SQLStore(db)
