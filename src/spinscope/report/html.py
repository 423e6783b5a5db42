"""The HTML report: one self-contained file that loads nothing and runs only its own script.

The page is rendered by Jinja2 with autoescaping on for every value; article-derived text reaches
the page only as escaped text or attribute values. The data the script needs sits in a
``<script type="application/json">`` block whose ``<``, ``>``, ``&``, U+2028 and U+2029 are
written as ``\\u`` escapes, so no text can close the element. A Content-Security-Policy allows
nothing from anywhere: no network, only the one inline script and the one inline style sheet,
each named by the sha256 of its exact text (computed at render time). Links are made only for
plain http(s) URLs and would stay inert under the policy anyway; every other URL is shown as text.

The script is progressive: without it the page still shows every highlight (styled by its
innermost finding), a native tooltip per highlight, the legend and a table of all findings.
With it, findings scored below their layer's threshold (:func:`spinscope.vocabulary.
layer_threshold`, or one ``min_score`` for all) start hidden, in the text and in the table, and
a box in the legend that says how many there are shows them.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Final

import jinja2
from markupsafe import Markup

from spinscope.analysis import Analysis
from spinscope.document import Span
from spinscope.language import language_name
from spinscope.report.layout import (
    Block,
    actor_views,
    article_summary,
    attribute_words,
    clean,
    excerpt,
    finding_keys,
    layout,
    part_counts,
    safe_href,
)
from spinscope.report.legend import (
    LabelEntry,
    build_legend,
    display_label,
    label_definitions,
    label_index,
    not_analysed_groups,
)
from spinscope.version import __version__
from spinscope.vocabulary import LAYERS, QUIET_LAYERS, layer_threshold, layer_title, part_kind

_TEMPLATES: Final = "templates"
_TOKEN: Final = re.compile(r"[^a-z0-9_-]")
_LANG: Final = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_SCRIPT_UNSAFE: Final = re.compile("[<>&\u2028\u2029\ud800-\udfff]")
REL: Final = "noopener noreferrer nofollow"


def token(value: str) -> str:
    """``value`` as a safe CSS class or id token."""
    return _TOKEN.sub("_", value.lower()) or "_"


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: it can never close it."""
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return _SCRIPT_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", raw)


def csp_hash(text: str) -> str:
    """The CSP source expression naming an inline element by the sha256 of its exact text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def page_csp(style: str, script: str) -> str:
    """The Content-Security-Policy of a self-contained page: nothing but its own inline style
    and script (by hash) and data: images."""
    return "; ".join(
        [
            "default-src 'none'",
            f"style-src {csp_hash(style)}",
            f"script-src {csp_hash(script)}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def _finalize(value: Any) -> Any:
    """Applied to every value a template prints: unsafe characters become visible stand-ins."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return "" if value is None else value
    return clean(value)


@lru_cache(maxsize=4)
def template_environment(package: str = "spinscope.report") -> jinja2.Environment:
    """The Jinja2 environment for a package's ``templates/``: autoescape, strict, cleaned."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, _TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@lru_cache(maxsize=16)
def template_asset(name: str, package: str = "spinscope.report") -> str:
    """A style sheet or script from a package's ``templates/``, to inline and hash."""
    return resources.files(package).joinpath(_TEMPLATES, name).read_text("utf-8")


def _colour_rules(entries: list[LabelEntry]) -> str:
    lines = [f".c{e.index}{{--hl:{e.background};--ln:{e.line}}}" for e in entries]
    lines += [f".u{e.index}{{--ul:{e.line}}}" for e in entries]
    return "\n".join(lines) + "\n"


def _mark_classes(
    spans: tuple[Span, ...], indices: tuple[int, ...], colours: Mapping[int, int]
) -> str:
    first = spans[indices[0]]
    classes = ["f", f"layer-{token(first.layer)}", f"c{colours[indices[0]]}"]
    if len(indices) > 1:
        classes += ["multi", f"u{colours[indices[1]]}"]
    return " ".join(classes)


def _mark_title(span: Span) -> str:
    title = f"{display_label(span.layer, span.label)} · {layer_title(span.layer)}"
    return f"{title} — {span.explanation}" if span.explanation else title


