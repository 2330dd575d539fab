"""Shared fixtures.

The public evaluation data lives outside the repository in ``../shared/data``
(it is not ours to redistribute); tests that need it skip with a clear message
when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

#: The hand-built store fixture (``filled_db``) the store and web tests share, and the
#: local HTTP server (``site``) the fetch and follow tests serve feeds and pages from.
pytest_plugins = ["filled_store", "local_site"]

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STORYLINE_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED} (set STORYLINE_SHARED_DATA)")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_data: Path) -> Path:
    d = shared_data / "seeds"
    if not d.is_dir():
        pytest.skip(f"seeds not found at {d}")
    return d


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return REPO / "examples"


class EarlyArrival:
    """A stream that makes the online clusterer misplace an article, then lets it recover.

    Batch 1: four articles of event Y and a lone, undated article x0 of
    another event X, close enough to Y to be attached to it (nothing better
    exists yet); batch 2: X's four other articles, which form X.  Vectors are
    synthetic: ``mix`` along axis 0 (Y's direction), the rest along axis 1.
    """

    def __init__(self) -> None:
        self.rng = np.random.default_rng(0)

    def article(self, aid: str, mix: float, **kw: object):  # type: ignore[no-untyped-def]
        from storyline.clustering.features import ArticleFeatures
        from storyline.nlp.encoder import DIM

        v = np.zeros(DIM, dtype=np.float32)
        v[0], v[1] = mix, (1 - mix * mix) ** 0.5
        v += self.rng.normal(0, 0.012, DIM).astype(np.float32)
        return ArticleFeatures(id=aid, vector=v / np.linalg.norm(v), **kw)  # type: ignore[arg-type]

    def y_articles(self, n: int) -> list:
        return [self.article(f"y{i}", 1.0, entities={"y leader": 2, "y city": 1}, words={"yword": 2},
                             years=frozenset({2025})) for i in range(n)]  # fmt: skip

    def __call__(self, recent: int | None = None) -> tuple:
        """(clusterer after batch 1, batch 1's assignments, batch 2's articles)."""
        from storyline.clustering.online import OnlineClusterer

        batch1 = [*self.y_articles(4), self.article("x0", 0.9, entities={"x leader": 1}, words={"xword": 1})]
        batch2 = [self.article(f"x{i}", 0.5, entities={"x leader": 2, "x city": 1, f"x{i}": 1},
                               words={"xword": 2, "xthing": 1}, years=frozenset({2024})) for i in range(1, 5)]  # fmt: skip
        clusterer = OnlineClusterer(recent=recent)
        first = clusterer.assign(batch1)
        clusterer.take_changes()  # (as the store does after saving batch 1)
        return clusterer, first, batch2


@pytest.fixture
def early_arrival() -> EarlyArrival:
    return EarlyArrival()
