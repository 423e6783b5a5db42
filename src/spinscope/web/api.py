"""The HTTP API under ``/api``: analyse, list and read documents, give and export feedback.

Reviews, reviewers' agreement and exports have their own routes in :mod:`spinscope.web.reviews`.

Bodies and responses are pydantic models, so the app's OpenAPI schema (``/openapi.json``)
documents them. An analysis is returned exactly as the analysis JSON (``spinscope.analysis/1``,
see docs/analysis-json.md); its ``document.id`` names the stored document.
"""

from __future__ import annotations

import json
from datetime import date
from functools import partial
from typing import Annotated, Any, Final, Literal

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from starlette.datastructures import UploadFile
from starlette.responses import JSONResponse, Response

from spinscope.analysis import Analysis, analysis_json_schema
from spinscope.config import AnalysisConfig
from spinscope.errors import InputError
from spinscope.store import (
    MAX_COMMENT,
    MAX_LIMIT,
    Correction,
    DocumentPage,
    DocumentSummary,
    Feedback,
    Review,
    export_reviews,
)
from spinscope.version import __version__
from spinscope.web.context import state_of, writer_of
from spinscope.web.security import WebError
from spinscope.web.service import Upload, config_for

router = APIRouter(prefix="/api", tags=["api"])

MAX_TEXT: Final = 10_000_000  # characters of pasted text


class ErrorDetail(BaseModel):
    code: str = Field(description="A stable error code, listed in docs/errors.md.")
    message: str
    fix: str


class ErrorBody(BaseModel):
    """Every error the API returns."""

    error: ErrorDetail


class AnalyzeRequest(BaseModel):
    """An article to analyse: its ``text`` or a public ``url`` (exactly one)."""

    # The schema says what the validator below checks: one of the two, never both.
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "oneOf": [
                {"required": ["text"], "not": {"required": ["url"]}},
                {"required": ["url"], "not": {"required": ["text"]}},
            ]
        },
    )

    text: str | None = Field(default=None, max_length=MAX_TEXT, description="The article text.")
    url: str | None = Field(
        default=None, max_length=4096, description="An http(s) address on the public internet."
    )
    as_of: str | None = Field(
        default=None,
        max_length=64,
        description="ISO 8601 moment with a time zone that relative datelines are read against.",
        examples=["2025-04-29T18:00:00+00:00"],
    )
    language: str | None = Field(default=None, max_length=16, description="Force a language.")

    @model_validator(mode="after")
    def _one_input(self) -> AnalyzeRequest:
        if (self.text is None) == (self.url is None):
            raise ValueError("give exactly one of text and url")
        return self


class DocumentOut(BaseModel):
    id: str
    title: str | None
    authors: list[str]
    published: str | None
    url: str | None
    site: str | None
    language: str | None
    source: str | None
    created: str
    updated: str
    pipeline_version: str | None
    findings: int
    excerpt: str
    href: str = Field(description="The document's page; add ?format=json for its JSON twin.")


class DocumentList(BaseModel):
    items: list[DocumentOut]
    total: int
    limit: int
    offset: int


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    verdict: Literal["up", "down"]
    comment: str | None = Field(default=None, max_length=MAX_COMMENT)


class FeedbackOut(BaseModel):
    id: int
    document_id: str
    finding_id: str
    layer: str
    label: str
    start: int
    end: int
    verdict: Literal["up", "down"]
    comment: str | None
    created: str


class Health(BaseModel):
    status: Literal["ok"]
    version: str


ERRORS: Final[dict[int | str, dict[str, Any]]] = {
    400: {"model": ErrorBody, "description": "Bad input"},
    422: {"model": ErrorBody, "description": "The request does not fit the schema"},
}
WRITE_ERRORS: Final[dict[int | str, dict[str, Any]]] = {
    **ERRORS,
    401: {"model": ErrorBody, "description": "The server's token is missing or wrong"},
    403: {"model": ErrorBody, "description": "A request from another site"},
    413: {"model": ErrorBody, "description": "The body is too large"},
    429: {"model": ErrorBody, "description": "Too many writes or refused tokens from this address"},
}
BUSY: Final[dict[int | str, dict[str, Any]]] = {
    503: {
        "model": ErrorBody,
        "description": "The analysis queue is full (E611): send it again after `Retry-After` "
        "seconds",
        "headers": {
            "Retry-After": {
                "description": "Seconds to wait before sending it again",
                "schema": {"type": "integer"},
            }
        },
    }
}
NOT_FOUND: Final[dict[int | str, dict[str, Any]]] = {
    404: {"model": ErrorBody, "description": "No such document or finding"}
}
ANALYSIS_RESPONSE: Final[dict[str, Any]] = {
    "description": "The analysis JSON (schema spinscope.analysis/1).",
    "content": {"application/json": {"schema": analysis_json_schema()}},
}


