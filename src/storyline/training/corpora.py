"""The labelled data the pair scorer is fitted on, and the fitting procedure.

Two corpora of different kinds, so that no weight fits one corpus's shape:

* ECB+ dev (JSONL ``{id, text, event, topic}``): English articles labelled
  with events, two events of one kind per topic;
* SemEval-2022 Task 8 dev pairs (CSV): multilingual news pairs with human
  same-story judgements, mostly unrelated to each other.

Each article also enters in its short form, :func:`headline_of` (its
headline line, or first sentence), which is what RSS items and aggregators deliver: a scorer fitted
on full texts alone under-joins headlines (ECB+ first lines, held-out
topics: B-cubed recall 0.52).  :func:`fit_on` is the one procedure behind
the shipped weights (``python -m storyline.training``) and behind
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
from storyline.clustering.prepare import features_from_texts
from storyline.evaluation.intake import headline_of as headline_line
from storyline.evaluation.pile import pile_pairs
from storyline.evaluation.similarity import load_pairs
from storyline.extraction import extract_document, learn_furniture
from storyline.nlp.language import identify
from storyline.nlp.sentences import split_sentences
from storyline.pipeline import build_article
from storyline.training.scorer import fit_scorer
from storyline.types import RawDocument

__all__ = [
    "SAME_EVENT_MAX",
    "DIFFERENT_EVENT_MIN",
    "MAX_HEADLINE_CHARS",
    "TrainingData",
    "headline_of",
    "as_stored",
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


#: A headline line longer than this is a paragraph (a scraped page flattened
#: to one line: most SemEval texts), and only its first sentence is kept.
#: ECB+ headlines run up to ~150 characters; SemEval flattened pages have a
#: median first line of ~1,000.
MAX_HEADLINE_CHARS = 200


def headline_of(text: str) -> str:
    """A text's short form: its headline as extraction reads it
    (:func:`storyline.evaluation.intake.headline_of`: the first line that is
    not only a date), cut to its first sentence when that line is a paragraph."""
    line = headline_line(text)[0]
    if len(line) <= MAX_HEADLINE_CHARS:
        return line
    sentences = split_sentences(line)
    return sentences[0] if sentences else line


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


def _featurise(
    ids: Sequence[str],
    texts: Sequence[str],
    *,
    identify_language: bool,
    published: Sequence[str | None] | None = None,
) -> list[ArticleFeatures]:

    langs = [identify(t)[0] if identify_language and t.strip() else None for t in texts]
    return features_from_texts(list(texts), ids=list(ids), languages=langs, published=published)


def as_stored(texts: dict[str, str]) -> tuple[dict[str, str], dict[str, str | None]]:
    """(text, publication date) of each scraped text as the pipeline stores it.

    SemEval texts are scraped pages; the pipeline extracts them (furniture
    learnt over the pile, walls rejected, dates read or inferred) before
    anything is clustered, so fitting and held-out scoring read the same
    text the product would.  A text extraction rejects is left out, as the
    pipeline leaves it out.
    """
    raws = [RawDocument(source_id=aid, origin=aid, text=texts[aid]) for aid in sorted(texts)]
    memory = learn_furniture(raws)
    out: dict[str, str] = {}
    dates: dict[str, str | None] = {}
    for raw in raws:
        ext = extract_document(raw, furniture=memory)
        if not ext.text.strip():
            continue
        art = build_article(raw, ext)
        title = (art.title or "").strip()
        out[raw.source_id] = f"{title}\n{art.text}" if title and not art.text.startswith(title) else art.text
        dates[raw.source_id] = art.published
    return out, dates


def _read_semeval(path: Path) -> tuple[dict[str, str], list[SemevalPair]]:

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
        scraped, sem_pairs = _read_semeval(Path(semeval))
        sem_texts, dates = as_stored(scraped)
        sem_pairs = [p for p in sem_pairs if p.a in sem_texts and p.b in sem_texts]
        sids = sorted(sem_texts)
        when = [dates[i] for i in sids]
        feats = _featurise(sids, [sem_texts[i] for i in sids], identify_language=True, published=when)
        sem_full = dict(zip(sids, feats, strict=True))
        heads = [headline_of(sem_texts[i]) for i in sids]
        sem_head = dict(
            zip(sids, _featurise(sids, heads, identify_language=True, published=when), strict=True)
        )
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
    idx = range(len(data.ecb_full)) if ecb_index is None else sorted(ecb_index)
    corpora: list[tuple[Sequence[ArticleFeatures], Sequence[Any]]] = [
        ([data.ecb_full[i] for i in idx], [data.ecb_events[i] for i in idx]),
        ([data.ecb_head[i] for i in idx], [data.ecb_events[i] for i in idx]),
    ]
    allowed = set(data.sem_full) if sem_ids is None else set(sem_ids)
    chosen = [p for p in data.sem_pairs if p.a in allowed and p.b in allowed]
    pairs = labelled_pairs(chosen, data.sem_full) + labelled_pairs(chosen, data.sem_head)
    return fit_scorer(corpora, seed=seed, pairs=pairs or None)
