"""The shape of one line: how many words, how it ends, its share of function words.

These cues are all the line labeller (:mod:`storyline.extraction.lines`)
reads of a line's own text besides the cue vocabulary; they are cheap (a few
regex and set operations on the first HEAD_CHARS characters) because every
line of every page goes through them.

Scripts differ in what a "word" is.  Languages written without spaces
(Chinese, Japanese) count CJK characters, CJK_CHARS_PER_WORD to a word, and
judge function words by their one-character particles (的, の); caseless
scripts (Arabic, Hebrew, CJK, Thai) start every sentence with a letter that
is neither upper nor lower case, which counts as a capital.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from .. import lang
from . import cues, walls

__all__ = [
    "LineFeatures",
    "line_features",
    "line_key",
    "is_prose",
    "is_prose_line",
    "ends_sentence",
    "tokens",
    "word_count",
    "has_cjk",
    "MIN_PROSE_WORDS",
    "LONG_PROSE_WORDS",
    "LONG_SENTENCE_WORDS",
    "MIN_PROSE_STOP_RATIO",
    "HEAD_CHARS",
    "KEY_CHARS",
]

# Calibration.  "Dev pages" are the example corpus (examples/, 35 scraped
# text pages in FR/EN/DE/ES/IT with line labels in examples/gold.json); we
# measured there: headlines and subheadings 5-18 words, paragraphs 12-63
# words with 0.125-0.70 function words (median 0.37), captions 6-25 words,
# furniture lines a median of 0 function words.

#: A line needs this many words to count as running prose (dev paragraphs:
#: 12+ words; the margin admits one-sentence paragraphs of other sites).
MIN_PROSE_WORDS = 9
#: A line this long is prose even without final punctuation (scrapers drop
#: a final full stop; paragraphs end on a colon before a quote).
LONG_PROSE_WORDS = 22
#: A sentence this long is prose even with few function words (Russian
#: news prose: ~0.05-0.10 of the words on our list).
LONG_SENTENCE_WORDS = 10
#: Share of function words of running prose: just under the lowest dev
#: paragraph (0.125); half the dev furniture lines are below it.
MIN_PROSE_STOP_RATIO = 0.12
#: A sentence without any function word is prose only when fewer than this
#: share of its words are capitalised (Turkish prose of SemEval-2022 dev:
#: 0.1-0.35; menus and lists of names 0.8-1.0).
MAX_PROSE_TITLE_RATIO = 0.5
#: Characters of a line read for its ratios.  Throughput benchmark: 160 ->
#: 120 characters took labelling from ~1,300 to ~1,550 pages/s with no change
#: on the dev and seed labels, but on the HTML benchmark (where the prose test
#: also arbitrates trafilatura's two runs) F1 fell from 0.970 to 0.966;
#: reading 400 characters gave 0.970 as 160 does.
HEAD_CHARS = 160
#: Lines up to this long (characters) get a normalised key; longer ones
#: (paragraphs) are keyed on their exact text, which is cheaper and enough:
#: a paragraph printed twice, or an appeal recurring on an outlet's pages,
#: repeats byte for byte.
KEY_CHARS = 200
#: Lines longer than this are not scanned for the widget lexicon at all.
MAX_WIDGET_SCAN_WORDS = 30
#: CJK characters per word when a line is written without spaces: Chinese
#: words average 1.5-2 characters; 2 keeps a 20-character headline (10
#: "words") below MIN_PROSE_WORDS + 1 and a 40-character sentence above it.
CJK_CHARS_PER_WORD = 2
#: A line with a space at least every this many characters is in a spaced
#: script (Latin, Cyrillic, Arabic words average 5-8 characters with their
#: space); CJK text has a space every 20-100 characters, around Latin words.
SPACED_CHARS_PER_SPACE = 12

_CLOSERS = '"»”’)] \t」』）'
_TERMINALS = ".!?…:;。！？；：؟"
_NON_WORD = re.compile(r"[\W_]+")
_DIGIT = re.compile(r"\d")
# Words split at apostrophes and hyphens ("l'actualité" -> "l", "actualité"),
# so French and Italian elisions count as the function words they are.
_TOKEN = re.compile(r"[^\W_]+")
_FIND_TOKENS = _TOKEN.findall
# Without an underscore in the text, plain word runs are the same tokens, and
# the engine scans a bare category faster than a negated class (~13 % of the
# tokeniser's time on the throughput benchmark's paragraphs).
_FIND_WORD_RUNS = re.compile(r"\w+").findall
# Kana and CJK ideographs: one token per character (Hangul keeps spaces between words).
_CJK_RANGE = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_FIND_CJK_OR_WORD = re.compile(f"[{_CJK_RANGE}]|[^\\W_{_CJK_RANGE}]+").findall
_CJK_CHAR = re.compile(f"[{_CJK_RANGE}]")
_FIRST_CJK = "\u3040"
_IS_STOP: Callable[[str], bool]
_IS_FUNCTION_CHAR: Callable[[str], bool]


@lang.on_change
def _language_tables() -> None:
    # Bound methods of the registry's unions: one C call per token on the hot path.
    global _IS_STOP, _IS_FUNCTION_CHAR
    _IS_STOP = lang.all_stop_words().__contains__
    _IS_FUNCTION_CHAR = lang.all_function_chars().__contains__


_IS_SECOND = cues.SECOND_PERSON.__contains__
_WALL_WORDS = walls.WALL_WORDS
_URL_SEARCH = cues.URL_RE.search
_EMAIL_SEARCH = cues.EMAIL_RE.search


class LineFeatures(NamedTuple):
    """Shape cues of one line (all cheap to compute)."""

    n_words: int
    terminal: bool  # ends like a sentence
    first_upper: bool  # starts with a capital (or a letter of a caseless script)
    title_ratio: float  # share of words starting with a capital
    upper_ratio: float  # share of all-caps words (2+ letters)
    stop_ratio: float  # share of function words
    second_person: float  # share of second-person words
    widget_hits: int  # matches of the widget/menu lexicon
    has_url: bool
    has_email: bool
    wall_words: bool = False  # holds a word of a cookie/bot/log-in wall notice (see walls.WALL_WORDS)


def line_key(text: str) -> str:
    """Normalised *shape* of a line: case-folded, digits -> 0, punctuation dropped.

    Used to find lines printed twice in a page and lines recurring across an
    outlet's pages ("Publié le 12/03/2025" and "Publié le 14/03/2025" share a
    shape).  Lines longer than KEY_CHARS are keyed on their exact text.
    """
    if len(text) > KEY_CHARS:
        return "#" + text.strip()
    t = _NON_WORD.sub(" ", text.casefold())
    return _DIGIT.sub("0", t).strip()


def has_cjk(text: str) -> bool:
    """Whether a text holds kana or CJK ideographs (ASCII text answers at once)."""
    return not text.isascii() and _CJK_CHAR.search(text) is not None


def tokens(text: str) -> list[str]:
    """Word tokens (split at apostrophes and hyphens; one per CJK character)."""
    if has_cjk(text):
        return _FIND_CJK_OR_WORD(text)
    return _FIND_WORD_RUNS(text) if "_" not in text else _FIND_TOKENS(text)


def word_count(text: str) -> int:
    """Words of a text of any script (CJK: CJK_CHARS_PER_WORD characters a word)."""
    if not has_cjk(text):
        return len(_FIND_TOKENS(text))
    toks = _FIND_CJK_OR_WORD(text)
    cjk = sum(1 for t in toks if len(t) == 1 and t >= _FIRST_CJK)
    return len(toks) - cjk + (cjk + CJK_CHARS_PER_WORD - 1) // CJK_CHARS_PER_WORD


def line_features(text: str) -> LineFeatures:
    # Cues are read on the first HEAD_CHARS characters with C-level regex
    # and set operations: enough to tell prose from a menu, and it bounds the
    # cost of long paragraphs (labelling must run at thousands of pages/s).
    head = text[:HEAD_CHARS]
    low_head = head.casefold()
    # (a head with a space every few characters is in a spaced script: no
    # need to look for CJK, which a regex scan would cost on every line)
    cjk_head = head.count(" ") * SPACED_CHARS_PER_SPACE < len(head) and has_cjk(head)
    split = _FIND_CJK_OR_WORD if cjk_head else _FIND_WORD_RUNS if "_" not in head else _FIND_TOKENS
    low_words = split(low_head)
    n_tokens = len(low_words)
    has_url = ("http" in text or "www." in text) and _URL_SEARCH(text) is not None
    has_email = ("@" in text or "[email" in text) and _EMAIL_SEARCH(text) is not None
    if n_tokens == 0:
        return LineFeatures(0, False, False, 0.0, 0.0, 0.0, 0.0, 0, has_url, has_email, False)
    cjk = sum(1 for w in low_words if len(w) == 1 and w >= _FIRST_CJK) if cjk_head else 0
    if cjk:
        # Written without spaces: a word is CJK_CHARS_PER_WORD characters,
        # and the head's share of the line scales the count up.
        n_head = n_tokens - cjk + max(1, cjk // CJK_CHARS_PER_WORD)
        n = n_head if len(text) <= HEAD_CHARS else round(n_head * len(text.rstrip()) / len(head))
        stops = sum(map(_IS_STOP, low_words)) + sum(map(_IS_FUNCTION_CHAR, low_words))
    else:
        n_head = n_tokens
        n = n_head if len(text) <= HEAD_CHARS else n_head + text.count(" ", HEAD_CHARS)
        stops = sum(map(_IS_STOP, low_words))
    second = sum(map(_IS_SECOND, low_words))
    stripped = text.rstrip()
    terminal = ends_sentence(stripped)
    first = text.lstrip()[:1]
    # A letter that is neither upper nor lower case belongs to a caseless
    # script (Arabic, CJK, Hebrew, Thai): it opens sentences and headlines.
    first_upper = first.isupper() or first in "«\"“‘(¿¡'「『" or (first.isalpha() and not first.islower())
    # Capitalisation only matters for menus, headings and shouted links,
    # never for a capitalised sentence: skip two regex passes on prose
    # (but not on a sentence without function words, which is_prose judges
    # by its capitals).
    if terminal and first_upper and stops:
        titled = upper = 0
    else:
        toks = split(head)
        upper = sum(map(str.isupper, toks))
        titled = sum(map(str.istitle, toks)) + upper
    # (positional: half the cost of keywords, for every line of every page)
    return LineFeatures(
        n,  # n_words
        terminal,
        first_upper,
        titled / n_tokens if titled < n_tokens else 1.0,  # title_ratio
        upper / n_tokens if upper < n_tokens else 1.0,  # upper_ratio
        stops / n_tokens,  # stop_ratio
        second / n_tokens,  # second_person
        # widget_hits -- widgets are short: skip the lexicon on long paragraphs.
        cues.widget_hits(low_head, low_words) if n <= MAX_WIDGET_SCAN_WORDS else 0,
        has_url,
        has_email,
        not _WALL_WORDS.isdisjoint(low_words),
    )


def ends_sentence(stripped: str) -> bool:
    end = stripped.rstrip(_CLOSERS)
    return bool(end) and end[-1] in _TERMINALS


def is_prose(f: LineFeatures) -> bool:
    """Whether a line of these features reads as running prose."""
    if f.n_words < MIN_PROSE_WORDS:
        return False
    if f.stop_ratio == 0.0:
        # None of our function words: a language we know little of (Turkish
        # news prose has none in most 160-character heads), or a menu.  A
        # long sentence in lower case is prose; a row of capitalised words
        # ending on a full stop is not.
        return f.terminal and f.n_words >= LONG_SENTENCE_WORDS and f.title_ratio < MAX_PROSE_TITLE_RATIO
    if f.stop_ratio < MIN_PROSE_STOP_RATIO:
        # Languages without articles (Russian) have fewer function words: a
        # long line that ends a sentence is still prose.
        return f.terminal and f.n_words >= LONG_SENTENCE_WORDS
    return f.terminal or f.n_words >= LONG_PROSE_WORDS


def is_prose_line(text: str) -> bool:
    """Whether ``text`` reads as running prose (see :data:`MIN_PROSE_WORDS`)."""
    return is_prose(line_features(text))
