"""Provenance: duplicates, wire copies, rewrites and translations — who copied whom.

* :mod:`.minhash` — store-wide exact/near-duplicate detection (vectorised MinHash + LSH);
* :mod:`.align` — sentence/passage alignment between two articles;
* :mod:`.relations` — relation, direction and confidence per article pair of a story, and each
  article's original share;
* :mod:`.diff` — side-by-side rendering for ``storyline diff``.
"""

from __future__ import annotations

from storyline.provenance.align import align_articles
from storyline.provenance.minhash import LSHIndex, MinHasher, estimate_jaccard, exact_key
from storyline.provenance.relations import ProvenanceResult, relate_articles, relate_pair

__all__ = [
    "LSHIndex",
    "MinHasher",
    "ProvenanceResult",
    "align_articles",
    "estimate_jaccard",
    "exact_key",
    "relate_articles",
    "relate_pair",
]
