"""The Alembic migrations and the declarative schema must describe the same database."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from storyline.store import open_store
from storyline.store.schema import Base

# Derived objects kept by triggers (full-text and entity indexes), not mapped.
_DERIVED_PREFIXES = ("articles_fts", "analysis_entities", "alembic_version")


def test_migrated_sqlite_matches_schema(tmp_path: Path) -> None:
    store = open_store(tmp_path / "m.db")
    try:
        insp = inspect(store.engine)
        tables = {t for t in insp.get_table_names() if not t.startswith(_DERIVED_PREFIXES)}
        assert tables == set(Base.metadata.tables)
        for name, table in Base.metadata.tables.items():
            migrated = {c["name"] for c in insp.get_columns(name)}
            assert migrated == {c.name for c in table.columns}, name
            migrated_ix = {ix["name"] for ix in insp.get_indexes(name)}
            declared_ix = {ix.name for ix in table.indexes}
            assert declared_ix <= migrated_ix, (name, declared_ix - migrated_ix)
    finally:
        store.close()
