"""Shared fixtures.

The public evaluation data lives outside the repository in ``../shared/data``
(it is not ours to redistribute); tests that need it skip with a clear message
when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
