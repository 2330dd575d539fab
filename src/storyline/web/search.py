"""Full-text search over articles (and, through them, stories).

SQLite uses the FTS5 index of migration 0002; PostgreSQL the ``simple``
tsvector index of the same migration.  Both sit behind the same functions,
which take the store and return plain records.

User input never reaches the FTS5 query language: it is cut into words and
each word is quoted, so ``"``, ``*``, ``NEAR`` or a stray parenthesis is
searched for as text instead of raising a syntax error.  Every value is a
bound parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text

from ..store import SQLStore

__all__ = [
    "ArticleHit",
    "fts_query",
    "search_articles",
    "search_event_ids",
    "split_marks",
    "MARK_OPEN",
    "MARK_CLOSE",
    "MAX_QUERY_WORDS",
]

#: Private-use characters bracketing matched words in snippets: they cannot
#: occur in cleaned article text, and templates turn them into <mark> after
#: escaping everything else (so a snippet is never marked safe as a whole).
MARK_OPEN = "\ue000"
MARK_CLOSE = "\ue001"
#: Words kept from a query: a longer query is a pasted paragraph, and every
#: extra word is one more posting list to intersect.
MAX_QUERY_WORDS = 12
#: Words of context FTS5 puts in a snippet (about one line of the results page).
SNIPPET_WORDS = 24
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(slots=True)
class ArticleHit:
    id: str
    source_id: str
    title: str | None
    outlet: str | None
    language: str | None
    published: str | None
    event_id: int | None
    snippet: str  # matched words between MARK_OPEN and MARK_CLOSE


def _words(query: str) -> list[str]:
    return _WORD.findall(query or "")[:MAX_QUERY_WORDS]


def fts_query(query: str) -> str | None:
    """A safe FTS5 MATCH expression: every word quoted, all words required.
    None when the query holds no word at all."""
    words = _words(query)
    return " ".join(f'"{w}"' for w in words) if words else None


def _is_sqlite(store: SQLStore) -> bool:
    return store.url.startswith("sqlite")


def search_articles(store: SQLStore, query: str, *, limit: int = 20, offset: int = 0) -> list[ArticleHit]:
    """Articles matching every word of ``query``, best match first."""
    words = _words(query)
    if not words:
        return []
    params = {"limit": int(limit), "offset": int(offset), "o": MARK_OPEN, "c": MARK_CLOSE}
    if _is_sqlite(store):
        sql = text(
            "SELECT a.id, a.source_id, a.title, a.outlet, a.language, a.published, a.event_id, "
            f"snippet(articles_fts, 1, :o, :c, '…', {SNIPPET_WORDS}) AS snip "
            "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            "WHERE articles_fts MATCH :q ORDER BY rank LIMIT :limit OFFSET :offset"
        )
        params["q"] = fts_query(query)
    else:
        sql = text(
            "SELECT a.id, a.source_id, a.title, a.outlet, a.language, a.published, a.event_id, "
            "ts_headline('simple', a.text, q, 'StartSel=' || :o || ', StopSel=' || :c || ', MaxWords="
            f"{SNIPPET_WORDS}, MinWords=8') AS snip "
            "FROM articles a, plainto_tsquery('simple', :q) q "
            "WHERE to_tsvector('simple', coalesce(a.title, '') || ' ' || a.text) @@ q "
            "ORDER BY ts_rank(to_tsvector('simple', coalesce(a.title, '') || ' ' || a.text), q) DESC, a.seq "
            "LIMIT :limit OFFSET :offset"
        )
        params["q"] = " ".join(words)
    with store.engine.connect() as conn:
        rows = conn.execute(sql, params).all()
    return [
        ArticleHit(
            id=r[0],
            source_id=r[1],
            title=r[2],
            outlet=r[3],
            language=r[4],
            published=r[5],
            event_id=r[6],
            snippet=r[7] or "",
        )
        for r in rows
    ]


def search_event_ids(store: SQLStore, query: str, *, limit: int = 200) -> list[int]:
    """Stories holding an article that matches ``query``, best match first."""
    words = _words(query)
    if not words:
        return []
    if _is_sqlite(store):
        sql = text(
            "SELECT a.event_id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            "WHERE articles_fts MATCH :q AND a.event_id IS NOT NULL "
            "GROUP BY a.event_id ORDER BY min(articles_fts.rank) LIMIT :limit"
        )
        q = fts_query(query)
    else:
        sql = text(
            "SELECT a.event_id FROM articles a, plainto_tsquery('simple', :q) q "
            "WHERE to_tsvector('simple', coalesce(a.title, '') || ' ' || a.text) @@ q AND a.event_id IS NOT NULL "
            "GROUP BY a.event_id "
            "ORDER BY max(ts_rank(to_tsvector('simple', coalesce(a.title, '') || ' ' || a.text), q)) DESC "
            "LIMIT :limit"
        )
        q = " ".join(words)
    with store.engine.connect() as conn:
        return [int(r[0]) for r in conn.execute(sql, {"q": q, "limit": int(limit)})]


def split_marks(snippet: str) -> list[tuple[str, bool]]:
    """Snippet -> [(text, matched)], for templates to escape piece by piece."""
    out: list[tuple[str, bool]] = []
    for i, chunk in enumerate(snippet.split(MARK_OPEN)):
        if i == 0:
            if chunk:
                out.append((chunk.replace(MARK_CLOSE, ""), False))
            continue
        hit, _, rest = chunk.partition(MARK_CLOSE)
        if hit:
            out.append((hit, True))
        if rest:
            out.append((rest.replace(MARK_CLOSE, ""), False))
    return out
