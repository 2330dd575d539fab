"""Who copied whom inside one story: a relation per article pair, its direction, original shares.

For every pair of articles of a story (pairs that share nothing are dropped by a cheap prefilter on
one matrix product of all sentence vectors), the aligned passages of :mod:`.align` decide the kind:

``duplicate``      the same text (shingle Jaccard >= DUPLICATE_JACCARD), no agency involved;
``wire_copy``      mostly copied sentences and an agency credited by both, or by one of them;
``translation``    most sentences of the shorter article aligned as translations, in order;
``rewrite``        most sentences of the shorter article aligned (paraphrases and/or copied
                   sentences), in the same order, possibly with additions;
``shares_quotes``  only a verbatim quotation in common — citing one statement is not copying;
``independent``    none of the above (omitted from the result).

Direction: the earlier ``published`` article is the source when both are known and differ
(``direction_certain=True``); otherwise the article whose credit names the agency (or which *is* the
agency) is the source, else the article that contains the other plus additions is the later one,
and ``direction_certain`` is False.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

from storyline.provenance.align import (
    MIN_ALIGNED_SENTENCES,
    MIN_EVIDENCE_WORDS,
    NEAR_IDENTICAL_DICE,
    PARAPHRASE_COSINE,
    REWRITE_COVERAGE,
    TRANSLATION_COSINE,
    align_sentences,
    check_vectors,
    extract_quotes,
    merge_passages,
    pair_scores,
    sentence_tokens,
)
from storyline.types import Article, Passage, Relation

__all__ = [
    "ProvenanceResult",
    "relate_articles",
    "relate_pair",
    "shingle_jaccard",
    "COPY_COVERAGE",
    "REWRITE_COVERAGE",
    "TRANSLATION_COVERAGE",
    "DUPLICATE_JACCARD",
    "MIN_ALIGNED_SENTENCES",
    "MIN_REWRITE_SENTENCES",
    "CONTAINMENT_MARGIN",
]

#: Share of the shorter article's sentences that must be copied (identical or near-identical, in
#: order) for a copy (duplicate / wire copy).  Wire copies are often trimmed or get their own headline
#: and standfirst, so full coverage is not required: the example corpus's AFP copies reach 0.85.  On
#: ECB+ dev same-event pairs the median is 0 and the 90th percentile 0.09 (the few pairs above 0.6
#: are actual agency copies in that corpus).
COPY_COVERAGE = 0.6
#: The same for translations, with TRANSLATION_COSINE matches.  A translation renders (nearly) every
#: sentence: the planted translation of the example corpus reaches 1.0.  250 random cross-lingual
#: semeval-2022 task 8 dev pairs (independent articles, 54 of them on the same story) reach at most
#: 0.5, and an independent same-story example pair 0.4.
TRANSLATION_COVERAGE = 0.6
#: A rewrite needs at least this many sentences in its ordered chain: weak paraphrases are common
#: between any two reports of a kind of event, and three of them in order is frequent in short
#: articles (ECB+ dev, pairs of the same topic but *different* events: 30 of 4,566 pairs called
#: rewrites with 3, 12 with 4; the example rewrite has 9 in its chain).
MIN_REWRITE_SENTENCES = 4
#: Difference in the share of each article found in the other above which the less covered one is
#: taken to be the source plus additions: 0.15 is more than one sentence of a ten-sentence article,
#: so a single extra or dropped sentence does not decide a direction.
CONTAINMENT_MARGIN = 0.15
#: Whole-text Jaccard of word 5-shingles at or above which a copy without agency is a duplicate.
DUPLICATE_JACCARD = 0.9
#: Prefilter: a pair whose best sentence cosine is below this and that shares no quotation is
#: independent without aligning it.
_PREFILTER_COSINE = min(PARAPHRASE_COSINE, TRANSLATION_COSINE)


@dataclass(slots=True)
class ProvenanceResult:
    """Relations of a story (source first; independent pairs omitted) and per-article originality."""

    relations: list[Relation] = field(default_factory=list)
    original_share: dict[str, float] = field(default_factory=dict)
    unique_sentences: dict[str, list[str]] = field(default_factory=dict)


def shingle_jaccard(a: Article, b: Article, *, k: int = 5) -> float:
    """Exact Jaccard of the word ``k``-shingle sets of two texts (small inputs: one story)."""

    def shingles(text: str) -> set[tuple[str, ...]]:
        words = sentence_tokens(text)
        if len(words) < k:
            return {tuple(words)} if words else set()
        return {tuple(words[i : i + k]) for i in range(len(words) - k + 1)}

    sa, sb = shingles(a.text), shingles(b.text)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def _parse_time(value: str | None) -> tuple[datetime, bool] | None:
    """``(datetime, has_time)`` of an ISO date/datetime string; None when absent or unreadable."""
    if not value:
        return None
    text = value.strip()
    try:
        if len(text) == 4:
            return datetime(int(text), 1, 1), False
        if len(text) == 7:
            return datetime(int(text[:4]), int(text[5:7]), 1), False
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    return dt, len(text) > 10


def _earlier(a: Article, b: Article) -> int | None:
    """-1 when ``a`` was published first, 1 when ``b`` was, None when unknown or indistinguishable.

    Dates without a time only decide when the days differ: two same-day articles are not ordered.
    Year- or month-only dates are too coarse to order anything.
    """
    ta, tb = _parse_time(a.published), _parse_time(b.published)
    if ta is None or tb is None:
        return None
    (da, time_a), (db, time_b) = ta, tb
    if len(a.published or "") < 10 or len(b.published or "") < 10:
        return None
    if time_a and time_b:
        if da == db:
            return None
        return -1 if da < db else 1
    if da.date() == db.date():
        return None
    return -1 if da.date() < db.date() else 1


def _agencies(article: Article) -> dict[str, str]:
    """Credited agencies, case-folded name -> name as credited."""
    return {x.strip().casefold(): x.strip() for x in article.agencies if x and x.strip()}


def _is_agency_source(article: Article) -> bool:
    """The article *is* the agency's own copy: its outlet is one of the agencies it credits."""
    return bool(article.outlet) and (article.outlet or "").strip().casefold() in _agencies(article)


