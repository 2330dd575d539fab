"""The models a run passes to its stages.

Stages never load or fetch a model themselves: the orchestrator (or any
caller) builds one :class:`Models` and hands it to every stage, so a stage
runs the same inside a test, a web request or a Spark partition.  spaCy and
natasha pipelines are loaded lazily, once per process, by
:mod:`storyline.nlp.ner` when a language first needs them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .nlp.encoder import Encoder, get_encoder

__all__ = ["Models"]


@dataclass(frozen=True, slots=True)
class Models:
    encoder: Encoder  # multilingual sentence embeddings

    @classmethod
    def default(cls) -> Models:
        """The shipped models (the USE encoder, loaded once per process)."""
        return cls(encoder=get_encoder())
