"""Full-text search over articles (and, through them, stories).

SQLite uses the FTS5 index of migration 0002; PostgreSQL the ``simple``
tsvector index of the same migration.  Both sit behind the same functions,
which take the store and return plain records; callers reach them through
the store's methods (:meth:`SQLStore.search` and its siblings).

User input never reaches the FTS5 query language: it is cut into words and
each word is quoted, so ``"``, ``*``, ``NEAR`` or a stray parenthesis is
searched for as text instead of raising a syntax error.  Every value is a
bound parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

if TYPE_CHECKING:  # (the store's methods call these functions: a run-time import would be a cycle)
    from .sql import SQLStore


__all__ = [
    "ArticleHit",
    "SearchResults",
    "search",
    "fts_query",
    "search_articles",
    "search_event_ids",
    "split_marks",
    "MARK_OPEN",
    "MARK_CLOSE",
    "MAX_QUERY_WORDS",
    "SEARCH_CANDIDATES",
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


# Candidate window (SQLite): FTS5 walks the matches of a query newest first
# (rowid = ingestion order) and stops after this many; only those are scored
# with bm25 and ranked.  Ranking *every* match of a frequent word costs time
# in proportion to the matches: 2.9 s for a word in most of 100,000 articles
# (benchmarks/bench_web.py store), against ~0.1 s with the window, which
# keeps recent coverage -- what a news reader searches for -- complete.
SEARCH_CANDIDATES = 5000

_SQLITE_CANDIDATES = (
    "SELECT rowid, bm25(articles_fts) AS score FROM articles_fts WHERE articles_fts MATCH :q "
    "ORDER BY rowid DESC LIMIT :candidates"
)
_PG_VECTOR = "to_tsvector('simple', coalesce(a.title, '') || ' ' || a.text)"


def _hit(r: Any) -> ArticleHit:
    return ArticleHit(
        id=r[0],
        source_id=r[1],
        title=r[2],
        outlet=r[3],
        language=r[4],
        published=r[5],
        event_id=r[6],
        snippet=r[7] or "",
    )


@dataclass(slots=True)
class SearchResults:
    articles: list[ArticleHit]  # one page, best first
    event_ids: list[int]  # stories holding a match, best first


def search(
    store: SQLStore, query: str, *, limit: int = 20, offset: int = 0, story_limit: int = 20
) -> SearchResults:
    """One page of matching articles and the best stories, from one scan of
    the index (SQLite): the candidates carry their story id, so ranking the
    stories costs no second full-text query."""
    if not _words(query):
        return SearchResults([], [])
    if not _is_sqlite(store):
        return SearchResults(
            search_articles(store, query, limit=limit, offset=offset),
            search_event_ids(store, query, limit=story_limit),
        )
    q = fts_query(query)
    with store.engine.connect() as conn:
        cands = conn.execute(
            text(
                f"SELECT c.rowid, c.score, a.event_id FROM ({_SQLITE_CANDIDATES}) c JOIN articles a ON a.seq = c.rowid"
            ),
            {"q": q, "candidates": SEARCH_CANDIDATES},
        ).all()
        ranked = sorted(cands, key=lambda r: (r[1], -r[0]))  # bm25: lower is better; then newest
        best: dict[int, float] = {}
        for _rowid, score, event_id in ranked:
            if event_id is not None and event_id not in best:
                best[int(event_id)] = score
        page = ranked[offset : offset + limit]
        return SearchResults(_snippets(conn, q, [int(r[0]) for r in page]), list(best)[:story_limit])


def _snippets(conn: Any, q: str | None, rowids: list[int]) -> list[ArticleHit]:
    """Hits with snippets for the rows shown, one indexed lookup each."""
    one = text(
        "SELECT a.id, a.source_id, a.title, a.outlet, a.language, a.published, a.event_id, "
        f"snippet(articles_fts, 1, :o, :c, '…', {SNIPPET_WORDS}) "
        "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
        "WHERE articles_fts MATCH :q AND articles_fts.rowid = :rowid"
    )
    found = [conn.execute(one, {"q": q, "rowid": r, "o": MARK_OPEN, "c": MARK_CLOSE}).first() for r in rowids]
    return [_hit(r) for r in found if r is not None]


def search_articles(store: SQLStore, query: str, *, limit: int = 20, offset: int = 0) -> list[ArticleHit]:
    """Articles matching every word of ``query``, best match first."""
    words = _words(query)
    if not words:
        return []
    if _is_sqlite(store):
        return search(store, query, limit=limit, offset=offset, story_limit=0).articles
    with store.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT a.id, a.source_id, a.title, a.outlet, a.language, a.published, a.event_id, "
                "ts_headline('simple', a.text, q, 'StartSel=' || :o || ', StopSel=' || :c || ', MaxWords="
                f"{SNIPPET_WORDS}, MinWords=8') "
                f"FROM articles a, plainto_tsquery('simple', :q) q WHERE {_PG_VECTOR} @@ q "
                f"ORDER BY ts_rank({_PG_VECTOR}, q) DESC, a.seq DESC LIMIT :limit OFFSET :offset"
            ),
            {
                "q": " ".join(words),
                "limit": int(limit),
                "offset": int(offset),
                "o": MARK_OPEN,
                "c": MARK_CLOSE,
            },
        ).all()
        return [_hit(r) for r in rows]


def search_event_ids(store: SQLStore, query: str, *, limit: int = 200) -> list[int]:
    """Stories holding an article that matches ``query``, best match first."""
    words = _words(query)
    if not words:
        return []
    if _is_sqlite(store):
        sql = text(
            f"SELECT a.event_id FROM ({_SQLITE_CANDIDATES}) c JOIN articles a ON a.seq = c.rowid "
            "WHERE a.event_id IS NOT NULL GROUP BY a.event_id ORDER BY min(c.score), a.event_id DESC LIMIT :limit"
        )
        params: dict[str, Any] = {"q": fts_query(query), "candidates": SEARCH_CANDIDATES, "limit": int(limit)}
    else:
        sql = text(
            f"SELECT a.event_id FROM articles a, plainto_tsquery('simple', :q) q WHERE {_PG_VECTOR} @@ q "
            "AND a.event_id IS NOT NULL GROUP BY a.event_id "
            f"ORDER BY max(ts_rank({_PG_VECTOR}, q)) DESC, a.event_id DESC LIMIT :limit"
        )
        params = {"q": " ".join(words), "limit": int(limit)}
    with store.engine.connect() as conn:
        return [int(r[0]) for r in conn.execute(sql, params)]


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
