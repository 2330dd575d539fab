"""Hostile records: each is rejected with a one-line reason or stored cleaned,
and the good records of the same run are all stored."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_corpus import CASES, GOOD_TEXT, good_lines, hostile_lines

from storyline.ingest import read_inputs
from storyline.limits import MAX_TITLE_CHARS, check_document
from storyline.types import InputProblem, RawDocument
from storyline.web.api import BadBody, parse_articles_body

REPO = Path(__file__).resolve().parents[2]


def _read(lines: list[str], tmp_path: Path) -> list[RawDocument | InputProblem]:
    f = tmp_path / "mixed.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out: list[RawDocument | InputProblem] = []
    for item in read_inputs([f]):
        out.append(item if isinstance(item, InputProblem) else check_document(item))
    return out


def test_every_hostile_record_has_its_outcome_and_good_ones_pass(tmp_path: Path) -> None:
    # Good records interleaved with hostile ones: line k+1 is hostile case k.
    lines: list[str] = []
    for good, case in zip(good_lines(len(CASES)), CASES, strict=True):
        lines += [good, case.line]
    items = _read(lines, tmp_path)
    by_line: dict[int, RawDocument | InputProblem] = {}
    for it in items:
        by_line[int(it.origin.rsplit(":", 1)[1])] = it
    assert len(by_line) == len(items) == len(lines)
    for k, case in enumerate(CASES):
        good, hostile = by_line[2 * k + 1], by_line[2 * k + 2]
        assert isinstance(good, RawDocument), (case.name, good)
        if case.outcome == "reject":
            assert isinstance(hostile, InputProblem), case.name
            assert case.expect in hostile.reason, (case.name, hostile.reason)
            assert "\n" not in hostile.reason and len(hostile.reason) < 300, case.name
            assert "{'" not in hostile.reason  # a type is named, never a Python repr
        else:
            assert isinstance(hostile, RawDocument), (case.name, hostile)
            assert case.expect in (hostile.text or ""), case.name
            for value in (hostile.text, hostile.title, hostile.outlet, json.dumps(hostile.metadata)):
                assert "\x00" not in (value or "") and "\\u0000" not in (value or "")
                (value or "").encode("utf-8")  # no lone surrogate left: this raises on one


def test_line_separators_stay_inside_records_and_lines_count_newlines(tmp_path: Path) -> None:
    sep = json.dumps({"id": "a", "text": "One\u2028two\u0085three\u2029four."}, ensure_ascii=False)
    items = _read([sep, json.dumps({"id": "b", "text": "Second record."})], tmp_path)
    assert [type(i).__name__ for i in items] == ["RawDocument", "RawDocument"]
    assert [i.origin.rsplit(":", 1)[1] for i in items] == ["1", "2"]
    assert isinstance(items[0], RawDocument) and items[0].text is not None and "\u0085" in items[0].text


def test_huge_title_is_cut_with_a_warning(tmp_path: Path) -> None:
    items = _read([json.dumps({"id": "t", "title": "Harbour " * 100_000, "text": GOOD_TEXT})], tmp_path)
    doc = items[0]
    assert isinstance(doc, RawDocument) and doc.title is not None
    assert len(doc.title) <= MAX_TITLE_CHARS and doc.title.endswith("…")
    assert doc.metadata["title_cut_from"] == len(("Harbour " * 100_000).strip())


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_text_with_a_byte_order_mark_is_decoded(tmp_path: Path, encoding: str) -> None:
    body = "Pier closes in Valmont\n\n" + GOOD_TEXT
    data = body.encode(encoding)
    if not encoding.endswith(("16", "32")):  # the -be codecs write no mark: add it
        data = "\ufeff".encode(encoding) + data
    f = tmp_path / "page.txt"
    f.write_bytes(data)
    (doc,) = list(read_inputs([f]))
    assert isinstance(doc, RawDocument) and doc.text == body


def test_api_body_nested_deep_is_a_clear_refusal() -> None:
    for depth in (1000, 100_000):
        with pytest.raises(BadBody, match="deep"):
            parse_articles_body(("[" * depth + "]" * depth).encode())
        with pytest.raises(BadBody, match="deep"):
            parse_articles_body(('{"text": "x", "m": ' + "[" * depth + "]" * depth + "}").encode())


def test_api_body_jsonl_with_line_separators() -> None:
    body = "\n".join(
        json.dumps({"id": f"r{i}", "text": f"Line\u2028{i} of a record."}, ensure_ascii=False) for i in range(3)
    ).encode("utf-8")
    docs = parse_articles_body(body)
    assert [d.source_id for d in docs] == ["r0", "r1", "r2"]
    with pytest.raises(BadBody, match="line 4"):
        parse_articles_body(body + b"\n{broken\n")


def test_stdin_jsonl_with_hostile_lines_keeps_going() -> None:
    data = "\n".join([*good_lines(3), *hostile_lines()]).encode("utf-8")
    items = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert sum(isinstance(i, RawDocument) for i in items[:3]) == 3
    assert len(items) == 3 + len(CASES)


def _stored(db: Path) -> dict[str, tuple[str, str | None, str | None]]:
    con = sqlite3.connect(db)
    try:
        return {sid: (text, title, outlet) for sid, text, title, outlet in
                con.execute("SELECT source_id, text, title, outlet FROM articles")}  # fmt: skip
    finally:
        con.close()


@pytest.mark.slow
def test_cli_run_with_hostile_records_stores_every_good_article(tmp_path: Path, examples_dir: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for f in sorted(examples_dir.glob("0*")):
        (corpus / f.name).write_bytes(f.read_bytes())
    (corpus / "feed.jsonl").write_bytes((examples_dir / "feed.jsonl").read_bytes())
    (corpus / "hostile.jsonl").write_text("\n".join(hostile_lines()) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.run([sys.executable, "-m", "storyline", "analyze", str(corpus), "--db", str(db), "-q"],
                          capture_output=True, text=True, env=env, timeout=900)  # fmt: skip
    assert proc.returncode == 3, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    rejected = [ln for ln in proc.stderr.splitlines() if ln.startswith("rejected ")]
    assert len(rejected) == sum(c.outcome == "reject" for c in CASES)
    stored = _stored(db)
    n_good = len(list(examples_dir.glob("0*"))) + sum(1 for ln in (examples_dir / "feed.jsonl").open() if ln.strip())
    assert len(stored) == n_good + sum(c.outcome == "store" for c in CASES)
    for case in CASES:
        if case.outcome == "store":
            hits = [v for v in stored.values() if case.expect in v[0]]
            assert hits, case.name
            assert all("\x00" not in (x or "") for v in hits for x in v)
