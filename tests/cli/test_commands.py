"""The CLI end to end on the seeds, through Typer's runner (real models, real SQLite)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import EXIT_REJECTED, app
from storyline.cli import commands as _commands  # noqa: F401  (registers the commands)
from storyline.cli import evaluate as _evaluate  # noqa: F401
from storyline.cli import web as _web  # noqa: F401

runner = CliRunner()
CONTRACT_KEYS = {"id", "title", "storyline_id", "articles", "relations", "entities", "quotes", "quantities",
                 "timeline", "summary", "discrepancies"}


@pytest.fixture(scope="module")
def seeded_db(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "s.db"
    result = runner.invoke(app, ["analyze", str(seeds_dir), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.slow
def test_analyze_prints_stories_and_export_lists_all(seeded_db: Path) -> None:
    out = runner.invoke(app, ["stories", "--db", str(seeded_db), "--json"])
    assert out.exit_code == 0
    stories = json.loads(out.stdout)
    assert sorted(s["size"] for s in stories) == [1, 4]
    out = runner.invoke(app, ["export", "--db", str(seeded_db), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(rows) == 5 and all(r["event_id"] for r in rows)
    assert {r["source_id"][:3] for r in rows} == {"000", "001", "002", "003", "004"}
    out = runner.invoke(app, ["export", "--db", str(seeded_db), "--format", "jsonl"])
    recs = [json.loads(line) for line in out.stdout.splitlines()]
    assert {"id", "source_id", "event_id", "storyline_id", "language", "title", "outlet", "published"} <= set(recs[0])


@pytest.mark.slow
def test_show_json_contract(seeded_db: Path) -> None:
    stories = json.loads(runner.invoke(app, ["stories", "--db", str(seeded_db), "--json"]).stdout)
    big = max(stories, key=lambda s: s["size"])
    out = runner.invoke(app, ["show", str(big["id"]), "--db", str(seeded_db), "--json"])
    assert out.exit_code == 0, out.output
    view = json.loads(out.stdout)
    assert set(view) >= CONTRACT_KEYS
    assert len(view["articles"]) == 4
    assert {"id", "source_id", "title", "outlet", "language", "published"} <= set(view["articles"][0])
    text = runner.invoke(app, ["show", str(big["id"]), "--db", str(seeded_db)])
    assert text.exit_code == 0 and "sources" in text.stdout


def test_unknown_story_is_a_clear_error(tmp_path: Path) -> None:
    out = runner.invoke(app, ["show", "999", "--db", str(tmp_path / "empty.db")])
    assert out.exit_code == 1
    assert "no story with id 999" in " ".join(out.output.split())


def test_rejected_inputs_set_exit_code(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    out = runner.invoke(app, ["analyze", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "e.db")])
    assert out.exit_code == EXIT_REJECTED
    assert "empty input" in " ".join(out.output.split())  # rich may wrap the line


def test_export_rejects_unknown_format(tmp_path: Path) -> None:
    out = runner.invoke(app, ["export", "--db", str(tmp_path / "e.db"), "--format", "xml"])
    assert out.exit_code == 2 and "unknown format" in " ".join(out.output.split())


@pytest.mark.slow
def test_extract_json(seeds_dir: Path) -> None:
    f = sorted(seeds_dir.glob("*.txt"))[0]
    out = runner.invoke(app, ["extract", str(f), "--json"])
    assert out.exit_code == 0, out.output
    d = json.loads(out.stdout)
    assert {"title", "standfirst", "text", "authors", "agencies", "outlet", "published", "language", "lines"} <= set(d)
    assert d["language"] == "fr" and d["lines"][0]["n"] == 1


def test_extract_reports_charset_repairs_and_why_a_page_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    body = "Başkan, günlük hayatın çok değiştiğini söyledi ve yeni önlemler açıkladı. " * 3
    broken.write_bytes(("Başkan konuştu\n\n" + body).encode("utf-8").decode("cp1252", "replace").encode("utf-8"))
    out = runner.invoke(app, ["extract", str(broken), "--json"])
    assert out.exit_code == 0, out.output
    d = json.loads(out.stdout)
    assert d["charset"] == "utf-8" and d["repairs"] and d["repairs"][0].startswith("mojibake repaired")
    assert "günlük hayatın" in d["text"]
    urls = tmp_path / "urls.txt"
    urls.write_text("https://example.com/a\nhttps://example.com/b\n", encoding="utf-8")
    out = runner.invoke(app, ["extract", str(urls)])
    assert "does not fetch pages" in " ".join(out.output.split())
    out = runner.invoke(app, ["analyze", str(urls), "--db", str(tmp_path / "u.db"), "--no-analysis"])
    assert out.exit_code == EXIT_REJECTED and "a list of 2 URLs" in " ".join(out.output.split())


def test_eval_extraction_pile(tmp_path: Path) -> None:
    pile = tmp_path / "pile.jsonl"
    pile.write_text(json.dumps({"id": "h", "title": "Dockers strike in Lisbon"}) + "\n", encoding="utf-8")
    missing = str(tmp_path / "none")
    out = runner.invoke(app, ["eval", "extraction", "--benchmark", missing, "--seeds", missing, "--pile", str(pile), "--json"])
    assert out.exit_code == 0, out.output
    [result] = json.loads(out.stdout)["piles"]
    assert result["views"]["records"] == {**result["views"]["records"], "inputs": 1, "rejected": 0, "short": 1}
