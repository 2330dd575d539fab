"""``storyline eval analysis``: what a user sees inside each story, scored against gold.

The corpus directory is run through the real pipeline (``storyline.pipeline.analyze``)
into a fresh SQLite store; every story is then read back as the view
``storyline show STORY --json`` prints, and scored against the directory's
``gold.json``:

- **discrepancies**: each gold discrepancy found or not (a reported one of the
  same kind whose sides match, see :func:`sides_match`), reports that match no
  gold one ("extra"; a partial report of a planted one, see
  :func:`sides_consistent`, is not extra), and look-alikes (gold
  ``non_discrepancies``) flagged;
- **timeline**: each gold fact dated exactly right in a story holding its
  articles, and which of its sources are cited under that date;
- **quotes**: each gold shared quote attributed to the right speaker and cited
  in its articles;
- **events / storylines**: B-cubed of the stored partition against gold.

Views are what the user reads, so they are what is scored: a discrepancy that
spans two events (a reversal) shows in both events' views and is counted once;
a quote cut into two events' views is put back together per storyline.
Articles are known to gold by their file name (or JSONL ``id``): the
``source_id`` each view lists.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from storyline.evaluation.clustering import bcubed
from storyline.lang import fold
from storyline.pipeline import analyze
from storyline.store import open_store
from storyline.types import StoryQuery, to_json
from storyline.view import story_view

__all__ = [
    "LOOKALIKE_KIND",
    "named_sides",
    "sides_match",
    "sides_consistent",
    "gold_kind",
    "fold_name",
    "load_gold",
    "article_names",
    "score_discrepancies",
    "score_timeline",
    "score_quotes",
    "score_clustering",
    "score_views",
    "read_views",
    "evaluate_corpus",
    "format_report",
]

#: The discrepancy kinds the analysis reports (``storyline.types.DiscrepancyKind``).
_KINDS = ("place", "number", "date", "agent", "claim_disputed", "reversal")

#: Which reported kind a gold look-alike (``non_discrepancies[].kind``) would be mistaken for.
LOOKALIKE_KIND: dict[str, str] = {
    "unit": "number",
    "number_format": "number",
    "rounding": "number",
    "fraction": "number",
    "digits_words": "number",
    "cumulative_update": "number",
    "date_format": "date",
    "place_name": "place",
}

#: A timeline date as the analysis writes it; a gold ``when`` of another form
#: ("2024 summer") cannot be compared and is reported as not scorable.
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


# -- discrepancy matching (the one rule, shared with tests/analysis) ----------------------------


def named_sides(discrepancy: Any, names: Mapping[str, str]) -> list[set[str]]:
    """The article names on each side of a reported discrepancy.

    ``discrepancy`` is a :class:`storyline.types.Discrepancy` or its JSON dict;
    ``names`` maps article ids to the names gold knows them by (an id without a
    name stays as it is, and so matches no gold article).
    """
    sides = discrepancy["sides"] if isinstance(discrepancy, Mapping) else discrepancy.sides
    out = []
    for s in sides:
        arts = s["articles"] if isinstance(s, Mapping) else s.articles
        out.append({names.get(a, a) for a in arts})
    return out


def sides_match(reported: Sequence[set[str]], gold_sides: Sequence[set[str]]) -> bool:
    """Each gold side has at least half its articles on its own reported side."""
    used: set[int] = set()
    for want in gold_sides:
        best = max(
            (i for i in range(len(reported)) if i not in used),
            key=lambda i: len(want & reported[i]),
            default=None,
        )
        if best is None or 2 * len(want & reported[best]) < len(want):
            return False
        used.add(best)
    return True


def sides_consistent(reported: Sequence[set[str]], gold_sides: Sequence[set[str]]) -> bool:
    """Every reported side lies within its own gold side (a partial report of a planted discrepancy)."""
    homes = [next((i for i, g in enumerate(gold_sides) if r <= g), None) for r in reported]
    return None not in homes and len(set(homes)) == len(homes)


def gold_kind(label: str) -> str:
    """A gold discrepancy kind as a reported kind: "claim disputed" -> "claim_disputed",
    "reversal over time" -> "reversal" (the longest reported kind the label starts with).
    A label naming no reported kind is returned folded, and so matches nothing."""
    folded = re.sub(r"[\s-]+", "_", label.strip().casefold())
    starts = [k for k in _KINDS if folded == k or folded.startswith(k + "_")]
    return max(starts, key=len) if starts else folded


def fold_name(name: str | None) -> str:
    """A person's name with case, accents, hyphens and spacing folded ("Kim Jong-un" = "kim jong un")."""
    if not name:
        return ""
    return " ".join(re.sub(r"[\W_]+", " ", fold(name)).split())


