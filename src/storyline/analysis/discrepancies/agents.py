"""Agent discrepancies: who said it, and who did it, according to different sources.

* one quotation (near-verbatim, by the quote grouping's measure) attributed to
  different speakers: a misattribution in some source;
* one event with different perpetrators named ("claimed by X" vs "investigators
  suspect group Y"); an article naming several reports the disagreement and
  sides with none.
"""

from __future__ import annotations

import re
from collections import defaultdict

from storyline.analysis.discrepancies.registry import DetectContext, detector
from storyline.nlp.alignment import Story, make_side
from storyline.nlp.claims import actor_key
from storyline.nlp.quotes import NEAR_VERBATIM_DICE, quote_dice
from storyline.types import Discrepancy, Quote

__all__ = ["agent_discrepancies", "perpetrator_discrepancies"]


def agent_discrepancies(story: Story, quotes: list[Quote]) -> list[Discrepancy]:
    """One quotation, different speakers: a misattribution in some source."""
    out: list[Discrepancy] = []
    named = [q for q in quotes if q.speaker]
    for x, qa in enumerate(named):
        for qb in named[x + 1 :]:
            if actor_key(qa.speaker) == actor_key(qb.speaker):
                continue
            if quote_dice(qa.text, qb.text) < NEAR_VERBATIM_DICE:
                continue
            sides = []
            for q in (qa, qb):
                members = [loc for art in q.articles if (loc := _quote_location(story, art, q)) is not None]
                sides.append(make_side(story, str(q.speaker), members))
            if all(s.articles for s in sides):
                out.append(
                    Discrepancy(kind="agent", about=f"who said “{qa.text[:80]}”", sides=sides, confidence=0.9)
                )
    return out


def _quote_location(story: Story, article_id: str, q: Quote) -> tuple[int, int] | None:
    a = story.by_id.get(article_id)
    if a is None:
        return None
    wording = q.variants.get(article_id, q.text)
    for i, s in enumerate(story.articles[a].sentences):
        if wording in s:
            return (a, i)
    return None


# Who did it: a group claiming an attack, or named as behind it (fr/en/de/it/es).  The name is
# the capitalised word after a group noun or after "par/by/da/por"; written for this project.
_GROUP = r"(?:groupe|group|gang|gruppe|hackergruppe|gruppo|grupo|organisation|organization|organisierung)"
_NAME = r"(?P<name>[A-Z][\w-]{2,})"
_PERPETRATOR = [
    re.compile(
        rf"(?:revendiqu\w*|claimed|rivendicat\w*|reivindicad\w*)\s+(?:\w+\s+)?(?:par|by|da|por)\s+"
        rf"(?:(?:le|la|the|il|el|un|una)\s+)?(?:{_GROUP}\s+)?(?:de\s+pirates\s+|of\s+hackers\s+)?{_NAME}",
        re.IGNORECASE,
    ),  # fmt: skip
    re.compile(
        rf"{_GROUP}\s+(?:calling\s+itself\s+|appelé\w*\s+|namens\s+)?{_NAME}\s+(?:has\s+|a\s+)?"
        rf"(?:claim\w*|revendiqu\w*|bekennt|bekannte|rivendica\w*|reivindica\w*)",
        re.IGNORECASE,
    ),  # fmt: skip
    re.compile(
        rf"(?:behind|derrière|hinter|dietro|detrás\s+de)\b[^.;]{{0,100}}?{_GROUP}\s+{_NAME}", re.IGNORECASE
    ),
    re.compile(
        rf"(?:suspect\w*|soupçonn\w*|vermuten|verdächtig\w*|sospett\w*|sospech\w*)\s+(?:the\s+|le\s+|la\s+)?"
        rf"{_GROUP}\s+{_NAME}",
        re.IGNORECASE,
    ),  # fmt: skip
]


def perpetrator_discrepancies(story: Story) -> list[Discrepancy]:
    """Articles of one event naming different perpetrators (a claimed attack vs investigators' suspect)."""
    by_event: dict[int | None, dict[str, dict[str, list[tuple[int, int]]]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    names: dict[str, str] = {}
    for a, art in enumerate(story.articles):
        for i, sentence in enumerate(art.sentences):
            for pattern in _PERPETRATOR:
                for m in pattern.finditer(sentence):
                    name = m.group("name")
                    if not name[:1].isupper():
                        continue
                    key = actor_key(name) or name.casefold()
                    names.setdefault(key, name)
                    by_event[story.event(a)][key].setdefault(art.id, []).append((a, i))
    out: list[Discrepancy] = []
    for per_key in by_event.values():
        if len(per_key) < 2:
            continue
        sides = []
        for key, per_article in per_key.items():
            # An article naming several perpetrators reports the disagreement; it sides with none.
            own = {aid: locs for aid, locs in per_article.items()
                   if sum(aid in other for other in per_key.values()) == 1}  # fmt: skip
            if own:
                sides.append(make_side(story, names[key], [loc for locs in own.values() for loc in locs]))
        if len(sides) >= 2:
            out.append(Discrepancy(kind="agent", about="who did it", sides=sides, confidence=0.7))
    return out


@detector("agent", order=50)
def detect_agents(ctx: DetectContext) -> list[Discrepancy]:
    return agent_discrepancies(ctx.story, ctx.quotes)


@detector("perpetrator", order=60)
def detect_perpetrators(ctx: DetectContext) -> list[Discrepancy]:
    return perpetrator_discrepancies(ctx.story)
