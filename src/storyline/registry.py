"""The pipeline's stages, declared in one place: the list the orchestrator walks.

Every stage but the first and the store is a function of one signature,
``run(batch, state, *, models) -> (batch, outcome)``, pure over its records
and the explicit state it is handed (the attribute of the run's state named
``state``; None for a stateless stage); ``outcome`` is None unless the stage
changed something the store must persist.  ``scope`` says what a stage runs
over:

* ``input``: reads paths into documents (``storyline.ingest.read_inputs``);
* ``batch``: one batch of documents (:class:`storyline.types.Batch`), in order;
* ``persist``: the store writes the batch and the outcomes
  (``persist(batch, outcome, store)``);
* ``storyline``: after every batch, once per storyline the batches touched
  (:class:`storyline.types.StoryBatch`).

``storyline stages --markdown`` prints the stage table of
``docs/architecture.md`` (a test fails when the two differ), and every stage
module's docstring opens with its number and name here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import embedding, identify, ingest
from .analysis import facts as facts_stage
from .analysis import stage as analyse_stage
from .clustering import stage as cluster_stage
from .dedup import stage as dedup_stage
from .extraction import stage as extract_stage
from .provenance import stage as provenance_stage
from .store import persist as store_persist

__all__ = ["Stage", "STAGES", "stage", "batch_stages", "storyline_stages", "markdown_table", "SCOPES"]

SCOPES = ("input", "batch", "persist", "storyline")


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    scope: str  # one of SCOPES
    run: Callable[..., Any]
    state: str | None  # the run state's attribute this stage is given
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    doc: str

    @property
    def module(self) -> str:
        return f"{self.run.__module__}:{self.run.__name__}"


STAGES: tuple[Stage, ...] = (
    Stage("ingest", "input", ingest.read_inputs, None,
          ("paths, stdin",), ("RawDocument", "InputProblem"),
          "read .txt/.html/.jsonl files, directories and stdin; decode bytes"),
    Stage("extract", "batch", extract_stage.run, "extract",
          ("Batch.raws",), ("Batch.extractions",),
          "repair encodings, drop page furniture, find title, agencies, outlet, date, language"),
    Stage("identify", "batch", identify.run, "identify",
          ("Batch.raws", "Batch.extractions"), ("Batch.articles", "Batch.problems", "Batch.skipped"),
          "one article per new publication: ids, language, sentences, date; known ones skipped"),
    Stage("embed", "batch", embedding.run, None,
          ("Batch.articles",), ("Batch.sentence_vectors", "Batch.article_vectors"),
          "embed every sentence and title (multilingual USE)"),
    Stage("dedup", "batch", dedup_stage.run, "dedup",
          ("Batch.articles",), ("Batch.minhashes", "Batch.duplicate_of"),
          "MinHash signatures, LSH lookup of copies across the store"),
    Stage("cluster", "batch", cluster_stage.run, "cluster",
          ("Batch.articles", "Batch.article_vectors", "Batch.sentence_vectors"),
          ("Article.event_id", "Article.storyline_id", "ClusterOutcome"),
          "assign each article to an event and a storyline; split reversals"),
    Stage("facts", "batch", facts_stage.run, "analyse",
          ("Batch.articles",), ("Batch.facts",),
          "per-article facts kept for analysis: NER mentions per sentence, quantities (versioned)"),
    Stage("store", "persist", store_persist.persist, None,
          ("Batch", "ClusterOutcome"), ("database rows",),
          "the batch in one transaction: merges, articles with their events, moves, pending analyses"),
    Stage("provenance", "storyline", provenance_stage.run, None,
          ("StoryBatch.articles", "StoryBatch.sentence_vectors"),
          ("StoryBatch.relations", "StoryBatch.original_share"),
          "who copied whom inside each event: copies, rewrites, translations"),
    Stage("analyse", "storyline", analyse_stage.run, "analyse",
          ("StoryBatch",), ("StoryBatch.views", "StoryBatch.new_facts"),
          "entities, quotes, quantities, timeline, summary, discrepancies per event"),
)  # fmt: skip


def stage(name: str) -> Stage:
    for s in STAGES:
        if s.name == name:
            return s
    raise KeyError(name)


def batch_stages() -> list[Stage]:
    return [s for s in STAGES if s.scope == "batch"]


def storyline_stages() -> list[Stage]:
    return [s for s in STAGES if s.scope == "storyline"]


def markdown_table() -> str:
    """The stage table of ``docs/architecture.md``, from this registry."""
    rows = [
        "| # | stage | runs over | function | state | reads | writes | does |",
        "|---|-------|-----------|----------|-------|-------|--------|------|",
    ]
    for i, s in enumerate(STAGES, start=1):
        rows.append(
            f"| {i} | {s.name} | {s.scope} | `{s.module}` | {s.state or '—'} | "
            f"{', '.join(s.reads)} | {', '.join(s.writes)} | {s.doc} |"
        )
    return "\n".join(rows)
