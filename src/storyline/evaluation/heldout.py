"""Held-out figures of event clustering: what ``storyline eval clustering`` and
``storyline eval pile`` print as their headline.

* :func:`evaluate_topics`: leave-topics-out cross-validation on ECB+ dev
  (full texts, or with ``headlines`` each article's first sentence), the
  scorer refitted per fold by :func:`storyline.training.corpora.fit_on` on
  the training topics plus all SemEval pairs (another corpus: no ECB+ article
  is among them), beside baselines tuned on the training topics;
* :func:`evaluate_pile_folds`: the SemEval pile cut into folds of whole pair
  components (no article of a held-out fold is in a training pair), the
  scorer refitted on ECB+ dev plus the other folds' pairs, each fold's
  articles clustered at once;
* :func:`cross_dataset`: fitted on one corpus alone, scored on the other,
  both ways.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import numpy as np

from storyline.evaluation.baselines import BASELINES
from storyline.evaluation.clustering import bcubed, cluster_in_batches
from storyline.evaluation.crossval import FOLD_SEEDS, FOLDS, Corpus, cross_validate, summarise
from storyline.evaluation.pile import PilePair, pile_scores
from storyline.training.corpora import TrainingData, fit_on
from storyline.training.scorer import using_weights

__all__ = ["evaluate_topics", "evaluate_pile_folds", "cross_dataset", "pair_components"]


def evaluate_topics(
    data: TrainingData,
    *,
    headlines: bool = False,
    folds: int = FOLDS,
    seeds: Sequence[int] = FOLD_SEEDS,
    baselines: bool = True,
) -> dict[str, Any]:
    """Leave-topics-out figures on ECB+ dev (mean and worst fold)."""
    items = data.ecb_head if headlines else data.ecb_full
    texts = [it.title for it in data.ecb_head] if headlines else data.ecb_texts
    corpus = Corpus(texts, items, data.ecb_events, data.ecb_topics)

    def fit(train_idx: list[int], seed: int) -> tuple[list[np.ndarray], list[float]]:
        return fit_on(data, ecb_index=train_idx, seed=seed)

    results = cross_validate(corpus, fit, folds=folds, seeds=seeds, baselines=BASELINES if baselines else ())
    return {"summary": summarise(results), "folds": [
        {"seed": r.seed, "fold": r.fold, "articles": r.articles, "bcubed_f1": r.events["bcubed_f1"],
         "baselines": {k: v["bcubed_f1"] for k, v in r.baselines.items()}, "order": r.order}
        for r in results
    ]}  # fmt: skip


def pair_components(data: TrainingData, *, folds: int, seed: int) -> dict[str, int]:
    """Fold of each SemEval article: connected components of the pair graph, shuffled and dealt."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in data.sem_pairs:
        parent[find(p.a)] = find(p.b)
    comps = sorted({find(a) for a in data.sem_full})
    random.Random(seed).shuffle(comps)
    fold_of = {c: i % folds for i, c in enumerate(comps)}
    return {a: fold_of[find(a)] for a in data.sem_full}


def _pile(data: TrainingData, ids: Sequence[str], weights: Any, *, headlines: bool = False) -> dict[str, Any]:

    feats = data.sem_head if headlines else data.sem_full
    keep = set(ids)
    with using_weights(*weights):
        events, storylines = cluster_in_batches([[feats[i] for i in sorted(keep)]])
    pairs = [
        PilePair(p.a, p.b, p.overall, p.cross_lingual) for p in data.sem_pairs if p.a in keep and p.b in keep
    ]
    return pile_scores(events, storylines, pairs)


_PILE_KEYS = (
    "same_story_same_event",
    "cross_lingual_same_event",
    "same_story_same_storyline",
    "unrelated_apart",
)


