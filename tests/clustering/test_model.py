from __future__ import annotations

import numpy as np

from storyline.clustering.features import ArticleFeatures
from storyline.clustering.model import (
    FEATURE_NAMES,
    MERGE_WEIGHTS,
    WEIGHTS,
    pair_features,
    pair_probability,
    profile_of,
    profile_of_many,
    time_gap_days,
)
from storyline.nlp.encoder import DIM


def unit(*coords: tuple[int, float]) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    for i, x in coords:
        v[i] = x
    return v / np.linalg.norm(v)


def art(aid: str, vec: np.ndarray, ents: dict[str, int] | None = None, **kw: object) -> ArticleFeatures:
    return ArticleFeatures(id=aid, vector=vec, entities=ents or {}, **kw)  # type: ignore[arg-type]


def test_weights_match_features() -> None:
    assert len(WEIGHTS) == len(MERGE_WEIGHTS) == len(FEATURE_NAMES)


def test_entity_overlap_features() -> None:
    a = profile_of(art("a", unit((0, 1.0)), {"lohan": 3, "beti ford": 1}))
    b = profile_of_many([art("b", unit((0, 1.0)), {"lohan": 1}), art("c", unit((0, 1.0)), {"reid": 1})])
    f = dict(zip(FEATURE_NAMES, pair_features(a, b), strict=True))
    assert f["cosine"] > 0.99
    # a's mass: lohan 3 of 4, typical of half of b's articles -> 3/4 * 1/2
    assert abs(f["entities_ab"] - 0.375) < 1e-9
    assert f["top_ab"] > 0


def test_probability_rises_with_shared_entities_and_cosine() -> None:
    base = art("a", unit((0, 1.0), (1, 0.3)), {"lohan": 2, "beti ford": 1})
    same = art("b", unit((0, 1.0), (1, 0.35)), {"lohan": 1, "beti ford": 1})
    other = art("c", unit((0, 1.0), (1, 0.35)), {"reid": 2, "promises": 1})
    far = art("d", unit((2, 1.0)), {"lohan": 1, "beti ford": 1})
    p_same = pair_probability(profile_of(base), profile_of(same))
    assert p_same > pair_probability(profile_of(base), profile_of(other))
    assert p_same > pair_probability(profile_of(base), profile_of(far))


def test_publication_gap_lowers_probability() -> None:
    v = unit((0, 1.0))
    a = art("a", v, {"kremlin": 1}, day=738000)
    b_near = art("b", v, {"kremlin": 1}, day=738001)
    b_far = art("c", v, {"kremlin": 1}, day=738000 + 180)
    assert time_gap_days(profile_of(a), profile_of(b_far)) == 180
    assert pair_probability(profile_of(a), profile_of(b_near)) > pair_probability(
        profile_of(a), profile_of(b_far)
    )


def test_brevity_runs_from_headline_to_full_article() -> None:
    from storyline.clustering.model import BRIEF_TOKENS, FULL_TOKENS, brevity

    assert brevity(0) == brevity(BRIEF_TOKENS) == 1.0
    assert brevity(FULL_TOKENS) == brevity(10 * FULL_TOKENS) == 0.0
    mid = [brevity(t) for t in (20, 40, 80, 120)]
    assert mid == sorted(mid, reverse=True) and all(0.0 < m < 1.0 for m in mid)
