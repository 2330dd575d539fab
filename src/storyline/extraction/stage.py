"""Stage 2, extract: page furniture out, article text and metadata in.

Reads ``Batch.raws``; writes ``Batch.extractions`` (one per raw, in order).
Its state is the furniture memory: lines that recur across an outlet's
pages, learnt from each batch before it is extracted and kept across runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Models
from ..types import Batch
from . import extract_document, learn_furniture
from .furniture import FurnitureMemory

__all__ = ["ExtractState", "run"]


@dataclass(slots=True)
class ExtractState:
    furniture: FurnitureMemory = field(default_factory=FurnitureMemory)


def run(batch: Batch, state: ExtractState, *, models: Models) -> tuple[Batch, None]:
    del models  # (extraction uses no model but the language identifier, loaded by nlp.language)
    state.furniture = learn_furniture(batch.raws, state.furniture)
    batch.extractions = [extract_document(raw, furniture=state.furniture) for raw in batch.raws]
    return batch, None
