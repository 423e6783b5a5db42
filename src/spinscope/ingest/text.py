"""Plain text (and Markdown, read as text) to a Document."""

from __future__ import annotations

from spinscope.document import Document, Metadata
from spinscope.errors import InputError
from spinscope.ingest.decode import normalise_text


def read_text(text: str, *, source: str, metadata: Metadata | None = None) -> Document:
    """A Document holding ``text`` in canonical form; E101 if nothing but whitespace is left.

    ``metadata`` is kept as given, with ``source`` filled in when it has none.
    """
    canonical = normalise_text(text)
    if not canonical.strip():
        raise InputError("E101", source=source)
    meta = metadata or Metadata()
    if meta.source is None:
        meta = meta.evolve(source=source)
    return Document(canonical, meta)
