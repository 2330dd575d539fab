"""Who asserts, denies or confirms what: stance cues per language, and each article's unique claims.

A *claim* here is one sentence carrying a stance cue (the ``deny_cues``,
``confirm_cues`` and ``assert_cues`` of :mod:`storyline.lang`, written for
this project, fr/en/de/es/it):

* ``deny``    -- "dément", "nie", "rejette", "denies", "bestreitet", "niega",
  "smentisce", and dismissals ("fake news", « propagande »);
* ``confirm`` -- "confirme", "reconnaît", "confirms", "admits", "bestätigt";
* ``assert``  -- "affirme", "revendique", "claims", "behauptet", "afirma".

A cue under negation ("n'avaient jamais confirmé ni démenti", "did not
confirm") carries no stance.  The actor is the subject before the cue ("Le
Kremlin a rejeté"), the agent of a passive ("démentie par Kyiv",
"qualifié de propagande par les autorités ukrainiennes") or the complement
of a nominal cue ("confirmation officielle de Moscou").  Actors are keyed
with :func:`storyline.nlp.names.entity_key` and, through a small
metonymy table, a seat of government or a nationality adjective maps to its
country ("le Kremlin", "Moscou", "les autorités russes" -> Russia).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np

from storyline import lang
from storyline.nlp.entities import sentence_mentions
from storyline.nlp.names import entity_key
from storyline.nlp.ner import Mention
from storyline.types import Article

__all__ = [
    "Claim",
    "extract_claims",
    "check_story_vectors",
    "actor_key",
    "unique_claims",
    "UNIQUE_MAX_COSINE",
    "UNIQUE_MIN_WORDS",
    "NOVELTY_RE",
    "DEMONYMS",
    "DEMONYM_RE",
    "DATELINE_RE",
]

#: A sentence is unique to its article when no sentence of another article
#: reaches this cosine.  0.55 is the 99th percentile of USE cosines between
#: sentences of *different* events of one ECB+ dev topic (measured: 0.555), so
#: a best match below it is no more than topical overlap.
UNIQUE_MAX_COSINE = 0.55
#: Shorter sentences (headlines, captions that slipped through) rarely state a fact.
UNIQUE_MIN_WORDS = 8

# Stance cues (deny, confirm, assert) and reported statements ("a déclaré",
# "said") of the registered languages, as regexes: set by _language_tables.
_CUES: re.Pattern[str]
# A reported statement whose content is negative ("assure qu'aucune donnée
# n'a été volée", "teilte mit, es seien keine Daten abgeflossen", "There is no
# plan") is a denial even without a denial verb.
_REPORT: re.Pattern[str]


@lang.on_change
def _language_tables() -> None:
    global _CUES, _REPORT
    deny, confirm, assert_ = ("|".join(lang.collect(f)) for f in ("deny_cues", "confirm_cues", "assert_cues"))
    _CUES = re.compile(
        rf"(?<![\w-])(?P<deny>{deny})(?!\w)|(?<![\w-])(?P<confirm>{confirm})(?!\w)|"
        rf"(?<![\w-])(?P<assert>{assert_})(?!\w)",
        re.IGNORECASE,
    )
    _REPORT = re.compile(rf"(?<![\w-])(?:{'|'.join(lang.collect('statement_cues'))})(?!\w)", re.IGNORECASE)


_STRONG_NEGATION = re.compile(
    r"(?<!\w)(?:aucun\w*|rien|jamais|no\s+(?!one\b|doubt\b)\w+|not\s+(?:been|be|have|had|a|any)\b|none|never|"
    r"kein\w*|nicht|niemals|ningún|ninguna|nunca|nessun\w*|mai)(?!\w)",
    re.IGNORECASE,
)
# A stance reported as a former one: pluperfect or French imperfect.
_PAST_BEFORE = re.compile(
    r"(?<!\w)(?:had|avait|avaient|hatte|hatten|había|habían|aveva|avevano)\s+(?:\w+\s+){0,3}$", re.IGNORECASE
)
_PAST_CUE = re.compile(r"\w+(?:ait|aient)$", re.IGNORECASE)
_NEGATION = re.compile(
    r"(?<!\w)(?:ne|n['’]|jamais|pas|ni|not|never|no|neither|nor|nicht|nie|kein\w*|weder|noch|nunca|non|mai)(?!\w)",
    re.IGNORECASE,
)
#: Words between a negation and the cue it scopes over (e.g. "n'avaient jamais confirmé").
_NEGATION_WINDOW = 4
_CONDITION = re.compile(r"(?<!\w)(?:si|if|unless|wenn|falls|se|a\s+meno\s+che)\s[^,;.]*", re.IGNORECASE)
# "for the first time": a confirmation that reverses an earlier position.
NOVELTY_RE = re.compile(
    r"pour\s+la\s+première\s+fois|première\s+confirmation|for\s+the\s+first\s+time|first\s+confirmation|"
    r"erstmals|zum\s+ersten\s+Mal|por\s+primera\s+vez|per\s+la\s+prima\s+volta|впервые",
    re.IGNORECASE,
)
_PASSIVE_AGENT = re.compile(r"^[^,;.]{0,40}?\b(?:par|by|von|vom|por|da|dal|dalla)\s+", re.IGNORECASE)
_NOMINAL_AGENT = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:de|du|des|d['’]|of|by)\s*", re.IGNORECASE)
_ACTOR_LABELS = ("PER", "ORG", "LOC", "MISC")

# Seats of government and capitals standing for their country (metonymy), and
# nationality adjectives (stems) -> the country's entity key: data files
# storyline/lang/data/seats.json and demonyms.json.
_SEATS: dict[str, str] = dict(lang.load_table("seats"))
DEMONYMS: dict[str, str] = dict(lang.load_table("demonyms"))
DEMONYM_RE = re.compile(
    r"(?<!\w)(" + "|".join(sorted((re.escape(k) for k in DEMONYMS), key=len, reverse=True)) + r")\w*",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Claim:
    """One stance-bearing sentence."""

    article: str
    index: int  # sentence index in the article
    sentence: str
    stance: str  # "assert" | "deny" | "confirm"
    cue: str
    actor: str | None  # surface form
    actor_key: str | None  # country/entity key for matching actors across articles
    novelty: bool = False  # "for the first time": marks a change of position
    past: bool = False  # "had denied", "niait en janvier": a former position, not a live dispute
    negative: bool = False  # the sentence's content is negated ("aucune donnée n'a été volée")


def actor_key(surface: str | None) -> str | None:
    """Key of an actor: entity key, with seats of government and nationality adjectives -> country."""
    if not surface:
        return None
    key = entity_key(surface)
    seat = _seat_keys().get(key)
    if seat is not None:
        return seat
    # A common noun phrase ("les autorités ukrainiennes", "russe") stands for
    # its country; a proper name ("Francesca") never goes through the stems.
    if any(tok[:1].islower() for tok in surface.split()):
        m = DEMONYM_RE.search(surface)
        if m:
            return entity_key(DEMONYMS[m.group(1).lower()])
    return key


@functools.lru_cache(maxsize=1)
def _seat_keys() -> dict[str, str]:
    return {entity_key(seat): entity_key(country) for seat, country in _SEATS.items()}


# (entity keys drop the registered languages' titles)
lang.on_change(_seat_keys.cache_clear)


def _negated(sentence: str, start: int) -> bool:
    words = re.findall(r"[\w'’]+", sentence[:start])[-_NEGATION_WINDOW:]
    return any(_NEGATION.fullmatch(w) or re.fullmatch(r"n['’]\w*", w, re.IGNORECASE) for w in words)


_NOMINAL_CUE = re.compile(
    r"confirmation|démenti|dénégation|denial|confirmation|dementi|bestätigung|confirmación|desmentido|"
    r"smentita|conferma|annonce|announcement|claim",
    re.IGNORECASE,
)
_PARTICIPLE = re.compile(
    r"\w+(?:ée?s?|ie?s?|ue?s?|ed|t|tet|ado|ada|ato|ata|ito|ita)$|propagande|propaganda|fake\s+news|infox",
    re.IGNORECASE,
)


# "LISBON, Jan 21 (Reuters) - ", "SEOUL (Reuters) -": place and agency of the dateline.
DATELINE_RE = re.compile(r"^[^()\n]{0,40}\([^)]{1,30}\)\s*[-–—]\s*")


def _modifier(sentence: str, m: Mention) -> bool:
    """ "Lisbon terminal operator", "Lisbon's largest terminal": a name modifying a noun, not the actor."""
    after = sentence[m.end : m.end + 20]
    return bool(
        re.match(r"(?:['’]s\b|\s+[a-z]\w+\s+(?:operator|company|group|firm|government|authorities))", after)
    )


def _actor(sentence: str, cue: re.Match[str], found: list[Mention]) -> str | None:
    start, end = cue.start(), cue.end()
    after = sentence[end:]
    word = cue.group(0)
    # Passive agent ("démentie par Kyiv", « propagande » par les autorités) or the
    # complement of a nominal cue ("confirmation officielle de Moscou").
    patterns = []
    if _PARTICIPLE.fullmatch(word):
        patterns.append(_PASSIVE_AGENT)
    if _NOMINAL_CUE.fullmatch(word):
        patterns.append(_NOMINAL_AGENT)
    for pattern in patterns:
        m = pattern.match(after)
        if m is None:
            continue
        at = end + m.end()
        named = [x for x in found if x.label in _ACTOR_LABELS and at <= x.start <= at + 25]
        if named:
            return named[0].text
        if pattern is _PASSIVE_AGENT:
            np_ = re.match(
                r"(?:les|la|le|l['’]|the|die|der|das|los|las|el|gli|i)?\s*[^\W\d][\w'’ -]{2,50}?(?=[,;.]|$| qui| who)",
                sentence[at:],
                re.IGNORECASE,
            )
            if np_:
                return np_.group(0).strip()
    # Subject: the name closest before the cue within its clause (a dateline is not a clause).
    lead = DATELINE_RE.match(sentence)
    sent_start = lead.end() if lead else 0
    clause_start = max(sentence.rfind(",", 0, start), sentence.rfind(";", 0, start), sent_start - 1) + 1
    before = [
        x for x in found
        if x.label in _ACTOR_LABELS and clause_start <= x.start and x.end <= start and not _modifier(sentence, x)
    ]  # fmt: skip
    if before:
        people = [x for x in before if x.label in ("PER", "ORG")]
        return (people or before)[-1].text
    m = DEMONYM_RE.search(sentence[clause_start:start])
    if m:  # "les autorités ukrainiennes affirment"
        return m.group(0)
    # A participial or relative clause ("…, affirmant que"): the sentence's subject, its first name.
    before = [
        x for x in found
        if x.label in _ACTOR_LABELS and sent_start <= x.start and x.end <= start and not _modifier(sentence, x)
    ]  # fmt: skip
    if before:
        return before[0].text
    # "« … fake news », a déclaré X": the speaker after the cue.
    later = [x for x in found if x.label in ("PER", "ORG") and x.start >= end]
    return later[0].text if later else None


def _is_past(sentence: str, cue: re.Match[str]) -> bool:
    before = sentence[max(0, cue.start() - 40) : cue.start()]
    return bool(_PAST_BEFORE.search(before) or _PAST_CUE.fullmatch(cue.group(0).split()[0]))


def extract_claims(article: Article, *, mentions: list[list[Mention]] | None = None) -> list[Claim]:
    """Stance-bearing sentences of ``article`` (one claim per cue)."""
    if not isinstance(article, Article):
        raise TypeError(f"extract_claims() takes an Article, not {type(article).__name__}")
    sentences = article.sentences
    if mentions is None:
        mentions = sentence_mentions([article]).get(article.id, [[] for _ in sentences])
    if len(mentions) != len(sentences):
        raise ValueError(
            f"article {article.id}: {len(mentions)} mention lists for {len(sentences)} sentences"
        )
    out: list[Claim] = []
    for i, sentence in enumerate(sentences):
        novelty = NOVELTY_RE.search(sentence) is not None
        cues = list(_CUES.finditer(sentence))
        # Negation inside a condition ("si une rançon n'est pas versée") does not negate the statement.
        main = _CONDITION.sub(" ", sentence)
        negative = _STRONG_NEGATION.search(main) is not None or any(
            _NEGATION.fullmatch(w) for w in re.findall(r"[\w'’]+", main)
        )
        report = None
        if not any(c.lastgroup == "deny" for c in cues) and _STRONG_NEGATION.search(sentence):
            report = _REPORT.search(sentence)
            if report is not None:
                actor = _actor(sentence, report, mentions[i])
                out.append(Claim(article=article.id, index=i, sentence=sentence, stance="deny", cue=report.group(0),
                                 actor=actor, actor_key=actor_key(actor), novelty=novelty,
                                 past=_is_past(sentence, report), negative=True))  # fmt: skip
        for cue in cues:
            stance = cue.lastgroup
            assert stance is not None
            if (
                report is not None
                and stance == "assert"
                and cue.start() < report.end()
                and report.start() < cue.end()
            ):
                continue  # "assure qu'aucune …": already the denial above
            if _negated(sentence, cue.start()):
                continue
            actor = _actor(sentence, cue, mentions[i])
            out.append(
                Claim(article=article.id, index=i, sentence=sentence, stance=stance, cue=cue.group(0),
                      actor=actor, actor_key=actor_key(actor), novelty=novelty, past=_is_past(sentence, cue),
                      negative=negative)
            )  # fmt: skip
    return out


_FACT = re.compile(r"\d|(?<=\S\s)[A-ZÀ-ÖØ-ÞА-Я]\w+|[«“\"]")


def unique_claims(articles: list[Article], vectors: dict[str, np.ndarray]) -> dict[str, list[str]]:
    """Per article, its sentences stating facts that no other article states.

    A sentence qualifies when no sentence of any other article reaches
    ``UNIQUE_MAX_COSINE`` and it carries a checkable fact (a number, a name, a
    quotation) in at least ``UNIQUE_MIN_WORDS`` words.
    """
    mats = check_story_vectors(articles, vectors)
    out: dict[str, list[str]] = {}
    for i, a in enumerate(articles):
        others = [mats[j] for j in range(len(articles)) if j != i and len(mats[j])]
        if not len(mats[i]):
            out[a.id] = []
            continue
        best = np.max(mats[i] @ np.vstack(others).T, axis=1) if others else np.full(len(mats[i]), -1.0)
        out[a.id] = [
            s
            for s, b in zip(a.sentences, best, strict=True)
            if b < UNIQUE_MAX_COSINE and len(s.split()) >= UNIQUE_MIN_WORDS and _FACT.search(s)
        ]
    return out


def check_story_vectors(articles: list[Article], vectors: dict[str, np.ndarray]) -> list[np.ndarray]:
    """Each article's (n_sentences, dim) vectors, checked against its sentences."""
    mats = []
    for a in articles:
        if not isinstance(a, Article):
            raise TypeError(f"expected Article, got {type(a).__name__}")
        v = vectors.get(a.id)
        if v is None:
            if a.sentences:
                raise ValueError(f"no sentence vectors for article {a.id}")
            v = np.zeros((0, 1), dtype=np.float32)
        v = np.asarray(v, dtype=np.float32)
        if a.sentences and (v.ndim != 2 or v.shape[0] != len(a.sentences)):
            raise ValueError(f"article {a.id}: vectors of shape {v.shape} for {len(a.sentences)} sentences")
        mats.append(v)
    dims = {m.shape[1] for m in mats if len(m)}
    if len(dims) > 1:
        raise ValueError(f"sentence vectors of different dimensions in one story: {sorted(dims)}")
    return mats
