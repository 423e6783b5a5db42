"""An ingested document as JSON: what corpus mode stores before any analysis runs.

The store keeps a document's text in ``documents.text`` and everything else the ingester found
(all metadata fields, parts, sentences, links) in ``documents.document_json``. A *payload* is both
together, a plain JSON-able dict: what a batch worker receives and turns back into the very same
:class:`~spinscope.document.Document` (checked: the id must be the sha256 of the text).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any, Final

from spinscope.document import Document, Link, Metadata, Part
from spinscope.errors import ModelError, SchemaError

DOCUMENT_SCHEMA: Final = "spinscope.document/1"
_META_FIELDS: Final = tuple(f.name for f in dataclasses.fields(Metadata))


def document_record(document: Document) -> dict[str, Any]:
    """Everything about a document except its text, as JSON-able data."""
    meta = {name: getattr(document.meta, name) for name in _META_FIELDS}
    meta["authors"] = list(document.meta.authors)
    return {
        "schema": DOCUMENT_SCHEMA,
        "meta": meta,
        "parts": [{"kind": p.kind, "start": p.start, "end": p.end} for p in document.parts],
        "sentences": [[s, e] for s, e in document.sentences],
        "links": [{"start": k.start, "end": k.end, "url": k.url} for k in document.links],
    }


def document_payload(document: Document) -> dict[str, Any]:
    """The whole document as JSON-able data: its record plus ``id`` and ``text``."""
    return {"id": document.id, "text": document.text, **document_record(document)}


def payload_from_row(
    document_id: str, text: str, record_json: str | None, columns: Mapping[str, Any]
) -> dict[str, Any]:
    """A payload from a stored row; a row without a record (saved with an analysis) gets its
    metadata from the row's columns and no parts, sentences or links."""
    if record_json is not None:
        try:
            record = json.loads(record_json)
        except ValueError as exc:
            raise SchemaError("E400", detail=f"stored document {document_id}: {exc}") from None
        if isinstance(record, dict):
            return {"id": document_id, "text": text, **record}
        raise SchemaError("E400", detail=f"stored document {document_id} is not an object")
    meta = {name: columns.get(name) for name in _META_FIELDS}
    authors = columns.get("authors")
    meta["authors"] = json.loads(authors) if isinstance(authors, str) else []
    return {
        "id": document_id,
        "text": text,
        "schema": DOCUMENT_SCHEMA,
        "meta": meta,
        "parts": [],
        "sentences": [],
        "links": [],
    }


def _str_or_none(meta: Mapping[str, Any], key: str) -> str | None:
    value = meta.get(key)
    if value is not None and not isinstance(value, str):
        raise SchemaError("E400", detail=f"document meta.{key} must be a string or null")
    return value


def document_from_payload(payload: Mapping[str, Any]) -> Document:
    """The Document a payload describes; SchemaError (E400) or ModelError if it is malformed."""
    if payload.get("schema") != DOCUMENT_SCHEMA:
        raise SchemaError("E400", detail=f"document schema is {payload.get('schema')!r}")
    text = payload.get("text")
    meta = payload.get("meta")
    if not isinstance(text, str) or not isinstance(meta, Mapping):
        raise SchemaError("E400", detail="a document needs a text and a meta object")
    authors = meta.get("authors") or []
    if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
        raise SchemaError("E400", detail="document meta.authors must be a list of strings")
    fields: dict[str, Any] = {n: _str_or_none(meta, n) for n in _META_FIELDS if n != "authors"}
    try:
        document = Document(
            text=text,
            meta=Metadata(authors=tuple(authors), **fields),
            parts=tuple(
                Part(kind=p["kind"], start=p["start"], end=p["end"])
                for p in payload.get("parts", [])
            ),
            sentences=tuple((int(s), int(e)) for s, e in payload.get("sentences", [])),
            links=tuple(
                Link(start=k["start"], end=k["end"], url=k["url"]) for k in payload.get("links", [])
            ),
        )
    except ModelError:
        raise  # its own code names the bad range or kind
    except (KeyError, TypeError, ValueError) as exc:
        raise SchemaError("E400", detail=f"malformed document entry ({exc})") from None
    expected = payload.get("id")
    if expected is not None and expected != document.id:
        raise SchemaError("E400", detail="document id is not the sha256 of its text")
    return document
