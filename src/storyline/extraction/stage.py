"""Stage 2, extract: page furniture out, article text and metadata in.

Reads ``Batch.raws``; writes ``Batch.extractions`` (one per raw, in order).
Its state is the furniture memory: lines that recur across an outlet's
pages, learnt from each batch before it is extracted and kept across runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Models
from ..types import Batch, Extraction, RawDocument
from . import extract_document, learn_furniture
from .furniture import FurnitureMemory

__all__ = ["ExtractState", "run"]


@dataclass(slots=True)
class ExtractState:
    furniture: FurnitureMemory = field(default_factory=FurnitureMemory)


def run(batch: Batch, state: ExtractState, *, models: Models) -> tuple[Batch, None]:
    del models  # (extraction uses no model but the language identifier, loaded by nlp.language)
    state.furniture = learn_furniture(batch.raws, state.furniture)
    batch.extractions = [_extract_one(raw, state.furniture) for raw in batch.raws]
    return batch, None


def _extract_one(raw: RawDocument, furniture: FurnitureMemory) -> Extraction:
    """One input's extraction; a failure on it is that input's rejection
    (an empty extraction with the reason, which identify reports), never the batch's."""
    try:
        return extract_document(raw, furniture=furniture)
    except Exception as exc:  # noqa: BLE001 -- per-record isolation
        return Extraction(reason=f"cannot extract ({type(exc).__name__}: {str(exc)[:120]})")
