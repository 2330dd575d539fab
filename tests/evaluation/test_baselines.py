from __future__ import annotations

import numpy as np
import pytest

from storyline.evaluation.baselines import THRESHOLDS, cluster_at, represent, tune_threshold


def test_threshold_tuned_on_training_part_transfers_to_other_texts() -> None:
    train = ["earthquake chile magnitude", "chile earthquake magnitude tsunami", "rehab actress clinic",
             "actress rehab clinic stay"]  # fmt: skip
    tuned = tune_threshold("tfidf", represent("tfidf", train, []), ["q", "q", "r", "r"])
    assert tuned.train_f1 == 1.0 and tuned.threshold in THRESHOLDS
    test = ["storm flood river", "river flood storm damage", "election vote result", "vote election count"]
    labels = cluster_at(represent("tfidf", test, []), tuned.threshold)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]


def test_char_tfidf_matches_inflected_words_and_unknown_names_fail() -> None:
    m = represent("tfidf_char", ["earthquakes hit", "earthquake hits", "budget vote"], [])
    sims = m @ m.T
    assert sims[0, 1] > sims[0, 2]
    assert np.allclose(np.linalg.norm(m, axis=1), 1.0)
    with pytest.raises(ValueError):
        represent("nope", ["a"], [])
    assert cluster_at(np.ones((1, 3)), 0.5) == [1]