def _blocks(
    analysis: Analysis, blocks: tuple[Block, ...], keys: tuple[str, ...], colours: Mapping[int, int]
) -> tuple[list[dict[str, Any]], set[str]]:
    spans = analysis.findings
    anchored: set[str] = set()
    views: list[dict[str, Any]] = []
    for block in blocks:
        segments: list[dict[str, Any]] = []
        for segment in block.segments:
            view: dict[str, Any] = {
                "text": segment.text,
                "link": segment.link,
                "href": safe_href(segment.link),
                "ids": "",
            }
            if segment.findings:
                own = [keys[i] for i in segment.findings]
                anchor = next((k for k in own if k not in anchored), None)
                if anchor is not None:
                    anchored.add(anchor)
                view.update(
                    ids=" ".join(own),
                    classes=_mark_classes(spans, segment.findings, colours),
                    title="\n".join(_mark_title(spans[i]) for i in segment.findings),
                    anchor=f"m-{anchor}" if anchor else None,
                )
            segments.append(view)
        kind = part_kind(block.kind)
        tag, classes = kind.element, kind.css
        views.append(
            {
                "kind": block.kind,
                "label": kind.display,
                "tag": tag,
                "classes": classes,
                "start": block.start,
                "end": block.end,
                "segments": segments,
            }
        )
    return views, anchored


def _meta_rows(analysis: Analysis, blocks: tuple[Block, ...]) -> list[dict[str, Any]]:
    doc = analysis.document
    meta = doc.meta
    title_text = next((b.text for b in blocks if b.kind == "title"), None)
    rows: list[dict[str, Any]] = []

    def add(key: str, value: str | None, *, url: bool = False) -> None:
        if value:
            href = safe_href(value) if url else None
            rows.append({"key": key, "value": value, "href": href, "url": url, "full": None})

    if meta.title and meta.title != title_text:
        add("Title", meta.title)
    add("Authors", ", ".join(meta.authors))
    published = meta.published or ""
    if meta.published_raw and meta.published_raw != meta.published:
        published = f"{published} (as written: {meta.published_raw})".strip()
    add("Published", published)
    add("Site", meta.site)
    add("URL", meta.url, url=True)
    add("Original source", meta.original_source_url, url=True)
    add("Language", language_name(meta.language) if meta.language else None)
    add("Source", meta.source)
    rows.append({"key": "Id", "value": doc.id[:12], "href": None, "url": False, "full": doc.id})
    return rows


def below_threshold(analysis: Analysis, min_score: float | None = None) -> tuple[bool, ...]:
    """For each finding, whether it is scored below its layer's threshold (or ``min_score``)."""
    return tuple(s.score < layer_threshold(s.layer, min_score) for s in analysis.findings)


@dataclass(frozen=True, slots=True)
class HiddenLow:
    """How many findings are hidden for their score, and below which threshold, per layer."""

    count: int
    layers: tuple[tuple[str, int, float], ...]  # (layer title, findings hidden, threshold)

    @property
    def text(self) -> str:
        """ "Show 3 findings scored below their layer's threshold (persuasion techniques 2 under
        0.30, claims 1 under 0.34)"."""
        noun = "finding" if self.count == 1 else "findings"
        parts = ", ".join(f"{title.lower()} {n} under {t:.2f}" for title, n, t in self.layers)
        return f"Show {self.count} {noun} scored below their layer's threshold ({parts})"


def hidden_low(
    analysis: Analysis, low: tuple[bool, ...], min_score: float | None = None
) -> HiddenLow:
    """The findings that ``low`` marks, counted by layer in the declared order."""
    counts: dict[str, int] = {}
    for span, is_low in zip(analysis.findings, low, strict=True):
        if is_low:
            counts[span.layer] = counts.get(span.layer, 0) + 1
    order = [x for x in LAYERS if x in counts] + sorted(x for x in counts if x not in LAYERS)
    layers = tuple((layer_title(x), counts[x], layer_threshold(x, min_score)) for x in order)
    return HiddenLow(sum(counts.values()), layers)


