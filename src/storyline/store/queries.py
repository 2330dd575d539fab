"""Read queries the web app needs beyond the store's narrow interface.

Functions taking the store, so they work on every SQL backend; all values are
bound parameters.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, text

from ..types import Event, StoryQuery

if TYPE_CHECKING:  # (the store's methods call these functions: a run-time import would be a cycle)
    from .sql import SQLStore

__all__ = [
    "EntityStories",
    "entity_stories",
    "list_stories",
    "resolve_article",
    "MAX_ENTITY_STORIES",
    "STORY_ORDERS",
    "MIN_ID_PREFIX",
]

#: Stories listed on one entity page; a household name (a country, a head of
#: state) can appear in thousands, and the page lists the newest first.
MAX_ENTITY_STORIES = 200


#: Shortest id prefix accepted for an article (as ``storyline show``): six hex
#: digits leave a one-in-16-million chance per pair of a clash.
MIN_ID_PREFIX = 6
_HEX = frozenset("0123456789abcdef")

#: Sort orders of the story list -> ORDER BY (and the SQLite index that serves
#: it, from migration 0003, which also holds ``merged_into`` so the filter and
#: the sort are answered from the index alone).
STORY_ORDERS = {
    "recent": ("e.last_published DESC NULLS LAST, e.n DESC, e.id DESC", "ix_events_recent"),
    "size": ("e.n DESC, e.id DESC", "ix_events_size"),
}
_LIST_COLUMNS = "id, storyline_id, title, n, languages, outlets, created_at, first_published, last_published"


def _json_list(value: Any) -> list[str]:
    if isinstance(value, str):
        value = json.loads(value or "[]")
    return [str(v) for v in value] if isinstance(value, list) else []


def list_stories(store: SQLStore, query: StoryQuery) -> list[Event]:
    """Live stories for the list page and ``GET /api/stories``.

    Same result as ``SQLStore.list_events`` with the same query, in two
    cheap steps: the page of ids is read off the sort index (SQLite is told
    which one: without table statistics its planner would rather sort every
    event matching a filter), then only the displayed columns of those rows
    are fetched -- never the centroid or clustering features.  On 100,000
    articles this takes a language + date filter from 135 ms to a few ms
    (``benchmarks/bench_web.py``)."""
    limit, offset, language, outlet = query.limit, query.offset, query.language, query.outlet
    since, until, event_ids, order = query.since, query.until, query.event_ids, query.order
    if order not in STORY_ORDERS:
        raise ValueError(f"unknown order {order!r} (one of {', '.join(STORY_ORDERS)})")
    if event_ids is not None and not event_ids:
        return []
    order_by, index = STORY_ORDERS[order]
    sqlite = store.url.startswith("sqlite")
    where = ["e.merged_into IS NULL", "e.n > 0"]
    params: dict[str, Any] = {"limit": int(limit), "offset": int(offset)}
    sub = []
    for column, key, op in (("language", language, "="), ("outlet", outlet, "="), ("published", since, ">=")):
        if key:
            sub.append(f"a.{column} {op} :{column}")
            params[column] = key
    if until:
        sub.append("a.published <= :until")
        params["until"] = until + "\uffff"  # "2025-03" covers every day and time of March
    if sub:
        where.append(f"e.id IN (SELECT a.event_id FROM articles a WHERE {' AND '.join(sub)})")
    if event_ids is not None:
        where.append("e.id IN :event_ids")
        params["event_ids"] = [int(e) for e in event_ids]
    hint = f" INDEXED BY {index}" if sqlite and event_ids is None else ""
    ids_sql = text(
        f"SELECT e.id FROM events e{hint} WHERE {' AND '.join(where)} ORDER BY {order_by} LIMIT :limit OFFSET :offset"
    )
    if event_ids is not None:
        ids_sql = ids_sql.bindparams(bindparam("event_ids", expanding=True))
    with store.engine.connect() as conn:
        ids = [int(r[0]) for r in conn.execute(ids_sql, params)]
        if not ids:
            return []
        rows_sql = text(f"SELECT {_LIST_COLUMNS} FROM events WHERE id IN :ids").bindparams(
            bindparam("ids", expanding=True)
        )
        rows = {int(r[0]): r for r in conn.execute(rows_sql, {"ids": ids})}
    return [
        Event(
            id=int(r[0]),
            storyline_id=int(r[1]),
            title=r[2] or "",
            size=int(r[3] or 0),
            languages=_json_list(r[4]),
            outlets=_json_list(r[5]),
            first_seen=r[6],
            first_published=r[7],
            last_published=r[8],
        )
        for r in (rows[i] for i in ids if i in rows)
    ]


def resolve_article(store: SQLStore, key: str) -> str | None:
    """The id of the article ``key`` names: its id, its source id, or a unique
    id prefix -- each an index lookup (the prefix as a key range, which the
    primary key serves where a LIKE would scan), so unknown keys cost no scan."""
    with store.engine.connect() as conn:
        if conn.execute(text("SELECT 1 FROM articles WHERE id = :k"), {"k": key}).first():
            return key
        rows = conn.execute(text("SELECT id FROM articles WHERE source_id = :k LIMIT 2"), {"k": key}).all()
        if not rows and len(key) >= MIN_ID_PREFIX and set(key) <= _HEX:
            rows = conn.execute(
                text("SELECT id FROM articles WHERE id >= :lo AND id < :hi LIMIT 2"),
                {"lo": key, "hi": key + "g"},
            ).all()
    return str(rows[0][0]) if len(rows) == 1 else None


@dataclass(slots=True)
class EntityStories:
    id: str
    name: str
    kind: str
    stories: list[Event] = field(default_factory=list)
    mentions: dict[int, int] = field(default_factory=dict)  # event id -> articles mentioning the entity


def entity_stories(
    store: SQLStore, entity_id: str, *, limit: int = MAX_ENTITY_STORIES
) -> EntityStories | None:
    """The live stories whose analysis names ``entity_id``, newest first; None when none does.

    SQLite reads the ``analysis_entities`` index table (migration 0003, kept by
    triggers); PostgreSQL finds the analyses by JSON containment on the GIN
    index of the same migration and reads the entity from each."""
    found: EntityStories | None = None
    with store.engine.connect() as conn:
        if store.url.startswith("sqlite"):
            rows = conn.execute(
                text(
                    "SELECT ae.event_id, ae.name, ae.kind, ae.n_articles FROM analysis_entities ae "
                    "JOIN events e ON e.id = ae.event_id WHERE ae.entity_id = :id AND e.merged_into IS NULL"
                ),
                {"id": entity_id},
            ).all()
            for event_id, name, kind, n_articles in rows:
                if found is None:
                    found = EntityStories(id=entity_id, name=str(name or entity_id), kind=str(kind or ""))
                found.mentions[int(event_id)] = int(n_articles or 0)
        else:
            needle = json.dumps([{"id": entity_id}])
            rows = conn.execute(
                text(
                    "SELECT a.event_id, a.data FROM analyses a JOIN events e ON e.id = a.event_id "
                    "WHERE ((a.data::jsonb) -> 'entities') @> CAST(:needle AS jsonb) AND e.merged_into IS NULL"
                ),
                {"needle": needle},
            ).all()
            for event_id, data in rows:
                doc = json.loads(data) if isinstance(data, str) else (data or {})
                for ent in doc.get("entities") or []:
                    if isinstance(ent, dict) and ent.get("id") == entity_id:
                        if found is None:
                            found = EntityStories(
                                id=entity_id,
                                name=str(ent.get("name") or entity_id),
                                kind=str(ent.get("kind") or ""),
                            )
                        mentions = ent.get("mentions")
                        found.mentions[int(event_id)] = len(mentions) if isinstance(mentions, dict) else 0
                        break
    if found is None:
        return None
    found.stories = list_stories(store, StoryQuery(event_ids=tuple(found.mentions), limit=limit))
    return found
