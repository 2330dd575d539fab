"""Agglomerative baselines whose threshold is tuned on a training part only.

A baseline is a representation (TF-IDF of words, TF-IDF of character
n-grams, or the USE vectors the clusterer itself reads) clustered by
average-linkage agglomeration over cosine distance, cut at one distance
threshold.  :func:`tune_threshold` picks the cut that maximises B-cubed F1 on
labelled training articles; :func:`cluster_at` applies it unchanged to other
articles.  Nothing of the held-out part is seen when the threshold is chosen,
so the baseline is measured under the same rules as the clusterer.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from storyline.clustering.features import ArticleFeatures
from storyline.evaluation.clustering import bcubed

__all__ = ["BASELINES", "THRESHOLDS", "Baseline", "represent", "cluster_at", "tune_threshold"]

#: Cosine-distance cuts tried when tuning (0.05 .. 0.99 in steps of 0.02):
#: USE cosines of one event's articles run higher than TF-IDF cosines, so the
#: grid covers both scales.
THRESHOLDS = tuple(round(0.05 + 0.02 * i, 2) for i in range(48))
#: Baselines reported beside the clusterer: word TF-IDF (the classic), character
#: TF-IDF (the strong one on headlines, where words rarely repeat exactly) and
#: the clusterer's own embedding alone.
BASELINES = ("tfidf", "tfidf_char", "use_cosine")


@dataclass(frozen=True, slots=True)
class Baseline:
    """A tuned baseline: its threshold and its training B-cubed F1."""
    name: str
    threshold: float
    train_f1: float


def represent(name: str, texts: Sequence[str], items: Sequence[ArticleFeatures]) -> np.ndarray:
    """Row-normalised dense matrix of the articles for baseline ``name``.

    TF-IDF vocabularies and document frequencies come from ``texts`` alone
    (unsupervised: no label is read), as a user running the baseline on the
    new articles would get.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    if name == "use_cosine":
        return np.vstack([it.vector for it in items]).astype(np.float64)
    if name == "tfidf":
        vec = TfidfVectorizer(sublinear_tf=True, max_df=0.5, min_df=1)
    elif name == "tfidf_char":
        vec = TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=(3, 5), min_df=1)
    else:
        raise ValueError(f"unknown baseline {name!r}")
    try:
        return np.asarray(vec.fit_transform(texts).toarray(), dtype=np.float64)
    except ValueError:  # an empty vocabulary (every text empty or stop words)
        return np.eye(len(texts))


def _tree(matrix: np.ndarray) -> np.ndarray:
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    dist = np.clip(1.0 - matrix @ matrix.T, 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    return np.asarray(linkage(squareform(dist, checks=False), method="average"))


def _cut(tree: np.ndarray, threshold: float) -> list[int]:
    from scipy.cluster.hierarchy import fcluster

    return [int(x) for x in fcluster(tree, t=threshold, criterion="distance")]


def cluster_at(matrix: np.ndarray, threshold: float) -> list[int]:
    """Average-linkage clusters of the rows of ``matrix`` cut at ``threshold``."""
    if len(matrix) < 2:
        return [1] * len(matrix)
    return _cut(_tree(matrix), threshold)


def tune_threshold(name: str, matrix: np.ndarray, gold: Sequence[Hashable]) -> Baseline:
    """The cut of THRESHOLDS with the best B-cubed F1 on ``gold``.

    Several cuts often tie (a plateau between the within-event and the
    between-event distances); the middle one of the best is taken, the cut
    that leaves the most room on both sides for articles not seen.
    """
    if len(matrix) < 2:
        raise ValueError("tuning a baseline needs at least two articles")
    tree = _tree(matrix)
    scores = [bcubed(_cut(tree, t), gold)[2] for t in THRESHOLDS]
    best = max(scores)
    ties = [t for t, f1 in zip(THRESHOLDS, scores, strict=True) if f1 >= best - 1e-12]
    return Baseline(name, ties[len(ties) // 2], best)
