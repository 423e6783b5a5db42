"""What sourcing shares across languages: a grade's explanation, and whether a sentence links out.

:mod:`spinscope.detectors.sourcing` (English) and :mod:`spinscope.detectors.sourcing_ru`
(Russian) both read them; sourcing dispatches to the Russian module, so they live here.
"""

from __future__ import annotations

from spinscope.document import Document


def explain_grade(grade: str, name: str | None) -> str:
    """The explanation of a sourcing finding of ``grade`` whose named source is ``name``."""
    if grade in ("named", "named_with_link"):
        return f"attributed to a named source: {name}"
    if grade == "anonymous":
        return "attributed to an unnamed source"
    return "the text keeps its distance from the claim (hedge)"


def has_link(document: Document, start: int, end: int) -> bool:
    """Whether a link of the document overlaps ``[start, end)``."""
    return any(link.start < end and link.end > start for link in document.links)
