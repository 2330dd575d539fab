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
