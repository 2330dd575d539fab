"""Date discrepancies: one fact dated to different days by different sources.

Each sentence's first day-precise date (resolved against the article's
publication date; a dateline's date is the report's, not the fact's) is the
fact's date.  Two closely aligned sentences conflict when each names exactly
one such date, the dates differ by at most a few days (further apart they are
two facts), neither sentence names the other's day, and a night is not the
reason ("Sunday night" is "in der Nacht zum Montag").
"""

from __future__ import annotations

import re
from datetime import date

from storyline.analysis.discrepancies.registry import DetectContext, detector
from storyline.nlp.alignment import Story, make_side
from storyline.nlp.claims import DATELINE_RE
from storyline.nlp.temporal import parse_reference, resolve
from storyline.types import Article, Discrepancy

__all__ = ["date_discrepancies", "DATE_ALIGN_COSINE"]

# The sentence gates are calibrated on ECB+ dev: see the docstring of the ``align`` module.

#: Dates: a sentence often carries several times (the event, the report, a
#: deadline), so the gate is stricter -- the 99.9th percentile (0.67) rounded down.
DATE_ALIGN_COSINE = 0.65


def _day_refs(article: Article, index: int) -> list[str]:
    reference, granularity = parse_reference(article.published)
    if reference is None:
        return []
    refs = resolve(article.sentences[index], reference=reference, language=article.language,
                   reference_granularity=granularity)  # fmt: skip
    lead = DATELINE_RE.match(article.sentences[index])
    skip = lead.end() if lead else 0  # "TIRANA, March 15 (Reuters) -": the report's date, not the fact's
    return [
        r.value for r in refs
        if r.value and r.granularity == "day" and getattr(r, "relation", "at") == "at" and r.start >= skip
    ]  # fmt: skip


def date_discrepancies(story: Story, claims_by_sentence: set[tuple[int, int]]) -> list[Discrepancy]:
    dated: dict[tuple[int, int], list[str]] = {}
    every: dict[tuple[int, int], set[str]] = {}
    for a, art in enumerate(story.articles):
        if not art.published:
            continue
        for i in range(len(art.sentences)):
            vals = _day_refs(art, i)
            if vals:
                # The first date is the fact's ("struck late on Friday, ... officials said on Saturday").
                dated[(a, i)] = vals[:1]
                every[(a, i)] = set(vals)
    keys = list(dated)
    out: list[Discrepancy] = []
    seen: set[frozenset[str]] = set()
    for x, ka in enumerate(keys):
        for kb in keys[x + 1 :]:
            if ka[0] == kb[0] or story.event(ka[0]) != story.event(kb[0]):
                continue
            s = story.sim(*ka, *kb)
            if s < DATE_ALIGN_COSINE:
                continue
            va, vb = set(dated[ka]), set(dated[kb])
            if va & vb or len(va) != 1 or len(vb) != 1:
                continue  # one shared date, or several dates: not one fact dated two ways
            da, db = next(iter(va)), next(iter(vb))
            if db in every[ka] or da in every[kb]:
                continue  # both days named on one side: two facts (the attack, then the claim), not a conflict
            gap = _days_apart(da, db)
            if gap > 3:
                continue  # weeks apart: two different facts, not one misdated
            sa_, sb_ = story.articles[ka[0]].sentences[ka[1]], story.articles[kb[0]].sentences[kb[1]]
            if gap == 1 and (_NIGHT.search(sa_) or _NIGHT.search(sb_)):
                continue  # "Sunday night" = "in der Nacht zum Montag": a night spans two dates
            pair = frozenset({da, db})
            if pair in seen:
                continue
            seen.add(pair)
            sides = {da: [ka], db: [kb]}
            for kc, vals in dated.items():
                if kc in (ka, kb) or story.event(kc[0]) != story.event(ka[0]):
                    continue
                hits = [v for v in vals if v in sides]
                if len(set(hits)) == 1 and max(story.sim(*kc, *ka), story.sim(*kc, *kb)) >= DATE_ALIGN_COSINE:
                    sides[hits[0]].append(kc)
            built = [make_side(story, v, m) for v, m in sides.items()]
            out.append(
                Discrepancy(kind="date", about="date of the same fact", sides=built, confidence=round(s, 3))
            )
    return out


def _days_apart(a: str, b: str) -> int:
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    except ValueError:
        return 10**6


_NIGHT = re.compile(r"(?<!\w)(?:nuit|night|nacht|notte|noche)(?!\w)", re.IGNORECASE)


@detector("date", order=40)
def detect_dates(ctx: DetectContext) -> list[Discrepancy]:
    return date_discrepancies(ctx.story, set())
