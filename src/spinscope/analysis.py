"""The analysis: a Document, its findings and actors, what was not analysed, and the pipeline.

Its JSON form (schema ``spinscope.analysis/1``, documented in docs/analysis-json.md) is what every
renderer, the store and the web app consume. :func:`analysis_from_dict` reads it back into exactly
the same objects: ``analysis_from_dict(analysis.to_dict()) == analysis``.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Final, Literal

from pydantic import ConfigDict, TypeAdapter

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
from spinscope.records import NO_ATTRS, RECORD_CONFIG, Actor, from_data, to_data
from spinscope.vocabulary import LAYER_BY_NAME

SCHEMA: Final = "spinscope.analysis/1"

# Why a component did not run on a document:
# - unsupported_language: the component does not declare the document's language;
# - unidentified_language: the pipeline identifies languages and could not tell this one;
# - missing_input: it reads a product (the actors' cast) of a component that did not run.
NotAnalysedReason = Literal["unsupported_language", "unidentified_language", "missing_input"]


@dataclass(frozen=True, slots=True)
class NotAnalysed:
    """A language-bound component that did not run on this document, and why."""

    __pydantic_config__: ClassVar[ConfigDict] = RECORD_CONFIG

    component: str  # the component's name, as the registry holds it
    language: str | None  # the document's language (ISO 639-1), None when not identified
    reason: NotAnalysedReason
    needs: str | None = None  # missing_input: the component (not analysed) whose product it reads


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
    actors: tuple[Actor, ...] = ()
    not_analysed: tuple[NotAnalysed, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        return {
            "schema": SCHEMA,
            **document_to_data(doc),
            "findings": [finding_to_dict(s, doc.text) for s in self.findings],
            "actors": [to_data(a) for a in self.actors],
            "not_analysed": [to_data(n) for n in self.not_analysed],
            "pipeline": {
                "version": self.pipeline.version,
                "components": list(self.pipeline.components),
                "config": dict(self.pipeline.config),
            },
        }

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def document_to_data(document: Document, *, text: bool = True) -> dict[str, Any]:
    """A document as the analysis JSON holds it: ``document`` (id, metadata, text), ``parts``,
    ``sentences`` and ``links``. The store keeps the same blocks (without the text)."""
    block: dict[str, Any] = {"id": document.id, **to_data(document.meta)}
    if text:
        block["text"] = document.text
    return {
        "document": block,
        "parts": [to_data(p) for p in document.parts],
        "sentences": [[s, e] for s, e in document.sentences],
        "links": [to_data(k) for k in document.links],
    }


def document_from_data(data: Mapping[str, Any]) -> Document:
    """The Document that :func:`document_to_data` wrote, checked as it is read: SchemaError
    (E400) for a malformed entry, ModelError for ranges that do not fit the text."""
    d = _field(data, "document", Mapping, "analysis")
    text = _field(d, "text", str, "document")
    if d.get("id") != text_id(text):
        raise SchemaError("E400", detail="document.id is not the sha256 of document.text")
    meta = from_data(Metadata, {k: v for k, v in d.items() if k not in ("id", "text")}, "document")
    return Document(
        text=text,
        meta=meta,
        parts=tuple(from_data(Part, p, "part") for p in _field(data, "parts", list, "analysis")),
        sentences=tuple(_pair(s) for s in data.get("sentences", [])),
        links=tuple(from_data(Link, k, "link") for k in data.get("links", [])),
    )


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
    out.update(to_data(span.attrs))
    return out


def _field(obj: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in obj:
        raise SchemaError("E400", detail=f"{where} has no {key!r}")
    value = obj[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise SchemaError("E400", detail=f"{where}.{key} has the wrong type")
    return value


def analysis_from_dict(data: Any) -> Analysis:
    """Read an analysis back from its JSON form, checking it as it goes."""
    if not isinstance(data, Mapping):
        raise SchemaError("E400", detail="the top level is not an object")
    if data.get("schema") != SCHEMA:
        raise SchemaError("E400", detail=f"schema is {data.get('schema')!r}, expected {SCHEMA!r}")
    try:
        document = document_from_data(data)
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
    # Analyses written before components declared their languages have no such list.
    skipped = _field(data, "not_analysed", list, "analysis") if "not_analysed" in data else []
    return Analysis(
        document=document,
        findings=sorted_spans(findings),
        pipeline=PipelineInfo(
            version=_field(p, "version", str, "pipeline"),
            components=tuple(str(c) for c in components),
            config=dict(p.get("config") or {}),
        ),
        actors=tuple(from_data(Actor, a, f"actors[{i}]") for i, a in enumerate(actors)),
        not_analysed=tuple(
            from_data(NotAnalysed, n, f"not_analysed[{i}]") for i, n in enumerate(skipped)
        ),
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
    layer = _field(f, "layer", str, "finding")
    declared = LAYER_BY_NAME.get(layer)
    if declared is None:
        raise SchemaError("E400", detail=f"finding {f.get('id')} has an unknown layer {layer!r}")
    given = {k: v for k, v in f.items() if k not in FINDING_FIELDS}
    attrs = from_data(declared.attrs, given, f"finding {f.get('id')}") if given else NO_ATTRS
    span = make_span(
        document,
        _field(f, "start", int, "finding"),
        _field(f, "end", int, "finding"),
        layer=layer,
        label=_field(f, "label", str, "finding"),
        score=_field(f, "score", (int, float), "finding"),
        detector=_field(f, "detector", str, "finding"),
        explanation=_field(f, "explanation", str, "finding"),
        attrs=attrs,
    )
    if "text" in f and f["text"] != span.text_in(document):
        raise SchemaError("E400", detail=f"finding {f.get('id')} text does not match its offsets")
    return span


def analysis_from_json(raw: str | bytes) -> Analysis:
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise SchemaError("E400", detail=f"invalid JSON ({exc})") from None
    return analysis_from_dict(data)


def analysis_json_schema() -> dict[str, Any]:
    """The JSON Schema of the analysis JSON, derived from the records it is written from: each
    layer's findings carry the base fields plus that layer's attribute record."""
    finding_base: list[tuple[str, Any]] = [
        ("id", str),
        ("label", str),
        ("start", int),
        ("end", int),
        ("text", str),
        ("score", float),
        ("detector", str),
        ("explanation", str),
    ]
    # A finding made without attributes (NO_ATTRS) has the base fields only, on any layer.
    bare = dataclasses.make_dataclass(
        "Finding",
        [("layer", Literal.__getitem__(tuple(LAYER_BY_NAME))), *finding_base],
        namespace={"__pydantic_config__": RECORD_CONFIG},
    )
    findings: list[Any] = [bare]
    for layer in LAYER_BY_NAME.values():
        attrs = [(f.name, f.type) for f in dataclasses.fields(layer.attrs)]
        if not attrs:
            continue
        findings.append(
            dataclasses.make_dataclass(
                f"{layer.name.title()}Finding",
                [("layer", Literal.__getitem__(layer.name)), *finding_base, *attrs],
                namespace={"__module__": "spinscope.records", "__pydantic_config__": RECORD_CONFIG},
            )
        )
    document = dataclasses.make_dataclass(
        "DocumentBlock",
        [("id", str), *((f.name, f.type) for f in dataclasses.fields(Metadata)), ("text", str)],
        namespace={"__module__": "spinscope.document", "__pydantic_config__": RECORD_CONFIG},
    )
    pipeline = dataclasses.make_dataclass(
        "PipelineBlock",
        [("version", str), ("components", list[str]), ("config", dict[str, Any])],
    )
    wire = dataclasses.make_dataclass(
        "Analysis",
        [
            ("schema", Literal["spinscope.analysis/1"]),
            ("document", document),
            ("parts", list[Part]),
            ("sentences", list[tuple[int, int]]),
            ("links", list[Link]),
            ("findings", list.__class_getitem__(functools.reduce(operator.or_, findings))),
            ("actors", list[Actor]),
            ("not_analysed", list[NotAnalysed]),
            ("pipeline", pipeline),
        ],
    )
    schema = TypeAdapter(wire).json_schema()
    defs = schema.pop("$defs", {})

    def inline(node: Any) -> Any:  # the records hold no cycles, so every reference inlines
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return inline(defs[ref.removeprefix("#/$defs/")])
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    inlined: dict[str, Any] = inline(schema)
    return inlined
