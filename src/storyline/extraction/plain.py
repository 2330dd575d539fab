"""Plain text in: scraped pages and structured records.

A scraped page's text is labelled line by line (:mod:`.lines`), after its
encoding is repaired (:mod:`.repair`) and its flattened lines split into
sentences (:mod:`.segment`).  Then the page as a whole is judged:

1. a page that is mostly a wall (cookie, bot check, log-in, subscription,
   ad-blocker, error page; :mod:`.walls`) is rejected with the wall named,
   or keeps only its headline when it has one;
2. a page where every line would be dropped keeps the lines that no content
   cue calls furniture, with a warning: a text whose layout fooled the
   labeller is not thrown away;
3. a page of nothing but furniture (menus, share buttons, credits) or of
   links is rejected, saying what it holds.

A structured record (a JSONL line, a REST API record) is trusted more: its
``text`` loses only what its content marks as furniture (appeals, share and
comment prompts, credits, walls), never a line for where it stands, and a
record with only a ``title`` and a ``description`` is a short article.
"""

from __future__ import annotations

from collections.abc import Callable

from ..nlp.markup import fragment_text
from ..types import KEPT_KINDS, Extraction, Line, RawDocument
from . import cues, walls
from .assemble import assemble
from .lines import label_lines, line_key, own_kind
from .repair import repair_text
from .segment import segment_lines
from .shape import HEAD_CHARS, tokens, word_count

__all__ = ["from_text", "from_record", "MAX_LINE_CHARS", "RESCUE_MIN_WORDS", "RESCUE_MAX_LINES"]

#: A "line" longer than this (characters, ~8,000 words) is not a paragraph of
#: an article: a minified blob, a base64 image, a page flattened to one line.
MAX_LINE_CHARS = 50_000
#: When every line would be dropped, lines of at least this many words that
#: no content cue calls furniture are kept (a headline is 3+ words; one- and
#: two-word lines of a page without prose are menu items: "Sport", "Vidéos").
RESCUE_MIN_WORDS = 3
#: ...or of this many in a text of FEW_LINES lines, which has no menu around
#: it ("Deputy Sheriff", "Brexit vote": ECB+ headlines run 2-30 words).
RESCUE_MIN_WORDS_FEW = 2
#: ...unless there are more than this many of them and no sentence among
#: them: a section page listing headlines, not an article.
RESCUE_MAX_LINES = 8
#: A text of at most this many non-blank lines is a headline item (a title,
#: perhaps a snippet), not a page: shape alone makes none of its lines a menu.
FEW_LINES = 2


def from_text(text: str, checker: Callable[[str], bool] | None) -> Extraction:
    """Article text of a scraped page given as plain text."""
    rep = repair_text(text)
    raw_lines = rep.text.split("\n")
    urls = _url_list(raw_lines, rep.repairs)
    if urls is not None:
        return urls
    lines, oversized = _label(raw_lines, checker)
    ext = assemble(lines, mode="text")
    ext.repairs = rep.repairs
    if not ext.text and oversized:
        i = oversized[0]
        ext.reason = f"line {i + 1} is {len(raw_lines[i]):,} characters long: not article text"
        return ext
    return _judge(ext, checker)


def from_record(raw: RawDocument, checker: Callable[[str], bool] | None) -> Extraction:
    """Article text of a structured record: its ``text``, or its title and description."""
    repairs: list[str] = []
    if raw.text is not None and raw.text.strip():
        rep = repair_text(raw.text)
        repairs = rep.repairs
        body_lines = rep.text.split("\n")
        title_hint = None
        urls = _url_list(body_lines, repairs)
        if urls is not None:
            return urls
    else:
        title = repair_text(raw.title or "").text.strip()
        desc = repair_text(fragment_text(raw.description or "")).text.strip()
        body_lines = [t for t in (title, *desc.split("\n")) if t.strip()]
        title_hint = title or None
    lines, _oversized = _label(body_lines, checker, title_hint=title_hint)
    lines = _trust(lines, checker)
    ext = assemble(lines, mode="record", title=title_hint)
    ext.repairs = repairs
    return _judge(ext, checker)


def _url_list(raw_lines: list[str], repairs: list[str]) -> Extraction | None:
    """A text that holds nothing but URLs, rejected saying pages are not fetched."""
    n = 0
    for ln in raw_lines:
        s = ln.strip()
        if not s:
            continue
        if not cues.BARE_LINK_RE.match(s) or s.startswith("@"):
            return None
        n += 1
    if not n:
        return None
    return Extraction(
        reason=f"a list of {n} URL{'s' if n > 1 else ''}, not article text: storyline does not fetch pages; "
        "give it their HTML or text",
        repairs=repairs,
    )


def _label(
    raw_lines: list[str], checker: Callable[[str], bool] | None, *, title_hint: str | None = None
) -> tuple[list[Line], list[int]]:
    """Label a page's lines, sentence by sentence where they were flattened;
    lines are numbered as in the input."""
    oversized = [i for i, ln in enumerate(raw_lines) if len(ln) > MAX_LINE_CHARS]
    masked = ["" if len(ln) > MAX_LINE_CHARS else ln for ln in raw_lines] if oversized else raw_lines
    seg = segment_lines(masked)
    if seg is not None:
        labelled = label_lines(
            "\n".join(seg.texts), is_furniture=checker, segments=seg.is_segment, title_hint=title_hint
        )
        lines = [Line(seg.source[i] + 1, ln.kind, ln.text) for i, ln in enumerate(labelled)]
    else:
        lines = label_lines("\n".join(masked), is_furniture=checker, title_hint=title_hint)
    for i in oversized:
        lines[i] = Line(n=i + 1, kind="boilerplate", text=raw_lines[i][:200] + "…")
    return lines, oversized


