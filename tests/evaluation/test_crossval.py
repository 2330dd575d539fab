"""Leave-topics-out cross-validation on a small hand-built corpus of separable events."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.clustering.features import ArticleFeatures
from storyline.evaluation.crossval import Corpus, cross_validate, summarise, topic_folds
from storyline.nlp.encoder import DIM
from storyline.training.scorer import fit_scorer


def _corpus() -> Corpus:
    """Six topics of two events, four articles each; an event's articles share an axis, a name and words."""
    rng = np.random.default_rng(1)
    texts, items, events, topics = [], [], [], []
    for t in range(6):
        for e in range(2):
            name = f"t{t}e{e}"
            for i in range(4):
                v = rng.normal(0, 0.012, DIM).astype(np.float32)
                v[2 * t + e] += 1.0
                v[60 + t] += 0.6
                items.append(ArticleFeatures(id=f"{name}-{i}", vector=v / np.linalg.norm(v),
                                             entities={f"{name} leader": 2, f"t{t} city": 1}))  # fmt: skip
                texts.append(f"{name}word{name}alpha {name}beta report number {i}")
                events.append(name)
                topics.append(f"t{t}")
    return Corpus(texts, items, events, topics)


def test_topic_folds_keep_topics_whole_and_fill_every_fold() -> None:
    topics = [f"t{i // 3}" for i in range(30)]
    folds = topic_folds(topics, folds=5, seed=0)
    assert sorted(set(folds)) == [0, 1, 2, 3, 4]
    for t in set(topics):
        assert len({f for f, tt in zip(folds, topics, strict=True) if tt == t}) == 1
    assert folds != topic_folds(topics, folds=5, seed=1) or folds == topic_folds(topics, folds=5, seed=0)
    with pytest.raises(ValueError):
        topic_folds(["a", "b"], folds=3, seed=0)


def test_cross_validate_scores_held_out_topics_and_tuned_baselines() -> None:
    corpus = _corpus()
    seen: list[set[str]] = []

    def fit(train_idx: list[int], seed: int):  # type: ignore[no-untyped-def]
        seen.append({corpus.topics[i] for i in train_idx})
        sub = corpus.subset(train_idx)
        return fit_scorer([(sub.items, sub.events)], seed=seed)

    results = cross_validate(corpus, fit, folds=3, seeds=(0,), order_batches=(4,))
    assert [r.fold for r in results] == [0, 1, 2]
    assert sum(r.articles for r in results) == len(corpus.items)
    folds = topic_folds(corpus.topics, folds=3, seed=0)
    for r, train_topics in zip(results, seen, strict=True):
        held = {t for t, f in zip(corpus.topics, folds, strict=True) if f == r.fold}
        assert len(held) == 2 and not held & train_topics  # the fit never saw a held-out topic
    summary = summarise(results)
    # The events are far apart in every signal: held-out topics cluster perfectly, in any order.
    assert summary["events"]["bcubed_f1"]["worst"] == 1.0
    assert summary["order"]["4"]["worst"] == 1.0
    assert set(summary["baselines"]) == {"tfidf", "tfidf_char", "use_cosine"}
    assert all(0.0 < b["mean"] <= 1.0 for b in summary["baselines"].values())
