"""The web app's read side: an entity -> stories index and the indexes the
story list reads by.

Entities live inside each event's analysis JSON.  The entity page needs the
stories naming one entity; scanning every analysis took ~1 s on a
100,000-article store (``benchmarks/bench_web.py``).  SQLite: a small
``analysis_entities`` table kept by triggers on ``analyses`` (the JSON is read
by SQLite's json_each, so every writer keeps it current, and it is rebuilt
from the stored analyses here); PostgreSQL: a GIN index on the ``entities``
array (``@>`` containment), no extra table.  Looking an entity up then takes
a few milliseconds.

Read indexes (both backends): the story list sorts live events by recency or
size and filters them by their articles' language, outlet and publication
date.  Without them every list request scans and sorts the whole events
table -- and event rows carry a 2 kB centroid -- and a language/outlet filter
reads every article row.  On the same 100,000-article store the first page of
``GET /api/stories`` went from 5.3 ms of SQL (a scan plus a temporary sort)
to 1.6 ms, an outlet filter from a full scan of the articles to 0.4 ms, a
language + date filter to 27 ms.

``analysis_entities`` is a derived index maintained by triggers, never written
by the application, so it is not in ``storyline.store.schema``; a
schema/migration comparison must skip it (like the ``articles_fts`` objects
of 0002).  The read indexes belong in the schema too (``Index`` declarations
in ``storyline.store.schema``).

Revision ID: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

#: (name, table, columns) of the read indexes; column order matters: equality
#: filter first, then the range/sort column, then what the query returns (so
#: the index covers the subquery and no article row is read).
READ_INDEXES = [
    ("ix_events_recent", "events", "last_published DESC, n DESC, id DESC, merged_into"),
    ("ix_events_size", "events", "n DESC, id DESC, merged_into"),
    ("ix_articles_language_published", "articles", "language, published, event_id"),
    ("ix_articles_outlet_published", "articles", "outlet, published, event_id"),
    ("ix_articles_published_event", "articles", "published, event_id"),
    # Articles are also looked up by the name the user knows them by: without
    # this an unknown key scanned all 100,000 rows (174 ms of CPU per request).
    ("ix_articles_source_id", "articles", "source_id"),
    # Full-text hits (FTS rowid = seq) -> their stories without reading the
    # article rows: 66 -> 29 ms for a query matching 5,000 articles.
    ("ix_articles_seq_event", "articles", "seq, event_id"),
]

# A malformed or entity-less analysis yields no row (json_valid guard, type
# filters), so the triggers can never make saving an analysis fail.
_ENTITY_ROWS = """SELECT json_extract(e.value, '$.id'), {event}, json_extract(e.value, '$.name'),
        json_extract(e.value, '$.kind'),
        CASE WHEN json_type(e.value, '$.mentions') = 'object'
             THEN (SELECT count(*) FROM json_each(e.value, '$.mentions')) ELSE 0 END
    FROM {source}json_each(CASE WHEN json_valid({data}) THEN {data} ELSE '{{}}' END, '$.entities') AS e
    WHERE e.type = 'object' AND json_type(e.value, '$.id') = 'text'"""
_ENTITY_INSERT = "INSERT OR IGNORE INTO analysis_entities (entity_id, event_id, name, kind, n_articles) "

_SQLITE_ENTITIES_UP = [
    """CREATE TABLE IF NOT EXISTS analysis_entities (
        entity_id TEXT NOT NULL, event_id INTEGER NOT NULL, name TEXT, kind TEXT,
        n_articles INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (entity_id, event_id)) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS ix_analysis_entities_event ON analysis_entities (event_id)",
    f"""CREATE TRIGGER IF NOT EXISTS analysis_entities_ai AFTER INSERT ON analyses BEGIN
        {_ENTITY_INSERT}{_ENTITY_ROWS.format(event="new.event_id", data="new.data", source="")};
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS analysis_entities_au AFTER UPDATE OF data, event_id ON analyses BEGIN
        DELETE FROM analysis_entities WHERE event_id = old.event_id;
        {_ENTITY_INSERT}{_ENTITY_ROWS.format(event="new.event_id", data="new.data", source="")};
    END""",
    """CREATE TRIGGER IF NOT EXISTS analysis_entities_ad AFTER DELETE ON analyses BEGIN
        DELETE FROM analysis_entities WHERE event_id = old.event_id;
    END""",
    _ENTITY_INSERT + _ENTITY_ROWS.format(event="a.event_id", data="a.data", source="analyses AS a, "),
]
_SQLITE_ENTITIES_DOWN = [
    "DROP TRIGGER IF EXISTS analysis_entities_ad",
    "DROP TRIGGER IF EXISTS analysis_entities_au",
    "DROP TRIGGER IF EXISTS analysis_entities_ai",
    "DROP TABLE IF EXISTS analysis_entities",
]

_PG_UP = [
    """CREATE INDEX IF NOT EXISTS analyses_entities_idx ON analyses
       USING GIN (((data::jsonb) -> 'entities') jsonb_path_ops)""",
]
_PG_DOWN = ["DROP INDEX IF EXISTS analyses_entities_idx"]


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
        _run(_SQLITE_ENTITIES_UP)
    elif dialect == "postgresql":
        _run(_PG_UP)
    _run(_read_indexes(dialect))


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    _run([f"DROP INDEX IF EXISTS {name}" for name, _, _ in READ_INDEXES])
    if dialect == "sqlite":
        _run(_SQLITE_ENTITIES_DOWN)
    elif dialect == "postgresql":
        _run(_PG_DOWN)
