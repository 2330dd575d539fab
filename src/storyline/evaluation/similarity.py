"""``storyline eval similarity --data FILE.csv``: article-pair similarity vs human judgement.

The file has SemEval-2022 Task 8 columns ``text1, text2, lang1, lang2,
Overall`` (Overall: 1 = same story ... 4 = unrelated).  We report the
Pearson correlation between ``storyline.similarity`` and ``-Overall`` (sign
flipped so that higher is better), overall and per language pair.
"""

from __future__ import annotations

import csv
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from storyline.clustering.similarity import similarities

__all__ = ["load_pairs", "pearson", "evaluate", "format_report"]

REQUIRED_COLUMNS = ("text1", "text2", "Overall")
#: Language pairs with fewer pairs than this are not broken out in the report.
MIN_PAIRS_PER_LANGUAGE = 10


def load_pairs(path: Path) -> list[dict[str, Any]]:
    """Read and validate the CSV; rows without a numeric Overall are rejected."""
    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # article texts exceed the default 128 KiB
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
        rows = []
        for n, row in enumerate(reader, 2):
            try:
                overall = float(row["Overall"])
            except (TypeError, ValueError) as exc:
                raise ValueError(f"{path}:{n}: Overall is not a number: {row['Overall']!r}") from exc
            rows.append(
                {
                    "pair_id": row.get("pair_id") or "",
                    "text1": row["text1"] or "",
                    "text2": row["text2"] or "",
                    "lang1": (row.get("lang1") or None),
                    "lang2": (row.get("lang2") or None),
                    "overall": overall,
                }
            )
    if len(rows) < 2:
        raise ValueError(f"{path}: need at least two pairs to correlate")
    return rows


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    if len(x) < 2 or float(np.std(x)) == 0.0 or float(np.std(y)) == 0.0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def evaluate(path: Path) -> dict[str, Any]:

    rows = load_pairs(Path(path))
    t0 = time.perf_counter()
    scores = np.asarray(
        similarities(
            [(r["text1"], r["text2"]) for r in rows], languages=[(r["lang1"], r["lang2"]) for r in rows]
        )
    )
    elapsed = time.perf_counter() - t0
    gold = -np.asarray([r["overall"] for r in rows])
    by_lang: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_lang[f"{r['lang1'] or '?'}-{r['lang2'] or '?'}"].append(i)
    per_lang = {
        lang: {"pairs": len(idx), "pearson": pearson(scores[idx], gold[idx])}
        for lang, idx in sorted(by_lang.items())
        if len(idx) >= MIN_PAIRS_PER_LANGUAGE
    }
    return {
        "data": str(path),
        "pairs": len(rows),
        "pearson": pearson(scores, gold),
        "by_language_pair": per_lang,
        "seconds": elapsed,
    }


def format_report(result: dict[str, Any]) -> str:
    lines = [
        f"similarity evaluation: {result['pairs']} pairs ({result['data']})",
        f"  Pearson(similarity, -Overall) = {result['pearson']:.3f}",
    ]
    for lang, r in result["by_language_pair"].items():
        lines.append(f"    {lang:7s} {r['pairs']:5d} pairs  Pearson {r['pearson']:.3f}")
    lines.append(f"  time: {result['seconds']:.1f}s")
    return "\n".join(lines)
