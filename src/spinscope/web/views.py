"""The HTML pages. Each has a JSON twin: the same URL with ``?format=json``.

The pages work without JavaScript: every action is a plain form. The app's one script only
improves them (feedback sent in place, a click on a highlight shows its finding).
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any, Final

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.responses import JSONResponse, RedirectResponse, Response

from spinscope.analysis import Analysis
from spinscope.corpus.report import corpus_asset
from spinscope.corpus.vega import vendored_script
from spinscope.errors import SpinscopeError
from spinscope.store import Correction
from spinscope.vocabulary import layer_threshold
from spinscope.web.api import review_mark, run_analysis, summary_out
from spinscope.web.context import render, report_css, state_of, wants_json
from spinscope.web.pages import (
    article_context,
    article_json,
    colour_css,
    library_view,
    shown_layers,
)
from spinscope.web.security import AUTH_COOKIE, WebError, is_loopback_name, status_of
from spinscope.web.service import Upload, config_for

router = APIRouter(include_in_schema=False)
_KEY: Final = re.compile(r"f[0-9a-f]{12}(?:-[0-9]{1,6})?")


def _text(form: FormData, name: str) -> str | None:
    value = form.get(name)
    return value if isinstance(value, str) and value.strip() else None


def _check_form(request: Request, form: FormData, action: str) -> tuple[str, bool]:
    """Authorise a form post: who makes it, and whether its token field was used (see
    :class:`~spinscope.web.security.Guard`)."""
    return state_of(request).guard.check_form(
        authorization=request.headers.get("authorization"),
        cookie=request.cookies.get(AUTH_COOKIE),
        token_field=_text(form, "token"),
        csrf_field=_text(form, "csrf"),
        action=action,
    )


def sign_in(request: Request, response: Response, reviewer: str) -> Response:
    """Start a session for ``reviewer``: an HttpOnly, SameSite=Strict cookie, Secure whenever
    the page is served over https or to a name other than loopback (a browser keeps a Secure
    cookie from plain http only on loopback, where nothing crosses a network)."""
    guard = state_of(request).guard
    host = request.headers.get("host") or ""
    response.set_cookie(
        AUTH_COOKIE,
        guard.new_session(reviewer),
        max_age=int(guard.session_seconds),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https" or not is_loopback_name(host),
        path="/",
    )
    return response


@router.post("/sign-out")
async def sign_out(request: Request) -> Response:
    """End this browser's session: the server forgets it and the cookie is cleared."""
    state_of(request).guard.end_session(request.cookies.get(AUTH_COOKIE))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(AUTH_COOKIE, path="/", httponly=True, samesite="strict")
    return response


@router.get("/static/report.css")
async def report_style() -> Response:
    return Response(report_css(), media_type="text/css; charset=utf-8")


@router.get("/static/corpus.css")
async def corpus_style() -> Response:
    return Response(corpus_asset("corpus.css"), media_type="text/css; charset=utf-8")


@router.get("/static/corpus.js")
async def corpus_script() -> Response:
    return Response(corpus_asset("corpus.js"), media_type="text/javascript; charset=utf-8")


@router.get("/static/vendor/vega/{name}")
async def vega_script(name: str) -> Response:
    """The vendored Vega-Lite scripts the corpus charts run (sha256-checked; E553 for others)."""
    return Response(vendored_script(name), media_type="text/javascript; charset=utf-8")


@router.get("/corpus")
async def corpus(request: Request) -> Response:
    """Techniques and targeted actors per outlet and week, narratives and republication chains
    over every analysed document: the corpus report's views."""
    state = state_of(request)
    view = await run_in_threadpool(state.corpus.get, state.store)
    if wants_json(request):
        return JSONResponse(view.corpus.to_dict())
    return render(request, "corpus.html.j2", {"sections": view.sections})


async def _recent(request: Request) -> list[Any]:
    page = await run_in_threadpool(state_of(request).store.list_documents, limit=5)
    return list(page.items)


@router.get("/")
async def home(request: Request) -> Response:
    recent = await _recent(request)
    if wants_json(request):
        return JSONResponse(
            {
                "analyze": "/api/analyze",
                "documents": "/api/documents",
                "recent": [summary_out(d).model_dump() for d in recent],
            }
        )
    return render(request, "home.html.j2", {"recent": recent, "error": None, "values": {}})


