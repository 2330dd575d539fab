from __future__ import annotations

import numpy as np
import pytest

from storyline.clustering.features import ArticleFeatures
from storyline.clustering.online import OnlineClusterer
from storyline.clustering.reversal import earlier_positions
from storyline.nlp.encoder import get_encoder
from storyline.nlp.sentences import split_sentences
from storyline.types import Article


def _feat(i: int, vec: np.ndarray) -> ArticleFeatures:
    # Same protagonists, words and numbers: one event for the scorer.
    return ArticleFeatures(
        id=f"a{i}",
        vector=vec / np.linalg.norm(vec),
        entities={"ruritania": 3, "borduria": 2},
        words={"soldier": 3, "ministry": 2, "deploy": 2},
        numbers=frozenset({"1200"}),
        years=frozenset({2025}),
    )


def test_split_moves_members_to_a_new_event_of_the_same_storyline() -> None:
    rng = np.random.default_rng(3)
    base = rng.normal(size=512).astype(np.float32)
    items = [_feat(i, base + 0.01 * rng.normal(size=512).astype(np.float32)) for i in range(4)]
    cl = OnlineClusterer()
    asg = cl.assign(items)
    assert len({a.event_id for a in asg}) == 1
    old = asg[0].event_id
    new = cl.split(old, items[3:])
    sizes = {e.id: e.n for e in cl.events}
    assert sizes == {old: 3, new: 1}
    assert {e.storyline_id for e in cl.events} == {asg[0].storyline_id}
    assert cl.splits == ((old, new),)
    with pytest.raises(ValueError):
        cl.split(old, items[:3])  # would empty the event


def _article(i: int, text: str) -> Article:
    return Article(id=f"r{i}", source_id=f"r{i}", text=text, language="en", sentences=split_sentences(text))


@pytest.mark.slow
def test_denial_later_confirmed_for_the_first_time_is_an_earlier_position() -> None:
    texts = [
        "The defence ministry of Ruritania denied on Tuesday that its soldiers had been sent to Borduria. "
        "A spokesman called the reports fabricated.",
        "The defence ministry of Ruritania confirmed for the first time that its soldiers had been sent to "
        "Borduria. The minister praised their courage.",
        "Ruritania's defence ministry confirmed for the first time on Monday that its soldiers had been sent "
        "to Borduria, state media said.",
    ]
    arts = [_article(i, t) for i, t in enumerate(texts)]
    enc = get_encoder()
    vecs = {a.id: enc.encode(a.sentences) for a in arts}
    assert earlier_positions(arts, vecs) == {"r0"}
    # Without the denial nothing is split.
    assert earlier_positions(arts[1:] + [arts[2]], vecs) == set()
