"""Stances across events: a position denied, then confirmed by the same actor.

A reversal is a denial in one event and its confirmation (or the
announcement of what was denied) in a later one -- the dates of the events,
or "for the first time" in the confirmation, give the order.  The analysis
reports it as a discrepancy, and the cluster stage uses it to keep the two
happenings apart (:mod:`storyline.clustering.reversal`), so both read one
definition, here.
"""

from __future__ import annotations

import re
from collections import defaultdict

from storyline.nlp.alignment import Story, make_side
from storyline.nlp.claims import Claim
from storyline.types import Discrepancy

__all__ = ["reversals", "most_named", "CLAIM_ALIGN_COSINE", "REVERSAL_ALIGN_COSINE"]

# The sentence gates are calibrated on ECB+ dev: see the docstring of :mod:`storyline.nlp.alignment`.

#: A denial and the assertion it denies share the proposition but not the
#: stance words; same gate as places.
CLAIM_ALIGN_COSINE = 0.55
#: Denied in one event, confirmed in another: months apart, other wording,
#: often other languages; the actor match is the second condition.
REVERSAL_ALIGN_COSINE = 0.45
_ANNOUNCE = re.compile(r"annon\w*|announc\w*|anunci\w*|annunci\w*|kündigt\w*", re.IGNORECASE)


def most_named(claims: list[Claim]) -> str | None:
    keys = [c.actor_key for c in claims if c.actor_key]
    if not keys:
        return None
    top = max(set(keys), key=keys.count)
    return next(c.actor for c in claims if c.actor_key == top)


def _event_dates(story: Story) -> dict[int | None, str]:
    dates: dict[int | None, list[str]] = defaultdict(list)
    for a in story.articles:
        if a.published:
            dates[a.event_id].append(a.published[:10])
    return {e: min(v) for e, v in dates.items()}


def reversals(story: Story, claims: list[Claim]) -> list[Discrepancy]:
    """Denied in one event, confirmed in a later one, by the same actor (or, when an actor is
    unknown, in closely aligned sentences)."""
    loc = {id(c): story.locate(c.article, c.sentence) for c in claims}
    denials = [c for c in claims if c.stance == "deny" and loc[id(c)] is not None]
    # A "confirmation" of negated content repeats a denial ("Not a single euro was hidden").
    confirms = [c for c in claims if c.stance == "confirm" and not c.negative and loc[id(c)] is not None]
    announcements = [
        c for c in claims
        if c.stance == "assert" and _ANNOUNCE.match(c.cue) and not c.negative and not c.past and loc[id(c)] is not None
    ]  # fmt: skip
    when = _event_dates(story)
    pairs: dict[tuple[int | None, int | None], tuple[list[Claim], list[Claim]]] = {}
    for d in denials:
        ld = loc[id(d)]
        assert ld is not None
        for c in confirms:
            lc = loc[id(c)]
            assert lc is not None
            ed, ec = story.event(ld[0]), story.event(lc[0])
            if ed == ec:
                continue
            s = story.sim(*ld, *lc)
            if d.actor_key and c.actor_key:
                if d.actor_key != c.actor_key or s < REVERSAL_ALIGN_COSINE:
                    continue
            elif s < CLAIM_ALIGN_COSINE:
                continue
            wd, wc = when.get(ed), when.get(ec)
            later = (wd < wc) if (wd and wc) else c.novelty
            if not later:
                continue
            dens, cons = pairs.setdefault((ed, ec), ([], []))
            if d not in dens:
                dens.append(d)
            if c not in cons:
                cons.append(c)
    out: list[Discrepancy] = []
    for (ed, ec), (dens, cons) in pairs.items():
        # The actors on either side: the denier usually is the one who later confirms.
        keys = {c.actor_key for c in cons + dens if c.actor_key}
        # Other denials of the earlier event by those actors, or echoing a denial.
        for d in denials:
            ld = loc[id(d)]
            assert ld is not None
            if d in dens or d.past or story.event(ld[0]) != ed:
                continue
            echoes = any(
                story.sim(*ld, *x) >= CLAIM_ALIGN_COSINE for o in dens if (x := loc[id(o)]) is not None
            )
            if d.actor_key in keys or (d.actor_key is None and echoes):
                dens.append(d)
        # Confirmations -- or announcements, which confirm a denied plan -- in the later event by
        # those actors, first-time ones, or echoes of a confirmation.
        for c in confirms + announcements:
            lc = loc[id(c)]
            assert lc is not None
            if c in cons or story.event(lc[0]) != ec:
                continue
            echoes = any(
                story.sim(*lc, *x) >= CLAIM_ALIGN_COSINE for o in cons if (x := loc[id(o)]) is not None
            )
            if c.stance == "assert" and not any(
                story.sim(*lc, *x) >= CLAIM_ALIGN_COSINE for o in dens if (x := loc[id(o)]) is not None
            ):
                continue  # an announcement counts only when it is about what was denied
            if c.actor_key in keys or (
                c.actor_key is None and c.stance == "confirm" and (c.novelty or echoes)
            ):
                cons.append(c)
        dlocs = list(dict.fromkeys(x for d in dens if (x := loc[id(d)]) is not None))
        clocs = list(dict.fromkeys(x for c in cons if (x := loc[id(c)]) is not None))
        denier = most_named(dens)
        confirmer = most_named(cons)
        who = denier or confirmer
        out.append(
            Discrepancy(
                kind="reversal",
                about=f"position of {who}" if who else "position reversed",
                sides=[
                    make_side(story, f"denied by {denier}" if denier else "denied", dlocs),
                    make_side(story, f"confirmed by {confirmer}" if confirmer else "confirmed", clocs),
                ],
                confidence=round(max(story.sim(*x, *y) for x in dlocs for y in clocs), 3),
            )
        )
    return out
