"""Fit the pair scorer's weights on labelled articles (ECB+ dev format).

    python -m storyline.clustering.train --data ecbplus-dev.jsonl [--folds 11]

Training pairs reproduce the decision the online clusterer makes: an article
against *partial* events (random subsets of each candidate event's other
articles, from one article to all of them), for its own event and for the
events whose centroids are nearest (hard negatives: in ECB+ the other event
of the same topic is usually the nearest).  Folds hold out whole topics, so
the held-out score measures events of a kind the model never saw.  The
script prints the weights to paste into :mod:`storyline.clustering.model`,
the in-sample score, each fold's held-out score and the held-out score
pooled over all folds (each fold's clusters kept apart).
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from storyline.clustering import model
from storyline.clustering.features import ArticleFeatures
from storyline.clustering.model import FEATURE_NAMES, pair_features, profile_of, profile_of_many

__all__ = ["make_pairs", "fit", "fit_scorer", "using_weights", "main"]

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
#: Default number of leave-topics-out folds.  ECB+ dev has 33 topics: 11 folds
#: train each fold's model on 30 of them, close to the shipped model's 33,
#: whereas 3 folds (22 training topics) understate it; the per-fold scores
#: then vary a lot (one topic decides a fold), hence the pooled figure.
DEFAULT_FOLDS = 11


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

    weights, biases = [], []
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


def _auc(x: np.ndarray, y: np.ndarray, kind: np.ndarray, w: list[np.ndarray], b: list[float]) -> float:
    from sklearn.metrics import roc_auc_score

    scores = np.where(kind == 0, x @ w[0] + b[0], x @ w[1] + b[1])
    return float(roc_auc_score(y, scores))


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
    """Weights and biases fitted on labelled articles: the shipped model's procedure.

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


def cross_validate(
    items: Sequence[ArticleFeatures],
    events: Sequence[Any],
    topics: Sequence[Any],
    *,
    folds: int = DEFAULT_FOLDS,
    seed: int = 0,
    c: float = REGULARISATION_C,
) -> dict[str, Any]:
    """Leave-topics-out folds: fit on the other topics, cluster the held-out ones."""
    from storyline.evaluation.clustering import bcubed, cluster_at_once

    topic_list = sorted(set(topics), key=str)
    random.Random(seed).shuffle(topic_list)
    fold_of = {t: i % folds for i, t in enumerate(topic_list)}
    x, y, owner, kind = make_pairs(items, events, seed=seed)
    owner_fold = np.asarray([fold_of[topics[i]] for i in owner])
    per_fold = []
    pooled_pred: list[str] = []
    pooled_gold: list[Any] = []
    for f in range(folds):
        train = owner_fold != f
        w, b = fit(x[train], y[train], kind[train], c=c)
        test = owner_fold == f
        auc = _auc(x[test], y[test], kind[test], w, b)
        idx = [i for i in range(len(items)) if fold_of[topics[i]] == f]
        with using_weights(w, b):
            pred = cluster_at_once([items[i] for i in idx])
        p, r, f1 = bcubed(pred, [events[i] for i in idx])
        pooled_pred += [f"{f}:{k}" for k in pred]
        pooled_gold += [events[i] for i in idx]
        per_fold.append(
            {"fold": f, "auc": auc, "bcubed_p": p, "bcubed_r": r, "bcubed_f1": f1, "articles": len(idx)}
        )
    w, b = fit(x, y, kind, c=c)
    in_auc = _auc(x, y, kind, w, b)
    with using_weights(w, b):
        pred = cluster_at_once(items)
    in_f1 = bcubed(pred, list(events))[2]
    return {"weights": [v.tolist() for v in w], "bias": b, "in_sample_auc": in_auc, "in_sample_bcubed_f1": in_f1,
            "folds": per_fold, "pooled_bcubed": bcubed(pooled_pred, pooled_gold), "pairs": len(y)}  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    from storyline.clustering.prepare import features_from_texts

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--folds", type=int, default=DEFAULT_FOLDS, help="leave-topics-out folds")
    ap.add_argument(
        "--seed", type=int, default=0, help="shuffles topics into folds and samples the training pairs"
    )
    ap.add_argument("--c", type=float, default=REGULARISATION_C, help="inverse L2 strength of the fit")
    args = ap.parse_args(argv)
    records = [
        json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    items = features_from_texts([r["text"] for r in records], ids=[str(r["id"]) for r in records])
    result = cross_validate(
        items,
        [r["event"] for r in records],
        [r.get("topic", r["event"]) for r in records],
        folds=args.folds,
        seed=args.seed,
        c=args.c,
    )
    print("features:", ", ".join(FEATURE_NAMES))
    for name, w, b in zip(("WEIGHTS", "MERGE_WEIGHTS"), result["weights"], result["bias"], strict=True):
        print(f"{name} =", np.array2string(np.asarray(w), precision=3, separator=", "), "bias", round(b, 3))
    print(f"in-sample AUC {result['in_sample_auc']:.4f}  B-cubed F1 {result['in_sample_bcubed_f1']:.4f}")
    for f in result["folds"]:
        print(
            f"fold {f['fold']}: held-out AUC {f['auc']:.4f}  B-cubed P {f['bcubed_p']:.3f} R {f['bcubed_r']:.3f} "
            f"F1 {f['bcubed_f1']:.3f} ({f['articles']} articles)"
        )
    p, r, f1 = result["pooled_bcubed"]
    print(f"held-out, pooled over {len(result['folds'])} folds: B-cubed P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
