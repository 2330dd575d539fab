"""Tests of storyline.clustering.similarity (named apart from tests/evaluation/test_similarity.py:
the test tree has no packages, so basenames must be unique)."""

from __future__ import annotations

import pytest

from storyline.clustering.similarity import similarities, similarity

FR = ("La Corée du Nord confirme avoir envoyé des soldats combattre aux côtés de la Russie dans la région de "
      "Koursk. Vladimir Poutine a remercié Kim Jong-un pour ce soutien militaire.")  # fmt: skip
DE = ("Nordkorea bestätigt, Soldaten an der Seite Russlands in der Region Kursk eingesetzt zu haben. "
      "Wladimir Putin dankte Kim Jong Un für diese militärische Unterstützung.")  # fmt: skip
OTHER = ("The city council approved a new budget for public libraries on Tuesday, adding two branches "
         "and longer opening hours in the northern districts.")  # fmt: skip


@pytest.mark.slow
def test_translation_is_more_similar_than_unrelated_text() -> None:
    same = similarity(FR, DE)
    unrelated = similarity(FR, OTHER)
    assert 0.0 <= unrelated < same <= 1.0
    assert same > 0.5 and unrelated < 0.35


@pytest.mark.slow
def test_batched_matches_single_and_empty_text_scores_zero() -> None:
    batch = similarities([(FR, DE), (FR, ""), (DE, FR)], languages=[("fr", "de"), ("fr", None), ("de", "fr")])
    assert batch[1] == 0.0
    assert abs(batch[0] - batch[2]) < 1e-6  # symmetric


def test_bad_input_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="two strings"):
        similarities([("a", None)])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="languages"):
        similarities([("a", "b")], languages=[])


def test_headline_cross_falls_back_to_the_article_vector() -> None:
    import numpy as np

    from storyline.clustering.features import ArticleFeatures
    from storyline.clustering.similarity import SIMILARITY_FEATURES, similarity_features

    e1, e2 = np.eye(512, dtype=np.float32)[:2]
    a = ArticleFeatures(id="a", vector=e1, headline=e2)
    b = ArticleFeatures(id="b", vector=e2)  # no headline: its own vector stands in
    feats = dict(zip(SIMILARITY_FEATURES, similarity_features(a, b), strict=True))
    assert feats["headline_cross"] == 1.0  # a's headline is b's whole vector
    assert feats["cosine"] < 0.1
    b.headline = e1 * -1
    assert dict(zip(SIMILARITY_FEATURES, similarity_features(a, b), strict=True))["headline_cross"] == 1.0
