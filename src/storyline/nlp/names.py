"""Names: one key for every spelling, script and language of an entity.

``entity_key`` maps every spelling of a name to one key:

1. Unicode folding: NFKC, case folding, accents dropped, ligatures expanded.
2. Cyrillic words lose their case ending (a light Russian stemmer: "Путина",
   "Путину" -> "путин"; "Курской области" -> "курск област") and are
   transliterated (BGN-like table), so "Путин" and "Putin" meet.
3. A phonetic skeleton per Latin token removes the differences between the
   usual transcriptions of the same foreign name (French "ou" for "u",
   German "w" for "v", "y"/"i", doubled letters, a mute final "e"): Poutine,
   Putin; Koursk, Kursk; Lavrov, Lawrow; Zelenski, Zelensky.
4. Titles ("M.", "President") and generic place heads ("région de",
   "Oblast") are dropped; hyphens are separators (Kim Jong-un = Kim Jong Un).
5. The exonym tables of :mod:`storyline.lang` (people and places) map names
   that no rule can relate to one canonical key: Moscou/Moskau/Москва,
   Kiev/Kyiv/Київ, Corée du Nord/North Korea/Nordkorea, Ким Чен Ын/Kim Jong Un...

:func:`lexicon_matches` finds the tables' names in a text: the fallback NER
of languages without a model reads them (:mod:`storyline.nlp.ner`).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from storyline import lang

__all__ = ["entity_key", "canonical_name", "lexicon_matches", "table_label"]

# -- the exonym table ---------------------------------------------------------------
# canonical English name -> (label, other spellings in fr/en/de/es/it/ru), from
# storyline/lang/data: people.json (dated: who was in the news) then
# exonyms.json (places and organisations).  Only forms that the folding +
# skeleton rules cannot relate need listing, but common ones are listed anyway
# so that the fallback NER can find them in any language.  When two entries
# share a key, the first listed wins.
_EXONYMS: dict[str, tuple[str, tuple[str, ...]]] = {
    **{p["name"]: ("PER", tuple(p["spellings"])) for p in lang.load_table("people")},
    **{e["name"]: (e["label"], tuple(e["spellings"])) for e in lang.load_table("exonyms")},
}

# Titles dropped from person names (the registered languages' titles, folded:
# set by _language_tables); generic heads dropped from place names.
_TITLE_TOKENS: frozenset[str]
_PLACE_HEADS = frozenset((
    "region", "regions", "province", "provincia", "regione", "oblast", "oblasti", "gebiet", "krai",
    "district", "city", "ville", "republique", "republic", "republik", "republica", "repubblica", "area",
    "zone", "zona",
))  # fmt: skip
_CONNECT_TOKENS = frozenset(
    ["de", "du", "des", "la", "le", "l", "d", "of", "the", "del", "della", "di", "von", "der", "dei"]
)

# Cyrillic letters to Latin (storyline/lang/data/cyrillic.json).
_CYR = str.maketrans(lang.load_table("cyrillic"))
_FOLD = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "þ": "th"})
# Russian inflection endings, longest first (adjectival, nominal).  Stripping
# them only needs to be *consistent*: nominative and oblique forms of one name
# must meet, not produce a linguistic stem.
_RU_ENDINGS = sorted((
    "ого", "ему", "ому", "ыми", "ими", "ая", "яя", "ое", "ее", "ой", "ей", "ую", "юю", "ый", "ий", "ые",
    "ие", "ых", "их", "ым", "им", "ом", "ем", "ами", "ями", "ах", "ях", "ия", "ии", "ию", "ией", "а", "я",
    "у", "ю", "е", "ы", "и", "о", "ь", "й",
), key=len, reverse=True)  # fmt: skip
_TOKEN = re.compile(r"[^\W_]+")
_CYRILLIC = re.compile(r"[а-яёіїєґ]")


def _ru_stem(token: str) -> str:
    for end in _RU_ENDINGS:
        if token.endswith(end) and len(token) - len(end) >= (2 if len(end) == 1 else 3):
            return token[: -len(end)]
    return token


def _skeleton(token: str) -> str:
    """Collapse transcription variants of one Latin-script token."""
    t = token
    t = re.sub(r"gu(?=[ei])", "g", t)  # French writes a hard g before e/i as "gu"
    t = t.replace("ou", "u").replace("w", "v").replace("ph", "f").replace("ck", "k").replace("kh", "h")
    t = t.replace("y", "i").replace("j", "i") if not t.startswith("j") else "j" + t[1:].replace("y", "i")
    t = re.sub(r"(.)\1+", r"\1", t)
    if len(t) > 4 and t.endswith("e"):
        t = t[:-1]
    return t


def _tokens(surface: str) -> list[str]:
    text = unicodedata.normalize("NFKC", surface).casefold().translate(_FOLD)
    text = re.sub(r"\b[ld][’']", " ", text)  # French elision: l'Ukraine, d'Ukraine
    out: list[str] = []
    for tok in _TOKEN.findall(text):
        # Cyrillic is transliterated without accent folding, which would turn "й" into "и";
        # the text is case-folded already, so lang.fold only drops accents.
        tok = _ru_stem(tok).translate(_CYR) if _CYRILLIC.search(tok) else lang.fold(tok)
        out.append(_skeleton(tok))
    return [t for t in out if t]


def _base_key(surface: str, label: str | None) -> str:
    toks = _tokens(surface)
    if len(toks) > 1 and label in (None, "PER"):
        while len(toks) > 1 and toks[0] in _TITLE_TOKENS:
            toks = toks[1:]
    if len(toks) > 1 and label in (None, "LOC"):
        kept = [t for t in toks if t not in _PLACE_HEADS]
        while kept and kept[0] in _CONNECT_TOKENS:
            kept = kept[1:]
        if kept and len(kept) < len(toks):
            toks = kept
    return "-".join(toks)


def _slug(name: str) -> str:
    """Readable key of a canonical table name ("Kim Jong Un" -> "kim-jong-un")."""
    return "-".join(_TOKEN.findall(lang.fold(name)))


@functools.lru_cache(maxsize=1)
def _exonym_index() -> dict[str, tuple[str, str]]:
    """Base key of every listed spelling -> (canonical key, canonical name)."""
    index: dict[str, tuple[str, str]] = {}
    for name, (label, variants) in _EXONYMS.items():
        canon = _slug(name)
        for v in (name, *variants):
            index.setdefault(_base_key(v, label), (canon, name))
    return index


@functools.lru_cache(maxsize=1)
def _table_labels() -> dict[str, str]:
    return {_slug(name): label for name, (label, _) in _EXONYMS.items()}


def canonical_name(surface: str, label: str | None = None) -> str | None:
    """The exonym table's canonical (English) name for ``surface``, if listed."""
    hit = _exonym_index().get(_base_key(surface, label))
    return hit[1] if hit else None


