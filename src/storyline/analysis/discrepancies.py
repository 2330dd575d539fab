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

from storyline.analysis.claims import _DATELINE, Claim, actor_key, check_story_vectors, extract_claims
from storyline.analysis.ner import Mention
from storyline.analysis.quantities import compatible, context_phrase, counted_stem
from storyline.types import Article, Discrepancy, Entity, Evidence, Quantity, Quote, Side

__all__ = [
    "find_discrepancies",
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

# Calibration of the sentence gates: USE cosines between sentences of ECB+ dev
# (772 English articles, 11.7k sentences of >= 6 words).  Pairs from
# *different events of the same topic* -- the hardest negatives -- have
# median 0.16, 90th percentile 0.38, 99th 0.555, 99.9th 0.67; the best match
# of a sentence in another article of the *same* event has median 0.63 and
# lower quartile 0.50.

#: Number statements: the counted-thing match is a strong second condition,
#: so the sentence gate only needs to rule out unrelated sentences: above the
#: 90th percentile of same-topic, different-event pairs (0.384).  0.40 found one
#: more planted discrepancy in the examples but also one false alarm; 0.45 none.
NUMBER_ALIGN_COSINE = 0.45
#: Two counted nouns are the same thing above this USE cosine (measured on a
#: hand list of 17 words in fr/en/de/it: soldats/militaires 0.72,
#: soldats/soldiers 0.91, injured/Verletzte 0.67 vs blessés/morts 0.53,
#: soldats/conteneurs 0.47).
COUNTED_COSINE = 0.6
#: Phrases around two numbers with the numbers masked ("killing at least N
#: people" / "faisant au moins N morts" 0.74, "N injured" / "N Verletzte"
#: 0.71, "N jobs cut" / "suppression de N emplois" 0.70) measure the same
#: thing above this cosine; unrelated pairs of a hand list of 16 phrases in
#: five languages stayed below 0.62 ("a strike by N workers" / "N jobs cut").
PHRASE_COSINE = 0.65
#: Phrases this close (0.77 for "N Menschen wurden verletzt" / "N people were
#: injured", 0.74 for "au moins N morts" / "killing at least N people") stand
#: in for the sentence gate when the sentences themselves align poorly.
STRONG_PHRASE_COSINE = 0.72
#: With counted nouns matched by embedding (not by stem), the phrases only
#: need to share a context: below 0.4 they are unrelated uses (hand list:
#: "N kilometres deep" / "N passengers on board" 0.35).
PHRASE_MIN_COSINE = 0.4
#: Two amounts of one unit (years, %, metres) measure the same thing when their
#: phrases are at least this close (0.5 also separates "N blessés" from "N morts").
UNIT_PHRASE_COSINE = 0.5
#: Place statements have a weaker second condition (a shared content word),
#: so the gate is the 99th percentile of same-topic, different-event pairs.
PLACE_ALIGN_COSINE = 0.55
#: Dates: a sentence often carries several times (the event, the report, a
#: deadline), so the gate is stricter -- the 99.9th percentile (0.67) rounded down.
DATE_ALIGN_COSINE = 0.65
#: A denial and the assertion it denies share the proposition but not the
#: stance words; same gate as places.
CLAIM_ALIGN_COSINE = 0.55
#: Denied in one event, confirmed in another: months apart, other wording,
#: often other languages; the actor match is the second condition.
REVERSAL_ALIGN_COSINE = 0.45
#: A denial shorter than this many words ("La direction conteste cette
#: version.") refers to the claim in the sentence before it.
ANAPHORIC_MAX_WORDS = 10
_ANAPHORIC = re.compile(
    r"(?<!\w)(?:cette\s+version|ces\s+(?:affirmations|informations|allégations)|this\s+(?:claim|account|version)|"
    r"these\s+claims|diese\s+(?:Angaben|Darstellung|Version)|esta\s+versión|questa\s+versione)(?!\w)",
    re.IGNORECASE,
)
_DEPARTURE = re.compile(
    r"(?<!\w)(?:leav\w*|left|checked\s+out|moving|moved|quitt\w*|sorti\w*|verl(?:ass|ieß)\w*|lasciat\w*|lascia\w*|"
    r"dej(?:ó|ar|ando)|abandon\w*)(?!\w)",
    re.IGNORECASE,
)
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


_UPDATE = re.compile(
    r"s['’]alourd\w*|alourdi\w*|nouveau\s+bilan|dernier\s+bilan|passe\s+à|rises?\s+to|rose\s+to|risen\s+to|"
    r"climbed\s+to|new\s+toll|latest\s+toll|updated|revised|steigt|stieg|gestiegen|neue\s+bilanz|"
    r"sube\s+a|subió|nuevo\s+balance|salito|sale\s+a|nuovo\s+bilancio|aggiornat\w*",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


QuantityVectors = tuple[dict[str, np.ndarray], dict[int, np.ndarray]]


def quantity_texts(quantities: list[Quantity]) -> tuple[list[str], list[str]]:
    """The texts the number detector embeds: distinct counted nouns, and one masked phrase per quantity."""
    return sorted({q.counts for q in quantities if q.counts}), [context_phrase(q) for q in quantities]


def quantity_vectors(quantities: list[Quantity], vecs: np.ndarray) -> QuantityVectors:
    """Split vectors of ``quantity_texts(quantities)`` (words then phrases, in order) for the detector."""
    words, phrases = quantity_texts(quantities)
    if len(vecs) != len(words) + len(phrases):
        raise ValueError(f"{len(vecs)} vectors for {len(words) + len(phrases)} quantity texts")
    by_word = dict(zip(words, vecs[: len(words)], strict=True))
    by_quantity = {id(q): v for q, v in zip(quantities, vecs[len(words) :], strict=True)}
    return by_word, by_quantity


def _quantity_vectors(quantities: list[Quantity]) -> QuantityVectors:
    """Vectors of the counted nouns and of the masked context phrases, in one encoder call."""
    if not quantities:
        return {}, {}
    from storyline.embedding import get_encoder

    words, phrases = quantity_texts(quantities)
    return quantity_vectors(quantities, get_encoder().encode(words + phrases))


def _same_thing(
    a: Quantity, b: Quantity, words: dict[str, np.ndarray], phrases: dict[int, np.ndarray]
) -> bool:
    """Do two quantities measure the same thing (same unit, same counted noun or same phrasing)?"""
    if (a.unit or None) != (b.unit or None):
        return False
    pa, pb = phrases.get(id(a)), phrases.get(id(b))
    phrase = float(pa @ pb) if pa is not None and pb is not None else 0.0
    # A phrase of one or two words ("about N") says too little to match on alone.
    informative = min(len(context_phrase(a).split()), len(context_phrase(b).split())) >= 4
    if phrase >= PHRASE_COSINE and informative:
        return True
    if a.unit is not None and phrase >= UNIT_PHRASE_COSINE and informative:
        return True  # same dimension ("4 ans et 6 mois" / "cinq ans de prison") and a shared context
    if a.counts is None or b.counts is None:
        return False
    if counted_stem(a.counts) == counted_stem(b.counts):
        return True
    va, vb = words.get(a.counts), words.get(b.counts)
    return (
        va is not None and vb is not None and float(va @ vb) >= COUNTED_COSINE and phrase >= PHRASE_MIN_COSINE
    )


def _years(article: Article, sentence: str) -> set[str]:
    found = set(_YEAR.findall(sentence))
    if not found and article.published:
        found = {article.published[:4]}
    return found


def _same_occasion(story: _Story, qa: Quantity, a: int, qb: Quantity, b: int) -> bool:
    """False when the two statements are about different times: another year, or a later update."""
    art_a, art_b = story.articles[a], story.articles[b]
    ya, yb = _years(art_a, qa.sentence), _years(art_b, qb.sentence)
    if ya and yb and not (ya & yb):
        return False  # "in November 2019 killed 51 people" is background, not this event's toll
    pa, pb = art_a.published or "", art_b.published or ""
    if _UPDATE.search(qa.sentence) and pa[:10] > pb[:10]:
        return False  # a later, revised figure ("le bilan s'alourdit à 23 morts")
    return not (_UPDATE.search(qb.sentence) and pb[:10] > pa[:10])


def _format_value(q: Quantity) -> str:
    text = q.text
    if q.counts and q.counts not in text.casefold():
        text = f"{text} {q.counts}"
    if q.source:
        text = f"{text} (according to {q.source})"
    return text


def _number_discrepancies(
    story: _Story, quantities: list[Quantity], given: QuantityVectors | None = None
) -> list[Discrepancy]:
    located: list[tuple[Quantity, int, int]] = []
    for q in quantities:
        if q.counts is None and q.unit is None:
            continue
        loc = story.locate(q.article, q.sentence)
        if loc is not None:
            located.append((q, loc[0], loc[1]))
    if len(located) < 2:
        return []
    if given is not None and all(id(q) in given[1] for q, _, _ in located):
        words, phrases = given
    else:
        words, phrases = _quantity_vectors([q for q, _, _ in located])
    n = len(located)

    def related(x: int, y: int) -> bool:
        qa, a, i = located[x]
        qb, b, j = located[y]
        if a == b or story.event(a) != story.event(b) or not _same_thing(qa, qb, words, phrases):
            return False
        aligned = story.sim(a, i, b, j) >= NUMBER_ALIGN_COSINE
        if not aligned and counted_stem(qa.counts) and counted_stem(qa.counts) == counted_stem(qb.counts):
            aligned = False  # same noun but unaligned sentences: two different counts of one kind
        elif not aligned:
            # Short cross-language sentences align poorly; nearly identical phrasing of the
            # number ("27 Menschen wurden verletzt" / "Thirty-one people were injured") suffices.
            aligned = float(phrases[id(qa)] @ phrases[id(qb)]) >= STRONG_PHRASE_COSINE
        return aligned and _same_occasion(story, qa, a, qb, b)

    def phrase(x: int, y: int) -> float:
        return float(phrases[id(located[x][0])] @ phrases[id(located[y][0])])

    by_article: dict[int, list[int]] = defaultdict(list)
    for x in range(n):
        by_article[located[x][1]].append(x)

    # Counterparts: a one-to-one matching between the statements of each pair of articles, closest
    # phrasing first ("19 people killed" pairs with "14 morts", not with "120 blessés").
    matched: set[tuple[int, int]] = set()
    articles_ = sorted(by_article)
    for i_a, a in enumerate(articles_):
        for b in articles_[i_a + 1 :]:
            # An agreeing counterpart wins over a closer-phrased disagreeing one: "environ 400 emplois"
            # is the "420 job cuts", not the "1,100 jobs" of a sentence that happens to end alike.
            cands = sorted(
                (
                    (compatible(located[x][0], located[y][0]) is True, phrase(x, y), x, y)
                    for x in by_article[a] for y in by_article[b] if related(x, y)
                ),
                reverse=True,
            )  # fmt: skip
            used_x: set[int] = set()
            used_y: set[int] = set()
            for _agree, _p, x, y in cands:
                if x not in used_x and y not in used_y:
                    used_x.add(x)
                    used_y.add(y)
                    matched.add((min(x, y), max(x, y)))

    conflicts: list[tuple[float, int, int]] = []
    for x, y in sorted(matched):
        if compatible(located[x][0], located[y][0]) is False:
            conflicts.append((story.sim(*located[x][1:], *located[y][1:]), x, y))
    out: list[Discrepancy] = []
    claimed: set[int] = set()
    for score, x, y in sorted(conflicts, reverse=True):
        if x in claimed and y in claimed:
            continue  # already reported with these statements
        side_x, side_y = [x], [y]
        for z in range(n):
            if z in (x, y) or not (related(z, x) or related(z, y)):
                continue
            with_x = compatible(located[z][0], located[x][0]) is not False
            with_y = compatible(located[z][0], located[y][0]) is not False
            if with_x and not with_y:
                side_x.append(z)
            elif with_y and not with_x:
                side_y.append(z)
        claimed.update(side_x + side_y)
        sides = [
            _side(story, _format_value(located[m[0]][0]), [(located[k][1], located[k][2]) for k in m])
            for m in (side_x, side_y)
        ]
        if set(sides[0].articles) == set(sides[1].articles):
            continue
        about = located[x][0].counts or located[y][0].counts or located[x][0].unit or "quantity"
        out.append(
            Discrepancy(kind="number", about=f"number of {about}", sides=sides, confidence=round(score, 3))
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
    predicate: str = ""  # the words before the preposition, for the discrepancy's "about"


def _country_keys() -> frozenset[str]:
    from storyline.analysis.claims import _DEMONYMS
    from storyline.analysis.entities import entity_key

    return frozenset(entity_key(c) for c in set(_DEMONYMS.values()))


def _place_slots(sentence: str, found: list[Mention], countries: frozenset[str]) -> list[_Slot]:
    slots: list[_Slot] = []
    places = [m for m in found if m.label == "LOC"]
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
        if _DEPARTURE.search(" ".join(sentence[: m.start()].split()[-_SLOT_CONTEXT_WORDS:])):
            continue  # "after leaving rehab in X": a place left behind, not where the fact happens
        words = [w for w in _CONTENT.findall(sentence[: m.start()]) if _fold(w) not in _STOP_FOLDED]
        context = frozenset(_stem(w) for w in words[-_SLOT_CONTEXT_WORDS:])
        if context:
            predicate = " ".join(sentence[: m.start()].split()[-_SLOT_CONTEXT_WORDS:])
            slots.append(
                _Slot(place=place, key=key, context=context, country=key in countries, predicate=predicate)
            )
    return slots


def _place_discrepancies(story: _Story, mentions: dict[str, list[list[Mention]]]) -> list[Discrepancy]:
    countries = _country_keys()
    slots: dict[tuple[int, int], list[_Slot]] = {}
    named: dict[tuple[int, int], set[str]] = {}
    for a, art in enumerate(story.articles):
        per = mentions.get(art.id, [])
        for i, sent in enumerate(art.sentences):
            found = per[i] if i < len(per) else []
            sl = _place_slots(sent, found, countries)
            if sl:
                slots[(a, i)] = sl
                named[(a, i)] = {k for m in found if m.label == "LOC" and (k := actor_key(m.text))}
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
            # Every place either sentence names: naming both places is no contradiction.
            keys_a = {sl.key for sl in slots[ka]} | named[ka]
            keys_b = {sl.key for sl in slots[kb]} | named[kb]
            for sa in slots[ka]:
                for sb in slots[kb]:
                    if sa.key == sb.key or sa.country != sb.country or not (sa.context & sb.context):
                        continue
                    ta, tb = set(sa.key.split("-")), set(sb.key.split("-"))
                    if ta <= tb or tb <= ta:
                        continue  # "California" within "Southern California": a coarser name, not another place
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
        out.append(Discrepancy(kind="place", about=f"where: “…{sa.predicate} …”", sides=built,
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
    lead = _DATELINE.match(article.sentences[index])
    skip = lead.end() if lead else 0  # "TIRANA, March 15 (Reuters) -": the report's date, not the fact's
    return [
        r.value for r in refs
        if r.value and r.granularity == "day" and getattr(r, "relation", "at") == "at" and r.start >= skip
    ]  # fmt: skip


def _date_discrepancies(story: _Story, claims_by_sentence: set[tuple[int, int]]) -> list[Discrepancy]:
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


_NIGHT = re.compile(r"(?<!\w)(?:nuit|night|nacht|notte|noche)(?!\w)", re.IGNORECASE)


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


def _perpetrator_discrepancies(story: _Story) -> list[Discrepancy]:
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
                sides.append(_side(story, names[key], [loc for locs in own.values() for loc in locs]))
        if len(sides) >= 2:
            out.append(Discrepancy(kind="agent", about="who did it", sides=sides, confidence=0.7))
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


_ANNOUNCE = re.compile(r"annon\w*|announc\w*|anunci\w*|annunci\w*|kündigt\w*", re.IGNORECASE)


# -- disputed claims and reversals ------------------------------------------------------------------


def _claim_value(c: Claim, verb: str) -> str:
    return f"{verb} by {c.actor}" if c.actor else verb


def _disputed(
    story: _Story, claims: list[Claim], mentions: dict[str, list[list[Mention]]] | None = None
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
            orphans.append(d)
            continue
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


def _echoes(story: _Story, d: Claim, ld: tuple[int, int], group: dict[str, list[Claim]],
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
    story: _Story, at: tuple[int, int], mentions: dict[str, list[list[Mention]]] | None
) -> set[str]:
    if mentions is None:
        return set()
    per = mentions.get(story.articles[at[0]].id, [])
    found = per[at[1]] if at[1] < len(per) else []
    return {k for m in found if m.label in ("PER", "ORG") and (k := actor_key(m.text))}


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
        denier = _most_named(dens)
        confirmer = _most_named(cons)
        who = denier or confirmer
        out.append(
            Discrepancy(
                kind="reversal",
                about=f"position of {who}" if who else "position reversed",
                sides=[
                    _side(story, f"denied by {denier}" if denier else "denied", dlocs),
                    _side(story, f"confirmed by {confirmer}" if confirmer else "confirmed", clocs),
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
    quantity_vecs: QuantityVectors | None = None,
) -> list[Discrepancy]:
    """Discrepancies among the articles of one storyline (several events allowed).

    ``quantities`` and ``quotes`` are those of these articles; ``entities``
    is accepted for callers that have them (place and actor keys are
    recomputed per mention); ``claims``, ``mentions`` (NER mentions per
    sentence) and ``quantity_vecs`` (see :func:`quantity_vectors`, lets a
    caller batch all its encoder calls into one) are computed when not given.
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
    out += _number_discrepancies(story, quantities, quantity_vecs)
    out += _date_discrepancies(story, set())
    out += _agent_discrepancies(story, quotes)
    out += _perpetrator_discrepancies(story)
    out += _disputed(story, claims, mentions)
    out += _reversals(story, claims)
    return out