# -- gold and views ------------------------------------------------------------------------------


def load_gold(directory: Path) -> dict[str, Any]:
    """``directory/gold.json``, checked for the keys this evaluation reads."""
    path = Path(directory) / "gold.json"
    if not path.is_file():
        raise ValueError(f"{directory}: no gold.json (the evaluation needs gold annotations)")
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not JSON ({exc})") from exc
    if not isinstance(gold, dict):
        raise ValueError(f"{path}: expected a JSON object")
    shapes = {
        "events": dict,
        "storylines": dict,
        "discrepancies": list,
        "timeline": list,
        "shared_quotes": list,
        "non_discrepancies": list,
    }
    for key, shape in shapes.items():
        if key in gold and not isinstance(gold[key], shape):
            raise ValueError(f"{path}: '{key}' must be a JSON {'object' if shape is dict else 'list'}")
    if "events" not in gold:
        raise ValueError(f"{path}: no 'events' (which article belongs to which event)")
    for where, items, needed in (
        ("discrepancies", gold.get("discrepancies", []), ("kind", "sides")),
        ("timeline", gold.get("timeline", []), ("when", "articles")),
        ("shared_quotes", gold.get("shared_quotes", []), ("speaker", "articles")),
        ("non_discrepancies", gold.get("non_discrepancies", []), ("kind", "articles")),
    ):
        for n, item in enumerate(items):
            if not isinstance(item, dict) or any(k not in item for k in needed):
                raise ValueError(f"{path}: {where}[{n}] needs {', '.join(repr(k) for k in needed)}")
    return gold


