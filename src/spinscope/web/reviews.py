"""Reviews over HTTP: review a finding, add a missed one, agreement, exports, sign-in, API docs.

The JSON routes (``/api/...``) are in the OpenAPI schema; each write is made by a named
reviewer (see :func:`spinscope.web.context.writer_of`). The pages (``/sign-in``,
``/agreement``, ``/export``) have JSON twins like every other page. ``/docs`` is FastAPI's
Swagger UI, with its script and style sheet served from the package (no CDN) and started by a
script file of its own, so the app's Content-Security-Policy holds there too.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache, partial
from importlib import resources
from typing import Annotated, Any, Final, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import JSONResponse, RedirectResponse, Response

from spinscope.errors import SpinscopeError
from spinscope.store import (
    EXPORT_FORMAT_TABLE,
    EXPORT_FORMATS,
    LOCAL,
    MAX_COMMENT,
    Correction,
    Review,
    agreement,
    export_reviews,
)
from spinscope.store.agreement import ALL_LABELS
from spinscope.store.reviewers import MAX_PASSWORD
from spinscope.store.reviews import MAX_NAME_FIELD
from spinscope.vocabulary import LAYERS, layer_title
from spinscope.web.context import render, state_of, wants_json, writer_of
from spinscope.web.security import AUTH_COOKIE, WebError

router = APIRouter(tags=["reviews"])

_ERRORS: Final[dict[int | str, dict[str, Any]]] = {
    400: {"description": "Bad input (a label, span or grade that does not fit)"},
    401: {"description": "No credential, or a token that is no one's"},
    403: {"description": "A request from another site, or a session without its CSRF value"},
    404: {"description": "No such document, finding or current review"},
    422: {"description": "The request does not fit the schema"},
    429: {"description": "Too many writes or refused tokens from this address"},
}


class ReviewIn(BaseModel):
    """A reviewer's review of a finding; a field left null keeps what the finding says."""

    model_config = ConfigDict(extra="forbid")

    verdict: Literal["up", "down"] | None = None
    comment: str | None = Field(default=None, max_length=MAX_COMMENT)
    label: str | None = Field(
        default=None, max_length=200, description="A corrected label of the finding's layer."
    )
    start: int | None = Field(default=None, description="A corrected start (character offset).")
    end: int | None = Field(default=None, description="A corrected end (exclusive).")
    target: str | None = Field(
        default=None,
        max_length=MAX_NAME_FIELD,
        description="An allegation's corrected target(s), names separated by ';'.",
    )
    accuser: str | None = Field(
        default=None,
        max_length=MAX_NAME_FIELD,
        description="An allegation's corrected accuser: 'author', a name or a source phrase.",
    )
    grade: str | None = Field(
        default=None, max_length=40, description="An allegation's corrected sourcing grade."
    )

    def correction(self) -> Correction:
        return Correction(**self.model_dump())


class FindingSpan(BaseModel):
    label: str
    start: int
    end: int


class ReviewOut(BaseModel):
    """One reviewer's current review. ``label``, ``start``, ``end``, ``target``, ``accuser``
    and ``grade`` are the reviewer's corrections (null: as found); ``finding`` is the finding
    as the detector (or the reviewer who added it) gave it."""

    document_id: str
    finding_id: str
    reviewer: str
    verdict: Literal["up", "down"] | None
    comment: str | None
    label: str | None
    start: int | None
    end: int | None
    target: str | None
    accuser: str | None
    grade: str | None
    added: bool = Field(description="A finding the reviewer added (the detectors missed it).")
    created: str
    layer: str
    finding: FindingSpan
    replaced: str | None = Field(description="When it was replaced or withdrawn (history only).")


class TallyOut(BaseModel):
    up: int
    down: int


class ReviewResult(BaseModel):
    review: ReviewOut | None
    tally: TallyOut


class AddedIn(BaseModel):
    """A finding the detectors missed."""

    model_config = ConfigDict(extra="forbid")

    layer: str = Field(max_length=40)
    label: str = Field(max_length=200)
    start: int
    end: int
    comment: str | None = Field(default=None, max_length=MAX_COMMENT)


