"""JSON Lines (one article object a line) and JSON files (one object, or a list of them).

Each object needs a non-empty string "text"; it may also give "title", "authors" (a list of
strings, or one string with names separated by ";"), "published", "url",
"original_source_url", "site", "language" and "id" or "source". A bad line is skipped with
its reason (E108) and the other lines go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Final

from spinscope.document import Document, Metadata, Skipped
from spinscope.errors import InputError
from spinscope.ingest.decode import decode_bytes, normalise_text, without_surrogates
from spinscope.ingest.meta import iso_date, language_code, split_authors, web_url
from spinscope.ingest.options import DEFAULT_OPTIONS, IngestOptions
from spinscope.ingest.text import read_text

STRING_FIELDS: Final = ("title", "published", "url", "original_source_url", "site", "language")

Record = tuple[str, Document | InputError]


def _bad(where: str, detail: str) -> InputError:
    return InputError("E108", source=where, detail=detail)


def _clean(value: object) -> object:
    """A field with its lone surrogates replaced (a string, or a list of them as authors)."""
    if isinstance(value, str):
        return without_surrogates(value)
    if isinstance(value, list):
        return [without_surrogates(v) if isinstance(v, str) else v for v in value]
    return value


def _string(record: dict[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _bad(where, f"{key!r} must be a string, not {type(value).__name__}")
    return " ".join(normalise_text(value).split()) or None


def _authors(record: dict[str, Any], where: str) -> tuple[str, ...]:
    value = record.get("authors")
    if value is None:
        return ()
    if isinstance(value, str):
        return split_authors(value)
    if isinstance(value, list) and all(isinstance(a, str) for a in value):
        return tuple(dict.fromkeys(n for n in (" ".join(a.split()) for a in value) if n))
    raise _bad(where, "'authors' must be a list of strings or a string")


def _own_source(record: dict[str, Any], where: str) -> str | None:
    for key in ("source", "id"):
        value = record.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise _bad(where, f"{key!r} must be a string or an integer")
        return str(value) if str(value).strip() else None
    return None


def record_document(record: object, *, where: str) -> Document:
    """A Document from one decoded JSON value; E108 naming the problem if it is not one.

    ``meta.source`` is the record's own "source" or "id" when it gives one, else ``where``
    (the file and line, or the file and position in a list).
    """
    if not isinstance(record, dict):
        raise _bad(where, f"expected a JSON object, found {type(record).__name__}")
    record = {key: _clean(value) for key, value in record.items()}
    text = record.get("text")
    if text is None:
        raise _bad(where, "no 'text' field")
    if not isinstance(text, str):
        raise _bad(where, f"'text' must be a string, not {type(text).__name__}")
    if not normalise_text(text).strip():
        raise _bad(where, "'text' is blank")
    fields = {key: _string(record, key, where) for key in STRING_FIELDS}
    raw_date = fields["published"]
    meta = Metadata(
        title=fields["title"],
        authors=_authors(record, where),
        published=iso_date(raw_date),
        published_raw=raw_date,
        url=web_url(fields["url"]),
        original_source_url=web_url(fields["original_source_url"]),
        site=fields["site"],
        language=language_code(fields["language"]),
        source=_own_source(record, where) or where,
    )
    return read_text(text, source=where, metadata=meta)


def _decoded(data: bytes, *, source: str, options: IngestOptions) -> str:
    text = normalise_text(decode_bytes(data, source=source, encoding=options.encoding))
    if not text.strip():
        raise InputError("E101", source=source)
    return text


def jsonl_records(
    data: bytes, *, source: str, options: IngestOptions | None = None
) -> Iterator[Record]:
    """(where, Document or the line's error) for each non-blank line; raises for the whole file."""
    text = _decoded(data, source=source, options=options or DEFAULT_OPTIONS)
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            value = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield where, _bad(where, f"invalid JSON: {exc}")
            continue
        try:
            yield where, record_document(value, where=where)
        except InputError as exc:
            yield where, exc


def json_records(
    data: bytes, *, source: str, options: IngestOptions | None = None
) -> Iterator[Record]:
    """Records of a .json file: one object, or a list of objects (``source#1``, ``source#2``...)."""
    text = _decoded(data, source=source, options=options or DEFAULT_OPTIONS)
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise _bad(source, f"invalid JSON: {exc}") from None
    if not isinstance(value, list):
        yield source, record_document(value, where=source)
        return
    if not value:
        raise InputError("E101", source=source)
    for index, item in enumerate(value, start=1):
        where = f"{source}#{index}"
        try:
            yield where, record_document(item, where=where)
        except InputError as exc:
            yield where, exc


def as_items(records: Iterator[Record]) -> Iterator[Document | Skipped]:
    for where, result in records:
        if isinstance(result, InputError):
            yield Skipped.from_exception(where, result)
        else:
            yield result


def read_jsonl(
    data: bytes, *, source: str, options: IngestOptions | None = None
) -> Iterator[Document | Skipped]:
    """One Document per good line; Skipped(source=f"{source}:{lineno}", code E108) per bad one.

    Raises (on first iteration) E101/E102/E104 when the file as a whole cannot be read.
    """
    return as_items(jsonl_records(data, source=source, options=options))
