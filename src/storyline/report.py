"""Self-contained reports of one story: a single HTML file (styles and the
provenance graph inline, no script, nothing fetched) or Markdown.

Both are rendered from the same model as the story page
(:func:`storyline.web.present.story_model`), so a report says what the page
says.  Article text is escaped in both formats: HTML through Jinja's
autoescaping, Markdown by backslash-escaping the characters that would make
links, emphasis, tables or raw HTML.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Literal

from markupsafe import Markup

from .types import StoryView
from .web.graph import provenance_graph
from .web.present import Citation, Cited, StoryModel, story_model
from .web.templating import environment, stylesheet

__all__ = ["render_report", "render_html", "render_markdown", "md_escape", "ReportFormat"]

ReportFormat = Literal["html", "md"]
# Characters that make inline Markdown (emphasis, code, links, images, raw
# HTML, strikethrough) or end a table cell.  Line-start syntax (headings,
# lists) cannot arise: every escaped text follows a prefix of ours.  Parentheses
# and "!" are inert once the brackets are escaped, so prose stays readable.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_WS = re.compile(r"\s+")


def md_escape(text: object) -> str:
    """``text`` on one line with Markdown/HTML syntax neutralised."""
    s = _WS.sub(" ", str(text or "")).strip()
    return _MD_SPECIAL.sub(r"\\\1", s)


def _generated() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


def render_html(view: StoryView) -> str:
    model = story_model(view)
    css = stylesheet()
    # The stylesheet is ours (a package file, no article text); it is inlined
    # unescaped so its quotes stay CSS.  "</" can never close the <style>.
    css_markup = Markup(css.replace("</", "<\\/"))
    return (
        environment()
        .get_template("report.html")
        .render(story=model, graph=provenance_graph(model), css=css_markup, generated=_generated())
    )


def _cites(citations: list[Citation]) -> str:
    return "".join(f"\\[{c.n}\\]" for c in citations)


def _line(item: Cited) -> str:
    cites = _cites(item.citations)
    return f"{md_escape(item.text)} {cites}".rstrip()


def _md_sources(model: StoryModel) -> list[str]:
    out = [
        "| # | Outlet | Title | Agency | Language | Published | Relation | Original share |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in model.sources:
        rel = s.relation.replace("_", " ")
        if s.derived_from is not None:
            rel += f" of \\[{s.derived_from.n}\\]" + ("" if s.direction_certain else " (?)")
        share = "–" if s.original_share is None else f"{100 * s.original_share:.0f}%"
        title = md_escape(s.title or s.id)
        if s.url:
            title = f"[{title}](<{s.url.replace('>', '%3E').replace(' ', '%20')}>)"
        out.append(
            f"| {s.n} | {md_escape(s.outlet or s.name)} | {title} | {md_escape(', '.join(s.agencies)) or '–'} | "
            f"{md_escape(s.language or '–')} | {md_escape(s.published or '–')} | {rel} | {share} |"
        )
    return out


def render_markdown(view: StoryView) -> str:
    m = story_model(view)
    title = md_escape(m.title or f"Story {m.id}")
    lines = [
        f"# {title}",
        "",
        f"Story {m.id} · {len(m.sources)} articles · {md_escape(', '.join(m.languages)) or 'language unknown'} "
        f"· {len(m.outlets)} outlets · report generated {_generated()}",
        "",
    ]
    lines += ["## Summary", ""]
    lines += [f"{i}. {_line(s)}" for i, s in enumerate(m.summary, start=1)] or ["No summary was computed."]
    lines += ["", "## Timeline", ""]
    lines += [f"- **{md_escape(t.date or 'undated')}** {_line(t)}" for t in m.timeline] or [
        "No dated events."
    ]
    lines += ["", "## Sources", ""] + _md_sources(m)
    lines += ["", "## Who copied whom", ""]
    copies = [r for r in m.relations if r.kind not in ("independent", "shares_quotes")]
    lines += [
        f"- \\[{r.target.n}\\] {md_escape(r.target.name)} is a {md_escape(r.kind.replace('_', ' '))} of "
        f"\\[{r.source.n}\\] {md_escape(r.source.name)}"
        + (
            ""
            if r.confidence is None
            else f" (confidence {r.confidence:.2f}"
            + ("" if r.direction_certain else ", direction uncertain")
            + ")"
        )
        for r in copies
    ] or ["No copying was found between these articles."]
    lines += ["", "## Where sources disagree", ""]
    if not m.discrepancies:
        lines.append("The sources agree on everything compared.")
    for d in m.discrepancies:
        lines += [f"### {md_escape(d.kind.replace('_', ' '))}: {md_escape(d.about)}", ""]
        for side in d.sides:
            lines.append(f"- **{md_escape(side.value)}** {_cites(side.citations)}".rstrip())
            lines += [f"  - > {_line(ev)}" for ev in side.evidence]
        lines.append("")
    if m.quotes:
        lines += ["## Quotes", ""]
        lines += [
            f"- “{md_escape(q.text)}”"
            + (f" — {md_escape(q.speaker)}" if q.speaker else "")
            + f" {_cites(q.citations)}"
            for q in m.quotes
        ]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_report(view: StoryView, *, fmt: ReportFormat | str = "html") -> str:
    """The report of ``view`` as one HTML document or Markdown text."""
    if fmt == "html":
        return render_html(view)
    if fmt == "md":
        return render_markdown(view)
    raise ValueError(f"unknown report format {fmt!r} (html or md)")
