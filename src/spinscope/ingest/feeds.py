"""RSS 2.0, RSS 1.0 and Atom feeds to one Document per item, with feedparser.

Each item's text is its title, a blank line, then its content (``content:encoded``, Atom
``content`` or the summary) turned from HTML into blocks separated by blank lines. Item links
are recorded, never fetched: reading a feed makes no network request.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Final

from spinscope.document import Document, Metadata, Skipped
from spinscope.errors import InputError
from spinscope.ingest.blocks import (
    HTML,
    Block,
    Walker,
    collapse,
    compose,
    link_resolver,
    lxml_module,
)
from spinscope.ingest.decode import bom_encoding, check_binary, normalise_text
from spinscope.ingest.meta import language_code, web_url
from spinscope.ingest.options import DEFAULT_OPTIONS, IngestOptions

FEED_ROOTS: Final = frozenset({"rss", "feed", "rdf"})
_SPACE: Final = re.compile(r"\s+")
_ROOT: Final = re.compile(r"<([A-Za-z_][\w.:-]*)")
_HTML_OPEN: Final = re.compile(r"<(?:!doctype\s+html|html)\b", re.I)
_HTML_TYPES: Final = ("text/html", "application/xhtml+xml", "html", "xhtml")


def preview_text(data: bytes, *, limit: int = 65536) -> str:
    """The first bytes as text, good enough to sniff markup (never raises)."""
    bom = bom_encoding(data)
    if bom is not None:
        name, length = bom
        return data[length : length + limit].decode(name, "replace")
    return data[:limit].decode("utf-8", "replace")


def skip_prolog(text: str, *, xml: bool = True) -> int:
    """Where the first element may start: after leading white space and comments, and (``xml``)
    processing instructions and a DOCTYPE; -1 when one of them is never closed.

    Linear in the text: every construct is skipped with one ``str.find`` from where it opens,
    so no input can make it backtrack (a pattern of nested repeats took minutes on 240 bytes).
    """
    pos, size = 0, len(text)
    while pos < size:
        space = _SPACE.match(text, pos)
        if space:
            pos = space.end()
            continue
        if text.startswith("<!--", pos):
            end = text.find("-->", pos + 4)
            close = 3
        elif xml and text.startswith("<?", pos):
            end = text.find("?>", pos + 2)
            close = 2
        elif xml and text.startswith("<!DOCTYPE", pos):
            end = _doctype_end(text, pos + 9)
            close = 1
        else:
            return pos
        if end < 0:
            return -1
        pos = end + close
    return pos


def _doctype_end(text: str, pos: int) -> int:
    """The index of the '>' closing a DOCTYPE whose name starts at ``pos`` (internal subset
    in brackets skipped whole); -1 if none."""
    while True:
        close, bracket = text.find(">", pos), text.find("[", pos)
        if close < 0 or bracket < 0 or close < bracket:
            return close
        end = text.find("]", bracket + 1)
        if end < 0:
            return -1
        pos = end + 1


def xml_root(preview: str) -> str | None:
    """The local name of the first element after the XML prolog, lower case; None if none."""
    start = skip_prolog(preview)
    match = _ROOT.match(preview, start) if start >= 0 else None
    return match.group(1).rsplit(":", 1)[-1].lower() if match else None


def html_start(preview: str) -> bool:
    """Whether the text opens (after white space and comments) with a doctype html or <html>."""
    start = skip_prolog(preview, xml=False)
    return start >= 0 and _HTML_OPEN.match(preview, start) is not None


def _html_blocks(markup: str, *, base: str | None) -> list[Block]:
    try:
        fragment = lxml_module("html").fragment_fromstring(markup, create_parent="div")
    except (lxml_module("etree").ParserError, ValueError):
        return []
    return Walker(HTML, resolve=link_resolver(base)).walk(fragment)


def _content(entry: Any) -> tuple[str, bool]:
    """The item's richest content and whether it is HTML."""
    contents: Sequence[Any] = entry.get("content") or ()
    chosen = next((c for c in contents if c.get("type") in _HTML_TYPES), None)
    if chosen is None and contents:
        chosen = contents[0]
    if chosen is not None and chosen.get("value"):
        return str(chosen["value"]), chosen.get("type") != "text/plain"
    detail = entry.get("summary_detail") or {}
    return str(entry.get("summary") or ""), detail.get("type") != "text/plain"


