"""``storyline eval ...``: each evaluation prints ours next to a baseline
measured in the same run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..evaluation import analysis as analysis_eval
from ..evaluation import clustering as clustering_eval
from ..evaluation import extraction as extraction_eval
from ..evaluation import heldout, intake
from ..evaluation import pile as pile_eval
from ..evaluation import similarity as similarity_eval
from ..training.corpora import load_training
from .app import console, eval_app, fail

_SHARED = Path("..") / "shared" / "data"


def _default(name: str) -> Path:
    return _SHARED / name


def _emit(result: dict, report: str, json_out: bool) -> None:
    if json_out:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    else:
        console.print(report, highlight=False)


@eval_app.command("extraction")
def eval_extraction(
    benchmark: Annotated[Path, typer.Option(help="article-extraction-benchmark directory.")] = _default(
        "article-extraction-benchmark"
    ),
    seeds: Annotated[
        Path, typer.Option(help="Directory of scraped .txt pages with gold.json line labels.")
    ] = _default("seeds"),
    pile: Annotated[
        list[Path] | None,
        typer.Option(
            help="A pile of real texts (SemEval pair .csv, or .jsonl records): rejections and words kept. Repeatable."
        ),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Extraction F1 (word 4-gram shingles) vs plain trafilatura, line F1 on labelled pages, and what a pile loses."""
    result: dict = {}
    if benchmark.is_dir():
        result["benchmark"] = extraction_eval.evaluate_benchmark(benchmark)
    if seeds.is_dir():
        result["seeds"] = extraction_eval.evaluate_seeds(seeds)
    piles = []
    for p in pile or []:
        try:
            piles.append(intake.evaluate_pile(p))
        except ValueError as exc:
            raise fail(str(exc)) from exc
    if piles:
        result["piles"] = piles
    if not result:
        raise fail(f"no data found at {benchmark} or {seeds}")
    report = extraction_eval.format_report({k: v for k, v in result.items() if k != "piles"})
    report = "\n\n".join([report, *(intake.format_pile_report(r) for r in piles)])
    _emit(result, report, json_out)


@eval_app.command("clustering")
def eval_clustering(
    data: Annotated[Path, typer.Option(help="JSONL of {id, text, event, topic}.")] = _default(
        "ecbplus-dclustering_eval.jsonl"
    ),
    pairs: Annotated[
        Path, typer.Option(help="SemEval-format CSV of judged pairs: the scorer's other training corpus.")
    ] = _default("semeval2022-task8-dclustering_eval.csv"),
    headlines: Annotated[
        bool, typer.Option("--headlines", help="Score each article reduced to its headline (first line that is not a date).")
    ] = False,
    folds: Annotated[int, typer.Option(help="Leave-topics-out folds per seed.")] = 5,
    no_baseline: Annotated[bool, typer.Option("--no-baseline", help="Skip the baselines.")] = False,
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Held-out event B-cubed (leave-topics-out, mean and worst fold) beside baselines tuned on the
    training folds, order robustness on held-out folds, cross-dataset, and in-sample for information."""
    if not data.is_file():
        raise fail(f"no such file: {data}")
    train = load_training(data, pairs if pairs.is_file() else None)
    result: dict = {
        "data": str(data),
        "pairs": str(pairs) if pairs.is_file() else None,
        "headlines": headlines,
    }
    result["held_out"] = heldout.evaluate_topics(
        train, headlines=headlines, folds=folds, baselines=not no_baseline
    )
    result["cross_dataset"] = heldout.cross_dataset(train)
    report = [
        heldout.format_topics(result["held_out"], headlines=headlines),
        heldout.format_cross(result["cross_dataset"]),
    ]
    if not headlines:
        result["in_sample"] = clustering_eval.evaluate(data, baseline=not no_baseline, robustness=False)
        report.append("in sample (information only: the shipped weights were fitted on this file)")
        report.append(clustering_eval.format_report(result["in_sample"]))
    _emit(result, "\n".join(r for r in report if r), json_out)


@eval_app.command("pile")
def eval_pile(
    data: Annotated[Path, typer.Option(help="SemEval-format CSV of judged pairs.")] = _default(
        "semeval2022-task8-dpile_eval.csv"
    ),
    ecb: Annotated[
        Path,
        typer.Option(help="ECB+ dev JSONL, the scorer's other training corpus (for the held-out folds)."),
    ] = _default("ecbplus-dpile_eval.jsonl"),
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Every article of a pair file into one store in one pile, through the pipeline; then the pile
    re-clustered on held-out folds with the scorer refitted without them, and fitted on ECB+ alone."""
    if not data.is_file():
        raise fail(f"no such file: {data}")
    result: dict = {"pipeline": pile_eval.evaluate(data)}
    report = ["through the pipeline with the shipped weights (in sample when the file is SemEval dev):",
              pile_eval.format_report(result["pipeline"])]  # fmt: skip
    if ecb.is_file():
        train = load_training(ecb, data)
        result["held_out"] = heldout.evaluate_pile_folds(train)
        result["cross_dataset"] = heldout.cross_dataset(train)
        report += [
            heldout.format_pile_folds(result["held_out"]),
            heldout.format_cross(result["cross_dataset"]),
        ]
    _emit(result, "\n".join(report), json_out)


@eval_app.command("similarity")
def eval_similarity(
    data: Annotated[Path, typer.Option(help="SemEval-2022 Task 8 CSV.")] = _default(
        "semeval2022-task8-dsimilarity_eval.csv"
    ),
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Pearson correlation of storyline.similarity with human same-story judgements."""
    if not data.is_file():
        raise fail(f"no such file: {data}")
    result = similarity_eval.evaluate(data)
    _emit(result, similarity_eval.format_report(result), json_out)


@eval_app.command("analysis")
def eval_analysis(
    seeds: Annotated[
        Path,
        typer.Option(help="Directory of articles with gold.json (events, discrepancies, timeline, quotes)."),
    ] = _default("seeds"),
    examples: Annotated[Path, typer.Option(help="The example corpus directory, with its gold.json.")] = Path(
        "examples"
    ),
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Inside each story: planted discrepancies, timeline facts, shared quotes and clusters vs gold."""
    result: dict = {}
    for name, directory in (("seeds", seeds), ("examples", examples)):
        if (directory / "gold.json").is_file():
            try:
                result[name] = analysis_eval.evaluate_corpus(directory)
            except ValueError as exc:
                raise fail(str(exc)) from exc
    if not result:
        raise fail(f"no corpus with a gold.json found at {seeds} or {examples}")
    if json_out:
        _emit(result, "", json_out)
    else:
        # Plain echo: gold texts may hold [brackets] that rich would read as markup.
        typer.echo(analysis_eval.format_report(result))
