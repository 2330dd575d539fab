"""The labelled data the pair scorer is fitted on, and the fitting procedure.

Two corpora of different kinds, so that no weight fits one corpus's shape:

* ECB+ dev (JSONL ``{id, text, event, topic}``): English articles labelled
  with events, two events of one kind per topic;
* SemEval-2022 Task 8 dev pairs (CSV): multilingual news pairs with human
  same-story judgements, mostly unrelated to each other.

Each article also enters in its short form, :func:`headline_of` (its first
sentence), which is what RSS items and aggregators deliver: a scorer fitted
on full texts alone under-joins headlines (ECB+ first lines, held-out
topics: B-cubed recall 0.52).  :func:`fit_on` is the one procedure behind
the shipped weights (``python -m storyline.clustering.train``) and behind
every cross-validated figure (on the training part only).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from storyline.clustering.features import ArticleFeatures

__all__ = [
    "SAME_EVENT_MAX",
    "DIFFERENT_EVENT_MIN",
    "TrainingData",
    "headline_of",
    "load_training",
    "labelled_pairs",
    "fit_on",
]

#: SemEval pairs used as "same event" when Overall is at most this (the
#: top band: 1 = same story, averaged over annotators) ...
SAME_EVENT_MAX = 1.5
#: ... and as "different events" from this on; the pairs in between ("somewhat
#: similar") are left out: they mix one story seen from two angles and two
#: events of one story.
DIFFERENT_EVENT_MIN = 3.0


def headline_of(text: str) -> str:
    """The first sentence of a text's first non-empty line (its short form)."""
    from storyline.nlp.sentences import split_sentences

    for line in text.splitlines():
        if line.strip():
            sentences = split_sentences(line.strip())
            return sentences[0] if sentences else line.strip()
    return ""


@dataclass(frozen=True, slots=True)
class SemevalPair:
    a: str
    b: str
    overall: float
    cross_lingual: bool


@dataclass(slots=True)
class TrainingData:
    """Both corpora featurised, each article in full and as its headline."""

    ecb_texts: list[str]
    ecb_events: list[str]
    ecb_topics: list[str]
    ecb_full: list[ArticleFeatures]
    ecb_head: list[ArticleFeatures]
    sem_pairs: list[SemevalPair]
    sem_full: dict[str, ArticleFeatures]
    sem_head: dict[str, ArticleFeatures]
    sem_texts: dict[str, str]


def _featurise(ids: Sequence[str], texts: Sequence[str], *, identify_language: bool) -> list[ArticleFeatures]:
    from storyline.clustering.prepare import features_from_texts
    from storyline.nlp.language import identify

    langs = [identify(t)[0] if identify_language and t.strip() else None for t in texts]
    return features_from_texts(list(texts), ids=list(ids), languages=langs)


def _read_semeval(path: Path) -> tuple[dict[str, str], list[SemevalPair]]:
    from storyline.evaluation.pile import pile_pairs
    from storyline.evaluation.similarity import load_pairs

    texts, _, pairs = pile_pairs(load_pairs(path))
    return texts, [SemevalPair(p.a, p.b, p.overall, p.cross_lingual) for p in pairs]


def load_training(ecb: Path, semeval: Path | None) -> TrainingData:
    """Featurise ECB+ dev and, when given, the SemEval pairs (languages identified, as in the pipeline)."""
    records = [
        json.loads(line) for line in Path(ecb).read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    ids = [str(r["id"]) for r in records]
    texts = [r["text"] for r in records]
    full = _featurise(ids, texts, identify_language=False)  # ECB+ is English throughout
    head = _featurise(ids, [headline_of(t) for t in texts], identify_language=False)
    sem_texts: dict[str, str] = {}
    sem_pairs: list[SemevalPair] = []
    sem_full: dict[str, ArticleFeatures] = {}
    sem_head: dict[str, ArticleFeatures] = {}
    if semeval is not None:
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        sem_texts, sem_pairs = _read_semeval(Path(semeval))
        sids = sorted(sem_texts)
        sem_full = dict(
            zip(sids, _featurise(sids, [sem_texts[i] for i in sids], identify_language=True), strict=True)
        )
        heads = [headline_of(sem_texts[i]) for i in sids]
        sem_head = dict(zip(sids, _featurise(sids, heads, identify_language=True), strict=True))
    return TrainingData(
        texts, [str(r["event"]) for r in records], [str(r.get("topic", r["event"])) for r in records],
        full, head, sem_pairs, sem_full, sem_head, sem_texts,
    )  # fmt: skip


def labelled_pairs(
    pairs: Sequence[SemevalPair], features: dict[str, ArticleFeatures]
) -> list[tuple[ArticleFeatures, ArticleFeatures, int]]:
    """(a, b, 1 same event / 0 different) for the pairs outside the uncertain middle band."""
    out = []
    for p in pairs:
        if p.overall <= SAME_EVENT_MAX or p.overall >= DIFFERENT_EVENT_MIN:
            out.append((features[p.a], features[p.b], int(p.overall <= SAME_EVENT_MAX)))
    return out


def fit_on(
    data: TrainingData,
    *,
    ecb_index: Collection[int] | None = None,
    sem_ids: Collection[str] | None = None,
    seed: int = 0,
) -> tuple[list[np.ndarray], list[float]]:
    """Fit the scorer on the given part of both corpora (None: all of it; empty: none).

    ECB+ articles enter in full and as headlines, each form an event-labelled
    set of its own; SemEval pairs enter when both their articles are in
    ``sem_ids``, in full and as headlines.
    """
    from storyline.clustering.train import fit_scorer

    idx = range(len(data.ecb_full)) if ecb_index is None else sorted(ecb_index)
    corpora: list[tuple[Sequence[ArticleFeatures], Sequence[Any]]] = [
        ([data.ecb_full[i] for i in idx], [data.ecb_events[i] for i in idx]),
        ([data.ecb_head[i] for i in idx], [data.ecb_events[i] for i in idx]),
    ]
    allowed = set(data.sem_full) if sem_ids is None else set(sem_ids)
    chosen = [p for p in data.sem_pairs if p.a in allowed and p.b in allowed]
    pairs = labelled_pairs(chosen, data.sem_full) + labelled_pairs(chosen, data.sem_head)
    return fit_scorer(corpora, seed=seed, pairs=pairs or None)
