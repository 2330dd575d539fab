"""Spanish."""

from __future__ import annotations

from . import LanguageData

DATA = LanguageData(
    code="es",
    name="Spanish",
    stop_words=frozenset(
        (
            "el", "la", "los", "las", "un", "una", "unos", "unas", "y", "o", "pero", "de", "del", "al", "en",
            "con", "por", "para", "sin", "sobre", "es", "son", "fue", "era", "ha", "han", "había", "que", "se",
            "su", "sus", "lo", "como", "más", "según", "tras", "desde", "entre",
        )
    ),
)
