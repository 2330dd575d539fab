"""Disputed claims and reversals: stances on one proposition that disagree.

* claim_disputed -- X asserts P, Y denies P, within one event (the same article
  may report both sides).  The assertion is found in the denial's own sentence,
  in the sentence before an anaphoric denial ("conteste cette version"), or in
  an aligned sentence of another actor.
* reversal -- an actor denied P in one event and confirmed P in a later one
  (:func:`storyline.nlp.stances.reversals`, which the cluster stage's
  reversal split also reads).  Reversals name articles of both events, so
  both events' views show them.
"""

from __future__ import annotations

import re

from storyline.analysis.discrepancies.propositions import stated_elsewhere
from storyline.analysis.discrepancies.registry import DetectContext, detector
from storyline.nlp.alignment import Story, make_side
from storyline.nlp.claims import Claim, actor_key
from storyline.nlp.encoder import Encoder
from storyline.nlp.ner import Mention
from storyline.nlp.stances import CLAIM_ALIGN_COSINE, REVERSAL_ALIGN_COSINE, most_named, reversals
from storyline.types import Discrepancy

__all__ = ["disputed_claims", "ANAPHORIC_MAX_WORDS"]

#: A denial shorter than this many words ("La direction conteste cette
#: version.") refers to the claim in the sentence before it.
ANAPHORIC_MAX_WORDS = 10
_ANAPHORIC = re.compile(
    r"(?<!\w)(?:cette\s+version|ces\s+(?:affirmations|informations|allégations)|this\s+(?:claim|account|version)|"
    r"these\s+claims|diese\s+(?:Angaben|Darstellung|Version)|esta\s+versión|questa\s+versione)(?!\w)",
    re.IGNORECASE,
)


