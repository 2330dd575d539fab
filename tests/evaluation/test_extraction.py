"""Extraction evaluation: the benchmark metric, and the gates on the shared data."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from storyline.evaluation.extraction import (
    benchmark_metrics,
    evaluate_benchmark,
    evaluate_seeds,
    format_report,
    shingle_scores,
)

# Minimums measured on the shared data (see the report of evaluate_*), minus a
# small margin so that harmless changes in a dependency do not flip the gate:
# benchmark F1 0.9705 (plain trafilatura 0.9525), seeds line F1 1.0, dev
# corpus (examples/) line F1 1.0.
MIN_BENCHMARK_F1 = 0.965
MIN_SEEDS_LINE_F1 = 0.98
MIN_EXAMPLES_LINE_F1 = 0.98


def test_shingle_scores() -> None:
    ref = "one two three four five six"
    assert shingle_scores(ref, ref) == (1.0, 1.0)
    assert shingle_scores(ref, "") == (0.0, 0.0)
    assert shingle_scores("", "") == (1.0, 1.0)
    p, r = shingle_scores(ref, "one two three four")  # 1 of 3 reference shingles
    assert p == 1.0 and r == pytest.approx(1 / 3)
    p, r = shingle_scores(ref, ref + " seven")  # one extra shingle
    assert p == pytest.approx(3 / 4) and r == 1.0


def test_benchmark_metrics_is_f1_of_averages() -> None:
    m = benchmark_metrics([(1.0, 0.5), (0.5, 1.0)])
    assert m["precision"] == 0.75 and m["recall"] == 0.75 and m["f1"] == pytest.approx(0.75)
    assert benchmark_metrics([])["f1"] == 0.0


def test_evaluate_benchmark_on_a_tiny_benchmark(tmp_path: Path) -> None:
    body = (
        "The city council voted on Tuesday to extend the tram line to the airport by the end of next year. "
        "The project will cost about 120 million euros, half of it paid by the regional government."
    )
    html = (
        f"<html><head><title>Tram to the airport</title></head><body><nav>Home News</nav><article>"
        f"<h1>Tram to the airport</h1><p>{body}</p></article></body></html>"
    )
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p1.html.gz").write_bytes(gzip.compress(html.encode()))
    (tmp_path / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": body, "url": None}}))
    res = evaluate_benchmark(tmp_path)
    assert set(res["systems"]) == {"storyline", "trafilatura"}
    assert res["systems"]["storyline"]["f1"] > 0.9
    assert "storyline" in format_report({"benchmark": res})


def test_evaluate_seeds_on_a_tiny_labelled_page(tmp_path: Path) -> None:
    page = (
        "Accueil Monde Sport Culture\n"
        "Un pont s'effondre à Nantes\n"
        "Le pont de la Madeleine s'est effondré mardi soir, sans faire de victime, selon la préfecture.\n"
        "Partager sur Facebook\n"
    )
    (tmp_path / "a.txt").write_text(page)
    gold = {"articles": {"a.txt": {"body": [2, 3], "boilerplate": [1, 4], "agencies": [], "outlet": None}}}
    (tmp_path / "gold.json").write_text(json.dumps(gold))
    res = evaluate_seeds(tmp_path)
    assert res["lines"]["f1"] == 1.0 and res["wrong_lines"] == []
    gold["articles"]["a.txt"]["body"] = [3]
    (tmp_path / "gold.json").write_text(json.dumps(gold))
    res = evaluate_seeds(tmp_path)
    assert res["lines"]["fp"] == 1 and res["wrong_lines"][0]["n"] == 2
    assert "wrong lines" in format_report({"seeds": res})


@pytest.mark.slow
def test_gate_seeds(seeds_dir: Path) -> None:
    res = evaluate_seeds(seeds_dir)
    assert res["lines"]["f1"] >= MIN_SEEDS_LINE_F1, format_report({"seeds": res})
    gold = json.loads((seeds_dir / "gold.json").read_text())["articles"]
    by_file = {p["file"]: p for p in res["pages"]}
    for name, g in gold.items():
        assert by_file[name]["agencies"] == g["agencies"], name
    # The outlet is found whenever the page states it (a credit, a signature).
    stated = [
        n
        for n, g in gold.items()
        if g.get("outlet")
        and g["outlet"].casefold() in (seeds_dir / n).read_text(encoding="utf-8").casefold()
    ]
    assert len(stated) >= 3
    for name in stated:
        assert by_file[name]["outlet"] == gold[name]["outlet"], name
    # No caption kept as body, no furniture kept as text.
    assert not [w for w in res["wrong_lines"] if w["gold"] in ("caption", "boilerplate")], res["wrong_lines"]


@pytest.mark.slow
def test_gate_benchmark(shared_data: Path) -> None:
    bench = shared_data / "article-extraction-benchmark"
    if not bench.is_dir():
        pytest.skip("article-extraction-benchmark not found")
    res = evaluate_benchmark(bench)
    ours, plain = res["systems"]["storyline"], res["systems"]["trafilatura"]
    assert ours["pages"] == plain["pages"] == 181
    assert ours["f1"] >= MIN_BENCHMARK_F1, format_report({"benchmark": res})
    assert ours["f1"] > plain["f1"], format_report({"benchmark": res})


def test_dev_corpus_line_labels(examples_dir: Path) -> None:
    """The example corpus (our dev data) with its hand-labelled lines."""
    if not (examples_dir / "gold.json").is_file():
        pytest.skip("examples/gold.json not found")
    res = evaluate_seeds(examples_dir)
    assert res["lines"]["tp"] > 100
    assert res["lines"]["f1"] >= MIN_EXAMPLES_LINE_F1, format_report({"seeds": res})
    for page in res["pages"]:
        assert page["agencies"] == page["gold_agencies"], page
        assert page["outlet"] == page["gold_outlet"], page
