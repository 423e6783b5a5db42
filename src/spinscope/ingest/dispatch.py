"""Bytes of a known or sniffed kind to Documents: the one switch every input goes through."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Final

from spinscope.document import Document, Skipped
from spinscope.errors import InputError
from spinscope.ingest.decode import check_binary, decode_declared
from spinscope.ingest.feeds import FEED_ROOTS, feed_items, preview_text, read_feed, xml_root
from spinscope.ingest.html import read_html
from spinscope.ingest.jsonl import as_items, json_records, jsonl_records
from spinscope.ingest.options import DEFAULT_OPTIONS, IngestOptions
from spinscope.ingest.text import read_text

KINDS: Final = ("text", "html", "feed", "jsonl", "json")
_HTML_START: Final = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_HTML_INSIDE: Final = re.compile(r"<(?:body|p)[\s>]", re.I)


def _all_json_lines(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    try:
        for line in lines:
            json.loads(line)
    except ValueError:
        return False
    return bool(lines)


def sniff_kind(data: bytes) -> str:
    """What bytes of unknown type hold: "feed", "html", "json", "jsonl" or "text".

    A feed has an XML root rss, feed or RDF; HTML starts with a doctype or <html>, or has a
    <body> or <p>; JSON parses whole; JSON Lines starts with "{" and every non-blank line
    parses; anything else is text.
    """
    preview = preview_text(data)
    root = xml_root(preview)
    if root in FEED_ROOTS:
        return "feed"
    if root == "html" or _HTML_START.match(preview) or _HTML_INSIDE.search(preview):
        return "html"
    first = preview.lstrip("\ufeff \t\r\n")[:1]
    if first in ("{", "["):
        text = preview_text(data, limit=len(data))
        try:
            json.loads(text)
        except ValueError:
            if first == "{" and _all_json_lines(text):
                return "jsonl"
        else:
            return "json"
    return "text"


def read_items(
    data: bytes,
    *,
    source: str,
    kind: str | None = None,
    options: IngestOptions | None = None,
    url: str | None = None,
    charset: str | None = None,
) -> Iterator[Document | Skipped]:
    """Documents from bytes, and Skipped for the parts (lines, items) that cannot be read.

    Raises InputError when the bytes as a whole cannot be read. ``charset`` is a declared
    encoding (an HTTP header's); ``url`` is where the bytes were fetched from.
    """
    opts = options or DEFAULT_OPTIONS
    if len(data) > opts.max_bytes:
        raise InputError("E103", source=source, size=len(data), cap=opts.max_bytes)
    if not data.strip():
        raise InputError("E101", source=source)
    if kind is None:
        check_binary(data, source=source)
        kind = sniff_kind(data)
    if kind == "html":
        return iter([read_html(data, source=source, url=url, options=opts, http_charset=charset)])
    if kind == "feed":
        return iter(feed_items(data, source=source, options=opts))
    if kind == "jsonl":
        return as_items(jsonl_records(data, source=source, options=opts))
    if kind == "json":
        return as_items(json_records(data, source=source, options=opts))
    if kind == "text":
        text = decode_declared(data, source=source, encoding=opts.encoding, declared=(charset,))
        document = read_text(text, source=source)
        if url:
            document = document.evolve(meta=document.meta.evolve(url=url))
        return iter([document])
    raise InputError(
        "E109",
        option="kind",
        value=kind,
        detail=f"kinds are {', '.join(KINDS)}",
        fix="leave it out to sniff the kind",
    )


def read_bytes(
    data: bytes,
    *,
    source: str,
    kind: str | None = None,
    options: IngestOptions | None = None,
    url: str | None = None,
) -> list[Document]:
    """Documents from bytes of a kind ("text", "html", "feed", "jsonl", "json"; None sniffs).

    Strict: raises InputError for anything it cannot read, a single bad JSONL line included.
    Feed items without text are left out (E107 if none is left).
    """
    opts = options or DEFAULT_OPTIONS
    if len(data) > opts.max_bytes:
        raise InputError("E103", source=source, size=len(data), cap=opts.max_bytes)
    if kind is None:
        check_binary(data, source=source)
        kind = sniff_kind(data)
    if kind == "feed":
        return read_feed(data, source=source, options=opts)
    if kind in ("jsonl", "json"):
        read_records = jsonl_records if kind == "jsonl" else json_records
        documents: list[Document] = []
        for _where, result in read_records(data, source=source, options=opts):
            if isinstance(result, InputError):
                raise result
            documents.append(result)
        return documents
    return [
        item
        for item in read_items(data, source=source, kind=kind, options=opts, url=url)
        if isinstance(item, Document)
    ]
