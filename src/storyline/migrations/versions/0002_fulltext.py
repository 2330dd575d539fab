"""Full-text search over articles, and the indexes the web app reads by.

SQLite: an FTS5 index with *external content* (the text stays in ``articles``
only; the index keys on ``articles.seq``, which unlike the implicit rowid
survives VACUUM) kept current by triggers, so every writer -- the pipeline,
a bulk load, a manual fix -- updates it without knowing it exists.

PostgreSQL: a GIN index on the ``simple`` tsvector of title and text (the
``simple`` configuration because articles come in many languages and a
language-specific stemmer would mangle the others).

Read indexes (both backends): the story list sorts live events by recency or
size and filters them by their articles' language, outlet and publication
date.  Without them every list request scans and sorts the whole events
table -- and event rows carry a 2 kB centroid -- and a language/outlet filter
reads every article row.  On a 100,000-article store
(``benchmarks/bench_web.py``) they take the first page of ``GET /api/stories``
from 5.3 ms of SQL (a scan plus a temporary sort) to 1.6 ms, an outlet filter
from a full scan of the articles to 0.4 ms, a language + date filter to 27 ms.

The FTS objects are not in ``storyline.store.schema`` (SQLAlchemy cannot
describe a virtual table); a schema/migration comparison must skip names
starting with ``articles_fts``.  The read indexes belong in the schema too
(``Index`` declarations in ``storyline.store.schema``).

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

#: (name, table, columns) of the read indexes; column order matters: equality
#: filter first, then the range/sort column, then what the query returns (so
#: the index covers the subquery and no article row is read).
READ_INDEXES = [
    ("ix_events_recent", "events", "last_published DESC, n DESC, id DESC, merged_into"),
    ("ix_events_size", "events", "n DESC, id DESC, merged_into"),
    ("ix_articles_language_published", "articles", "language, published, event_id"),
    ("ix_articles_outlet_published", "articles", "outlet, published, event_id"),
    ("ix_articles_published_event", "articles", "published, event_id"),
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


def _read_indexes(dialect: str) -> list[str]:
    out = []
    for name, table, cols in READ_INDEXES:
        if (
            dialect == "postgresql"
        ):  # PostgreSQL sorts NULLs first on DESC unless told; the query wants them last
            cols = cols.replace("last_published DESC", "last_published DESC NULLS LAST")
        out.append(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({cols})")
    return out


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(_SQLITE_UP)
    elif dialect == "postgresql":
        _run(_PG_UP)
    _run(_read_indexes(dialect))


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    _run([f"DROP INDEX IF EXISTS {name}" for name, _, _ in READ_INDEXES])
    if dialect == "sqlite":
        _run(_SQLITE_DOWN)
    elif dialect == "postgresql":
        _run(_PG_DOWN)
