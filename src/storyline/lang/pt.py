"""Portuguese."""

from __future__ import annotations

from . import LanguageData

DATA = LanguageData(
    code="pt",
    name="Portuguese",
    stop_words=frozenset(
        (
            "o", "os", "a", "as", "um", "uma", "e", "ou", "mas", "de", "do", "da", "dos", "das", "no", "na", "nos",
            "nas", "em", "com", "por", "para", "que", "se", "não", "foi", "é", "são", "ao", "à",
        )
    ),
    months={
        "janeiro": 1, "fevereiro": 2, "março": 3, "abril": 4, "maio": 5, "junho": 6, "julho": 7, "agosto": 8,
        "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
    },
    weekdays={
        "segunda-feira": 0, "terça-feira": 1, "quarta-feira": 2, "quinta-feira": 3, "sexta-feira": 4,
        "sábado": 5, "domingo": 6,
    },
    # Known to clustering and counts; the date readers were not checked on Portuguese
    # dates, and would read "Rio de Janeiro" as a January.
    month_dates=False,
)
