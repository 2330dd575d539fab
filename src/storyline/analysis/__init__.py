"""Inside a story: entities, quotes, quantities, timeline, summary and discrepancies.

The entry points are :func:`storyline.analysis.story.analyse_storyline` (one
storyline, all its events) and :func:`storyline.analysis.story.view_for_event`.
They are imported lazily here so that importing one helper module (NER,
quantities) does not load every other one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storyline.analysis.story import analyse_storyline, view_for_event

__all__ = ["analyse_storyline", "view_for_event"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from storyline.analysis import story

        return getattr(story, name)
    raise AttributeError(f"module 'storyline.analysis' has no attribute {name!r}")
