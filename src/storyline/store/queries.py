"""Read queries the web app needs beyond the store's narrow interface.

Functions taking the store, so they work on every SQL backend; all values are
bound parameters.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import String, cast, select

from ..types import Event
from .schema import AnalysisRow, EventRow
from .sql import SQLStore

__all__ = ["EntityStories", "entity_stories", "MAX_ENTITY_STORIES"]

#: Stories listed on one entity page; a household name (a country, a head of
#: state) can appear in thousands, and the page lists the newest first.
MAX_ENTITY_STORIES = 200


@dataclass(slots=True)
class EntityStories:
    id: str
    name: str
    kind: str
    stories: list[Event] = field(default_factory=list)
    mentions: dict[int, int] = field(default_factory=dict)  # event id -> articles mentioning the entity


def _like_escape(value: str) -> str:
    return value.replace("!", "!!").replace("%", "!%").replace("_", "!_")


def entity_stories(
    store: SQLStore, entity_id: str, *, limit: int = MAX_ENTITY_STORIES
) -> EntityStories | None:
    """The stories whose analysis names ``entity_id``, newest first; None when none does.

    Entities live inside each event's analysis JSON.  A LIKE on the JSON text
    (the id as the JSON encoder writes it) narrows the rows in the database;
    each candidate is then parsed and checked for an exact id match."""
    needle = json.dumps(entity_id)  # the stored JSON escapes non-ASCII the same way
    pattern = f"%{_like_escape(needle)}%"
    q = (
        select(AnalysisRow.event_id, AnalysisRow.data)
        .join(EventRow, EventRow.id == AnalysisRow.event_id)
        .where(cast(AnalysisRow.data, String).like(pattern, escape="!"), EventRow.merged_into.is_(None))
    )
    found: EntityStories | None = None
    with store.session() as s:
        for event_id, data in s.execute(q):
            for ent in (data or {}).get("entities") or []:
                if not isinstance(ent, dict) or ent.get("id") != entity_id:
                    continue
                if found is None:
                    found = EntityStories(
                        id=entity_id, name=str(ent.get("name") or entity_id), kind=str(ent.get("kind") or "")
                    )
                mentions = ent.get("mentions")
                found.mentions[int(event_id)] = len(mentions) if isinstance(mentions, dict) else 0
                break
    if found is None:
        return None
    events = store.list_events(event_ids=list(found.mentions), limit=limit)
    found.stories = events
    return found
