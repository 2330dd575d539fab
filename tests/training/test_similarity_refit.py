"""``python -m storyline.training.similarity``: the read-out refitted and cross-validated."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from storyline.training.similarity import main

FR = ("La Corée du Nord confirme avoir envoyé des soldats combattre aux côtés de la Russie dans la région de "
      "Koursk. Vladimir Poutine a remercié Kim Jong-un pour ce soutien militaire.")  # fmt: skip
DE = ("Nordkorea bestätigt, Soldaten an der Seite Russlands in der Region Kursk eingesetzt zu haben. "
      "Wladimir Putin dankte Kim Jong Un für diese militärische Unterstützung.")  # fmt: skip
OTHER = ("The city council approved a new budget for public libraries on Tuesday, adding two branches "
         "and longer opening hours in the northern districts.")  # fmt: skip


@pytest.mark.slow
def test_refit_prints_cross_validated_pearson(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "pairs.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["lang1", "lang2", "text1", "text2", "Overall"])
        for k in range(5):
            w.writerow(["fr", "de", FR, DE, 1.0 + 0.1 * k])
            w.writerow(["fr", "en", FR, OTHER + f" Item {k}.", 4.0 - 0.1 * k])
    assert main(["--data", str(path)]) == 0
    out = capsys.readouterr().out
    assert "5-fold cross-validated Pearson" in out and "SIMILARITY_WEIGHTS" in out
