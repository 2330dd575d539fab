"""Server-rendered pages: story list, story, article pair, article, entity, search.

Every page reads fine with JavaScript off (there is none): filters and the
pair picker are plain GET forms, the provenance graph is inline SVG, the
removed page furniture sits in a <details> element.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..provenance.align import align_articles
from ..store import Store
from ..store.sql import now
from ..types import KEPT_KINDS, Article, StoryQuery, to_json
from ..view import StoryNotFound, story_view
from .api import DATE_PATTERN, MAX_ID, MAX_OFFSET, MAX_PAGE, list_stories
from .graph import provenance_graph
from .present import pair_sentences, story_model
from .sources_page import LAST_VISIT_COOKIE
from .templating import environment

__all__ = ["router", "article_lines"]

router = APIRouter(include_in_schema=False)

#: Stories per page of the list: one screen of a laptop with the filters.
PAGE_SIZE = 50
#: How long the last-visit cookie lives: a reader away for a season starts afresh.
VISIT_COOKIE_SECONDS = 90 * 86400
_ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")


def _store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def _render(name: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(environment().get_template(name).render(**context))


@router.get("/", response_class=HTMLResponse)
def stories_page(
    request: Request,
    q: Annotated[str | None, Query(max_length=500)] = None,
    language: Annotated[str | None, Query(max_length=16)] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[str | None, Query(pattern=f"({DATE_PATTERN})|^$")] = None,
    until: Annotated[str | None, Query(pattern=f"({DATE_PATTERN})|^$")] = None,
    order: Annotated[str, Query(pattern="^(recent|size)$")] = "recent",
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = PAGE_SIZE,
) -> HTMLResponse:
    events, nxt = list_stories(
        _store(request),
        q=q,
        language=language,
        outlet=outlet,
        since=since,
        until=until,
        order=order,
        limit=limit,
        offset=offset,
    )
    filters = {
        "q": q or "",
        "language": language or "",
        "outlet": outlet or "",
        "since": since or "",
        "until": until or "",
        "order": order,
    }
    # What is new since the reader's last visit: stories first seen after it (a cookie; no account needed).
    last = request.cookies.get(LAST_VISIT_COOKIE)
    last_visit = last if last and _ISO.fullmatch(last) else None
    new_count = sum(1 for e in events if last_visit and e.first_seen and e.first_seen > last_visit)
    page = _render(
        "stories.html",
        last_visit=last_visit,
        new_count=new_count,
        events=events,
        filters=filters,
        offset=offset,
        limit=limit,
        next_offset=nxt,
        prev_offset=max(0, offset - limit) if offset else None,
    )
    if offset == 0:  # a visit is a look at the first page, not paging through older stories
        page.set_cookie(LAST_VISIT_COOKIE, now(), max_age=VISIT_COOKIE_SECONDS, httponly=True, samesite="lax")
    return page


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: Annotated[int, Path(ge=0, le=MAX_ID)]) -> Response:
    try:
        view = story_view(_store(request), story_id)
    except StoryNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    if view.id != story_id:  # merged into an older story: its id stays valid
        return RedirectResponse(f"/stories/{view.id}", status_code=301)
    model = story_model(view)
    return _render("story.html", story=model, graph=provenance_graph(model))


def _pair_passages(
    store: Store, rel: dict[str, Any] | None, a: Article, b: Article
) -> list[dict[str, Any]] | None:
    """Stored passages of the relation, or a live alignment when none is stored."""
    if rel and rel.get("passages"):
        passages = rel["passages"]
        return passages if isinstance(passages, list) else None
    vecs = store.sentence_vectors([a.id, b.id])
    if a.id not in vecs or b.id not in vecs:
        return None
    try:
        out: list[dict[str, Any]] = to_json(align_articles(a, b, vecs[a.id], vecs[b.id]))
    except ValueError:  # vectors do not match the sentences (a legacy row)
        return None
    return out


@router.get("/stories/{story_id}/pair", response_class=HTMLResponse)
def pair_page(
    request: Request,
    story_id: Annotated[int, Path(ge=0, le=MAX_ID)],
    a: Annotated[str, Query(max_length=64)],
    b: Annotated[str, Query(max_length=64)],
) -> HTMLResponse:
    store = _store(request)
    try:
        view = story_view(store, story_id)
    except StoryNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    model = story_model(view)
    rows = {s.id: s for s in model.sources}
    if a not in rows or b not in rows:
        raise HTTPException(404, f"story {view.id} holds no article {a if a not in rows else b!r}")
    if a == b:
        raise HTTPException(400, "pick two different articles")
    rel = next(
        (r for r in view.relations if isinstance(r, dict) and {r.get("from"), r.get("to")} == {a, b}), None
    )
    if rel is not None and rel.get("from") == b:  # show the original on the left
        a, b = b, a
    art_a, art_b = store.get_article(a), store.get_article(b)
    if art_a is None or art_b is None:
        raise HTTPException(404, "article not found")
    left, right = pair_sentences(art_a.sentences, art_b.sentences, _pair_passages(store, rel, art_a, art_b))
    shared = sum(1 for s in left if s.mark)
    return _render(
        "pair.html", story=model, a=rows[a], b=rows[b], left=left, right=right, relation=rel, shared=shared
    )


def article_lines(article: Article) -> tuple[list[str], list[dict[str, Any]]]:
    """The article's paragraphs and the furniture lines extraction removed."""
    paragraphs = [p.strip() for p in article.text.split("\n") if p.strip()]
    furniture = [
        {"n": ln.n, "kind": ln.kind, "text": ln.text}
        for ln in article.lines
        if ln.kind not in KEPT_KINDS and ln.kind != "blank" and ln.text.strip()
    ]
    return paragraphs, furniture


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: Annotated[str, Path(max_length=500)]) -> HTMLResponse:
    store = _store(request)
    aid = store.resolve_article(article_id)
    art = store.get_article(aid) if aid is not None else None
    if art is None:
        raise HTTPException(404, f"no article with id or source id {article_id!r}")
    paragraphs, furniture = article_lines(art)
    event = store.get_event(art.event_id) if art.event_id is not None else None
    return _render("article.html", article=art, paragraphs=paragraphs, furniture=furniture, event=event)


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str) -> HTMLResponse:
    found = _store(request).entity_stories(entity_id)
    if found is None:
        raise HTTPException(404, f"no story mentions an entity with id {entity_id!r}")
    return _render("entity.html", entity=found)


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> HTMLResponse:
    store = _store(request)
    found = store.search(q, limit=PAGE_SIZE, offset=offset, story_limit=20 if offset == 0 else 0)
    hits, event_ids = found.articles, found.event_ids
    rank = {eid: i for i, eid in enumerate(event_ids)}
    stories = (
        sorted(store.list_stories(StoryQuery(event_ids=tuple(event_ids), limit=20)), key=lambda e: rank.get(e.id, 0))
        if event_ids
        else []
    )
    return _render(
        "search.html", q=q, search_q=q, hits=hits, stories=stories, offset=offset, page_size=PAGE_SIZE
    )


@router.get("/api-docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API's endpoints, rendered from the OpenAPI schema (no CDN assets)."""
    schema = request.app.openapi()
    endpoints = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p.get("name"),
                    "in": p.get("in"),
                    "required": p.get("required", False),
                    "description": p.get("description", ""),
                }
                for p in op.get("parameters", [])
            ]
            endpoints.append(
                {"method": method.upper(), "path": path, "summary": op.get("summary", ""), "params": params}
            )
    return _render("api_docs.html", endpoints=endpoints)
