"""The discrepancy detectors' registry: one signature, built-ins and plugins alike."""

from __future__ import annotations

from storyline.analysis.discrepancies import DetectContext, detector, detectors, find_discrepancies, registry
from storyline.nlp.encoder import get_encoder
from storyline.types import Article, Discrepancy, Side

BUILTIN = ["place", "near_place", "number", "date", "agent", "perpetrator", "claim_disputed", "reversal"]


def test_builtins_are_registered_in_their_run_order() -> None:
    assert [name for name, _ in detectors()][: len(BUILTIN)] == BUILTIN


def test_a_plugin_detector_runs_after_the_builtins_and_sees_what_they_found() -> None:
    seen: list[list[str]] = []

    @detector("test_plugin")
    def outlet_names(ctx: DetectContext) -> list[Discrepancy]:
        seen.append([d.kind for d in ctx.found])
        titles = sorted({a.title or "" for a in ctx.story.articles})
        return [Discrepancy(kind="title", about="headline", sides=[Side(value=t, articles=[]) for t in titles])]

    try:
        assert [name for name, _ in detectors()][-1] == "test_plugin"
        arts = [
            Article(id="a", source_id="a", text="Une phrase.", title="A", sentences=["Une phrase."]),
            Article(id="b", source_id="b", text="Une autre.", title="B", sentences=["Une autre."]),
        ]
        import numpy as np

        vecs = {a.id: np.eye(1, 512, k, dtype=np.float32) for k, a in enumerate(arts)}
        found = find_discrepancies(arts, vecs, quantities=[], quotes=[], entities=[], claims=[], mentions={}, encoder=get_encoder())
        assert found[-1].kind == "title" and [s.value for s in found[-1].sides] == ["A", "B"]
        assert seen == [[d.kind for d in found[:-1]]]
    finally:
        del registry._DETECTORS["test_plugin"]
