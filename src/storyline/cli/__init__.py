"""Command-line interface.  Commands parse options and call plain library
functions; nothing here computes anything itself.

Exit codes: 0 success; 1 error (bad database, unknown id); 2 usage error;
3 the run went on but some inputs were rejected (listed on stderr);
``check`` exits 1 when the store breaks an invariant it did not repair.
"""

from __future__ import annotations

import sys

from threadpoolctl import threadpool_limits

# Importing the command modules registers them on ``app``.
from . import check as _check  # noqa: F401
from . import commands as _commands  # noqa: F401
from . import evaluate as _evaluate  # noqa: F401
from . import follow as _follow  # noqa: F401
from . import reanalyse as _reanalyse  # noqa: F401
from . import web as _web  # noqa: F401
from .app import EXIT_REJECTED, app

__all__ = ["app", "main", "EXIT_REJECTED"]


def main() -> None:
    try:
        # Evaluations multiply small matrices, which OpenBLAS's thread pool
        # slows down on a busy machine (see pipeline.BLAS_THREADS).
        with threadpool_limits(limits=1, user_api="blas"):
            app()
    except BrokenPipeError:  # `storyline export | head`
        sys.stderr.close()
