from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.evaluation.clustering import (
    baseline_tfidf,
    bcubed,
    evaluate,
    format_report,
    load_records,
    pairwise_f1,
)


def test_bcubed_hand_computed() -> None:
    # One gold cluster split 2+1: precision 1, recall (2/3 + 2/3 + 1/3) / 3.
    p, r, f1 = bcubed([1, 1, 2], ["a", "a", "a"])
    assert p == 1.0 and abs(r - 5 / 9) < 1e-12 and abs(f1 - 2 * p * r / (p + r)) < 1e-12
    assert bcubed(["x", "x", "y"], [1, 1, 2]) == (1.0, 1.0, 1.0)  # labels are arbitrary
    p, r, _ = bcubed([1, 1, 1, 1], ["a", "a", "b", "b"])
    assert p == 0.5 and r == 1.0


def test_pairwise_hand_computed() -> None:
    p, r, f1 = pairwise_f1([1, 1, 2, 2], ["a", "a", "a", "b"])
    assert p == 0.5 and abs(r - 1 / 3) < 1e-12 and abs(f1 - 0.4) < 1e-12


def test_metrics_reject_mismatched_lengths() -> None:
    with pytest.raises(ValueError):
        bcubed([1, 2], [1])


def test_load_records_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "x"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="event"):
        load_records(bad)
    bad.write_text("not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not JSON"):
        load_records(bad)
    bad.write_text(
        '{"id": 1, "text": "x", "event": "e"}\n{"id": 1, "text": "y", "event": "e"}\n', encoding="utf-8"
    )
    with pytest.raises(ValueError, match="duplicate"):
        load_records(bad)
    with pytest.raises(ValueError, match="no such file"):
        load_records(tmp_path / "missing.jsonl")


def test_baseline_separates_lexically_distinct_groups() -> None:
    texts = ["earthquake chile magnitude", "chile earthquake magnitude tsunami", "rehab actress clinic",
             "actress rehab clinic stay"]  # fmt: skip
    res = baseline_tfidf(texts, ["q", "q", "r", "r"])
    assert res["bcubed_f1"] == 1.0 and res["clusters"] == 2


@pytest.mark.slow
def test_ecbplus_gate(shared_data: Path, tmp_path: Path) -> None:
    """Event-level gate on every fourth ECB+ dev topic (173 articles, 16 events; the full
    file takes too long for the test budget).  Measured: B-cubed F1 0.945 (P 0.963)
    against a tuned baseline's 0.884; pinned with a small margin."""
    records = [
        json.loads(line) for line in (shared_data / "ecbplus-dev.jsonl").read_text().splitlines() if line
    ]
    subset = tmp_path / "ecb-subset.jsonl"
    subset.write_text("\n".join(json.dumps(r) for r in records if r["topic"] % 4 == 0), encoding="utf-8")
    result = evaluate(subset, robustness=False)
    assert result["events"]["bcubed_f1"] >= 0.92
    assert result["events"]["bcubed_f1"] > result["baseline"]["bcubed_f1"]
    assert result["events"]["bcubed_p"] >= 0.95
    assert "storylines" in result
    assert "B-cubed" in format_report(result)
