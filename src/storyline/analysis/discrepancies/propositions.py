"""The assertion a denial names: "denies reports that P" matched with a source that states P.

A denial often spells out what it denies ("wies Berichte zurück, wonach P",
"denied reports that P", "dément les informations selon lesquelles P").  When
no asserting sentence aligns with the denial as a whole (the denial's own
framing -- speaker, day, reporting verb -- dilutes the sentence vector), the
denied proposition P itself is compared with the clauses of attributed,
non-negated statements ("selon X, P", "P, X said") of the same event, in
*other languages* only: within one language a restatement shares words with
the denial and the sentence gate of :mod:`.disputes` finds it; on ECB+ dev
(English) this path added 3 reports to 5, all wrong on reading (the denier's
own words reported elsewhere, speculation), before the language and denier
conditions.
"""

from __future__ import annotations

import re

import numpy as np

from storyline import lang
from storyline.nlp.alignment import Story
from storyline.nlp.claims import Claim, actor_key
from storyline.nlp.encoder import Encoder
from storyline.nlp.ner import Mention

__all__ = ["denied_proposition", "stated_elsewhere", "PROPOSITION_COSINE", "MIN_CLAUSE_WORDS"]

#: A denied proposition and a clause stating it: USE cosine at least this.
#: Calibrated on the example corpus and the seed pages (every denial with an
#: explicit proposition against every clause of an attributed statement of its
#: event): the one restatement in another language and article was 0.54, the
#: best unrelated clause 0.30.  Thin evidence, so only denials that found no
#: assertion otherwise use it.
PROPOSITION_COSINE = 0.5
#: Shorter clauses ("Helena Carvalho", "selon sa dirigeante") state no proposition.
MIN_CLAUSE_WORDS = 5

_DENIED = re.compile(
    r"(?:reports?|claims?|allegations?|suggestions?|informations?|affirmations?|allégations?|rumeurs?|"
    r"Berichte?n?|Angaben|Meldungen|Behauptung(?:en)?|informes?|informaciones|afirmaciones|rumores|"
    r"notizie|affermazioni|voci)\W+(?:\w+\W+){0,3}?"
    r"(?:that|wonach|dass|selon\s+lesquel\w+|selon\s+laquelle|que|según\s+l[oa]s?\s+cual\w+|"
    r"de\s+que|secondo\s+cui|secondo\s+le\s+quali|che)\s+(?P<p>[^.;]+)",
    re.IGNORECASE,
)
# An attributed statement: a source named ("selon X") or a reporting verb
# ("said", "a déclaré"), in the registered languages (set by _language_tables).
_ATTRIBUTED: re.Pattern[str]


@lang.on_change
def _language_tables() -> None:
    global _ATTRIBUTED
    cues = "|".join((*lang.collect("according_to"), *lang.collect("statement_cues")))
    _ATTRIBUTED = re.compile(rf"(?<!\w)(?:{cues})(?!\w)", re.IGNORECASE)


_CLAUSES = re.compile(
    r"\s*[,;:()«»\"“”–—]\s*|(?<!\w)(?:alors\s+même\s+que|alors\s+que|tandis\s+que|while|whereas|während|"
    r"mientras|mentre)\s+",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"(?<!\w)(?:ne|n['’]|pas|aucun\w*|jamais|not|no|never|nicht|kein\w*|nie|nunca|ningún|ninguna|non|"
    r"nessun\w*|mai)(?!\w)",
    re.IGNORECASE,
)


def _named(mentions: dict[str, list[list[Mention]]] | None, article: str, j: int) -> set[str]:
    """Name tokens of the persons and organisations of a sentence ("gary-ross" -> gary, ross)."""
    per = mentions.get(article, []) if mentions else []
    found = per[j] if j < len(per) else []
    return {t for m in found if m.label in ("PER", "ORG") and (k := actor_key(m.text)) for t in k.split("-")}


def denied_proposition(denial: Claim) -> str | None:
    """What a denial says it denies ("reports that P" -> P), or None when it does not spell it out."""
    at = denial.sentence.find(denial.cue)
    m = _DENIED.search(denial.sentence[max(at, 0) :])
    return m.group("p").strip() if m else None


def stated_elsewhere(
    story: Story,
    denial: Claim,
    at: tuple[int, int],
    mentions: dict[str, list[list[Mention]]] | None,
    *,
    encoder: Encoder,
) -> Claim | None:
    """An attributed statement of another article of the denial's event that states what it denies."""
    proposition = denied_proposition(denial)
    if proposition is None:
        return None
    own_language = story.articles[at[0]].language
    denier = set(denial.actor_key.split("-")) if denial.actor_key else set()
    cands: list[tuple[int, int, str]] = []
    for b, art in enumerate(story.articles):
        if b == at[0] or story.event(b) != story.event(at[0]) or art.language == own_language:
            continue
        for j, sentence in enumerate(art.sentences):
            if not _ATTRIBUTED.search(sentence) or (denier and denier & _named(mentions, art.id, j)):
                continue  # the denier quoted again is no other side
            for clause in _CLAUSES.split(sentence):
                if len(clause.split()) >= MIN_CLAUSE_WORDS and not _NEGATED.search(clause):
                    cands.append((b, j, clause))
    if not cands:
        return None
    vecs = encoder.encode([proposition] + [c for _, _, c in cands])
    sims = np.asarray(vecs[1:] @ vecs[0])
    best = int(np.argmax(sims))
    if float(sims[best]) < PROPOSITION_COSINE:
        return None
    b, j, _clause = cands[best]
    art = story.articles[b]
    per = mentions.get(art.id, []) if mentions else []
    named = [m for m in (per[j] if j < len(per) else []) if m.label == "PER"] or [
        m for m in (per[j] if j < len(per) else []) if m.label == "ORG"
    ]
    actor = named[0].text if named else None
    cue = _ATTRIBUTED.search(art.sentences[j])
    return Claim(article=art.id, index=j, sentence=art.sentences[j], stance="assert",
                 cue=cue.group(0) if cue else "", actor=actor, actor_key=actor_key(actor))  # fmt: skip