def summary_out(item: DocumentSummary) -> DocumentOut:
    return DocumentOut(**item.to_dict(), href=f"/documents/{item.id}")


def page_out(page: DocumentPage) -> DocumentList:
    return DocumentList(
        items=[summary_out(i) for i in page.items],
        total=page.total,
        limit=page.limit,
        offset=page.offset,
    )


def feedback_out(mark: Feedback) -> FeedbackOut:
    return FeedbackOut.model_validate(mark.to_dict())


def review_mark(review: Review) -> Feedback:
    """A review as the older feedback record (its verdict must be set)."""
    return Feedback(
        id=review.id,
        document_id=review.document_id,
        finding_id=review.finding_id,
        layer=review.layer,
        label=review.finding_label,
        start=review.finding_start,
        end=review.finding_end,
        verdict=review.verdict or "",
        comment=review.comment,
        created=review.created,
    )


def _check_write(request: Request, action: str) -> str:
    return writer_of(request, action)


async def _json_body(request: Request) -> Any:
    raw = await request.body()
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise InputError("E152", detail=exc) from None


def _form_text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


async def analyze_request(request: Request) -> Analysis:
    """Read an analyse request (JSON or multipart), analyse the article and store it."""
    state = state_of(request)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    upload: Upload | None = None
    if kind == "application/json":
        try:
            body = AnalyzeRequest.model_validate(await _json_body(request))
        except ValidationError as exc:
            detail = "; ".join(e.get("msg", "invalid") for e in exc.errors()[:5])
            raise WebError(
                "E606", status=422, method="POST", path=request.url.path, detail=detail
            ) from None
        text, url, as_of, language = body.text, body.url, body.as_of, body.language
    elif kind == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=8, max_part_size=state.max_body)
        file = form.get("file")
        if isinstance(file, UploadFile) and file.filename:
            data = await file.read()
            upload = Upload(file.filename, file.content_type or "", data)
        text, url = _form_text(form.get("text")), _form_text(form.get("url"))
        as_of, language = _form_text(form.get("as_of")), _form_text(form.get("language"))
    else:
        raise WebError(
            "E606",
            status=415,
            method="POST",
            path=request.url.path,
            detail=f"unsupported content type {kind or 'none'!r}",
        )
    config = config_for(as_of=as_of, language=language)
    return await run_analysis(request, config, text=text, url=url, upload=upload)


async def run_analysis(
    request: Request,
    config: AnalysisConfig,
    *,
    text: str | None,
    url: str | None,
    upload: Upload | None,
) -> Analysis:
    """Read, analyse and store one input in a worker thread, holding a place in the analysis
    queue meanwhile: E611 (503, with ``Retry-After``) at once when the queue is full. The worker
    is not abandoned when the client goes away, so an admitted analysis is always stored."""
    analyzer = state_of(request).analyzer
    with analyzer.queue.admit():
        return await run_in_threadpool(analyzer.run, config, text=text, url=url, upload=upload)


@router.post(
    "/analyze",
    summary="Analyse an article and store it",
    responses={
        200: ANALYSIS_RESPONSE,
        **WRITE_ERRORS,
        **BUSY,
        415: {"model": ErrorBody, "description": "A body that is neither JSON nor a form"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": AnalyzeRequest.model_json_schema()},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "file": {"type": "string", "format": "binary"},
                            "text": {"type": "string"},
                            "url": {"type": "string"},
                            "as_of": {"type": "string"},
                            "language": {"type": "string"},
                        },
                    }
                },
            },
        }
    },
)
async def analyze(request: Request) -> Response:
    """Analyse ``{"text"}`` or ``{"url"}`` (JSON), or a text or HTML ``file`` (multipart).

    Re-analysing unchanged text gives the same ``document.id`` and the same stored row. When
    the server's analysis queue is full the answer is 503 (E611) at once, with ``Retry-After``.
    """
    _check_write(request, "analyse articles")
    analysis = await analyze_request(request)
    return JSONResponse(analysis.to_dict())


