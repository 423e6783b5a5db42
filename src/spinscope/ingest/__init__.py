"""Ingestion: any common input (text, HTML, URL, feed, JSONL, folder, stdin) to Documents.

The canonical text of every Document is fixed here (see :func:`normalise_text`); structure,
sentences and language are later stages. Parts and links are filled only where the markup
states them (an HTML title, headings, captions, in-text links).
"""

from __future__ import annotations

from spinscope.ingest.decode import decode_bytes, normalise_text
from spinscope.ingest.dispatch import read_bytes, read_items, sniff_kind
from spinscope.ingest.feeds import read_feed
from spinscope.ingest.html import read_html
from spinscope.ingest.jsonl import read_jsonl
from spinscope.ingest.options import IngestOptions
from spinscope.ingest.paths import read_inputs, read_path
from spinscope.ingest.text import read_text
from spinscope.ingest.url import fetch_url

__all__ = [
    "IngestOptions",
    "decode_bytes",
    "fetch_url",
    "normalise_text",
    "read_bytes",
    "read_feed",
    "read_html",
    "read_inputs",
    "read_items",
    "read_jsonl",
    "read_path",
    "read_text",
    "sniff_kind",
]
