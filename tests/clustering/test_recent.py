"""The clusterer's memory of recent articles: eviction, merges, re-assignment, pins."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.clustering.features import ArticleFeatures
from storyline.clustering.recent import RecentArticles
from storyline.nlp.encoder import DIM


def _item(aid: str) -> ArticleFeatures:
    return ArticleFeatures(id=aid, vector=np.ones(DIM, dtype=np.float32) / DIM**0.5)


def test_oldest_articles_are_forgotten_beyond_the_cap() -> None:
    recent = RecentArticles(2)
    for aid, ev in (("a", 1), ("b", 1), ("c", 2)):
        recent.remember(_item(aid), ev)
    assert list(recent) == ["a", "b", "c"]  # eviction waits for forget_oldest (end of a batch)
    recent.forget_oldest()
    assert list(recent) == ["b", "c"] and recent.event_of("a") is None
    with pytest.raises(KeyError):
        recent.event("a")


def test_merges_and_moves_follow_the_articles() -> None:
    recent = RecentArticles(10)
    recent.remember(_item("a"), 1)
    recent.remember(_item("b"), 2)
    recent.merged(kept=1, absorbed=2)
    assert (recent.event("a"), recent.event("b")) == (1, 1)
    recent.remember(_item("a"), 3)  # moved by the refine pass: now the newest
    assert list(recent) == ["b", "a"] and recent.event("a") == 3
    recent.merged(kept=4, absorbed=1)
    assert (recent.event("a"), recent.event("b")) == (3, 4)  # only 1's articles went to 4


def test_pins_last_until_eviction() -> None:
    recent = RecentArticles(1)
    recent.remember(_item("a"), 1, pin=True)
    assert recent.is_pinned("a")
    recent.remember(_item("b"), 1)
    recent.forget_oldest()
    assert not recent.is_pinned("a") and len(recent) == 1
    with pytest.raises(ValueError, match="recent"):
        RecentArticles(-1)
