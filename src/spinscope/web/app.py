"""The FastAPI app: HTML pages, their JSON twins and the HTTP API over one SQLite store."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Final

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response

from spinscope.config import DEFAULT_ANALYSIS_QUEUE, AnalysisConfig
from spinscope.errors import InputError, SpinscopeError
from spinscope.ingest import IngestOptions
from spinscope.store import Store
from spinscope.version import __version__
from spinscope.web.api import router as api_router
from spinscope.web.context import AppState, error_body, error_response
from spinscope.web.corpus import CorpusCache
from spinscope.web.reviews import router as reviews_router
from spinscope.web.security import (
    DEFAULT_MAX_BODY,
    BodyTooLarge,
    ClientLimits,
    EdgeMiddleware,
    Guard,
    HostPolicy,
    Scope,
    WebError,
)
from spinscope.web.service import Analyzer
from spinscope.web.views import router as views_router

log = logging.getLogger("spinscope.web")


def _http_error(request: Request, exc: HTTPException) -> SpinscopeError:
    if isinstance(exc, BodyTooLarge):
        return WebError("E603", status=413, cap=exc.cap)
    detail = {404: "no such page", 405: "method not allowed"}.get(exc.status_code, str(exc.detail))
    return WebError(
        "E606", status=exc.status_code, method=request.method, path=request.url.path, detail=detail
    )


def _validation_error(request: Request, exc: RequestValidationError) -> SpinscopeError:
    problems = []
    for item in exc.errors()[:5]:
        where = ".".join(str(p) for p in item.get("loc", ()) if p != "body") or "request"
        problems.append(f"{where}: {item.get('msg', 'invalid')}")
    return WebError(
        "E606",
        status=422,
        method=request.method,
        path=request.url.path,
        detail="; ".join(problems) or "invalid request",
    )


CREDENTIALS: Final[dict[str, dict[str, str]]] = {
    "bearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "The server's token or a reviewer's (spinscope reviewers add).",
    },
    "csrf": {
        "type": "apiKey",
        "in": "header",
        "name": "X-CSRF-Token",
        "description": "With the session cookie of /sign-in: the page's csrf-token value.",
    },
}


def _openapi_with_credentials(app: FastAPI) -> dict[str, Any]:
    """The schema, with the credentials every write takes (so the docs page can send them)."""
    if app.openapi_schema is None:
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
        )
        schema.setdefault("components", {})["securitySchemes"] = CREDENTIALS
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                if method in ("post", "put", "patch", "delete"):
                    operation["security"] = [{"bearer": []}, {"csrf": []}, {}]
        app.openapi_schema = schema
    return app.openapi_schema


def create_app(
    *,
    db: Path,
    token: str | None = None,
    require_token: bool = False,
    ingest_options: IngestOptions | None = None,
    allow_urls: bool = True,
    max_body: int = DEFAULT_MAX_BODY,
    allowed_hosts: Iterable[str] = (),
    limits: AnalysisConfig | None = None,
    client_limits: ClientLimits | None = None,
    analysis_queue: int = DEFAULT_ANALYSIS_QUEUE,
) -> FastAPI:
    """The web app over the database file ``db`` (created and migrated if needed).

    ``token`` protects every write; ``require_token`` refuses to build the app without one.
    ``ingest_options`` are the URL and file safeguards (the CLI's defaults: public addresses
    only, 10 MB); ``allow_urls=False`` turns URL fetching off; ``max_body`` caps request bodies;
    requests are answered for loopback host names and ``allowed_hosts`` only (E607 otherwise);
    ``client_limits`` caps writes and refused tokens per client address (default: 120 writes a
    minute, 10 refused tokens in ten minutes); ``analysis_queue`` is how many analyses are
    admitted at once, one running and the rest waiting (E611, 503 past them).
    """
    if require_token and not token:
        raise InputError("E154")
    store = Store.open(db)
    options = ingest_options or IngestOptions()
    state = AppState(
        store=store,
        analyzer=Analyzer(
            store,
            options=options,
            allow_urls=allow_urls,
            limits=limits,
            queue_size=analysis_queue,
        ),
        guard=Guard(token, reviewers=store.reviewer_for_token, active=store.reviewer_active),
        max_body=max_body,
        corpus=CorpusCache(),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="spinscope",
        version=__version__,
        description=(
            "Analyse news and opinion articles, browse the analyses, review findings and "
            "export the reviews. Every write is made by a reviewer: send "
            "`Authorization: Bearer <token>` (the server's token or a reviewer's), or the "
            "session cookie of `/sign-in` with the page's CSRF value in `X-CSRF-Token`; a "
            "server without a token takes writes that name no one as the reviewer `local`. "
            'Errors are JSON: `{"error": {"code", "message", "fix"}}`.'
        ),
        docs_url=None,  # FastAPI's docs load from a CDN; /docs serves them bundled instead
        redoc_url=None,
    )
    app.state.spinscope = state
    app.openapi = lambda: _openapi_with_credentials(app)  # type: ignore[method-assign]

    @app.exception_handler(SpinscopeError)
    async def spinscope_error(request: Request, exc: SpinscopeError) -> Response:
        return error_response(request, exc)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        response = error_response(request, _http_error(request, exc))
        response.headers.update(exc.headers or {})  # Allow, on a 405
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, _validation_error(request, exc))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        error = SpinscopeError("E900", detail=type(exc).__name__)
        return JSONResponse(error_body(error), status_code=500)

    async def respond(scope: Scope, error: SpinscopeError) -> Response:
        return error_response(Request(scope), error)

    app.include_router(api_router)
    app.include_router(reviews_router)
    app.include_router(views_router)
    app.mount("/static", StaticFiles(packages=[("spinscope.web", "static")]), name="static")
    app.add_middleware(
        EdgeMiddleware,
        max_body=max_body,
        respond=respond,
        hosts=HostPolicy.of(allowed_hosts),
        limits=client_limits or ClientLimits(),
    )
    return app
