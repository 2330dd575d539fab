"""French."""

from __future__ import annotations

from . import LanguageData

DATA = LanguageData(
    code="fr",
    name="French",
    stop_words=frozenset(
        (
            "le", "la", "les", "un", "une", "des", "du", "de", "d", "l", "au", "aux", "et", "ou", "mais", "donc",
            "que", "qui", "quoi", "dont", "où", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs",
            "il", "elle", "ils", "elles", "on", "nous", "vous", "je", "tu", "se", "sur", "sous", "dans", "par",
            "pour", "avec", "sans", "en", "ne", "pas", "plus", "est", "sont", "été", "était", "a", "ont", "avait",
            "être", "avoir", "comme", "selon", "après", "avant", "entre", "depuis", "lors",
        )
    ),
)