class AddedOut(BaseModel):
    review: ReviewOut


class ReviewsOut(BaseModel):
    reviewer: str | None = Field(
        description="Who asks (null: no one signed in, on a server with a token)."
    )
    reviews: list[ReviewOut]


class PairOut(BaseModel):
    reviewers: list[str] = Field(description="Two reviewers.")
    items: int = Field(description="Findings both of them marked.")
    kappa: float | None = Field(description="Cohen's kappa over those findings.")
    observed: float = Field(description="The share of those findings they agree on.")


class AgreementRowOut(BaseModel):
    layer: str
    label: str = Field(description="A label, or '*' for all the layer's labels together.")
    items: int = Field(description="Findings marked by at least two reviewers.")
    reviewers: list[str]
    measure: Literal["kappa", "alpha"]
    kappa: float | None = Field(description="Cohen's kappa, when exactly two reviewers.")
    alpha: float | None = Field(description="Krippendorff's alpha (nominal).")
    observed: float | None = Field(description="The share of agreeing pairs of marks.")
    span_pairs: int = Field(description="Pairs of reviewers who both kept a shared finding.")
    span_exact: int = Field(description="... of them with the same boundaries.")
    span_overlap: int = Field(description="... overlapping by at least half the shorter span.")
    pairs: list[PairOut] = Field(description="Each pair of reviewers on the findings both marked.")


class AgreementOut(BaseModel):
    rows: list[AgreementRowOut]
    method: str


AGREEMENT_METHOD: Final = (
    "Each current review gives its finding a value: no (verdict down, or another label), yes "
    "(verdict up, an added finding, or only its span or allegation fields corrected). Added "
    "findings are the same item as a finding of the same document, layer and label that they "
    "overlap by at least half of the shorter span. Items marked by two or more reviewers are "
    "shared; Cohen's kappa when two reviewers marked them, Krippendorff's alpha (nominal) always."
)


def review_out(review: Review) -> ReviewOut:
    return ReviewOut.model_validate(review.to_dict())


def asking_reviewer(request: Request) -> str | None:
    """Who asks, for a read: by bearer token or session; ``local`` on a server without a token;
    None when no one is named (a wrong token names no one)."""
    guard = state_of(request).guard
    authorization = request.headers.get("authorization")
    if authorization:
        return guard.bearer_reviewer(authorization)
    reviewer = guard.session_reviewer(request.cookies.get(AUTH_COOKIE))
    if reviewer is not None:
        return reviewer
    return LOCAL if not guard.enabled else None


@router.put(
    "/api/documents/{document_id}/findings/{finding_id}/review",
    response_model=ReviewResult,
    responses=_ERRORS,
    summary="Review a finding (replaces your current review)",
)
async def put_review(
    request: Request, document_id: str, finding_id: str, body: ReviewIn
) -> ReviewResult:
    """Your one current review of a finding: a verdict, a comment, a corrected label or span,
    corrected allegation fields. It replaces your earlier one, which stays in the history; the
    answer has the finding's tally of current verdicts."""
    reviewer = writer_of(request, "review findings")
    review, tally = await run_in_threadpool(
        partial(
            state_of(request).store.put_review,
            document_id,
            finding_id,
            reviewer=reviewer,
            correction=body.correction(),
        )
    )
    return ReviewResult(review=review_out(review), tally=TallyOut(**tally.to_dict()))


@router.delete(
    "/api/documents/{document_id}/findings/{finding_id}/review",
    response_model=ReviewResult,
    responses=_ERRORS,
    summary="Withdraw your review of a finding",
)
async def withdraw_review(request: Request, document_id: str, finding_id: str) -> ReviewResult:
    """Withdraw your current review of a finding (the history keeps it)."""
    reviewer = writer_of(request, "review findings")
    tally = await run_in_threadpool(
        partial(state_of(request).store.withdraw_review, document_id, finding_id, reviewer=reviewer)
    )
    return ReviewResult(review=None, tally=TallyOut(**tally.to_dict()))


