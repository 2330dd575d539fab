"""How much two articles tell the same story, in [0, 1] (``storyline.similarity``).

The score is a linear read-out of the article-pair features of
:mod:`storyline.clustering.model` (embedding cosine with the cross-lingual
shift, entity, protagonist, content-word and number overlaps), fitted by
ridge regression on SemEval-2022 Task 8 dev pairs to the human "Overall"
judgement rescaled to [0, 1] (1 = same story, 0 = unrelated), and clipped.
Measured with ``storyline eval similarity``: Pearson 0.726 in sample, 0.721
in 5-fold cross-validation over pairs (the raw cosine alone: 0.696).  The
issue's target of 0.80 is not reached: the USE embedding caps it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from storyline.clustering.features import ArticleFeatures
from storyline.clustering.model import FEATURE_NAMES, pair_features, profile_of

__all__ = ["similarity", "similarities", "pair_similarity", "SIMILARITY_WEIGHTS"]

#: Ridge regression (alpha 1.0) weights, fitted on the 1,283 SemEval-2022
#: Task 8 dev pairs (all language pairs) with target (4 - Overall) / 3, over
#: features averaged over both directions (so the score is symmetric):
#: "entities" is the mean of entities_ab and entities_ba, and so on.
#: Adding the year and month features gains 0.001 in cross-validation, so
#: they are left out.
SIMILARITY_WEIGHTS: dict[str, float] = {
    "cosine": 0.946,
    "entities_ab": -0.066,
    "top_ab": 0.275,
    "words_ab": -0.034,
    "numbers_overlap": 0.169,
    "numbers_both": -0.029,
}
SIMILARITY_INTERCEPT = -0.047

_INDEX = [FEATURE_NAMES.index(name) for name in SIMILARITY_WEIGHTS]
_COEF = np.array(list(SIMILARITY_WEIGHTS.values()), dtype=np.float64)


def pair_similarity(a: ArticleFeatures, b: ArticleFeatures) -> float:
    """Similarity of two featurised articles (symmetric)."""
    pa, pb = profile_of(a), profile_of(b)
    both = 0.5 * (pair_features(pa, pb) + pair_features(pb, pa))
    return float(np.clip(both[_INDEX] @ _COEF + SIMILARITY_INTERCEPT, 0.0, 1.0))


def similarities(
    pairs: Sequence[tuple[str, str]],
    *,
    languages: Sequence[tuple[str | None, str | None]] | None = None,
) -> list[float]:
    """Similarity of each ``(text_a, text_b)`` pair; texts are embedded in one batch.

    ``languages`` gives ISO codes per pair when known; otherwise they are
    identified (the cosine is corrected for cross-lingual pairs).
    """
    from storyline.clustering.prepare import features_from_texts
    from storyline.language import identify

    if languages is not None and len(languages) != len(pairs):
        raise ValueError(f"languages has {len(languages)} entries for {len(pairs)} pairs")
    texts: list[str] = []
    langs: list[str | None] = []
    for k, pair in enumerate(pairs):
        if len(pair) != 2 or not all(isinstance(t, str) for t in pair):
            raise TypeError(f"pair {k}: expected two strings")
        for j, text in enumerate(pair):
            texts.append(text)
            given = languages[k][j] if languages is not None else None
            langs.append(given or identify(text)[0])
    items = features_from_texts(texts, languages=langs)
    out = []
    for k in range(len(pairs)):
        a, b = items[2 * k], items[2 * k + 1]
        if not pairs[k][0].strip() or not pairs[k][1].strip():
            out.append(0.0)  # nothing to compare
        else:
            out.append(pair_similarity(a, b))
    return out


def similarity(text_a: str, text_b: str) -> float:
    """How much ``text_a`` and ``text_b`` tell the same story: 1 same story, 0 unrelated."""
    return similarities([(text_a, text_b)])[0]