def _direction(a: Article, b: Article, cover_a: float, cover_b: float) -> tuple[bool, bool]:
    """``(a_is_source, certain)``.

    ``cover_a`` is the share of ``a``'s sentences found in ``b`` and vice versa: the article almost
    wholly found in the other one is the older text, the other one added to it.
    """
    order = _earlier(a, b)
    if order is not None:
        return order < 0, True
    src_a, src_b = _is_agency_source(a), _is_agency_source(b)
    if src_a != src_b:
        return src_a, False
    cred_a, cred_b = bool(_agencies(a)), bool(_agencies(b))
    if cred_a != cred_b:
        return cred_a, False
    # Containment: additions make the later text.
    if abs(cover_a - cover_b) >= CONTAINMENT_MARGIN:
        return cover_a > cover_b, False
    # Nothing to go on: keep a stable order (earlier known date, then id) and say it is uncertain.
    ta, tb = _parse_time(a.published), _parse_time(b.published)
    if ta and tb and ta[0] != tb[0]:
        return ta[0] < tb[0], False
    return a.id <= b.id, False


def _confidence(value: float, threshold: float) -> float:
    """0.5 at the threshold, rising linearly to 0.99 when ``value`` reaches 1."""
    if threshold >= 1.0:
        return 0.99
    return round(min(0.99, 0.5 + 0.49 * max(0.0, value - threshold) / (1.0 - threshold)), 3)


def _flip(p: Passage) -> Passage:
    return Passage(
        from_span=p.to_span,
        to_span=p.from_span,
        kind=p.kind,
        from_text=p.to_text,
        to_text=p.from_text,
        score=p.score,
    )


