"""What every request handler shares: the app's state, page rendering and error answers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Final

import jinja2
from fastapi import Request
from markupsafe import Markup
from starlette.responses import HTMLResponse, JSONResponse, Response

from spinscope.errors import SpinscopeError
from spinscope.report.layout import clean
from spinscope.store import Store
from spinscope.version import __version__
from spinscope.web.corpus import CorpusCache
from spinscope.web.security import AUTH_COOKIE, Guard, WebError, status_of
from spinscope.web.service import Analyzer

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
    """What a page's forms need (a token field, a CSRF field, or neither) and who is signed in
    (``reviewer``: None when no one is)."""
    guard = state_of(request).guard
    cookie = request.cookies.get(AUTH_COOKIE)
    csrf = guard.csrf_for(cookie)
    return {
        "token_needed": guard.enabled and csrf is None,
        "csrf": csrf,
        "signed_in": csrf is not None,
        "reviewer": guard.session_reviewer(cookie),
    }


CSRF_HEADER: Final = "x-csrf-token"


def writer_of(request: Request, action: str) -> str:
    """The reviewer who makes an API write: by ``Authorization: Bearer`` (the server's token or
    a reviewer's), by session cookie with the ``X-CSRF-Token`` header, or ``local`` on a server
    without a token (see :class:`~spinscope.web.security.Guard`)."""
    return state_of(request).guard.check_api(
        request.headers.get("authorization"),
        action=action,
        cookie=request.cookies.get(AUTH_COOKIE),
        csrf=request.headers.get(CSRF_HEADER),
    )


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
    response: Response
    if wants_json(request):
        response = JSONResponse(error_body(error), status_code=status)
    else:
        response = render(
            request, "error.html.j2", {"error": error, "status": status}, status=status
        )
    if isinstance(error, WebError) and error.retry_after is not None:
        response.headers["retry-after"] = str(error.retry_after)
    return response


@lru_cache(maxsize=1)
def report_css() -> str:
    """The report's style sheet, shared by the article page."""
    return (
        resources.files("spinscope.report").joinpath("templates", "report.css").read_text("utf-8")
    )
