"""What every renderer needs from an analysis, computed once: blocks, segments, keys and views.

The article is laid out as *blocks*: its structural parts in order, plus any stretch of text that
no part covers (so no finding is ever hidden). Each block is split at every finding boundary into
*segments*; a segment carries the findings covering it, innermost (shortest) first, and the link
it belongs to, if any. Findings may overlap freely, so a segment may carry several.

Nothing here formats anything: the text and HTML renderers turn these views into output.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Final

from spinscope.analysis import Analysis
from spinscope.document import Document, Span
from spinscope.ingest.meta import web_url
from spinscope.records import AllegationAttrs
from spinscope.vocabulary import TEXT_KIND

GAP_KIND: Final = TEXT_KIND.name  # the kind of a block of text that no part covers
CHECKWORTHY: Final = "checkworthy"  # the claim label of a check-worthy sentence

# Characters that could change how a terminal or browser shows the text around them: C0 and C1
# controls (but tab and newline), DEL, bidirectional overrides and isolates, lone surrogates.
_UNSAFE: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SPACES: Final = re.compile(r"\s+")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char == "\r":
        return " "  # a carriage return would move a terminal's cursor back over the line
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ ... ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def clean(text: str) -> str:
    """``text`` with every unsafe character replaced by one visible character (same length)."""
    return _UNSAFE.sub(_visible, text)


def excerpt(text: str, limit: int = 80) -> str:
    """A one-line excerpt: white space collapsed, cut at ``limit`` characters with an ellipsis."""
    flat = _SPACES.sub(" ", clean(text)).strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


# A link's target: the URL when it is a plain http(s) URL, else None (never a script); the
# same check ingestion applies to a document's url.
safe_href = web_url


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of a block with one set of covering findings (indices, innermost first)."""

    start: int
    end: int
    text: str
    findings: tuple[int, ...]
    link: str | None  # the target of the in-text link covering it, if any


@dataclass(frozen=True, slots=True)
class Block:
    """A part of the article (or a stretch no part covers), split into segments."""

    kind: str
    start: int
    end: int
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


def _regions(document: Document) -> Iterator[tuple[str, int, int]]:
    """Parts in order, with the non-blank text between them as blocks of their own."""
    text = document.text
    position = 0

    def gap(start: int, end: int) -> Iterator[tuple[str, int, int]]:
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            first = start + (len(chunk) - len(chunk.lstrip()))
            yield (GAP_KIND, first, first + len(stripped))

    for part in sorted(document.parts, key=lambda p: p.start):
        yield from gap(position, part.start)
        yield (part.kind, part.start, part.end)
        position = part.end
    yield from gap(position, len(text))


def _depth_key(spans: Sequence[Span], index: int) -> tuple[int, int, str, str]:
    span = spans[index]
    return (span.end - span.start, span.start, span.layer, span.label)


def layout(analysis: Analysis) -> tuple[Block, ...]:
    """The article as blocks of segments, each segment knowing the findings that cover it."""
    document = analysis.document
    text = document.text
    spans = analysis.findings
    order = sorted(range(len(spans)), key=lambda i: (spans[i].start, spans[i].end))
    links = sorted(document.links, key=lambda k: (k.start, k.end))
    blocks: list[Block] = []
    pointer = 0
    active: list[int] = []
    for kind, start, end in _regions(document):
        while pointer < len(order) and spans[order[pointer]].start < end:
            active.append(order[pointer])
            pointer += 1
        active = [i for i in active if spans[i].end > start]
        here = [i for i in active if spans[i].start < end]
        block_links = [k for k in links if k.start < end and k.end > start]
        cuts = {start, end}
        for i in here:
            cuts.update((max(start, spans[i].start), min(end, spans[i].end)))
        for link in block_links:
            cuts.update((max(start, link.start), min(end, link.end)))
        edges = sorted(cuts)
        segments: list[Segment] = []
        for left, right in pairwise(edges):
            covering = [i for i in here if spans[i].start <= left and spans[i].end >= right]
            covering.sort(key=lambda i: _depth_key(spans, i))
            target = next((k.url for k in block_links if k.start <= left and k.end >= right), None)
            segments.append(Segment(left, right, text[left:right], tuple(covering), target))
        blocks.append(Block(kind=kind, start=start, end=end, segments=tuple(segments)))
    return tuple(blocks)


def finding_keys(analysis: Analysis) -> tuple[str, ...]:
    """A unique key per finding: its id, with ``-2``, ``-3`` ... added to repeated ids."""
    seen: dict[str, int] = {}
    keys: list[str] = []
    for span in analysis.findings:
        count = seen.get(span.id, 0) + 1
        seen[span.id] = count
        keys.append(span.id if count == 1 else f"{span.id}-{count}")
    return tuple(keys)