def relate_pair(
    a: Article, b: Article, va: np.ndarray, vb: np.ndarray, *, cosine: np.ndarray | None = None
) -> Relation | None:
    """The relation between two articles (source in ``from_``), or None when independent.

    ``cosine`` may pass the precomputed (n, m) cosine block of their sentence vectors.
    """
    scores = pair_scores(a, b, va, vb, cosine=cosine)
    matches = align_sentences(scores)
    if not matches:
        return None
    n_a, n_b = len(a.sentences), len(b.sentences)
    # Coverage is counted over sentences long enough to be evidence, in the shorter article: a
    # wire copy may be trimmed, a rewrite may add paragraphs, either way the shorter text is the
    # one (nearly) wholly found in the other.
    long_a = sum(w >= MIN_EVIDENCE_WORDS for w in scores.words_a)
    long_b = sum(w >= MIN_EVIDENCE_WORDS for w in scores.words_b)
    shorter = max(1, min(long_a, long_b))
    chain = [m for m in matches if m.in_order]
    copied = [m for m in chain if m.kind in ("identical", "near_identical")]
    translated = [m for m in chain if m.kind == "translation"]
    shared = [m for m in matches if m.kind != "quote"]
    cover_a = len({m.i for m in shared}) / max(1, n_a)
    cover_b = len({m.j for m in shared}) / max(1, n_b)
    credits = _agencies(a) | _agencies(b)
    common_agency = sorted(_agencies(a).keys() & _agencies(b).keys())
    any_agency = sorted(credits)

    kind: str
    confidence: float
    via: str | None = None
    copy_cov = len(copied) / shorter
    chain_cov = len(chain) / shorter
    trans_cov = len(translated) / shorter
    if len(copied) >= MIN_ALIGNED_SENTENCES and copy_cov >= COPY_COVERAGE:
        jac = shingle_jaccard(a, b)
        if common_agency or any_agency:
            kind = "wire_copy"
            via = credits[(common_agency or any_agency)[0]]
            confidence = _confidence(copy_cov, COPY_COVERAGE)
        elif jac >= DUPLICATE_JACCARD:
            kind = "duplicate"
            confidence = _confidence(jac, DUPLICATE_JACCARD)
        else:
            # Copied sentences with edits or additions and no agency to explain the copy.
            kind = "rewrite"
            confidence = _confidence(copy_cov, COPY_COVERAGE)
    elif (
        scores.cross_lingual
        and len(translated) >= MIN_ALIGNED_SENTENCES
        and trans_cov >= TRANSLATION_COVERAGE
    ):
        kind = "translation"
        confidence = _confidence(trans_cov, TRANSLATION_COVERAGE)
    elif not scores.cross_lingual and len(chain) >= MIN_REWRITE_SENTENCES and chain_cov >= REWRITE_COVERAGE:
        kind = "rewrite"
        confidence = _confidence(chain_cov, REWRITE_COVERAGE)
    elif any(m.kind == "quote" for m in matches):
        kind = "shares_quotes"
        # A verbatim quotation of QUOTE_MIN_WORDS+ words is rarely a coincidence; what stays
        # uncertain is only whether the outlets copied each other or both quoted the speaker.
        confidence = 0.9
    else:
        return None

    passages = merge_passages(matches, a, b)
    if kind == "shares_quotes":
        passages = [p for p in passages if p.kind == "quote"]
    a_first, certain = _direction(a, b, cover_a, cover_b)
    if a_first:
        src, dst = a, b
    else:
        src, dst = b, a
        passages = sorted((_flip(p) for p in passages), key=lambda p: p.from_span)
    return Relation(
        from_=src.id,
        to=dst.id,
        kind=kind,
        confidence=confidence,
        direction_certain=certain,
        passages=passages,
        via=via,
    )


def _found_elsewhere(
    articles: list[Article], blocks: _Blocks, quotes: list[list[list[str]]], relations: list[Relation]
) -> list[np.ndarray]:
    """For each article, a bool per sentence: is it found (copied, paraphrased, translated, quoted)
    in at least one other article of the story?"""
    found = [np.zeros(len(x.sentences), dtype=bool) for x in articles]
    tokens = [[set(sentence_tokens(s)) for s in x.sentences] for x in articles]
    for ia, ib in itertools.combinations(range(len(articles)), 2):
        a, b = articles[ia], articles[ib]
        cos = blocks.get(ia, ib)
        if cos.size == 0:
            continue
        cross = bool(a.language and b.language and a.language != b.language)
        hit = cos >= (TRANSLATION_COSINE if cross else PARAPHRASE_COSINE)
        # Same wording with a cosine below the bar (long sentences with an edit): check lexically.
        if not cross:
            for i, j in zip(*np.nonzero((cos >= 0.5) & ~hit), strict=True):
                ta, tb = tokens[ia][i], tokens[ib][j]
                if ta and tb and 2 * len(ta & tb) / (len(ta) + len(tb)) >= NEAR_IDENTICAL_DICE:
                    hit[i, j] = True
        for i, qa in enumerate(quotes[ia]):
            for j, qb in enumerate(quotes[ib]):
                if qa and qb and any(f" {x} " in f" {y} " or f" {y} " in f" {x} " for x in qa for y in qb):
                    hit[i, j] = True
        found[ia] |= hit.any(axis=1)
        found[ib] |= hit.any(axis=0)
    # Weaker paraphrases count where they are evidence: inside a rewrite/translation's passages.
    index = {x.id: k for k, x in enumerate(articles)}
    for rel in relations:
        for p in rel.passages:
            found[index[rel.from_]][p.from_span[0] : p.from_span[1]] = True
            found[index[rel.to]][p.to_span[0] : p.to_span[1]] = True
    return found


