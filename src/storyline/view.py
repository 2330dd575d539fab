"""Read side: assemble what a user sees of one story from the store.

``story_view`` returns the contract of ``storyline show STORY_ID --json``,
shared by the CLI, the REST API, the web pages and the reports.
"""

from __future__ import annotations

from typing import Any

from .store import Store
from .types import StoryView

__all__ = ["story_view", "article_summary", "StoryNotFound"]

_ANALYSIS_KEYS = ("relations", "entities", "quotes", "quantities", "timeline", "summary", "discrepancies")


class StoryNotFound(LookupError):
    pass


def article_summary(a: Any, analysis: dict[str, Any] | None = None, *, alone: bool = False) -> dict[str, Any]:
    share = (analysis or {}).get("original_share", {}).get(a.id)
    if share is None and alone:
        share = 1.0  # the only article of its story: everything in it is its own
    return {
        "id": a.id,
        "source_id": a.source_id,
        "title": a.title,
        "outlet": a.outlet,
        "language": a.language,
        "published": a.published,
        "agencies": list(a.agencies),
        "authors": list(a.authors),
        "url": a.url,
        "original_share": share,
    }


def story_view(store: Store, event_id: int) -> StoryView:
    """The full view of one event (story); follows merges to the kept id."""
    bundle = store.story_bundle(event_id)
    if bundle is None:
        raise StoryNotFound(f"no story with id {event_id}")
    ev, articles, analysis, siblings = bundle
    view = StoryView(
        id=ev.id,
        title=ev.title,
        storyline_id=ev.storyline_id,
        articles=[article_summary(a, analysis, alone=len(articles) == 1) for a in articles],
        events=[
            {
                "id": e.id,
                "title": e.title,
                "size": e.size,
                "first_published": e.first_published,
                "last_published": e.last_published,
            }
            for e in siblings
        ],
        unique_claims=dict(analysis.get("unique_claims", {})),
    )
    for key in _ANALYSIS_KEYS:
        setattr(view, key, list(analysis.get(key, [])))
    return view