@functools.lru_cache(maxsize=65536)
def entity_key(surface: str, label: str | None = None) -> str:
    """Normalised key of a name: equal for spellings, scripts and languages of one entity.

    ``label`` (PER/LOC/ORG/MISC) enables label-specific clean-up: titles are
    dropped from persons, generic heads ("région de") from places.
    """
    if not isinstance(surface, str):
        raise TypeError(f"surface must be str, not {type(surface).__name__}")
    base = _base_key(surface, label)
    hit = _exonym_index().get(base)
    return hit[0] if hit else base


@functools.lru_cache(maxsize=1)
def _lexicon_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    labels: dict[str, str] = {}
    for name, (label, variants) in _EXONYMS.items():
        for v in (name, *variants):
            labels.setdefault(v, label)
    alternation = "|".join(re.escape(v) for v in sorted(labels, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"), labels


def lexicon_matches(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of every exact, case-sensitive exonym-table name in ``text``."""
    pattern, labels = _lexicon_pattern()
    return [(m.start(), m.end(), labels[m.group(0)]) for m in pattern.finditer(text)]


@lang.on_change
def _language_tables() -> None:
    global _TITLE_TOKENS
    _TITLE_TOKENS = frozenset(lang.fold(title).rstrip(".") for title in lang.collect("titles"))
    # Keys drop titles: the ones computed with other titles are stale.
    _exonym_index.cache_clear()
    entity_key.cache_clear()


def table_label(key: str) -> str | None:
    """The label (PER/LOC/ORG/MISC) the exonym tables give an entity key, if they list it."""
    return _table_labels().get(key)
