"""The scorer's fitting script on a small hand-built corpus: several topics of two events each."""

from __future__ import annotations

import numpy as np

from storyline.clustering.features import ArticleFeatures
from storyline.nlp.encoder import DIM
from storyline.training.scorer import fit_scorer, make_pairs, pair_rows


def _corpus() -> tuple[list[ArticleFeatures], list[str], list[str]]:
    """Six topics of two events, four articles each; an event's articles share an axis and a name."""
    rng = np.random.default_rng(0)
    items, events, topics = [], [], []
    for t in range(6):
        for e in range(2):
            name = f"t{t}e{e}"
            for i in range(4):
                v = rng.normal(0, 0.012, DIM).astype(np.float32)
                v[2 * t + e] += 1.0
                v[60 + t] += 0.6  # the two events of a topic are alike, as in ECB+
                items.append(ArticleFeatures(id=f"{name}-{i}", vector=v / np.linalg.norm(v),
                                             entities={f"{name} leader": 2, f"t{t} city": 1}))  # fmt: skip
                events.append(name)
                topics.append(f"t{t}")
    return items, events, topics


def test_make_pairs_has_positives_and_hard_negatives_for_every_article() -> None:
    items, events, _ = _corpus()
    x, y, owner, kind = make_pairs(items, events, seed=0)
    assert x.shape[0] == y.shape[0] == owner.shape[0] == kind.shape[0]
    for i in range(len(items)):
        mine = (owner == i) & (kind == 0)
        assert y[mine].max() == 1 and y[mine].min() == 0


def test_fit_scorer_learns_from_events_and_from_pairs() -> None:
    items, events, _ = _corpus()
    w, b = fit_scorer([(items, events)], seed=0)
    assert len(w) == 2 and all(np.isfinite(v).all() for v in w)
    # Pairs alone: one article-pair model also serves event-vs-event decisions.
    same = [(items[0], items[1], 1), (items[4], items[5], 1)]
    apart = [(items[0], items[8], 0), (items[4], items[12], 0)]
    w2, b2 = fit_scorer([], pairs=same + apart)
    assert np.array_equal(w2[0], w2[1]) and b2[0] == b2[1]
    x, y = pair_rows(same + apart)
    scores = x @ w2[0] + b2[0]
    assert scores[y == 1].min() > scores[y == 0].max()


def test_fit_scorer_needs_data() -> None:
    import pytest

    with pytest.raises(ValueError, match="nothing"):
        fit_scorer([])
