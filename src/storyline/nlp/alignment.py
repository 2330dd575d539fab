"""The gate every detector shares: which sentences of different articles report the same thing.

A difference between sentences that are not about the same thing is not a
discrepancy, and most false alarms come from skipping that gate.  :class:`Story`
stacks the sentence vectors of a storyline's articles once, so every detector
asks for the USE cosine of two sentences (and for a sentence's location) in
constant time; :func:`make_side` builds one side of a discrepancy with its evidence.

Calibration of the sentence gates (the ``*_ALIGN_COSINE`` constants of the
detector modules): USE cosines between sentences of ECB+ dev (772 English
articles, 11.7k sentences of >= 6 words).  Pairs from *different events of the
same topic* -- the hardest negatives -- have median 0.16, 90th percentile 0.38,
99th 0.555, 99.9th 0.67; the best match of a sentence in another article of the
*same* event has median 0.63 and lower quartile 0.50.
"""

from __future__ import annotations

import numpy as np

from storyline.nlp.claims import check_story_vectors
from storyline.types import Article, Evidence, Side

__all__ = ["Story", "make_side"]


class Story:
    """Articles, their stacked sentence vectors and per-sentence lookups."""

    def __init__(self, articles: list[Article], vectors: dict[str, np.ndarray]) -> None:
        self.articles = articles
        mats = check_story_vectors(articles, vectors)
        self.offsets: list[int] = []
        rows = 0
        for m in mats:
            self.offsets.append(rows)
            rows += len(m)
        dims = {m.shape[1] for m in mats if len(m)}
        self.matrix = np.vstack([m for m in mats if len(m)]) if dims else np.zeros((0, 1), dtype=np.float32)
        self.sims = self.matrix @ self.matrix.T if len(self.matrix) else np.zeros((0, 0), dtype=np.float32)
        self.by_id = {a.id: i for i, a in enumerate(articles)}
        self.sentence_index: list[dict[str, int]] = []
        for a in articles:
            idx: dict[str, int] = {}
            for i, s in enumerate(a.sentences):
                idx.setdefault(s, i)
            self.sentence_index.append(idx)

    def sim(self, a: int, i: int, b: int, j: int) -> float:
        return float(self.sims[self.offsets[a] + i, self.offsets[b] + j])

    def event(self, a: int) -> int | None:
        return self.articles[a].event_id

    def locate(self, article_id: str, sentence: str) -> tuple[int, int] | None:
        a = self.by_id.get(article_id)
        if a is None:
            return None
        i = self.sentence_index[a].get(sentence)
        return None if i is None else (a, i)


def _evidence(story: Story, members: list[tuple[int, int]]) -> list[Evidence]:
    seen: set[tuple[int, int]] = set()
    out = []
    for a, i in members:
        if (a, i) in seen:
            continue
        seen.add((a, i))
        out.append(Evidence(article=story.articles[a].id, sentence=story.articles[a].sentences[i]))
    return out


def make_side(story: Story, value: str, members: list[tuple[int, int]]) -> Side:
    arts = list(dict.fromkeys(story.articles[a].id for a, _ in members))
    return Side(value=value, articles=arts, evidence=_evidence(story, members))
