"""Fast rule-based sentence splitting (European scripts, CJK, Arabic and other caseless scripts).

spaCy's ``senter`` is more accurate but costs ~1 ms per sentence; alignment,
clustering and summaries only need boundaries that are *consistent* across
articles, so a regex splitter that knows common abbreviations is enough and
keeps this stage negligible next to the embedding model.
"""

from __future__ import annotations

import re

from storyline import lang

__all__ = ["split_sentences", "split_paragraphs"]

# Abbreviations after which a full stop ends no sentence ("M. Poutine",
# "14 janv. 2025"), and the month names a German-style ordinal stands before
# ("am 12. März"): set from the registered languages by _language_tables.
_ABBREV: frozenset[str]
_MONTHS_AFTER_ORDINAL: re.Pattern[str]
# Letters of scripts without case (Arabic, Hebrew, Devanagari, Thai, CJK,
# Hangul): any of them can open a sentence, since no capital marks one.
_CASELESS = "\u0590-\u08ff\u0900-\u0dff\u0e00-\u0eff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
# A boundary: terminal punctuation (optionally followed by closing quotes or
# brackets), white space, then something that can start a sentence.  The
# Arabic question mark and full stop count as terminal punctuation.
_BOUNDARY = re.compile(r'([.!?…؟۔]+["»”’)\]]*)\s+(?=["«“‘(\[¿¡]?\s?[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ0-9' + _CASELESS + r"])")
# CJK full-width terminal punctuation ends a sentence with no space after it:
# Chinese and Japanese put none.
_CJK_BOUNDARY = re.compile(r"([。！？]+[”」』）]*)(?=\S)")
_WORD_BEFORE = re.compile(r"(\S+)$")


@lang.on_change
def _language_tables() -> None:
    global _ABBREV, _MONTHS_AFTER_ORDINAL
    _ABBREV = lang.union("abbreviations") | lang.union("month_abbreviations")
    # Languages that write ordinals with a stop ("am 12. März"), in which the
    # month is capitalised: a day, a stop and a month is one sentence.
    names = {m.capitalize() for d in lang.registry() if d.dotted_ordinals for m in d.months}
    alternation = "|".join(re.escape(m) for m in sorted(names, key=len, reverse=True)) or "(?!)"
    _MONTHS_AFTER_ORDINAL = re.compile(rf"({alternation})\b")


def split_paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences; paragraph breaks always end a sentence."""
    out: list[str] = []
    for para in split_paragraphs(text):
        start = 0
        for m in _BOUNDARY.finditer(para):
            head = para[start : m.start(1)]
            word = _WORD_BEFORE.search(head)
            token = word.group(1).lower().rstrip(".") if word else ""
            # "M. Poutine", "U.S. officials", "14 janv. 2025": not a boundary.
            if m.group(1) == "." and (token in _ABBREV or (len(token) == 1 and token.isalpha())):
                continue
            if (
                m.group(1) == "."
                and token.isdigit()
                and len(token) <= 2
                and _MONTHS_AFTER_ORDINAL.match(para, m.end())
            ):
                continue
            sent = para[start : m.end(1)].strip()
            if sent:
                out.append(sent)
            start = m.end()
        tail = para[start:].strip()
        if tail:
            out.append(tail)
    return [piece for sent in out for piece in _split_cjk(sent)]


def _split_cjk(sentence: str) -> list[str]:
    if not _CJK_BOUNDARY.search(sentence):
        return [sentence]
    pieces = []
    start = 0
    for m in _CJK_BOUNDARY.finditer(sentence):
        pieces.append(sentence[start : m.end(1)].strip())
        start = m.end(1)
    pieces.append(sentence[start:].strip())
    return [p for p in pieces if p]
