from __future__ import annotations

import numpy as np
import pytest

from storyline.clustering.index import CentroidIndex
from storyline.nlp.encoder import DIM


def _unit_vectors(seed: int, n: int = 40) -> np.ndarray:
    vecs = np.random.default_rng(seed).normal(size=(n, DIM)).astype(np.float32)
    return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)


@pytest.mark.parametrize("ann_min_events", [10_000, 5])
def test_search_many_matches_search_and_updates(ann_min_events: int) -> None:
    vecs = _unit_vectors(0)
    index = CentroidIndex(ann_min_events=ann_min_events)
    for i, v in enumerate(vecs):
        index.upsert(i + 1, v)
    index.remove(7)
    assert len(index) == 39 and index.uses_ann == (ann_min_events < 40)
    queries = vecs[:5] + 0.01
    many = index.search_many(queries, 3)
    for q, got in zip(queries, many, strict=True):
        single = index.search(q, 3)
        assert [e for e, _ in got] == [e for e, _ in single]
        assert all(abs(a[1] - b[1]) < 1e-5 for a, b in zip(got, single, strict=True))
    assert many[0][0][0] == 1  # the nearest centroid is the one the query was made from
    assert all(e != 7 for row in many for e, _ in row)  # removed ids never come back
    assert index.search_many(np.zeros((0, DIM), dtype=np.float32), 3) == []


@pytest.mark.parametrize("ann_min_events", [10_000, 5])
def test_a_batch_of_one_query_and_a_bulk_load(ann_min_events: int) -> None:
    vecs = _unit_vectors(1)
    index = CentroidIndex(ann_min_events=ann_min_events)
    index.load((i + 1, v, 1) for i, v in enumerate(vecs))
    assert len(index) == 40 and index.uses_ann == (ann_min_events < 40)
    [hits] = index.search_many(vecs[3:4], 3)  # one article posted to a large store
    single = index.search(vecs[3], 3)
    assert hits[0][0] == 4 and [e for e, _ in hits] == [e for e, _ in single]
    assert all(abs(a[1] - b[1]) < 1e-5 for a, b in zip(hits, single, strict=True))
    with pytest.raises(ValueError, match="empty index"):
        index.load([(99, vecs[0], 1)])
