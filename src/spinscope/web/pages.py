"""View models of the HTML pages, built from the same data as their JSON twins.

The article page reuses the HTML report's layout: blocks split into segments at finding
boundaries (:func:`spinscope.report.layout.layout`), the legend's colours and definitions, and
the report's block, metadata and finding views, so a highlight looks the same in both. It is a
review queue: every finding is in the page (highlight and queue item), the summary heads it,
and a JSON block (:func:`review_data`, never executed) gives the page's scripts
(``static/review-*.js``) what they filter, mark and edit with.

The library (:func:`library_view`) reads its cards and facets through
:mod:`spinscope.store.library`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final
from urllib.parse import urlencode

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from markupsafe import Markup
from starlette.responses import JSONResponse, Response

from spinscope.analysis import Analysis
from spinscope.document import Span
from spinscope.errors import InputError
from spinscope.language import language_name
from spinscope.records import AllegationAttrs
from spinscope.registry import builtin_registry
from spinscope.report.html import (
    _blocks,
    _colour_rules,
    _finding_rows,
    _meta_rows,
    below_threshold,
    hidden_low,
    script_json,
    token,
)
from spinscope.report.layout import (
    actor_views,
    article_summary,
    excerpt,
    finding_keys,
    layout,
    part_counts,
)
from spinscope.report.legend import (
    build_legend,
    display_label,
    label_definitions,
    label_index,
    layer_order,
    not_analysed_groups,
)
from spinscope.store import MAX_LIMIT, Feedback, Review
from spinscope.store.library import SORT_TITLES, SORTS, LibraryPage, LibraryQuery, library_page
from spinscope.vocabulary import LAYERS, QUIET_LAYERS, layer_title
from spinscope.web.context import render, state_of, wants_json

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


EXPORTS: Final = (
    ("jsonl", "Reviews (JSONL)"),
    ("csv", "Reviews (CSV)"),
    ("ptc", "PTC labels"),
    ("semeval", "SemEval-2021 JSON"),
    ("allegations", "Allegations (gold format)"),
)


def _segment_style(
    view: dict[str, Any],
    shown: frozenset[str],
    keys: Mapping[str, Span],
    colours: Mapping[str, int],
) -> None:
    """A highlight's classes from the findings it carries that are shown: the innermost shown
    one colours it, a second shown one underlines it, and none leaves it plain ("off")."""
    own = view["ids"].split()
    visible = [k for k in own if k in shown]
    if not visible:
        view["classes"] = "off"
        view["tabindex"] = -1
        return
    first = keys[visible[0]]
    classes = ["f", f"layer-{token(first.layer)}", f"c{colours[visible[0]]}"]
    if len(visible) > 1:
        classes += ["multi", f"u{colours[visible[1]]}"]
    view["classes"] = " ".join(classes)
    view["tabindex"] = 0


def _allegation_fields(analysis: Analysis, span: Span) -> dict[str, Any] | None:
    """An allegation's target, accuser and grade as names, for the editor's fields."""
    attrs = span.attrs
    if not isinstance(attrs, AllegationAttrs):
        return None
    names = {a.id: a.name for a in analysis.actors}
    by = attrs.alleged_by
    return {
        "target": ", ".join(names.get(t, t) for t in attrs.targets),
        "accuser": names.get(by, "the author" if by == "author" else by),
        "grade": attrs.sourcing,
    }


def _actor_data(analysis: Analysis, keys: Sequence[str]) -> list[dict[str, Any]]:
    """Each actor's mentions, descriptors and allegations as offsets and finding keys."""
    key_of: dict[str, str] = {}
    for span, key in zip(analysis.findings, keys, strict=True):
        key_of.setdefault(span.id, key)
    out = []
    for actor in analysis.actors:
        mentions = [
            key
            for span, key in zip(analysis.findings, keys, strict=True)
            if span.layer == "entity" and getattr(span.attrs, "actor", None) == actor.id
        ]
        out.append(
            {
                "id": actor.id,
                "name": excerpt(actor.name, 120),
                "kind": actor.kind,
                "mentions": [list(m) for m in actor.mentions],
                "descriptors": [[d.start, d.end] for d in actor.descriptors],
                "findings": mentions + [key_of[f] for f in actor.allegations if f in key_of],
            }
        )
    return out


