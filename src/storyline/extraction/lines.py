"""Label every line of a scraped page: article text, captions, credits or furniture.

The labeller reads general cues only -- length, end punctuation,
capitalisation, the share of function words, second-person pronouns, the
position of a line relative to the running prose, lines printed twice (a
caption repeated under its photo) and the cue vocabulary of
:mod:`storyline.extraction.cues` -- and then the page's *shape*: an article is
one stretch of prose; what comes before its first prose paragraph is a title
and page chrome, what comes after a sign-off, a comment header or a
"related articles" header is furniture even when it reads like prose (a
donation appeal).  Lines that recur across articles of the same outlet are
furniture too (:class:`storyline.extraction.furniture.FurnitureMemory`).

Pure functions over strings; no model, so it labels thousands of pages a second.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .. import lang
from ..types import Line
from . import cues, walls
from .shape import (
    HEAD_CHARS,
    KEY_CHARS,
    LONG_PROSE_WORDS,
    MIN_PROSE_STOP_RATIO,
    MIN_PROSE_WORDS,
    LineFeatures,
    is_prose_line,
    line_features,
    line_key,
    tokens,
)
from .shape import is_prose as _is_prose

__all__ = [
    "LineFeatures",
    "line_features",
    "line_key",
    "label_lines",
    "label_page",
    "label_content",
    "own_kind",
    "is_prose_line",
    "MIN_PROSE_WORDS",
    "LONG_PROSE_WORDS",
    "MIN_PROSE_STOP_RATIO",
]

# Calibration: see :mod:`storyline.extraction.shape` for the dev pages and
# the line-shape constants.  HTML-mode cues were chosen from the errors on
# the article-extraction benchmark (see the report: that makes its score
# optimistic).

#: A headline/subheading is at most this long (dev: 18).
MAX_HEADING_WORDS = 30
#: Lines longer than this (words) get no kind from their own cues: every
#: widget, credit, dateline and appeal pattern is shorter.
MAX_FIXED_WORDS = 45
#: Lines up to this long (words) go through every cue; longer ones (up to
#: MAX_FIXED_WORDS) only through the appeal, promotion and tag-list cues.
MAX_SHORT_LINE_WORDS = 30
#: Distinct short lines memoised per process (features and own kind): menus
#: and widgets recur on every page of an outlet.
LINE_CACHE_SIZE = 32_768
#: Widget/menu lexicon is trusted on lines this short ("Partager sur X")...
MAX_WIDGET_WORDS = 6
#: ...or on longer non-prose lines where it covers at least this share of words.
MIN_WIDGET_DENSITY = 0.2
#: A caption printed twice: the shorter copy must have this many words to be
#: matched as a prefix of the longer one (dev captions: 6+ words; shorter
#: lines such as "Commentaires" repeat by chance).
MIN_CAPTION_PREFIX_WORDS = 5
#: A caption's appended credit without any marker ("Photo Jean Dupont") is a
#: few words and no function word.
MAX_BARE_CREDIT_WORDS = 6
#: Two adjacent lines are compared as a caption pair only when their first
#: characters agree (a cheap screen before normalising them).
CAPTION_SCREEN_CHARS = 20
#: An all-caps line this long is a promoted link, not a subheading.  On the
#: benchmark, 7 and 8 gave the same F1 (+-0.0001); all-caps subheadings there
#: are up to 7 words ("HOW TO USE A WATER BATH CANNER").
MIN_SHOUTED_WORDS = 7
#: A photo-credit line has at most this many words ("Photo : Carlos Mendoza / AFP")...
MAX_CREDIT_LINE_WORDS = 12
#: ...and the caption above it at most this many (dev captions: 6-25).
MAX_CAPTION_WORDS = 40
#: A short line carrying a URL is a link box ("Download: http://..."), not text.
MAX_LINK_LINE_WORDS = 12
#: Lines with this share of second-person words (and an appeal phrase) are
#: appeals to the reader: "votre don" is 2 of ~30 words in an appeal line.
MIN_APPEAL_SECOND_PERSON = 0.06
#: The tail (after a sign-off or a comment/related header) is cut only when
#: at least this share of the page's prose words came before it, so that a
#: "Lire aussi" box near the top never truncates the article.
MIN_PROSE_SHARE_BEFORE_TAIL = 0.5

_CAPTION_TAIL_CHARS = 90  # the credit ending a caption is within its last characters
_NON_WORD = re.compile(r"[\W_]+")


def _is_widget(f: LineFeatures) -> bool:
    """Share buttons, menus, ad labels: the widget lexicon covers much of the line.

    A real sentence ("WeWork declined to comment.") mentions such words only
    in passing, so sentences need a higher density.
    """
    if f.widget_hits == 0:
        return False
    density = f.widget_hits / f.n_words
    if f.n_words <= 3:
        return True
    if f.terminal and f.stop_ratio >= MIN_PROSE_STOP_RATIO and f.n_words >= 4:
        return density >= 2 * MIN_WIDGET_DENSITY
    if f.n_words <= MAX_WIDGET_WORDS:
        return True
    return not _is_prose(f) and density >= MIN_WIDGET_DENSITY


def _is_menu(f: LineFeatures) -> bool:
    """A row of capitalised words with no function word: a navigation bar."""
    return f.n_words >= 4 and f.stop_ratio == 0.0 and f.title_ratio >= 0.8 and not f.terminal


def _fixed_kind(text: str, f: LineFeatures, *, html_mode: bool = False, shape_rules: bool = True) -> str | None:
    """The kind a line has whatever its position, or None when position decides.

    ``shape_rules=False`` leaves out the rules that judge a line by its shape
    alone (a row of capitalised words is a menu, a long all-caps line a
    promoted link, "A > B" a breadcrumb): in a text of one or two lines
    there is no page around it, and such a line is a headline."""
    shape_rules = shape_rules and not html_mode
    if f.wall_words and walls.wall_kind(text, f.n_words, tokens(text[:HEAD_CHARS].casefold())):
        return "boilerplate"  # a cookie, bot-check, log-in or subscription notice
    if f.n_words > MAX_FIXED_WORDS:
        return None  # a long paragraph: only its position can make it furniture
    s = text.strip()
    if f.n_words > MAX_SHORT_LINE_WORDS:
        # Only appeals, promotions and tag lists run this long.
        if f.second_person >= MIN_APPEAL_SECOND_PERSON and cues.APPEAL_RE.search(s):
            return "boilerplate"
        if cues.PROMO_START_RE.match(s) and cues.PROMO_CHANNEL_RE.search(s) or cues.TAXONOMY_RE.match(s):
            return "boilerplate"
        return None
    if cues.BARE_LINK_RE.match(s):
        # A URL alone on its line is a link box; on the benchmark this gains
        # more (+0.006 F1) than it loses on one shopping guide whose shop
        # links are shown as text.
        return "boilerplate"
    if cues.TIMESTAMP_RE.match(s) or (f.n_words <= 3 and (f.has_url or f.has_email) and not f.terminal):
        return "boilerplate"
    if f.n_words <= 2 and cues.DOMAIN_LINE_RE.match(s):
        return "credit"  # "example-news.cz" under the text: the outlet signing its page
    if f.n_words <= 4 and cues.AGENCY_ONLY_RE.match(s):
        return "credit"
    # (below, the features are tested before the regex: same answer, and an
    # unanchored case-insensitive alternation costs microseconds per line)
    if f.n_words <= 25 and not _is_prose_sentence(f) and cues.is_signoff(s):
        return "credit"
    if f.n_words <= 12 and not f.terminal and cues.BYLINE_RE.match(s):
        return "credit"
    if f.n_words <= 12 and not _is_prose(f) and cues.is_photo_credit(s):
        return "caption"  # a photo credit printed on its own belongs to the photo
    if f.n_words <= 14 and f.stop_ratio <= 0.4 and not f.terminal and cues.DATELINE_RE.match(s):
        return "dateline"
    if shape_rules and f.n_words <= 12 and not f.terminal and cues.is_breadcrumb(s):
        # (shape-only rules are for raw pages; in trafilatura's output such
        # lines are table rows and product lists of the content)
        return "boilerplate"
    if cues.RELATED_HEADER_RE.match(s):
        return "boilerplate"
    if _is_widget(f) or (shape_rules and _is_menu(f)):
        return "boilerplate"
    if f.n_words <= 45 and f.second_person >= MIN_APPEAL_SECOND_PERSON and cues.APPEAL_RE.search(s):
        return "boilerplate"
    if f.n_words <= 40 and cues.PROMO_START_RE.match(s) and cues.PROMO_CHANNEL_RE.search(s):
        return "boilerplate"
    if cues.TAXONOMY_RE.match(s):
        return "boilerplate"
    if f.n_words <= 30 and cues.is_form_message(s):
        return "boilerplate"
    if f.has_url and f.n_words <= MAX_LINK_LINE_WORDS and not _is_prose_sentence(f):
        return "boilerplate"  # "Listen: http://...", "More AP NBA: https://..."
    if shape_rules and f.n_words >= MIN_SHOUTED_WORDS and f.upper_ratio >= 0.9 and not f.terminal:
        return "boilerplate"  # a long all-caps line is a promoted link ("SEE MORE: ...")
    if f.has_email and f.n_words <= 25 and not _is_prose(f):
        return "boilerplate"
    return None


def _is_prose_sentence(f: LineFeatures) -> bool:
    return f.n_words >= 12 and f.stop_ratio >= 0.25 and f.terminal


def _caption_pairs(texts: Sequence[str], nwords: Sequence[int]) -> set[int]:
    """Lines printed twice next to each other (a photo caption above and below
    the photo, or once with its credit appended), plus a following line that is
    the tail of such a pair (the credit printed alone).

    A headline repeated as the start of the first paragraph is not a caption:
    the longer copy must add only a credit (a slash, a bracket, a ©, an
    agency or a "Photo:" label), not a sentence.
    """
    out: set[int] = set()
    prev = -1
    heads = [t[:CAPTION_SCREEN_CHARS].casefold() if t else "" for t in texts]
    for i, t in enumerate(texts):
        if not t:
            continue
        if prev >= 0:
            a = texts[prev]
            if heads[prev] == heads[i]:
                ka, kb = _pair_key(a), _pair_key(t)
                short_raw, long_raw = (a, t) if len(a) <= len(t) else (t, a)
                short_key, long_key = (ka, kb) if len(a) <= len(t) else (kb, ka)
                if ka == kb or (
                    min(nwords[prev], nwords[i]) >= MIN_CAPTION_PREFIX_WORDS
                    and long_key.startswith(short_key)
                    and _credit_like(long_raw[len(short_raw) :])
                ):
                    out.update((prev, i))
            elif prev in out and len(t) >= 8 and _pair_key(t) in _pair_key(a):
                out.add(i)  # the credit of the pair printed alone
        prev = i
    return out


def _pair_key(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


def _credit_like(extra: str) -> bool:
    # (the character test first: it settles most credits without features or regexes)
    if any(c in extra for c in "/(©"):
        return True
    f = line_features(extra)
    return (
        (f.n_words <= MAX_BARE_CREDIT_WORDS and f.stop_ratio == 0.0)  # "Photo Jean Dupont", "REUTERS"
        or cues.is_photo_credit(extra)
        or cues.AGENCY_RE.search(extra) is not None
        or cues.CAPTION_TAIL_RE.search(extra) is not None
    )


@functools.lru_cache(maxsize=LINE_CACHE_SIZE)
def _cached_info(text: str, html_mode: bool) -> tuple[LineFeatures, str, str | None]:
    return _compute_info(text, html_mode)


# A line's features depend on the registered languages (function words, dates).
lang.on_change(_cached_info.cache_clear)


def _compute_info(text: str, html_mode: bool) -> tuple[LineFeatures, str, str | None]:
    """Features, key and position-independent kind of one (stripped) line."""
    f = line_features(text)
    fixed = _fixed_kind(text, f, html_mode=html_mode)
    if (
        fixed is None
        and not _is_long_story(f)
        and _caption_screen(text)
        and cues.CAPTION_TAIL_RE.search(text[-_CAPTION_TAIL_CHARS:])
    ):
        fixed = "caption"
    return f, line_key(text), fixed


def own_kind(text: str, *, shape_rules: bool = True) -> tuple[LineFeatures, str | None]:
    """A (stripped) line's features and the kind its content gives it wherever
    it stands (None when only its position can make it furniture);
    ``shape_rules`` as for :func:`_fixed_kind`."""
    t = text.strip()
    if not shape_rules:
        f = line_features(t)
        return f, _fixed_kind(t, f, shape_rules=False)
    f, _key, fixed = _cached_info(t, False) if len(t) <= KEY_CHARS else _compute_info(t, False)
    return f, fixed


def _caption_screen(text: str) -> bool:
    """Cheap test that a line may end with a photo credit (before the regex):
    a closing bracket, a slash near the end, "via X", a ©, a rights notice or
    an agency as the last word."""
    end = text.rstrip()
    if end.endswith(")") or "/" in end[-30:] or "©" in end or "via " in end[-30:]:
        return True
    low = end[-_CAPTION_TAIL_CHARS:].casefold()
    if "rights" in low or "droits" in low or "rechte" in low or "getty" in low:
        return True
    # (only the last word is needed: split it off rather than the whole sentence)
    words = end.rstrip(". ").rsplit(".", 1)[-1].rsplit(None, 1)
    return bool(words) and words[-1] in cues.AGENCY_TOKENS or end.endswith(("AP Photo", "Getty Images"))


@dataclass(slots=True)
class _Page:
    """One page being labelled: its lines, their cues and the kinds found so far."""

    raw: list[str]
    texts: list[str]
    feats: list[LineFeatures | None]
    keys: list[str]
    nwords: list[int]
    kinds: list[str | None]
    prose: list[bool] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.texts)

    def lines(self) -> list[Line]:
        # (positional arguments: building ~40 slotted records per page with
        # keywords costs a measurable share of a page's labelling time)
        return [Line(i, k or "body", t) for i, k, t in zip(range(1, self.n + 1), self.kinds, self.raw, strict=True)]


def _own_kinds(
    text: str, *, html_mode: bool, is_furniture: Callable[[str], bool] | None, title_hint: str | None
) -> _Page:
    """Step 1 of both algorithms: the kinds lines have by their own content
    (and the outlet's furniture memory), then which unlabelled lines are prose."""
    raw = text.split("\n")
    texts = [r.strip() for r in raw]
    # Short lines recur across an outlet's pages (menus, widgets, credits):
    # memoise them; paragraphs are unique and not worth the cache slot.
    infos = [
        (_cached_info(t, html_mode) if len(t) <= KEY_CHARS else _compute_info(t, html_mode)) if t else None
        for t in texts
    ]
    feats = [x[0] if x else None for x in infos]
    keys = [x[1] if x else "" for x in infos]
    page = _Page(raw, texts, feats, keys, [f.n_words if f else 0 for f in feats], [None if t else "blank" for t in texts])
    kinds = page.kinds
    title_key = line_key(title_hint) if title_hint else ""
    for i in _caption_pairs(texts, page.nwords):
        kinds[i] = "caption"
    for i, info in enumerate(infos):
        if info is None or kinds[i] is not None:
            continue
        if title_key and keys[i] == title_key:
            kinds[i] = "title"
        elif is_furniture is not None and keys[i] and is_furniture(keys[i]):
            kinds[i] = "boilerplate"
        else:
            kinds[i] = info[2]
    return page


def _mark_prose(page: _Page) -> int | None:
    """Unlabelled lines that read as prose; the index of the first (None: no prose)."""
    page.prose = [k is None and f is not None and _is_prose(f) for k, f in zip(page.kinds, page.feats, strict=True)]
    return next((i for i in range(page.n) if page.prose[i]), None)


def _label_inside(page: _Page, first: int, last: int) -> None:
    """Inside the article: unlabelled lines are subheadings or body."""
    for i in range(first, last + 1):
        if page.kinds[i] is not None:
            continue
        f = page.feats[i]
        assert f is not None
        if page.prose[i] or f.terminal and f.n_words > MAX_WIDGET_WORDS:
            page.kinds[i] = "body"
        elif f.n_words <= MAX_HEADING_WORDS and (f.first_upper or f.upper_ratio > 0.5):
            page.kinds[i] = "subheading"
        else:
            page.kinds[i] = "body"


def _nearest_title(page: _Page, first: int) -> int | None:
    """The nearest heading-like unlabelled line above the first paragraph, made the title."""
    if "title" in page.kinds:
        return None
    for i in range(first - 1, -1, -1):
        f = page.feats[i]
        if page.kinds[i] is None and f is not None and _heading_like(f):
            page.kinds[i] = "title"
            return i
    return None


def label_lines(
    text: str,
    *,
    is_furniture: Callable[[str], bool] | None = None,
    html_mode: bool = False,
    title_hint: str | None = None,
    segments: Sequence[bool] | None = None,
) -> list[Line]:
    """Label each line of ``text`` (1-based ``n``) with a :data:`~storyline.types.LineKind`:
    :func:`label_page` for a scraped page's text, :func:`label_content` (with
    ``html_mode``) for the main content trafilatura found in an HTML page."""
    if html_mode:
        if segments is not None:
            raise ValueError("segments are for scraped text, not for trafilatura's content")
        return label_content(text, is_furniture=is_furniture, title_hint=title_hint)
    return label_page(text, is_furniture=is_furniture, title_hint=title_hint, segments=segments)


def label_page(
    text: str,
    *,
    is_furniture: Callable[[str], bool] | None = None,
    title_hint: str | None = None,
    segments: Sequence[bool] | None = None,
) -> list[Line]:
    """Label the lines of a scraped page's text: an article is one stretch of
    prose, with its title and page chrome before it and furniture after it.

    ``is_furniture(line_key)`` says whether a line recurs across the outlet's
    other articles.  ``title_hint`` (metadata's title) marks the line equal to
    it as the title.  ``segments`` flags the lines that are sentences of a
    flattened line (:mod:`storyline.extraction.segment`): outside the prose
    they are judged by their content, never dropped for their position alone.
    """
    page = _own_kinds(text, html_mode=False, is_furniture=is_furniture, title_hint=title_hint)
    n, kinds, feats, texts = page.n, page.kinds, page.feats, page.texts
    seg = list(segments) if segments is not None else [False] * n
    if len(seg) != n:
        raise ValueError(f"segments has {len(seg)} flags for {n} lines")
    _repeated_lines(page)

    # 2. Prose lines and the article's extent.
    first = _mark_prose(page)
    if first is None:
        return _finish_without_prose(page, html_mode=False)
    prose = page.prose
    total_prose = sum(w for w, p in zip(page.nwords, prose, strict=True) if p)

    # 3. The tail: after a sign-off, a comment/related header or an appeal that
    # follows most of the prose, the page is furniture.
    tail = _tail_start(texts, kinds, feats, prose, page.nwords, total_prose, first)
    last = max(i for i in range(first, tail) if prose[i]) if any(prose[first:tail]) else first
    for i in range(tail, n):
        if kinds[i] is None or kinds[i] == "title":
            kinds[i] = "boilerplate"

    # 4. Inside the article; a sentence right above a photo credit ("Photo : X
    # / AFP") is its caption; a subheading introduces text, so a short line
    # whose next line is furniture (between a byline and a dateline) is too.
    _label_inside(page, first, last)
    _captions_above_credits(texts, kinds, feats)
    _orphan_headings(kinds, first, last)

    # 5. Before the article: the title (nearest heading-like line above the
    # first paragraph) and chrome.
    t = _nearest_title(page, first)
    tf = feats[t] if t is not None else None
    if t is not None and tf is not None and tf.terminal:
        # A sentence right under a headline is its standfirst.
        j = t - 1
        while j >= 0 and kinds[j] == "blank":
            j -= 1
        pf = feats[j] if j >= 0 else None
        if pf is not None and kinds[j] is None and not pf.terminal and _heading_like(pf):
            kinds[j], kinds[t] = "title", "standfirst"
    for i in range(first):
        if kinds[i] is None:
            f = feats[i]
            assert f is not None
            kinds[i] = _content_kind(f) if seg[i] else "boilerplate"

    # 6. After the last paragraph: related headlines, leftover chrome.
    for i in range(last + 1, n):
        if kinds[i] is None:
            f = feats[i]
            assert f is not None
            kinds[i] = _content_kind(f) if seg[i] else "boilerplate"

    # 7. Standfirst: the first paragraph when furniture separates it from the next.
    _mark_standfirst(kinds, first)
    return page.lines()


def label_content(
    text: str, *, is_furniture: Callable[[str], bool] | None = None, title_hint: str | None = None
) -> list[Line]:
    """Label the lines of the main content trafilatura found in an HTML page.

    No page chrome is expected around it (trafilatura decided where the
    content starts and ends), so nothing is dropped for standing before the
    first paragraph or after the last; what remains to find is what
    trafilatura keeps: breadcrumbs, "Related" lists, photo credits, widgets.
    Shape-only rules (menus, short repeats) are left out: in its output such
    lines are table rows and list items of the content.
    """
    page = _own_kinds(text, html_mode=True, is_furniture=is_furniture, title_hint=title_hint)
    n, kinds, feats, texts = page.n, page.kinds, page.feats, page.texts
    first = _mark_prose(page)
    if first is None:
        return _finish_without_prose(page, html_mode=True)
    # Breadcrumbs trafilatura keeps sit above the first paragraph.
    for i in range(first):
        f = feats[i]
        if kinds[i] is None and f is not None and not f.terminal and cues.is_breadcrumb(texts[i]):
            kinds[i] = "boilerplate"
    # trafilatura keeps tour dates and product lists that look like datelines;
    # a date line inside the content is text.
    for i in range(first, n):
        if kinds[i] == "dateline" and not cues.PUBLICATION_VERB_RE.match(texts[i]):
            kinds[i] = None
    _related_blocks(texts, kinds, feats, page.prose)
    last = max(i for i in range(first, n) if page.prose[i])
    _label_inside(page, first, last)
    _nearest_title(page, first)
    for i in range(first):
        if kinds[i] is None:
            f = feats[i]
            assert f is not None
            kinds[i] = "body" if f.terminal or f.n_words >= MIN_PROSE_WORDS else "subheading"
    for i in range(last + 1, n):  # a closing sentence after the last paragraph stays body
        if kinds[i] is None:
            kinds[i] = "body"
    _mark_standfirst(kinds, first)
    return page.lines()


def _repeated_lines(page: _Page) -> None:
    """Repeated non-adjacent lines: short ones are widgets ("Partager cet
    article" at top and bottom), long ones are kept once."""
    keys, kinds = page.keys, page.kinds
    open_keys = [k for k, kind in zip(keys, kinds, strict=True) if k and kind is None]
    if len(set(open_keys)) == len(open_keys):  # (most pages have no repeat: skip the count)
        return
    counts = Counter(open_keys)
    seen: set[str] = set()
    for i, k in enumerate(keys):
        if kinds[i] is not None or not k or counts[k] < 2:
            continue
        f = page.feats[i]
        assert f is not None
        if f.n_words <= MAX_WIDGET_WORDS or k in seen:
            kinds[i] = "boilerplate"
        seen.add(k)


def _captions_above_credits(
    texts: Sequence[str], kinds: list[str | None], feats: Sequence[LineFeatures | None]
) -> None:
    prev = -1
    for i, t in enumerate(texts):
        if not t:
            continue
        f = feats[i]
        if (
            prev >= 0
            and kinds[i] in ("caption", "credit")
            and f is not None
            and f.n_words <= MAX_CREDIT_LINE_WORDS
            and "©" not in t  # a copyright line closes the page, it credits no photo
            and kinds[prev] in (None, "body", "standfirst")
            and (pf := feats[prev]) is not None
            and pf.n_words <= MAX_CAPTION_WORDS
            and cues.is_photo_credit(t)  # (last: the costliest test)
        ):
            kinds[prev] = "caption"
        prev = i


def _orphan_headings(kinds: list[str | None], first: int, last: int) -> None:
    furniture = ("caption", "credit", "boilerplate", "dateline")
    for i in range(first, last + 1):
        if kinds[i] != "subheading":
            continue
        j = i + 1
        while j < len(kinds) and kinds[j] == "blank":
            j += 1
        if j < len(kinds) and kinds[j] in furniture:
            k = i - 1
            while k >= 0 and kinds[k] == "blank":
                k -= 1
            kinds[i] = (
                "credit" if kinds[j] == "credit" or (k >= 0 and kinds[k] == "credit") else "boilerplate"
            )


def _related_blocks(
    texts: Sequence[str], kinds: list[str | None], feats: Sequence[LineFeatures | None], prose: Sequence[bool]
) -> None:
    """After a "Related" / "Read more" / "Don't miss" header, the headlines that
    follow (short lines, no sentence) are furniture, up to the next paragraph."""
    inside = False
    for i, t in enumerate(texts):
        f = feats[i]
        if f is None:
            continue
        if cues.TAIL_HEADER_RE.match(t) and not prose[i]:
            kinds[i] = "boilerplate"
            inside = True
            continue
        if not inside:
            continue
        if prose[i] or (f.terminal and f.n_words >= MIN_PROSE_WORDS):
            inside = False
        elif kinds[i] is None:
            kinds[i] = "boilerplate"


def _content_kind(f: LineFeatures) -> str:
    """The kind of a sentence of a flattened line outside the article's prose,
    judged by its content alone: a sentence is text, a short capitalised
    phrase a heading, a fragment furniture."""
    if f.terminal or f.n_words >= MIN_PROSE_WORDS:
        return "body"
    return "subheading" if _heading_like(f) else "boilerplate"


def _is_long_story(f: LineFeatures) -> bool:
    return f.n_words >= LONG_PROSE_WORDS * 2


def _heading_like(f: LineFeatures) -> bool:
    return 3 <= f.n_words <= MAX_HEADING_WORDS and not _is_menu(f) and (f.first_upper or f.upper_ratio > 0.5)


def _tail_start(
    texts: Sequence[str],
    kinds: Sequence[str | None],
    feats: Sequence[LineFeatures | None],
    prose: Sequence[bool],
    nwords: Sequence[int],
    total_prose: int,
    first: int,
) -> int:
    seen_prose = 0
    for i in range(first, len(texts)):
        if prose[i]:
            seen_prose += nwords[i]
        if seen_prose < MIN_PROSE_SHARE_BEFORE_TAIL * total_prose or not texts[i]:
            continue
        t = texts[i]
        f = feats[i]
        marker = (
            cues.TAIL_HEADER_RE.match(t) is not None
            or (kinds[i] == "credit" and cues.is_signoff(t))
            or (f is not None and f.n_words <= 15 and cues.APPEAL_RE.search(t) is not None)
        )
        if marker:
            return i
    return len(texts)


def _mark_standfirst(kinds: list[str | None], first: int) -> None:
    if kinds[first] != "body":
        return
    j = first + 1
    saw_furniture = False
    while j < len(kinds) and kinds[j] not in ("body", "subheading"):
        if kinds[j] in ("caption", "credit", "boilerplate", "dateline"):
            saw_furniture = True
        j += 1
    if saw_furniture and j < len(kinds):
        kinds[first] = "standfirst"


def _finish_without_prose(page: _Page, *, html_mode: bool) -> list[Line]:
    """No running prose at all: a page of furniture, or a very short text
    (a headline, a feed item's one-sentence snippet).

    In HTML mode every unlabelled line is body.  Otherwise the first line
    that reads as a headline is the title, unlabelled lines that look like
    sentences are body, and the rest is furniture.
    """
    kinds = page.kinds
    titled = "title" in kinds
    for i, k in enumerate(kinds):
        if k is not None:
            continue
        f = page.feats[i]
        assert f is not None
        sentence = f.terminal and f.n_words >= 4 and f.stop_ratio > 0
        if sentence or html_mode:
            kinds[i] = "body"
        elif not titled and _heading_like(f):
            kinds[i], titled = "title", True
        else:
            kinds[i] = "boilerplate"
    return page.lines()
