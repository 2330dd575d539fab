"""``python -m storyline.training.similarity``: the read-out refitted and cross-validated."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from storyline.training.similarity import main

# A same-story pair across languages and an unrelated one (written for this test).
SAME = ("Les dockers du port de Lisbonne ont cessé le travail mardi pour réclamer des hausses de salaire.",
        "Dockers at the port of Lisbon walked out on Tuesday to demand higher wages.")  # fmt: skip
OTHER = "A new library opened in the northern district on Saturday, with longer opening hours."


@pytest.mark.slow
def test_refit_prints_cross_validated_pearson(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "pairs.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["lang1", "lang2", "text1", "text2", "Overall"])
        for k in range(5):
            w.writerow(["fr", "en", SAME[0], SAME[1], 1.0 + 0.1 * k])
            w.writerow(["fr", "en", SAME[0], OTHER + f" Item {k}.", 4.0 - 0.1 * k])
    assert main(["--data", str(path)]) == 0
    out = capsys.readouterr().out
    assert "5-fold cross-validated Pearson" in out and "SIMILARITY_WEIGHTS" in out
