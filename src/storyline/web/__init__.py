"""The web app (pages + JSON API) and what it shares with the reports.

``storyline.web.app.create_app(db)`` builds the FastAPI app that
``storyline serve`` runs.
"""

from __future__ import annotations

__all__: list[str] = []
