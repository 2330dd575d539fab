"""The JSON API under ``/api`` (described by ``/openapi.json``).

Reads are open; writes (``POST /api/articles``) need ``Authorization: Bearer
<token>`` matching ``$STORYLINE_TOKEN``.  Errors are ``{"error", "status"}``
with the matching HTTP status (see :mod:`storyline.web.app`).
"""

from __future__ import annotations

import hashlib
import io
import json
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ..ingest import decode_bytes, json_lines, parse_record, read_inputs
from ..limits import MAX_JSON_DEPTH, json_depth
from ..pipeline import ingest_documents
from ..store import Store
from ..store.search import MARK_CLOSE, MARK_OPEN
from ..types import Event, InputProblem, RawDocument, StoryQuery, to_json
from ..view import StoryNotFound, story_view
from .auth import check_token

__all__ = [
    "router",
    "parse_articles_body",
    "list_stories",
    "MAX_ID",
    "MAX_OFFSET",
    "BadBody",
    "MAX_PAGE",
    "SEARCH_EVENTS_LIMIT",
    "DATE_PATTERN",
]

router = APIRouter(prefix="/api", tags=["api"])

#: Largest page of stories or search hits one request returns.
MAX_PAGE = 200
#: Largest story id a URL may name: event ids are PostgreSQL ``integer``
#: columns (32-bit); a larger number names nothing and is refused with 422
#: before it reaches the database (SQLite raised OverflowError past 2**63: a 500).
MAX_ID = 2**31 - 1
#: Largest offset into a list: no store holds 2**31 stories or hits.
MAX_OFFSET = 2**31 - 1
#: Stories a text filter can select before pagination: enough for any
#: reader's scrolling, bounded so a one-letter query stays fast.
SEARCH_EVENTS_LIMIT = 1000
#: ``since``/``until``: a year, month or day; published dates are ISO strings,
#: so a prefix compares correctly as text (``until`` takes the whole period).
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class BadBody(ValueError):
    """The POST body is not one article or a batch of articles."""

    def __init__(self, message: str, problems: list[InputProblem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class StorySummary(BaseModel):
    id: int
    storyline_id: int
    title: str
    size: int
    languages: list[str]
    outlets: list[str]
    first_seen: str | None
    first_published: str | None
    last_published: str | None
    url: str = Field(description="The story's JSON")


class StoryList(BaseModel):
    stories: list[StorySummary]
    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page, null on the last one")


class Added(BaseModel):
    article_id: str
    source_id: str
    event_id: int
    url: str


class IngestResult(BaseModel):
    added: list[Added]
    skipped: list[dict[str, str]]
    problems: list[dict[str, str]]


def store_of(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def _summary(e: Event) -> StorySummary:
    return StorySummary(
        id=e.id,
        storyline_id=e.storyline_id,
        title=e.title,
        size=e.size,
        languages=e.languages,
        outlets=e.outlets,
        first_seen=e.first_seen,
        first_published=e.first_published,
        last_published=e.last_published,
        url=f"/api/stories/{e.id}",
    )


def list_stories(
    store: Store,
    *,
    q: str | None,
    language: str | None,
    outlet: str | None,
    since: str | None,
    until: str | None,
    order: str,
    limit: int,
    offset: int,
) -> tuple[list[Event], int | None]:
    """One page of stories and the next page's offset (None on the last page)."""
    ids: list[int] | None = None
    if q and q.strip():
        ids = store.search_event_ids(q, limit=SEARCH_EVENTS_LIMIT)
        if not ids:
            return [], None
    events = store.list_stories(
        StoryQuery(
            limit=limit + 1,
            offset=offset,
            language=language or None,
            outlet=outlet or None,
            since=since or None,
            until=until or None,
            event_ids=tuple(ids) if ids is not None else None,
            order=order,
        )
    )
    more = len(events) > limit
    return events[:limit], (offset + limit if more else None)


@router.get("/stories", response_model=StoryList, summary="List stories (newest first by default)")
def api_stories(
    request: Request,
    q: Annotated[
        str | None, Query(max_length=500, description="Full-text query over the stories' articles")
    ] = None,
    language: Annotated[str | None, Query(max_length=16, description="ISO 639-1 code, e.g. 'fr'")] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY[-MM[-DD]], inclusive")] = None,
    until: Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY[-MM[-DD]], inclusive")] = None,
    order: Annotated[str, Query(pattern="^(recent|size)$")] = "recent",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> StoryList:
    events, nxt = list_stories(
        store_of(request),
        q=q,
        language=language,
        outlet=outlet,
        since=since,
        until=until,
        order=order,
        limit=limit,
        offset=offset,
    )
    return StoryList(stories=[_summary(e) for e in events], limit=limit, offset=offset, next_offset=nxt)


@router.get("/stories/{story_id}", summary="One story: everything `storyline show --json` gives")
def api_story(request: Request, story_id: Annotated[int, Path(ge=0, le=MAX_ID)]) -> JSONResponse:
    try:
        view = story_view(store_of(request), story_id)
    except StoryNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    # Already JSON-ready: returned as is, skipping FastAPI's re-validation of
    # a large nested dict (a third of the request time on big stories).
    return JSONResponse(to_json(view))


@router.get("/articles/{article_id}", summary="One article (by id, id prefix or source id)")
def api_article(request: Request, article_id: Annotated[str, Path(max_length=500)]) -> JSONResponse:
    store = store_of(request)
    aid = store.resolve_article(article_id)
    art = store.get_article(aid) if aid is not None else None
    if art is None:
        raise HTTPException(404, f"no article with id or source id {article_id!r}")
    out: dict[str, Any] = to_json(art)
    out["story_url"] = f"/api/stories/{art.event_id}" if art.event_id is not None else None
    return JSONResponse(out)


@router.get("/search", summary="Full-text search over articles and stories")
def api_search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    store = store_of(request)
    found = store.search(q, limit=limit, offset=offset, story_limit=limit)
    hits, event_ids = found.articles, found.event_ids
    order = {eid: i for i, eid in enumerate(event_ids)}
    stories = sorted(store.list_stories(StoryQuery(event_ids=tuple(event_ids), limit=limit)), key=lambda e: order.get(e.id, 0))
    return {
        "query": q,
        "articles": [
            {
                "id": h.id,
                "source_id": h.source_id,
                "title": h.title,
                "outlet": h.outlet,
                "language": h.language,
                "published": h.published,
                "event_id": h.event_id,
                "snippet": h.snippet.replace(MARK_OPEN, "").replace(MARK_CLOSE, ""),
                "url": f"/api/articles/{h.id}",
            }
            for h in hits
        ],
        "stories": [_summary(e).model_dump() for e in stories],
        "limit": limit,
        "offset": offset,
    }


@router.get("/entities/{entity_id:path}", summary="An entity (person, place, organisation) and its stories")
def api_entity(request: Request, entity_id: str) -> dict[str, Any]:
    found = store_of(request).entity_stories(entity_id)
    if found is None:
        raise HTTPException(404, f"no story mentions an entity with id {entity_id!r}")
    return {
        "id": found.id,
        "name": found.name,
        "kind": found.kind,
        "stories": [
            {**_summary(e).model_dump(), "mentions": found.mentions.get(e.id, 0)} for e in found.stories
        ],
    }


def parse_articles_body(body: bytes) -> list[RawDocument]:
    """One JSON object, a JSON array of objects, or JSONL -> documents.

    Each record has the keys of a ``.jsonl`` input line (``text`` or ``html``,
    or a ``title`` and/or ``description`` alone; optional ``id``, ``url``,
    ``outlet``, ``published``, ``language``; the aliases of
    :mod:`storyline.records`).  Raises :class:`BadBody` listing every bad record: a batch
    is accepted whole or not at all."""
    try:
        raw = decode_bytes(body)
    except ValueError as exc:
        raise BadBody(f"body is not text: {exc}") from exc
    raw = raw.strip()
    if not raw:
        raise BadBody("empty body: send one JSON article, a JSON array of articles, or JSONL")
    records: list[Any]
    try:
        whole = json.loads(raw)
        records = whole if isinstance(whole, list) else [whole]
    except RecursionError:
        raise BadBody(f"body nested too deep (over {MAX_JSON_DEPTH} levels)") from None
    except json.JSONDecodeError as exc:
        if "\n" not in raw:
            raise BadBody(f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from exc
        records = []
        for lineno, line in json_lines(raw):
            rec = parse_record(line)
            if isinstance(rec, str):
                raise BadBody(f"line {lineno}: {rec}") from None
            records.append(rec)
    if not records:
        raise BadBody("no article in the body")
    for n, rec in enumerate(records, start=1):
        if not isinstance(rec, dict):
            raise BadBody(f"record {n} is not a JSON object")
        if json_depth(rec) > MAX_JSON_DEPTH:
            raise BadBody(f"record {n} nested too deep (over {MAX_JSON_DEPTH} levels)")
        if rec.get("id") in (None, ""):
            # Named after its content, so records without an id sent in
            # different requests are told apart (and a re-sent one is known).
            digest = hashlib.sha1(json.dumps(rec, sort_keys=True, ensure_ascii=True).encode()).hexdigest()
            rec["id"] = f"record-{digest[:16]}"
    jsonl = "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8")
    docs: list[RawDocument] = []
    problems: list[InputProblem] = []
    for item in read_inputs(["-"], stdin=io.BytesIO(jsonl)):
        if isinstance(item, InputProblem):
            problems.append(
                InputProblem(origin=_record_origin(item.origin), reason=item.reason.split(": ", 1)[-1])
            )
        else:
            docs.append(item)
    if problems:
        raise BadBody(
            f"{len(problems)} of {len(records)} records are invalid; nothing was ingested", problems
        )
    return docs


def _record_origin(origin: str) -> str:
    """The ingest stage names body lines ``<stdin>:N``; API clients sent records."""
    head, _, line = origin.rpartition(":")
    return f"record {line}" if head and line.isdigit() else origin


_BODY_DOC = {
    "requestBody": {
        "required": True,
        "description": "One article, a JSON array of articles, or JSONL (one article per line).",
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "description": "Other names feeds use are accepted too (content, body, headline, summary, "
                    "link, pubDate, source...: see storyline.records); a title alone is a short article.",
                    "properties": {
                        k: {"type": "string"}
                        for k in ("id", "text", "html", "title", "description", "url", "outlet", "published", "language")
                    },
                }
            },
            "application/x-ndjson": {"schema": {"type": "string"}},
        },
    }
}


@router.post(
    "/articles",
    summary="Ingest one article or a batch (needs the token); says which story each joined",
    response_model=IngestResult,
    status_code=201,
    openapi_extra=_BODY_DOC,
    responses={
        200: {"description": "Nothing new: every article was already stored or had no text"},
        400: {"description": "The body is not JSON/JSONL"},
        401: {"description": "Missing or wrong token"},
        403: {"description": "Writes are disabled (no STORYLINE_TOKEN on the server)"},
        413: {"description": "Body over the server's limit"},
        422: {"description": "Some records are invalid (nothing was ingested)"},
    },
)
async def api_ingest(request: Request) -> JSONResponse:
    refused = check_token(request.app.state.token, request.headers.get("authorization"))
    if refused is not None:
        status, message = refused
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        raise HTTPException(status, message, headers=headers)
    body = await request.body()
    try:
        docs = parse_articles_body(body)
    except BadBody as exc:
        status = 422 if exc.problems else 400
        content: dict[str, Any] = {"error": str(exc), "status": status}
        if exc.problems:
            content["problems"] = [{"origin": p.origin, "reason": p.reason} for p in exc.problems]
        return JSONResponse(content, status_code=status)
    # The pipeline is CPU-bound and takes the store's ingest lock: run it in
    # a worker thread so reads keep being served meanwhile.
    result = await run_in_threadpool(_ingest, store_of(request), docs, request.app.state.warm)
    return JSONResponse(result.model_dump(), status_code=201 if result.added else 200)


def _ingest(store: Store, docs: list[RawDocument], warm: Any) -> IngestResult:
    # ``warm``: the app's WarmState, so a POST does not reload every event and
    # signature from the store (seconds on a large one).
    res = ingest_documents(list(docs), store=store, warm=warm)
    return IngestResult(
        added=[
            Added(article_id=a, source_id=s, event_id=e, url=f"/api/stories/{e}") for a, s, e in res.added
        ],
        skipped=[{"source_id": s, "reason": r} for s, r in res.skipped],
        problems=[{"origin": _record_origin(p.origin), "reason": p.reason} for p in res.problems],
    )
