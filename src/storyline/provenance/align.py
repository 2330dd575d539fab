"""Passage alignment between two articles: which sentences they share, and how.

Every sentence pair gets two similarities: the cosine of their multilingual sentence embeddings
(meaning) and a lexical Dice overlap of their word sets (wording).  Together they sort a pair into

* ``identical``       same normalised text;
* ``near_identical``  the same wording up to small edits (a copy);
* ``quote``           the pair shares a quotation verbatim but is otherwise worded differently —
                      two outlets citing the same statement, which on its own is not copying;
* ``translation``     same meaning in another language;
* ``paraphrase``      same meaning, other words, same language.

Sentences are then matched one-to-one (an order-preserving chain first, then strong matches out of
order, see :func:`align_sentences`), and runs of consecutive matches of the same kind are merged into :class:`~storyline.types.Passage` spans.  Everything is a handful of small
matrix products, so two 1,000-word articles align in a few milliseconds once embedded
(``benchmarks/bench_align.py``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import numpy as np

from storyline.types import Article, Passage

__all__ = [
    "PairScores",
    "Match",
    "align_articles",
    "align_sentences",
    "chain_is_evidence",
    "merge_passages",
    "pair_scores",
    "sentence_tokens",
    "extract_quotes",
    "unquoted_tokens",
    "check_vectors",
    "cosine_matrix",
    "PARAPHRASE_COSINE",
    "TRANSLATION_COSINE",
    "NEAR_IDENTICAL_DICE",
    "QUOTE_MIN_WORDS",
    "CHAIN_MIN_SCORE",
    "REWRITE_COVERAGE",
    "MIN_ALIGNED_SENTENCES",
    "MIN_EVIDENCE_WORDS",
]

_KIND_NAMES = ("", "identical", "near_identical", "quote", "translation", "paraphrase")
_KIND_NAME = dict(enumerate(_KIND_NAMES))
_KIND_CODE = {name: code for code, name in _KIND_NAME.items()}

#: Cosine (USE multilingual) at or above which two same-language sentences count as the same
#: statement even out of order.  On ECB+ dev same-event article pairs (different outlets, one event)
#: a sentence finds a partner at >= 0.8 in the other article 5.5% of the time on average (0.7: 13%,
#: 0.6: 27%; ``bench_align.py --calibrate``), so 0.8 keeps chance matches rare; weaker paraphrases
#: only count inside the order-preserving chain (CHAIN_MIN_SCORE).
PARAPHRASE_COSINE = 0.8
#: The same for sentences in two different languages.  USE's cross-lingual cosines for a sentence and
#: its translation are lower than monolingual ones for a copy: the planted en->de translation of the
#: example corpus aligns 10/10 sentences at >= 0.7 and 9/10 at >= 0.75; 250 semeval-2022 task 8
#: cross-lingual pairs give independent articles at most 0.5 of their sentences in an ordered chain
#: at this bar (see TRANSLATION_COVERAGE in relations.py).
TRANSLATION_COSINE = 0.7
#: Dice overlap of word sets at or above which a same-language pair counts as the same wording:
#: one or two words changed in a 20-word sentence gives ~0.9, a paraphrase rarely passes 0.6.
NEAR_IDENTICAL_DICE = 0.8
#: Mean of cosine and Dice at or above which a same-language pair may join the order-preserving
#: chain as a paraphrase.  Rewrites keep names and numbers while changing the rest, so a rewritten
#: sentence typically has cosine 0.55-0.8 and Dice 0.3-0.6 with its source (planted rewrite of the
#: example corpus); alone such a pair is common between independent reports, in a long ordered
#: chain it is not (see REWRITE_COVERAGE in relations.py).
CHAIN_MIN_SCORE = 0.45
#: Sentences shorter than this many words ("Trust me.", a dateline, a subheading) match by chance
#: and do not count as evidence of derivation (they still show as passages when strongly matched).
MIN_EVIDENCE_WORDS = 5
#: Share of the shorter article's sentences (of >= MIN_EVIDENCE_WORDS words) in the order-preserving
#: chain of matches for a rewrite.  Measured with ``bench_align.py --ecb/--examples``: the planted rewrite
#: of the example corpus reaches 0.71, same-language same-event independent example pairs stay
#: <= 0.3; on ECB+ dev same-event pairs (which include real wire-based rewrites) the median is 0.25
#: and 15% reach 0.5.  0.5 sits between the two example groups.
REWRITE_COVERAGE = 0.5
#: Fewer aligned sentences than this is coincidence (a shared background sentence), not derivation.
MIN_ALIGNED_SENTENCES = 3
#: A quotation shorter than this many words ("a déclaré", a one-word scare quote such as
#: « héros ») is too common to show that two articles cite the same statement.
QUOTE_MIN_WORDS = 4

_WORD = re.compile(r"\w+")
# Quotations: French guillemets, English/German curly quotes, straight double quotes.
_QUOTE = re.compile(r"«\s*([^«»]+?)\s*»|“([^“”]+?)”|„([^„“”]+?)[“”]|\"([^\"]+?)\"")
_QUOTE_CHARS = re.compile(r"[«»“”„\"]")
# After balanced quotations are removed: a mark left open, or a closing mark left alone.
# A straight quote is opening when glued to the next word, closing when glued to the previous word
# or to a comma/full stop ("... the charm, " he said" in tokenised text).
_OPEN_ONLY = re.compile(r"(?:^|\s)(?:«\s*|[“„]|\"(?=\S))")
_CLOSE_ONLY = re.compile(r"(?:\s*»|”|(?<=\S)\"|(?<=[,.!?] )\")(?=\s|[,.;:!?]|$)")


@dataclass(frozen=True, slots=True)
class PairScores:
    """Similarity matrices between the sentences of two articles (rows: a, columns: b)."""

    cosine: np.ndarray  # (n, m) float32
    dice: np.ndarray  # (n, m) float32 word-set overlap
    identical: np.ndarray  # (n, m) bool, same normalised text
    quote: np.ndarray  # (n, m) bool, a verbatim quotation of >= QUOTE_MIN_WORDS words in common
    cross_lingual: bool
    own_a: list[set[str]]  # words of each sentence of a outside its quotations
    own_b: list[set[str]]
    words_a: list[int]  # number of words of each sentence
    words_b: list[int]


@dataclass(frozen=True, slots=True)
class Match:
    """Sentence ``i`` of ``a`` matched with sentence ``j`` of ``b``."""

    i: int
    j: int
    kind: str  # a passage kind
    score: float
    in_order: bool  # part of the order-preserving chain (evidence of derivation)


def _caseless(text: str) -> str:
    # Normalisation (compatibility forms, case), not storyline.lang.fold: the
    # aligner compares wording with the accents as written, and dropping them
    # would change which sentence pairs count as identical or near-identical.
    return unicodedata.normalize("NFKC", text).casefold()


def sentence_tokens(sentence: str) -> list[str]:
    """Case-folded word tokens of a sentence (letters and digits, any script)."""
    return _WORD.findall(_caseless(sentence))


def _quoted_parts(sentence: str) -> tuple[list[str], str]:
    """Quoted passages of ``sentence`` and the sentence with them removed.

    A quotation is often cut by sentence splitting (``"I am so excited. You know what they say"``):
    an opening mark never closed quotes the rest of the sentence, a closing mark never opened quotes
    everything before it.
    """
    quotes: list[str] = []
    if not _QUOTE_CHARS.search(sentence):
        return quotes, sentence
    for m in _QUOTE.finditer(sentence):
        quotes.append(next(g for g in m.groups() if g is not None))
    rest = _QUOTE.sub(" ", sentence)
    closing = _CLOSE_ONLY.search(rest)
    if closing:
        quotes.append(rest[: closing.start()])
        rest = rest[closing.end() :]
    opening = _OPEN_ONLY.search(rest)
    if opening:
        quotes.append(rest[opening.end() :])
        rest = rest[: opening.start()]
    return quotes, rest


def extract_quotes(sentence: str) -> list[str]:
    """Quoted passages of at least :data:`QUOTE_MIN_WORDS` words, as normalised word strings."""
    out = []
    for q in _quoted_parts(sentence)[0]:
        words = sentence_tokens(q)
        if len(words) >= QUOTE_MIN_WORDS:
            out.append(" ".join(words))
    return out


def unquoted_tokens(sentence: str) -> list[str]:
    """Word tokens of the sentence outside its quotations (the reporter's own words)."""
    return sentence_tokens(_quoted_parts(sentence)[1])


def cosine_matrix(va: np.ndarray, vb: np.ndarray) -> np.ndarray:
    """Cosines of L2-normalised rows, (n, m) float32.

    ``np.einsum`` rather than ``@``: these products are small (tens of sentences), and OpenBLAS's
    threads made ``@`` take 40-50 ms instead of 0.3 ms for 50 x 50 sentences while the 2-core
    machine was busy (measured); einsum runs single-threaded in NumPy's own loops.
    """
    if not len(va) or not len(vb):
        return np.zeros((len(va), len(vb)), dtype=np.float32)
    sims: np.ndarray = np.einsum("ik,jk->ij", va, vb).astype(np.float32, copy=False)
    return sims


@dataclass(frozen=True, slots=True)
class _SentenceInfo:
    tokens: tuple[str, ...]
    quotes: tuple[str, ...]
    own: frozenset[str]


@functools.lru_cache(maxsize=65536)
def _sentence_info(sentence: str) -> _SentenceInfo:
    """Tokens, quotations and own words of a sentence, cached: inside a story every article is
    compared with every other one, so each sentence would otherwise be parsed once per pair."""
    return _SentenceInfo(
        tokens=tuple(sentence_tokens(sentence)),
        quotes=tuple(extract_quotes(sentence)),
        own=frozenset(unquoted_tokens(sentence)),
    )


def check_vectors(article: Article, vectors: np.ndarray) -> np.ndarray:
    """Return ``vectors`` as float32 after checking it has one row per sentence of ``article``."""
    arr = np.asarray(vectors, dtype=np.float32)
    if arr.ndim != 2 or arr.shape[0] != len(article.sentences):
        raise ValueError(
            f"article {article.id}: expected one vector per sentence ({len(article.sentences)}), "
            f"got an array of shape {np.shape(vectors)}"
        )
    return arr


def _dice_matrix(tokens_a: list[tuple[str, ...]], tokens_b: list[tuple[str, ...]]) -> np.ndarray:
    """Dice overlap of the word sets of every sentence pair.

    Counted through an inverted index of the shared words rather than a (sentences x vocabulary)
    matrix product: OpenBLAS threads a product with a long inner dimension and, on a busy 2-core
    machine, that took ~180 ms for two 50-sentence articles against a few ms here (measured).
    """
    sets_a = [set(t) for t in tokens_a]
    sets_b = [set(t) for t in tokens_b]
    post_a: dict[str, list[int]] = {}
    for i, s in enumerate(sets_a):
        for w in s:
            post_a.setdefault(w, []).append(i)
    # Every (row, column) hit as one flat index, counted by one bincount: indexing the matrix once
    # per shared word was 0.55 ms a pair, most of the provenance stage (2,000-article benchmark).
    m = len(sets_b)
    flat: list[int] = []
    for j, s in enumerate(sets_b):
        for w in s:
            rows = post_a.get(w)
            if rows:
                flat.extend(r * m + j for r in rows)
    inter = np.bincount(np.asarray(flat, dtype=np.int64), minlength=len(sets_a) * m).astype(np.float32)
    inter = inter.reshape(len(sets_a), m)
    size_a = np.array([len(s) for s in sets_a], dtype=np.float32).reshape(-1, 1)
    size_b = np.array([len(s) for s in sets_b], dtype=np.float32).reshape(1, -1)
    sizes = size_a + size_b
    with np.errstate(invalid="ignore", divide="ignore"):
        dice = np.where(sizes > 0, 2.0 * inter / sizes, 0.0)
    return dice.astype(np.float32)


def _quote_matrix(quotes_a: list[list[str]], quotes_b: list[list[str]]) -> np.ndarray:
    out = np.zeros((len(quotes_a), len(quotes_b)), dtype=bool)
    if not any(quotes_a) or not any(quotes_b):
        return out
    for i, qa in enumerate(quotes_a):
        if not qa:
            continue
        for j, qb in enumerate(quotes_b):
            # Verbatim: one quotation is contained word for word in the other (outlets often cut a
            # statement short, so containment rather than equality).
            out[i, j] = any(f" {x} " in f" {y} " or f" {y} " in f" {x} " for x in qa for y in qb)
    return out


def pair_scores(
    a: Article, b: Article, va: np.ndarray, vb: np.ndarray, *, cosine: np.ndarray | None = None
) -> PairScores:
    """All sentence-pair similarities between ``a`` and ``b`` (vectors: one row per sentence).

    ``cosine`` may pass the (n, m) cosine block when the caller has already computed it.
    """
    va = check_vectors(a, va)
    vb = check_vectors(b, vb)
    if cosine is not None and cosine.shape != (len(va), len(vb)):
        raise ValueError(f"cosine block of shape {cosine.shape}, expected {(len(va), len(vb))}")
    info_a = [_sentence_info(s) for s in a.sentences]
    info_b = [_sentence_info(s) for s in b.sentences]
    tokens_a = [x.tokens for x in info_a]
    tokens_b = [x.tokens for x in info_b]
    # Identical normalised texts: compare small integer ids instead of n x m strings.
    ids: dict[tuple[str, ...], int] = {}
    id_a = np.array([ids.setdefault(t, len(ids)) if t else -1 for t in tokens_a], dtype=np.int64)
    id_b = np.array([ids.setdefault(t, len(ids)) if t else -2 for t in tokens_b], dtype=np.int64)
    identical = id_a[:, None] == id_b[None, :]
    cross = bool(a.language and b.language and a.language != b.language)
    return PairScores(
        cosine=cosine_matrix(va, vb) if cosine is None else cosine.astype(np.float32, copy=False),
        dice=_dice_matrix(tokens_a, tokens_b),
        identical=identical,
        quote=_quote_matrix([list(x.quotes) for x in info_a], [list(x.quotes) for x in info_b]),
        cross_lingual=cross,
        own_a=[set(x.own) for x in info_a],
        own_b=[set(x.own) for x in info_b],
        words_a=[len(t) for t in tokens_a],
        words_b=[len(t) for t in tokens_b],
    )


def _kind_matrix(scores: PairScores) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per pair: kind code (0 = none), strength, and whether it may join the ordered chain."""
    n, m = scores.cosine.shape
    cos, dice = scores.cosine, scores.dice
    kind = np.zeros((n, m), dtype=np.int8)
    if scores.cross_lingual:
        kind[cos >= TRANSLATION_COSINE] = _KIND_CODE["translation"]
        strong = kind > 0
    else:
        weak = (cos + dice) / 2 >= CHAIN_MIN_SCORE
        strong = cos >= PARAPHRASE_COSINE
        kind[weak | strong] = _KIND_CODE["paraphrase"]
        near = dice >= NEAR_IDENTICAL_DICE
        kind[near] = _KIND_CODE["near_identical"]
        strong = strong | near
    kind[scores.identical] = _KIND_CODE["identical"]
    strong = strong | scores.identical
    # Two sentences citing the same words are a copy only if the reporter's own words around the
    # quotation are copied too; otherwise the outlets merely quote the same statement.
    for i, j in zip(*np.nonzero(scores.quote), strict=True):
        own_a, own_b = scores.own_a[i], scores.own_b[j]
        if (
            min(len(own_a), len(own_b)) < QUOTE_MIN_WORDS
            or 2 * len(own_a & own_b) / (len(own_a) + len(own_b)) < NEAR_IDENTICAL_DICE
        ):
            kind[i, j] = _KIND_CODE["quote"]
            strong[i, j] = True
    strength = np.where(scores.identical, 2.0, np.maximum(cos, dice)).astype(np.float32)
    long_a = np.array([n_words >= MIN_EVIDENCE_WORDS for n_words in scores.words_a], dtype=bool)
    long_b = np.array([n_words >= MIN_EVIDENCE_WORDS for n_words in scores.words_b], dtype=bool)
    chainable = (kind > 0) & (kind != _KIND_CODE["quote"]) & long_a[:, None] & long_b[None, :]
    kind[(kind > 0) & ~strong & ~chainable] = 0
    return kind, strength, chainable


def merge_passages(matches: list[Match], a: Article, b: Article) -> list[Passage]:
    """Merge runs (i, j), (i+1, j+1)... of the same kind into passages, ordered by ``a``."""
    passages: list[Passage] = []
    run: list[tuple[int, int, str, float]] = []
    pairs = [(x.i, x.j, x.kind, x.score) for x in matches]

    def flush() -> None:
        if not run:
            return
        i0, j0 = run[0][0], run[0][1]
        i1, j1 = run[-1][0] + 1, run[-1][1] + 1
        passages.append(
            Passage(
                from_span=(i0, i1),
                to_span=(j0, j1),
                kind=run[0][2],
                from_text=" ".join(a.sentences[i0:i1]),
                to_text=" ".join(b.sentences[j0:j1]),
                score=round(sum(p[3] for p in run) / len(run), 4),
            )
        )
        run.clear()

    for pair in sorted(pairs):
        if run and (pair[0] != run[-1][0] + 1 or pair[1] != run[-1][1] + 1 or pair[2] != run[-1][2]):
            flush()
        run.append(pair)
    flush()
    return passages


def _best_chain(rows: np.ndarray, cols: np.ndarray, weight: np.ndarray) -> list[int]:
    """Indices of the candidate pairs forming the heaviest chain increasing in both rows and cols.

    Dynamic programming over the (few dozen) candidate pairs, O(k^2) with NumPy per step.
    """
    k = len(rows)
    if k == 0:
        return []
    order = np.lexsort((cols, rows))
    r, c, w = rows[order], cols[order], weight[order]
    best = np.zeros(k, dtype=np.float64)
    back = np.full(k, -1, dtype=np.int64)
    for t in range(k):
        prev = np.flatnonzero((r[:t] < r[t]) & (c[:t] < c[t]))
        if prev.size:
            p = prev[np.argmax(best[prev])]
            best[t] = best[p] + w[t]
            back[t] = p
        else:
            best[t] = w[t]
    t = int(np.argmax(best))
    chain = []
    while t >= 0:
        chain.append(int(order[t]))
        t = int(back[t])
    return chain[::-1]


def align_sentences(scores: PairScores) -> list[Match]:
    """One-to-one sentence matches in ``a``'s order.

    First the heaviest chain of matches that keeps the order of both articles (``in_order``): a
    copy, rewrite or translation follows its source sentence by sentence, so a modest similarity
    that fits that chain is evidence, while the same similarity out of order is what any two
    reports of one event share.  Then strong matches outside the chain (a copied, translated or
    clearly paraphrased sentence moved elsewhere, a shared quotation) are added best first.
    """
    n, m = scores.cosine.shape
    if n == 0 or m == 0:
        return []
    kind, strength, chainable = _kind_matrix(scores)
    rows, cols = np.nonzero(chainable)
    chain = _best_chain(rows, cols, strength[rows, cols])
    used_a: set[int] = set()
    used_b: set[int] = set()
    out: list[Match] = []
    for k in chain:
        i, j = int(rows[k]), int(cols[k])
        used_a.add(i)
        used_b.add(j)
        out.append(Match(i, j, _KIND_NAME[int(kind[i, j])], min(float(strength[i, j]), 1.0), True))
    extra_rows, extra_cols = np.nonzero(kind > 0)
    for k in np.argsort(-strength[extra_rows, extra_cols], kind="stable").tolist():
        i, j = int(extra_rows[k]), int(extra_cols[k])
        if i in used_a or j in used_b or not _is_strong(scores, kind, i, j):
            continue
        used_a.add(i)
        used_b.add(j)
        out.append(Match(i, j, _KIND_NAME[int(kind[i, j])], min(float(strength[i, j]), 1.0), False))
    out.sort(key=lambda x: (x.i, x.j))
    return out


def _is_strong(scores: PairScores, kind: np.ndarray, i: int, j: int) -> bool:
    """Strong enough to count outside the ordered chain (weak paraphrases only count in order)."""
    name = _KIND_NAME[int(kind[i, j])]
    if name == "paraphrase":
        return bool(scores.cosine[i, j] >= PARAPHRASE_COSINE)
    return True


def chain_is_evidence(scores: PairScores, matches: list[Match]) -> bool:
    """Whether the ordered chain is long enough to show derivation (a rewrite, copy or translation).

    Below that, its weak paraphrases (cosine < PARAPHRASE_COSINE) are what any two reports of one
    event share, and :func:`align_articles` leaves them out rather than mark them as shared passages.
    """
    chain = [m for m in matches if m.in_order]
    long_a = sum(w >= MIN_EVIDENCE_WORDS for w in scores.words_a)
    long_b = sum(w >= MIN_EVIDENCE_WORDS for w in scores.words_b)
    return (
        len(chain) >= MIN_ALIGNED_SENTENCES and len(chain) / max(1, min(long_a, long_b)) >= REWRITE_COVERAGE
    )


def align_articles(a: Article, b: Article, va: np.ndarray, vb: np.ndarray) -> list[Passage]:
    """Shared passages between ``a`` (``from_span``) and ``b`` (``to_span``), in ``a``'s order.

    Weak paraphrases (found only through the order-preserving chain) are kept only when that chain
    is evidence of derivation: see :func:`chain_is_evidence`.
    """
    scores = pair_scores(a, b, va, vb)
    matches = align_sentences(scores)
    if not chain_is_evidence(scores, matches):
        matches = [
            m for m in matches if m.kind != "paraphrase" or scores.cosine[m.i, m.j] >= PARAPHRASE_COSINE
        ]
    return merge_passages(matches, a, b)
