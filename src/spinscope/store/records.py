"""The records the store returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spinscope.document import Span


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """One stored document as a listing shows it."""

    id: str
    title: str | None
    authors: tuple[str, ...]
    published: str | None
    url: str | None
    site: str | None
    language: str | None
    source: str | None
    created: str
    updated: str
    pipeline_version: str | None
    findings: int
    excerpt: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published,
            "url": self.url,
            "site": self.site,
            "language": self.language,
            "source": self.source,
            "created": self.created,
            "updated": self.updated,
            "pipeline_version": self.pipeline_version,
            "findings": self.findings,
            "excerpt": self.excerpt,
        }


@dataclass(frozen=True, slots=True)
class DocumentPage:
    """One page of a listing, with the number of documents that match in all."""

    items: tuple[DocumentSummary, ...]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class Feedback:
    """One reviewer's mark on a finding."""

    id: int
    document_id: str
    finding_id: str
    layer: str
    label: str
    start: int
    end: int
    verdict: str
    comment: str | None
    created: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "document_id": self.document_id,
            "finding_id": self.finding_id,
            "layer": self.layer,
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "verdict": self.verdict,
            "comment": self.comment,
            "created": self.created,
        }

    def matches(self, span: Span) -> bool:
        """Whether this mark applies to ``span``: the same id, or the same layer, label, range."""
        if self.finding_id == span.id:
            return True
        return (self.layer, self.label, self.start, self.end) == (
            span.layer,
            span.label,
            span.start,
            span.end,
        )


@dataclass(frozen=True, slots=True)
class SkippedRecord:
    """An input a batch could not read or analyse."""

    id: int
    source: str
    code: str
    reason: str
    created: str


def like_pattern(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def excerpt_of(text: str, limit: int = 240) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def without_title(text: str, title: str | None) -> str:
    """The text without its headline at the start, for an excerpt shown under the title."""
    head = text.lstrip()
    if title and head.startswith(title):
        return head[len(title) :]
    return text
