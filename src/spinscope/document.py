"""The ground floor: one immutable ``Document`` per article, and ``Span`` findings into its text.

A ``Document`` owns the canonical text fixed at ingestion; its id is the sha256 of that text, so
the same text always gets the same id wherever it comes from. Structure (parts), sentences and
links are character ranges into the text. Every finding a detector makes is a frozen ``Span``
built by :func:`make_span`, the one checked factory. Offsets are half-open: ``text[start:end]``.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Final

from pydantic import ConfigDict

from spinscope.errors import ModelError, SpinscopeError
from spinscope.records import NO_ATTRS, RECORD_CONFIG, Attrs
from spinscope.vocabulary import LAYER_BY_NAME, LAYERS, PART_KINDS, TEXT_KIND

# Field names of a finding in the analysis JSON; no layer's attribute record may reuse them.
FINDING_FIELDS: Final = frozenset(
    {"id", "layer", "label", "start", "end", "text", "score", "detector", "explanation"}
)


def text_id(text: str) -> str:
    """The content id of a text: the hex sha256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _check_range(start: int, end: int, length: int) -> None:
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length):
        raise ModelError("E200", start=start, end=end, length=length)


@dataclass(frozen=True, slots=True)
class Metadata:
    """Typed metadata, each field empty until an ingestion or structure stage fills it."""

    __pydantic_config__: ClassVar[ConfigDict] = RECORD_CONFIG

    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None  # ISO 8601, with a UTC offset when one is known
    published_raw: str | None = None  # the dateline exactly as the article gives it
    url: str | None = None  # where the article was read from, if a URL
    original_source_url: str | None = None  # an "Original Source:" attribution, if any
    site: str | None = None
    language: str | None = None  # ISO 639-1 code
    source: str | None = None  # the path, URL or stream this document was read from

    def evolve(self, **changes: Any) -> Metadata:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Part:
    """A structural part of the article: a half-open character range with a kind."""

    __pydantic_config__: ClassVar[ConfigDict] = RECORD_CONFIG

    kind: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.kind not in PART_KINDS:
            raise ModelError("E203", kind=self.kind, valid=", ".join(PART_KINDS))
        if not (0 <= self.start < self.end):
            raise ModelError("E200", start=self.start, end=self.end, length="unknown")


@dataclass(frozen=True, slots=True)
class Link:
    """An in-text link kept from HTML: the anchor text's range and its target."""

    __pydantic_config__: ClassVar[ConfigDict] = RECORD_CONFIG

    start: int
    end: int
    url: str


@dataclass(frozen=True, slots=True)
class Span:
    """A finding: a half-open range of ``Document.text`` with a layer, label and evidence.

    Build spans with :func:`make_span`; it checks the offsets, layer, score and attributes.
    ``attrs`` is the record its layer declares (an allegation's targets and accuser, for example),
    or the empty :data:`~spinscope.records.NO_ATTRS` for a finding made without any (every
    built-in component fills its layer's record; tests/test_conformance.py checks it).
    """

    start: int
    end: int
    layer: str
    label: str
    score: float
    detector: str
    explanation: str
    attrs: Attrs = field(default=NO_ATTRS, hash=False)

    @property
    def id(self) -> str:
        """A stable id from what the finding is, so it survives re-analysis unchanged."""
        key = f"{self.layer}|{self.label}|{self.start}|{self.end}|{self.detector.split('@')[0]}"
        return "f" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]

    def text_in(self, document: Document) -> str:
        return document.text[self.start : self.end]


