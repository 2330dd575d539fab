"""Provenance graph layout."""

from __future__ import annotations

from typing import Any

from storyline.types import StoryView
from storyline.web.graph import NODE_WIDTH, provenance_graph
from storyline.web.present import story_model


def _view(relations: list[dict[str, Any]], n: int = 3) -> StoryView:
    arts = [
        {"id": f"a{i}", "source_id": f"s{i}", "outlet": f"Outlet {i}", "published": f"2025-01-0{i + 1}"}
        for i in range(n)
    ]
    return StoryView(id=1, title="t", storyline_id=1, articles=arts, relations=relations)


def _rel(a: str, b: str, kind: str = "wire_copy") -> dict[str, Any]:
    return {"from": a, "to": b, "kind": kind, "confidence": 0.9, "direction_certain": True, "passages": []}


def test_chain_goes_left_to_right() -> None:
    g = provenance_graph(story_model(_view([_rel("a0", "a1"), _rel("a1", "a2", "rewrite")])))
    xs = {n.article: n.x for n in g.nodes}
    assert xs["a0"] < xs["a1"] < xs["a2"]
    assert [(e.source, e.target, e.kind) for e in g.edges] == [(1, 2, "wire_copy"), (2, 3, "rewrite")]
    assert all(e.x1 < e.x2 for e in g.edges)
    assert [n.original for n in g.nodes] == [True, False, False]
    assert g.width >= 3 * NODE_WIDTH


def test_independent_pairs_are_not_drawn_and_unknown_ids_ignored() -> None:
    g = provenance_graph(story_model(_view([_rel("a0", "a1", "independent"), _rel("a0", "zz")])))
    assert g.edges == [] and len(g.nodes) == 3 and len({n.x for n in g.nodes}) == 1


def test_cycle_terminates_with_every_node_placed() -> None:
    g = provenance_graph(story_model(_view([_rel("a0", "a1"), _rel("a1", "a0")], n=2)))
    assert len(g.nodes) == 2 and len(g.edges) == 2
    assert len({(n.x, n.y) for n in g.nodes}) == 2  # no two boxes on top of each other


def test_long_labels_are_cut() -> None:
    view = _view([])
    view.articles[0]["outlet"] = "A" * 80
    g = provenance_graph(story_model(view))
    assert g.nodes[0].label.endswith("…") and len(g.nodes[0].label) <= 24
    assert "A" * 80 in g.nodes[0].tooltip
