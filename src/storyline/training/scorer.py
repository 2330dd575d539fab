"""Fit the pair scorer's weights on labelled articles (``python -m storyline.training``).

Training decisions reproduce the ones the online clusterer makes: an article
against *partial* events (random subsets of each candidate event's other
articles, from one article to all of them), for its own event and for the
events whose centroids are nearest (hard negatives: in ECB+ the other event
of the same topic is usually the nearest), plus event-vs-event decisions for
the merge pass; labelled article pairs of another corpus (SemEval) add
article-vs-article rows.  What the procedure is fitted on is
:func:`storyline.training.corpora.fit_on`; ``python -m storyline.training``
prints the weights to paste into :mod:`storyline.clustering.model`.  Held-out figures (topic
folds, the other corpus) are printed by ``storyline eval clustering`` and
``storyline eval pile``, which refit with the same procedure per fold.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

from storyline.clustering import model
from storyline.clustering.features import ArticleFeatures
from storyline.clustering.model import pair_features, profile_of, profile_of_many

__all__ = ["make_pairs", "pair_rows", "fit", "fit_scorer", "using_weights"]

#: Nearest wrong events per article used as negatives.
NEGATIVE_EVENTS = 6
#: Partial events sampled per (article, event).
SAMPLES_PER_EVENT = 3
#: Event-vs-event samples per gold event and per neighbour.
MERGE_SAMPLES = 10
#: Inverse L2 strength of the logistic regression; 1.0 and 10.0 give the same
#: held-out AUC to three decimals on ECB+ dev, 1.0 keeps the weights smaller.
REGULARISATION_C = 1.0
#: Weight of another corpus's labelled article pairs in the article scorer's
#: fit, relative to the event-labelled rows (1.0: both corpora count alike).
PAIR_WEIGHT = 1.0


def make_pairs(
    items: Sequence[ArticleFeatures], labels: Sequence[Any], *, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(X, y, article index, kind) training pairs; kind 0 = article vs event, 1 = event vs event."""
    rng = random.Random(seed)
    members: dict[Any, list[int]] = {}
    for i, lab in enumerate(labels):
        members.setdefault(lab, []).append(i)
    keys = list(members)
    vecs = np.vstack([it.vector for it in items])
    sums = {k: vecs[idx].sum(axis=0) for k, idx in members.items()}
    rows: list[np.ndarray] = []
    ys: list[int] = []
    owners: list[int] = []
    kinds: list[int] = []
    for i, item in enumerate(items):
        a = profile_of(item)
        sims = []
        for k in keys:
            s = sums[k] - (vecs[i] if labels[i] == k else 0.0)
            norm = float(np.linalg.norm(s))
            sims.append(float(s @ vecs[i]) / norm if norm else -1.0)
        order = np.argsort(-np.asarray(sims))
        chosen = [keys[j] for j in order if keys[j] != labels[i]][:NEGATIVE_EVENTS] + [labels[i]]
        for k in chosen:
            others = [j for j in members[k] if j != i]
            if not others:
                continue
            for _ in range(SAMPLES_PER_EVENT):
                size = rng.randint(1, len(others))
                subset = rng.sample(others, size)
                rows.append(pair_features(a, profile_of_many([items[j] for j in subset])))
                ys.append(int(k == labels[i]))
                owners.append(i)
                kinds.append(0)
    # Event-vs-event pairs, for the merge pass: two disjoint partial events of
    # one gold event, or partial events of two gold events whose centroids are
    # near.  ``owner`` is a member of the first side (for topic folds).
    centroids = {k: sums[k] / (np.linalg.norm(sums[k]) or 1.0) for k in keys}
    for k in keys:
        idx = members[k]
        near = sorted((kk for kk in keys if kk != k), key=lambda kk: -float(centroids[kk] @ centroids[k]))
        for _ in range(MERGE_SAMPLES):
            for other in [k, *near[:NEGATIVE_EVENTS]]:
                if other == k:
                    if len(idx) < 2:
                        continue
                    shuffled = rng.sample(idx, len(idx))
                    cut = rng.randint(1, len(idx) - 1)
                    first, second = shuffled[:cut], shuffled[cut:]
                else:
                    first = rng.sample(idx, rng.randint(1, len(idx)))
                    pool = members[other]
                    second = rng.sample(pool, rng.randint(1, len(pool)))
                if len(first) < 2 or len(second) < 2:
                    continue  # an article on one side: covered above
                a_prof = profile_of_many([items[j] for j in first])
                rows.append(pair_features(a_prof, profile_of_many([items[j] for j in second])))
                ys.append(int(other == k))
                owners.append(first[0])
                kinds.append(1)
    return np.vstack(rows), np.asarray(ys), np.asarray(owners), np.asarray(kinds)


