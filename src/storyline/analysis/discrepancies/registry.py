"""The detectors of discrepancies, registered in one place with one signature.

Every detector is a function ``detect(ctx) -> list[Discrepancy]`` over a
:class:`DetectContext` (the storyline's articles and aligned sentences, and
what the analysis already extracted from them).  The built-in detectors
register themselves with :func:`detector` when their module is imported,
exactly as a plugin does; a package can add its own with the same decorator,
or through the ``storyline.detectors`` entry-point group (each entry point
names a module whose import registers its detectors).  Detectors run by
their ``order`` (the built-ins take 10-80, others run after them unless they
say otherwise) and see what the earlier ones found (``ctx.found``), so a
later one can leave out what an earlier one reported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from storyline.nlp.alignment import Story
from storyline.nlp.claims import Claim
from storyline.nlp.encoder import Encoder
from storyline.nlp.ner import Mention
from storyline.types import Discrepancy, Quantity, Quote

if TYPE_CHECKING:  # (numbers registers a detector here: importing it at run time would be a cycle)
    from storyline.analysis.discrepancies.numbers import QuantityVectors

__all__ = ["DetectContext", "Detector", "detector", "detectors", "ENTRY_POINT_GROUP", "DEFAULT_ORDER"]

#: Entry-point group of third-party detector modules.
ENTRY_POINT_GROUP = "storyline.detectors"


@dataclass(slots=True)
class DetectContext:
    """What a detector reads: one storyline's aligned sentences and extractions."""

    story: Story
    mentions: dict[str, list[list[Mention]]]  # article id -> NER mentions per sentence
    claims: list[Claim]
    quantities: list[Quantity]
    quotes: list[Quote]
    encoder: Encoder  # for the detectors that embed phrases of their own
    quantity_vectors: QuantityVectors | None = None
    found: list[Discrepancy] = field(default_factory=list)  # reported by the detectors before this one


Detector = Callable[[DetectContext], list[Discrepancy]]
#: Run position of a detector registered without one: after the built-ins.
DEFAULT_ORDER = 100
_DETECTORS: dict[str, tuple[int, int, Detector]] = {}  # name -> (order, registration number, detector)
_plugins_loaded = False


def detector(name: str, *, order: int = DEFAULT_ORDER) -> Callable[[Detector], Detector]:
    """Register a function as the detector ``name``; detectors run by ``order``,
    then in registration order (registering a name again replaces it)."""

    def register(fn: Detector) -> Detector:
        _DETECTORS[name] = (order, len(_DETECTORS), fn)
        return fn

    return register


def detectors() -> list[tuple[str, Detector]]:
    """Every registered detector, in the order they run (plugins loaded on first call)."""
    global _plugins_loaded
    if not _plugins_loaded:
        _plugins_loaded = True
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            import_module(ep.value)
    return [(name, fn) for name, (_o, _n, fn) in sorted(_DETECTORS.items(), key=lambda kv: kv[1][:2])]
