"""Cross-document memory of page furniture.

A line (or line *shape*: digits folded, see :func:`~storyline.extraction.lines.line_key`)
that recurs in many different articles of one outlet is furniture: its menu,
its newsletter box, its donation appeal.  A line shared by copies of *the same
story* is not: two outlets running one wire dispatch share body lines, and
one outlet may publish a story twice (an update), and an aggregator's
records of one wire dispatch all carry the wire's name as their outlet.  So a
line counts as furniture only when the pages carrying it tell at least
:data:`MIN_DISTINCT_STORIES` different texts: pages that share most of their
body-sized lines (:data:`SAME_TEXT_OVERLAP`), whatever furniture surrounds
them, or most of all their lines (:data:`SAME_STORY_JACCARD`), count once.

When the outlet is unknown, pages are grouped by a cheap site fingerprint:
pages sharing one of their first or last few short lines (a masthead, a
footer) belong to one site.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from .lines import line_key

__all__ = ["FurnitureMemory", "MIN_DISTINCT_STORIES", "SAME_STORY_JACCARD", "SAME_TEXT_OVERLAP", "FINGERPRINT_LINES"]

#: Distinct stories of one outlet a line must appear in to be furniture.  Two
#: would flag a sentence shared by a story and its rewrite.  On the dev corpus
#: (examples/: 35 text pages, 12 outlets, wire copies and updates among them)
#: three flags 110 of 394 furniture lines with outlets known (149 grouping by
#: site fingerprint) and no body line.
MIN_DISTINCT_STORIES = 3
#: Two pages whose line sets overlap at least this much (Jaccard) are copies
#: or updates of one story and count once.  Distinct stories of one outlet
#: share only their furniture (~20-40 % of lines on the dev pages); a wire
#: copy re-published with an update shares most of its lines.
SAME_STORY_JACCARD = 0.5
#: A line of at least this many words is body-sized: menus, bylines and
#: mastheads are shorter, sentences of prose longer (the dev pages' furniture
#: lines have a median of 3 words; their body lines 24).
BODY_LINE_WORDS = 12
#: Two pages sharing at least this share of the body-sized lines of the
#: smaller one carry one text (copies of a wire, an update): whatever else
#: surrounds them (one scraped with a site's menus, one bare), they count once.
#: Distinct stories of one outlet share at most an appeal paragraph or two
#: out of 10-30 body-sized lines.
SAME_TEXT_OVERLAP = 0.5
#: Lines from each end of a page used as the site fingerprint when the outlet
#: is unknown (mastheads, menus, footers live there).
FINGERPRINT_LINES = 3
#: A fingerprint line must be this short: a masthead or footer, not a headline
#: or the first paragraph shared by two copies of a wire story.
MAX_FINGERPRINT_WORDS = 8
#: Lines longer than this (in characters) are not remembered: furniture is
#: at most a paragraph of appeal, and longer lines shared by pages are body
#: text quoted or syndicated.
MAX_FURNITURE_CHARS = 600
#: Pages remembered per outlet (the most recent) so later batches can confirm
#: furniture seen once or twice so far.  Each page is ~40 short keys, so the
#: persisted memory stays ~100 kB per outlet.
MAX_PAGES_PER_OUTLET = 50
#: Bucket for furniture learnt from fingerprint groups (outlet unknown).
ANY_OUTLET = "*"


class FurnitureMemory:
    """Per-outlet sets of furniture line keys, learnt from batches of pages."""

    def __init__(self, furniture: dict[str, set[str]] | None = None) -> None:
        self.furniture: dict[str, set[str]] = {k: set(v) for k, v in (furniture or {}).items()}
        # Pages seen per outlet, kept (as key sets) so later batches can
        # confirm furniture seen only once or twice so far.
        self._pages: dict[str, list[frozenset[str]]] = defaultdict(list)

    def __len__(self) -> int:
        return sum(len(v) for v in self.furniture.values())

    def learn(self, docs: Iterable[tuple[str | None, list[str]]]) -> FurnitureMemory:
        """Learn from ``(outlet or None, lines)`` pairs; returns ``self``."""
        unkeyed: list[frozenset[str]] = []
        heads: list[frozenset[str]] = []
        touched: set[str] = set()
        for outlet, lines in docs:
            keys = frozenset(k for k in (line_key(t) for t in lines if len(t) <= MAX_FURNITURE_CHARS) if k)
            if not keys:
                continue
            if outlet:
                name = _outlet_key(outlet)
                self._pages[name].append(keys)
                del self._pages[name][:-MAX_PAGES_PER_OUTLET]
                touched.add(name)
            else:
                unkeyed.append(keys)
                heads.append(_fingerprint(lines))
        for name in touched:
            self.furniture.setdefault(name, set()).update(_recurring(self._pages[name]))
        for group in _fingerprint_groups(heads):
            self.furniture.setdefault(ANY_OUTLET, set()).update(_recurring([unkeyed[i] for i in group]))
        return self

    def is_furniture(self, key: str, outlet: str | None = None) -> bool:
        if outlet and key in self.furniture.get(_outlet_key(outlet), ()):
            return True
        return key in self.furniture.get(ANY_OUTLET, ())

    def checker(self, outlet: str | None) -> Callable[[str], bool]:
        """``key -> bool`` for one page's labelling."""
        own = self.furniture.get(_outlet_key(outlet), set()) if outlet else set()
        anyo = self.furniture.get(ANY_OUTLET, set())
        return lambda key: key in own or key in anyo

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "furniture": {k: sorted(v) for k, v in sorted(self.furniture.items())},
            "pages": {k: [sorted(p) for p in v] for k, v in sorted(self._pages.items())},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FurnitureMemory:
        if not isinstance(data, dict) or not isinstance(data.get("furniture", {}), dict):
            raise ValueError("furniture memory: expected a mapping with a 'furniture' mapping")
        mem = cls({str(k): set(map(str, v)) for k, v in data.get("furniture", {}).items()})
        for k, pages in (data.get("pages") or {}).items():
            mem._pages[str(k)] = [frozenset(map(str, p)) for p in pages]
        return mem


