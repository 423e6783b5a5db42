"""Structure recovery (placeholder: paragraphs separated by blank lines)."""

from __future__ import annotations

import re
from datetime import datetime

from spinscope.document import Document, Part

_BLOCK = re.compile(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", re.S)


def recover_structure(document: Document, *, as_of: datetime | None = None) -> Document:
    parts = tuple(Part("paragraph", m.start(), m.end()) for m in _BLOCK.finditer(document.text))
    return document.evolve(parts=parts)