def show_value(value: Any, limit: int = 160) -> str:
    """A short, readable form of an attribute value of any JSON type."""
    if isinstance(value, str):
        return excerpt(value, limit)
    try:
        dumped = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    except ValueError:
        dumped = repr(value)
    return excerpt(dumped, limit)


# Attributes a finding's own columns already say (its label by name).
_SAID: Final = frozenset({"technique_name"})


def attribute_words(analysis: Analysis, span: Span, limit: int = 160) -> list[tuple[str, str]]:
    """A finding's attributes as a report shows them: keys in words ("alleged by"), actors by
    name (the author as "the author"), yes or no for flags; empty values and what the label
    already says are left out, so no raw id or null reaches a reader."""
    names = {actor.id: actor.name for actor in analysis.actors}

    def word(value: Any) -> str:
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, str):
            if value == "author":
                return "the author"
            return excerpt(names.get(value, value), limit)
        if isinstance(value, list | tuple):
            return excerpt(", ".join(word(v) for v in value), limit)
        return show_value(value, limit)

    out: list[tuple[str, str]] = []
    for key, value in sorted(span.attrs.items()):
        if value is None or value == "" or value == [] or value == () or key in _SAID:
            continue
        out.append((key.replace("_", " "), word(value)))
    return out


@dataclass(frozen=True, slots=True)
class AllegationView:
    """An allegation as a report shows it: quoted text and its frame (the act alleged, its
    words, who alleges it, on what sourcing, and the scorer's probability)."""

    finding_id: str
    text: str | None  # None when the id names no finding of this analysis
    alleged_by: str
    sourcing: str
    act: str = ""  # the allegation type as words ("foreign funding")
    cue: str = ""  # the words that carry the act, when a frame or rule found them
    score: float | None = None
    also: tuple[str, ...] = ()  # the other actors the same finding targets
    against: tuple[str, ...] = ()  # every target, when the view is not shown under an actor

    @property
    def frame(self) -> str:
        """One line, the grade last: "crime ("charged with"), also against B, scorer 0.62;
        alleged by X, sourcing: named"."""
        parts = []
        if self.act:
            parts.append(self.act + (f" (“{self.cue}”)" if self.cue else ""))
        if self.against:
            parts.append(f"against {', '.join(self.against)}")
        if self.also:
            parts.append(f"also against {', '.join(self.also)}")
        if self.score is not None:
            parts.append(f"scorer {self.score:.2f}")
        head = ", ".join(parts)
        return (
            f"{head + '; ' if head else ''}alleged by {self.alleged_by}, sourcing: {self.sourcing}"
        )


def allegation_view(analysis: Analysis, finding_id: str, actor_id: str = "") -> AllegationView:
    """Who alleges a finding, what, and on what sourcing, from its attributes; ``actor_id`` is
    the actor the view is shown under (the other targets are listed as ``also``); without it,
    every target is listed as ``against``."""
    span = next((s for s in analysis.findings if s.id == finding_id), None)
    if span is None:
        return AllegationView(finding_id, None, "unknown", "unknown")
    attrs = span.attrs
    if not isinstance(attrs, AllegationAttrs):
        return AllegationView(finding_id, None, "unknown", "unknown")
    names = {a.id: a.name for a in analysis.actors}
    by = attrs.alleged_by
    return AllegationView(
        finding_id=finding_id,
        text=excerpt(span.text_in(analysis.document), 240),
        alleged_by=excerpt(names.get(by, "the author" if by == "author" else by), 120),
        sourcing=attrs.sourcing,
        act=attrs.type.replace("_", " "),
        cue=excerpt(attrs.cue, 80),
        score=span.score,
        also=tuple(
            excerpt(names.get(t, t), 120)
            for t in attrs.targets
            if actor_id and t != actor_id and t in names
        ),
        against=()
        if actor_id
        else tuple(excerpt(names[t], 120) for t in attrs.targets if t in names),
    )


