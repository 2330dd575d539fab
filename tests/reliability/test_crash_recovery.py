"""kill -9 at several points of a run, then one re-run: the store equals a
clean run's (articles, memberships, sizes, views), on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from crash_runs import run_cli, snapshot

pytestmark = pytest.mark.slow

#: Small batches so the examples corpus (39 articles) spans three of them and
#: a kill can land inside a batch, between batches and during the analysis.
BATCH = "16"
CRASH_POINTS = ["article:5", "article:20", "batch:1", "story:2"]


def _run(db: str, examples: Path, crash_at: str | None = None) -> None:
    if crash_at:
        run_cli("analyze", str(examples), "--db", db, "-q", "--batch-size", BATCH, crash_at=crash_at)
    proc = run_cli("analyze", str(examples), "--db", db, "-q", "--batch-size", BATCH)
    assert proc.returncode == 0, proc.stderr[-2000:]


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> dict[str, Any]:
    db = str(tmp_path_factory.mktemp("clean") / "clean.db")
    _run(db, examples_dir)
    snap = snapshot(db)
    assert snap["pending"] == [] and all(e["view"] for e in snap["events"].values())
    return snap


def _same(got: dict[str, Any], want: dict[str, Any]) -> None:
    assert got["articles"] == want["articles"]
    assert set(got["events"]) == set(want["events"])  # memberships
    for members, ev in want["events"].items():
        assert got["events"][members]["size"] == ev["size"] == len(members), members
        assert got["events"][members]["storyline"] == ev["storyline"], members
        assert got["events"][members]["view"] == ev["view"], members
    assert got["pending"] == [] and got["count_events"] == want["count_events"]


@pytest.mark.parametrize("crash_at", CRASH_POINTS)
def test_kill_then_rerun_equals_a_clean_run_sqlite(
    tmp_path: Path, examples_dir: Path, clean: dict[str, Any], crash_at: str
) -> None:
    db = str(tmp_path / "s.db")
    _run(db, examples_dir, crash_at)
    _same(snapshot(db), clean)
    check = run_cli("check", "--db", db)
    assert check.returncode == 0 and "consistent" in check.stderr and "0 pending" in check.stderr


def test_analysis_killed_is_left_pending_and_check_finishes_it(tmp_path: Path, examples_dir: Path,
                                                               clean: dict[str, Any]) -> None:  # fmt: skip
    db = str(tmp_path / "s.db")
    run_cli("analyze", str(examples_dir), "--db", db, "-q", "--batch-size", BATCH, crash_at="story:1")
    left = snapshot(db)
    assert left["pending"] and any(e["view"] is None for e in left["events"].values())
    fixed = run_cli("check", "--db", db, "--fix")
    assert fixed.returncode == 0, fixed.stderr
    _same(snapshot(db), clean)


@pytest.mark.postgres
@pytest.mark.parametrize("crash_at", ["article:20", "story:2"])
def test_kill_then_rerun_equals_a_clean_run_postgres(
    pg_url: str, examples_dir: Path, clean: dict[str, Any], crash_at: str
) -> None:
    _run(pg_url, examples_dir, crash_at)
    _same(snapshot(pg_url), clean)
