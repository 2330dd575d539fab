"""Arabic."""

from __future__ import annotations

from . import LanguageData

DATA = LanguageData(
    code="ar",
    name="Arabic",
    stop_words=frozenset(
        (
            "في", "من", "على", "إلى", "أن", "عن", "مع", "هذا", "هذه", "التي", "الذي", "و", "ما", "لا", "قد", "كان",
            "كانت", "بعد", "قبل", "بين", "حيث", "كما", "أو", "ثم", "عند", "هو", "هي", "ذلك", "تلك", "لم", "لن",
            "إن", "أي", "كل", "وقد", "وفي",
        )
    ),
)