def evaluate_pile_folds(
    data: TrainingData, *, folds: int = FOLDS, seeds: Sequence[int] = FOLD_SEEDS
) -> dict[str, Any]:
    """The pile's shares on held-out pair components (mean and worst fold), full texts and headlines.

    Folds are drawn for each seed of ``seeds`` (as for the ECB+ topic folds):
    a fold holds ~60 same-story pairs, so one draw's mean moves by a few
    hundredths with the draw alone.
    """
    if not data.sem_pairs:
        raise ValueError("no SemEval pairs loaded")
    per: dict[str, list[dict[str, Any]]] = {"full": [], "headlines": []}
    for seed in seeds:
        fold_of = pair_components(data, folds=folds, seed=seed)
        for f in range(folds):
            held = [a for a, g in fold_of.items() if g == f]
            weights = fit_on(data, sem_ids=[a for a, g in fold_of.items() if g != f], seed=seed)
            per["full"].append(_pile(data, held, weights))
            per["headlines"].append(_pile(data, held, weights, headlines=True))
    out: dict[str, Any] = {"folds": len(per["full"])}
    for view, rows in per.items():
        out[view] = {
            k: {
                "mean": float(np.nanmean([r[k] for r in rows])),
                "worst": float(np.nanmin([r[k] for r in rows])),
            }
            for k in _PILE_KEYS
        }
    return out


def cross_dataset(data: TrainingData) -> dict[str, Any]:
    """Fit on ECB+ alone -> the whole SemEval pile; fit on SemEval alone -> ECB+ dev at once."""
    out: dict[str, Any] = {}
    if data.sem_pairs:
        ecb_only = fit_on(data, sem_ids=())
        out["ecb_to_semeval_pile"] = _pile(data, list(data.sem_full), ecb_only)
        sem_only = fit_on(data, ecb_index=())
        with using_weights(*sem_only):
            events, _ = cluster_in_batches([data.ecb_full])
        p, r, f1 = bcubed([events[it.id] for it in data.ecb_full], data.ecb_events)
        out["semeval_to_ecb"] = {"bcubed_p": p, "bcubed_r": r, "bcubed_f1": f1}
    return out


def format_topics(result: dict[str, Any], *, headlines: bool) -> str:
    s = result["summary"]
    ev = s["events"]
    what = "headlines (first line that is not a date, first sentence of a flattened page)" if headlines else "full texts"
    lines = [
        f"held-out topics ({s['folds']} leave-topics-out folds, scorer refitted per fold; {what}):",
        f"  events     B-cubed F1 mean {ev['bcubed_f1']['mean']:.3f} worst {ev['bcubed_f1']['worst']:.3f}"
        f"   P {ev['bcubed_p']['mean']:.3f} R {ev['bcubed_r']['mean']:.3f}",
    ]
    for name, b in s["baselines"].items():
        lines.append(
            f"  baseline {name:10s} (threshold tuned on the training folds) mean {b['mean']:.3f} worst {b['worst']:.3f}"
        )
    for n, o in s["order"].items():
        lines.append(
            f"  order: {n} shuffled batches vs at once, B-cubed agreement mean {o['mean']:.3f} worst {o['worst']:.3f}"
        )
    lines.append(f"  storylines vs topic (information) mean {s['storylines_f1']['mean']:.3f}")
    return "\n".join(lines)


def format_pile_folds(result: dict[str, Any]) -> str:
    lines = [
        f"held-out pile ({result['folds']} folds of whole pair components, {FOLDS} per draw, scorer refitted on ECB+ dev + the other folds):"
    ]
    for view in ("full", "headlines"):
        r = result[view]
        lines.append(
            f"  {'full texts' if view == 'full' else 'headlines'}: same-story same event "
            f"{r['same_story_same_event']['mean']:.3f} (worst {r['same_story_same_event']['worst']:.3f}), "
            f"cross-lingual {r['cross_lingual_same_event']['mean']:.3f}, same storyline "
            f"{r['same_story_same_storyline']['mean']:.3f}, unrelated apart {r['unrelated_apart']['mean']:.3f}"
            f" (worst {r['unrelated_apart']['worst']:.3f})"
        )
    return "\n".join(lines)


def format_cross(result: dict[str, Any]) -> str:
    lines = []
    if "ecb_to_semeval_pile" in result:
        p = result["ecb_to_semeval_pile"]
        lines.append(
            f"cross-dataset: fitted on ECB+ alone -> whole SemEval pile: same-story same event {p['same_story_same_event']:.3f}"
            f", cross-lingual {p['cross_lingual_same_event']:.3f}, unrelated apart {p['unrelated_apart']:.3f}"
        )
    if "semeval_to_ecb" in result:
        lines.append(
            f"cross-dataset: fitted on SemEval alone -> ECB+ dev at once: B-cubed F1 {result['semeval_to_ecb']['bcubed_f1']:.3f}"
        )
    return "\n".join(lines)
