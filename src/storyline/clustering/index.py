"""Candidate retrieval: the events whose centroids are nearest an article.

Exact search is a matrix product over all centroids, which is the fastest
option for a few thousand events; past ANN_MIN_EVENTS the index switches to
an HNSW graph (``usearch``) so that retrieval stays sub-linear as the store
grows.  Candidates are re-scored exactly by the caller, so the graph only has
to bring the right events into the top k.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from storyline.nlp.encoder import DIM

__all__ = ["CentroidIndex", "ANN_MIN_EVENTS"]

#: Event count above which the HNSW index replaces exact search.  Measured on
#: the shared 2-core machine: a BLAS matrix-vector product over 1,500
#: centroids costs 0.5-1.7 ms per query (grows linearly; multi-threaded BLAS
#: suffers most when the cores are busy), a usearch HNSW query 0.35-0.5 ms.
ANN_MIN_EVENTS = 1000
#: An event's vector in the HNSW graph is refreshed only when its article
#: count has grown by this factor since it was last indexed: early articles
#: move a centroid, later ones barely do, and re-inserting on every article
#: would dominate the cost (each removal also leaves a tombstone that slows
#: later searches).  Candidates are re-scored with exact centroids.  Synthetic
#: benchmark, 20k-40k articles: 404 articles/s with 1.25 (and expansion_add
#: 64), 560 with 2.0 (and 32), same B-cubed F1.
REINDEX_GROWTH = 2.0


class CentroidIndex:
    """Unit-vector index over event ids with exact or HNSW search."""

    def __init__(self, *, ann_min_events: int = ANN_MIN_EVENTS) -> None:
        self._ann_min = ann_min_events
        self._vectors: dict[int, np.ndarray] = {}
        # Exact search: rows [0, len) of a matrix that grows by doubling; a
        # removed row is filled by the last one so rows stay dense.
        self._matrix = np.zeros((64, DIM), dtype=np.float32)
        self._ids = np.zeros(64, dtype=np.int64)
        self._row: dict[int, int] = {}
        self._ann: Any = None
        self._indexed_n: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self._vectors)

    @property
    def uses_ann(self) -> bool:
        return self._ann is not None

    def upsert(self, event_id: int, vector: np.ndarray, *, n: int = 1) -> None:
        """Insert or update ``event_id``'s unit vector (``n``: its article count)."""
        self._vectors[event_id] = vector
        if self._ann is None:
            row = self._row.get(event_id)
            if row is None:
                row = len(self._row)
                if row == len(self._ids):
                    self._matrix = np.vstack([self._matrix, np.zeros_like(self._matrix)])
                    self._ids = np.concatenate([self._ids, np.zeros_like(self._ids)])
                self._row[event_id] = row
                self._ids[row] = event_id
            self._matrix[row] = vector
            if len(self._vectors) > self._ann_min:
                self._build_ann()
            return
        last = self._indexed_n.get(event_id)
        if last is None or n >= last * REINDEX_GROWTH:
            self._ann_put(event_id, vector, n)

    def load(self, entries: Iterable[tuple[int, np.ndarray, int]]) -> None:
        """Fill an empty index with ``(event id, unit vector, article count)`` entries at once.

        Inserting a stored corpus's events one by one into the HNSW graph cost
        7.3 s for 15,445 events; one batched insert is multi-threaded."""
        if self._vectors:
            raise ValueError("load() fills an empty index")
        entries = list(entries)
        if len(entries) <= self._ann_min:
            for event_id, vector, n in entries:
                self.upsert(event_id, vector, n=n)
            return
        self._vectors = {event_id: vector for event_id, vector, _ in entries}
        self._build_ann()
        self._indexed_n = {event_id: n for event_id, _, n in entries}

    def remove(self, event_id: int) -> None:
        if self._vectors.pop(event_id, None) is None:
            return
        if self._ann is None:
            row = self._row.pop(event_id)
            last = len(self._row)
            if row != last:
                moved = int(self._ids[last])
                self._matrix[row] = self._matrix[last]
                self._ids[row] = moved
                self._row[moved] = row
        else:
            self._ann.remove(event_id)
            self._indexed_n.pop(event_id, None)

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Up to ``k`` (event id, exact cosine) pairs, best first."""
        if not self._vectors or k <= 0:
            return []
        if self._ann is not None:
            matches = self._ann.search(vector, min(k, len(self._vectors)))
            keys = [int(x) for x in matches.keys]
            out = [(key, float(np.dot(self._vectors[key], vector))) for key in keys if key in self._vectors]
            out.sort(key=lambda kv: -kv[1])
            return out
        sims = self._matrix[: len(self._row)] @ vector
        if len(sims) > k:
            top = np.argpartition(-sims, k - 1)[:k]
            top = top[np.argsort(-sims[top], kind="stable")]
        else:
            top = np.argsort(-sims, kind="stable")
        return [(int(self._ids[i]), float(sims[i])) for i in top]

    def search_many(self, vectors: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
        """:meth:`search` for each row of ``vectors`` in one call (one BLAS product or one
        multi-threaded HNSW batch: per-query Python overhead dominated single searches)."""
        if len(vectors) == 0:
            return []
        if not self._vectors or k <= 0:
            return [[] for _ in range(len(vectors))]
        vectors = np.asarray(vectors, dtype=np.float32)
        if self._ann is None:
            sims = vectors @ self._matrix[: len(self._row)].T
            kk = min(k, sims.shape[1])
            top = np.argpartition(-sims, kk - 1, axis=1)[:, :kk]
            out = []
            for r in range(len(vectors)):
                idx = top[r][np.argsort(-sims[r, top[r]], kind="stable")]
                out.append([(int(self._ids[i]), float(sims[r, i])) for i in idx])
            return out
        matches = self._ann.search(vectors, min(k, len(self._vectors)))
        keys = np.asarray(matches.keys).reshape(len(vectors), -1)
        # usearch answers a one-row batch with single-query Matches, which have
        # no per-row counts (a one-article POST to a large store crashed here).
        counts = np.asarray(getattr(matches, "counts", [len(matches.keys)])).reshape(-1)
        out = []
        for r in range(len(vectors)):
            row = [int(x) for x in keys[r, : int(counts[r])] if int(x) in self._vectors]
            if row:
                cos = np.vstack([self._vectors[key] for key in row]) @ vectors[r]
                pairs = sorted(zip(row, (float(c) for c in cos), strict=True), key=lambda kv: -kv[1])
            else:
                pairs = []
            out.append(pairs)
        return out

    def _build_ann(self) -> None:
        from usearch.index import Index

        self._ann = Index(
            ndim=DIM, metric="ip", dtype="f32", connectivity=16, expansion_add=32, expansion_search=64
        )
        ids = np.fromiter(self._vectors.keys(), dtype=np.uint64, count=len(self._vectors))
        mat = np.vstack(list(self._vectors.values())).astype(np.float32)
        self._ann.add(ids, mat)
        self._indexed_n = dict.fromkeys(self._vectors, 1)
        self._matrix = np.zeros((0, DIM), dtype=np.float32)
        self._row = {}

    def _ann_put(self, event_id: int, vector: np.ndarray, n: int) -> None:
        if event_id in self._indexed_n:
            self._ann.remove(event_id)
        self._ann.add(event_id, np.asarray(vector, dtype=np.float32))
        self._indexed_n[event_id] = n