class _Blocks:
    """Cosine blocks between the articles of a story, from one product of all their sentences.

    One large product is where BLAS pays off (unlike the many small per-pair ones).
    """

    def __init__(self, mats: list[np.ndarray]) -> None:
        sizes = [len(m) for m in mats]
        self._offsets = np.concatenate(([0], np.cumsum(sizes))).astype(int)
        nonempty = [m for m in mats if len(m)]
        if nonempty:
            stacked = np.vstack(nonempty).astype(np.float32, copy=False)
            self._full = stacked @ stacked.T
        else:
            self._full = np.zeros((0, 0), dtype=np.float32)

    def get(self, ia: int, ib: int) -> np.ndarray:
        o = self._offsets
        return self._full[o[ia] : o[ia + 1], o[ib] : o[ib + 1]]


def relate_articles(articles: list[Article], vectors: dict[str, np.ndarray]) -> ProvenanceResult:
    """Relations between the articles of one story, and each article's original share.

    ``vectors`` maps article id to its (n_sentences, dim) L2-normalised sentence vectors.  Cost: one
    product of all sentence vectors, then a full alignment only for pairs whose best sentence pair
    passes the alignment bar or that share a quotation.
    """
    ids = [x.id for x in articles]
    if len(set(ids)) != len(ids):
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        raise ValueError(f"duplicate article ids in one story: {dupes}")
    missing = [x.id for x in articles if x.id not in vectors and x.sentences]
    if missing:
        raise ValueError(f"no sentence vectors for article(s) {missing}")
    mats = [check_vectors(x, vectors[x.id]) if x.sentences else None for x in articles]
    dims = {m.shape[1] for m in mats if m is not None and len(m)}
    if len(dims) > 1:
        raise ValueError(f"sentence vectors of different dimensions in one story: {sorted(dims)}")
    dim = dims.pop() if dims else 1
    full_mats = [m if m is not None else np.zeros((0, dim), dtype=np.float32) for m in mats]
    blocks = _Blocks(full_mats)
    quotes = [[extract_quotes(s) for s in x.sentences] for x in articles]
    quote_sets = [{q for qs in per for q in qs} for per in quotes]

    relations: list[Relation] = []
    for ia, ib in itertools.combinations(range(len(articles)), 2):
        block = blocks.get(ia, ib)
        if block.size == 0:
            continue
        shares_quote = any(
            f" {x} " in f" {y} " or f" {y} " in f" {x} " for x in quote_sets[ia] for y in quote_sets[ib]
        )
        if float(block.max()) < _PREFILTER_COSINE and not shares_quote:
            continue
        rel = relate_pair(articles[ia], articles[ib], full_mats[ia], full_mats[ib], cosine=block)
        if rel is not None:
            relations.append(rel)

    found = _found_elsewhere(articles, blocks, quotes, relations)
    original: dict[str, float] = {}
    unique: dict[str, list[str]] = {}
    for x, f in zip(articles, found, strict=True):
        n = len(x.sentences)
        original[x.id] = round(float((~f).sum()) / n, 4) if n else 0.0
        unique[x.id] = [s for s, hit in zip(x.sentences, f, strict=True) if not hit]
    relations.sort(key=lambda r: (ids.index(r.from_), ids.index(r.to)))
    return ProvenanceResult(relations=relations, original_share=original, unique_sentences=unique)
