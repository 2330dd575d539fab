"""Full-text search over articles.

SQLite: an FTS5 index with *external content* (the text stays in ``articles``
only; the index keys on ``articles.seq``, which unlike the implicit rowid
survives VACUUM) kept current by triggers, so every writer -- the pipeline,
a bulk load, a manual fix -- updates it without knowing it exists.

PostgreSQL: a GIN index on the ``simple`` tsvector of title and text (the
``simple`` configuration because articles come in many languages and a
language-specific stemmer would mangle the others).

The objects here are not in ``storyline.store.schema`` (SQLAlchemy cannot
describe a virtual table); a schema/migration comparison must skip names
starting with ``articles_fts``.

Revision ID: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: FTS5 tokenizer: Unicode word splitting, case-folding, and diacritics removed
#: so "coree" finds "Corée" (the store holds French, English, Russian ...).
SQLITE_TOKENIZER = "unicode61 remove_diacritics 2"

_SQLITE_UP = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
        title, text, content='articles', content_rowid='seq', tokenize='{SQLITE_TOKENIZER}')""",
    # Only the indexed columns fire the update trigger: event merges rewrite
    # ``event_id`` of many rows and must not churn the index.
    """CREATE TRIGGER IF NOT EXISTS articles_fts_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_au AFTER UPDATE OF title, text, seq ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
    # Index what was stored before this revision.
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
]

_SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS articles_fts_au",
    "DROP TRIGGER IF EXISTS articles_fts_ad",
    "DROP TRIGGER IF EXISTS articles_fts_ai",
    "DROP TABLE IF EXISTS articles_fts",
]

_PG_UP = [
    """CREATE INDEX IF NOT EXISTS articles_fts_idx ON articles
       USING GIN (to_tsvector('simple', coalesce(title, '') || ' ' || text))""",
]
_PG_DOWN = ["DROP INDEX IF EXISTS articles_fts_idx"]


def _run(statements: list[str]) -> None:
    for sql in statements:
        op.execute(sql)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(_SQLITE_UP)
    elif dialect == "postgresql":
        _run(_PG_UP)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(_SQLITE_DOWN)
    elif dialect == "postgresql":
        _run(_PG_DOWN)