def _recurring(text: str, checker: Callable[[str], bool] | None) -> bool:
    return checker is not None and checker(line_key(text.strip()))


def _trust(lines: list[Line], checker: Callable[[str], bool] | None) -> list[Line]:
    """A record's lines dropped for their position alone are text again."""
    out = []
    for ln in lines:
        if ln.kind == "boilerplate" and ln.text.strip() and not _recurring(ln.text, checker):
            _f, fixed = own_kind(ln.text)
            if fixed is None:
                ln = Line(ln.n, "body", ln.text)
        out.append(ln)
    return out


def _judge(ext: Extraction, checker: Callable[[str], bool] | None) -> Extraction:
    """Stages 1-3 of the module docstring, on a labelled page."""
    lines = ext.lines
    wall_lines = []
    for ln in lines:
        if ln.kind == "boilerplate" and ln.text.strip():
            f, _fixed = own_kind(ln.text)
            if not f.wall_words:  # (the cheap screen: most furniture is no wall)
                continue
            kind = walls.wall_kind(ln.text, f.n_words, tokens(ln.text[:HEAD_CHARS].casefold()))
            if kind is not None:
                wall_lines.append((kind, ln.text, f.n_words))
    title = next((ln for ln in lines if ln.kind == "title"), None)
    wall = None
    if wall_lines:
        wall = walls.page_wall(wall_lines, _kept_words(lines, title, at_most=walls.WALL_MAX_KEPT_WORDS))
    if wall is not None:
        # A record's title is given apart from its text; a page's is a line.
        headline = title.text.strip() if title is not None else ext.title if ext.mode == "record" else None
        if not headline:
            ext.text, ext.reason = "", wall.reason()
            return ext
        relabelled = [ln if ln is title or ln.kind not in KEPT_KINDS else Line(ln.n, "boilerplate", ln.text)
                      for ln in lines]  # fmt: skip
        kept = _reassemble(ext, relabelled)
        if title is None:
            kept.text = headline
        kept.warnings.append(f"the page is mostly a wall ({wall.kind}): kept its headline only")
        return kept
    if ext.text:
        return ext
    rescued, candidates = _rescue(lines, checker)
    if candidates:
        kept = _reassemble(ext, rescued)
        if sum(1 for ln in lines if ln.text.strip()) > FEW_LINES:  # (a headline item is what it looks like)
            kept.warnings.append(
                f"no running prose: kept {candidates} line{'s' if candidates > 1 else ''} that no cue marks as furniture"
            )
        return kept
    shown = [ln.text.strip() for ln in lines if ln.text.strip()]
    sample = ", ".join(repr(t if len(t) <= 40 else t[:39] + "…") for t in shown[:3])
    if all(cues.is_date_only(t) for t in shown):
        ext.reason = f"only a date or a time ({sample}): no headline and no text"
    else:
        ext.reason = f"only page furniture: none of {len(shown)} lines is article text ({sample})"
    return ext


def _kept_words(lines: list[Line], title: Line | None, *, at_most: int) -> int:
    """Words of the kept lines other than the title, counted up to ``at_most``
    (a wall page keeps fewer; an article's first paragraph settles it)."""
    n = 0
    for ln in lines:
        if ln.kind in KEPT_KINDS and ln is not title:
            n += word_count(ln.text[: 12 * at_most])  # (enough characters for at_most words)
            if n >= at_most:
                break
    return n


def _rescue(lines: list[Line], checker: Callable[[str], bool] | None) -> tuple[list[Line], int]:
    """Lines that only their position dropped, kept as text when they could be
    an article (a headline, a snippet) rather than a list of headlines."""
    picked: list[int] = []
    sentences = 0
    # A text of one or two lines has no page around it: a row of capitalised
    # words or an all-caps line there is a headline, not a menu.
    few = sum(1 for ln in lines if ln.text.strip()) <= FEW_LINES
    for i, ln in enumerate(lines):
        # (a "caption" here is a line printed twice, which is also how a
        # page prints its headline in the title bar and the page)
        if ln.kind not in ("boilerplate", "caption") or not ln.text.strip() or _recurring(ln.text, checker):
            continue
        f, fixed = own_kind(ln.text, shape_rules=not few)
        if fixed is None and f.n_words >= (RESCUE_MIN_WORDS_FEW if few else RESCUE_MIN_WORDS):
            picked.append(i)
            sentences += f.terminal
    if not picked or (len(picked) > RESCUE_MAX_LINES and not sentences):
        return lines, 0
    out = list(lines)
    first = True
    for i in picked:
        out[i] = Line(lines[i].n, "title" if first and not any(ln.kind == "title" for ln in lines) else "body",
                      lines[i].text)  # fmt: skip
        first = False
    return out, len(picked)


def _reassemble(ext: Extraction, lines: list[Line]) -> Extraction:
    fresh = assemble(lines, mode=ext.mode, title=ext.title if ext.mode == "record" else None)
    fresh.repairs, fresh.warnings = ext.repairs, list(ext.warnings)
    return fresh