def _finding_rows(
    analysis: Analysis,
    keys: tuple[str, ...],
    colours: Mapping[int, int],
    anchored: set[str],
    low: tuple[bool, ...] | None = None,
) -> list[dict[str, Any]]:
    text = analysis.document.text
    flags = low if low is not None else (False,) * len(analysis.findings)
    return [
        {
            "n": n,
            "key": keys[n - 1],
            "layer": span.layer,
            "layer_title": layer_title(span.layer),
            "label": span.label,
            "name": display_label(span.layer, span.label),
            "c": colours[n - 1],
            "text": excerpt(text[span.start : span.end], 200),
            "score": f"{span.score:.2f}",
            "detector": span.detector,
            "explanation": span.explanation,
            "extras": attribute_words(analysis, span),
            "start": span.start,
            "end": span.end,
            "anchored": keys[n - 1] in anchored,
            "low": flags[n - 1],
        }
        for n, span in enumerate(analysis.findings, start=1)
    ]


def _script_data(
    analysis: Analysis,
    keys: tuple[str, ...],
    colours: Mapping[int, int],
    definitions: Mapping[str, str],
    low: tuple[bool, ...],
) -> dict[str, Any]:
    text = analysis.document.text
    findings: dict[str, Any] = {}
    for i, span in enumerate(analysis.findings):
        findings[keys[i]] = {
            "layer": span.layer,
            "lt": layer_title(span.layer),
            "lc": token(span.layer),
            "label": span.label,
            "name": display_label(span.layer, span.label),
            "c": colours[i],
            "score": span.score,
            "detector": span.detector,
            "explanation": span.explanation,
            "definition": definitions.get(span.label),
            "start": span.start,
            "end": span.end,
            "text": excerpt(text[span.start : span.end], 200),
            "extra": [list(pair) for pair in attribute_words(analysis, span)],
            "low": low[i],
        }
    return {"findings": findings}


def _language(value: str | None) -> str | None:
    return value if value and _LANG.fullmatch(value) else None


def render_html(
    analysis: Analysis,
    *,
    definitions: Mapping[str, str] | None = None,
    min_score: float | None = None,
) -> str:
    """The report as one self-contained HTML page; findings scored below their layer's
    threshold (below ``min_score`` in every layer, when given) start hidden."""
    defs = label_definitions() if definitions is None else definitions
    low = below_threshold(analysis, min_score)
    legend = build_legend(analysis, defs)
    by_label = label_index(legend)
    colours = {
        i: by_label[(span.layer, span.label)].index for i, span in enumerate(analysis.findings)
    }
    keys = finding_keys(analysis)
    blocks = layout(analysis)
    block_views, anchored = _blocks(analysis, blocks, keys, colours)
    entries = [entry for layer in legend for entry in layer.labels]
    style = template_asset("report.css") + _colour_rules(entries)
    script = template_asset("report.js")
    csp = page_csp(style, script)
    doc = analysis.document
    page_title = doc.meta.title or next((b.text for b in blocks if b.kind == "title"), None)
    links = [
        {"text": excerpt(doc.text[k.start : k.end], 80), "url": k.url, "href": safe_href(k.url)}
        for k in doc.links
    ]
    context = {
        "version": __version__,
        "csp": csp,
        "style": Markup(style),  # noqa: S704 - spinscope's own style sheet, hashed in the CSP
        "script": Markup(script),  # noqa: S704 - spinscope's own script, hashed in the CSP
        "data": Markup(script_json(_script_data(analysis, keys, colours, defs, low))),  # noqa: S704 - escaped by script_json
        "page_title": excerpt(page_title or "Untitled article", 120),
        "has_title_block": any(b.kind == "title" for b in blocks),
        "fallback_title": page_title or "Untitled article",
        "language": _language(doc.meta.language),
        "meta_rows": _meta_rows(analysis, blocks),
        "blocks": block_views,
        "legend": legend,
        "not_analysed": not_analysed_groups(analysis.not_analysed),
        "summary": article_summary(analysis, low, display_label),
        "structure": {part_kind(k).display: n for k, n in part_counts(doc).items()},
        "findings": _finding_rows(analysis, keys, colours, anchored, low),
        "hidden_low": hidden_low(analysis, low, min_score),
        "actors": actor_views(analysis),
        "links": links,
        "pipeline": analysis.pipeline,
        "config": json.dumps(dict(analysis.pipeline.config), indent=2, sort_keys=True, default=str),
        "rel": REL,
        "quiet_layers": QUIET_LAYERS,
    }
    return template_environment().get_template("report.html.j2").render(context)
