from __future__ import annotations

import io
import json
from pathlib import Path

from storyline.ingest import decode_bytes, read_inputs
from storyline.types import InputProblem, RawDocument


def _split(items: list) -> tuple[list[RawDocument], list[InputProblem]]:
    return [i for i in items if isinstance(i, RawDocument)], [i for i in items if isinstance(i, InputProblem)]


def test_directory_recursive_sorted_and_formats(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Title\n\nBody line one.\n", encoding="utf-8")
    (tmp_path / "sub" / "a.html").write_text("<html><body><p>Hello</p></body></html>", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / "gold.json").write_text("{}", encoding="utf-8")
    docs, probs = _split(list(read_inputs([tmp_path])))
    assert not probs
    assert [d.source_id for d in docs] == ["b.txt", "a.html"]
    assert docs[0].text and docs[1].html


def test_jsonl_fields_unknown_keys_and_broken_lines(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "x1", "text": "Some text here.", "title": "T", "outlet": "O", "published": "2025-01-02",
                    "language": "fr", "section": "world"}),
        "{not json",
        json.dumps({"id": "x2", "html": "<p>hi</p>"}),
        json.dumps({"id": "x3"}),
        json.dumps([1, 2]),
        "",
    ]
    f.write_text("\n".join(lines), encoding="utf-8")
    docs, probs = _split(list(read_inputs([f])))
    assert [d.source_id for d in docs] == ["x1", "x2"]
    assert docs[0].metadata == {"section": "world"} and docs[0].language == "fr" and docs[0].outlet == "O"
    assert docs[1].html == "<p>hi</p>" and docs[1].text is None
    assert [p.origin.rsplit(":", 1)[1] for p in probs] == ["2", "4", "5"]
    assert "line 2" in probs[0].reason


def test_bad_files_each_get_one_reason(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "latin1.txt").write_bytes("Élysée: la réunion a eu lieu à Paris.".encode("latin-1"))
    (tmp_path / "ok.txt").write_text("Fine text.", encoding="utf-8")
    docs, probs = _split(list(read_inputs([tmp_path, tmp_path / "missing.txt"])))
    reasons = {Path(p.origin).name: p.reason for p in probs}
    assert reasons["empty.txt"] == "empty input" and reasons["blank.txt"] == "empty input"
    assert "binary" in reasons["binary.txt"]
    assert "no such file" in reasons["missing.txt"]
    latin = next(d for d in docs if d.source_id == "latin1.txt")
    assert latin.text is not None and latin.text.startswith("Élysée")


def test_oversize_file_rejected_without_reading(tmp_path: Path, monkeypatch) -> None:
    import storyline.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_INPUT_BYTES", 1000)
    (tmp_path / "big.txt").write_bytes(b"a" * 5000)
    _, probs = _split(list(ingest.read_inputs([tmp_path / "big.txt"])))
    assert len(probs) == 1 and "too large" in probs[0].reason


def test_stdin_text_and_jsonl() -> None:
    docs, _ = _split(list(read_inputs(["-"], stdin=io.BytesIO(b"Plain text article."))))
    assert docs[0].source_id == "stdin" and docs[0].text == "Plain text article."
    payload = (json.dumps({"id": "s1", "text": "A"}) + "\n" + json.dumps({"id": "s2", "text": "B"})).encode()
    docs, _ = _split(list(read_inputs(["-"], stdin=io.BytesIO(payload))))
    assert [d.source_id for d in docs] == ["s1", "s2"]


def test_decode_utf8_bom_and_cp1252() -> None:
    assert decode_bytes("\ufeffcafé".encode()) == "café"
    assert decode_bytes("l’été".encode("cp1252")) == "l’été"


def test_bytes_in_a_legacy_charset_are_detected(tmp_path: Path) -> None:
    text = (
        "Президент заявил во вторник, что переговоры о перемирии продолжатся в пятницу в Женеве. "
        "По его словам, делегации уже согласовали повестку дня и список участников встречи.\n"
    ) * 3
    f = tmp_path / "ru.txt"
    f.write_bytes(text.encode("cp1251"))
    [doc] = list(read_inputs([f]))
    assert isinstance(doc, RawDocument)
    assert doc.text == text and doc.charset == "cp1251"
    assert decode_bytes("Déjà vu".encode()) == "Déjà vu"


def test_jsonl_title_only_and_feed_records(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    f.write_text(
        "\n".join(
            json.dumps(r)
            for r in (
                {"id": "h1", "title": "Port strike enters third day"},
                {"title": "Dockers walk out", "description": "The terminals closed at noon."},
                {"link": "https://example.com/only-a-link"},
            )
        ),
        encoding="utf-8",
    )
    docs, probs = _split(list(read_inputs([f])))
    assert [d.source_id for d in docs] == ["h1", "feed.jsonl:2"]
    assert docs[1].description == "The terminals closed at noon." and docs[1].structured
    [prob] = probs
    assert prob.origin.endswith(":3") and "does not fetch pages" in prob.reason