@router.post(
    "/api/documents/{document_id}/findings",
    response_model=AddedOut,
    status_code=201,
    responses=_ERRORS,
    summary="Add a finding the detectors missed",
)
async def add_finding(request: Request, document_id: str, body: AddedIn) -> AddedOut:
    """A span the detectors missed, with its layer and label: a new finding (its id starts with
    ``r``) and your review of it."""
    reviewer = writer_of(request, "add findings")
    review = await run_in_threadpool(
        partial(
            state_of(request).store.add_finding,
            document_id,
            reviewer=reviewer,
            layer=body.layer,
            label=body.label,
            start=body.start,
            end=body.end,
            comment=body.comment,
        )
    )
    return AddedOut(review=review_out(review))


@router.get(
    "/api/documents/{document_id}/reviews",
    response_model=ReviewsOut,
    responses={404: _ERRORS[404], 422: _ERRORS[422]},
)
async def document_reviews(
    request: Request,
    document_id: str,
    history: Annotated[bool, Query(description="Replaced and withdrawn ones too.")] = False,
) -> ReviewsOut:
    """Every reviewer's current reviews of the document's findings, oldest first, and who
    asks."""
    store = state_of(request).store
    if not await run_in_threadpool(store.has_document, document_id):
        raise WebError("E600", status=404, document_id=document_id)
    found = await run_in_threadpool(partial(store.reviews, document_id, history=history))
    return ReviewsOut(reviewer=asking_reviewer(request), reviews=[review_out(r) for r in found])


async def _agreement(request: Request, layer: str | None) -> AgreementOut:
    if layer is not None and layer not in LAYERS:
        raise WebError("E631", status=400, layer=layer[:40], valid=", ".join(LAYERS))
    reviews = await run_in_threadpool(state_of(request).store.reviews)
    rows = agreement(reviews, layer=layer)
    return AgreementOut(
        rows=[AgreementRowOut.model_validate(r.to_dict()) for r in rows], method=AGREEMENT_METHOD
    )


@router.get("/api/agreement", response_model=AgreementOut, responses={400: _ERRORS[400]})
async def agreement_json(
    request: Request,
    layer: Annotated[str | None, Query(max_length=40, json_schema_extra={"enum": LAYERS})] = None,
) -> AgreementOut:
    """Agreement between reviewers per layer (``*``) and per label: shared findings, Cohen's
    kappa or Krippendorff's alpha, and how their spans match."""
    return await _agreement(request, layer)


def _download(request: Request, format: str) -> Any:
    return run_in_threadpool(export_reviews, state_of(request).store, format)


@router.get(
    "/api/export",
    responses={
        200: {
            "description": "The file: "
            + "; ".join(f"`{f.name}`: {f.description}" for f in EXPORT_FORMAT_TABLE),
            "content": {f.media_type: {} for f in EXPORT_FORMAT_TABLE},
        },
        400: _ERRORS[400],
    },
)
async def export(
    request: Request,
    format: Annotated[
        str, Query(max_length=40, json_schema_extra={"enum": list(EXPORT_FORMATS)})
    ] = "jsonl",
) -> Response:
    """The current reviews as a file to download (``spinscope export`` writes the same)."""
    found = await _download(request, format)
    media = found.media_type
    if media.startswith("text/") or media.endswith("json") or media.endswith("ndjson"):
        media += "; charset=utf-8"
    return Response(
        found.body,
        media_type=media,
        headers={"content-disposition": f'attachment; filename="{found.filename}"'},
    )


# --- pages ------------------------------------------------------------------------------------


