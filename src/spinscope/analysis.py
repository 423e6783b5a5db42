"""The analysis: a Document, its findings and actors, and the pipeline that made them.

Its JSON form (schema ``spinscope.analysis/1``, documented in docs/analysis-json.md) is what every
renderer, the store and the web app consume. :func:`analysis_from_dict` reads it back into exactly
the same objects: ``analysis_from_dict(analysis.to_dict()) == analysis``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from spinscope.document import (
    FINDING_FIELDS,
    Document,
    Link,
    Metadata,
    Part,
    Span,
    make_span,
    sorted_spans,
    text_id,
)
from spinscope.errors import ModelError, SchemaError

SCHEMA: Final = "spinscope.analysis/1"


@dataclass(frozen=True, slots=True)
class PipelineInfo:
    """Which pipeline produced an analysis: its version and each component as ``name@version``."""

    version: str
    components: tuple[str, ...]
    config: Mapping[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class Analysis:
    """One article's analysis."""

    document: Document
    findings: tuple[Span, ...]
    pipeline: PipelineInfo
    actors: tuple[Mapping[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        meta = doc.meta
        return {
            "schema": SCHEMA,
            "document": {
                "id": doc.id,
                "title": meta.title,
                "authors": list(meta.authors),
                "published": meta.published,
                "published_raw": meta.published_raw,
                "url": meta.url,
                "original_source_url": meta.original_source_url,
                "site": meta.site,
                "language": meta.language,
                "source": meta.source,
                "text": doc.text,
            },
            "parts": [{"kind": p.kind, "start": p.start, "end": p.end} for p in doc.parts],
            "sentences": [[s, e] for s, e in doc.sentences],
            "links": [{"start": k.start, "end": k.end, "url": k.url} for k in doc.links],
            "findings": [finding_to_dict(s, doc.text) for s in self.findings],
            "actors": [dict(a) for a in self.actors],
            "pipeline": {
                "version": self.pipeline.version,
                "components": list(self.pipeline.components),
                "config": dict(self.pipeline.config),
            },
        }

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def finding_to_dict(span: Span, text: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": span.id,
        "layer": span.layer,
        "label": span.label,
        "start": span.start,
        "end": span.end,
        "text": text[span.start : span.end],
        "score": span.score,
        "detector": span.detector,
        "explanation": span.explanation,
    }
    out.update(span.attrs)
    return out


def _field(obj: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in obj:
        raise SchemaError("E400", detail=f"{where} has no {key!r}")
    value = obj[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise SchemaError("E400", detail=f"{where}.{key} has the wrong type")
    return value


def _opt_str(obj: Mapping[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise SchemaError("E400", detail=f"document.{key} must be a string or null")
    return value


def analysis_from_dict(data: Any) -> Analysis:
    """Read an analysis back from its JSON form, checking it as it goes."""
    if not isinstance(data, Mapping):
        raise SchemaError("E400", detail="the top level is not an object")
    if data.get("schema") != SCHEMA:
        raise SchemaError("E400", detail=f"schema is {data.get('schema')!r}, expected {SCHEMA!r}")
    d = _field(data, "document", Mapping, "analysis")
    text = _field(d, "text", str, "document")
    if d.get("id") != text_id(text):
        raise SchemaError("E400", detail="document.id is not the sha256 of document.text")
    authors = _field(d, "authors", list, "document")
    if not all(isinstance(a, str) for a in authors):
        raise SchemaError("E400", detail="document.authors must be strings")
    meta = Metadata(
        title=_opt_str(d, "title"),
        authors=tuple(authors),
        published=_opt_str(d, "published"),
        published_raw=_opt_str(d, "published_raw"),
        url=_opt_str(d, "url"),
        original_source_url=_opt_str(d, "original_source_url"),
        site=_opt_str(d, "site"),
        language=_opt_str(d, "language"),
        source=_opt_str(d, "source"),
    )
    try:
        parts = tuple(
            Part(
                kind=_field(p, "kind", str, "part"),
                start=_field(p, "start", int, "part"),
                end=_field(p, "end", int, "part"),
            )
            for p in _field(data, "parts", list, "analysis")
        )
        sentences = tuple(_pair(s) for s in data.get("sentences", []))
        links = tuple(
            Link(
                start=_field(k, "start", int, "link"),
                end=_field(k, "end", int, "link"),
                url=_field(k, "url", str, "link"),
            )
            for k in data.get("links", [])
        )
        document = Document(text=text, meta=meta, parts=parts, sentences=sentences, links=links)
        findings = tuple(
            _finding_from_dict(f, document) for f in _field(data, "findings", list, "analysis")
        )
    except ModelError as exc:
        raise SchemaError("E400", detail=exc.message) from None
    except (TypeError, AttributeError) as exc:
        raise SchemaError("E400", detail=f"malformed entry ({exc})") from None
    p = _field(data, "pipeline", Mapping, "analysis")
    components = _field(p, "components", list, "pipeline")
    actors = _field(data, "actors", list, "analysis")
    if not all(isinstance(a, Mapping) for a in actors):
        raise SchemaError("E400", detail="actors must be objects")
    return Analysis(
        document=document,
        findings=sorted_spans(findings),
        pipeline=PipelineInfo(
            version=_field(p, "version", str, "pipeline"),
            components=tuple(str(c) for c in components),
            config=dict(p.get("config") or {}),
        ),
        actors=tuple(dict(a) for a in actors),
    )


def _pair(value: Any) -> tuple[int, int]:
    if (
        not isinstance(value, Sequence)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise SchemaError("E400", detail="a sentence must be a [start, end] pair")
    return (value[0], value[1])


def _finding_from_dict(f: Mapping[str, Any], document: Document) -> Span:
    span = make_span(
        document,
        _field(f, "start", int, "finding"),
        _field(f, "end", int, "finding"),
        layer=_field(f, "layer", str, "finding"),
        label=_field(f, "label", str, "finding"),
        score=_field(f, "score", (int, float), "finding"),
        detector=_field(f, "detector", str, "finding"),
        explanation=_field(f, "explanation", str, "finding"),
        attrs={k: v for k, v in f.items() if k not in FINDING_FIELDS},
    )
    if "text" in f and f["text"] != span.text_in(document):
        raise SchemaError("E400", detail=f"finding {f.get('id')} text does not match its offsets")
    return span


def analysis_from_json(raw: str | bytes) -> Analysis:
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise SchemaError("E400", detail=f"invalid JSON ({exc})") from None
    return analysis_from_dict(data)
