"""Terminal view of one story (``storyline show``), drawn with rich."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .types import StoryView

__all__ = ["render_terminal"]


def _cite(ids: list[str], index: dict[str, int]) -> str:
    return " ".join(f"[{index[i]}]" for i in ids if i in index)


def render_terminal(view: StoryView, console: Console) -> None:
    index = {a["id"]: n for n, a in enumerate(view.articles, start=1)}
    console.rule(f"[bold]story {view.id}[/bold] · storyline {view.storyline_id}")
    console.print(f"[bold]{view.title}[/bold]", highlight=False)
    if len(view.events) > 1:
        console.print(
            "events of this storyline: "
            + "; ".join(
                f"{'→ ' if e['id'] == view.id else ''}{e['id']} ({e.get('first_published') or '?'}) {e['title'][:60]}"
                for e in view.events
            ),
            highlight=False,
        )

    t = Table(title="sources", show_lines=False)
    for col in ("#", "id", "outlet", "agencies", "lang", "published", "original", "title"):
        t.add_column(col, overflow="fold")
    for a in view.articles:
        share = a.get("original_share")
        t.add_row(
            str(index[a["id"]]),
            a["id"][:10],
            a.get("outlet") or "",
            ",".join(a.get("agencies") or []),
            a.get("language") or "",
            (a.get("published") or "")[:16],
            "" if share is None else f"{share:.0%}",
            (a.get("title") or a["source_id"])[:60],
        )
    console.print(t)

    if view.summary:
        console.rule("summary")
        for s in view.summary:
            console.print(f"• {s['sentence']} {_cite(s['articles'], index)}", highlight=False)
    if view.relations:
        console.rule("who copied whom")
        for r in view.relations:
            sure = "" if r.get("direction_certain") else " (direction uncertain)"
            console.print(
                f"[{index.get(r['from'], '?')}] → [{index.get(r['to'], '?')}] {r['kind']} "
                f"({r['confidence']:.2f}, {len(r.get('passages', []))} passages){sure}",
                highlight=False,
            )
    if view.quotes:
        console.rule("quotes")
        for q in view.quotes:
            console.print(
                f"“{q['text']}” — {q.get('speaker') or 'unknown'} {_cite(q['articles'], index)}",
                highlight=False,
            )
    if view.timeline:
        console.rule("timeline (storyline)")
        for e in view.timeline:
            console.print(f"{e['date']:<10} {e['text'][:160]} {_cite(e['articles'], index)}", highlight=False)
    if view.discrepancies:
        console.rule("where sources disagree")
        for d in view.discrepancies:
            console.print(f"[bold]{d['kind']}[/bold] — {d['about']}", highlight=False)
            for side in d["sides"]:
                console.print(f"   {side['value']!s:<30} {_cite(side['articles'], index)}", highlight=False)
