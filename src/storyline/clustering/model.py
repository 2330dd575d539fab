"""The learned pair scorer: is this article (or event) part of that event?

Both sides of a comparison are :class:`Profile`\\ s, a summary of one or more
articles: their mean embedding and, for entity keys, numbers and years, in
how many of the articles each occurs.  An article is a profile of size one,
so the same scorer decides article->event assignment, event->event merges
and article-pair similarity.

The weights are a logistic regression fitted by
``python -m storyline.training`` on two corpora of different kinds
(ECB+ dev's event-labelled articles, on exactly the decision the online
clusterer makes, and SemEval-2022 dev's judged multilingual pairs), each
article also as its first sentence; they are shipped below as numbers so
that scoring needs no file and no fitting at run time.  Years mentioned were
a signal and are not any more: under leave-topics-out validation dropping
them raised ECB+ dev from 0.932 to 0.940 (worst fold 0.862 -> 0.893) and the
held-out SemEval pile's same-story pairs sharing an event from 0.822 to 0.842.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from storyline.clustering.features import MAX_TOKENS, ArticleFeatures

__all__ = [
    "FEATURE_NAMES",
    "WEIGHTS",
    "BIAS",
    "MERGE_WEIGHTS",
    "MERGE_BIAS",
    "Profile",
    "profile_of",
    "brevity",
    "profile_of_many",
    "pair_features",
    "pair_logit",
    "pair_probability",
    "sigmoid",
]

FEATURE_NAMES = (
    "cosine",  # cosine of the two mean embeddings
    "entities_ab",  # share of a's entity mass (mentions) whose keys are typical of b
    "entities_ba",  # the same from b's side
    "top_ab",  # how typical of b a's TOP_ENTITIES most mentioned keys are (the protagonists)
    "top_ba",  # how typical of a b's most frequent keys are
    "words_ab",  # share of a's content-word mass typical of b
    "words_ba",  # the same from b's side
    "months_overlap",  # share of a's written-out year-months ("July 2004") that b mentions
    "months_both",  # 1 when both sides have written-out year-months
    "numbers_overlap",  # share of a's numbers that b mentions
    "numbers_both",  # 1 when both sides mention numbers
    "log_size",  # log(1 + articles in b): big events have stable, trustworthy centroids
    "log_size_a",  # log(1 + articles in a): 0 for an article, > 0 when merging two events
)
#: Keys counted as an article's or an event's protagonists (top_ab, top_ba).
TOP_ENTITIES = 3

#: Fitted by ``python -m storyline.training --data ecbplus-dev.jsonl
#: --pairs semeval2022-task8-dev.csv`` (:func:`storyline.training.corpora.fit_on`):
#: ECB+ dev's 772 articles in full and as first sentences (event-labelled
#: decisions), plus the SemEval dev pairs outside the middle band (their texts
#: as the pipeline stores them: extracted, walls left out), in full and as
#: headlines, weighted as much as the ECB+ article rows.  Held-out
#: figures (topic folds, pair-component folds, the other corpus) are printed
#: by ``storyline eval clustering`` and ``storyline eval pile``; see
#: docs/evaluation.md.  Order: FEATURE_NAMES.  (The ``log_size_a`` weight of
#: the article model is 0 because that feature is constant for an article.)
WEIGHTS = np.array(
    [6.830, 0.924, 0.242, 0.517, 1.220, -0.287, 1.120, 3.786, -1.144, 2.502, -1.714, -1.121, 0.0],
    dtype=np.float64,
)  # fmt: skip
BIAS = -3.384
#: A second set of weights for event-vs-event decisions (both sides at least
#: two articles): mean vectors and document frequencies of groups are on
#: another scale than an article's (centroid cosines run higher, overlaps
#: lower), and one linear model cannot serve both (ECB+ dev: a single model
#: gave B-cubed F1 0.926 against 0.931 with two).
MERGE_WEIGHTS = np.array(
    [11.188, 4.034, 3.866, 0.271, 0.391, -0.571, -0.581, 4.600, -0.843, 3.528, -2.231, -0.833, -0.997],
    dtype=np.float64,
)  # fmt: skip
MERGE_BIAS = -7.192

#: USE cosines between a text and its translation are lower than between two
#: texts in one language.  On SemEval-2022 dev pairs judged "same story"
#: (Overall <= 1.5) the mean cosine of cross-lingual pairs is 0.033 lower
#: than that of monolingual pairs (0.584 vs 0.617); ECB+ (English only) cannot teach it, so the
#: shift is added to cross-lingual cosines before scoring.
CROSS_LINGUAL_COSINE_SHIFT = 0.03
#: Publication-time distance is not learnable from ECB+ or SemEval (neither
#: gives dates).  A follow-up published within GRACE_DAYS of an event's
#: publication range is not penalised; beyond, each doubling of the gap costs
#: TIME_PENALTY in logit.  Set by hand and checked on dated data: with 1.5,
#: a strike report of the example corpus scored 0.52 against the same port's
#: denial event 44 days earlier (same actors, a different happening) and the
#: two merged when both arrived in one batch; with 2.5 it scores 0.07.  The
#: seeds' denial and confirmation (~180 days) are apart with either value.
GRACE_DAYS = 7.0
#: Brevity (:func:`brevity`): a side of at most BRIEF_TOKENS word tokens per
#: article is a headline (ECB+ dev headlines: median 9, 95th percentile 17),
#: one of FULL_TOKENS or more a full article (a headline and two sentences
#: run ~60).  The online clusterer links short events by average linkage
#: (``online.SHORT_LINK_*``).  As scorer features (brevity and brevity x
#: cosine, both scorers refitted) it was tried and dropped: held-out ECB+
#: full texts 0.915 -> 0.904, headlines 0.743 -> 0.759, held-out SemEval
#: pile same-story same event 0.798 -> 0.763, ECB+ alone -> SemEval 0.640 -> 0.498.
BRIEF_TOKENS = 15.0
FULL_TOKENS = 150.0
TIME_PENALTY = 2.5


@dataclass(slots=True)
class Profile:
    """A summary of ``n`` articles (one article when ``n == 1``)."""

    n: int
    centroid: np.ndarray  # (DIM,) L2-normalised mean embedding
    # key -> articles mentioning it; for a single article (n == 1), mentions.
    entities: Mapping[str, int] = field(default_factory=dict)
    numbers: Mapping[str, int] = field(default_factory=dict)
    years: Mapping[int, int] = field(default_factory=dict)
    latest: Mapping[int, int] = field(default_factory=dict)  # latest year mentioned -> articles
    months: Mapping[str, int] = field(default_factory=dict)
    words: Mapping[str, int] = field(default_factory=dict)
    top: tuple[str, ...] = ()  # the TOP_ENTITIES keys with the largest counts
    first_day: int | None = None
    last_day: int | None = None
    languages: frozenset[str] = frozenset()
    tokens: float = float(MAX_TOKENS)  # word tokens per article (mean over an event's)
    # Total mass of each table (computed once: scoring reads them many times).
    totals: dict[str, float] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.totals = {
            "entities": float(sum(self.entities.values())),
            "words": float(sum(self.words.values())),
            "years": float(sum(self.years.values())),
            "latest": float(sum(self.latest.values())),
            "months": float(sum(self.months.values())),
            "numbers": float(sum(self.numbers.values())),
        }


def profile_of(item: ArticleFeatures) -> Profile:
    return Profile(
        n=1,
        centroid=item.vector,
        entities=item.entities,
        numbers=dict.fromkeys(item.numbers, 1),
        years=dict.fromkeys(item.years, 1),
        latest={max(item.years): 1} if item.years else {},
        months=dict.fromkeys(item.months, 1),
        words=item.words,
        top=tuple(k for k, _ in sorted(item.entities.items(), key=lambda kv: -kv[1])[:TOP_ENTITIES]),
        first_day=item.day,
        last_day=item.day,
        languages=frozenset([item.language]) if item.language else frozenset(),
        tokens=float(MAX_TOKENS if item.tokens is None else item.tokens),
    )


def profile_of_many(items: Sequence[ArticleFeatures]) -> Profile:
    """Profile of several articles (what an event made of them looks like)."""
    if not items:
        raise ValueError("profile_of_many needs at least one article")
    total = np.sum([it.vector for it in items], axis=0, dtype=np.float64)
    norm = float(np.linalg.norm(total))
    entities: Counter[str] = Counter()
    numbers: Counter[str] = Counter()
    years: Counter[int] = Counter()
    latest: Counter[int] = Counter()
    months: Counter[str] = Counter()
    words: Counter[str] = Counter()
    for it in items:
        words.update(it.words.keys())
        entities.update(it.entities.keys())
        numbers.update(it.numbers)
        years.update(it.years)
        months.update(it.months)
        if it.years:
            latest[max(it.years)] += 1
    days = [it.day for it in items if it.day is not None]
    return Profile(
        n=len(items),
        centroid=np.asarray(total / norm if norm else total, dtype=np.float32),
        entities=entities,
        numbers=numbers,
        years=years,
        latest=latest,
        months=months,
        words=words,
        top=tuple(k for k, _ in entities.most_common(TOP_ENTITIES)),
        first_day=min(days) if days else None,
        last_day=max(days) if days else None,
        languages=frozenset(it.language for it in items if it.language),
        tokens=float(np.mean([MAX_TOKENS if it.tokens is None else it.tokens for it in items])),
    )


def _overlap(a: Mapping[str, int], a_total: float, b: Mapping[str, int], nb: int) -> float:
    """Share of a's mass whose keys are typical of b (weighted by b's share of articles with the key)."""
    if not a or not b or not a_total:
        return 0.0
    # The key intersection runs in C; only shared keys are visited in Python.
    hit = 0.0
    for key in a.keys() & b.keys():
        share = b[key] / nb
        hit += a[key] * (share if share < 1.0 else 1.0)
    return hit / a_total


def brevity(tokens: float) -> float:
    """1 for a headline (BRIEF_TOKENS or fewer), 0 for a full article
    (FULL_TOKENS or more), log-linear in between."""
    if tokens <= BRIEF_TOKENS:
        return 1.0
    if tokens >= FULL_TOKENS:
        return 0.0
    return math.log(FULL_TOKENS / tokens) / math.log(FULL_TOKENS / BRIEF_TOKENS)


def _typical(keys: tuple[str, ...], b: Mapping[str, int], nb: int) -> float:
    if not keys or not b:
        return 0.0
    return sum(min(1.0, b.get(k, 0) / nb) for k in keys) / len(keys)


def pair_features(a: Profile, b: Profile, *, cosine: float | None = None) -> np.ndarray:
    """Feature vector (FEATURE_NAMES order) of the pair (a, b); ``b`` is the event side."""
    cos = float(np.dot(a.centroid, b.centroid)) if cosine is None else cosine
    if a.languages and b.languages and not (a.languages & b.languages):
        cos += CROSS_LINGUAL_COSINE_SHIFT
    return np.array(
        [
            cos,
            _overlap(a.entities, a.totals["entities"], b.entities, b.n),
            _overlap(b.entities, b.totals["entities"], a.entities, a.n),
            _typical(a.top, b.entities, b.n),
            _typical(b.top, a.entities, a.n),
            _overlap(a.words, a.totals["words"], b.words, b.n),
            _overlap(b.words, b.totals["words"], a.words, a.n),
            _overlap(a.months, a.totals["months"], b.months, b.n),
            1.0 if a.months and b.months else 0.0,
            _overlap(a.numbers, a.totals["numbers"], b.numbers, b.n),
            1.0 if a.numbers and b.numbers else 0.0,
            math.log1p(b.n),
            math.log1p(a.n) - math.log(2.0),
        ],
        dtype=np.float64,
    )


def time_gap_days(a: Profile, b: Profile) -> float | None:
    """Days between the publication ranges of a and b (0 when they overlap)."""
    if a.first_day is None or b.first_day is None or a.last_day is None or b.last_day is None:
        return None
    if a.last_day < b.first_day:
        return float(b.first_day - a.last_day)
    if b.last_day < a.first_day:
        return float(a.first_day - b.last_day)
    return 0.0


def time_penalty(a: Profile, b: Profile) -> float:
    gap = time_gap_days(a, b)
    if gap is None or gap <= GRACE_DAYS:
        return 0.0
    return TIME_PENALTY * math.log2(gap / GRACE_DAYS)


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def pair_logit(
    a: Profile,
    b: Profile,
    *,
    cosine: float | None = None,
    weights: np.ndarray | None = None,
    bias: float | None = None,
) -> float:
    group = a.n >= 2 and b.n >= 2
    w = (MERGE_WEIGHTS if group else WEIGHTS) if weights is None else weights
    b0 = (MERGE_BIAS if group else BIAS) if bias is None else bias
    return float(pair_features(a, b, cosine=cosine) @ w) + b0 - time_penalty(a, b)


def pair_probability(a: Profile, b: Profile, *, cosine: float | None = None) -> float:
    """Probability that ``a`` belongs to the event summarised by ``b``."""
    return sigmoid(pair_logit(a, b, cosine=cosine))
