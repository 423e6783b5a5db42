"""Bytes of a known or sniffed kind to Documents: the one table every input goes through.

:data:`FORMATS` declares each input kind once: the file suffixes and HTTP content types that name
it, whether it holds one article, and its reader. The CLI and corpus ingest (files and folders),
the URL fetcher (content types) and the web upload (one-article kinds) all read this table, and
each entry point's E105 lists exactly the suffixes it accepts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from spinscope.document import Document, Skipped
from spinscope.errors import InputError
from spinscope.ingest.decode import check_binary, decode_declared
from spinscope.ingest.feeds import (
    FEED_ROOTS,
    feed_items,
    html_start,
    preview_text,
    read_feed,
    xml_root,
)
from spinscope.ingest.html import read_html
from spinscope.ingest.jsonl import as_items, json_records, jsonl_records
from spinscope.ingest.options import DEFAULT_OPTIONS, IngestOptions
from spinscope.ingest.text import read_text

Item = Document | Skipped


@dataclass(frozen=True, slots=True)
class Format:
    """One input kind: the names it goes by and the reader that turns its bytes into items."""

    kind: str
    suffixes: tuple[str, ...]  # lower case, with the dot
    content_types: tuple[str, ...]  # HTTP content types a server may send it as
    single: bool  # holds one article (so one upload is one document)
    # (data, source, options, url, declared charset) -> items
    read: Callable[[bytes, str, IngestOptions, str | None, str | None], Iterator[Item]]


def _read_text(
    data: bytes, source: str, opts: IngestOptions, url: str | None, charset: str | None
) -> Iterator[Item]:
    text = decode_declared(data, source=source, encoding=opts.encoding, declared=(charset,))
    document = read_text(text, source=source)
    if url:
        document = document.evolve(meta=document.meta.evolve(url=url))
    return iter([document])


def _read_html(
    data: bytes, source: str, opts: IngestOptions, url: str | None, charset: str | None
) -> Iterator[Item]:
    return iter([read_html(data, source=source, url=url, options=opts, http_charset=charset)])


FORMATS: Final[tuple[Format, ...]] = (
    Format("text", (".txt", ".md", ".text"), ("text/plain",), True, _read_text),
    Format(
        "html",
        (".html", ".htm", ".xhtml"),
        ("text/html", "application/xhtml+xml"),
        True,
        _read_html,
    ),
    Format(
        "feed",
        (".xml", ".rss", ".atom"),
        (
            "application/rss+xml",
            "application/atom+xml",
            "application/rdf+xml",
            "application/xml",
            "text/xml",
        ),
        False,
        lambda data, source, opts, url, charset: iter(
            feed_items(data, source=source, options=opts)
        ),
    ),
    Format(
        "jsonl",
        (".jsonl", ".ndjson"),
        (),
        False,
        lambda data, source, opts, url, charset: as_items(
            jsonl_records(data, source=source, options=opts)
        ),
    ),
    Format(
        "json",
        (".json",),
        (),
        False,
        lambda data, source, opts, url, charset: as_items(
            json_records(data, source=source, options=opts)
        ),
    ),
)
FORMAT_BY_KIND: Final[Mapping[str, Format]] = MappingProxyType({f.kind: f for f in FORMATS})
KINDS: Final[tuple[str, ...]] = tuple(f.kind for f in FORMATS)
SUFFIX_KINDS: Final[Mapping[str, str]] = MappingProxyType(
    {suffix: f.kind for f in FORMATS for suffix in f.suffixes}
)
CONTENT_KINDS: Final[Mapping[str, str]] = MappingProxyType(
    {mime: f.kind for f in FORMATS for mime in f.content_types}
)
# What the web upload takes: the kinds that hold one article, and a name without a suffix.
UPLOAD_KINDS: Final[tuple[str, ...]] = tuple(f.kind for f in FORMATS if f.single)


def suffixes_of(kinds: Collection[str]) -> str:
    """The suffixes of some kinds, for an error's fix: ".txt, .md, ... or .json"."""
    names = [s for f in FORMATS if f.kind in kinds for s in f.suffixes]
    return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else "".join(names)


def unsupported(source: str, suffix: str, kinds: Collection[str]) -> InputError:
    """E105 for an entry point that reads ``kinds``, its fix listing exactly their suffixes."""
    return InputError("E105", source=source, suffix=suffix, accepted=suffixes_of(kinds))


_HTML_INSIDE: Final = re.compile(r"<(?:body|p)[\s>]", re.I)


def _all_json_lines(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    try:
        for line in lines:
            json.loads(line)
    except (ValueError, RecursionError):
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
    if root == "html" or html_start(preview) or _HTML_INSIDE.search(preview):
        return "html"
    first = preview.lstrip("\ufeff \t\r\n")[:1]
    if first in ("{", "["):
        text = preview_text(data, limit=len(data))
        try:
            json.loads(text)
        except (ValueError, RecursionError):
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
    found = FORMAT_BY_KIND.get(kind)
    if found is not None:
        return found.read(data, source, opts, url, charset)
    raise InputError("E134", option="kind", value=kind, valid=", ".join(KINDS))


def read_bytes(
    data: bytes,
    *,
    source: str,
    kind: str | None = None,
    options: IngestOptions | None = None,
    url: str | None = None,
) -> list[Document]:
    """Documents from bytes of a kind (one of :data:`KINDS`; None sniffs).

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
