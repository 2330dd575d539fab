"""``storyline eval pile --data PAIRS.csv``: a pile of real news, judged by pairs.

Every article of a SemEval-2022 Task 8 pair file goes into one fresh store
in one pile, through the real pipeline (extraction, embedding, clustering,
with no language given), as a user dropping a folder of news would do.  The
human pair judgements then say how the pile was grouped:

* same-story pairs (Overall <= SAME_STORY_MAX) that share an event, over all
  such pairs and over the cross-lingual ones alone, and that share a
  storyline;
* unrelated pairs (Overall >= UNRELATED_MIN) whose articles are in different
  storylines.

Pairs with an article the pipeline did not store are counted apart (and the
reasons reported), not scored: extraction's rejections are its own figure.
:func:`pile_scores` takes any partition, so cross-validation scores a pile
clustered from features directly with the same code.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.evaluation.similarity import load_pairs
from storyline.pipeline import ingest_documents
from storyline.store import open_store
from storyline.types import RawDocument

__all__ = [
    "SAME_STORY_MAX",
    "UNRELATED_MIN",
    "PilePair",
    "pile_pairs",
    "pile_scores",
    "evaluate",
    "format_report",
]

#: SemEval's Overall runs from 1 (same story) to 4 (unrelated); the task's
#: own reading of "same story" is the top band, averaged over annotators.
SAME_STORY_MAX = 1.5
UNRELATED_MIN = 3.5


@dataclass(frozen=True, slots=True)
class PilePair:
    a: str  # article id (from the pair id)
    b: str
    overall: float
    cross_lingual: bool


def pile_pairs(
    rows: Sequence[Mapping[str, Any]],
) -> tuple[dict[str, str], dict[str, str | None], list[PilePair]]:
    """(text by article id, language by article id, pairs) of SemEval rows.

    The article ids are the two halves of ``pair_id``; a row without one is
    given ids of its own (row number), so such files still load.
    """
    texts: dict[str, str] = {}
    langs: dict[str, str | None] = {}
    pairs = []
    for n, row in enumerate(rows):
        pid = str(row.get("pair_id") or "")
        a, sep, b = pid.partition("_")
        if not sep or not a or not b:
            a, b = f"row{n}a", f"row{n}b"
        texts.setdefault(a, row["text1"])
        texts.setdefault(b, row["text2"])
        langs.setdefault(a, row.get("lang1"))
        langs.setdefault(b, row.get("lang2"))
        l1, l2 = row.get("lang1"), row.get("lang2")
        pairs.append(PilePair(a, b, float(row["overall"]), bool(l1 and l2 and l1 != l2)))
    return texts, langs, pairs


def pile_scores(
    event_of: Mapping[str, Any], storyline_of: Mapping[str, Any], pairs: Sequence[PilePair]
) -> dict[str, Any]:
    """The pile's four shares (see the module docstring) over pairs whose both articles are placed."""
    placed = [p for p in pairs if p.a in event_of and p.b in event_of]
    same = [p for p in placed if p.overall <= SAME_STORY_MAX]
    cross = [p for p in same if p.cross_lingual]
    unrelated = [p for p in placed if p.overall >= UNRELATED_MIN]

    def share(sel: list[PilePair], hit: Any) -> float:
        return sum(1 for p in sel if hit(p)) / len(sel) if sel else float("nan")

    return {
        "pairs": len(pairs),
        "pairs_unplaced": len(pairs) - len(placed),
        "same_story_pairs": len(same),
        "cross_lingual_pairs": len(cross),
        "unrelated_pairs": len(unrelated),
        "same_story_same_event": share(same, lambda p: event_of[p.a] == event_of[p.b]),
        "cross_lingual_same_event": share(cross, lambda p: event_of[p.a] == event_of[p.b]),
        "same_story_same_storyline": share(same, lambda p: storyline_of[p.a] == storyline_of[p.b]),
        "unrelated_apart": share(unrelated, lambda p: storyline_of[p.a] != storyline_of[p.b]),
    }


def evaluate(path: Path) -> dict[str, Any]:
    """Feed every article of the pair file through the pipeline in one pile and score it."""
    rows = load_pairs(Path(path))
    texts, _, pairs = pile_pairs(rows)
    docs = [RawDocument(source_id=aid, origin=f"{path}:{aid}", text=text) for aid, text in texts.items()]
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "pile.db")
        try:
            res = ingest_documents(docs, store=store, batch_size=max(1, len(docs)), analyse=False)
            event_of: dict[str, Any] = {}
            storyline_of: dict[str, Any] = {}
            for row in store.iter_articles():
                if row["event_id"] is not None:
                    event_of[str(row["source_id"])] = row["event_id"]
                    storyline_of[str(row["source_id"])] = row["storyline_id"]
        finally:
            store.close()
    seconds = time.perf_counter() - t0
    reasons = Counter(reason for _, reason in res.skipped)
    reasons.update(str(getattr(p, "reason", p)) for p in res.problems)
    return {
        "data": str(path),
        "articles": len(docs),
        "stored": len(event_of),
        "rejected": len(docs) - len(event_of),
        "rejection_reasons": dict(reasons.most_common()),
        "events": len(set(event_of.values())),
        "storylines": len(set(storyline_of.values())),
        **pile_scores(event_of, storyline_of, pairs),
        "seconds": seconds,
    }


def format_report(result: dict[str, Any]) -> str:
    lines = [
        f"pile evaluation: {result['articles']} articles of {result['pairs']} judged pairs in one pile ({result['data']})",
        f"  stored {result['stored']}, rejected {result['rejected']}"
        + (
            " (" + ", ".join(f"{k}: {v}" for k, v in list(result["rejection_reasons"].items())[:5]) + ")"
            if result["rejection_reasons"]
            else ""
        )
        + f"; {result['events']} events, {result['storylines']} storylines",
        f"  pairs with an article not stored (not scored): {result['pairs_unplaced']}",
        f"  same-story pairs (Overall <= {SAME_STORY_MAX}) sharing an event: {result['same_story_same_event']:.3f}"
        f" of {result['same_story_pairs']}",
        f"    cross-lingual ones alone: {result['cross_lingual_same_event']:.3f} of {result['cross_lingual_pairs']}",
        f"  same-story pairs sharing a storyline: {result['same_story_same_storyline']:.3f}",
        f"  unrelated pairs (Overall >= {UNRELATED_MIN}) in different storylines: {result['unrelated_apart']:.3f}"
        f" of {result['unrelated_pairs']}",
        f"  time: {result['seconds']:.1f}s",
    ]
    return "\n".join(lines)
