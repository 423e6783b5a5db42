"""The FastAPI app: HTML pages, their JSON twins and the HTTP API over one SQLite store."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Final

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from markupsafe import Markup
from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse, JSONResponse, Response

from spinscope import __version__
from spinscope.errors import InputError, SpinscopeError
from spinscope.ingest import IngestOptions
from spinscope.report.layout import clean
from spinscope.store import Store
from spinscope.web.corpus import CorpusCache
from spinscope.web.security import (
    AUTH_COOKIE,
    DEFAULT_MAX_BODY,
    BodyTooLarge,
    EdgeMiddleware,
    Guard,
    Scope,
    WebError,
    status_of,
)
from spinscope.web.service import Analyzer

log = logging.getLogger("spinscope.web")

_HTML_TYPES: Final = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class AppState:
    """Everything a request handler needs, kept on ``app.state.spinscope``."""

    store: Store
    analyzer: Analyzer
    guard: Guard
    max_body: int
    corpus: CorpusCache


def state_of(request: Request) -> AppState:
    found: AppState = request.app.state.spinscope
    return found


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean(value)
    return value


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The page templates; autoescaping is on for every template and every value."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("spinscope.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def auth_context(request: Request) -> dict[str, Any]:
    """What a page's forms need: a token field, a CSRF field, or neither."""
    guard = state_of(request).guard
    signed_in = guard.has_cookie(request.cookies.get(AUTH_COOKIE))
    return {
        "token_needed": guard.enabled and not signed_in,
        "csrf": guard.csrf_value if guard.enabled and signed_in else None,
    }


def render(request: Request, name: str, context: dict[str, Any], *, status: int = 200) -> Response:
    page = environment().get_template(name)
    body = page.render(
        {"version": __version__, "path": request.url.path, **auth_context(request), **context}
    )
    return HTMLResponse(body, status_code=status)


def wants_json(request: Request) -> bool:
    """JSON for the API, for ``?format=json`` and for clients that do not ask for HTML."""
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return True
    if request.query_params.get("format") == "json":
        return True
    accept = request.headers.get("accept", "")
    return not any(kind in accept for kind in _HTML_TYPES)


def error_body(error: SpinscopeError) -> dict[str, Any]:
    return {"error": {"code": error.code, "message": error.message, "fix": error.fix}}


def error_response(request: Request, error: SpinscopeError) -> Response:
    status = status_of(error)
    if wants_json(request):
        return JSONResponse(error_body(error), status_code=status)
    return render(request, "error.html.j2", {"error": error, "status": status}, status=status)


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


def create_app(
    *,
    db: Path,
    token: str | None = None,
    require_token: bool = False,
    ingest_options: IngestOptions | None = None,
    allow_urls: bool = True,
    max_body: int = DEFAULT_MAX_BODY,
) -> FastAPI:
    """The web app over the database file ``db`` (created and migrated if needed).

    ``token`` protects every write; ``require_token`` refuses to build the app without one.
    ``ingest_options`` are the URL and file safeguards (the CLI's defaults: public addresses
    only, 10 MB); ``allow_urls=False`` turns URL fetching off; ``max_body`` caps request bodies.
    """
    if require_token and not token:
        raise InputError(
            "E109",
            option="--token",
            value="",
            detail="this server must have a token",
            fix="give --token or set SPINSCOPE_TOKEN",
        )
    store = Store.open(db)
    options = ingest_options or IngestOptions()
    state = AppState(
        store=store,
        analyzer=Analyzer(store, options=options, allow_urls=allow_urls),
        guard=Guard(token),
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
            "Analyse news and opinion articles, browse the analyses and mark findings right or "
            "wrong. Write endpoints need `Authorization: Bearer <token>` when the server has a "
            'token. Errors are JSON: `{"error": {"code", "message", "fix"}}`.'
        ),
        docs_url=None,  # the interactive docs load scripts from a CDN; the schema is enough
        redoc_url=None,
    )
    app.state.spinscope = state

    @app.exception_handler(SpinscopeError)
    async def spinscope_error(request: Request, exc: SpinscopeError) -> Response:
        return error_response(request, exc)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return error_response(request, _http_error(request, exc))

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

    from spinscope.web.api import router as api_router
    from spinscope.web.views import router as views_router

    app.include_router(api_router)
    app.include_router(views_router)
    app.mount("/static", StaticFiles(packages=[("spinscope.web", "static")]), name="static")
    app.add_middleware(EdgeMiddleware, max_body=max_body, respond=respond)
    return app


@lru_cache(maxsize=1)
def report_css() -> str:
    """The report's style sheet, shared by the article page."""
    return (
        resources.files("spinscope.report").joinpath("templates", "report.css").read_text("utf-8")
    )
