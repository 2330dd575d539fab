"""The web app (server-rendered pages + JSON API) and what it shares with the reports.

``storyline serve [--db FILE] [--host 127.0.0.1] [--port 8000]`` runs
``storyline.web.app.create_app(db)`` under uvicorn.

Pages (no JavaScript; readable with it off):
    ``/``                             stories, newest (or biggest) first, with filters
    ``/stories/{id}``                 summary, timeline, sources, provenance graph, discrepancies
    ``/stories/{id}/pair?a=&b=``      two articles side by side, shared passages highlighted
    ``/articles/{id}``                cleaned text; removed page furniture collapsed
    ``/entities/{id}``                the stories naming an entity
    ``/search?q=``                    full-text search
    ``/api-docs``                     the API, rendered from ``/openapi.json``

API (JSON; errors are ``{"error", "status"}``):
    ``GET /api/stories``              ``q``, ``language``, ``outlet``, ``since``, ``until``, ``order``,
                                      ``limit``, ``offset``
    ``GET /api/stories/{id}``         the ``storyline show --json`` contract
    ``GET /api/articles/{id}``        by id, unique id prefix or source id
    ``GET /api/search?q=``            articles and stories
    ``GET /api/entities/{id}``        an entity and its stories
    ``POST /api/articles``            one JSON article, a JSON array or JSONL; needs
                                      ``Authorization: Bearer $STORYLINE_TOKEN``

Settings: ``STORYLINE_TOKEN`` (unset: read-only), ``STORYLINE_MAX_BODY_BYTES``
(default 20 MB).
"""

from __future__ import annotations

__all__: list[str] = []
