"""``storyline eval ...``: each evaluation prints ours next to a baseline
measured in the same run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from . import console, eval_app, fail

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
    from ..evaluation import extraction as ev
    from ..evaluation import intake

    result: dict = {}
    if benchmark.is_dir():
        result["benchmark"] = ev.evaluate_benchmark(benchmark)
    if seeds.is_dir():
        result["seeds"] = ev.evaluate_seeds(seeds)
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
    report = ev.format_report({k: v for k, v in result.items() if k != "piles"})
    report = "\n\n".join([report, *(intake.format_pile_report(r) for r in piles)])
    _emit(result, report, json_out)


@eval_app.command("clustering")
def eval_clustering(
    data: Annotated[Path, typer.Option(help="JSONL of {id, text, event, topic?}.")] = _default(
        "ecbplus-dev.jsonl"
    ),
    no_baseline: Annotated[bool, typer.Option("--no-baseline", help="Skip the TF-IDF baseline.")] = False,
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Event-level B-cubed and pairwise F1, with a tuned TF-IDF + agglomerative baseline."""
    from ..evaluation import clustering as ev

    if not data.is_file():
        raise fail(f"no such file: {data}")
    result = ev.evaluate(data, baseline=not no_baseline)
    _emit(result, ev.format_report(result), json_out)


@eval_app.command("similarity")
def eval_similarity(
    data: Annotated[Path, typer.Option(help="SemEval-2022 Task 8 CSV.")] = _default(
        "semeval2022-task8-dev.csv"
    ),
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Pearson correlation of storyline.similarity with human same-story judgements."""
    from ..evaluation import similarity as ev

    if not data.is_file():
        raise fail(f"no such file: {data}")
    result = ev.evaluate(data)
    _emit(result, ev.format_report(result), json_out)


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
    from ..evaluation import analysis as ev

    result: dict = {}
    for name, directory in (("seeds", seeds), ("examples", examples)):
        if (directory / "gold.json").is_file():
            try:
                result[name] = ev.evaluate_corpus(directory)
            except ValueError as exc:
                raise fail(str(exc)) from exc
    if not result:
        raise fail(f"no corpus with a gold.json found at {seeds} or {examples}")
    if json_out:
        _emit(result, "", json_out)
    else:
        # Plain echo: gold texts may hold [brackets] that rich would read as markup.
        typer.echo(ev.format_report(result))
