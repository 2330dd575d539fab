"""Cannot-link evidence from stances: a denial and its first-time
confirmation are two happenings, however alike their words.

The pair scorer sees topic, entities, numbers and time.  When publication
dates are missing (scraped pages often state none) an article reporting
"the Kremlin denies the troops are there" and one reporting "Moscow
confirms, for the first time, that they are" score as one event: same
actors, same places, cosine ~0.9.  They are not: a confirmation *for the
first time*, or a dated later one, of what the same actor denied is a
reversal, which by definition spans two events of one storyline.

:func:`earlier_positions` finds, among the articles of one event, those
that carry only the earlier position (a denial later reversed by the same
actor); the cluster stage moves them into their own event of the same
storyline with :meth:`OnlineClusterer.split`.  It reads the same definition
of a reversal as the analysis stage's detector (:mod:`storyline.nlp.stances`),
so both stages agree on what a reversal is.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from storyline.nlp.alignment import Story
from storyline.nlp.claims import extract_claims
from storyline.nlp.entities import sentence_mentions
from storyline.nlp.ner import MentionCache
from storyline.nlp.stances import reversals
from storyline.types import Article

__all__ = ["earlier_positions", "MIN_EVENT_SIZE"]

#: Only events of at least this many articles are checked: a reversal needs
#: a denial and a confirmation in different articles, and a lone pair is
#: better left to the scorer (the detector needs aligned sentences from
#: several reports to be confident).
MIN_EVENT_SIZE = 3


def earlier_positions(
    articles: list[Article], vectors: dict[str, np.ndarray], *, mention_cache: MentionCache | None = None
) -> set[str]:
    """Ids of articles that only carry a position later reversed by the same actor.

    Every article is treated as its own pseudo-event so the analysis
    stage's reversal detector can compare them; an article counts as
    "earlier" when it is on a denial side and on no confirmation side.
    """
    if len(articles) < MIN_EVENT_SIZE:
        return set()
    # Pseudo-events: one per article, published dates kept (they order the
    # two positions when known; otherwise "for the first time" does).
    solo = [dataclasses.replace(a, event_id=i) for i, a in enumerate(articles)]
    mentions = sentence_mentions(solo, cache=mention_cache)
    claims = [c for a in solo for c in extract_claims(a, mentions=mentions[a.id])]
    if not any(c.stance == "deny" for c in claims):
        return set()
    found = reversals(Story(solo, vectors), claims)
    denied: set[str] = set()
    confirmed: set[str] = set()
    for d in found:
        deny_side, confirm_side = d.sides[0], d.sides[1]
        denied.update(deny_side.articles)
        confirmed.update(confirm_side.articles)
    earlier = denied - confirmed
    # Never empty an event: if every article is "earlier" the signal is noise.
    return earlier if len(earlier) < len(articles) else set()
