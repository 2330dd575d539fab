"""Provenance: duplicates, wire copies, rewrites and translations — who copied whom.

* :mod:`.align` — sentence/passage alignment between two articles;
* :mod:`.relations` — relation, direction and confidence per article pair of a story, and each
  article's original share;
* :mod:`.diff` — side-by-side rendering for ``storyline diff``.

Store-wide exact and near-duplicate detection is a stage of its own,
:mod:`storyline.dedup`.
"""

from __future__ import annotations

from storyline.provenance.align import align_articles
from storyline.provenance.relations import ProvenanceResult, relate_articles, relate_pair

__all__ = [
    "ProvenanceResult",
    "align_articles",
    "relate_articles",
    "relate_pair",
]