def article_names(views: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Article id -> the name gold knows it by: the file name, or the JSONL ``id``."""
    return {a["id"]: Path(str(a["source_id"])).name for v in views for a in v["articles"]}


def read_views(db: str | Path) -> list[dict[str, Any]]:
    """Every live story of the store as ``storyline show STORY --json`` prints it."""

    store = open_store(db)
    try:
        events = store.list_stories(StoryQuery(limit=max(1, store.count_events()), order="size"))
        return [to_json(story_view(store, e.id)) for e in sorted(events, key=lambda e: e.id)]
    finally:
        store.close()


# -- scores --------------------------------------------------------------------------------------


def _reported_discrepancies(
    views: Iterable[Mapping[str, Any]], names: Mapping[str, str]
) -> list[dict[str, Any]]:
    """Each reported discrepancy once (a reversal shows in both events' views), with named sides."""
    seen: set[tuple[str, tuple[tuple[str, ...], ...]]] = set()
    out = []
    for v in views:
        for d in v.get("discrepancies", []):
            key = (d["kind"], tuple(sorted(tuple(sorted(s["articles"])) for s in d["sides"])))
            if key in seen:
                continue
            seen.add(key)
            out.append(
                {
                    "kind": d["kind"],
                    "about": d.get("about", ""),
                    "values": [s.get("value", "") for s in d["sides"]],
                    "sides": named_sides(d, names),
                }
            )
    return out


def score_discrepancies(
    views: Sequence[Mapping[str, Any]], gold: Mapping[str, Any], names: Mapping[str, str]
) -> dict[str, Any]:
    """Planted discrepancies found, extra reports, and look-alikes flagged."""
    reported = _reported_discrepancies(views, names)
    planted = [
        (g.get("id", f"#{n + 1}"), gold_kind(g["kind"]), [set(arts) for arts in g["sides"].values()])
        for n, g in enumerate(gold.get("discrepancies", []))
    ]
    per_gold = []
    for (gid, kind, sides), g in zip(planted, gold.get("discrepancies", []), strict=True):
        hit = next((d for d in reported if d["kind"] == kind and sides_match(d["sides"], sides)), None)
        per_gold.append({"id": gid, "kind": kind, "what": g.get("what", ""), "found": hit is not None})
    extra = [
        d
        for d in reported
        if not any(
            d["kind"] == kind and (sides_match(d["sides"], sides) or sides_consistent(d["sides"], sides))
            for _, kind, sides in planted
        )
    ]
    lookalikes = []
    for n in gold.get("non_discrepancies", []):
        arts = set(n["articles"])
        kind = LOOKALIKE_KIND.get(n["kind"], gold_kind(n["kind"]))
        flagged = []
        for d in reported:
            if d["kind"] != kind or any(
                d["kind"] == k and sides_consistent(d["sides"], s) for _, k, s in planted
            ):
                continue
            touching = [s for s in d["sides"] if s & arts]
            if len(touching) >= 2 and any(s <= arts for s in touching):
                flagged.append(d["about"])
        lookalikes.append({"kind": n["kind"], "what": n.get("what", ""), "flagged_by": flagged})
    return {
        "gold": per_gold,
        "found": sum(g["found"] for g in per_gold),
        "total": len(per_gold),
        "reported": len(reported),
        "extra": [
            {
                "kind": d["kind"],
                "about": d["about"],
                "values": d["values"],
                "sides": [sorted(s) for s in d["sides"]],
            }
            for d in extra
        ],
        "lookalikes": lookalikes,
        "lookalikes_flagged": sum(bool(x["flagged_by"]) for x in lookalikes),
    }


def score_timeline(
    views: Sequence[Mapping[str, Any]], gold: Mapping[str, Any], names: Mapping[str, str]
) -> dict[str, Any]:
    """Gold facts dated exactly right in a story holding their articles, and their sources cited."""
    members = [{names.get(a["id"], a["id"]) for a in v["articles"]} for v in views]
    per_gold = []
    for g in gold.get("timeline", []):
        want = set(g["articles"])
        entry: dict[str, Any] = {"when": g["when"], "what": g.get("what", ""), "gold_sources": len(want)}
        if not _DATE.fullmatch(str(g["when"])):
            per_gold.append(
                {**entry, "scorable": False, "found": False, "cited": [], "missing": sorted(want)}
            )
            continue
        cited: set[str] = set()
        for v, arts in zip(views, members, strict=True):
            if arts & want:
                for t in v.get("timeline", []):
                    if t["date"] == g["when"]:
                        cited |= {names.get(a, a) for a in t["articles"]}
        hits = cited & want
        per_gold.append(
            {
                **entry,
                "scorable": True,
                "found": bool(hits),
                "cited": sorted(hits),
                "missing": sorted(want - hits),
            }
        )
    scorable = [g for g in per_gold if g["scorable"]]
    storylines: dict[Any, set[tuple[str, str]]] = defaultdict(set)
    for v in views:
        for t in v.get("timeline", []):
            storylines[v.get("storyline_id")].add((t["date"], t.get("text", "")))
    return {
        "gold": per_gold,
        "found": sum(g["found"] for g in scorable),
        "total": len(scorable),
        "not_scorable": [g["when"] for g in per_gold if not g["scorable"]],
        "sources_cited": sum(len(g["cited"]) for g in scorable),
        "gold_sources": sum(g["gold_sources"] for g in scorable),
        "reported_entries": sum(len(s) for s in storylines.values()),
        "storylines": len(storylines),
    }


def score_quotes(
    views: Sequence[Mapping[str, Any]], gold: Mapping[str, Any], names: Mapping[str, str]
) -> dict[str, Any]:
    """Gold shared quotes attributed to their speaker and cited in all their (verbatim) articles."""
    # A storyline's quote is narrowed to each event's view: put it back together.
    merged: dict[tuple[Any, str | None, str], set[str]] = defaultdict(set)
    for v in views:
        for q in v.get("quotes", []):
            cited = {names.get(a, a) for a in [*q.get("articles", []), *q.get("paraphrased_in", [])]}
            merged[(v.get("storyline_id"), q.get("speaker"), q.get("text", ""))] |= cited
    per_gold = []
    for g in gold.get("shared_quotes", []):
        verbatim = set(g["articles"])
        everywhere = verbatim | set(g.get("translated_in", [])) | set(g.get("paraphrased_in", []))
        who = fold_name(g["speaker"])
        candidates = [arts for (_, speaker, _), arts in merged.items() if who and fold_name(speaker) == who]
        best = max(candidates, key=lambda arts: (len(arts & verbatim), len(arts & everywhere)), default=set())
        per_gold.append(
            {
                "speaker": g["speaker"],
                "quote": g.get("quote", ""),
                "attributed": bool(candidates),
                "found": bool(candidates) and verbatim <= best,
                "cited": sorted(best & everywhere),
                "missing": sorted(everywhere - best),
                "gold_articles": len(everywhere),
            }
        )
    return {
        "gold": per_gold,
        "found": sum(g["found"] for g in per_gold),
        "total": len(per_gold),
        "articles_cited": sum(len(g["cited"]) for g in per_gold),
        "gold_articles": sum(g["gold_articles"] for g in per_gold),
        "reported": len(merged),
        "attributed": sum(1 for (_, speaker, _) in merged if speaker),
    }


def score_clustering(
    views: Sequence[Mapping[str, Any]], gold: Mapping[str, Any], names: Mapping[str, str]
) -> dict[str, Any]:
    """B-cubed of the stored events and storylines over the gold articles.

    A gold article the pipeline did not keep (rejected, or a repeat of another)
    counts as alone in its own cluster, so it costs recall.
    """
    gold_event = {a: e for e, ev in gold["events"].items() for a in ev["articles"]}
    storyline_of = {e: s for s, st in gold.get("storylines", {}).items() for e in st.get("events", [])}
    event_of: dict[str, Any] = {}
    line_of: dict[str, Any] = {}
    for v in views:
        for a in v["articles"]:
            name = names.get(a["id"], a["id"])
            event_of[name], line_of[name] = v["id"], v.get("storyline_id")
    items = sorted(gold_event)
    missing = [a for a in items if a not in event_of]
    out: dict[str, Any] = {"articles": len(items), "missing": missing}
    pred_events = [event_of.get(a, ("missing", a)) for a in items]
    p, r, f1 = bcubed(pred_events, [gold_event[a] for a in items])
    out["events"] = {"p": p, "r": r, "f1": f1, "clusters": len(set(pred_events)), "gold": len(gold["events"])}
    if storyline_of:
        pred_lines = [line_of.get(a, ("missing", a)) for a in items]
        gold_lines = [storyline_of.get(gold_event[a], ("alone", gold_event[a])) for a in items]
        p, r, f1 = bcubed(pred_lines, gold_lines)
        out["storylines"] = {
            "p": p,
            "r": r,
            "f1": f1,
            "clusters": len(set(pred_lines)),
            "gold": len(set(gold_lines)),
        }
    return out


def score_views(views: Sequence[Mapping[str, Any]], gold: Mapping[str, Any]) -> dict[str, Any]:
    """Every score of this module over story views (as ``storyline show --json`` prints them)."""
    names = article_names(views)
    return {
        "stories": len(views),
        "discrepancies": score_discrepancies(views, gold, names),
        "timeline": score_timeline(views, gold, names),
        "quotes": score_quotes(views, gold, names),
        "clustering": score_clustering(views, gold, names),
    }


# -- end to end ----------------------------------------------------------------------------------


def evaluate_corpus(directory: Path, *, db: Path | None = None) -> dict[str, Any]:
    """Run the pipeline on ``directory`` and score what its stories show against its gold.json.

    ``db`` is the SQLite file to fill (kept afterwards); by default a temporary
    one.  It should start empty: articles already in it are skipped by the
    pipeline and stories of other corpora would be scored too.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise ValueError(f"{directory}: no such directory")
    gold = load_gold(directory)
    with tempfile.TemporaryDirectory(prefix="storyline-eval-") as tmp:
        store_path = Path(db) if db is not None else Path(tmp) / "eval.db"
        t0 = time.perf_counter()
        res = analyze([directory], db=store_path)
        t1 = time.perf_counter()
        views = read_views(store_path)
        t2 = time.perf_counter()
    result = score_views(views, gold)
    result.update(
        {
            "corpus": str(directory),
            "inputs": res.n_inputs,
            "added": len(res.added),
            "skipped": len(res.skipped),
            "rejected": [f"{p.origin}: {p.reason}" for p in res.problems],
            "seconds_pipeline": t1 - t0,
            "seconds_views": t2 - t1,
            "stage_seconds": dict(res.timings),
        }
    )
    return result


# -- report --------------------------------------------------------------------------------------


def _ratio(n: int, total: int) -> str:
    return f"{n}/{total}" + (f" ({100 * n / total:.0f}%)" if total else "")


def _short(text: str, width: int = 70) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _format_corpus(r: Mapping[str, Any]) -> list[str]:
    pad = " " * 17  # continuation lines line up under the first figure
    lines = [
        f"analysis evaluation: {r['corpus']}: {r['inputs']} inputs, {r['added']} articles stored, "
        f"{len(r['rejected'])} rejected, {r['stories']} stories"
    ]
    lines += [f"  rejected {p}" for p in r["rejected"]]
    cl = r["clustering"]
    for level in ("events", "storylines"):
        if level in cl:
            s = cl[level]
            lines.append(
                f"  {level:<15}B-cubed P {s['p']:.3f} R {s['r']:.3f} F1 {s['f1']:.3f} "
                f"({s['clusters']} predicted, {s['gold']} gold)"
            )
    if cl["missing"]:
        lines.append(f"    gold articles not stored: {', '.join(cl['missing'])}")

    d = r["discrepancies"]
    by_kind: dict[str, list[int]] = {}
    for g in d["gold"]:
        counts = by_kind.setdefault(g["kind"], [0, 0])
        counts[0] += g["found"]
        counts[1] += 1
    kinds = ", ".join(f"{k} {f}/{t}" for k, (f, t) in by_kind.items())
    lines.append(
        f"  discrepancies  planted found {_ratio(d['found'], d['total'])}" + (f": {kinds}" if kinds else "")
    )
    line = f"{pad}{d['reported']} reported (each once), {len(d['extra'])} extra"
    if d["lookalikes"]:
        line += f"; look-alikes flagged {d['lookalikes_flagged']}/{len(d['lookalikes'])}"
    lines.append(line)
    lines += [f"    missed {g['id']} {g['kind']}: {_short(g['what'])}" for g in d["gold"] if not g["found"]]
    lines += [
        f"    extra {x['kind']}: {_short(x['about'], 50)} | {' vs '.join(', '.join(s) for s in x['sides'])}"
        for x in d["extra"]
    ]
    lines += [
        f"    look-alike flagged ({x['kind']}): {_short(x['what'])}"
        for x in d["lookalikes"]
        if x["flagged_by"]
    ]

    t = r["timeline"]
    line = (
        f"  timeline       facts found {_ratio(t['found'], t['total'])}, "
        f"sources cited {_ratio(t['sources_cited'], t['gold_sources'])}"
    )
    if t["not_scorable"]:
        line += f"; not scorable: {', '.join(repr(w) for w in t['not_scorable'])}"
    lines.append(line)
    lines.append(f"{pad}{t['reported_entries']} entries reported in {t['storylines']} storylines")
    lines += [
        f"    missed {g['when']}: {_short(g['what'])}" for g in t["gold"] if g["scorable"] and not g["found"]
    ]

    q = r["quotes"]
    lines.append(
        f"  quotes         shared quotes found {_ratio(q['found'], q['total'])} "
        "(speaker and verbatim sources)"
    )
    lines.append(
        f"{pad}sources cited {_ratio(q['articles_cited'], q['gold_articles'])} with translations; "
        f"{q['reported']} quotes reported, {q['attributed']} with a speaker"
    )
    for g in q["gold"]:
        if not g["found"]:
            why = (
                "no quote given to this speaker"
                if not g["attributed"]
                else f"not cited in {', '.join(g['missing'])}"
            )
            lines.append(f"    missed {g['speaker']}: {_short(g['quote'], 50)} ({why})")
    stages = ", ".join(f"{k} {v:.1f}s" for k, v in r.get("stage_seconds", {}).items() if v >= 0.05)
    lines.append(
        f"  time           pipeline {r['seconds_pipeline']:.1f}s, reading views {r['seconds_views']:.1f}s"
    )
    if stages:
        lines.append(f"{pad}{stages}")
    return lines


def format_report(result: Mapping[str, Any]) -> str:
    """The report of one :func:`evaluate_corpus` result, or of a mapping name -> result."""
    if "corpus" in result:
        return "\n".join(_format_corpus(result))
    return "\n\n".join("\n".join(_format_corpus(r)) for r in result.values())
