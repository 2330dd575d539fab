"""Encoding repair: mojibake in five scripts undone, clean text left alone."""

from __future__ import annotations

import pytest

from storyline.extraction import extract
from storyline.extraction.repair import looks_like_mojibake, repair_text

# Each clean sentence, encoded as UTF-8 and decoded as cp1252: what a scraper
# that guessed the wrong charset stores.
CLEAN = {
    "turkish": "Günlük hayatta çok şey değişti, dedi Başkan.",
    "russian": "Президент заявил, что переговоры продолжатся в пятницу.",
    "arabic": "قال الرئيس إن المفاوضات ستستمر يوم الجمعة.",
    "chinese": "总统表示，谈判将于周五继续。",
    "greek": "Ο πρόεδρος δήλωσε ότι οι συνομιλίες θα συνεχιστούν την Παρασκευή.",
}


def _mojibake(text: str) -> str:
    # A browser's "windows-1252" reads the five bytes cp1252 leaves undefined
    # as C1 controls (Latin-1): so does every real wrong decode.
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(bytes([b]).decode("latin-1"))
    return "".join(out)


@pytest.mark.parametrize("script", sorted(CLEAN))
def test_mojibake_is_repaired(script: str) -> None:
    broken = _mojibake(CLEAN[script])
    assert broken != CLEAN[script] and looks_like_mojibake(broken)
    fixed = repair_text(broken)
    assert fixed.text == CLEAN[script]
    assert fixed.repairs and fixed.repairs[0].startswith("mojibake repaired")


@pytest.mark.parametrize(
    "text",
    [
        "L'été dernier, « à Paris », le château a fermé.",  # accents and guillemets
        "Il a dit : « Non. » Puis il est parti… — c'est tout.",
        "“Curly quotes” stay curly, and so do ﬁ ligatures.",
        "总统表示：“谈判将继续。”（新华社）",  # full-width punctuation stays full-width
        "Straße, Ärger, Öl: deutsche Umlaute.",
    ],
)
def test_clean_text_is_unchanged(text: str) -> None:
    fixed = repair_text(text)
    assert fixed.text == text and fixed.repairs == []


def test_control_characters_and_line_ends() -> None:
    fixed = repair_text("Une ligne\r\nune autre\x00\u200b\rfin")
    assert fixed.text == "Une ligne\nune autre\nfin"
    assert fixed.repairs == ["control characters removed"]


def test_extraction_reports_repairs_and_keeps_repaired_text() -> None:
    body = " ".join([CLEAN["turkish"]] * 4)
    ext = extract("Başkan konuştu\n\n" + _mojibake(body))
    assert "Günlük hayatta" in ext.text and "Ã" not in ext.text
    assert any(r.startswith("mojibake repaired") for r in ext.repairs)
