"""A test seam for crash recovery: make the process kill itself (SIGKILL, as
``kill -9`` would) at a named point of a run.

``STORYLINE_CRASH_AT=point:N`` kills the process the N-th time the run passes
``point``; unset (always, outside the reliability tests) :func:`checkpoint`
is one dictionary lookup.  Points:

* ``article`` -- after an article is written inside its batch's transaction
  (the batch is not committed yet);
* ``batch`` -- after a batch is committed, before the next one;
* ``story`` -- after a storyline's views are stored, during analysis.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

__all__ = ["CRASH_ENV", "checkpoint"]

CRASH_ENV = "STORYLINE_CRASH_AT"
_passed: Counter[str] = Counter()


def checkpoint(point: str) -> None:
    """Kill this process here when ``$STORYLINE_CRASH_AT`` names this pass of ``point``."""
    spec = os.environ.get(CRASH_ENV)
    if not spec:
        return
    name, _, count = spec.partition(":")
    if name != point:
        return
    _passed[point] += 1
    if _passed[point] >= int(count or 1):
        os.kill(os.getpid(), signal.SIGKILL)
