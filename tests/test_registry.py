"""The map is true: the registry, the orchestrator, the stage modules and the docs agree."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from storyline import registry
from storyline.registry import STAGES, markdown_table

REPO = Path(__file__).resolve().parents[1]


def test_architecture_doc_stage_table_is_the_registry() -> None:
    doc = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- stages:begin -->\n(.*?)\n<!-- stages:end -->", doc, re.S)
    assert m is not None, "docs/architecture.md lost its stage table markers"
    assert m.group(1).strip() == markdown_table(), "run `storyline stages --markdown` and paste it into the doc"


def test_each_stage_module_opens_with_its_number_and_name() -> None:
    for i, stage in enumerate(STAGES, start=1):
        module = importlib.import_module(stage.run.__module__)
        doc = (module.__doc__ or "").lstrip()
        assert doc.startswith(f"Stage {i}, {stage.name}:"), (stage.name, doc[:60])


def test_scopes_and_states_are_the_ones_the_orchestrator_knows() -> None:
    from storyline.pipeline import RunState

    fields = set(RunState.__dataclass_fields__)
    for stage in STAGES:
        assert stage.scope in registry.SCOPES
        assert stage.state is None or stage.state in fields, stage


@pytest.mark.slow
def test_a_run_walks_every_stage_of_the_registry(tmp_path: Path) -> None:
    from storyline.pipeline import analyze

    page = tmp_path / "a.txt"
    page.write_text(
        "Dockers strike in Lisbon\n\nDockers at the port of Lisbon walked out on Tuesday over pay, closing the "
        "container terminals for the second time this month, the union said in a statement.\n",
        encoding="utf-8",
    )
    res = analyze([page], db=tmp_path / "r.db")
    assert not res.problems and len(res.added) == 1
    assert {s.name for s in STAGES} <= set(res.timings), sorted(res.timings)
