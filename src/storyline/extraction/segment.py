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

from ..sentences import split_sentences
from .shape import line_features

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


@dataclass(slots=True)
class Segmented:
    """Pseudo-lines to label, the input line each came from, and whether it is
    a sentence of a flattened line (judged by content, not position)."""

    texts: list[str]
    source: list[int]
    is_segment: list[bool]

    @property
    def any_segment(self) -> bool:
        return any(self.is_segment)


def segment_lines(lines: Sequence[str]) -> Segmented:
    """Split the flattened lines of a page into sentences (other lines stay as they are)."""
    non_blank = sum(1 for ln in lines if ln.strip())
    out = Segmented([], [], [])
    for i, ln in enumerate(lines):
        pieces = _pieces(ln, few_lines=non_blank <= FLAT_MAX_LINES) if len(ln) > 4 * FLAT_MIN_WORDS else None
        if pieces is None:
            out.texts.append(ln)
            out.source.append(i)
            out.is_segment.append(False)
            continue
        out.texts.extend(pieces)
        out.source.extend([i] * len(pieces))
        out.is_segment.extend([True] * len(pieces))
    return out


def _pieces(line: str, *, few_lines: bool) -> list[str] | None:
    n = line_features(line).n_words
    if n < FLAT_MIN_WORDS or (not few_lines and n < FLAT_LONG_WORDS):
        return None
    pieces = split_sentences(line)
    return pieces if len(pieces) > 1 else None