@router.get("/documents", response_model=DocumentList, responses=ERRORS)
async def list_documents(
    request: Request,
    q: Annotated[str | None, Query(max_length=500, description="Full-text search.")] = None,
    technique: Annotated[str | None, Query(max_length=200)] = None,
    label: Annotated[str | None, Query(max_length=200, description="A label of any layer.")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Part of a name.")] = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> DocumentList:
    """Stored documents, newest first, with the library's filters."""
    page = await run_in_threadpool(
        state_of(request).store.list_documents,
        query=q,
        technique=technique,
        label=label,
        actor=actor,
        date_from=date_from,
        date_to=date_to,
        limit=limit,
        offset=offset,
    )
    return page_out(page)


@router.get(
    "/documents/{document_id}",
    summary="A document's analysis",
    responses={200: ANALYSIS_RESPONSE, **NOT_FOUND, **ERRORS},
)
async def get_document(
    request: Request,
    document_id: str,
    pipeline_version: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    """The analysis JSON of a stored document (its latest analysis unless a version is named)."""
    store = state_of(request).store
    analysis = await run_in_threadpool(store.get_analysis, document_id, pipeline_version)
    return JSONResponse(analysis.to_dict())


@router.get(
    "/documents/{document_id}/feedback",
    response_model=list[FeedbackOut],
    responses={**NOT_FOUND, **ERRORS},
)
async def document_feedback(request: Request, document_id: str) -> list[FeedbackOut]:
    """The current verdict of each reviewer on each of the document's findings, oldest first."""
    store = state_of(request).store
    if not await run_in_threadpool(store.has_document, document_id):
        raise WebError("E600", status=404, document_id=document_id)
    return [feedback_out(m) for m in await run_in_threadpool(store.feedback, document_id)]


@router.post(
    "/documents/{document_id}/findings/{finding_id}/feedback",
    response_model=FeedbackOut,
    status_code=201,
    responses={**NOT_FOUND, **WRITE_ERRORS},
)
async def give_feedback(
    request: Request, document_id: str, finding_id: str, body: FeedbackIn
) -> FeedbackOut:
    """Mark a finding right (``up``) or wrong (``down``), with an optional comment: the
    writer's review of it (``PUT .../review`` says more)."""
    reviewer = _check_write(request, "give feedback")
    review, _tally = await run_in_threadpool(
        partial(
            state_of(request).store.put_review,
            document_id,
            finding_id,
            reviewer=reviewer,
            correction=Correction(verdict=body.verdict, comment=body.comment),
        )
    )
    return feedback_out(review_mark(review))


@router.get(
    "/feedback/export",
    responses={
        200: {
            "description": "JSONL (one current review per line) or PTC labels (tab-separated).",
            "content": {"application/x-ndjson": {}, "text/tab-separated-values": {}},
        },
        **ERRORS,
    },
)
async def export_feedback(request: Request, format: Literal["jsonl", "ptc"] = "jsonl") -> Response:
    """The current reviews as JSONL, or kept technique findings as PTC labels: the first two
    formats of ``/api/export``, which has them all."""
    export = await run_in_threadpool(export_reviews, state_of(request).store, format)
    return Response(export.body, media_type=f"{export.media_type}; charset=utf-8")


@router.get("/corpus", responses=ERRORS)
async def corpus(request: Request) -> dict[str, Any]:
    """The corpus view over every analysed document: summary, near-duplicate and translation
    pairs, republication chains, narratives and weekly trends per outlet (as the corpus report)."""
    state = state_of(request)
    view = await run_in_threadpool(state.corpus.get, state.store)
    return view.corpus.to_dict()


@router.get("/health", response_model=Health)
async def health() -> Health:
    """Whether the server is up, and its version."""
    return Health(status="ok", version=__version__)
