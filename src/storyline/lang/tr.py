"""Turkish."""

from __future__ import annotations

from . import LanguageData

DATA = LanguageData(
    code="tr",
    name="Turkish",
    stop_words=frozenset(
        (
            "ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "daha", "gibi", "en", "ki", "ne", "o",
            "şu", "her", "ama", "veya", "ya", "kadar", "sonra", "önce", "olan", "oldu", "olduğu", "ise", "değil",
            "mi", "var", "yok", "göre", "tarafından", "ayrıca", "üzere",
        )
    ),
)
