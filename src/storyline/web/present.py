"""What a reader sees of one story, shaped for templates.

Pure functions over :class:`~storyline.types.StoryView` (no store, no I/O):
the web pages and the self-contained reports render the same models, so a
story looks the same on screen and in the file a journalist sends.

Articles are cited by a short number (``[3]``) in the order the view lists
them (ingestion order), and every number links to the sources table.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..types import StoryView

__all__ = [
    "Citation",
    "SourceRow",
    "Cited",
    "SideModel",
    "DiscrepancyModel",
    "RelationModel",
    "EntityModel",
    "PairSentence",
    "StoryModel",
    "story_model",
    "derivations",
    "pair_sentences",
    "safe_url",
    "ORIGINAL",
]

#: Relation kind shown for an article no stored relation derives from another.
ORIGINAL = "original"
#: Relations that say nothing about copying: not drawn, not used as derivation.
_NOT_DERIVED = frozenset({"independent", "shares_quotes"})
_SAFE_SCHEMES = frozenset({"http", "https"})


@dataclass(slots=True)
class Citation:
    n: int  # the article's number in the sources table
    article: str
    name: str  # outlet (or source id) for tooltips


@dataclass(slots=True)
class SourceRow:
    n: int
    id: str
    name: str
    title: str | None
    outlet: str | None
    agencies: list[str]
    language: str | None
    published: str | None
    url: str | None  # only http(s) links; anything else is dropped
    relation: str  # how it derives from another source, or ORIGINAL
    derived_from: Citation | None
    confidence: float | None
    direction_certain: bool
    original_share: float | None


@dataclass(slots=True)
class Cited:
    text: str
    citations: list[Citation]
    date: str | None = None
    speaker: str | None = None


@dataclass(slots=True)
class SideModel:
    value: str
    citations: list[Citation]
    evidence: list[Cited]


@dataclass(slots=True)
class DiscrepancyModel:
    kind: str
    about: str
    sides: list[SideModel]
    confidence: float | None


@dataclass(slots=True)
class RelationModel:
    source: Citation
    target: Citation
    kind: str
    confidence: float | None
    direction_certain: bool
    n_passages: int


@dataclass(slots=True)
class EntityModel:
    id: str
    name: str
    kind: str
    citations: list[Citation]


@dataclass(slots=True)
class StoryModel:
    id: int
    title: str
    storyline_id: int
    sources: list[SourceRow]
    summary: list[Cited]
    timeline: list[Cited]
    quotes: list[Cited]
    discrepancies: list[DiscrepancyModel]
    relations: list[RelationModel]
    entities: list[EntityModel]
    events: list[dict[str, Any]]
    languages: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PairSentence:
    index: int
    text: str
    mark: str | None  # passage kind when the sentence is shared with the other article
    passage: int | None = None  # 1-based number of that passage, the same on both sides


def safe_url(url: object) -> str | None:
    """``url`` when it is an absolute http(s) link, else None.

    Scraped metadata can hold ``javascript:`` or ``data:`` links; escaping
    does not neutralise those in an ``href``, so they are never linked."""
    if not isinstance(url, str):
        return None
    cleaned = "".join(ch for ch in url.strip() if unicodedata.category(ch)[0] != "C")
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return None
    return cleaned


def _str(value: object) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _ids(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, str)]
    return []


class _Citer:
    """Maps article ids to their numbers; unknown ids get no citation."""

    def __init__(self, articles: list[dict[str, Any]]) -> None:
        self.by_id: dict[str, Citation] = {}
        for n, a in enumerate(articles, start=1):
            aid = _str(a.get("id"))
            name = _str(a.get("outlet")) or _str(a.get("source_id")) or aid[:8]
            self.by_id[aid] = Citation(n=n, article=aid, name=name)

    def __call__(self, ids: object) -> list[Citation]:
        seen: set[str] = set()
        out: list[Citation] = []
        for aid in _ids(ids):
            if aid in self.by_id and aid not in seen:
                seen.add(aid)
                out.append(self.by_id[aid])
        return sorted(out, key=lambda c: c.n)

    def one(self, aid: object) -> Citation | None:
        return self.by_id.get(aid) if isinstance(aid, str) else None


def derivations(relations: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """For each article, the most confident relation saying it derives from another."""
    best: dict[str, dict[str, Any]] = {}
    for rel in relations:
        if not isinstance(rel, dict) or rel.get("kind") in _NOT_DERIVED:
            continue
        to = rel.get("to")
        if not isinstance(to, str) or not isinstance(rel.get("from"), str):
            continue
        if to not in best or (_float(rel.get("confidence")) or 0.0) > (
            _float(best[to].get("confidence")) or 0.0
        ):
            best[to] = rel
    return best


def _sources(view: StoryView, cite: _Citer) -> list[SourceRow]:
    derived = derivations(view.relations)
    rows: list[SourceRow] = []
    for a in view.articles:
        aid = _str(a.get("id"))
        c = cite.one(aid)
        assert c is not None
        rel = derived.get(aid)
        rows.append(
            SourceRow(
                n=c.n,
                id=aid,
                name=c.name,
                title=a.get("title") if isinstance(a.get("title"), str) else None,
                outlet=a.get("outlet") if isinstance(a.get("outlet"), str) else None,
                agencies=[_str(x) for x in a.get("agencies") or []],
                language=a.get("language") if isinstance(a.get("language"), str) else None,
                published=a.get("published") if isinstance(a.get("published"), str) else None,
                url=safe_url(a.get("url")),
                relation=_str(rel.get("kind")) if rel else ORIGINAL,
                derived_from=cite.one(rel.get("from")) if rel else None,
                confidence=_float(rel.get("confidence")) if rel else None,
                direction_certain=bool(rel.get("direction_certain", True)) if rel else True,
                original_share=_float(a.get("original_share")),
            )
        )
    return rows


def _discrepancies(view: StoryView, cite: _Citer) -> list[DiscrepancyModel]:
    out: list[DiscrepancyModel] = []
    for d in view.discrepancies:
        if not isinstance(d, dict):
            continue
        sides = []
        for s in d.get("sides") or []:
            if not isinstance(s, dict):
                continue
            evidence = [
                Cited(text=_str(e.get("sentence")), citations=cite(e.get("article")))
                for e in s.get("evidence") or []
                if isinstance(e, dict)
            ]
            sides.append(
                SideModel(value=_str(s.get("value")), citations=cite(s.get("articles")), evidence=evidence)
            )
        out.append(
            DiscrepancyModel(
                kind=_str(d.get("kind")),
                about=_str(d.get("about")),
                sides=sides,
                confidence=_float(d.get("confidence")),
            )
        )
    return out


def _relations(view: StoryView, cite: _Citer) -> list[RelationModel]:
    out: list[RelationModel] = []
    for r in view.relations:
        if not isinstance(r, dict):
            continue
        src, dst = cite.one(r.get("from")), cite.one(r.get("to"))
        if src is None or dst is None:
            continue
        out.append(
            RelationModel(
                source=src,
                target=dst,
                kind=_str(r.get("kind")),
                confidence=_float(r.get("confidence")),
                direction_certain=bool(r.get("direction_certain", True)),
                n_passages=len(r.get("passages") or []),
            )
        )
    out.sort(key=lambda m: (m.kind in _NOT_DERIVED, -(m.confidence or 0.0), m.source.n, m.target.n))
    return out


def _entities(view: StoryView, cite: _Citer) -> list[EntityModel]:
    out = []
    for e in view.entities:
        if not isinstance(e, dict) or not isinstance(e.get("id"), str):
            continue
        raw_mentions = e.get("mentions")
        mentions: dict[str, Any] = raw_mentions if isinstance(raw_mentions, dict) else {}
        out.append(
            EntityModel(
                id=e["id"],
                name=_str(e.get("name")) or e["id"],
                kind=_str(e.get("kind")),
                citations=cite(list(mentions)),
            )
        )
    out.sort(key=lambda m: (-len(m.citations), m.name.lower()))
    return out


def story_model(view: StoryView) -> StoryModel:
    """Everything the story page and the reports show, with citations resolved."""
    cite = _Citer(view.articles)
    summary = [
        Cited(text=_str(s.get("sentence")), citations=cite(s.get("articles")))
        for s in view.summary
        if isinstance(s, dict)
    ]
    timeline = [
        Cited(text=_str(t.get("text")), citations=cite(t.get("articles")), date=_str(t.get("date")) or None)
        for t in view.timeline
        if isinstance(t, dict)
    ]
    timeline.sort(key=lambda c: c.date or "")
    quotes = [
        Cited(
            text=_str(q.get("text")),
            citations=cite(q.get("articles")),
            speaker=q.get("speaker") if isinstance(q.get("speaker"), str) else None,
        )
        for q in view.quotes
        if isinstance(q, dict)
    ]
    sources = _sources(view, cite)
    return StoryModel(
        id=view.id,
        title=view.title,
        storyline_id=view.storyline_id,
        sources=sources,
        summary=summary,
        timeline=timeline,
        quotes=quotes,
        discrepancies=_discrepancies(view, cite),
        relations=_relations(view, cite),
        entities=_entities(view, cite),
        events=[e for e in view.events if isinstance(e, dict)],
        languages=sorted({s.language for s in sources if s.language}),
        outlets=sorted({s.outlet for s in sources if s.outlet}),
    )


_WS = re.compile(r"\s+")


def _norm(sentence: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFKC", sentence)).strip().casefold()


def pair_sentences(
    a: list[str], b: list[str], passages: list[dict[str, Any]] | None
) -> tuple[list[PairSentence], list[PairSentence]]:
    """Both articles' sentences with the shared ones marked by passage kind.

    ``passages`` use ``from_span`` for ``a`` and ``to_span`` for ``b``
    (sentence index ranges [start, end)).  Without passages, sentences
    identical up to case and spacing are marked, so a pair view is useful
    even before provenance has run."""
    mark_a: dict[int, tuple[str, int]] = {}
    mark_b: dict[int, tuple[str, int]] = {}
    if passages:
        for k, p in enumerate(passages, start=1):
            kind = _str(p.get("kind")) or "shared"
            for key, marks, n in (("from_span", mark_a, len(a)), ("to_span", mark_b, len(b))):
                span = p.get(key)
                if (
                    isinstance(span, list | tuple)
                    and len(span) == 2
                    and all(isinstance(x, int) for x in span)
                ):
                    for i in range(max(0, span[0]), min(n, span[1])):
                        marks[i] = (kind, k)
    else:
        index_b: dict[str, list[int]] = {}
        for j, s in enumerate(b):
            index_b.setdefault(_norm(s), []).append(j)
        k = 0
        for i, s in enumerate(a):
            key = _norm(s)
            if key and index_b.get(key):
                k += 1
                j = index_b[key].pop(0)
                mark_a[i] = mark_b[j] = ("identical", k)

    def side(sentences: list[str], marks: dict[int, tuple[str, int]]) -> list[PairSentence]:
        return [
            PairSentence(i, s, marks[i][0], marks[i][1]) if i in marks else PairSentence(i, s, None)
            for i, s in enumerate(sentences)
        ]

    return side(a, mark_a), side(b, mark_b)
