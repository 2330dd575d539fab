"""Language data: one :class:`LanguageData` per language, registered in one place.

Every stage that needs to know something about a language (its function
words, month and weekday names, reporting verbs, titles, abbreviations,
number words) asks this package instead of keeping its own list, so that
adding a language is one module here and nothing in the stages.

Built-in languages are the modules of this package, listed in
:data:`BUILTIN`; another package (or a test) can :func:`register` more.
Stages derive their regexes and tables from the registry with
:func:`on_change`: the builder runs once at import and again whenever the
registry changes, so a language registered later reaches every derived
table, and the hot paths read plain module globals (no lookup per call).

Knowledge that belongs to no language -- news agencies, exonyms, people,
seats of government, nationality stems -- is in the JSON files of
``storyline/lang/data`` (see :func:`load_table`), each with the date it was
written and where it comes from.  :func:`fold` is the one case- and
accent-folding function.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, TypeVar

from .folding import fold

__all__ = [
    "LanguageData",
    "BUILTIN",
    "register",
    "unregister",
    "registered",
    "get",
    "languages",
    "registry",
    "version",
    "on_change",
    "all_stop_words",
    "all_function_chars",
    "union",
    "collect",
    "months",
    "weekdays",
    "load_table",
    "fold",
]

_F = TypeVar("_F", bound=Callable[[], object])


@dataclass(frozen=True, slots=True)
class LanguageData:
    """What the stages know about one language.

    Every word is lower-case unless said otherwise.  A language leaves empty
    what it lacks (or what nobody has written down yet); the stages then
    simply know nothing of it for that language.

    Fields whose name ends in ``_cues`` or that are documented as *patterns*
    hold regular-expression fragments (they need ``\\s+`` between words,
    ``\\w*`` for open endings); the others hold plain words.
    """

    code: str  # ISO 639-1
    name: str
    #: Function words (articles, prepositions, conjunctions, pronouns,
    #: auxiliaries): their share among a line's words tells running prose
    #: from menus and headlines (:mod:`storyline.extraction.shape`).
    stop_words: frozenset[str] = field(default_factory=frozenset)
    #: One-character function words of languages written without spaces (Chinese 的, Japanese の).
    function_chars: frozenset[str] = field(default_factory=frozenset)
    #: Words that open sentences capitalised but never start a name (articles,
    #: pronouns, conjunctions, "selon", "after"): the fallback NER drops them
    #: from the head of a capitalised span (:mod:`storyline.nlp.ner`).
    sentence_openers: frozenset[str] = field(default_factory=frozenset)
    #: Month names and their common spellings (without accents, old forms,
    #: the genitive Russian dates use) -> month number 1-12.
    months: Mapping[str, int] = field(default_factory=dict)
    #: Abbreviated month names ("janv", "Sept") -> month number; written with
    #: or without a full stop, which then ends no sentence.
    month_abbreviations: Mapping[str, int] = field(default_factory=dict)
    #: Whether the date readers (publication dates, date lines, temporal
    #: expressions) read its month names.  False where the names are known
    #: (for clustering and counts) but those readers were not checked on the
    #: language's dates: Portuguese "Rio de Janeiro" would read as a January.
    month_dates: bool = True
    #: Weekday names -> ISO weekday index (0 = Monday).
    weekdays: Mapping[str, int] = field(default_factory=dict)
    #: Abbreviated weekdays ("Thu"): only read in lines that are all date
    #: (they are common words elsewhere: "sun", "sat", "wed").
    weekday_abbreviations: Mapping[str, int] = field(default_factory=dict)
    #: Whether ordinals are written with a full stop ("am 12. März"): a day
    #: number, a stop and a month name then end no sentence.
    dotted_ordinals: bool = False
    #: Abbreviations (without their full stop) after which a stop ends no
    #: sentence: "M. Poutine", "Dr. Kim", "z.B.", "vs."  (months: see above).
    abbreviations: frozenset[str] = field(default_factory=frozenset)
    #: Titles before a person's name, as written ("Herr", "Dr.", "M.",
    #: "presidente"): a capitalised span after one is a person, and the title
    #: is no part of the name's key.  A title written in lower case is also
    #: met capitalised; one written capitalised ("Herr") only so.
    titles: tuple[str, ...] = ()
    #: Number words -> value ("trois": 3, "ventotto": 28).
    number_words: Mapping[str, float] = field(default_factory=dict)
    #: Reporting verbs that tie a quotation to its speaker ("a déclaré X",
    #: "X said", "sagte X"), in the forms news prose uses them.
    speech_verbs: tuple[str, ...] = ()
    #: Patterns naming a source before it: "selon", "according\\s+to", "laut".
    according_to: tuple[str, ...] = ()
    #: Patterns of a reported statement ("a\\s+déclaré", "said", "sagte"):
    #: a sentence holding one is attributed, and one stating a negative
    #: ("assure qu'aucune donnée n'a été volée") is a denial.
    statement_cues: tuple[str, ...] = ()
    #: Patterns of a statement whose subject is the source of a figure
    #: ("X estiment que", "X estimates"), read at the start of a sentence.
    source_cues: tuple[str, ...] = ()
    #: Patterns of a denial ("dément\\w*", "denies", "fake\\s+news").
    deny_cues: tuple[str, ...] = ()
    #: Patterns of a confirmation ("confirm\\w*", "bestätig\\w*").
    confirm_cues: tuple[str, ...] = ()
    #: Patterns of an assertion ("affirm\\w*", "claim\\w*").
    assert_cues: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Registered data is shared by every stage: make its tables read-only.
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, dict):
                object.__setattr__(self, f.name, MappingProxyType(dict(value)))
            elif isinstance(value, list):
                object.__setattr__(self, f.name, tuple(value))


_REGISTRY: dict[str, LanguageData] = {}
_version = 0
_listeners: list[Callable[[], object]] = []
_union_cache: dict[str, Any] = {}
#: The built-in language modules, in the order their data is registered
#: (which is also the order of every alternation built from it).
BUILTIN = ("fr", "en", "de", "es", "it", "pt", "ru", "pl", "tr", "ar", "nl", "zh", "ja")


def _changed() -> None:
    global _version
    _version += 1
    _union_cache.clear()
    for listener in list(_listeners):
        listener()


def register(data: LanguageData) -> None:
    """Add (or replace) a language; every derived table is rebuilt."""
    if not isinstance(data, LanguageData):
        raise TypeError(f"register() takes a LanguageData, not {type(data).__name__}")
    _REGISTRY[data.code] = data
    _changed()


def unregister(code: str) -> LanguageData | None:
    """Remove a language (returning its data, or None when it was not registered)."""
    data = _REGISTRY.pop(code, None)
    if data is not None:
        _changed()
    return data


@contextmanager
def registered(data: LanguageData) -> Iterator[LanguageData]:
    """``data`` registered for the duration of a ``with`` block, the registry
    restored afterwards (a language it replaced comes back, in its place)."""
    before = dict(_REGISTRY)
    register(data)
    try:
        yield data
    finally:
        _REGISTRY.clear()
        _REGISTRY.update(before)
        _changed()


def get(code: str) -> LanguageData | None:
    return _REGISTRY.get(code)


def languages() -> list[str]:
    return list(_REGISTRY)


def registry() -> tuple[LanguageData, ...]:
    """Every registered language's data, in registration order."""
    return tuple(_REGISTRY.values())


