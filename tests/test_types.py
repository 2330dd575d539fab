"""The JSON contract of the records: ``to_json`` is ``dataclasses.asdict`` with ``from_`` renamed."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from storyline.types import (
    ArticleFacts,
    Discrepancy,
    Entity,
    Evidence,
    Passage,
    Quantity,
    Relation,
    Side,
    StoryAnalysis,
    TimelineEntry,
    to_json,
)


def _reference(value: Any) -> Any:
    if isinstance(value, dict):
        return {("from" if k == "from_" else k): _reference(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_reference(v) for v in value]
    return value


def test_to_json_equals_asdict_with_from_renamed() -> None:
    view = StoryAnalysis(
        relations=[Relation("a", "b", "rewrite", 0.7, False, [Passage((0, 2), (1, 3), "paraphrase", "x", "y", 0.8)])],
        original_share={"a": 0.5},
        unique_sentences={"a": ["s"]},
        entities=[Entity("per:x", "X", "PER", {"a": ["X", "Mr X"]})],
        quantities=[Quantity(3.0, None, "morts", "3", "a", low=2.0, approx=True)],
        timeline=[TimelineEntry("2024-06", "t", ["a", "b"], 4)],
        discrepancies=[Discrepancy("number", "n", [Side("3", ["a"], [Evidence("a", "s")]), Side("4", ["b"])], 0.5)],
        unique_claims={"b": []},
    )
    got = to_json(view)
    assert got == _reference(asdict(view))
    assert got["relations"][0]["from"] == "a" and "from_" not in got["relations"][0]
    assert got["relations"][0]["passages"][0]["from_span"] == [0, 2]  # (tuples become lists)
    facts = ArticleFacts("a", "v", [[("X", "PER", 0, 1)]], [])
    assert to_json(facts) == {"article_id": "a", "version": "v", "mentions": [[["X", "PER", 0, 1]]], "quantities": []}
    assert to_json([facts]) == [to_json(facts)]
