"""The five French seed articles: two events (2025 confirmation, 2024 denial), one storyline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.clustering.online import OnlineClusterer
from storyline.clustering.prepare import features_from_texts


@pytest.mark.slow
def test_seeds_make_two_events_in_one_storyline(seeds_dir: Path) -> None:
    gold = json.loads((seeds_dir / "gold.json").read_text(encoding="utf-8"))
    names = sorted(gold["articles"])
    texts, published = [], []
    for name in names:
        ann = gold["articles"][name]
        lines = (seeds_dir / name).read_text(encoding="utf-8").split("\n")
        # The article's own lines (what extraction keeps), so this tests clustering alone.
        texts.append("\n".join(lines[i - 1] for i in sorted(ann["body"])))
        published.append(ann["published"][:10].strip(" ("))
    items = features_from_texts(texts, ids=names, languages=[gold["articles"][n]["language"] for n in names],
                                published=published)  # fmt: skip
    result = OnlineClusterer().assign(items)
    events: dict[int, set[str]] = {}
    for a in result:
        events.setdefault(a.event_id, set()).add(a.article_id)
    expected = [set(e["articles"]) for e in gold["events"].values()]
    assert sorted(events.values(), key=len) == sorted(expected, key=len)
    assert len({a.storyline_id for a in result}) == len(gold["storylines"]) == 1