def disputed_claims(
    story: Story, claims: list[Claim], mentions: dict[str, list[list[Mention]]] | None = None, *, encoder: Encoder
) -> list[Discrepancy]:
    """X asserts P, Y denies P, inside one event.

    The assertion is found in the denial's own sentence ("Moscou a revendiqué
    P, une annonce démentie par Kyiv"), or as an assertion by another actor in
    an aligned sentence.  Once an asserter is known, its other assertions in
    the event join at the looser REVERSAL_ALIGN_COSINE gate: the actor match is
    the second condition.
    """
    loc = {id(c): story.locate(c.article, c.sentence) for c in claims}
    # Former positions ("had denied in January") are reversal material, not a live dispute.
    denials = [c for c in claims if c.stance == "deny" and not c.past and loc[id(c)] is not None]
    # An assertion with negated content is the denial again (often its translation), not the other side.
    asserts = [
        c for c in claims if c.stance in ("assert", "confirm") and not c.negative and loc[id(c)] is not None
    ]  # fmt: skip

    def refs(d: Claim) -> list[tuple[int, int]]:
        ld = loc[id(d)]
        assert ld is not None
        anaphoric = _ANAPHORIC.search(d.sentence) or len(d.sentence.split()) < ANAPHORIC_MAX_WORDS
        return [ld, (ld[0], ld[1] - 1)] if anaphoric and ld[1] > 0 else [ld]

    groups: list[dict[str, list[Claim]]] = []
    orphans: list[Claim] = []
    for d in denials:
        ld = loc[id(d)]
        assert ld is not None
        inside = [
            c for c in asserts
            if c.article == d.article and c.sentence == d.sentence and c.actor_key != d.actor_key
            and c.stance == "assert" and d.sentence.find(c.cue) < d.sentence.find(d.cue)
        ]  # fmt: skip
        if _ANAPHORIC.search(d.sentence) or len(d.sentence.split()) < ANAPHORIC_MAX_WORDS:
            # "La direction conteste cette version": the claim is in the sentence before.
            inside += [
                c for c in asserts
                if c.article == d.article and c.index == d.index - 1 and c.stance == "assert"
                and c.actor_key != d.actor_key
            ]  # fmt: skip
        asserter_keys = {c.actor_key for c in inside if c.actor_key}
        found: list[Claim] = list(inside)
        for c in asserts:
            lc = loc[id(c)]
            assert lc is not None
            if c in found or lc == ld or story.event(lc[0]) != story.event(ld[0]):
                continue
            if c.actor_key is not None and c.actor_key == d.actor_key:
                continue
            if d.actor_key and d.actor_key in _sentence_keys(story, lc, mentions):
                continue  # the denier is named in the "assertion": one speaker's words reported twice
            s = max(story.sim(*r, *lc) for r in refs(d))
            same_asserter = c.actor_key is not None and c.actor_key in asserter_keys and c.stance == "assert"
            if s >= CLAIM_ALIGN_COSINE or (same_asserter and s >= REVERSAL_ALIGN_COSINE):
                found.append(c)
        if not found:
            # The denial names what it denies ("denies reports that P"): a source stating P.
            stated = stated_elsewhere(story, d, ld, mentions, encoder=encoder)
            if stated is None:
                orphans.append(d)
                continue
            loc[id(stated)] = story.locate(stated.article, stated.sentence)
            found = [stated]
        for g in groups:
            lg = [loc[id(x)] for x in g["deny"]]
            close = any(
                story.event(x[0]) == story.event(ld[0])
                and (story.sim(*ld, *x) >= CLAIM_ALIGN_COSINE
                     or (o.actor_key is not None and o.actor_key == d.actor_key
                         and story.sim(*ld, *x) >= REVERSAL_ALIGN_COSINE))
                for o, x in zip(g["deny"], lg, strict=True) if x is not None
            )  # fmt: skip
            if close or any(c in g["assert"] for c in found if c not in inside):
                g["deny"].append(d)
                g["assert"].extend(c for c in found if c not in g["assert"])
                break
        else:
            groups.append({"deny": [d], "assert": found})
    # A denial with no assertion of its own joins the group whose denials it echoes: an aligned
    # sentence, the sentence right after a denial of the group ("conteste cette version. « Aucune
    # donnée n'a été exfiltrée »"), or -- for a negated statement -- a looser match with a denial.
    changed = True
    while changed and orphans:
        changed = False
        for d in list(orphans):
            ld = loc[id(d)]
            assert ld is not None
            for g in groups:
                if _echoes(story, d, ld, g, loc, refs):
                    g["deny"].append(d)
                    orphans.remove(d)
                    changed = True
                    break
    out: list[Discrepancy] = []
    for g in groups:
        deny_locs = [x for x in (loc[id(d)] for d in g["deny"]) if x is not None]
        assert_locs = [x for x in (loc[id(c)] for c in g["assert"]) if x is not None]
        asserter = most_named(g["assert"])
        denier = most_named(g["deny"])
        sims = [story.sim(*x, *y) for x in deny_locs for y in assert_locs if x != y]
        out.append(
            Discrepancy(
                kind="claim_disputed",
                about=g["deny"][0].sentence[:160],
                sides=[
                    make_side(
                        story,
                        f"asserted by {asserter}" if asserter else "asserted",
                        list(dict.fromkeys(assert_locs)),
                    ),
                    make_side(
                        story, f"denied by {denier}" if denier else "denied", list(dict.fromkeys(deny_locs))
                    ),
                ],
                confidence=round(max(sims), 3) if sims else 0.8,
            )
        )
    return out


def _echoes(story: Story, d: Claim, ld: tuple[int, int], group: dict[str, list[Claim]],
            loc: dict[int, tuple[int, int] | None], refs: object) -> bool:  # fmt: skip
    for o in group["deny"] + group["assert"]:
        x = loc[id(o)]
        if x is None or story.event(x[0]) != story.event(ld[0]):
            continue
        if o.stance == "deny" and x[0] == ld[0] and x[1] == ld[1] - 1:
            return True
        if o.actor_key == d.actor_key and o.stance != "deny":
            continue
        s = story.sim(*ld, *x)
        if s >= CLAIM_ALIGN_COSINE or (o.stance == "deny" and d.negative and s >= REVERSAL_ALIGN_COSINE):
            return True
    return False


def _sentence_keys(
    story: Story, at: tuple[int, int], mentions: dict[str, list[list[Mention]]] | None
) -> set[str]:
    if mentions is None:
        return set()
    per = mentions.get(story.articles[at[0]].id, [])
    found = per[at[1]] if at[1] < len(per) else []
    return {k for m in found if m.label in ("PER", "ORG") and (k := actor_key(m.text))}


@detector("claim_disputed", order=70)
def detect_disputed_claims(ctx: DetectContext) -> list[Discrepancy]:
    return disputed_claims(ctx.story, ctx.claims, ctx.mentions, encoder=ctx.encoder)


@detector("reversal", order=80)
def detect_reversals(ctx: DetectContext) -> list[Discrepancy]:
    return reversals(ctx.story, ctx.claims)
