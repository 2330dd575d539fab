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
def test_ecbplus_held_out_gate(shared_data: Path) -> None:
    """Held-out gate on every other ECB+ dev topic (~390 articles): 3 leave-topics-out folds,
    the scorer refitted on the training topics (full texts and first sentences, no SemEval:
    the gate stays quick), beside the TF-IDF baseline tuned on the same training topics.
    Measured: mean B-cubed F1 0.93, baseline 0.84; floors leave room for fold noise."""
    from storyline.clustering.prepare import features_from_texts
    from storyline.evaluation.crossval import Corpus, cross_validate, summarise
    from storyline.training.corpora import headline_of
    from storyline.training.scorer import fit_scorer

    records = [
        json.loads(line) for line in (shared_data / "ecbplus-dev.jsonl").read_text().splitlines() if line
    ]
    records = [r for r in records if r["topic"] % 2 == 0]
    ids = [str(r["id"]) for r in records]
    full = features_from_texts([r["text"] for r in records], ids=ids)
    heads = features_from_texts([headline_of(r["text"]) for r in records], ids=ids)
    events = [str(r["event"]) for r in records]
    corpus = Corpus([r["text"] for r in records], full, events, [str(r["topic"]) for r in records])

    def fit(train: list[int], seed: int):  # type: ignore[no-untyped-def]
        ev = [events[i] for i in train]
        return fit_scorer([([full[i] for i in train], ev), ([heads[i] for i in train], ev)], seed=seed)

    summary = summarise(
        cross_validate(corpus, fit, folds=3, seeds=(0,), order_batches=(4,), baselines=("tfidf",))
    )
    assert summary["events"]["bcubed_f1"]["mean"] >= 0.88
    assert summary["events"]["bcubed_f1"]["mean"] >= summary["baselines"]["tfidf"]["mean"] + 0.03
    assert summary["order"]["4"]["mean"] >= 0.9


@pytest.mark.slow
def test_evaluate_in_sample_report(tmp_path: Path) -> None:
    """The in-sample report (information only) on a tiny hand-made file: every part printed."""
    rows = [{"id": i, "text": t, "event": e, "topic": 1} for i, (t, e) in enumerate([
        ("Chile earthquake of magnitude 8 hits Valparaiso.", "q"),
        ("A magnitude 8 earthquake struck Chile near Valparaiso.", "q"),
        ("Actress Tara Reid checks into Promises rehab clinic.", "r"),
        ("Tara Reid entered the Promises rehab clinic in Malibu.", "r"),
    ])]  # fmt: skip
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = evaluate(path, robustness=False)
    assert result["events"]["gold_clusters"] == 2 and "baseline" in result
    assert "B-cubed" in format_report(result)
