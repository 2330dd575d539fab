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


def test_0004_backfills_text_hash_and_keeps_the_fulltext_triggers(tmp_path: Path) -> None:
    """A store written before publications had their own ids: its rows' ids
    are their text hashes, which 0004 copies into ``text_hash``."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    from storyline.store.sql import _MIGRATIONS

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
        conn.execute(
            text(
                "INSERT INTO articles (id, seq, source_id, text, published_confidence, authors, agencies, lines,"
                " metadata, sentences, ingested_at) VALUES ('abcdef0123456789', 1, 'old.txt', 'Old crane text.',"
                " 0, '[]', '[]', '[]', '{}', '[]', '2026-01-01')"
            )
        )
    engine.dispose()
    store = open_store(tmp_path / "old.db")  # migrates to head
    try:
        assert store.known_publications(["abcdef0123456789"]) == {
            "abcdef0123456789": [("abcdef0123456789", "old.txt", None)]
        }
        art = store.get_article("abcdef0123456789")
        assert art is not None and art.text_hash == "abcdef0123456789" and art.short is False
        with store.engine.connect() as conn:
            triggers = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))}
        assert {"articles_fts_ai", "articles_fts_ad", "articles_fts_au"} <= triggers
    finally:
        store.close()
