"""Fast rule-based sentence splitting for European languages.

spaCy's ``senter`` is more accurate but costs ~1 ms per sentence; alignment,
clustering and summaries only need boundaries that are *consistent* across
articles, so a regex splitter that knows common abbreviations is enough and
keeps this stage negligible next to the embedding model.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences", "split_paragraphs"]

_ABBREV = {
    "m",
    "mm",
    "mme",
    "mmes",
    "mlle",
    "dr",
    "pr",
    "st",
    "ste",
    "mr",
    "mrs",
    "ms",
    "prof",
    "gen",
    "gén",
    "col",
    "lt",
    "sgt",
    "jr",
    "sr",
    "inc",
    "ltd",
    "co",
    "corp",
    "vs",
    "etc",
    "no",
    "nr",
    "nº",
    "art",
    "bzw",
    "ca",
    "hr",
    "fr",
    "sig",
    "sra",
    "dott",
    "ing",
    "avv",
    "u.s",
    "u.k",
    "e.g",
    "i.e",
    "z.b",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "janv",
    "févr",
    "avr",
    "juil",
    "déc",
    "p",
    "pp",
    "vol",
    "ed",
    "éd",
}
# A boundary: terminal punctuation (optionally followed by closing quotes or
# brackets), white space, then something that can start a sentence.
_BOUNDARY = re.compile(r'([.!?…]+["»”’)\]]*)\s+(?=["«“‘(\[¿¡]?\s?[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ0-9])')
_WORD_BEFORE = re.compile(r"(\S+)$")
# German (and Scandinavian) ordinals: "am 12. März" is one sentence.
_MONTHS_AFTER_ORDINAL = re.compile(
    r"(Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b"
)


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
    return out
