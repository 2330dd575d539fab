"""Hand-built articles and sentence vectors for the provenance tests.

Vectors stand for meanings: each meaning is a random unit vector (random 512-d vectors are nearly
orthogonal, cosine ~0 +- 0.05), and a sentence "expressing" a meaning gets that vector plus a little
noise, so two sentences with the same meaning have a cosine of ~0.9 whatever their words.
"""

from __future__ import annotations

import numpy as np

from storyline.types import Article

DIM = 512


class Meanings:
    def __init__(self, seed: int = 0) -> None:
        self._rng = np.random.default_rng(seed)
        self._base: dict[str, np.ndarray] = {}

    def vector(self, meaning: str, noise: float = 0.35) -> np.ndarray:
        if meaning not in self._base:
            v = self._rng.normal(size=DIM)
            self._base[meaning] = v / np.linalg.norm(v)
        n = self._rng.normal(size=DIM)
        v = self._base[meaning] + noise * n / np.linalg.norm(n)
        return (v / np.linalg.norm(v)).astype(np.float32)


def make_article(
    aid: str,
    sentences: list[tuple[str, str]],
    meanings: Meanings,
    *,
    language: str = "fr",
    published: str | None = None,
    agencies: list[str] | None = None,
    outlet: str | None = None,
) -> tuple[Article, np.ndarray]:
    """``sentences`` are ``(text, meaning)`` pairs; returns the article and its sentence vectors."""
    texts = [t for t, _ in sentences]
    art = Article(
        id=aid,
        source_id=aid,
        text="\n".join(texts),
        language=language,
        published=published,
        agencies=list(agencies or []),
        outlet=outlet,
        sentences=texts,
    )
    vecs = (
        np.vstack([meanings.vector(m) for _, m in sentences]) if sentences else np.zeros((0, DIM), np.float32)
    )
    return art, vecs
