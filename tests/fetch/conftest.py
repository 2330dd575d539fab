"""The fetch tests' local HTTP server (see ``tests/local_site.py``)."""

from __future__ import annotations

from local_site import site

__all__ = ["site"]
