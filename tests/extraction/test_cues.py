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
