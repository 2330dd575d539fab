"""Fit the clustering pair scorer's shipped weights.

    python -m storyline.training --data ecbplus-dev.jsonl --pairs semeval2022-task8-dev.csv

Loads both corpora (:mod:`.corpora`), fits the scorer on all of them
(:func:`.corpora.fit_on`, the same fitting every held-out fold repeats) and
prints the weights to paste into :mod:`storyline.clustering.model`.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from storyline.clustering.model import FEATURE_NAMES
from storyline.training.corpora import fit_on, load_training

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Fit the clustering pair scorer's shipped weights.")
    ap.add_argument("--data", type=Path, required=True, help="ECB+ format JSONL {id, text, event, topic}")
    ap.add_argument("--pairs", type=Path, default=None, help="SemEval-2022 Task 8 format CSV of judged pairs")
    ap.add_argument("--seed", type=int, default=0, help="samples the training decisions")
    args = ap.parse_args(argv)
    weights, biases = fit_on(load_training(args.data, args.pairs), seed=args.seed)
    print("features:", ", ".join(FEATURE_NAMES))
    for name, w, b in zip(("WEIGHTS", "MERGE_WEIGHTS"), weights, biases, strict=True):
        print(f"{name} =", np.array2string(np.asarray(w), precision=3, separator=", "), "bias", round(b, 3))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
