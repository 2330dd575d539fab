"""The web app: server-rendered pages and a JSON API over one store.

``create_app(db)`` is what ``storyline serve`` runs.  Pages live in
:mod:`storyline.web.pages`, the API under ``/api`` in :mod:`storyline.web.api`;
this module wires them with the safety nets every response shares:

* a strict Content-Security-Policy (no script at all, no inline style, no
  third-party anything), so even a bug that let article markup through could
  not run it;
* a request-body limit enforced while the body streams in, so an oversize
  upload is refused with 413 before it is buffered in full;
* errors as JSON (``{"error": ..., "status": ...}``) under ``/api`` and as
  an HTML page elsewhere, never a traceback.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..pipeline import WarmState
from ..store import Store, StoreError, open_store
from .api import router as api_router
from .auth import TOKEN_ENV, check_token
from .pages import router as pages_router
from .sources_page import router as sources_router
from .templating import STATIC_DIR, environment

__all__ = [
    "create_app",
    "app_from_env",
    "check_token",
    "DEFAULT_MAX_BODY_BYTES",
    "CONTENT_SECURITY_POLICY",
    "TOKEN_ENV",
    "MAX_BODY_ENV",
]

log = logging.getLogger("storyline.web")

MAX_BODY_ENV = "STORYLINE_MAX_BODY_BYTES"
#: Same ceiling as one input file of ``storyline analyze`` (ingest's
#: MAX_INPUT_BYTES): a JSONL batch of a few thousand articles fits, a dump
#: that would hold the ingest lock for an hour does not.
DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024
#: The pages use no JavaScript and only our own stylesheet; SVG is inline.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'none'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Adds the CSP and friends to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in _SECURITY_HEADERS if k not in names
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            # An unhandled error would reach Starlette's outermost error
            # middleware, which answers without our headers: answer here.
            log.exception("unhandled error on %s", scope.get("path"))
            if started:
                raise
            await _send_crash(scope, send_with_headers)


async def _send_crash(scope: Scope, send: Send) -> None:
    path = str(scope.get("path", ""))
    message = "internal error (the server log has the details)"
    if path.startswith("/api") or path == "/openapi.json":
        body, ctype = json.dumps({"error": message, "status": 500}).encode(), b"application/json"
    else:
        body = environment().get_template("error.html").render(status=500, message=message).encode()
        ctype = b"text/html; charset=utf-8"
    headers = [(b"content-type", ctype), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 500, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes with 413 (JSON).

    A declared Content-Length over the limit is refused before reading; a
    chunked body is buffered only up to the limit and refused when it goes
    past it.  The app below then sees the buffered body as usual."""

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def _refuse(self, send: Send) -> None:
        msg = f"request body too large (limit {self.limit} bytes; set {MAX_BODY_ENV} on the server to change it)"
        body = json.dumps({"error": msg, "status": 413}).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        for k, v in scope.get("headers", []):
            if k == b"content-length":
                try:
                    declared = int(v)
                except ValueError:
                    declared = 0
                if declared > self.limit:
                    await self._refuse(send)
                    return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.limit:
                await self._refuse(send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)
    html = environment().get_template("error.html").render(status=status, message=message)
    return HTMLResponse(html, status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
        where = ".".join(loc) or "request"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "invalid request: " + "; ".join(parts)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path}"
        elif exc.status_code == 405 and detail == "Method Not Allowed":
            detail = f"{request.method} is not allowed on {request.url.path}"
        return _error(request, exc.status_code, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 422 if _wants_json(request) else 400, _validation_message(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        log.error("store error on %s: %s", request.url.path, exc)
        return _error(request, 503, "the database is not available; try again later")

    # (Unhandled errors are answered by SecurityHeaders, so the 500 carries
    # the security headers too.)


def create_app(
    db: str,
    *,
    token: str | None = None,
    max_body_bytes: int | None = None,
    store: Store | None = None,
) -> FastAPI:
    """The FastAPI app serving ``db`` (a SQLite path or database URL).

    ``token`` defaults to ``$STORYLINE_TOKEN`` (unset: the API is read-only);
    ``max_body_bytes`` to ``$STORYLINE_MAX_BODY_BYTES`` or 20 MB.  Pass an
    open ``store`` to share one with the caller (it is then not closed)."""

    if max_body_bytes is None:
        raw = os.environ.get(MAX_BODY_ENV, "")
        max_body_bytes = int(raw) if raw.strip().isdigit() else DEFAULT_MAX_BODY_BYTES
    own_store = store is None
    st = store if store is not None else open_store(db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if own_store:
            st.close()

    app = FastAPI(
        title="storyline",
        summary="News articles as stories: who reported what, who copied whom, where sources disagree.",
        version="0.1.0",
        docs_url=None,  # Swagger UI loads scripts from a CDN; /api is described by /openapi.json and /api-docs
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = st
    app.state.warm = WarmState()
    app.state.token = token if token is not None else (os.environ.get(TOKEN_ENV) or None)
    app.state.max_body_bytes = max_body_bytes
    _install_error_handlers(app)
    app.include_router(api_router)
    app.include_router(pages_router)
    app.include_router(sources_router)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    app.add_middleware(BodyLimit, limit=max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def app_from_env() -> FastAPI:
    """``create_app`` on ``$STORYLINE_DB``: the factory for a multi-process
    server (``uvicorn --factory --workers N storyline.web.app:app_from_env``),
    where each worker process builds its own app and store."""
    return create_app(os.environ.get("STORYLINE_DB", "storyline.db"))
