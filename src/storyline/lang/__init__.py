"""Language data: one :class:`LanguageData` per language, registered in one place.

Every stage that needs to know something about a language (which words are
function words, for now) asks this package instead of keeping its own list,
so that adding a language is one module here and nothing in the stages.

Built-in languages are the modules of this package, listed in
:data:`BUILTIN`; another package can :func:`register` more.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["LanguageData", "register", "get", "languages", "all_stop_words", "all_function_chars", "BUILTIN"]


@dataclass(frozen=True, slots=True)
class LanguageData:
    """What the stages know about one language.

    ``stop_words`` are its function words (articles, prepositions,
    conjunctions, pronouns, auxiliaries), lower-cased: their share among a
    line's words tells running prose from menus and headlines.  Languages
    written without spaces list one-character function words in
    ``function_chars`` instead (Chinese 的, Japanese の).
    """

    code: str  # ISO 639-1
    name: str
    stop_words: frozenset[str] = field(default_factory=frozenset)
    function_chars: frozenset[str] = field(default_factory=frozenset)


_REGISTRY: dict[str, LanguageData] = {}
#: The built-in language modules, in the order their data is registered.
BUILTIN = ("fr", "en", "de", "es", "it", "pt", "ru", "pl", "tr", "ar", "nl", "zh", "ja")


def register(data: LanguageData) -> None:
    """Add (or replace) a language."""
    _REGISTRY[data.code] = data
    _union_cache.clear()


def get(code: str) -> LanguageData | None:
    return _REGISTRY.get(code)


def languages() -> list[str]:
    return list(_REGISTRY)


_union_cache: dict[str, frozenset[str]] = {}


def all_stop_words() -> frozenset[str]:
    """Function words of every registered language (text of unknown language is judged by them all)."""
    if "stop" not in _union_cache:
        _union_cache["stop"] = frozenset().union(*(d.stop_words for d in _REGISTRY.values()))
    return _union_cache["stop"]


def all_function_chars() -> frozenset[str]:
    if "chars" not in _union_cache:
        _union_cache["chars"] = frozenset().union(*(d.function_chars for d in _REGISTRY.values()))
    return _union_cache["chars"]


def _load_builtin() -> None:
    import importlib

    for code in BUILTIN:
        register(importlib.import_module(f"{__name__}.{code}").DATA)


_load_builtin()