def _added_rows(
    analysis: Analysis,
    reviews: Sequence[Review],
    feedback: Sequence[Feedback],
    shown: frozenset[str],
) -> list[dict[str, Any]]:
    """The findings reviewers added (the detectors missed them), as review queue items."""
    text = analysis.document.text
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for review in reviews:
        if not review.added or review.replaced is not None or review.finding_id in seen:
            continue
        seen.add(review.finding_id)
        start, end = review.finding_start, review.finding_end
        marks = Marks()
        for mark in feedback:
            if mark.finding_id == review.finding_id:
                marks.add(mark)
        rows.append(
            {
                "n": len(analysis.findings) + len(rows) + 1,
                "key": review.finding_id,  # "r1": never a detector's key ("f…")
                "id": review.finding_id,
                "layer": review.layer,
                "layer_title": layer_title(review.layer),
                "label": review.finding_label,
                "name": display_label(review.layer, review.finding_label),
                "c": "",
                "text": excerpt(text[start:end], 200),
                "score": 1.0,
                "score_text": f"added by {review.reviewer}",
                "detector": "",
                "explanation": "",
                "extras": [],
                "start": start,
                "end": end,
                "anchored": False,
                "low": False,
                "marks": marks,
                "hidden": review.layer not in shown,
                "allegation": None,
                "added": True,
            }
        )
    return rows


def review_data(
    analysis: Analysis,
    rows: Sequence[dict[str, Any]],
    actors: list[dict[str, Any]],
) -> dict[str, Any]:
    """What the review script reads from the page (a JSON block, never executed)."""
    registry = builtin_registry()
    return {
        "document": analysis.document.id,
        "length": len(analysis.document.text),
        "findings": {
            row["key"]: {
                k: row[k]
                for k in (
                    "id",
                    "layer",
                    "layer_title",
                    "label",
                    "name",
                    "c",
                    "score",
                    "low",
                    "start",
                    "end",
                    "text",
                    "explanation",
                    "allegation",
                )
            }
            for row in rows
        },
        "labels": {
            layer: [[label, name] for label, name in registry.labels(layer).items()]
            for layer in LAYERS
        },
        "layers": [[layer, layer_title(layer)] for layer in LAYERS],
        "grades": [*registry.labels("sourcing"), "unattributed"],
        "actors": actors,
    }


