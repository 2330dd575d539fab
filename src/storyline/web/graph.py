"""Layout of the provenance graph ("who copied whom") for server-side SVG.

The layout is computed here and drawn by a Jinja template with autoescaping
on, so labels taken from articles are escaped like any other text and the
page needs no JavaScript.  Sources sit in columns by depth (an article that
copies nothing is in column 0; a copy of a copy in column 2), rows by
publication time, so arrows run left to right from original to copy.
"""

from __future__ import annotations

from dataclasses import dataclass

from .present import StoryModel

__all__ = ["GraphNode", "GraphEdge", "Graph", "provenance_graph", "NODE_WIDTH", "NODE_HEIGHT"]

#: Box size and spacing in SVG user units: wide enough for ~22 characters of
#: an outlet name at the stylesheet's 12px font.
NODE_WIDTH = 170
NODE_HEIGHT = 34
COLUMN_GAP = 90
ROW_GAP = 18
MARGIN = 10
#: Labels longer than this are cut with an ellipsis (the full name is in the
#: node's tooltip and in the sources table).
LABEL_CHARS = 24
#: Relation kinds drawn as arrows; "independent" and "shares_quotes" say
#: two articles did not copy each other, which a graph of copying omits.
DRAWN_KINDS = frozenset({"duplicate", "wire_copy", "rewrite", "translation"})


@dataclass(slots=True)
class GraphNode:
    n: int
    article: str
    label: str
    tooltip: str
    x: int
    y: int
    original: bool


@dataclass(slots=True)
class GraphEdge:
    source: int  # citation numbers
    target: int
    kind: str
    certain: bool
    x1: int
    y1: int
    x2: int
    y2: int
    label_x: int
    label_y: int


@dataclass(slots=True)
class Graph:
    width: int
    height: int
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    node_width: int = NODE_WIDTH
    node_height: int = NODE_HEIGHT


def _depths(nodes: list[int], edges: list[tuple[int, int]]) -> dict[int, int]:
    """Longest-path depth from the originals; cycles (two articles claimed to
    copy each other) are cut by bounding the relaxation at len(nodes) rounds."""
    depth = dict.fromkeys(nodes, 0)
    for _ in range(len(nodes)):
        changed = False
        for s, t in edges:
            if depth[t] < depth[s] + 1 <= len(nodes) - 1:
                depth[t] = depth[s] + 1
                changed = True
        if not changed:
            break
    return depth


def _cut(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def provenance_graph(model: StoryModel) -> Graph:
    """Node and edge coordinates for ``model``'s sources and copy relations."""
    nums = [s.n for s in model.sources]
    edges = [
        (r.source.n, r.target.n, r)
        for r in model.relations
        if r.kind in DRAWN_KINDS and r.source.n != r.target.n
    ]
    depth = _depths(nums, [(s, t) for s, t, _ in edges])
    targets = {t for _, t, _ in edges}
    by_n = {s.n: s for s in model.sources}
    columns: dict[int, list[int]] = {}
    for n in sorted(nums, key=lambda k: (by_n[k].published or "", k)):
        columns.setdefault(depth[n], []).append(n)
    pos: dict[int, tuple[int, int]] = {}
    for col, members in columns.items():
        for row, n in enumerate(members):
            pos[n] = (MARGIN + col * (NODE_WIDTH + COLUMN_GAP), MARGIN + row * (NODE_HEIGHT + ROW_GAP))
    nodes = []
    for n in nums:
        s = by_n[n]
        x, y = pos[n]
        tip = " · ".join(p for p in (s.name, s.title or "", s.published or "") if p)
        nodes.append(
            GraphNode(
                n=n,
                article=s.id,
                label=_cut(f"[{n}] {s.name}"),
                tooltip=tip,
                x=x,
                y=y,
                original=n not in targets,
            )
        )
    drawn = []
    for src, t, rel in edges:
        (sx, sy), (tx, ty) = pos[src], pos[t]
        x1, y1 = sx + NODE_WIDTH, sy + NODE_HEIGHT // 2
        x2, y2 = tx, ty + NODE_HEIGHT // 2
        if tx <= sx:  # same or earlier column (a cycle): join bottom to top
            x1, y1 = sx + NODE_WIDTH // 2, sy + NODE_HEIGHT
            x2, y2 = tx + NODE_WIDTH // 2, ty
        drawn.append(
            GraphEdge(
                source=src,
                target=t,
                kind=rel.kind,
                certain=rel.direction_certain,
                x1=x1,
                y1=y1,
                x2=x2,
                y2=y2,
                label_x=(x1 + x2) // 2,
                label_y=(y1 + y2) // 2 - 4,
            )
        )
    n_cols = max(columns) + 1 if columns else 1
    n_rows = max((len(m) for m in columns.values()), default=1)
    width = 2 * MARGIN + n_cols * NODE_WIDTH + (n_cols - 1) * COLUMN_GAP
    height = 2 * MARGIN + n_rows * NODE_HEIGHT + (n_rows - 1) * ROW_GAP
    return Graph(width=width, height=height, nodes=nodes, edges=drawn)
