"""The one folding function: case and accents away, letters and scripts kept."""

from __future__ import annotations

from storyline.lang import fold


def test_case_accents_and_compatibility_forms_fold() -> None:
    assert fold("Élysée") == fold("ELYSEE") == "elysee"
    assert fold("Straße") == "strasse"
    assert fold("ﬁnal") == "final"  # a ligature
    assert fold("ＡＦＰ") == "afp"  # full-width letters
    assert fold("İstanbul") == "istanbul"  # the dot of the folded capital goes too
    assert fold("ℂ𝐀") == "ca"  # compatibility forms that decompose to capitals
    assert fold("Kim Jong-un") == "kim jong-un"  # punctuation is the caller's business


def test_letters_that_are_not_base_plus_mark_stay() -> None:
    assert fold("Łódź") == "łodz"
    assert fold("Ærø") == "ærø"
    # Cyrillic й is и plus a breve: callers transliterating Cyrillic do it before folding.
    assert fold("Йошкар") == "иошкар"
    assert fold("北京") == "北京"
