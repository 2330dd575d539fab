"""Where sources disagree: place, number, date, agent, disputed claims and reversals over time.

Every detector is gated on *aligned sentences*: two sentences of different
articles whose USE cosine says they report the same thing.  A difference
between sentences that are not about the same thing is not a discrepancy, and
most false alarms come from skipping that gate, so each detector pairs the
gate with a second, detector-specific condition:

* number   -- the same counted thing (same stem, or word-embedding match
  across languages) with *incompatible* values after unit conversion,
  rounding and hedges (:func:`storyline.analysis.quantities.compatible`);
* place    -- the same predicate (shared content words right before a
  locative preposition: "envoyé des troupes en X") filled with different
  places of the same kind (country vs country, town vs town);
* date     -- the same predicate with day-precise dates that differ, resolved
  against each article's publication date;
* agent    -- a quotation attributed to different speakers, or the same
  action ("claimed by X") with different actors;
* claim_disputed -- X asserts P, Y denies P, within one event (the same
  article may report both sides);
* reversal -- an actor denied P in one event and confirmed P in a later one
  (the dates of the events, or "for the first time" in the confirmation,
  give the order).  Reversals name articles of both events, so both events'
  views show them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import numpy as np

from storyline.analysis.claims import Claim, actor_key, check_story_vectors, extract_claims
from storyline.analysis.ner import Mention
from storyline.analysis.quantities import compatible, counted_stem
from storyline.types import Article, Discrepancy, Entity, Evidence, Quantity, Quote, Side

__all__ = [
    "find_discrepancies",
    "NUMBER_ALIGN_COSINE",
    "COUNTED_COSINE",
    "PLACE_ALIGN_COSINE",
    "DATE_ALIGN_COSINE",
    "CLAIM_ALIGN_COSINE",
    "REVERSAL_ALIGN_COSINE",
]

# Calibration of the sentence gates: USE cosines between sentences of ECB+ dev
# (772 English articles, 11.7k sentences of >= 6 words).  Pairs from
# *different events of the same topic* -- the hardest negatives -- have
# median 0.16, 90th percentile 0.38, 99th 0.555, 99.9th 0.67; the best match
# of a sentence in another article of the *same* event has median 0.63 and
# lower quartile 0.50.

#: Number statements: the counted-thing match is a strong second condition,
#: so the sentence gate only needs to rule out unrelated sentences (above the
#: 90th percentile of same-topic, different-event pairs, at the lower
#: quartile of same-event best matches).
NUMBER_ALIGN_COSINE = 0.45
#: Two counted nouns are the same thing above this USE cosine (measured on a
#: hand list of 17 words in fr/en/de/it: soldats/militaires 0.72,
#: soldats/soldiers 0.91, injured/Verletzte 0.67 vs blessés/morts 0.53,
#: soldats/conteneurs 0.47).
COUNTED_COSINE = 0.6
#: Place statements have a weaker second condition (a shared content word),
#: so the gate is the 99th percentile of same-topic, different-event pairs.
PLACE_ALIGN_COSINE = 0.55
#: Same for dates.
DATE_ALIGN_COSINE = 0.55
#: A denial and the assertion it denies share the proposition but not the
#: stance words; same gate as places.
CLAIM_ALIGN_COSINE = 0.55
#: Denied in one event, confirmed in another: months apart, other wording,
#: often other languages; the actor match is the second condition.
REVERSAL_ALIGN_COSINE = 0.45
#: Words before a locative preposition that define the predicate of a place slot.
_SLOT_CONTEXT_WORDS = 4

_LOCATIVE = (
    r"en|au|aux|à|dans|vers|sur\s+le\s+territoire|sur\s+le\s+sol|auprès\s+de|près\s+de|à\s+proximité\s+de|"
    r"in|into|to|near|inside|nach|im|in\s+der|bei|nahe|nahe\s+bei|en\s+el|cerca\s+de|nel|nella|a|"
    r"vicino\s+a|nei\s+pressi\s+di|presso"
)
_SLOT_RE = re.compile(
    rf"(?<!\w)(?:{_LOCATIVE})\s+(?:(?:la|le|les|l['’]|the|de\s+la|der|dem|den|el|la|il|lo)\s*)?",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"[^\W\d_]{4,}")
_STOP = frozenset(
    [
        "avoir",
        "être",
        "avait",
        "était",
        "sont",
        "ont",
        "dans",
        "pour",
        "avec",
        "sans",
        "leur",
        "leurs",
        "cette",
        "celle",
        "ceux",
        "qui",
        "que",
        "dont",
        "tous",
        "toutes",
        "fois",
        "première",
        "premier",
        "have",
        "been",
        "with",
        "from",
        "that",
        "this",
        "which",
        "were",
        "their",
        "they",
        "them",
        "also",
        "have",
        "into",
        "over",
        "after",
        "before",
        "first",
        "time",
        "haben",
        "wurde",
        "wurden",
        "nach",
        "sein",
        "einer",
        "eines",
        "dass",
        "para",
        "como",
        "desde",
        "sobre",
        "esta",
        "este",
        "sono",
        "stato",
        "della",
        "delle",
        "anche",
        "dopo",
        "prima",
    ]
)
_STOP_FOLDED = frozenset(unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode() for w in _STOP)


@dataclass(slots=True)
class _Sent:
    article: int
    index: int
    row: int  # row in the stacked vector matrix


class _Story:
    """Articles, their stacked sentence vectors and per-sentence lookups."""

    def __init__(self, articles: list[Article], vectors: dict[str, np.ndarray]) -> None:
        self.articles = articles
        mats = check_story_vectors(articles, vectors)
        self.offsets: list[int] = []
        rows = 0
        for m in mats:
            self.offsets.append(rows)
            rows += len(m)
        dims = {m.shape[1] for m in mats if len(m)}
        self.matrix = np.vstack([m for m in mats if len(m)]) if dims else np.zeros((0, 1), dtype=np.float32)
        self.sims = self.matrix @ self.matrix.T if len(self.matrix) else np.zeros((0, 0), dtype=np.float32)
        self.by_id = {a.id: i for i, a in enumerate(articles)}
        self.sentence_index: list[dict[str, int]] = []
        for a in articles:
            idx: dict[str, int] = {}
            for i, s in enumerate(a.sentences):
                idx.setdefault(s, i)
            self.sentence_index.append(idx)

    def sim(self, a: int, i: int, b: int, j: int) -> float:
        return float(self.sims[self.offsets[a] + i, self.offsets[b] + j])

    def event(self, a: int) -> int | None:
        return self.articles[a].event_id

    def locate(self, article_id: str, sentence: str) -> tuple[int, int] | None:
        a = self.by_id.get(article_id)
        if a is None:
            return None
        i = self.sentence_index[a].get(sentence)
        return None if i is None else (a, i)


def _evidence(story: _Story, members: list[tuple[int, int]]) -> list[Evidence]:
    seen: set[tuple[int, int]] = set()
    out = []
    for a, i in members:
        if (a, i) in seen:
            continue
        seen.add((a, i))
        out.append(Evidence(article=story.articles[a].id, sentence=story.articles[a].sentences[i]))
    return out


def _side(story: _Story, value: str, members: list[tuple[int, int]]) -> Side:
    arts = list(dict.fromkeys(story.articles[a].id for a, _ in members))
    return Side(value=value, articles=arts, evidence=_evidence(story, members))


# -- numbers ---------------------------------------------------------------------------------


def _counted_vectors(quantities: list[Quantity]) -> dict[str, np.ndarray]:
    words = sorted({q.counts for q in quantities if q.counts})
    if not words:
        return {}
    from storyline.embedding import get_encoder

    vecs = get_encoder().encode(words)
    return dict(zip(words, vecs, strict=True))


def _same_counted(a: Quantity, b: Quantity, vecs: dict[str, np.ndarray]) -> bool:
    if (a.unit or None) != (b.unit or None):
        return False
    if a.counts is None or b.counts is None:
        return a.unit is not None and a.counts is None and b.counts is None
    if counted_stem(a.counts) == counted_stem(b.counts):
        return True
    va, vb = vecs.get(a.counts), vecs.get(b.counts)
    return va is not None and vb is not None and float(va @ vb) >= COUNTED_COSINE


def _format_value(q: Quantity) -> str:
    text = q.text
    if q.counts and q.counts not in text.casefold():
        text = f"{text} {q.counts}"
    if q.source:
        text = f"{text} (according to {q.source})"
    return text


def _number_discrepancies(story: _Story, quantities: list[Quantity]) -> list[Discrepancy]:
    located: list[tuple[Quantity, int, int]] = []
    for q in quantities:
        if q.counts is None and q.unit is None:
            continue
        loc = story.locate(q.article, q.sentence)
        if loc is not None:
            located.append((q, loc[0], loc[1]))
    vecs = _counted_vectors([q for q, _, _ in located])
    n = len(located)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    conflicts: list[tuple[int, int, float]] = []
    for x in range(n):
        qa, a, i = located[x]
        for y in range(x + 1, n):
            qb, b, j = located[y]
            if a == b or story.event(a) != story.event(b):
                continue
            if not _same_counted(qa, qb, vecs):
                continue
            s = story.sim(a, i, b, j)
            if s < NUMBER_ALIGN_COSINE:
                continue
            verdict = compatible(qa, qb)
            if verdict is None:
                continue
            parent[find(x)] = find(y)
            if verdict is False:
                conflicts.append((x, y, s))
    if not conflicts:
        return []
    components: dict[int, list[int]] = defaultdict(list)
    for x in range(n):
        components[find(x)].append(x)
    out: list[Discrepancy] = []
    done: set[int] = set()
    for x, _y, _s in conflicts:
        root = find(x)
        if root in done:
            continue
        done.add(root)
        members = components[root]
        # Cluster the component's statements into mutually compatible values,
        # most precise statements first so that a vague range joins a value.
        members.sort(key=lambda m: (located[m][0].value is None, -(len(story.articles[located[m][1]].id))))
        clusters: list[list[int]] = []
        for m in members:
            for c in clusters:
                if all(compatible(located[m][0], located[o][0]) is not False for o in c):
                    c.append(m)
                    break
            else:
                clusters.append([m])
        if len(clusters) < 2:
            continue
        sides = []
        for c in clusters:
            rep = max(c, key=lambda m: (located[m][0].value is not None, located[m][0].source is not None))
            sides.append(
                _side(story, _format_value(located[rep][0]), [(located[m][1], located[m][2]) for m in c])
            )
        sides = [s for s in sides if s.articles]
        if len({tuple(s.articles) for s in sides}) < 2:
            continue
        about = next((located[m][0].counts for m in members if located[m][0].counts), None) or (
            located[members[0]][0].unit or "quantity"
        )
        best = max(s for a_, b_, s in conflicts if find(a_) == root)
        out.append(
            Discrepancy(kind="number", about=f"number of {about}", sides=sides, confidence=round(best, 3))
        )
    return out


# -- places ----------------------------------------------------------------------------------


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def _stem(word: str) -> str:
    return _fold(word)[:5]


@dataclass(slots=True)
class _Slot:
    place: str  # surface
    key: str
    context: frozenset[str]  # content-word stems before the preposition
    country: bool


def _country_keys() -> frozenset[str]:
    from storyline.analysis.claims import _DEMONYMS
    from storyline.analysis.entities import entity_key

    return frozenset(entity_key(c) for c in set(_DEMONYMS.values()))


def _place_slots(sentence: str, found: list[Mention], countries: frozenset[str]) -> list[_Slot]:
    slots: list[_Slot] = []
    places = [m for m in found if m.label in ("LOC", "MISC")]
    for m in _SLOT_RE.finditer(sentence):
        after = m.end()
        place: str | None = None
        for p in places:
            if after <= p.start <= after + 2:
                place = p.text
                break
        if place is None:
            # "sur le territoire russe", "sur le sol russe": a nationality adjective.
            adj = re.match(r"[^\W\d_]+", sentence[after:])
            if adj and "territoire" in m.group(0) or adj and "sol" in m.group(0):
                place = adj.group(0)
        if place is None:
            continue
        key = actor_key(place)
        if not key:
            continue
        if place[:1].islower():  # a nationality adjective: show the country
            from storyline.analysis.claims import _DEMONYM_RE, _DEMONYMS

            dm = _DEMONYM_RE.search(place)
            place = _DEMONYMS[dm.group(1).lower()] if dm else place
        words = [w for w in _CONTENT.findall(sentence[: m.start()]) if _fold(w) not in _STOP_FOLDED]
        context = frozenset(_stem(w) for w in words[-_SLOT_CONTEXT_WORDS:])
        if context:
            slots.append(_Slot(place=place, key=key, context=context, country=key in countries))
    return slots


def _place_discrepancies(story: _Story, mentions: dict[str, list[list[Mention]]]) -> list[Discrepancy]:
    countries = _country_keys()
    slots: dict[tuple[int, int], list[_Slot]] = {}
    for a, art in enumerate(story.articles):
        per = mentions.get(art.id, [])
        for i, sent in enumerate(art.sentences):
            found = per[i] if i < len(per) else []
            sl = _place_slots(sent, found, countries)
            if sl:
                slots[(a, i)] = sl
    keys = list(slots)
    found_pairs: list[tuple[tuple[int, int], _Slot, tuple[int, int], _Slot, float]] = []
    for x, ka in enumerate(keys):
        for kb in keys[x + 1 :]:
            a, i = ka
            b, j = kb
            if a == b or story.event(a) != story.event(b):
                continue
            s = story.sim(a, i, b, j)
            if s < PLACE_ALIGN_COSINE:
                continue
            keys_a = {sl.key for sl in slots[ka]}
            keys_b = {sl.key for sl in slots[kb]}
            for sa in slots[ka]:
                for sb in slots[kb]:
                    if sa.key == sb.key or sa.country != sb.country or not (sa.context & sb.context):
                        continue
                    if sa.key in keys_b or sb.key in keys_a:
                        continue  # both places named in both sentences: no contradiction
                    found_pairs.append((ka, sa, kb, sb, s))
    out: list[Discrepancy] = []
    used: set[frozenset[str]] = set()
    for ka, sa, kb, sb, s in sorted(found_pairs, key=lambda p: -p[4]):
        context = sa.context & sb.context
        if any(context & u for u in used):
            continue
        used.add(frozenset(context))
        # Every other article joins the side of its best-aligned statement on the same predicate.
        wide = sa.context | sb.context
        sides: dict[str, list[tuple[int, int]]] = {sa.key: [ka], sb.key: [kb]}
        names = {sa.key: sa.place, sb.key: sb.place}
        best: dict[int, tuple[float, str, tuple[int, int]]] = {}
        for kc, sl in slots.items():
            if kc[0] in (ka[0], kb[0]) or story.event(kc[0]) != story.event(ka[0]):
                continue
            fit = max(story.sim(*kc, *ka), story.sim(*kc, *kb))
            if fit < PLACE_ALIGN_COSINE:
                continue
            for slot in sl:
                if slot.key in sides and slot.context & wide and fit > best.get(kc[0], (-1.0, "", kc))[0]:
                    best[kc[0]] = (fit, slot.key, kc)
        for _fit, key, kc in best.values():
            sides[key].append(kc)
        built = [_side(story, names[k], members) for k, members in sides.items()]
        if set(built[0].articles) == set(built[1].articles):
            continue
        words = sorted(context)
        out.append(Discrepancy(kind="place", about=f"place of '{' '.join(words)}…'", sides=built,
                               confidence=round(s, 3)))  # fmt: skip
    return out


# -- dates -----------------------------------------------------------------------------------


def _day_refs(article: Article, index: int) -> list[str]:
    try:
        from storyline.analysis.temporal import parse_reference, resolve
    except ImportError:  # the temporal module is optional for this detector
        return []
    reference, granularity = parse_reference(article.published)
    if reference is None:
        return []
    refs = resolve(article.sentences[index], reference=reference, language=article.language,
                   reference_granularity=granularity)  # fmt: skip
    return [
        r.value for r in refs if r.value and r.granularity == "day" and getattr(r, "relation", "at") == "at"
    ]


def _date_discrepancies(story: _Story, claims_by_sentence: set[tuple[int, int]]) -> list[Discrepancy]:
    dated: dict[tuple[int, int], list[str]] = {}
    for a, art in enumerate(story.articles):
        if not art.published:
            continue
        for i in range(len(art.sentences)):
            vals = _day_refs(art, i)
            if vals:
                dated[(a, i)] = vals
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
            if _days_apart(da, db) > 3:
                continue  # weeks apart: two different facts, not one misdated
            pair = frozenset({da, db})
            if pair in seen:
                continue
            seen.add(pair)
            sides = {da: [ka], db: [kb]}
            for kc, vals in dated.items():
                if kc in (ka, kb) or story.event(kc[0]) != story.event(ka[0]) or len(vals) != 1:
                    continue
                if max(story.sim(*kc, *ka), story.sim(*kc, *kb)) >= DATE_ALIGN_COSINE and vals[0] in sides:
                    sides[vals[0]].append(kc)
            built = [_side(story, v, m) for v, m in sides.items()]
            out.append(
                Discrepancy(kind="date", about="date of the same fact", sides=built, confidence=round(s, 3))
            )
    return out


def _days_apart(a: str, b: str) -> int:
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    except ValueError:
        return 10**6


# -- agents ----------------------------------------------------------------------------------


def _agent_discrepancies(story: _Story, quotes: list[Quote]) -> list[Discrepancy]:
    """One quotation, different speakers: a misattribution in some source."""
    from storyline.analysis.quotes import NEAR_VERBATIM_DICE, _dice, _tokens

    out: list[Discrepancy] = []
    named = [q for q in quotes if q.speaker]
    for x, qa in enumerate(named):
        for qb in named[x + 1 :]:
            if actor_key(qa.speaker) == actor_key(qb.speaker):
                continue
            if _dice(_tokens(qa.text), _tokens(qb.text)) < NEAR_VERBATIM_DICE:
                continue
            sides = []
            for q in (qa, qb):
                members = [loc for art in q.articles if (loc := _quote_location(story, art, q)) is not None]
                sides.append(_side(story, str(q.speaker), members))
            if all(s.articles for s in sides):
                out.append(
                    Discrepancy(kind="agent", about=f"who said “{qa.text[:80]}”", sides=sides, confidence=0.9)
                )
    return out


def _quote_location(story: _Story, article_id: str, q: Quote) -> tuple[int, int] | None:
    a = story.by_id.get(article_id)
    if a is None:
        return None
    wording = q.variants.get(article_id, q.text)
    for i, s in enumerate(story.articles[a].sentences):
        if wording in s:
            return (a, i)
    return None


# -- disputed claims and reversals ------------------------------------------------------------------


def _claim_value(c: Claim, verb: str) -> str:
    return f"{verb} by {c.actor}" if c.actor else verb


def _disputed(story: _Story, claims: list[Claim]) -> list[Discrepancy]:
    """X asserts P, Y denies P, inside one event.

    The assertion is found in the denial's own sentence ("Moscou a revendiqué
    P, une annonce démentie par Kyiv"), or as an assertion by another actor in
    an aligned sentence.  Once an asserter is known, its other assertions in
    the event join at the looser REVERSAL_ALIGN_COSINE gate: the actor match is
    the second condition.
    """
    loc = {id(c): story.locate(c.article, c.sentence) for c in claims}
    denials = [c for c in claims if c.stance == "deny" and loc[id(c)] is not None]
    asserts = [c for c in claims if c.stance in ("assert", "confirm") and loc[id(c)] is not None]
    groups: list[dict[str, list[Claim]]] = []
    for d in denials:
        ld = loc[id(d)]
        assert ld is not None
        inside = [
            c for c in asserts
            if c.article == d.article and c.sentence == d.sentence and c.actor_key != d.actor_key
            and c.stance == "assert" and d.sentence.find(c.cue) < d.sentence.find(d.cue)
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
            s = story.sim(*ld, *lc)
            same_asserter = c.actor_key is not None and c.actor_key in asserter_keys and c.stance == "assert"
            if s >= CLAIM_ALIGN_COSINE or (same_asserter and s >= REVERSAL_ALIGN_COSINE):
                found.append(c)
        if not found:
            continue
        for g in groups:
            lg = [loc[id(x)] for x in g["deny"]]
            close = any(
                story.event(x[0]) == story.event(ld[0])
                and (story.sim(*ld, *x) >= CLAIM_ALIGN_COSINE
                     or (o.actor_key == d.actor_key and story.sim(*ld, *x) >= REVERSAL_ALIGN_COSINE))
                for o, x in zip(g["deny"], lg, strict=True) if x is not None
            )  # fmt: skip
            if close or any(c in g["assert"] for c in found if c not in inside):
                g["deny"].append(d)
                g["assert"].extend(c for c in found if c not in g["assert"])
                break
        else:
            groups.append({"deny": [d], "assert": found})
    out: list[Discrepancy] = []
    for g in groups:
        deny_locs = [x for x in (loc[id(d)] for d in g["deny"]) if x is not None]
        assert_locs = [x for x in (loc[id(c)] for c in g["assert"]) if x is not None]
        asserter = _most_named(g["assert"])
        denier = _most_named(g["deny"])
        sims = [story.sim(*x, *y) for x in deny_locs for y in assert_locs if x != y]
        out.append(
            Discrepancy(
                kind="claim_disputed",
                about=g["deny"][0].sentence[:160],
                sides=[
                    _side(
                        story,
                        f"asserted by {asserter}" if asserter else "asserted",
                        list(dict.fromkeys(assert_locs)),
                    ),
                    _side(
                        story, f"denied by {denier}" if denier else "denied", list(dict.fromkeys(deny_locs))
                    ),
                ],
                confidence=round(max(sims), 3) if sims else 0.8,
            )
        )
    return out


def _most_named(claims: list[Claim]) -> str | None:
    keys = [c.actor_key for c in claims if c.actor_key]
    if not keys:
        return None
    top = max(set(keys), key=keys.count)
    return next(c.actor for c in claims if c.actor_key == top)


def _event_dates(story: _Story) -> dict[int | None, str]:
    dates: dict[int | None, list[str]] = defaultdict(list)
    for a in story.articles:
        if a.published:
            dates[a.event_id].append(a.published[:10])
    return {e: min(v) for e, v in dates.items()}


def _reversals(story: _Story, claims: list[Claim]) -> list[Discrepancy]:
    denials = [c for c in claims if c.stance == "deny" and c.actor_key]
    confirms = [c for c in claims if c.stance == "confirm" and c.actor_key]
    when = _event_dates(story)
    pairs: dict[
        tuple[str, int | None, int | None], tuple[list[tuple[int, int]], list[tuple[int, int]], list[Claim]]
    ] = {}
    for d in denials:
        ld = story.locate(d.article, d.sentence)
        if ld is None:
            continue
        for c in confirms:
            lc = story.locate(c.article, c.sentence)
            if lc is None or c.actor_key != d.actor_key:
                continue
            ed, ec = story.event(ld[0]), story.event(lc[0])
            if ed == ec:
                continue
            if story.sim(*ld, *lc) < REVERSAL_ALIGN_COSINE:
                continue
            wd, wc = when.get(ed), when.get(ec)
            later = (wd < wc) if (wd and wc) else c.novelty
            if not later:
                continue
            key = (d.actor_key or "", ed, ec)
            entry = pairs.setdefault(key, ([], [], []))
            if ld not in entry[0]:
                entry[0].append(ld)
            if lc not in entry[1]:
                entry[1].append(lc)
            entry[2].extend([d, c])
    out: list[Discrepancy] = []
    for (actor_k, _ed, ec), (dlocs, clocs, cl) in pairs.items():
        # Other first-time confirmations by the same actor in the later event join its side.
        for c in confirms:
            lc = story.locate(c.article, c.sentence)
            if (
                lc is not None
                and c.actor_key == actor_k
                and c.novelty
                and story.event(lc[0]) == ec
                and lc not in clocs
            ):
                clocs.append(lc)
                cl.append(c)
        denier = next((x.actor for x in cl if x.actor and x.stance == "deny"), None)
        confirmer = next((x.actor for x in cl if x.actor and x.stance == "confirm"), None)
        out.append(
            Discrepancy(
                kind="reversal",
                about=f"position of {denier or confirmer}",
                sides=[
                    _side(story, f"denied by {denier}", dlocs),
                    _side(story, f"confirmed by {confirmer}", clocs),
                ],
                confidence=round(max(story.sim(*x, *y) for x in dlocs for y in clocs), 3),
            )
        )
    return out


# -- entry point -------------------------------------------------------------------------------


def find_discrepancies(
    articles: list[Article],
    vectors: dict[str, np.ndarray],
    *,
    quantities: list[Quantity],
    quotes: list[Quote],
    entities: list[Entity],
    claims: list[Claim] | None = None,
    mentions: dict[str, list[list[Mention]]] | None = None,
) -> list[Discrepancy]:
    """Discrepancies among the articles of one storyline (several events allowed).

    ``quantities`` and ``quotes`` are those of these articles; ``entities``
    is accepted for callers that have them (place and actor keys are
    recomputed per mention); ``claims`` and ``mentions`` (NER mentions per
    sentence) are computed when not given.
    """
    del entities  # keys come from entity_key on each mention; see the docstring
    for a in articles:
        if not isinstance(a, Article):
            raise TypeError(f"expected Article, got {type(a).__name__}")
    if not articles:
        return []
    story = _Story(articles, vectors)
    if mentions is None:
        from storyline.analysis.entities import sentence_mentions

        mentions = sentence_mentions(articles)
    if claims is None:
        claims = [c for a in articles for c in extract_claims(a, mentions=mentions.get(a.id))]
    out: list[Discrepancy] = []
    out += _place_discrepancies(story, mentions)
    out += _number_discrepancies(story, quantities)
    out += _date_discrepancies(story, set())
    out += _agent_discrepancies(story, quotes)
    out += _disputed(story, claims)
    out += _reversals(story, claims)
    return out
