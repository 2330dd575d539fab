"""The scorer's fitting script on a small hand-built corpus: several topics of two events each."""

from __future__ import annotations

import numpy as np

from storyline.clustering.features import ArticleFeatures
from storyline.clustering.train import cross_validate, make_pairs
from storyline.embedding import DIM


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


def test_cross_validate_reports_folds_and_pooled_held_out_scores() -> None:
    items, events, topics = _corpus()
    result = cross_validate(items, events, topics, folds=3, seed=0)
    assert [f["fold"] for f in result["folds"]] == [0, 1, 2]
    assert sum(f["articles"] for f in result["folds"]) == len(items)
    p, r, f1 = result["pooled_bcubed"]
    # The groups are far apart in every signal: held-out topics cluster perfectly.
    assert (p, r, f1) == (1.0, 1.0, 1.0)
    assert result["in_sample_bcubed_f1"] == 1.0
    assert len(result["weights"]) == 2 and all(np.isfinite(w).all() for w in result["weights"])
