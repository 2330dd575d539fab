"""``storyline eval extraction --pile FILE``: does every real article get in?

A monitoring tool that silently drops a fifth of its input is broken however
clean the rest is.  This feeds a pile of real texts through extraction, as a
user's inputs would arrive, and reports what was rejected (each rejection
with its reason) and how much of each kept text survived:

* a SemEval-2022 Task 8 pair CSV (``text1``/``text2`` columns): each distinct
  text as a scraped page;
* a JSONL of records (``{id, text, ...}``, the ECB+ dev format): each record
  as a structured record, then reduced to its headline (its first line that
  is not only a date, :func:`headline_of`) given both as a one-line scraped
  text and as a ``title``-only record, and as an RSS-style item (``title`` =
  the headline, ``description`` = the next one or two sentences).

Word counts are script-aware (:func:`storyline.extraction.shape.word_count`).
"""

from __future__ import annotations

import csv
import json
import statistics
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..extraction import extract_document
from ..extraction.cues import is_date_only
from ..extraction.shape import word_count
from ..nlp.sentences import split_sentences
from ..records import record_to_document
from ..types import InputProblem, RawDocument

__all__ = ["headline_of", "pile_documents", "evaluate_pile", "format_pile_report"]

#: Rejections listed in the text report per view (all are in the JSON).
SHOWN_REJECTIONS = 40


def _semeval_texts(path: Path) -> Iterator[tuple[str, str]]:
    csv.field_size_limit(sys.maxsize)
    seen: set[str] = set()
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or not {"pair_id", "text1", "text2"} <= set(reader.fieldnames):
            raise ValueError(f"{path}: expected a SemEval-2022 Task 8 CSV (pair_id, text1, text2 columns)")
        for row in reader:
            ids = row["pair_id"].split("_")
            if len(ids) != 2:
                raise ValueError(f"{path}: pair_id {row['pair_id']!r} is not ID1_ID2")
            for sid, text in zip(ids, (row["text1"], row["text2"]), strict=True):
                if sid not in seen and (text or "").strip():
                    seen.add(sid)
                    yield sid, text


def _records(path: Path) -> list[dict[str, Any]]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from exc
            if not isinstance(rec, dict):
                raise ValueError(f"{path}:{n}: not a JSON object")
            rec.setdefault("id", f"{path.name}:{n}")
            out.append(rec)
    return out


def headline_of(text: str) -> tuple[str, str]:
    """A record's headline -- its first non-blank line that is not only a
    date or a time stamp (ECB+ pages often open with one) -- and what follows."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    for i, ln in enumerate(lines):
        if not is_date_only(ln):
            return ln, " ".join(lines[i + 1 :])
    return "", ""


def pile_documents(path: Path) -> dict[str, list[tuple[RawDocument | InputProblem, str]]]:
    """Each view of a pile: (document or ingest problem, original text) per input."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    if path.suffix.lower() == ".csv":
        docs: list[tuple[RawDocument | InputProblem, str]] = [
            (RawDocument(source_id=sid, origin=sid, text=t), t) for sid, t in _semeval_texts(path)
        ]
        return {"scraped texts": docs}
    views: dict[str, list[tuple[RawDocument | InputProblem, str]]] = {
        "records": [],
        "headlines as scraped text": [],
        "headlines as title-only records": [],
        "RSS-style title + description": [],
    }
    for rec in _records(path):
        rid = str(rec["id"])
        body = rec.get("text")
        text = body if isinstance(body, str) else ""
        views["records"].append((record_to_document(rec, origin=rid, default_id=rid), text))
        head, rest = headline_of(text)
        if not head:
            continue
        views["headlines as scraped text"].append((RawDocument(source_id=rid, origin=rid, text=head), head))
        views["headlines as title-only records"].append(
            (record_to_document({"id": rid, "title": head}, origin=rid, default_id=rid), head)
        )
        snippet = " ".join(split_sentences(rest)[:2])
        item = {"id": rid, "title": head, "description": snippet}
        views["RSS-style title + description"].append(
            (record_to_document(item, origin=rid, default_id=rid), head + "\n" + snippet)
        )
    return views


def _evaluate_view(items: Iterable[tuple[RawDocument | InputProblem, str]]) -> dict[str, Any]:
    rejected: list[dict[str, str]] = []
    shares: list[float] = []
    warnings: Counter[str] = Counter()
    short = 0
    total = 0
    for doc, original in items:
        total += 1
        if isinstance(doc, InputProblem):
            rejected.append({"id": doc.origin, "reason": doc.reason})
            continue
        ext = extract_document(doc)
        if not ext.text.strip():
            rejected.append({"id": doc.source_id, "reason": ext.reason or "no article text"})
            continue
        short += ext.short
        for w in ext.warnings:
            warnings[w.split(":")[0]] += 1
        shares.append(min(1.0, word_count(ext.text) / max(1, word_count(original))))
    reasons = Counter(r["reason"].split(":")[0].split(" (")[0] for r in rejected)
    return {
        "inputs": total,
        "rejected": len(rejected),
        "rejected_share": len(rejected) / total if total else 0.0,
        "rejections": rejected,
        "rejection_kinds": dict(reasons.most_common()),
        "kept_word_share_median": statistics.median(shares) if shares else 0.0,
        "kept_word_share_mean": statistics.fmean(shares) if shares else 0.0,
        "kept_under_half": sum(s < 0.5 for s in shares),
        "short": short,
        "warnings": dict(warnings.most_common()),
    }


def evaluate_pile(path: Path) -> dict[str, Any]:
    """Rejections and kept-word shares of every view of ``path`` (see the module docstring)."""
    return {"data": str(path), "views": {name: _evaluate_view(items) for name, items in pile_documents(path).items()}}


def format_pile_report(result: dict[str, Any]) -> str:
    lines = [f"Pile ({result['data']}): what gets in"]
    for name, v in result["views"].items():
        lines.append(
            f"  {name}: {v['inputs']} inputs, {v['rejected']} rejected ({100 * v['rejected_share']:.2f}%); "
            f"words kept per text: median {v['kept_word_share_median']:.3f}, mean {v['kept_word_share_mean']:.3f}, "
            f"{v['kept_under_half']} under half; {v['short']} short"
        )
        if v["warnings"]:
            lines.append("    kept with a warning: " + ", ".join(f"{k} {n}" for k, n in v["warnings"].items()))
        for r in v["rejections"][:SHOWN_REJECTIONS]:
            lines.append(f"    rejected {r['id']}: {r['reason']}")
        if len(v["rejections"]) > SHOWN_REJECTIONS:
            lines.append(f"    ... and {len(v['rejections']) - SHOWN_REJECTIONS} more (--json lists them all)")
    return "\n".join(lines)
