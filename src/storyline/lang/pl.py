"""Polish."""

from __future__ import annotations

from . import LanguageData

DATA = LanguageData(
    code="pl",
    name="Polish",
    stop_words=frozenset(
        (
            "i", "w", "we", "z", "ze", "na", "nie", "do", "że", "to", "jest", "o", "a", "jak", "po", "ale", "od",
            "za", "przez", "dla", "jego", "jej", "ich", "co", "tak", "oraz", "lub", "ten", "ta", "te", "tego",
            "tym", "który", "która", "które", "był", "była", "było", "są", "może", "już", "także", "przy", "pod",
            "nad", "czy", "bo", "tylko", "się",
        )
    ),
)
