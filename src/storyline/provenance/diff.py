"""Side-by-side view of two articles with their shared passages marked (``storyline diff``).

Rows follow article ``a``; each aligned passage sits on one row next to its counterpart in ``b``, and
``b``'s unaligned sentences are placed before the first passage that comes after them, so both
columns read in their own order as far as the alignment allows.  Passage kinds have one style each,
explained in the caption.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from storyline.types import Article, Passage

__all__ = ["render_diff", "KIND_STYLES"]

#: Style per passage kind; copies stand out most, quotes least (sharing a quote is not copying).
KIND_STYLES: dict[str, str] = {
    "identical": "bold black on green",
    "near_identical": "black on green",
    "paraphrase": "black on yellow",
    "translation": "black on cyan",
    "quote": "italic magenta",
}


def _header(article: Article) -> Text:
    parts = [article.title or article.source_id or article.id]
    meta = [x for x in (article.outlet, article.published, article.language) if x]
    if article.agencies:
        meta.append("credit: " + ", ".join(article.agencies))
    text = Text(parts[0], style="bold")
    text.append(f"\n{article.id}", style="dim")
    if meta:
        text.append("  " + " · ".join(meta), style="dim")
    return text


def _span_text(article: Article, span: tuple[int, int], style: str, label: str | None) -> Text:
    text = Text()
    if label:
        text.append(f"[{label}] ", style="bold")
    text.append(" ".join(article.sentences[span[0] : span[1]]), style=style)
    return text


def _check_span(article: Article, span: tuple[int, int], side: str) -> None:
    start, end = span
    if not (0 <= start < end <= len(article.sentences)):
        raise ValueError(
            f"passage {side} span {span} is outside article {article.id} ({len(article.sentences)} sentences)"
        )


def render_diff(a: Article, b: Article, passages: list[Passage]) -> RenderableType:
    """Two columns (``a`` left, ``b`` right) with each passage of ``passages`` highlighted by kind.

    ``passages`` use ``from_span`` for ``a`` and ``to_span`` for ``b`` (as returned by
    :func:`storyline.provenance.align.align_articles` for ``(a, b)``).
    """
    for p in passages:
        _check_span(a, p.from_span, "from")
        _check_span(b, p.to_span, "to")
        if p.kind not in KIND_STYLES:
            raise ValueError(f"unknown passage kind {p.kind!r} (expected one of {sorted(KIND_STYLES)})")

    table = Table(show_lines=True, expand=True, header_style="")
    table.add_column(_header(a), ratio=1, overflow="fold")
    table.add_column(_header(b), ratio=1, overflow="fold")

    by_a = sorted(passages, key=lambda p: p.from_span)
    covered_b: set[int] = set()
    for p in passages:
        covered_b.update(range(*p.to_span))
    next_a = 0
    next_b = 0
    shown_b: set[int] = set()

    def b_free_before(limit: int) -> list[int]:
        return [j for j in range(next_b, limit) if j not in covered_b and j not in shown_b]

    for p in by_a:
        # a's own sentences before this passage, beside b's own sentences before its counterpart.
        left = list(range(next_a, p.from_span[0]))
        right = b_free_before(p.to_span[0])
        for k in range(max(len(left), len(right))):
            lt = Text(a.sentences[left[k]]) if k < len(left) else Text("")
            rt = Text(b.sentences[right[k]]) if k < len(right) else Text("")
            table.add_row(lt, rt)
        shown_b.update(right)
        style = KIND_STYLES[p.kind]
        label = p.kind.replace("_", " ")
        table.add_row(_span_text(a, p.from_span, style, label), _span_text(b, p.to_span, style, label))
        next_a = max(next_a, p.from_span[1])
        next_b = max(next_b, p.to_span[1])
    left = list(range(next_a, len(a.sentences)))
    right = [j for j in range(len(b.sentences)) if j not in covered_b and j not in shown_b]
    for k in range(max(len(left), len(right))):
        lt = Text(a.sentences[left[k]]) if k < len(left) else Text("")
        rt = Text(b.sentences[right[k]]) if k < len(right) else Text("")
        table.add_row(lt, rt)

    legend = Text("shared passages: ")
    for kind, style in KIND_STYLES.items():
        legend.append(f" {kind.replace('_', ' ')} ", style=style)
        legend.append(" ")
    counts: dict[str, int] = {}
    for p in passages:
        counts[p.kind] = counts.get(p.kind, 0) + (p.from_span[1] - p.from_span[0])
    summary = Text(
        "no shared passage"
        if not passages
        else "aligned sentences of A: " + ", ".join(f"{k.replace('_', ' ')} {n}" for k, n in counts.items()),
        style="dim",
    )
    return Group(table, legend, summary)