def fit(
    x: np.ndarray,
    y: np.ndarray,
    kind: np.ndarray,
    *,
    c: float = REGULARISATION_C,
    sample_weight: np.ndarray | None = None,
) -> tuple[list[np.ndarray], list[float]]:
    """Weights and biases of the two scorers (article vs event, event vs event)."""
    from sklearn.linear_model import LogisticRegression

    weights: list[np.ndarray] = []
    biases: list[float] = []
    sw = np.ones(len(y)) if sample_weight is None else sample_weight
    for k in (0, 1):
        clf = LogisticRegression(C=c, max_iter=5000)
        if not np.any(kind == k):  # no event-vs-event rows (pairs only): the article scorer serves both
            weights.append(weights[0].copy())
            biases.append(biases[0])
            continue
        clf.fit(x[kind == k], y[kind == k], sample_weight=sw[kind == k])
        weights.append(clf.coef_[0].astype(np.float64))
        biases.append(float(clf.intercept_[0]))
    return weights, biases


def pair_rows(pairs: Sequence[tuple[ArticleFeatures, ArticleFeatures, int]]) -> tuple[np.ndarray, np.ndarray]:
    """(X, y) of labelled article pairs, both directions (the article scorer is asymmetric)."""
    rows, ys = [], []
    for a, b, label in pairs:
        pa, pb = profile_of(a), profile_of(b)
        rows += [pair_features(pa, pb), pair_features(pb, pa)]
        ys += [int(label), int(label)]
    return np.vstack(rows), np.asarray(ys)


def fit_scorer(
    corpora: Sequence[tuple[Sequence[ArticleFeatures], Sequence[Any]]],
    *,
    seed: int = 0,
    pairs: Sequence[tuple[ArticleFeatures, ArticleFeatures, int]] | None = None,
    pair_weight: float = PAIR_WEIGHT,
    c: float = REGULARISATION_C,
) -> tuple[list[np.ndarray], list[float]]:
    """Weights and biases of both scorers fitted on labelled data.

    ``corpora`` are event-labelled article sets, ``(features, event labels)``
    (the decisions of :func:`make_pairs`, made within each set); ``pairs``
    are article pairs of another corpus judged same event (1) or not (0),
    added to the article scorer's rows with ``pair_weight`` times the total
    weight of the event-labelled article rows.
    """
    parts_x, parts_y, parts_k = [], [], []
    for items, events in corpora:
        if len(items):
            x, y, _, kind = make_pairs(items, events, seed=seed)
            parts_x.append(x)
            parts_y.append(y)
            parts_k.append(kind)
    weights = [np.ones(len(y)) for y in parts_y]
    if pairs:
        px, py = pair_rows(pairs)
        base = float(sum(np.sum(k == 0) for k in parts_k))
        parts_x.append(px)
        parts_y.append(py)
        parts_k.append(np.zeros(len(py), dtype=int))
        weights.append(np.full(len(py), pair_weight * base / len(py) if base else 1.0))
    if not parts_x:
        raise ValueError("nothing to fit on")
    return fit(np.vstack(parts_x), np.concatenate(parts_y), np.concatenate(parts_k), c=c,
               sample_weight=np.concatenate(weights))  # fmt: skip


@contextmanager
def using_weights(weights: Sequence[np.ndarray], bias: Sequence[float]) -> Iterator[None]:
    """Temporarily score with other weights (for cross-validation only)."""
    old = model.WEIGHTS, model.BIAS, model.MERGE_WEIGHTS, model.MERGE_BIAS
    model.WEIGHTS, model.BIAS = np.asarray(weights[0], dtype=np.float64), float(bias[0])
    model.MERGE_WEIGHTS, model.MERGE_BIAS = np.asarray(weights[1], dtype=np.float64), float(bias[1])
    try:
        yield
    finally:
        model.WEIGHTS, model.BIAS, model.MERGE_WEIGHTS, model.MERGE_BIAS = old
