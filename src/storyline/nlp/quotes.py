"""Quotations with their speaker, matched across articles (verbatim, truncated, translated, paraphrased).

Extraction works per sentence: a quoted span of at least ``QUOTE_MIN_WORDS``
words is a quotation; shorter quoted spans ("libérée", « héros ») are
*fragments* -- scare quotes or keywords lifted from a quotation, used to
recognise an article that paraphrases a quotation it does not reproduce.

The speaker comes from the reporting clause around the quotation ("a déclaré
X", "X said", "sagte X", "selon X", "X a déclaré : « … »").  A pronoun
("a-t-il déclaré", "he said") resolves to the first person named in the
nearest preceding sentence that names one: the first name of a French or
English sentence is almost always its subject ("Vladimir Poutine a exprimé sa
gratitude envers ... Kim Jong-un" -> Poutine), which the *last* name is not.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from storyline import lang
from storyline.nlp.encoder import Encoder
from storyline.nlp.entities import sentence_mentions
from storyline.nlp.names import entity_key
from storyline.nlp.ner import Mention
from storyline.nlp.sentences import split_sentences
from storyline.types import Article, Quote

__all__ = [
    "QuoteMention",
    "extract_quotes",
    "group_quotes",
    "quote_spans",
    "quote_dice",
    "QUOTE_MIN_WORDS",
    "NEAR_VERBATIM_DICE",
    "TRANSLATED_QUOTE_COSINE",
    "MIN_PARAPHRASE_FRAGMENTS",
]

#: A quoted span shorter than this is a fragment, not a quotation: the same
#: bar as the provenance aligner ("l'exploit", « libérée » are scare quotes).
QUOTE_MIN_WORDS = 4
#: Token Dice at or above which two quotations are one (near-verbatim: a
#: truncated quote, a changed article or tense).  Two different sentences by
#: the same speaker on one topic stayed below 0.4 on the hand-built test pairs;
#: a quotation and its truncation to half its length scores 0.67.
NEAR_VERBATIM_DICE = 0.6
#: USE cosine at or above which two quotations are translations of one
#: another.  On ECB+ dev, 99.9% of sentence pairs from *different* events of
#: one topic score below 0.67; a sentence and its translation typically score
#: 0.8+ (USE multilingual was trained for exactly that).
TRANSLATED_QUOTE_COSINE = 0.7
#: Quoted fragments of a quotation an article must contain to count as
#: paraphrasing it (one fragment can be a coincidence; two is a pattern).  One
#: fragment is enough when the sentence also names the speaker.
MIN_PARAPHRASE_FRAGMENTS = 2
#: How many sentences back a pronoun may look for its antecedent.
PRONOUN_LOOKBACK = 3

# Quoted spans.  A French opening guillemet closed by a mistyped second « is
# accepted when the span is short (a fragment): « héros« .
_QUOTE = re.compile(
    r"«\s*(?P<g>[^«»]+?)\s*»|«\s*(?P<gs>[^«»\n]{1,40}?)\s*«|“(?P<c>[^“”]+?)”|„(?P<d>[^„“”]+?)[“”]"
    r"|\"(?P<s>[^\"]+?)\"|‘(?P<sc>[^‘’]{3,}?)’(?!\w)"
)

# Reporting verbs and "selon X" / "according to X" before or after the
# quotation, of the registered languages: set by _language_tables.
_VERB_RE: re.Pattern[str]
_ACCORDING_RE: re.Pattern[str]


@lang.on_change
def _language_tables() -> None:
    global _VERB_RE, _ACCORDING_RE
    verbs = "|".join(re.escape(v) for v in lang.collect("speech_verbs"))
    _VERB_RE = re.compile(rf"(?<!\w)(?:{verbs})(?!\w)", re.IGNORECASE)
    _ACCORDING_RE = re.compile(rf"(?<!\w)(?:{'|'.join(lang.collect('according_to'))})\s+", re.IGNORECASE)


_PRONOUN_RE = re.compile(
    r"(?:(?<=-)|(?<![\w-]))(?:il|elle|ils|elles|he|she|they|er|sie|él|ella|lui|lei|он|она)(?!\w)",
    re.IGNORECASE,
)
# Descriptor noun phrase after a verb when no name follows: "a déclaré le porte-parole".
_DESCRIPTOR_RE = re.compile(
    r"^\s*(?:(?:le|la|les|l['’]|un|une|the|a|der|die|das|el|la|il|lo)\s*)([^\W\d_][\w'’ -]{2,60}?)\s*(?:[,.;:(]|$)",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[^\W_]+")
_SPEAKER_LABELS = ("PER", "ORG")
#: Words kept of a title-laden subject span ("Chief Executive Duarte Mesquita" -> "Duarte
#: Mesquita") when the article names no person the span ends with: a first and a last name.
#: Found on the example corpus (one quote, 012).  A person the article names elsewhere wins
#: ("North Korean leader Kim Jong Un" -> "Kim Jong Un", not "Jong Un").
SUBJECT_NAME_WORDS = 2


@dataclass(slots=True)
class QuoteMention:
    """One quoted span in one article."""

    text: str
    speaker: str | None
    sentence: str
    article: str
    index: int  # sentence index in the article
    fragment: bool = False  # shorter than QUOTE_MIN_WORDS: a scare quote or a lifted keyword
    language: str | None = None
    persons: list[str] = field(default_factory=list)  # persons named in the sentence


def quote_spans(sentence: str) -> list[tuple[int, int, str]]:
    """``(start, end, inner text)`` of every quoted span in ``sentence``."""
    out = []
    for m in _QUOTE.finditer(sentence):
        inner = next(g for g in m.groups() if g is not None).strip(" ,.;:")
        if inner:
            out.append((m.start(), m.end(), inner))
    return out


def _words(text: str) -> int:
    return len(_TOKEN.findall(text))


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(lang.fold(text))


def _persons(found: list[Mention], labels: tuple[str, ...] = ("PER",)) -> list[Mention]:
    return [m for m in found if m.label in labels]


def _in_span(found: list[Mention], start: int, end: int, labels: tuple[str, ...]) -> list[Mention]:
    return [m for m in found if m.label in labels and m.start >= start and m.end <= end]


def _speaker_after(
    sentence: str, end: int, found: list[Mention], known: frozenset[str] = frozenset()
) -> tuple[str | None, bool]:
    """Speaker from the clause after a quotation: (name or descriptor, is_pronoun).

    ``known`` are the persons the article names anywhere (for title-laden subjects)."""
    tail_end = len(sentence)
    nxt = _QUOTE.search(sentence, end)
    if nxt:
        tail_end = nxt.start()
    tail = sentence[end:tail_end]
    verb = _VERB_RE.search(tail[:60])
    acc = _ACCORDING_RE.search(tail[:40])
    if verb is None and acc is None:
        return None, False
    anchor = verb if verb is not None else acc
    assert anchor is not None
    # A name right after the verb ("a déclaré le dirigeant X"), or before it ("X said").
    window_start = end + anchor.end()
    after = _in_span(found, window_start, min(tail_end, window_start + 80), _SPEAKER_LABELS)
    before = _in_span(found, end, end + anchor.start(), _SPEAKER_LABELS)
    pron_zone = tail[: anchor.end() + 6]
    if before:
        return before[0].text, False
    subject = _subject_before_verb(found, end + anchor.start(), known) if verb is not None else None
    if subject is not None:
        return subject, False
    if _PRONOUN_RE.search(pron_zone):
        return None, True
    if after:
        pers = [m for m in after if m.label == "PER"]
        return (pers or after)[0].text, False
    d = _DESCRIPTOR_RE.match(sentence[window_start:tail_end])
    if d and verb is not None:
        return d.group(0).strip(" ,.;:("), False
    return None, False


def _subject_before_verb(
    found: list[Mention], verb_start: int, known: frozenset[str] = frozenset()
) -> str | None:
    """A mention of any label ending right before the speech verb is its subject ("…," Lusoterminal
    Chief Executive Duarte Mesquita told): the English models tag such title-laden spans MISC, and
    without this a place named after the verb ("at the Alcântara terminal") became the speaker.
    The speaker is the longest person of ``known`` the span ends with, else the span's last
    SUBJECT_NAME_WORDS words: the name follows the titles."""
    for m in found:
        if m.label not in _SPEAKER_LABELS and 0 <= verb_start - m.end <= 2:
            words = m.text.split()
            for n in range(len(words), 0, -1):
                if " ".join(words[-n:]) in known:
                    return " ".join(words[-n:])
            return " ".join(words[-SUBJECT_NAME_WORDS:])
    return None


def _speaker_before(sentence: str, start: int, found: list[Mention]) -> tuple[str | None, bool]:
    """Speaker from a clause before the quotation: "X a déclaré : « … »", "Selon X, « … »"."""
    head = sentence[:start]
    if not (_VERB_RE.search(head) or _ACCORDING_RE.search(head)) or not re.search(r"[:,]\s*$", head):
        return None, False
    names = _in_span(found, 0, start, _SPEAKER_LABELS)
    pers = [m for m in names if m.label == "PER"]
    if pers or names:
        return (pers or names)[0].text, False
    if _PRONOUN_RE.match(head.strip()):
        return None, True
    return None, False


def extract_quotes(article: Article, *, mentions: list[list[Mention]] | None = None) -> list[QuoteMention]:
    """Quotations (and short quoted fragments) of ``article`` with their speakers.

    ``mentions`` are NER mentions per sentence (as from
    :func:`storyline.nlp.entities.sentence_mentions`); computed here when
    not given.
    """
    if not isinstance(article, Article):
        raise TypeError(f"extract_quotes() takes an Article, not {type(article).__name__}")
    sentences = article.sentences or split_sentences(article.text or "")
    if mentions is None:
        mentions = sentence_mentions([article]).get(article.id, [])
    if len(mentions) != len(sentences):
        raise ValueError(
            f"article {article.id}: {len(mentions)} mention lists for {len(sentences)} sentences"
        )
    out: list[QuoteMention] = []
    known = frozenset(" ".join(m.text.split()) for found in mentions for m in _persons(found))
    for i, sentence in enumerate(sentences):
        found = mentions[i]
        persons = [m.text for m in _persons(found)]
        for start, end, inner in quote_spans(sentence):
            fragment = _words(inner) < QUOTE_MIN_WORDS
            speaker: str | None = None
            if not fragment:
                outside = [m for m in found if m.end <= start or m.start >= end]
                speaker, pronoun = _speaker_after(sentence, end, outside, known)
                if speaker is None and not pronoun:
                    speaker, pronoun = _speaker_before(sentence, start, outside)
                if speaker is None and pronoun:
                    speaker = _antecedent(mentions, i)
            out.append(
                QuoteMention(
                    text=inner,
                    speaker=speaker,
                    sentence=sentence,
                    article=article.id,
                    index=i,
                    fragment=fragment,
                    language=article.language,
                    persons=persons,
                )
            )
    return out


def _antecedent(mentions: list[list[Mention]], index: int) -> str | None:
    for j in range(index - 1, max(-1, index - 1 - PRONOUN_LOOKBACK), -1):
        pers = _persons(mentions[j])
        if pers:
            return pers[0].text
    return None


# -- grouping across articles --------------------------------------------------------------


def _dice(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    ca, cb = Counter(a), Counter(b)
    return 2 * sum((ca & cb).values()) / (len(a) + len(b))


def quote_dice(a: str, b: str) -> float:
    """Token Dice of two quotation texts, case- and accent-folded: compare with NEAR_VERBATIM_DICE."""
    return _dice(_tokens(a), _tokens(b))


def _contains(a: list[str], b: list[str]) -> bool:
    """Is token sequence ``b`` a contiguous part of ``a``?"""
    n = len(b)
    return n > 0 and any(a[i : i + n] == b for i in range(len(a) - n + 1))


def _speaker_key(speaker: str | None) -> str | None:
    if not speaker:
        return None
    return entity_key(speaker, "PER")


def _same_speaker(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    ka, kb = _speaker_key(a), _speaker_key(b)
    assert ka is not None and kb is not None
    # "Poutine" vs "Vladimir Poutine": a surname matches its full name.
    return ka == kb or ka in kb.split("-") or kb in ka.split("-")


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)


def group_quotes(
    mentions: list[QuoteMention],
    *,
    vectors: np.ndarray | None = None,
    encoder: Encoder | None = None,
) -> list[Quote]:
    """The story's quotations: one :class:`Quote` per statement, however many articles carry it.

    ``vectors`` are optional (n_quotations, dim) embeddings of the full
    quotations' texts in order; when absent and an ``encoder`` is given they
    are computed with it, so translated quotations meet (without either,
    quotations meet by their words alone).
    """
    full = [m for m in mentions if not m.fragment]
    fragments = [m for m in mentions if m.fragment]
    if not full:
        return []
    toks = [_tokens(m.text) for m in full]
    if vectors is None and encoder is not None:
        vectors = encoder.encode([m.text for m in full])
    if vectors is not None and len(vectors) != len(full):
        raise ValueError(f"{len(vectors)} quotation vectors for {len(full)} quotations")
    sims = vectors @ vectors.T if vectors is not None else None

    union = _Union(len(full))
    for i in range(len(full)):
        for j in range(i + 1, len(full)):
            if not _same_speaker(full[i].speaker, full[j].speaker):
                continue
            same = (
                toks[i] == toks[j]
                or _contains(toks[i], toks[j])
                or _contains(toks[j], toks[i])
                or _dice(toks[i], toks[j]) >= NEAR_VERBATIM_DICE
                or (sims is not None and float(sims[i, j]) >= TRANSLATED_QUOTE_COSINE)
            )
            if same:
                union.join(i, j)

    groups: dict[int, list[int]] = {}
    for i in range(len(full)):
        groups.setdefault(union.find(i), []).append(i)

    quotes: list[Quote] = []
    for members in groups.values():
        articles = list(dict.fromkeys(full[i].article for i in members))
        variants: dict[str, str] = {}
        for i in members:
            variants.setdefault(full[i].article, full[i].text)
        speakers: Counter[str] = Counter(sp for i in members if (sp := full[i].speaker))
        speaker = _best_speaker(speakers)
        # The wording most articles share; on a tie the shortest (the common core of a truncation).
        wording = Counter(variants.values())
        text = min(wording, key=lambda t: (-wording[t], len(t)))
        quote_tokens = set().union(*(set(toks[i]) for i in members))
        paraphrased = _paraphrasing_articles(fragments, set(articles), quote_tokens, speaker)
        quotes.append(Quote(speaker=speaker, text=text, articles=articles, variants=variants,
                            paraphrased_in=paraphrased))  # fmt: skip
    quotes.sort(key=lambda q: (-(len(q.articles) + len(q.paraphrased_in)), q.text))
    return quotes


def _best_speaker(speakers: Counter[str]) -> str | None:
    if not speakers:
        return None
    # Prefer a full name over a surname or a descriptor, then the most frequent.
    return max(speakers, key=lambda s: (speakers[s], len(s.split()) > 1, len(s)))


def _paraphrasing_articles(
    fragments: list[QuoteMention], quoting: set[str], quote_tokens: set[str], speaker: str | None
) -> list[str]:
    """Articles that do not carry the quotation but lift fragments of it."""
    hits: dict[str, set[str]] = {}
    named: dict[str, bool] = {}
    for f in fragments:
        if f.article in quoting:
            continue
        ftoks = [t for t in _tokens(f.text) if len(t) > 2]
        if not ftoks or not all(t in quote_tokens for t in ftoks):
            continue
        hits.setdefault(f.article, set()).add(" ".join(ftoks))
        if speaker and any(_same_speaker(speaker, p) for p in f.persons):
            named[f.article] = True
    return sorted(
        a for a, found in hits.items() if len(found) >= MIN_PARAPHRASE_FRAGMENTS or (found and named.get(a))
    )
