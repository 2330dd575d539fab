"""Consistency of the bundled example corpus (``examples/``) with its annotation ``examples/gold.json``.

Every stage is tested and demonstrated on this corpus, so a broken reference or a line number that
drifted after an edit would silently corrupt every evaluation built on it.  The checks live in
``corpus_problems``, which returns a list of human-readable problems; the real corpus must have none,
and the tests at the bottom feed it deliberately broken copies to prove each check can fail.
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

GOLD_KEYS = {
    "about",
    "articles",
    "events",
    "storylines",
    "provenance",
    "shared_quotes",
    "timeline",
    "discrepancies",
    "non_discrepancies",
}
ARTICLE_KEYS = {"language", "outlet", "agencies", "published"}
LINE_KEYS = ("body", "captions", "credit_lines", "boilerplate")
LINE_LABEL_KEYS = {"title_line", "standfirst_line", *LINE_KEYS}
PROVENANCE_KINDS = {"wire_copy", "rewrite", "translation", "duplicate"}
DISCREPANCY_KINDS = {"place", "number", "date", "agent", "claim_disputed", "reversal"}
LANGUAGES = {"fr", "en", "de", "es", "it"}
FEED_NAME = "feed.jsonl"
FEED_REQUIRED = {"id", "title", "url", "outlet", "published", "language"}
FILE_NAME = re.compile(r"^\d{3}_[a-z0-9]+(?:-[a-z0-9]+)*\.(?:txt|html)$")
WHEN = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

# What the brief asks the corpus to contain; the demo and the evaluations rely on these minima.
MIN_ARTICLES = 36
MIN_EVENTS = 7
MIN_DISCREPANCIES = 7
MIN_NON_DISCREPANCIES = 6
# Body length of a .txt article in words (title and standfirst included): long enough to carry
# several facts, short enough to stay a news item.
MIN_BODY_WORDS = 150
MAX_BODY_WORDS = 600
# Wire copies of one agency story must share their agency paragraphs verbatim; outlets only change
# the headline, standfirst and furniture.  Fraction of the shorter copy's body paragraphs (title
# and standfirst excluded) that must appear identically in the other copy.
MIN_WIRE_SHARED = 0.9
# A rewrite is reworded, so at most this fraction of its body paragraphs may be verbatim copies.
MAX_REWRITE_SHARED = 0.2


def _load_feed(examples: Path, problems: list[str]) -> dict[str, dict[str, Any]]:
    feed: dict[str, dict[str, Any]] = {}
    path = examples / FEED_NAME
    if not path.is_file():
        return feed
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{FEED_NAME}:{n}: not JSON ({e})")
            continue
        missing = FEED_REQUIRED - set(rec)
        if missing:
            problems.append(f"{FEED_NAME}:{n}: missing keys {sorted(missing)}")
        if ("text" in rec) == ("html" in rec):
            problems.append(f"{FEED_NAME}:{n}: needs exactly one of 'text' and 'html'")
        if rec.get("id") in feed:
            problems.append(f"{FEED_NAME}:{n}: duplicate id {rec.get('id')!r}")
        feed[str(rec.get("id"))] = rec
    return feed


def _raw_text(name: str, examples: Path, feed: dict[str, dict[str, Any]]) -> str:
    if name in feed:
        return str(feed[name].get("text") or feed[name].get("html") or "")
    return (examples / name).read_text(encoding="utf-8")


def _body_paragraphs(lines: list[str], rec: dict[str, Any]) -> list[str]:
    """Body lines without the title and standfirst (which outlets rewrite)."""
    skip = {rec.get("title_line"), rec.get("standfirst_line")}
    return [lines[i - 1].strip() for i in rec["body"] if i not in skip and 1 <= i <= len(lines)]


def _check_articles(
    gold: dict[str, Any], examples: Path, feed: dict[str, dict[str, Any]], problems: list[str]
) -> dict[str, list[str]]:
    """Check each article's record; return the raw lines of the .txt articles."""
    files = {
        p.name for p in examples.iterdir() if p.is_file() and p.suffix in {".txt", ".html", ".htm", ".jsonl"}
    }
    files.discard(FEED_NAME)
    articles: dict[str, Any] = gold["articles"]
    for name in sorted(files - set(articles)):
        problems.append(f"{name}: file in examples/ but not annotated in gold.json")
    for name in sorted(set(feed) - set(articles)):
        problems.append(f"{name}: feed entry not annotated in gold.json")
    texts: dict[str, list[str]] = {}
    for name, rec in articles.items():
        in_feed = name in feed
        if not in_feed and not (examples / name).is_file():
            problems.append(f"{name}: annotated but neither a file nor a feed id")
            continue
        if not in_feed and not FILE_NAME.match(name):
            problems.append(f"{name}: file name is not NNN_<slug>.txt|html")
        missing = ARTICLE_KEYS - set(rec)
        if missing:
            problems.append(f"{name}: missing keys {sorted(missing)}")
            continue
        if rec["language"] not in LANGUAGES:
            problems.append(f"{name}: unexpected language {rec['language']!r}")
        if in_feed and feed[name].get("language") != rec["language"]:
            problems.append(
                f"{name}: feed language {feed[name].get('language')!r} != gold {rec['language']!r}"
            )
        if not isinstance(rec["agencies"], list):
            problems.append(f"{name}: agencies must be a list")
        if rec["published"] is not None:
            try:
                published = date.fromisoformat(rec["published"])
            except (TypeError, ValueError):
                problems.append(f"{name}: published {rec['published']!r} is not YYYY-MM-DD")
            else:
                if in_feed and not str(feed[name].get("published", "")).startswith(published.isoformat()):
                    problems.append(f"{name}: feed published {feed[name].get('published')!r} != gold")
        is_txt = name.endswith(".txt")
        if not is_txt:
            extra = LINE_LABEL_KEYS & set(rec)
            if extra:
                problems.append(f"{name}: line labels {sorted(extra)} only make sense for .txt files")
            continue
        if not set(rec) >= LINE_LABEL_KEYS:
            problems.append(f"{name}: missing line labels {sorted(LINE_LABEL_KEYS - set(rec))}")
            continue
        lines = _raw_text(name, examples, feed).splitlines()
        texts[name] = lines
        seen: dict[int, str] = {}
        for key in LINE_KEYS:
            for i in rec[key]:
                if not isinstance(i, int) or not 1 <= i <= len(lines):
                    problems.append(f"{name}: {key} line {i!r} out of range 1..{len(lines)}")
                    continue
                if not lines[i - 1].strip():
                    problems.append(f"{name}: {key} line {i} is blank")
                if i in seen:
                    problems.append(f"{name}: line {i} labelled both {seen[i]} and {key}")
                seen[i] = key
        unlabelled = [i for i, line in enumerate(lines, 1) if line.strip() and i not in seen]
        if unlabelled:
            problems.append(f"{name}: non-blank lines without a label: {unlabelled}")
        for key in ("title_line", "standfirst_line"):
            if rec[key] is not None and rec[key] not in rec["body"]:
                problems.append(f"{name}: {key} {rec[key]} is not among the body lines")
        if rec["title_line"] is None:
            problems.append(f"{name}: scraped pages in this corpus all have a title line")
        words = sum(len(lines[i - 1].split()) for i in rec["body"] if 1 <= i <= len(lines))
        if not MIN_BODY_WORDS <= words <= MAX_BODY_WORDS:
            problems.append(f"{name}: body has {words} words, outside {MIN_BODY_WORDS}..{MAX_BODY_WORDS}")
    return texts