def _safe_next(value: str | None) -> str:
    """A local path to go to after signing in ("/" for anything else)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


@router.get("/sign-in", include_in_schema=False)
async def sign_in_page(request: Request) -> Response:
    if wants_json(request):
        return JSONResponse({"reviewer": asking_reviewer(request), "sign_in": "/sign-in"})
    nxt = _safe_next(request.query_params.get("next"))
    return render(request, "sign-in.html.j2", {"next": nxt, "error": None, "name": ""})


@router.post("/sign-in", include_in_schema=False)
async def sign_in(request: Request) -> Response:
    """Name and password, or a token: a session for that reviewer, then back to ``next``."""
    from spinscope.web.views import sign_in as start_session

    form = await request.form(max_files=0, max_fields=6, max_part_size=8 * 1024)
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    name = fields.get("name", "").strip()[:64]
    password = fields.get("password", "")[: MAX_PASSWORD + 1]
    token = fields.get("token", "").strip()[:200]
    nxt = _safe_next(fields.get("next"))
    state = state_of(request)
    reviewer: str | None = None
    if token:
        reviewer = state.guard.token_reviewer(token)
    elif name and password:
        reviewer = await run_in_threadpool(state.store.reviewer_for_password, name, password)
    if reviewer is None:
        error = WebError("E623", status=401)
        if wants_json(request):
            raise error
        context = {"next": nxt, "error": error, "name": name}
        return render(request, "sign-in.html.j2", context, status=401)
    response: Response
    if wants_json(request):
        response = JSONResponse({"reviewer": reviewer})
    else:
        response = RedirectResponse(quote(nxt, safe="/?=&%#"), status_code=303)
    return start_session(request, response, reviewer)


@router.get("/agreement", include_in_schema=False)
async def agreement_page(request: Request) -> Response:
    layer = request.query_params.get("layer") or None
    found = await _agreement(request, layer)
    if wants_json(request):
        return JSONResponse(found.model_dump())
    rows = [
        {**row.model_dump(), "layer_title": layer_title(row.layer), "all": row.label == ALL_LABELS}
        for row in found.rows
    ]
    context = {"rows": rows, "method": found.method, "layer": layer, "layers": LAYERS}
    return render(request, "agreement.html.j2", context)


@router.get("/export", include_in_schema=False)
async def export_page(request: Request) -> Response:
    formats = [
        {"name": f.name, "description": f.description, "href": f"/api/export?format={f.name}"}
        for f in EXPORT_FORMAT_TABLE
    ]
    if wants_json(request):
        return JSONResponse({"formats": formats})
    return render(request, "export.html.j2", {"formats": formats})


# --- the API docs -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def docs_manifest() -> dict[str, Any]:
    """The vendored Swagger UI's manifest (package, version, licence, each file's sha256)."""
    folder = resources.files("spinscope.web").joinpath("vendor", "swagger-ui")
    manifest: dict[str, Any] = json.loads(folder.joinpath("MANIFEST.json").read_text("utf-8"))
    return manifest


_ASSET_TYPES: Final = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


@lru_cache(maxsize=8)
def docs_asset(name: str) -> tuple[bytes, str]:
    """A file the docs page loads, checked against the manifest's sha256: E900 if it differs.
    ``init.js`` is spinscope's own starter script."""
    if name == "init.js":
        data = resources.files("spinscope.web").joinpath("assets", "docs-init.js").read_bytes()
        return data, _ASSET_TYPES[".js"]
    files: dict[str, str] = docs_manifest()["files"]
    if name not in files:
        raise WebError(
            "E606", status=404, method="GET", path=f"/docs/{name}", detail="no such file"
        )
    folder = resources.files("spinscope.web").joinpath("vendor", "swagger-ui")
    data = folder.joinpath(name).read_bytes()
    if hashlib.sha256(data).hexdigest() != files[name]:
        raise SpinscopeError("E900", detail=f"the bundled {name} does not match its manifest")
    suffix = name[name.rfind(".") :]
    return data, _ASSET_TYPES.get(suffix, "application/octet-stream")


@router.get("/docs", include_in_schema=False)
async def docs(request: Request) -> Response:
    """The API's interactive docs (Swagger UI, bundled) over ``/openapi.json``."""
    manifest = docs_manifest()
    context = {"swagger_version": manifest["version"], "licence": manifest["licence"]}
    return render(request, "docs.html.j2", context)


@router.get("/docs/{name}", include_in_schema=False)
async def docs_file(name: str) -> Response:
    data, media = docs_asset(name)
    return Response(data, media_type=media, headers={"cache-control": "public, max-age=86400"})
