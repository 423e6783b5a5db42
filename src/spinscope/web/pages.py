"""View models of the HTML pages, built from the same data as their JSON twins.

The article page reuses the HTML report's layout: blocks split into segments at finding
boundaries (:func:`spinscope.report.layout.layout`), the legend's colours and definitions, and
the report's block, metadata and finding views, so a highlight looks the same in both.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import urlencode

from spinscope.analysis import Analysis
from spinscope.document import Span
from spinscope.report.html import (
    _blocks,
    _colour_rules,
    _finding_rows,
    _meta_rows,
    below_threshold,
    hidden_low,
)
from spinscope.report.layout import actor_views, excerpt, finding_keys, layout, part_counts
from spinscope.report.legend import (
    build_legend,
    display_label,
    label_definitions,
    label_index,
    layer_order,
    not_analysed_groups,
)
from spinscope.store import DocumentPage, Feedback
from spinscope.vocabulary import LAYERS, QUIET_LAYERS, layer_title

PAGE_SIZE: Final = 20


@dataclass
class Marks:
    """The feedback on one finding."""

    up: int = 0
    down: int = 0
    comments: list[tuple[str, str, str]] = field(default_factory=list)  # (verdict, text, when)

    def add(self, mark: Feedback) -> None:
        if mark.verdict == "up":
            self.up += 1
        else:
            self.down += 1
        if mark.comment:
            self.comments.append((mark.verdict, mark.comment, mark.created[:16].replace("T", " ")))

    def to_dict(self) -> dict[str, Any]:
        return {
            "up": self.up,
            "down": self.down,
            "comments": [{"verdict": v, "comment": c, "created": t} for v, c, t in self.comments],
        }


def marks_by_finding(findings: Sequence[Span], feedback: Sequence[Feedback]) -> list[Marks]:
    """Each finding's marks: those given on its id, or on its layer, label and range."""
    by_id: dict[str, list[int]] = {}
    by_range: dict[tuple[str, str, int, int], list[int]] = {}
    for i, span in enumerate(findings):
        by_id.setdefault(span.id, []).append(i)
        by_range.setdefault((span.layer, span.label, span.start, span.end), []).append(i)
    out = [Marks() for _ in findings]
    for mark in feedback:
        targets = by_id.get(mark.finding_id) or by_range.get(
            (mark.layer, mark.label, mark.start, mark.end), []
        )
        for i in targets[:1]:
            out[i].add(mark)
    return out


@dataclass(frozen=True, slots=True)
class LabelChoice:
    """A label of the library's filter: its layer and id, how many documents have it, and the
    names a reader sees."""

    layer: str
    label: str
    documents: int

    @property
    def name(self) -> str:
        return display_label(self.layer, self.label)

    @property
    def layer_title(self) -> str:
        return layer_title(self.layer)


def colour_css(analysis: Analysis) -> str:
    """The colour classes of one analysis's legend (served as a style sheet of its own)."""
    legend = build_legend(analysis, label_definitions())
    return _colour_rules([e for layer in legend for e in layer.labels])


def shown_layers(requested: Sequence[str] | None) -> frozenset[str]:
    """The layers to highlight: those asked for, or all but the dense ones by default."""
    if requested is None:
        return frozenset(LAYERS) - frozenset(QUIET_LAYERS)
    return frozenset(layer for layer in requested if layer in LAYERS)