def _partition(
    groups: dict[str, Any], key: str, universe: dict[str, Any], what: str, problems: list[str]
) -> dict[str, str]:
    """Each group's ``key`` members must be known and in exactly one group; member -> group."""
    group_of: dict[str, str] = {}
    for gid, group in groups.items():
        for member in group[key]:
            if member not in universe:
                problems.append(f"{gid}: unknown {what} {member}")
            elif member in group_of:
                problems.append(f"{member}: in both {group_of[member]} and {gid}")
            else:
                group_of[member] = gid
    return group_of


def _check_grouping(gold: dict[str, Any], problems: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Events partition the articles, storylines partition the events; return both maps."""
    for eid, ev in gold["events"].items():
        if not ev.get("what"):
            problems.append(f"{eid}: no description")
    event_of = _partition(gold["events"], "articles", gold["articles"], "article", problems)
    problems += [f"{name}: in no event" for name in gold["articles"] if name not in event_of]
    storyline_of = _partition(gold["storylines"], "events", gold["events"], "event", problems)
    problems += [f"{eid}: in no storyline" for eid in gold["events"] if eid not in storyline_of]
    return event_of, storyline_of


def _check_provenance(
    gold: dict[str, Any],
    texts: dict[str, list[str]],
    event_of: dict[str, str],
    problems: list[str],
) -> None:
    articles = gold["articles"]
    agencies = {a for rec in articles.values() for a in rec.get("agencies", [])}
    wire_groups: dict[tuple[str, str], list[str]] = {}
    for n, rel in enumerate(gold["provenance"]):
        src, dst, kind = rel.get("from"), rel.get("to"), rel.get("kind")
        where = f"provenance[{n}]"
        if kind not in PROVENANCE_KINDS:
            problems.append(f"{where}: unknown kind {kind!r}")
        if dst not in articles:
            problems.append(f"{where}: 'to' {dst!r} is not an article")
            continue
        if src in articles:
            if event_of.get(src) != event_of.get(dst):
                problems.append(f"{where}: {src} and {dst} are in different events")
            same_language = articles[src]["language"] == articles[dst]["language"]
            if kind == "translation" and same_language:
                problems.append(f"{where}: a translation must change language")
            if kind in {"rewrite", "duplicate", "wire_copy"} and not same_language:
                problems.append(f"{where}: a {kind} keeps the language")
            if kind == "rewrite" and src in texts and dst in texts:
                ours = _body_paragraphs(texts[dst], articles[dst])
                theirs = set(_body_paragraphs(texts[src], articles[src]))
                copied = sum(p in theirs for p in ours) / max(1, len(ours))
                if copied > MAX_REWRITE_SHARED:
                    problems.append(f"{where}: rewrite copies {copied:.0%} of its paragraphs verbatim")
        elif src in agencies:
            if src not in articles[dst]["agencies"]:
                problems.append(f"{where}: {dst} does not credit {src}")
            if kind == "wire_copy":
                wire_groups.setdefault((src, event_of.get(dst, "")), []).append(dst)
        else:
            problems.append(f"{where}: 'from' {src!r} is neither an article nor a credited agency")
    for (agency, eid), copies in wire_groups.items():
        txt = [c for c in copies if c in texts]
        for a, b in pairwise(txt):
            pa = _body_paragraphs(texts[a], articles[a])
            pb = set(_body_paragraphs(texts[b], articles[b]))
            shared = sum(p in pb for p in pa) / max(1, len(pa))
            if shared < MIN_WIRE_SHARED:
                problems.append(f"{agency} copies {a} and {b} ({eid}) share only {shared:.0%} of the body")


def _check_analysis_labels(
    gold: dict[str, Any],
    examples: Path,
    feed: dict[str, dict[str, Any]],
    event_of: dict[str, str],
    storyline_of: dict[str, str],
    problems: list[str],
) -> None:
    articles = gold["articles"]

    def known(where: str, names: list[str]) -> list[str]:
        bad = [n for n in names if n not in articles]
        for n in bad:
            problems.append(f"{where}: unknown article {n}")
        return [n for n in names if n in articles]

    for n, q in enumerate(gold["shared_quotes"]):
        where = f"shared_quotes[{n}]"
        if not q.get("speaker"):
            problems.append(f"{where}: no speaker")
        for name in known(where, q["articles"]):
            if q["quote"] not in _raw_text(name, examples, feed):
                problems.append(f"{where}: quote not found verbatim in {name}")
        known(where, q.get("translated_in", []))
    for n, t in enumerate(gold["timeline"]):
        where = f"timeline[{n}]"
        if not WHEN.match(str(t.get("when"))):
            problems.append(f"{where}: 'when' {t.get('when')!r} is not YYYY[-MM[-DD]]")
        if not known(where, t["articles"]):
            problems.append(f"{where}: no article")
    ids = Counter(d.get("id") for d in gold["discrepancies"])
    for d in gold["discrepancies"]:
        where = f"discrepancy {d.get('id')}"
        if ids[d.get("id")] > 1:
            problems.append(f"{where}: duplicate id")
        if d.get("kind") not in DISCREPANCY_KINDS:
            problems.append(f"{where}: unknown kind {d.get('kind')!r}")
        sides = d.get("sides", {})
        if len(sides) < 2:
            problems.append(f"{where}: needs at least two sides")
        names = [n for side in sides.values() for n in known(where, side)]
        stories = {storyline_of.get(event_of.get(n, ""), "") for n in names}
        if len(stories) != 1:
            problems.append(f"{where}: sides span several storylines")
        side_events = [{event_of.get(n) for n in side} for side in sides.values()]
        if d.get("kind") == "reversal":
            if any(len(evs) != 1 for evs in side_events) or len(set().union(*side_events)) < 2:
                problems.append(f"{where}: a reversal opposes two different events of one storyline")
        elif len(set().union(*side_events)) != 1:
            problems.append(f"{where}: sides must report the same event")
    for n, nd in enumerate(gold["non_discrepancies"]):
        where = f"non_discrepancies[{n}]"
        names = known(where, nd["articles"])
        if len(names) < 2:
            problems.append(f"{where}: needs at least two articles")
        # Analysis compares the articles of one storyline, so that is where look-alikes must be told apart.
        if len({storyline_of.get(event_of.get(x, ""), "") for x in names}) != 1:
            problems.append(f"{where}: articles must belong to one storyline")
        if not nd.get("note"):
            problems.append(f"{where}: no note saying why it is not a disagreement")


def _check_coverage(gold: dict[str, Any], problems: list[str]) -> None:
    """The phenomena the corpus exists to exercise are all present."""
    articles = gold["articles"]
    if len(articles) < MIN_ARTICLES:
        problems.append(f"only {len(articles)} articles (< {MIN_ARTICLES})")
    if len(gold["events"]) < MIN_EVENTS:
        problems.append(f"only {len(gold['events'])} events (< {MIN_EVENTS})")
    languages = {rec["language"] for rec in articles.values() if "language" in rec}
    if not {"fr", "en", "de"} <= languages:
        problems.append(f"languages {sorted(languages)} lack one of fr, en, de")
    kinds = Counter(rel.get("kind") for rel in gold["provenance"])
    for kind in ("wire_copy", "rewrite", "translation"):
        if not kinds[kind]:
            problems.append(f"no {kind} in provenance")
    if not any(len(st["events"]) > 1 for st in gold["storylines"].values()):
        problems.append("no storyline with an earlier event")
    if len(gold["discrepancies"]) < MIN_DISCREPANCIES:
        problems.append(f"only {len(gold['discrepancies'])} discrepancies (< {MIN_DISCREPANCIES})")
    missing = DISCREPANCY_KINDS - {d.get("kind") for d in gold["discrepancies"]}
    if missing:
        problems.append(f"no discrepancy of kind {sorted(missing)}")
    cross = any(
        len({articles[n]["language"] for side in d["sides"].values() for n in side if n in articles}) > 1
        for d in gold["discrepancies"]
    )
    if not cross:
        problems.append("no discrepancy across languages")
    if len(gold["non_discrepancies"]) < MIN_NON_DISCREPANCIES:
        problems.append(
            f"only {len(gold['non_discrepancies'])} non-discrepancies (< {MIN_NON_DISCREPANCIES})"
        )
    if not any(q.get("translated_in") and len(q["articles"]) > 1 for q in gold["shared_quotes"]):
        problems.append("no quote shared verbatim by two articles and translated in another")


def corpus_problems(gold: dict[str, Any], examples: Path) -> list[str]:
    """Every inconsistency between ``gold`` and the files in ``examples``, as readable lines."""
    problems: list[str] = []
    if set(gold) != GOLD_KEYS:
        problems.append(f"gold.json keys {sorted(gold)} != {sorted(GOLD_KEYS)}")
        return problems
    feed = _load_feed(examples, problems)
    texts = _check_articles(gold, examples, feed, problems)
    event_of, storyline_of = _check_grouping(gold, problems)
    _check_provenance(gold, texts, event_of, problems)
    _check_analysis_labels(gold, examples, feed, event_of, storyline_of, problems)
    _check_coverage(gold, problems)
    return problems


@pytest.fixture(scope="module")
def gold(examples_dir: Path) -> dict[str, Any]:
    path = examples_dir / "gold.json"
    assert path.is_file(), "examples/gold.json is missing"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_corpus_is_consistent_with_gold(gold: dict[str, Any], examples_dir: Path) -> None:
    assert corpus_problems(gold, examples_dir) == []


def test_every_input_is_read_by_ingest(gold: dict[str, Any], examples_dir: Path) -> None:
    # The demo runs `storyline analyze examples/`: ingest must see exactly the annotated articles.
    from storyline.ingest import read_inputs
    from storyline.types import InputProblem

    docs = list(read_inputs([examples_dir]))
    assert [d for d in docs if isinstance(d, InputProblem)] == []
    assert sorted(d.source_id for d in docs if not isinstance(d, InputProblem)) == sorted(gold["articles"])


def test_html_pages_have_an_article_and_page_furniture(gold: dict[str, Any], examples_dir: Path) -> None:
    pages = [n for n in gold["articles"] if n.endswith(".html")]
    assert pages, "the corpus should hold a few full HTML pages"
    for name in pages:
        html = (examples_dir / name).read_text(encoding="utf-8")
        for tag in ("<article", "<nav", "<footer", "<script", "<h1"):
            assert tag in html, f"{name} lacks {tag}>"


# --- the checks above must be able to fail: break a copy of the gold in one way at a time ---------


def _first(gold: dict[str, Any], suffix: str) -> str:
    return next(n for n in gold["articles"] if n.endswith(suffix))


def _break_line_range(g: dict[str, Any]) -> None:
    g["articles"][_first(g, ".txt")]["body"].append(10_000)


def _break_double_label(g: dict[str, Any]) -> None:
    rec = g["articles"][_first(g, ".txt")]
    rec["boilerplate"].append(rec["body"][-1])


def _break_unlabelled(g: dict[str, Any]) -> None:
    rec = g["articles"][_first(g, ".txt")]
    rec["body"].pop()


def _break_missing_file(g: dict[str, Any]) -> None:
    g["articles"]["999_no-such-article.txt"] = {
        "language": "fr",
        "outlet": None,
        "agencies": [],
        "published": None,
    }


def _break_two_events(g: dict[str, Any]) -> None:
    first, second = list(g["events"].values())[:2]
    second["articles"].append(first["articles"][0])


def _break_orphan_event(g: dict[str, Any]) -> None:
    g["storylines"][next(iter(g["storylines"]))]["events"].clear()


def _break_quote(g: dict[str, Any]) -> None:
    g["shared_quotes"][0]["quote"] += " (not in the text)"


def _break_discrepancy_kind(g: dict[str, Any]) -> None:
    g["discrepancies"][0]["kind"] = "colour"


def _break_discrepancy_events(g: dict[str, Any]) -> None:
    d = next(d for d in g["discrepancies"] if d["kind"] != "reversal")
    other = next(ev["articles"][0] for ev in g["events"].values() if ev["articles"][0] not in str(d))
    next(iter(d["sides"].values())).append(other)


def _break_translation(g: dict[str, Any]) -> None:
    rel = next(r for r in g["provenance"] if r["kind"] == "translation")
    rel["from"] = rel["to"]


def _break_agency(g: dict[str, Any]) -> None:
    next(r for r in g["provenance"] if r["kind"] == "wire_copy")["from"] = "Agence Imaginaire"


def _break_keys(g: dict[str, Any]) -> None:
    g["extra"] = []


BREAKAGES = [
    (_break_line_range, "out of range"),
    (_break_double_label, "labelled both"),
    (_break_unlabelled, "without a label"),
    (_break_missing_file, "neither a file nor a feed id"),
    (_break_two_events, "in both"),
    (_break_orphan_event, "in no storyline"),
    (_break_quote, "not found verbatim"),
    (_break_discrepancy_kind, "unknown kind"),
    (_break_discrepancy_events, "same event"),
    (_break_translation, "must change language"),
    (_break_agency, "neither an article nor a credited agency"),
    (_break_keys, "keys"),
]


@pytest.mark.parametrize(("breakage", "expected"), BREAKAGES, ids=[b.__name__[7:] for b, _ in BREAKAGES])
def test_checks_catch_a_broken_gold(
    gold: dict[str, Any], examples_dir: Path, breakage: Any, expected: str
) -> None:
    broken = copy.deepcopy(gold)
    breakage(broken)
    problems = corpus_problems(broken, examples_dir)
    assert any(expected in p for p in problems), problems


def test_wire_copy_check_catches_edited_copies(
    gold: dict[str, Any], examples_dir: Path, tmp_path: Path
) -> None:
    # Rewrite every body paragraph of one wire copy: the verbatim-sharing check must notice.
    rel = next(r for r in gold["provenance"] if r["kind"] == "wire_copy" and r["to"].endswith(".txt"))
    copies = [
        r["to"]
        for r in gold["provenance"]
        if r["kind"] == "wire_copy" and r["from"] == rel["from"] and r["to"].endswith(".txt")
    ]
    victim = copies[-1]
    for p in examples_dir.iterdir():
        if p.is_file():
            (tmp_path / p.name).write_bytes(p.read_bytes())
    lines = (tmp_path / victim).read_text(encoding="utf-8").splitlines()
    for i in gold["articles"][victim]["body"]:
        lines[i - 1] = lines[i - 1][::-1]
    (tmp_path / victim).write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = corpus_problems(gold, tmp_path)
    assert len(copies) >= 2, "the corpus should hold one agency story copied by several outlets"
    assert any("share only" in p for p in problems), problems
