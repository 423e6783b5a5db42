"""The terminal report, drawn with rich.

Every piece of article-derived text goes into a ``rich.text.Text`` object, never into a markup
string, so text such as ``[bold]`` or ``[/]`` is shown exactly as written; control characters are
replaced by visible stand-ins first, so an article cannot send escape sequences to the terminal.

Findings are numbered in reading order. In the article text each finding ends with a marker
``[n:Label]``; with colour, the covered text gets its innermost finding's background (underlined
where findings overlap); without colour, the start of each finding is marked ``[n>`` too.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Final

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from spinscope.analysis import Analysis
from spinscope.report.layout import (
    Block,
    actor_views,
    clean,
    excerpt,
    layout,
    show_value,
)
from spinscope.report.legend import display_label, layer_order, line_colour, terminal_colour
from spinscope.vocabulary import layer_title, part_kind

_SECTION: Final = Style(bold=True)
_KEY: Final = Style(bold=True)
_MUTED: Final = Style(dim=True)


def _t(value: object, style: Style | str = "") -> Text:
    """Article-derived text as a Text object, safe for the terminal."""
    return Text(clean(str(value)), style=style, overflow="fold")


def _section(title: str, count: int | None = None) -> Rule:
    label = title if count is None else f"{title} ({count})"
    return Rule(Text(label, style=_SECTION), align="left", style="dim")


def _metadata(analysis: Analysis) -> Table:
    doc = analysis.document
    meta = doc.meta
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style=_KEY, no_wrap=True)
    grid.add_column(overflow="fold")
    published = meta.published or ""
    if meta.published_raw and meta.published_raw != meta.published:
        published = f"{published} (as written: {meta.published_raw})".strip()
    rows = [
        ("Title", meta.title),
        ("Authors", ", ".join(meta.authors) if meta.authors else None),
        ("Published", published or None),
        ("URL", meta.url),
        ("Original source", meta.original_source_url),
        ("Site", meta.site),
        ("Language", meta.language),
        ("Id", doc.id[:12]),
        ("Source", meta.source),
        ("Length", f"{len(doc.text)} characters, {len(doc.sentences)} sentences"),
    ]
    for key, value in rows:
        grid.add_row(Text(key), _t(value) if value else Text("—", style=_MUTED))
    return grid


def _structure(analysis: Analysis) -> RenderableType:
    doc = analysis.document
    if not doc.parts:
        return Text("No parts recovered.", style=_MUTED)
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style=_MUTED)
    table.add_column("kind", no_wrap=True)
    table.add_column("offsets", justify="right", no_wrap=True, style=_MUTED)
    table.add_column("excerpt", overflow="fold", ratio=1)
    for part in doc.parts:
        table.add_row(
            Text(part_kind(part.kind).display, style=part_kind(part.kind).terminal),
            Text(f"{part.start}–{part.end}"),
            _t(excerpt(doc.part_text(part), 70)),
        )
    return table


def _marker(number: int, label: str) -> str:
    return f"[{number}:{clean(label)}]"


def _findings(analysis: Analysis) -> Iterable[RenderableType]:
    spans = analysis.findings
    if not spans:
        yield Text("No findings.", style=_MUTED)
        return
    text = analysis.document.text
    numbered = list(enumerate(spans, start=1))
    layers = sorted({s.layer for s in spans}, key=lambda x: (layer_order(x), x))
    for layer in layers:
        in_layer = [(n, s) for n, s in numbered if s.layer == layer]
        title = layer_title(layer)
        yield Text.assemble((f"{title}", _SECTION), (f" · {layer} · {len(in_layer)}", _MUTED))
        labels: dict[str, list[int]] = {}
        for n, s in in_layer:
            labels.setdefault(s.label, []).append(n)
        for label in sorted(labels, key=lambda x: (-len(labels[x]), x)):
            swatch = Style(color=line_colour(layer, label), bold=True)
            head = Text.assemble(
                ("■ ", swatch),
                _t(display_label(layer, label), _KEY),
                (f" ×{len(labels[label])}", ""),
            )
            yield Padding(head, (0, 0, 0, 2))
            grid = Table.grid(padding=(0, 1))
            grid.add_column(justify="right", no_wrap=True, style=_MUTED)
            grid.add_column(overflow="fold", ratio=1)
            for n in labels[label]:
                span = spans[n - 1]
                body = Text(overflow="fold")
                body.append_text(_t(f"“{excerpt(text[span.start : span.end], 160)}”"))
                body.append(f"  {span.start}–{span.end} · score {span.score:.2f} · ", _MUTED)
                body.append_text(_t(span.detector, _MUTED))
                if span.explanation:
                    body.append("\n")
                    body.append_text(_t(span.explanation, Style(italic=True)))
                for key, value in sorted(span.attrs.items()):
                    body.append("\n")
                    body.append_text(_t(f"{key}: {show_value(value)}", _MUTED))
                grid.add_row(Text(f"[{n}]"), body)
            yield Padding(grid, (0, 0, 0, 4))


def _block_text(block: Block, analysis: Analysis, *, color: bool) -> Text:
    spans = analysis.findings
    base = Style.parse(part_kind(block.kind).terminal or "none")
    out = Text(style=base, overflow="fold")
    started: set[int] = set()
    for segment in block.segments:
        if not color:
            for index in sorted(segment.findings):
                if index not in started and spans[index].start == segment.start:
                    out.append(f"[{index + 1}>", _MUTED)
                    started.add(index)
        style = Style()
        if segment.findings:
            first = spans[segment.findings[0]]
            style = Style(bgcolor=terminal_colour(first.layer, first.label), color="#ffffff")
            if len(segment.findings) > 1:
                second = spans[segment.findings[1]]
                style += Style(underline=True)
                style += Style(color=_light(line_colour(second.layer, second.label)))
        if segment.link:
            style += Style(underline=True)
        out.append_text(_t(segment.text, style))
        ending = sorted(i for i in segment.findings if spans[i].end == segment.end)
        for index in ending:
            span = spans[index]
            marker_style = Style(color=line_colour(span.layer, span.label), bold=True)
            out.append(_marker(index + 1, span.label), marker_style if color else _MUTED)
    return out


def _light(hex_colour: str) -> str:
    """A brightened version of a colour, for text on a dark background."""
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{(c + 255 * 2) // 3:02x}" for c in (red, green, blue))


def _article(analysis: Analysis, *, color: bool) -> Iterable[RenderableType]:
    blocks = layout(analysis)
    if not blocks:
        yield Text("The article has no text.", style=_MUTED)
        return
    for block in blocks:
        body = _block_text(block, analysis, color=color)
        if block.kind == "title":
            yield Panel(body, border_style="bold", padding=(0, 1), expand=True)
        elif part_kind(block.kind).tagged:
            tag = Text(f"{part_kind(block.kind).display} · {block.start}–{block.end}", style=_MUTED)
            yield Group(tag, body)
        else:
            yield body
        yield Text("")


def _actors(analysis: Analysis) -> Iterable[RenderableType]:
    views = actor_views(analysis)
    if not views:
        yield Text("No actors identified yet.", style=_MUTED)
        return
    for actor in views:
        head = Text.assemble(_t(actor.name, _KEY), (f"  {actor.kind}", _MUTED))
        head.append(f" · {actor.mentions} mention{'s' if actor.mentions != 1 else ''}", _MUTED)
        lines: list[RenderableType] = [head]
        if actor.aliases:
            lines.append(_t("also: " + ", ".join(actor.aliases), _MUTED))
        for text, evaluative in actor.descriptors:
            line = Text.assemble(("described as ", _MUTED))
            line.append_text(_t(f"“{text}”"))
            if evaluative:
                line.append(" (evaluative)", Style(italic=True))
            lines.append(line)
        for allegation in actor.allegations:
            line = Text.assemble(("allegation ", _MUTED))
            if allegation.text is None:
                line.append_text(_t(f"{allegation.finding_id} (not among the findings)"))
            else:
                line.append_text(_t(f"“{allegation.text}”"))
                line.append(" — ", _MUTED)
                line.append_text(_t(allegation.frame, _MUTED))
            lines.append(Padding(line, (0, 0, 0, 2)))
        yield Group(*lines)


def _pipeline(analysis: Analysis) -> RenderableType:
    info = analysis.pipeline
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style=_KEY, no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text("Version"), _t(info.version))
    grid.add_row(Text("Components"), _t(", ".join(info.components) or "—"))
    config = ", ".join(f"{k}={v}" for k, v in sorted(info.config.items()))
    grid.add_row(Text("Config"), _t(config or "—"))
    return grid


def renderables(analysis: Analysis, *, color: bool = True) -> list[RenderableType]:
    """The report as rich renderables, in order."""
    doc = analysis.document
    heading = Text("spinscope report", style=Style(bold=True, reverse=True))
    out: list[RenderableType] = [heading, Text(""), _metadata(analysis), Text("")]
    out += [_section("Structure", len(doc.parts)), _structure(analysis), Text("")]
    out += [_section("Findings", len(analysis.findings)), *_findings(analysis), Text("")]
    out += [_section("Article"), *_article(analysis, color=color)]
    out += [_section("Actors", len(analysis.actors)), *_actors(analysis), Text("")]
    out += [_section("Pipeline"), _pipeline(analysis)]
    return out


def print_text(analysis: Analysis, console: Console) -> None:
    """Print the report on ``console`` (colour as the console allows)."""
    color = console.color_system is not None
    for renderable in renderables(analysis, color=color):
        console.print(renderable)


def render_text(analysis: Analysis, *, width: int = 100, color: bool = True) -> str:
    """The report as a string: ANSI-coloured when ``color``, plain text otherwise."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system="truecolor" if color else None,
        force_terminal=color,
        force_jupyter=False,
        force_interactive=False,
        no_color=False,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    print_text(analysis, console)
    out = buffer.getvalue()
    if color:
        return out
    return "\n".join(line.rstrip() for line in out.split("\n"))