@dataclass(frozen=True, slots=True)
class ActorView:
    """An actor as a report shows it."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    mentions: int
    descriptors: tuple[tuple[str, bool], ...]  # (text, evaluative)
    allegations: tuple[AllegationView, ...]
    actor_id: str = ""  # the analysis's id of the actor


def actor_views(analysis: Analysis) -> tuple[ActorView, ...]:
    """The analysis's actors, most allegations first."""
    views = [
        ActorView(
            name=excerpt(actor.name, 120),
            kind=actor.kind,
            aliases=tuple(excerpt(a, 120) for a in actor.aliases),
            mentions=len(actor.mentions),
            descriptors=tuple((excerpt(d.text, 120), d.evaluative) for d in actor.descriptors),
            allegations=tuple(allegation_view(analysis, a, actor.id) for a in actor.allegations),
            actor_id=actor.id,
        )
        for actor in analysis.actors
    ]
    # Most allegations first; the sort is stable, so ties keep the order of first mention.
    return tuple(sorted(views, key=lambda view: -len(view.allegations)))


def part_counts(document: Document) -> dict[str, int]:
    """How many parts of each kind the document has, in order of first appearance."""
    counts: dict[str, int] = {}
    for part in document.parts:
        counts[part.kind] = counts.get(part.kind, 0) + 1
    return counts


@dataclass(frozen=True, slots=True)
class Tally:
    """A name and how many findings carry it (a technique, an allegation's target)."""

    name: str
    count: int
    label: str = ""  # the label id, when the name is a label's; the actor id, an actor's


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What an article contains, as the top of a report says it: the findings at or above their
    layer's threshold, counted by what a reader cares about."""

    techniques: tuple[Tally, ...]  # by display name, most first
    allegations: int
    targets: tuple[Tally, ...]  # the actors allegations target, most first
    claims: int  # check-worthy claims
    claim_texts: tuple[str, ...]  # the first few, as excerpts
    sourcing: tuple[Tally, ...]  # sourcing grades by name
    hidden: int  # findings below their layer's threshold, not counted above
    below: tuple[tuple[str, int], ...] = ()  # (layer, findings below its threshold)

    @property
    def technique_count(self) -> int:
        return sum(t.count for t in self.techniques)

    def to_dict(self) -> dict[str, Any]:
        def tallies(items: tuple[Tally, ...], key: str) -> list[dict[str, Any]]:
            return [{"name": t.name, key: t.label, "count": t.count} for t in items]

        return {
            "techniques": tallies(self.techniques, "label"),
            "allegations": self.allegations,
            "targets": tallies(self.targets, "actor"),
            "claims": self.claims,
            "claim_texts": list(self.claim_texts),
            "sourcing": tallies(self.sourcing, "label"),
            "below_threshold": dict(self.below),
        }

    def below_in(self, layer: str) -> int:
        """How many of ``layer``'s findings are below its threshold (left out of the counts)."""
        return dict(self.below).get(layer, 0)


def article_summary(
    analysis: Analysis,
    low: Sequence[bool],
    display: Callable[[str, str], str],
    *,
    examples: int = 3,
) -> ArticleSummary:
    """The summary of ``analysis``; ``low`` marks the findings below their layer's threshold
    (left out of every count) and ``display`` names a (layer, label)."""
    kept = [span for span, is_low in zip(analysis.findings, low, strict=True) if not is_low]
    names = {a.id: excerpt(a.name, 80) for a in analysis.actors}

    def tallies(layer: str) -> tuple[Tally, ...]:
        counts: dict[str, int] = {}
        for span in kept:
            if span.layer == layer:
                counts[span.label] = counts.get(span.label, 0) + 1
        ordered = sorted(counts.items(), key=lambda item: (-item[1], display(layer, item[0])))
        return tuple(Tally(display(layer, label), n, label) for label, n in ordered)

    targets: dict[str, int] = {}  # actor id -> allegations against it
    allegations = 0
    for span in kept:
        if span.layer == "allegation":
            allegations += 1
            if isinstance(span.attrs, AllegationAttrs):
                for target in dict.fromkeys(span.attrs.targets):
                    if target in names:
                        targets[target] = targets.get(target, 0) + 1
    claims = [s for s in kept if s.layer == "claim" and s.label == CHECKWORTHY]
    text = analysis.document.text
    return ArticleSummary(
        techniques=tallies("technique"),
        allegations=allegations,
        targets=tuple(
            Tally(names[actor], n, actor)
            for actor, n in sorted(targets.items(), key=lambda i: (-i[1], names[i[0]]))
        ),
        claims=len(claims),
        claim_texts=tuple(excerpt(text[s.start : s.end], 160) for s in claims[:examples]),
        sourcing=tallies("sourcing"),
        hidden=sum(1 for is_low in low if is_low),
        below=tuple(
            sorted(
                Counter(
                    s.layer for s, is_low in zip(analysis.findings, low, strict=True) if is_low
                ).items()
            )
        ),
    )
