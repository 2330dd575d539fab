"""Where sources disagree: place, number, date, agent, disputed claims and reversals over time.

Every detector is gated on *aligned sentences*: two sentences of different
articles whose USE cosine says they report the same thing.  A difference
between sentences that are not about the same thing is not a discrepancy, and
most false alarms come from skipping that gate, so each detector pairs the
gate with a second, detector-specific condition:

* number   -- the same counted thing (same stem, or word-embedding match
  across languages) with *incompatible* values after unit conversion,
  rounding and hedges (:func:`storyline.nlp.quantities.compatible`);
* place    -- the same predicate (shared content words right before a
  locative preposition: "envoyé des troupes en X") filled with different
  places of the same kind (country vs country, town vs town); or, across
  languages, a town in a locating phrase ("near X", "12 km south of X") that
  the other source never names, against one the first never names;
* date     -- the same predicate with day-precise dates that differ, resolved
  against each article's publication date;
* agent    -- a quotation attributed to different speakers, or the same
  action ("claimed by X") with different actors;
* claim_disputed -- X asserts P, Y denies P, within one event (the same
  article may report both sides); a denial that spells out P ("denies
  reports that P") also meets a statement of P in another language
  (``propositions``);
* reversal -- an actor denied P in one event and confirmed P in a later one
  (the dates of the events, or "for the first time" in the confirmation,
  give the order).  Reversals name articles of both events, so both events'
  views show them.

One module per detector kind (``numbers``, ``places``, ``dates``, ``agents``,
``disputes``), each registering its detectors with one signature,
``detect(ctx) -> list[Discrepancy]`` (:mod:`.registry`, which plugins use
too); ``align`` holds the shared sentence gate and its calibration.
"""

from __future__ import annotations

import numpy as np

# The built-in detectors register themselves on import (each with its run order).
from storyline.analysis.discrepancies import agents as _agents  # noqa: F401  (registers agent, perpetrator)
from storyline.analysis.discrepancies import dates as _dates  # noqa: F401  (registers date)
from storyline.analysis.discrepancies import disputes as _disputes  # noqa: F401  (registers claim_disputed, reversal)
from storyline.analysis.discrepancies import numbers as _numbers  # noqa: F401  (registers number)
from storyline.analysis.discrepancies import places as _places  # noqa: F401  (registers place, near_place)
from storyline.analysis.discrepancies.dates import DATE_ALIGN_COSINE
from storyline.analysis.discrepancies.numbers import (
    COUNTED_COSINE,
    NUMBER_ALIGN_COSINE,
    PHRASE_COSINE,
    QuantityVectors,
    quantity_texts,
    quantity_vectors,
)
from storyline.analysis.discrepancies.places import PLACE_ALIGN_COSINE
from storyline.analysis.discrepancies.registry import DetectContext, Detector, detector, detectors
from storyline.nlp.alignment import Story
from storyline.nlp.claims import Claim, extract_claims
from storyline.nlp.encoder import Encoder
from storyline.nlp.entities import sentence_mentions
from storyline.nlp.ner import Mention
from storyline.nlp.stances import CLAIM_ALIGN_COSINE, REVERSAL_ALIGN_COSINE
from storyline.types import Article, Discrepancy, Entity, Quantity, Quote

__all__ = [
    "find_discrepancies",
    "DetectContext",
    "Detector",
    "detector",
    "detectors",
    "quantity_texts",
    "quantity_vectors",
    "QuantityVectors",
    "NUMBER_ALIGN_COSINE",
    "COUNTED_COSINE",
    "PHRASE_COSINE",
    "PLACE_ALIGN_COSINE",
    "DATE_ALIGN_COSINE",
    "CLAIM_ALIGN_COSINE",
    "REVERSAL_ALIGN_COSINE",
]


def find_discrepancies(
    articles: list[Article],
    vectors: dict[str, np.ndarray],
    *,
    quantities: list[Quantity],
    quotes: list[Quote],
    entities: list[Entity],
    claims: list[Claim] | None = None,
    mentions: dict[str, list[list[Mention]]] | None = None,
    quantity_vecs: QuantityVectors | None = None,
    encoder: Encoder,
) -> list[Discrepancy]:
    """Discrepancies among the articles of one storyline (several events allowed).

    ``quantities`` and ``quotes`` are those of these articles; ``entities``
    is accepted for callers that have them (place and actor keys are
    recomputed per mention); ``claims``, ``mentions`` (NER mentions per
    sentence) and ``quantity_vecs`` (see :func:`quantity_vectors`, lets a
    caller batch all its encoder calls into one) are computed when not given;
    ``encoder`` embeds what the detectors compare beyond the given vectors.
    """
    del entities  # keys come from entity_key on each mention; see the docstring
    for a in articles:
        if not isinstance(a, Article):
            raise TypeError(f"expected Article, got {type(a).__name__}")
    if not articles:
        return []
    story = Story(articles, vectors)
    if mentions is None:
        mentions = sentence_mentions(articles)
    if claims is None:
        claims = [c for a in articles for c in extract_claims(a, mentions=mentions.get(a.id))]
    ctx = DetectContext(
        story=story,
        mentions=mentions,
        claims=claims,
        quantities=quantities,
        quotes=quotes,
        quantity_vectors=quantity_vecs,
        encoder=encoder,
    )
    for _name, detect in detectors():
        ctx.found.extend(detect(ctx))
    return ctx.found
