"""The fast form-message test must give the same answer as the pattern it screens for."""

from __future__ import annotations

import pytest

from storyline.extraction import cues


@pytest.mark.parametrize(
    "line",
    [
        "Thanks for signing up!",
        "THANK YOU FOR SIGNING UP",
        "An error occurred, please try again later.",
        "Une erreur s'est produite.",
        "Vielen Dank für Ihre Anmeldung",
        "For your personal, non-commercial use only.",
        "Order reprints of this article",
        # characters the regex engine folds to ASCII letters but str.lower does not
        "Thank you for ſigning up",
        "PLEASE TRY AGAİN LATER",
        "gracias por suscrıbirte",
    ],
)
def test_form_messages_are_found(line: str) -> None:
    assert cues.FORM_MESSAGE_RE.search(line) is not None
    assert cues.is_form_message(line)


@pytest.mark.parametrize(
    "line",
    [
        "Le ministre a déclaré mardi que le budget serait voté.",
        "The error in the report was corrected on Tuesday.",  # a key word, but no form message
        "Personal data of 2 million patients were stolen.",
        "",
    ],
)
def test_other_lines_are_not(line: str) -> None:
    assert cues.FORM_MESSAGE_RE.search(line) is None
    assert not cues.is_form_message(line)


_SIGNOFF_CASES = [
    ("(Reporting by Ann Lee; editing by Tom Ray)", True),
    ("Avec AFP", True),
    ("Texte de la rédaction avec l'AFP.", True),
    ("Jean Dupont / REUTERS", True),
    ("© La Gazette 2025", True),
    ("Quelle: dpa", True),
    ("with reuters ...", True),
    ("avec SDA", True),
    ("avec ſda", True),  # the regex engine folds the long s to "s"
    ("avec İTAR-TASS", True),  # the regex engine folds the dotted capital I to "i"
    ("The minister met AFP reporters on Tuesday.", False),
    ("Le ministre a parlé avec les syndicats.", False),
    ("", False),
]


@pytest.mark.parametrize(("line", "expected"), _SIGNOFF_CASES)
def test_signoff_agrees_with_its_pattern(line: str, expected: bool) -> None:
    assert (cues.SIGNOFF_RE.search(line) is not None) is expected
    assert cues.is_signoff(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Photo : Carlos Mendoza / AFP", True),
        ("  FOTO: dpa", True),
        ("Des secouristes dans les décombres. Getty Images", True),
        ("EPA-EFE/ANDY RAIN", True),
        ("© Paul Durand", True),
        ("A tourist on the picture alliance bridge", True),
        ("The deepest cut came in September.", False),  # "epa" only inside a word
        ("La photo a été prise mardi.", False),  # "photo" not as a label
        ("", False),
    ],
)
def test_photo_credit_agrees_with_its_pattern(line: str, expected: bool) -> None:
    assert (cues.PHOTO_CREDIT_RE.search(line) is not None) is expected
    assert cues.is_photo_credit(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Monde | Amérique latine", True),
        ("International > Amériques > Pérou", True),
        ("News / Politics", True),
        ("Monde Amérique latine", False),
        ("Prix: 3/4 du total.", False),
        ("", False),
    ],
)
def test_breadcrumb_agrees_with_its_pattern(line: str, expected: bool) -> None:
    assert (cues.BREADCRUMB_RE.match(line) is not None) is expected
    assert cues.is_breadcrumb(line) is expected
