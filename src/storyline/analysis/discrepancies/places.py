"""Place discrepancies: the same predicate filled with different places by different sources.

A place slot is a place named right after a locative preposition ("envoyé des
troupes en X", "near X"), with the content words before the preposition as its
predicate.  Two aligned sentences conflict when they share a predicate word but
fill it with different places of the same kind (country vs country, town vs
town) -- and neither sentence names the other's place, nor is one name a coarser
form of the other ("California" within "Southern California").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from storyline.analysis.claims import DEMONYM_RE, DEMONYMS, actor_key
from storyline.analysis.discrepancies.align import Story, make_side
from storyline.analysis.ner import Mention
from storyline.types import Discrepancy

__all__ = ["place_discrepancies", "PLACE_ALIGN_COSINE"]

# The sentence gates are calibrated on ECB+ dev: see the docstring of the ``align`` module.

#: Place statements have a weaker second condition (a shared content word),
#: so the gate is the 99th percentile of same-topic, different-event pairs.
PLACE_ALIGN_COSINE = 0.55
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
# Function words that never define a place slot's predicate.
_STOP = frozenset([
    "avoir", "être", "avait", "était", "sont", "ont", "dans", "pour", "avec", "sans", "leur", "leurs",
    "cette", "celle", "ceux", "qui", "que", "dont", "tous", "toutes", "fois", "première", "premier",
    "have", "been", "with", "from", "that", "this", "which", "were", "their", "they", "them", "also",
    "have", "into", "over", "after", "before", "first", "time", "haben", "wurde", "wurden", "nach", "sein",
    "einer", "eines", "dass", "para", "como", "desde", "sobre", "esta", "este", "sono", "stato", "della",
    "delle", "anche", "dopo", "prima",
])  # fmt: skip
_STOP_FOLDED = frozenset(unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode() for w in _STOP)


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
    from storyline.analysis.entities import entity_key

    return frozenset(entity_key(c) for c in set(DEMONYMS.values()))


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
            dm = DEMONYM_RE.search(place)
            place = DEMONYMS[dm.group(1).lower()] if dm else place
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


def place_discrepancies(story: Story, mentions: dict[str, list[list[Mention]]]) -> list[Discrepancy]:
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
        built = [make_side(story, names[k], members) for k, members in sides.items()]
        if set(built[0].articles) == set(built[1].articles):
            continue
        out.append(Discrepancy(kind="place", about=f"where: “…{sa.predicate} …”", sides=built,
                               confidence=round(s, 3)))  # fmt: skip
    return out
