"""Stage 9, analyse: inside a story, its entities, quotes, quantities,
timeline, summary and discrepancies (:mod:`.stage` is the stage;
:func:`analyse_storyline` and :func:`view_for_event` the library calls)."""

from __future__ import annotations

from storyline.analysis.story import analyse_storyline, view_for_event

__all__ = ["analyse_storyline", "view_for_event"]