def article_context(
    analysis: Analysis,
    feedback: Sequence[Feedback],
    *,
    shown: frozenset[str] | None = None,
    show_low: bool = False,
) -> dict[str, Any]:
    """Everything the article page shows: highlighted blocks, actors, grouped findings.

    Only findings of the ``shown`` layers are highlighted in the text; the side panel lists
    every finding of every layer. Findings scored below their layer's threshold are neither
    highlighted nor listed unless ``show_low``; the page says how many there are.
    """
    visible_layers = shown_layers(None) if shown is None else shown
    low = below_threshold(analysis)
    definitions = label_definitions()
    legend = build_legend(analysis, definitions)
    by_label = label_index(legend)
    colours = {
        i: by_label[(span.layer, span.label)].index for i, span in enumerate(analysis.findings)
    }
    keys = finding_keys(analysis)
    kept = [
        i
        for i, span in enumerate(analysis.findings)
        if span.layer in visible_layers and (show_low or not low[i])
    ]
    highlighted = dataclasses.replace(analysis, findings=tuple(analysis.findings[i] for i in kept))
    blocks = layout(highlighted)
    block_views, anchored = _blocks(
        highlighted,
        blocks,
        tuple(keys[i] for i in kept),
        {j: colours[i] for j, i in enumerate(kept)},
    )
    rows = _finding_rows(analysis, keys, colours, anchored)
    marks = marks_by_finding(analysis.findings, feedback)
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row, span, mark, is_low in zip(rows, analysis.findings, marks, low, strict=True):
        if is_low and not show_low:
            continue
        groups.setdefault((span.layer, span.label), []).append(
            {**row, "id": span.id, "marks": mark}
        )
    layers: list[dict[str, Any]] = []
    for layer in legend:
        listed = [
            (e, groups[(e.layer, e.label)]) for e in layer.labels if (e.layer, e.label) in groups
        ]
        layers.append(
            {
                "layer": layer.layer,
                "title": layer.title,
                "count": sum(len(found) for _, found in listed),
                "shown": layer.layer in visible_layers,
                "labels": [{"entry": e, "findings": found} for e, found in listed],
            }
        )
    doc = analysis.document
    page_title = doc.meta.title or next((b.text for b in blocks if b.kind == "title"), None)
    return {
        "document_id": doc.id,
        "page_title": excerpt(page_title or "Untitled article", 120),
        "has_title_block": any(b.kind == "title" for b in blocks),
        "fallback_title": page_title or "Untitled article",
        "meta_rows": _meta_rows(analysis, blocks),
        "blocks": block_views,
        "layers": sorted(layers, key=lambda x: layer_order(x["layer"])),
        "actors": actor_views(analysis),
        "not_analysed": not_analysed_groups(analysis.not_analysed),
        "structure": part_counts(doc),
        "pipeline": analysis.pipeline,
        "finding_count": len(analysis.findings),
        "hidden_low": hidden_low(analysis, low),
        "show_low": show_low,
        "marked": sum(1 for m in marks if m.up or m.down),
        "techniques": technique_reference(),
        "hidden_layers": [x for x in layers if x["layer"] not in visible_layers],
    }


def technique_reference() -> list[dict[str, str]]:
    """The taxonomy's techniques with their definitions, for the reference at the page end."""
    from spinscope.taxonomy import techniques

    return [
        {"id": t.id, "name": t.name, "category": t.category, "definition": t.definition}
        for t in techniques()
    ]


def article_json(analysis: Analysis, feedback: Sequence[Feedback]) -> dict[str, Any]:
    """The article page's JSON twin: the analysis and each finding's marks."""
    marks = marks_by_finding(analysis.findings, feedback)
    return {
        "analysis": analysis.to_dict(),
        "feedback": [m.to_dict() for m in feedback],
        "marks": {
            key: mark.to_dict()
            for key, mark in zip(finding_keys(analysis), marks, strict=True)
            if mark.up or mark.down
        },
    }


def pagination(
    page: DocumentPage, filters: Mapping[str, str], *, base: str = "/documents"
) -> dict[str, Any]:
    """Previous and next links for a listing, keeping its filters."""

    def link(offset: int) -> str:
        params = {k: v for k, v in filters.items() if v}
        if offset:
            params["offset"] = str(offset)
        return base + ("?" + urlencode(params) if params else "")

    first = page.offset + 1 if page.items else 0
    last = page.offset + len(page.items)
    previous = link(max(0, page.offset - page.limit)) if page.offset > 0 else None
    following = link(page.offset + page.limit) if last < page.total else None
    return {
        "first": first,
        "last": last,
        "total": page.total,
        "previous": previous,
        "next": following,
    }