def article_context(
    analysis: Analysis,
    feedback: Sequence[Feedback],
    *,
    shown: frozenset[str] | None = None,
    show_low: bool = False,
    reviews: Sequence[Review] = (),
) -> dict[str, Any]:
    """Everything the article page shows: a summary, the highlighted text, the review queue.

    Every finding is in the page: the text carries a highlight for each and the review queue an
    item for each, so the page's script filters them without a reload. Without the script,
    only the findings of the ``shown`` layers are highlighted and listed (the others are in the
    page, hidden), and findings scored below their layer's threshold only with ``show_low``;
    the page says how many those are.
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
    blocks = layout(analysis)
    block_views, anchored = _blocks(analysis, blocks, keys, colours)
    visible = frozenset(
        keys[i]
        for i, span in enumerate(analysis.findings)
        if span.layer in visible_layers and (show_low or not low[i])
    )
    by_key = dict(zip(keys, analysis.findings, strict=True))
    colour_of = {keys[i]: c for i, c in colours.items()}
    for block in block_views:
        for segment in block["segments"]:
            if segment["ids"]:
                _segment_style(segment, visible, by_key, colour_of)
    rows = _finding_rows(analysis, keys, colours, anchored, low)
    marks = marks_by_finding(analysis.findings, feedback)
    queue: list[dict[str, Any]] = []
    for row, span, mark in zip(rows, analysis.findings, marks, strict=True):
        queue.append(
            {
                **row,
                "id": span.id,
                "score": round(span.score, 3),
                "score_text": row["score"],
                "low": row["low"],
                "marks": mark,
                "hidden": row["key"] not in visible,
                "allegation": _allegation_fields(analysis, span),
                "added": False,
            }
        )
    queue += _added_rows(analysis, reviews, feedback, visible_layers)
    queue.sort(key=lambda r: (r["start"], r["end"], r["n"]))
    layers = [
        {
            "layer": layer.layer,
            "title": layer.title,
            "count": layer.count,
            "shown": layer.layer in visible_layers,
            "labels": layer.labels,
        }
        for layer in sorted(legend, key=lambda x: layer_order(x.layer))
    ]
    doc = analysis.document
    page_title = doc.meta.title or next((b.text for b in blocks if b.kind == "title"), None)
    actors = _actor_data(analysis, keys)
    return {
        "document_id": doc.id,
        "page_title": excerpt(page_title or "Untitled article", 120),
        "has_title_block": any(b.kind == "title" for b in blocks),
        "fallback_title": page_title or "Untitled article",
        "meta_rows": _meta_rows(analysis, blocks),
        "blocks": block_views,
        "layers": layers,
        "queue": queue,
        "listed": sum(1 for r in queue if not r["hidden"]),
        "summary": article_summary(analysis, low, display_label),
        "actors": actor_views(analysis),
        "not_analysed": not_analysed_groups(analysis.not_analysed),
        "structure": part_counts(doc),
        "pipeline": analysis.pipeline,
        "finding_count": len(analysis.findings),
        "hidden_low": hidden_low(analysis, low),
        "show_low": show_low,
        "marked": sum(1 for m in marks if m.up or m.down),
        "techniques": technique_reference(),
        "exports": EXPORTS,
        "data": Markup(script_json(review_data(analysis, queue, actors))),  # noqa: S704 - escaped by script_json
    }


def technique_reference() -> list[dict[str, str]]:
    """The taxonomy's techniques with their definitions, for the reference at the page end."""
    from spinscope.taxonomy import techniques

    return [
        {"id": t.id, "name": t.name, "category": t.category, "definition": t.definition}
        for t in techniques()
    ]


def article_json(analysis: Analysis, feedback: Sequence[Feedback]) -> dict[str, Any]:
    """The article page's JSON twin: the analysis, its summary and each finding's marks."""
    marks = marks_by_finding(analysis.findings, feedback)
    return {
        "analysis": analysis.to_dict(),
        "summary": article_summary(analysis, below_threshold(analysis), display_label).to_dict(),
        "feedback": [m.to_dict() for m in feedback],
        "marks": {
            key: mark.to_dict()
            for key, mark in zip(finding_keys(analysis), marks, strict=True)
            if mark.up or mark.down
        },
    }


