"""Story-level entities: NER mentions per sentence, grouped by their keys.

``sentence_mentions`` runs NER over a storyline's articles (batched per
language; a story-level gazetteer lends names the models found to the
languages that have no model); ``build_entities`` groups the mentions by
:func:`storyline.nlp.names.entity_key`, merges lone surnames into the full
name they abbreviate, and sorts the entities by salience (articles
mentioning them, then mentions).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from storyline.nlp.language import identify
from storyline.nlp.names import entity_key, table_label
from storyline.nlp.ner import Mention, MentionCache, has_model, mentions_many
from storyline.nlp.sentences import split_sentences
from storyline.types import Article, Entity

__all__ = ["build_entities", "sentence_mentions", "model_mentions"]

# -- story-level entities ----------------------------------------------------------------

#: MISC entities (nationality adjectives, events, products) seen only once in
#: the whole story are dropped: on the seed pages they were mostly spaCy noise
#: (capitalised words, fragments of titles) and never useful for a reader.
MIN_MISC_MENTIONS = 2
#: Salience = ARTICLE_WEIGHT * articles mentioning + total mentions: being in
#: many sources matters more than being repeated in one.
ARTICLE_WEIGHT = 5
# Capitalised tokens the models tag as names but that never are: centuries
# ("XVIIIe", "XXth"), time zones.
_NOT_A_NAME = re.compile(r"^(?:[IVXLC]+(?:e|er|ème|th|st|nd|rd)|GMT|UTC|CET|CEST|MEZ|MSK|EST|EDT|PST|BST)$")
_LABEL_PRIORITY = {"PER": 0, "LOC": 1, "ORG": 2, "MISC": 3}


def _article_sentences(article: Article) -> list[str]:
    return article.sentences if article.sentences else split_sentences(article.text)


def sentence_mentions(
    articles: list[Article],
    *,
    cache: MentionCache | None = None,
    known: dict[str, list[list[Mention]]] | None = None,
) -> dict[str, list[list[Mention]]]:
    """NER mentions per sentence of each article (aligned with ``article.sentences``).

    Offsets are relative to the sentence.  Articles are batched per language.
    Articles in a language without a NER model (German, Spanish, Italian...)
    also get every name that the models found in the story's other articles
    (exact spelling): a story-level gazetteer, since most names of a story are
    written alike across languages ("Duarte Mesquita", "Alcântara").

    ``known`` gives the model's mentions (before the gazetteer) of articles
    whose NER was already run (their stored facts, :func:`model_mentions`):
    those are not tagged again.
    """
    by_lang: dict[str | None, list[Article]] = defaultdict(list)
    for a in articles:
        if not isinstance(a, Article):
            raise TypeError(f"expected Article, got {type(a).__name__}")
        code = a.language or identify(a.text)[0]
        by_lang[code].append(a)
    out: dict[str, list[list[Mention]]] = {}
    gazetteer: Counter[tuple[str, str]] = Counter()
    fallback: list[Article] = []
    for code, group in by_lang.items():
        sents = [_article_sentences(a) for a in group]
        have = known or {}
        flat = [s for a, ss in zip(group, sents, strict=True) if a.id not in have for s in ss]
        tagged = mentions_many(flat, code, cache=cache)
        found: list[list[Mention]] = []
        modelled = has_model(code)
        i = 0
        for a, ss in zip(group, sents, strict=True):
            if a.id in have:
                out[a.id] = [list(ms) for ms in have[a.id]]
            else:
                out[a.id] = tagged[i : i + len(ss)]
                i += len(ss)
            found.extend(out[a.id])
            if not modelled:
                fallback.append(a)
        if modelled:
            gazetteer.update(
                (m.text, m.label)
                for ms in found
                for m in ms
                if m.label != "MISC" and _gazetteer_worthy(m.text)
            )
    if fallback and gazetteer:
        _add_gazetteer_hits(fallback, out, gazetteer)
    return out


def model_mentions(articles: list[Article], *, cache: MentionCache | None = None) -> dict[str, list[list[Mention]]]:
    """The NER model's (or the fallback's) mentions per sentence of each article, before the
    story-level gazetteer: what depends on the article alone, kept in its stored facts."""
    by_lang: dict[str | None, list[Article]] = defaultdict(list)
    for a in articles:
        if not isinstance(a, Article):
            raise TypeError(f"expected Article, got {type(a).__name__}")
        by_lang[a.language or identify(a.text)[0]].append(a)
    out: dict[str, list[list[Mention]]] = {}
    for code, group in by_lang.items():
        sents = [_article_sentences(a) for a in group]
        found = mentions_many([s for ss in sents for s in ss], code, cache=cache)
        i = 0
        for a, ss in zip(group, sents, strict=True):
            out[a.id] = found[i : i + len(ss)]
            i += len(ss)
    return out


#: Names shorter than this are not looked up across languages: short words
#: ("Ill", "Lech") match common words of other languages; acronyms excepted.
MIN_GAZETTEER_CHARS = 4


def _gazetteer_worthy(surface: str) -> bool:
    # Acronyms ("GdZ", "AFP") are safe even when short: two capitals make no word.
    return len(surface) >= MIN_GAZETTEER_CHARS or (
        len(surface) == 3 and sum(c.isupper() for c in surface) >= 2
    )


def _add_gazetteer_hits(
    articles: list[Article], out: dict[str, list[list[Mention]]], gazetteer: Counter[tuple[str, str]]
) -> None:
    label_of: dict[str, str] = {}
    for (surface, label), _ in gazetteer.most_common():
        label_of.setdefault(surface, label)  # the label the models gave most often
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(s) for s in sorted(label_of, key=len, reverse=True))
        + r")(?![\w-])"
    )
    for a in articles:
        for si, sentence in enumerate(_article_sentences(a)):
            have = out[a.id][si]
            added = [
                Mention(m.group(0), label_of[m.group(0)], m.start(), m.end())
                for m in pattern.finditer(sentence)
                if not any(m.start() < h.end and h.start < m.end() for h in have)
            ]
            if added:
                out[a.id][si] = sorted([*have, *added], key=lambda x: x.start)


@dataclass
class _Group:
    labels: Counter[str] = field(default_factory=Counter)
    surfaces: Counter[str] = field(default_factory=Counter)
    per_article: dict[str, list[str]] = field(default_factory=dict)
    count: int = 0

    def add(self, article: str, surface: str, label: str, n: int = 1) -> None:
        self.labels[label] += n
        self.surfaces[surface] += n
        forms = self.per_article.setdefault(article, [])
        if surface not in forms:
            forms.append(surface)
        self.count += n

    def absorb(self, other: _Group) -> None:
        self.labels.update(other.labels)
        self.surfaces.update(other.surfaces)
        for art, forms in other.per_article.items():
            mine = self.per_article.setdefault(art, [])
            mine.extend(f for f in forms if f not in mine)
        self.count += other.count

    def label(self) -> str:
        return min(self.labels, key=lambda lb: (-self.labels[lb], _LABEL_PRIORITY.get(lb, 9)))


def _display_name(group: _Group, kind: str) -> str:
    def rank(surface: str) -> tuple[int, int, int]:
        multi = 1 if kind == "PER" and len(surface.split()) > 1 else 0
        return (multi, group.surfaces[surface], len(surface))

    return max(group.surfaces, key=rank)


def _owner(groups: dict[str, _Group], key: str, owners: list[str]) -> str | None:
    """The full name a lone name abbreviates: the only candidate, or the one clearly
    most mentioned (at least twice the runner-up) in the articles using the lone name."""
    owners = [o for o in owners if o in groups]
    if len(owners) <= 1:
        return owners[0] if owners else None
    arts = set(groups[key].per_article)

    def weight(o: str) -> int:
        return sum(groups[o].surfaces[f] for a in arts for f in groups[o].per_article.get(a, []))

    ranked = sorted(owners, key=weight, reverse=True)
    return ranked[0] if weight(ranked[0]) >= 2 * max(1, weight(ranked[1])) else None


def build_entities(
    articles: list[Article], *, mentions: dict[str, list[list[Mention]]] | None = None
) -> list[Entity]:
    """Story-level entities of ``articles`` with their surface forms per article, most salient first.

    ``mentions`` are the articles' :func:`sentence_mentions` when the caller has them."""
    groups: dict[str, _Group] = {}
    for aid, per_sentence in (mentions if mentions is not None else sentence_mentions(articles)).items():
        for found in per_sentence:
            for m in found:
                key = entity_key(m.text, m.label)
                if len(key.replace("-", "")) < 2 or _NOT_A_NAME.match(m.text):
                    continue
                groups.setdefault(key, _Group()).add(aid, m.text, m.label)

    # A lone surname ("Merkel", "Rossi") joins the one full name containing it.
    full_names: dict[str, list[str]] = defaultdict(list)
    for key, g in groups.items():
        if "-" in key and g.label() == "PER":
            for tok in key.split("-"):
                full_names[tok].append(key)
    for key in list(groups):
        # spaCy often tags a lone surname ORG or MISC ("Ferrandi a déclaré"); a
        # place stays a place, and names the table knows are never surnames.
        if "-" in key or groups[key].label() == "LOC" or table_label(key) is not None:
            continue
        owner = _owner(groups, key, full_names.get(key, []))
        if owner is not None:
            groups[owner].absorb(groups.pop(key))

    entities: list[tuple[int, Entity]] = []
    for key, g in groups.items():
        # The table's label beats the model's vote: spaCy calls the Kremlin a place
        # in one sentence and an organisation in the next.
        kind = table_label(key) or g.label()
        if kind == "MISC" and g.count < MIN_MISC_MENTIONS:
            continue
        salience = ARTICLE_WEIGHT * len(g.per_article) + g.count
        entities.append(
            (salience, Entity(id=f"{kind.lower()}:{key}", name=_display_name(g, kind), kind=kind,
                              mentions=dict(g.per_article)))
        )  # fmt: skip
    entities.sort(key=lambda se: (-se[0], se[1].name))
    return [e for _, e in entities]