@router.post("/analyze")
async def analyze_form(request: Request) -> Response:
    """The home page's forms: paste, upload or URL; on success, go to the article page."""
    state = state_of(request)
    form = await request.form(max_files=1, max_fields=8, max_part_size=state.max_body)
    values = {k: v for k, v in form.items() if isinstance(v, str) and k not in ("token", "csrf")}
    try:
        writer, used_token = _check_form(request, form, "analyse articles")
        file = form.get("file")
        upload = None
        if isinstance(file, UploadFile) and file.filename:
            upload = Upload(file.filename, file.content_type or "", await file.read())
        config = config_for(as_of=_text(form, "as_of"), language=None)
        analysis = await run_analysis(
            request, config, text=_text(form, "text"), url=_text(form, "url"), upload=upload
        )
    except SpinscopeError as exc:
        if wants_json(request):
            raise
        recent = await _recent(request)
        context = {"recent": recent, "error": exc, "values": values}
        page = render(request, "home.html.j2", context, status=status_of(exc))
        if isinstance(exc, WebError) and exc.retry_after is not None:
            page.headers["retry-after"] = str(exc.retry_after)  # a full queue, a write limit
        return page
    response = RedirectResponse(f"/documents/{analysis.document.id}", status_code=303)
    return sign_in(request, response, writer) if used_token else response


@router.get("/documents")
async def library(request: Request) -> Response:
    """The library: documents with findings per layer and review progress, facets and sort."""
    return await library_view(request)


@router.get("/documents/{document_id}")
async def article(request: Request, document_id: str) -> Response:
    store = state_of(request).store
    analysis = await run_in_threadpool(store.get_analysis, document_id)
    feedback = await run_in_threadpool(store.feedback, document_id)
    if wants_json(request):
        return JSONResponse(article_json(analysis, feedback))
    params = request.query_params
    requested = params.getlist("show") if "layers" in params else None
    show_low = params.get("low") == "1" or _marked_low(analysis, params.get("marked", ""))
    reviews = await run_in_threadpool(store.reviews, document_id)
    context = article_context(
        analysis, feedback, shown=shown_layers(requested), show_low=show_low, reviews=reviews
    )
    context["marked_id"] = request.query_params.get("marked", "")
    context["colours_href"] = (
        f"/documents/{document_id}/colours.css?v={len(analysis.findings)}-"
        f"{analysis.pipeline.version}"
    )
    return render(request, "article.html.j2", context)


def _marked_low(analysis: Analysis, finding_id: str) -> bool:
    """Whether the finding just marked is one hidden for its score (so it stays in view)."""
    return any(s.id == finding_id and s.score < layer_threshold(s.layer) for s in analysis.findings)


@router.get("/documents/{document_id}/colours.css")
async def article_colours(request: Request, document_id: str) -> Response:
    analysis = await run_in_threadpool(state_of(request).store.get_analysis, document_id)
    return Response(colour_css(analysis), media_type="text/css; charset=utf-8")


@router.post("/documents/{document_id}/findings/{finding_id}/feedback")
async def feedback_form(request: Request, document_id: str, finding_id: str) -> Response:
    """A thumbs-up or thumbs-down (with an optional comment) from the article page: the
    reviewer's current review of the finding, replacing their earlier one (kept in the history).
    The page's way of reviewing without JavaScript."""
    form = await request.form(max_files=0, max_fields=8, max_part_size=64 * 1024)
    reviewer, used_token = _check_form(request, form, "give feedback")
    verdict = _text(form, "verdict") or ""
    store = state_of(request).store
    current = await run_in_threadpool(partial(store.reviews, document_id, finding_id=finding_id))
    mine = next((r for r in current if r.reviewer == reviewer), None)
    # A thumb changes the verdict (and the comment, when one is given) and keeps the reviewer's
    # corrections of the label, span and allegation fields.
    correction = Correction(
        verdict=verdict,
        comment=_text(form, "comment") or (mine.comment if mine else None),
        label=mine.label if mine else None,
        start=mine.start if mine else None,
        end=mine.end if mine else None,
        target=mine.target if mine else None,
        accuser=mine.accuser if mine else None,
        grade=mine.grade if mine else None,
    )
    review, tally = await run_in_threadpool(
        partial(store.put_review, document_id, finding_id, reviewer=reviewer, correction=correction)
    )
    if wants_json(request):
        response: Response = JSONResponse(
            {
                "feedback": review_mark(review).to_dict(),
                "review": review.to_dict(),
                "up": tally.up,
                "down": tally.down,
            },
            status_code=201,
        )
    else:
        key = _text(form, "key") or ""
        anchor = key if _KEY.fullmatch(key) else finding_id
        response = RedirectResponse(
            f"/documents/{document_id}?marked={finding_id}#finding-{anchor}", status_code=303
        )
    return sign_in(request, response, reviewer) if used_token else response
