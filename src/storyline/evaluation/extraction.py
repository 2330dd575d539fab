"""``storyline eval extraction``: how much article text we keep, and how little furniture.

Two evaluations:

* the article-extraction-benchmark (HTML pages with a reference
  ``articleBody``), scored with the benchmark's own metric -- precision and
  recall of word 4-gram shingles per page, each averaged over pages, F1 of
  the two averages -- for storyline and for plain trafilatura (default
  settings) in the same run.  ``articleBody`` excludes the headline, which we
  return separately as ``title``; so the title line is taken out of our
  text before scoring (the standfirst stays: it is article text for us);
* hand-labelled scraped text pages (``gold.json`` with, per file, the 1-based
  line numbers of article text under ``body``): precision/recall/F1 of the
  lines we keep, the wrong lines, and the agencies/outlet found.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..extraction import extract, extract_document
from ..types import KEPT_KINDS, RawDocument

__all__ = [
    "shingle_scores",
    "benchmark_metrics",
    "evaluate_benchmark",
    "evaluate_seeds",
    "format_report",
    "SHINGLE_N",
]

#: Shingle length of the benchmark's metric.
SHINGLE_N = 4
_TOKEN = re.compile(r"\w+", re.UNICODE)


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < SHINGLE_N:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + SHINGLE_N]) for i in range(len(tokens) - SHINGLE_N + 1))


def shingle_scores(reference: str, predicted: str) -> tuple[float, float]:
    """Per-page ``(precision, recall)`` of predicted shingles against the reference.

    Both empty counts as perfect; an empty prediction for a non-empty
    reference scores 0 (the benchmark's conventions).
    """
    ref, pred = _shingles(reference), _shingles(predicted)
    tp = sum((ref & pred).values())
    fp = sum((pred - ref).values())
    fn = sum((ref - pred).values())
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def benchmark_metrics(pairs: list[tuple[float, float]]) -> dict[str, float]:
    """Average precision and recall over pages; F1 of the averages."""
    if not pairs:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "pages": 0}
    p = statistics.fmean(x[0] for x in pairs)
    r = statistics.fmean(x[1] for x in pairs)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "pages": len(pairs)}


def _body_without_title(text: str, title: str | None) -> str:
    if not title:
        return text
    paras = text.split("\n\n")
    if paras and " ".join(paras[0].split()).casefold() == " ".join(title.split()).casefold():
        paras = paras[1:]
    return "\n\n".join(paras)


def _ours(html: str, url: str | None) -> str:

    ext = extract_document(RawDocument(source_id="-", origin="-", html=html, url=url))
    return _body_without_title(ext.text, ext.title)


def _plain_trafilatura(html: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def evaluate_benchmark(path: Path, *, limit: int | None = None) -> dict[str, Any]:
    """Score storyline and plain trafilatura on the benchmark at ``path``
    (``ground-truth.json`` + ``html/<id>.html.gz``)."""
    path = Path(path)
    truth_file = path / "ground-truth.json"
    if not truth_file.is_file():
        raise FileNotFoundError(f"{truth_file} not found")
    truth: dict[str, dict[str, Any]] = json.loads(truth_file.read_text(encoding="utf-8"))
    systems: dict[str, Callable[[str, str | None], str]] = {
        "storyline": _ours,
        "trafilatura": _plain_trafilatura,
    }
    pairs: dict[str, list[tuple[float, float]]] = {s: [] for s in systems}
    seconds = dict.fromkeys(systems, 0.0)
    worst: list[tuple[float, str, str]] = []
    missing = 0
    for key in sorted(truth)[:limit]:
        page = path / "html" / f"{key}.html.gz"
        if not page.is_file():
            page = path / "html" / f"{key}.html"
        if not page.is_file():
            missing += 1
            continue
        data = page.read_bytes()
        html = (gzip.decompress(data) if page.suffix == ".gz" else data).decode("utf-8", errors="replace")
        ref = str(truth[key].get("articleBody") or "")
        url = truth[key].get("url")
        for name, fn in systems.items():
            t0 = time.perf_counter()
            pred = fn(html, url)
            seconds[name] += time.perf_counter() - t0
            pr = shingle_scores(ref, pred)
            pairs[name].append(pr)
            if name == "storyline":
                f1 = 2 * pr[0] * pr[1] / (pr[0] + pr[1]) if pr[0] + pr[1] else 0.0
                worst.append((f1, key, str(url or "")))
    worst.sort()
    return {
        "systems": {
            name: {**benchmark_metrics(pairs[name]), "seconds": round(seconds[name], 2)} for name in systems
        },
        "missing_pages": missing,
        "worst_pages": [{"id": k, "url": u, "f1": round(f, 3)} for f, k, u in worst[:10]],
        "note": "storyline text scored without its title line (articleBody excludes the headline); "
        "trafilatura.extract with default settings",
    }


def evaluate_seeds(path: Path) -> dict[str, Any]:
    """Line-level scores on hand-labelled scraped pages (``gold.json``)."""
    path = Path(path)
    gold_file = path / "gold.json"
    if not gold_file.is_file():
        raise FileNotFoundError(f"{gold_file} not found")
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    articles: dict[str, Any] = gold.get("articles", gold)
    tp = fp = fn = 0
    wrong: list[dict[str, Any]] = []
    pages: list[dict[str, Any]] = []
    for name in sorted(articles):
        g = articles[name]
        f = path / name
        if not f.is_file() or "body" not in g or f.suffix.lower() in (".html", ".htm"):
            continue  # line labels only make sense for scraped text pages
        ext = extract(f.read_text(encoding="utf-8", errors="replace"), source_id=name)
        body = set(g.get("body") or [])
        furniture_kinds = {
            **dict.fromkeys(g.get("captions") or [], "caption"),
            **dict.fromkeys(g.get("credit_lines") or [], "credit"),
            **dict.fromkeys(g.get("boilerplate") or [], "boilerplate"),
        }
        for ln in ext.lines:
            kept = ln.kind in KEPT_KINDS
            should = ln.n in body
            if kept and should:
                tp += 1
            elif kept or should:
                fp += kept
                fn += should
                wrong.append(
                    {
                        "file": name,
                        "n": ln.n,
                        "ours": ln.kind,
                        "gold": "body" if should else furniture_kinds.get(ln.n, "not text"),
                        "text": ln.text.strip()[:160],
                    }
                )
        pages.append(
            {
                "file": name,
                "agencies": ext.agencies,
                "gold_agencies": g.get("agencies") or [],
                "outlet": ext.outlet,
                "gold_outlet": g.get("outlet"),
                "title": ext.title,
                "published": ext.published,
                "language": ext.language,
            }
        )
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "lines": {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn},
        "wrong_lines": wrong,
        "pages": pages,
    }


def format_report(result: dict[str, Any]) -> str:
    """Plain-text report of :func:`evaluate_benchmark` / :func:`evaluate_seeds` results
    (``{"benchmark": ..., "seeds": ...}``, either may be absent)."""
    out: list[str] = []
    bench = result.get("benchmark")
    if bench:
        out.append("Article-extraction benchmark (word 4-gram shingles, averaged over pages)")
        out.append(f"  {'system':<12} {'precision':>9} {'recall':>7} {'F1':>7} {'pages':>6} {'seconds':>8}")
        for name, m in bench["systems"].items():
            out.append(
                f"  {name:<12} {m['precision']:>9.4f} {m['recall']:>7.4f} {m['f1']:>7.4f} "
                f"{m['pages']:>6} {m['seconds']:>8.1f}"
            )
        if bench.get("missing_pages"):
            out.append(f"  ({bench['missing_pages']} pages missing)")
        out.append(f"  note: {bench.get('note', '')}")
        if bench.get("worst_pages"):
            out.append("  lowest-F1 pages (storyline):")
            out.extend(f"    {w['f1']:.3f}  {w['id'][:12]}  {w['url'][:90]}" for w in bench["worst_pages"])
    seeds = result.get("seeds")
    if seeds:
        if out:
            out.append("")
        m = seeds["lines"]
        out.append("Labelled scraped pages (lines kept as article text)")
        out.append(
            f"  precision {m['precision']:.4f}  recall {m['recall']:.4f}  F1 {m['f1']:.4f}  "
            f"(tp {m['tp']}, fp {m['fp']}, fn {m['fn']})"
        )
        for p in seeds["pages"]:
            out.append(
                f"  {p['file']}: agencies {p['agencies']} (gold {p['gold_agencies']}), "
                f"outlet {p['outlet']!r} (gold {p['gold_outlet']!r}), published {p['published']}"
            )
        if seeds["wrong_lines"]:
            out.append("  wrong lines:")
            for w in seeds["wrong_lines"]:
                out.append(f"    {w['file']}:{w['n']} ours={w['ours']} gold={w['gold']}  {w['text'][:90]}")
        else:
            out.append("  wrong lines: none")
    return "\n".join(out)
