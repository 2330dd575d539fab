"""Refit the similarity read-out of :mod:`storyline.clustering.similarity`.

    python -m storyline.training.similarity --data semeval2022-task8-dev.csv

Featurises every pair as ``storyline.similarity`` does, prints each
feature's own Pearson correlation with the human judgement, the 5-fold
cross-validated Pearson of a ridge read-out, the in-sample Pearson of the
refitted and of the shipped weights, and the weights to paste into the module.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold, cross_val_predict

from storyline.clustering.similarity import (
    COEFFICIENTS,
    RIDGE_ALPHA,
    SIMILARITY_FEATURES,
    SIMILARITY_INTERCEPT,
    featurise_pairs,
    similarity_features,
)
from storyline.evaluation.similarity import load_pairs

__all__ = ["main", "CV_FOLDS"]

#: Folds of the cross-validation ``main`` prints.
CV_FOLDS = 5


def main(argv: Sequence[str] | None = None) -> int:
    """Refit the read-out on a SemEval-format CSV and print cross-validated Pearson."""
    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("--data", required=True, type=Path, help="CSV with text1, text2, lang1, lang2, Overall")
    args = ap.parse_args(argv)
    rows = load_pairs(args.data)
    featurised = featurise_pairs(
        [(r["text1"], r["text2"]) for r in rows], [(r["lang1"], r["lang2"]) for r in rows]
    )
    keep = [k for k, fp in enumerate(featurised) if fp is not None]
    x = np.vstack([similarity_features(*fp) for fp in featurised if fp is not None])
    y = np.array([(4.0 - rows[k]["overall"]) / 3.0 for k in keep])
    folds = KFold(CV_FOLDS, shuffle=True, random_state=0)
    for j, name in enumerate(SIMILARITY_FEATURES):
        print(f"  {name:16s} alone: Pearson {np.corrcoef(x[:, j], y)[0, 1]:.3f}")
    cv = cross_val_predict(Ridge(alpha=RIDGE_ALPHA), x, y, cv=folds)
    print(f"{CV_FOLDS}-fold cross-validated Pearson: {np.corrcoef(cv, y)[0, 1]:.3f} ({len(y)} pairs)")
    model = Ridge(alpha=RIDGE_ALPHA).fit(x, y)
    shipped = np.clip(x @ COEFFICIENTS + SIMILARITY_INTERCEPT, 0.0, 1.0)
    print(
        f"in sample: refitted {np.corrcoef(model.predict(x), y)[0, 1]:.3f}, shipped weights {np.corrcoef(shipped, y)[0, 1]:.3f}"
    )
    print("SIMILARITY_WEIGHTS = {")
    for name, w in zip(SIMILARITY_FEATURES, model.coef_, strict=True):
        print(f'    "{name}": {w:.3f},')
    print("}")
    print(f"SIMILARITY_INTERCEPT = {model.intercept_:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
