"""The pipeline's stages, declared in one place.

Each entry says what a stage reads and writes; the orchestrator walks them in
this order, times each one and the benchmark reports the split.  A stage's
function is resolved lazily (by dotted path) so importing the registry loads
no model.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["Stage", "STAGES", "stage", "resolve"]


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    target: str  # "module:function"
    doc: str


STAGES: tuple[Stage, ...] = (
    Stage(
        "ingest",
        ("paths",),
        ("RawDocument", "InputProblem"),
        "storyline.ingest:read_inputs",
        "read files, directories, JSONL and stdin",
    ),
    Stage(
        "extract",
        ("RawDocument",),
        ("Extraction",),
        "storyline.extraction:extract_document",
        "label lines, drop page furniture, find title/agencies/outlet/date",
    ),
    Stage(
        "language",
        ("Extraction.text",),
        ("Article.language",),
        "storyline.nlp.language:identify",
        "identify the language when the input does not state it",
    ),
    Stage(
        "identify",
        ("Extraction.text",),
        ("Article.id",),
        "storyline.identity:article_id",
        "hash the normalised text; skip articles already stored",
    ),
    Stage(
        "embed",
        ("Article",),
        ("sentence vectors", "article vector"),
        "storyline.embedding:get_encoder",
        "split sentences and embed them (multilingual USE)",
    ),
    Stage(
        "dedup",
        ("Article.text",),
        ("minhash", "duplicate_of"),
        "storyline.dedup.minhash:MinHasher",
        "MinHash signatures, LSH lookup of near-duplicates across the store",
    ),
    Stage(
        "cluster",
        ("article vector", "ArticleFeatures", "EventState"),
        ("Article.event_id", "EventState"),
        "storyline.clustering.online:OnlineClusterer",
        "assign each article to an event and a storyline",
    ),
    Stage(
        "store",
        ("Article", "EventState"),
        ("database rows",),
        "storyline.store:open_store",
        "one transaction per article with its event rows",
    ),
    Stage(
        "analyse",
        ("articles of a storyline", "sentence vectors"),
        ("StoryAnalysis",),
        "storyline.analysis.story:analyse_storyline",
        "provenance, entities, quotes, quantities, timeline, summary, discrepancies",
    ),
)


def stage(name: str) -> Stage:
    for s in STAGES:
        if s.name == name:
            return s
    raise KeyError(name)


def resolve(name: str) -> Callable[..., Any]:
    module, _, attr = stage(name).target.partition(":")
    return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]