def _outlet_key(outlet: str) -> str:
    return " ".join(outlet.casefold().split())


def _fingerprint(lines: list[str]) -> frozenset[str]:
    short = [t for t in (x.strip() for x in lines) if t and len(t.split()) <= MAX_FINGERPRINT_WORDS]
    ends = short[:FINGERPRINT_LINES] + short[-FINGERPRINT_LINES:]
    return frozenset(k for k in (line_key(t) for t in ends) if k)


def _fingerprint_groups(heads: list[frozenset[str]]) -> list[list[int]]:
    """Connected components of pages sharing a fingerprint line (union-find)."""
    parent = list(range(len(heads)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, keys in enumerate(heads):
        for k in keys:
            if k in owner:
                parent[find(i)] = find(owner[k])
            else:
                owner[k] = i
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(heads)):
        groups[find(i)].append(i)
    return [g for g in groups.values() if len(g) >= MIN_DISTINCT_STORIES]


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _body_keys(keys: frozenset[str]) -> frozenset[str]:
    return frozenset(k for k in keys if len(k.split()) >= BODY_LINE_WORDS)


def _same_text(a: frozenset[str], b: frozenset[str]) -> bool:
    """Copies or updates of one text: most of their body-sized lines shared
    (or, for pages with no body-sized line, most of all their lines)."""
    ba, bb = _body_keys(a), _body_keys(b)
    if ba and bb and len(ba & bb) >= SAME_TEXT_OVERLAP * min(len(ba), len(bb)):
        return True
    return _jaccard(a, b) >= SAME_STORY_JACCARD


def _recurring(pages: list[frozenset[str]]) -> set[str]:
    """Keys found in at least MIN_DISTINCT_STORIES pages that tell different
    stories: lines that copies of one text share are that text, not furniture."""
    if len(pages) < MIN_DISTINCT_STORIES:
        return set()
    where: dict[str, list[int]] = defaultdict(list)
    for i, keys in enumerate(pages):
        for k in keys:
            where[k].append(i)
    out: set[str] = set()
    for k, idx in where.items():
        if len(idx) < MIN_DISTINCT_STORIES:
            continue
        reps: list[frozenset[str]] = []
        for i in idx:
            if not any(_same_text(pages[i], r) for r in reps):
                reps.append(pages[i])
                if len(reps) >= MIN_DISTINCT_STORIES:
                    out.add(k)
                    break
    return out