def _plain_blocks(text: str) -> list[Block]:
    paragraphs = re.split(r"\n[^\S\n]*\n", normalise_text(text))
    return [Block(None, p.strip()) for p in paragraphs if p.strip()]


def _title(entry: Any) -> str:
    title = str(entry.get("title") or "")
    if (entry.get("title_detail") or {}).get("type") in _HTML_TYPES and "<" in title:
        title = " ".join(b.text for b in _html_blocks(title, base=None))
    return collapse(normalise_text(title))


def _authors(entry: Any) -> tuple[str, ...]:
    names = [collapse(str(a.get("name") or "")) for a in entry.get("authors") or ()]
    if not any(names) and entry.get("author"):
        names = [collapse(str(entry["author"]))]
    return tuple(dict.fromkeys(n for n in names if n))


def _published(entry: Any) -> tuple[str | None, str | None]:
    for key in ("published", "updated"):
        parsed = entry.get(f"{key}_parsed")
        raw = entry.get(key)
        if parsed is not None:
            stamp = datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
            return stamp.isoformat(), str(raw) if raw else None
        if raw:
            return None, str(raw)
    return None, None


def _parse(data: bytes, *, source: str, options: IngestOptions) -> Any:
    import feedparser

    check_binary(data, source=source)
    root = xml_root(preview_text(data))
    if root is None:
        raise InputError("E111", source=source, detail="it is not XML")
    if root not in FEED_ROOTS:
        raise InputError("E111", source=source, detail=f"the root element is <{root}>")
    headers = {"content-type": f"application/xml; charset={options.encoding}"}
    # Bytes, never a string: feedparser fetches a string that looks like a URL.
    return feedparser.parse(data, response_headers=headers if options.encoding else None)


def feed_items(
    data: bytes, *, source: str, options: IngestOptions | None = None
) -> list[Document | Skipped]:
    """One Document per item, or Skipped(E101) for an item without text; E107 or E111."""
    opts = options or DEFAULT_OPTIONS
    parsed = _parse(data, source=source, options=opts)
    if not parsed.entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            raise InputError("E111", source=source, detail=f"malformed XML: {problem}")
        raise InputError("E107", source=source)
    channel = parsed.get("feed") or {}
    site = collapse(normalise_text(str(channel.get("title") or ""))) or None
    language = language_code(channel.get("language"))
    items: list[Document | Skipped] = []
    for index, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#{index}"
        link = str(entry.get("link") or "") or None
        content, is_html = _content(entry)
        blocks = _html_blocks(content, base=link) if is_html else _plain_blocks(content)
        composed = compose(_title(entry) or None, blocks)
        if not composed.text.strip():
            items.append(Skipped.from_exception(where, InputError("E101", source=where)))
            continue
        published, raw = _published(entry)
        meta = Metadata(
            title=_title(entry) or None,
            authors=_authors(entry),
            published=published,
            published_raw=raw,
            url=web_url(link),
            site=site,
            language=language,
            source=where,
        )
        items.append(Document(composed.text, meta, parts=composed.parts, links=composed.links))
    return items


def read_feed(data: bytes, *, source: str, options: IngestOptions | None = None) -> list[Document]:
    """The feed's usable items as Documents (items without text are left out).

    Raises E111 if the bytes are not a feed, E107 if it has no usable item.
    """
    documents = [
        item
        for item in feed_items(data, source=source, options=options)
        if isinstance(item, Document)
    ]
    if not documents:
        raise InputError("E107", source=source)
    return documents