def _library_date(value: str, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError("E133", option=name, value=value) from None


def _library_int(value: str, name: str, default: int, *, high: int) -> int:
    if not value:
        return default
    if not value.isdigit() or int(value) > high:
        raise InputError("E135", option=name, value=value, bounds=f"from 0 to {high}")
    return int(value)


LIBRARY_FIELDS: Final = (
    "q", "technique", "label", "layer", "actor", "outlet", "language", "reviewed",
    "date_from", "date_to", "sort",
)  # fmt: skip


def library_query(params: Mapping[str, str]) -> tuple[LibraryQuery, dict[str, str]]:
    """The library's query from a request's parameters, and the filters to keep in links."""
    filters = {name: (params.get(name) or "").strip()[:500] for name in LIBRARY_FIELDS}
    if filters["sort"] not in SORTS:
        filters["sort"] = ""
    if filters["reviewed"] not in ("yes", "no"):
        filters["reviewed"] = ""
    limit = _library_int(params.get("limit") or "", "limit", PAGE_SIZE, high=MAX_LIMIT) or 1
    offset = _library_int(params.get("offset") or "", "offset", 0, high=10_000_000)
    layer, label = filters["layer"], filters["label"]
    if ":" in label:  # a facet names a label with its layer
        layer, label = label.split(":", 1)
    ask = LibraryQuery(
        query=filters["q"],
        technique=filters["technique"],
        label=label,
        layer=layer,
        actor=filters["actor"],
        outlet=filters["outlet"],
        language=filters["language"],
        reviewed=filters["reviewed"],
        date_from=_library_date(filters["date_from"], "date_from"),
        date_to=_library_date(filters["date_to"], "date_to"),
        sort=filters["sort"] or "newest",
        limit=limit,
        offset=offset,
    )
    if limit != PAGE_SIZE:
        filters["limit"] = str(limit)
    return ask, filters


def _facet_views(page: LibraryPage, filters: Mapping[str, str]) -> list[dict[str, Any]]:
    """Each facet's values as links that add (or, when chosen, remove) the filter."""

    def link(name: str, value: str | None) -> str:
        params = {k: v for k, v in filters.items() if v and k not in (name, "offset")}
        if value is not None:
            params[name] = value
        return "/documents" + ("?" + urlencode(params) if params else "")

    def name_of(facet: str, value: str) -> str:
        if facet == "layer":
            return layer_title(value)
        if facet == "label":
            layer, _, label = value.partition(":")
            return f"{display_label(layer, label)} ({layer_title(layer).lower()})"
        if facet == "language":
            return language_name(value)
        if facet == "reviewed":
            return "some findings reviewed" if value == "yes" else "nothing reviewed yet"
        return value

    views = []
    for facet, title, limit in FACETS:
        values = page.facets.get(facet, ())
        chosen = filters.get(facet, "")
        views.append(
            {
                "name": facet,
                "title": title,
                "values": [
                    {
                        "name": name_of(facet, v.value),
                        "count": v.count,
                        "chosen": v.value == chosen,
                        "href": link(facet, None if v.value == chosen else v.value),
                    }
                    for v in values[:limit]
                ],
                "more": max(0, len(values) - limit),
            }
        )
    return views


FACETS: Final = (
    ("reviewed", "Review", 2),
    ("layer", "Layer", 10),
    ("label", "Label", 12),
    ("outlet", "Outlet", 10),
    ("language", "Language", 10),
)


def library_context(page: LibraryPage, filters: dict[str, str]) -> dict[str, Any]:
    """The library page: cards with per-layer counts and review progress, facets, sort."""
    first = page.offset + 1 if page.cards else 0
    last = page.offset + len(page.cards)

    def link(offset: int) -> str:
        params = {k: v for k, v in filters.items() if v}
        if offset:
            params["offset"] = str(offset)
        return "/documents" + ("?" + urlencode(params) if params else "")

    return {
        "page": page,
        "cards": [
            {
                "card": card,
                "layers": [(layer_title(x), n) for x, n in card.layers],
                "language": language_name(card.language) if card.language else None,
                "done": round(100 * card.reviewed / card.queue) if card.queue else 0,
            }
            for card in page.cards
        ],
        "filters": filters,
        "facets": _facet_views(page, filters),
        "sorts": list(SORT_TITLES.items()),
        "exports": EXPORTS,
        "pages": {
            "first": first,
            "last": last,
            "total": page.total,
            "previous": link(max(0, page.offset - page.limit)) if page.offset > 0 else None,
            "next": link(page.offset + page.limit) if last < page.total else None,
        },
    }


async def library_view(request: Request) -> Response:
    """The library (``/documents``): its cards and facets, or their JSON twin."""
    ask, filters = library_query(request.query_params)
    store = state_of(request).store
    page = await run_in_threadpool(library_page, store, ask)
    if wants_json(request):
        return JSONResponse(page.to_dict())
    labels = [
        LabelChoice(layer, label, n) for layer, label, n in await run_in_threadpool(store.labels)
    ]
    return render(request, "library.html.j2", {**library_context(page, filters), "labels": labels})
