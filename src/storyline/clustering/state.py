"""Persistent state of events: what the store saves between runs.

An :class:`EventState` is the summary the online clusterer needs to keep
assigning articles to an event without re-reading them: the mean embedding,
the article count and, in ``features``, document frequencies of entity keys,
numbers and years, the publication range, languages and outlets.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from storyline.nlp.encoder import DIM

__all__ = ["EventState", "StorylineState"]


@dataclass(slots=True)
class EventState:
    """One event as stored.

    ``centroid`` is the *mean* (not re-normalised) of the member articles'
    unit vectors, so ``centroid * n`` is their sum and merging or adding
    articles stays exact across runs.
    """

    id: int
    storyline_id: int
    centroid: np.ndarray
    n: int
    title: str = ""
    features: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        vec = np.asarray(self.centroid, dtype=np.float32).reshape(-1)
        if vec.shape != (DIM,):
            raise ValueError(f"event {self.id}: centroid must have {DIM} values, got {vec.size}")
        if not np.all(np.isfinite(vec)):
            raise ValueError(f"event {self.id}: centroid contains NaN or infinity")
        if self.n < 1:
            raise ValueError(f"event {self.id}: n must be >= 1, got {self.n}")
        self.centroid = vec

    def to_row(self) -> dict[str, Any]:
        """Column values for the store: centroid as float32 bytes, features as JSON text."""
        return {
            "id": self.id,
            "storyline_id": self.storyline_id,
            "centroid": self.centroid.astype("<f4").tobytes(),
            "n": self.n,
            "title": self.title,
            "features": json.dumps(self.features, ensure_ascii=False, sort_keys=True),
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> EventState:
        try:
            raw = row["centroid"]
            centroid = (
                np.frombuffer(raw, dtype="<f4").copy()
                if isinstance(raw, bytes | bytearray | memoryview)
                else np.asarray(raw, dtype=np.float32)
            )
            features = row.get("features") or {}
            if isinstance(features, str | bytes):
                features = json.loads(features)
            if not isinstance(features, dict):
                raise ValueError("features must be a JSON object")
            return cls(
                id=int(row["id"]),
                storyline_id=int(row["storyline_id"]),
                centroid=centroid,
                n=int(row["n"]),
                title=str(row.get("title") or ""),
                features=features,
            )
        except (KeyError, TypeError, json.JSONDecodeError) as exc:
            raise ValueError(f"malformed event row: {exc}") from exc


@dataclass(slots=True)
class StorylineState:
    """A storyline: the events of one ongoing matter."""

    id: int
    event_ids: list[int] = field(default_factory=list)
    title: str = ""

    @classmethod
    def from_events(cls, events: list[EventState]) -> list[StorylineState]:
        """Group events by storyline; the title is that of the storyline's largest event."""
        groups: dict[int, list[EventState]] = {}
        for e in events:
            groups.setdefault(e.storyline_id, []).append(e)
        out = []
        for sid, evs in sorted(groups.items()):
            biggest = max(evs, key=lambda e: (e.n, -e.id))
            out.append(cls(id=sid, event_ids=sorted(e.id for e in evs), title=biggest.title))
        return out


def counter_of(d: Any) -> Counter[str]:
    """A Counter from a JSON object of counts, ignoring malformed entries."""
    out: Counter[str] = Counter()
    if isinstance(d, dict):
        for k, v in d.items():
            if isinstance(v, int | float) and v > 0:
                out[str(k)] = int(v)
    return out
