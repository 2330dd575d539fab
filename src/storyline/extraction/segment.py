"""Flattened pages: text whose line breaks were lost, labelled sentence by sentence.

The line labeller reads a page line by line, and a scraped page normally has
one paragraph per line.  Many real inputs do not: a scraper that joined the
page into one line (the headline, a caption, the article and a newsletter
prompt in one run of text), a feed item's one-paragraph body, an API that
strips newlines.  Labelled as one line, such a text is all-or-nothing: the
whole page is kept with its furniture, or rejected because its first words
look like a menu.  Split into sentences, each piece is judged on its own.

Only lines that look flattened are split: long ones on a page of very few
lines, or any very long line; an ordinary paragraph of a few sentences is
left whole, so pages with their line breaks label exactly as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..nlp.sentences import split_sentences
from .shape import SPACED_CHARS_PER_SPACE, word_count

__all__ = ["Segmented", "segment_lines", "FLAT_MIN_WORDS", "FLAT_MAX_LINES", "FLAT_LONG_WORDS"]

#: A line needs this many words to be split at all (dev paragraphs of the
#: example corpus: 12-63 words; a headline glued to a first paragraph is 40+).
FLAT_MIN_WORDS = 40
#: ...and the page at most this many non-blank lines (a title, a flattened
#: body and a trailing credit): on SemEval-2022 dev, 1,781 of 2,419 texts
#: have no line break at all and 40 one or two.
FLAT_MAX_LINES = 3
#: Any line this long is split whatever the page: no paragraph of the
#: example corpus, the seeds or the extraction benchmark's pages is close
#: (the longest is ~140 words), while flattened pages run 150-2,000.
FLAT_LONG_WORDS = 200
# Shorter lines (characters) cannot hold FLAT_MIN_WORDS words of any script.
MIN_FLAT_CHARS = 2 * FLAT_MIN_WORDS


@dataclass(slots=True)
class Segmented:
    """Pseudo-lines to label, the input line each came from, and whether it is
    a sentence of a flattened line (judged by content, not position)."""

    texts: list[str]
    source: list[int]
    is_segment: list[bool]


def segment_lines(lines: Sequence[str]) -> Segmented | None:
    """Split the flattened lines of a page into sentences; None when no line
    is flattened (the common case, answered without copying the page)."""
    few = sum(1 for ln in lines if ln and not ln.isspace()) <= FLAT_MAX_LINES
    # (FLAT_LONG_WORDS words take twice as many characters in any script)
    min_chars = MIN_FLAT_CHARS if few else 2 * FLAT_LONG_WORDS
    split: dict[int, list[str]] = {}
    for i, ln in enumerate(lines):
        if len(ln) > min_chars:
            pieces = _pieces(ln, few_lines=few)
            if pieces is not None:
                split[i] = pieces
    if not split:
        return None
    out = Segmented([], [], [])
    for i, ln in enumerate(lines):
        pieces = split.get(i)
        if pieces is None:
            out.texts.append(ln)
            out.source.append(i)
            out.is_segment.append(False)
        else:
            out.texts.extend(pieces)
            out.source.extend([i] * len(pieces))
            out.is_segment.extend([True] * len(pieces))
    return out


def _pieces(line: str, *, few_lines: bool) -> list[str] | None:
    # (spaces bound the words of a spaced script from above, cheaply: most
    # paragraphs stop here; CJK text, which has few spaces, is counted)
    need = FLAT_MIN_WORDS if few_lines else FLAT_LONG_WORDS
    spaces = line.count(" ")
    if spaces * SPACED_CHARS_PER_SPACE >= len(line):  # a spaced script: a space or more a word
        if spaces + 1 < need:
            return None
    elif word_count(line) < need:
        return None
    pieces = split_sentences(line)
    return pieces if len(pieces) > 1 else None