def make_span(
    text: str | Document,
    start: int,
    end: int,
    *,
    layer: str,
    label: str,
    score: float,
    detector: str,
    explanation: str,
    attrs: Attrs = NO_ATTRS,
) -> Span:
    """The one checked way to create a finding."""
    length = len(text.text if isinstance(text, Document) else text)
    _check_range(start, end, length)
    if layer not in LAYERS:
        raise ModelError("E202", layer=layer, valid=", ".join(LAYERS))
    if not (isinstance(score, int | float) and 0.0 <= float(score) <= 1.0):
        raise ModelError("E201", score=score)
    expected = LAYER_BY_NAME[layer].attrs
    if type(attrs) not in (Attrs, expected):
        given = type(attrs).__name__
        raise ModelError("E205", layer=layer, given=given, expected=expected.__name__)
    return Span(
        start=start,
        end=end,
        layer=layer,
        label=label,
        score=round(float(score), 4),
        detector=detector,
        explanation=explanation,
        attrs=attrs,
    )


@dataclass(frozen=True, slots=True)
class Document:
    """One article: canonical text, its id, metadata, parts, sentences and links.

    The text never changes after ingestion. Stages that recover structure or sentences return a
    new Document through :meth:`evolve`; the old one stays as it was.
    """

    text: str
    meta: Metadata = field(default_factory=Metadata)
    parts: tuple[Part, ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()
    links: tuple[Link, ...] = ()
    id: str = field(init=False)

    def __post_init__(self) -> None:
        length = len(self.text)
        previous: Part | None = None
        for part in self.parts:
            _check_range(part.start, part.end, length)
            if previous is not None and part.start < previous.end:
                raise ModelError("E204", first=previous, second=part)
            previous = part
        for start, end in self.sentences:
            _check_range(start, end, length)
        for link in self.links:
            _check_range(link.start, link.end, length)
        object.__setattr__(self, "id", text_id(self.text))

    def evolve(self, **changes: Any) -> Document:
        """A new Document with metadata, parts, sentences or links changed (never the text)."""
        if "text" in changes:
            raise ModelError("E900", detail="a Document's text is fixed at ingestion")
        return dataclasses.replace(self, **changes)

    def part_text(self, part: Part) -> str:
        return self.text[part.start : part.end]

    def parts_of(self, kind: str) -> tuple[Part, ...]:
        return tuple(p for p in self.parts if p.kind == kind)

    def sentence_texts(self) -> list[str]:
        return [self.text[s:e] for s, e in self.sentences]

    def sentence_kinds(self) -> list[tuple[int, int, str]]:
        """``(start, end, part kind)`` of each sentence (the whole text without sentences).

        A document without parts is all ``"text"``; a sentence outside every part of a document
        that has parts (none is expected) is left out.
        """
        whole = ((0, len(self.text)),) if self.text else ()
        sentences = self.sentences or whole
        if not self.parts:
            return [(start, end, TEXT_KIND.name) for start, end in sentences]
        parts = sorted(self.parts, key=lambda p: p.start)
        out: list[tuple[int, int, str]] = []
        index = 0
        for start, end in sentences:
            while index < len(parts) and parts[index].end <= start:
                index += 1
            if index < len(parts) and parts[index].start <= start:
                out.append((start, end, parts[index].kind))
        return out


def sorted_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Findings in reading order: by start, then longest first, then layer and label."""
    return tuple(sorted(spans, key=lambda s: (s.start, -s.end, s.layer, s.label, s.detector)))


@dataclass(frozen=True, slots=True)
class Skipped:
    """A document that could not be read or analysed, with the reason; batches go on."""

    source: str
    code: str
    reason: str
    fix: str = ""

    @classmethod
    def from_exception(cls, source: str, error: BaseException) -> Skipped:
        """The record of ``error``: its own code, or E900 for anything not spinscope's."""
        if not isinstance(error, SpinscopeError):
            error = SpinscopeError("E900", detail=f"{type(error).__name__}: {error}")
        return cls(source=source, code=error.code, reason=error.message, fix=error.fix)

    def one_line(self) -> str:
        fix = f" (fix: {self.fix})" if self.fix else ""
        return f"skipped {self.source}: [{self.code}] {self.reason}{fix}"

    def error_line(self) -> str:
        fix = f" (fix: {self.fix})" if self.fix else ""
        return f"error [{self.code}]: {self.reason}{fix}"
