"""Stage 5, dedup: is a new article a copy of one already seen?

Reads ``Batch.articles``; writes ``Batch.minhashes`` (each article's MinHash
signature, which the store keeps) and ``Batch.duplicate_of`` (the stored or
earlier-in-batch article it copies, or None).  Its state is every signature
of the store in an LSH index, loaded once per run (:meth:`DedupState.load`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from ..models import Models
from ..types import Batch
from .minhash import LSHIndex, MinHasher, estimate_jaccard

__all__ = ["DedupState", "run", "NEAR_DUPLICATE_JACCARD", "SIGNATURE_DTYPE"]

#: Estimated MinHash Jaccard above which a new article is recorded as a
#: near-duplicate of a stored one (copies with other page furniture score
#: 0.9+ once cleaned; independent reports of one event stay below 0.3).
NEAR_DUPLICATE_JACCARD = 0.9
#: MinHash signatures (uint32 per permutation) are stored as little-endian bytes.
SIGNATURE_DTYPE = np.dtype("<u4")


@dataclass(slots=True)
class DedupState:
    hasher: MinHasher = field(default_factory=MinHasher)
    lsh: LSHIndex = field(default_factory=LSHIndex)
    signatures: dict[str, np.ndarray] = field(default_factory=dict)

    @classmethod
    def load(cls, stored: Iterable[tuple[str, bytes]]) -> DedupState:
        """The state of a store: its (article id, signature bytes) pairs."""
        state = cls()
        for aid, blob in stored:
            state.signatures[aid] = np.frombuffer(blob, dtype=SIGNATURE_DTYPE)
        if state.signatures:  # one vectorised insert: one at a time cost 3 s for 100k articles
            state.lsh.add_many(list(state.signatures), np.vstack(list(state.signatures.values())))
        return state


def run(batch: Batch, state: DedupState, *, models: Models) -> tuple[Batch, None]:
    del models
    if not batch.articles:
        return batch, None
    sigs = state.hasher.signatures([a.text for a in batch.articles])
    for a, sig in zip(batch.articles, sigs, strict=True):
        best, best_j = None, NEAR_DUPLICATE_JACCARD
        for cand in state.lsh.query(sig):
            j = estimate_jaccard(sig, state.signatures[cand])
            if j >= best_j:
                best, best_j = cand, j
        batch.duplicate_of[a.id] = best
        batch.minhashes[a.id] = np.ascontiguousarray(sig, dtype=SIGNATURE_DTYPE)
        state.lsh.add(a.id, sig)
        state.signatures[a.id] = sig
    return batch, None