def version() -> int:
    """A number that changes whenever the registry does."""
    return _version


def on_change(build: _F) -> _F:
    """Run ``build`` now and after every change of the registry (a decorator).

    Stages rebuild their language-derived globals (regexes, tables) in it, and
    clear caches of results that depend on them."""
    build()
    _listeners.append(build)
    return build


def union(attribute: str) -> frozenset[str]:
    """The union of a set- or mapping-valued field over every registered language."""
    key = "union:" + attribute
    if key not in _union_cache:
        _union_cache[key] = frozenset().union(*(getattr(d, attribute) for d in _REGISTRY.values()))
    found: frozenset[str] = _union_cache[key]
    return found


def collect(attribute: str) -> tuple[str, ...]:
    """A sequence-valued field of every registered language, concatenated in
    registration order without repeats (for regex alternations)."""
    key = "collect:" + attribute
    if key not in _union_cache:
        _union_cache[key] = tuple(dict.fromkeys(x for d in _REGISTRY.values() for x in getattr(d, attribute)))
    found: tuple[str, ...] = _union_cache[key]
    return found


def _merged(attributes: Iterable[str], data: Iterable[LanguageData] | None = None) -> dict[str, Any]:
    """Mapping fields merged, the first language listing a word giving its value."""
    out: dict[str, Any] = {}
    for d in _REGISTRY.values() if data is None else data:
        for attribute in attributes:
            for word, value in getattr(d, attribute).items():
                out.setdefault(word, value)
    return out


def all_stop_words() -> frozenset[str]:
    """Function words of every registered language (text of unknown language is judged by them all)."""
    return union("stop_words")


def all_function_chars() -> frozenset[str]:
    return union("function_chars")


def months(
    *, abbreviations: bool = True, dates: bool = False, languages: Iterable[str] | None = None
) -> dict[str, int]:
    """Month name (and, unless told otherwise, abbreviation) -> month number.

    Over every registered language, or over ``languages`` (ISO codes, those
    registered); with ``dates``, only languages whose month names the date
    readers read (:attr:`LanguageData.month_dates`)."""
    codes = tuple(languages) if languages is not None else None
    key = f"months:{abbreviations}:{dates}:{codes}"
    if key not in _union_cache:
        chosen = [
            d
            for d in _REGISTRY.values()
            if (codes is None or d.code in codes) and (d.month_dates or not dates)
        ]
        fields_ = ("months", "month_abbreviations") if abbreviations else ("months",)
        _union_cache[key] = _merged(fields_, chosen)
    return dict(_union_cache[key])


def weekdays(*, abbreviations: bool = False, languages: Iterable[str] | None = None) -> dict[str, int]:
    """Weekday name (and, when asked, abbreviation) -> ISO weekday index, over
    every registered language or over ``languages`` (ISO codes, those registered)."""
    codes = tuple(languages) if languages is not None else None
    key = f"weekdays:{abbreviations}:{codes}"
    if key not in _union_cache:
        chosen = [d for d in _REGISTRY.values() if codes is None or d.code in codes]
        fields_ = ("weekdays", "weekday_abbreviations") if abbreviations else ("weekdays",)
        _union_cache[key] = _merged(fields_, chosen)
    return dict(_union_cache[key])


@cache
def load_table(name: str) -> Any:
    """The ``entries`` of data file ``storyline/lang/data/<name>.json`` (read once).

    Each file says what it holds (``about``), when it was written (``as_of``)
    and where it comes from (``source``).  The entries are shared: callers
    copy what they keep."""
    path = resources.files(__name__).joinpath("data", f"{name}.json")
    with path.open(encoding="utf-8") as f:
        doc = json.load(f)
    for key in ("about", "as_of", "source", "entries"):
        if key not in doc:
            raise ValueError(f"{path}: no {key!r}")
    return doc["entries"]


def _load_builtin() -> None:
    for code in BUILTIN:
        _REGISTRY[code] = importlib.import_module(f"{__name__}.{code}").DATA
    _changed()


_load_builtin()
