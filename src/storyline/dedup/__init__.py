"""Stage 5, dedup: exact and near-duplicates of every new article across the
whole store, by MinHash signatures and an LSH index (:mod:`.minhash`)."""

from __future__ import annotations

from storyline.dedup.minhash import LSHIndex, MinHasher, estimate_jaccard, exact_key

__all__ = ["LSHIndex", "MinHasher", "estimate_jaccard", "exact_key"]
