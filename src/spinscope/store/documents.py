"""An ingested document as JSON: what corpus mode stores before any analysis runs.

The store keeps a document's text in ``documents.text`` and everything else the ingester found
(all metadata fields, parts, sentences, links) in ``documents.document_json``. A *payload* is both
together, a plain JSON-able dict: what a batch worker receives and turns back into the very same
:class:`~spinscope.document.Document` (checked: the id must be the sha256 of the text).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from spinscope.analysis import document_from_data, document_to_data
from spinscope.document import Document, Metadata
from spinscope.errors import SchemaError
from spinscope.records import field_names

DOCUMENT_SCHEMA: Final = "spinscope.document/2"
# Version 1 kept the metadata in a "meta" object of its own; it is still read.
_DOCUMENT_SCHEMA_1: Final = "spinscope.document/1"
_META_FIELDS: Final = field_names(Metadata)


def document_record(document: Document) -> dict[str, Any]:
    """Everything about a document except its text, as JSON-able data: the analysis JSON's
    ``document`` (without ``text``), ``parts``, ``sentences`` and ``links``."""
    return {"schema": DOCUMENT_SCHEMA, **document_to_data(document, text=False)}


def document_payload(document: Document) -> dict[str, Any]:
    """The whole document as JSON-able data: its record with the text in ``document.text``."""
    return {"schema": DOCUMENT_SCHEMA, **document_to_data(document)}


def _upgrade(record: Mapping[str, Any]) -> dict[str, Any]:
    """A version 1 record in the current shape (its "meta" becomes the "document" block)."""
    if record.get("schema") != _DOCUMENT_SCHEMA_1:
        return dict(record)
    meta = record.get("meta")
    rest = {k: v for k, v in record.items() if k != "meta"}
    return {**rest, "schema": DOCUMENT_SCHEMA, "document": dict(meta or {})}


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
        if not isinstance(record, dict):
            raise SchemaError("E400", detail=f"stored document {document_id} is not an object")
        record = _upgrade(record)
        block = record.get("document")
        if not isinstance(block, dict):
            raise SchemaError("E400", detail=f"stored document {document_id} has no document")
        return {**record, "document": {**block, "id": document_id, "text": text}}
    meta = {name: columns.get(name) for name in _META_FIELDS}
    authors = columns.get("authors")
    meta["authors"] = json.loads(authors) if isinstance(authors, str) else []
    return {
        "schema": DOCUMENT_SCHEMA,
        "document": {"id": document_id, **meta, "text": text},
        "parts": [],
        "sentences": [],
        "links": [],
    }


def payload_field(payload: Mapping[str, Any], key: str) -> str:
    """A string field of a payload's ``document`` block ("" when absent or not a string)."""
    block = payload.get("document")
    value = block.get(key) if isinstance(block, Mapping) else None
    return value if isinstance(value, str) else ""


def document_from_payload(payload: Mapping[str, Any]) -> Document:
    """The Document a payload describes; SchemaError (E400) or ModelError if it is malformed."""
    payload = _upgrade(payload)
    if payload.get("schema") != DOCUMENT_SCHEMA:
        raise SchemaError("E400", detail=f"document schema is {payload.get('schema')!r}")
    return document_from_data(payload)
