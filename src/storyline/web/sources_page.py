"""The Sources page: every followed source with its kind, status, last poll,
articles added and errors (what ``storyline sources`` prints)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..store import Store
from .templating import environment

__all__ = ["router", "LAST_VISIT_COOKIE"]

router = APIRouter(include_in_schema=False)
#: The cookie the story list keeps the reader's previous visit in (ISO 8601 UTC).
LAST_VISIT_COOKIE = "storyline_last_visit"


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request) -> HTMLResponse:
    store: Store = request.app.state.store
    rows = store.list_sources()
    return HTMLResponse(
        environment().get_template("sources.html").render(sources=rows, urls=store.url_counts())
    )
