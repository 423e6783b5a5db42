"""The terminal report, drawn with rich.

Every piece of article-derived text goes into a ``rich.text.Text`` object, never into a markup
string, so text such as ``[bold]`` or ``[/]`` is shown exactly as written; control characters are
replaced by visible stand-ins first, so an article cannot send escape sequences to the terminal.

The report opens with a summary (techniques by name, allegations and whom they target, check-worthy
sentences, sourcing, actors, what was not analysed and why, and what is not shown), then lists the
findings a line or two each: the evidence (an allegation's cue where it has one, else the finding's
text), its score, and its attributes in words, on the same line when the console is wide enough;
words a label's findings all share (a rule's fixed explanation) are said once, under the label. The
structure is one line of part kinds and their counts. Actors targeted by allegations or described
evaluatively are listed in full; the others by name, by kind. :class:`TextOptions` chooses what is
shown: by default every layer but the quiet ones (entities, the per-sentence claim scores), each
finding scored at least its layer's threshold (:attr:`spinscope.vocabulary.Layer.threshold`), no
article text; ``layers``, ``min_score`` (one threshold for every layer instead) and ``article``
change that. The summary says how many findings are left out and why. The JSON always holds
everything.

Findings are numbered in reading order. In the article text (``article=True``) each listed
finding ends with a marker ``[n:name]`` (its label by name); with colour, the covered text gets
its innermost finding's background (underlined where findings overlap); without colour, the
start of each finding is marked ``[n>`` too.
"""

from __future__ import annotations

import dataclasses
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from spinscope.analysis import Analysis
from spinscope.document import Span
from spinscope.errors import InputError
from spinscope.language import language_name
from spinscope.records import AllegationAttrs, SourcingAttrs
from spinscope.report.layout import (
    Block,
    actor_views,
    allegation_view,
    clean,
    excerpt,
    layout,
)
from spinscope.report.legend import (
    display_label,
    layer_order,
    line_colour,
    not_analysed_groups,
    terminal_colour,
)
from spinscope.vocabulary import LAYERS, QUIET_LAYERS, layer_threshold, layer_title, part_kind


@dataclass(frozen=True, slots=True)
class TextOptions:
    """What the terminal report shows: ``layers`` (None: every layer that is not quiet),
    findings scored at least ``min_score`` (None: at least their layer's threshold), and the
    article text with its markers."""

    layers: tuple[str, ...] | None = None
    min_score: float | None = None
    article: bool = False

    def __post_init__(self) -> None:
        for name in self.layers or ():
            if name not in LAYERS:
                valid = ", ".join(("all", *LAYERS))
                raise InputError("E134", option="--layers", value=name, valid=valid)

    @classmethod
    def parse(
        cls, layers: str | None, *, min_score: float | None = None, article: bool = False
    ) -> TextOptions:
        """The options from ``--layers`` ("technique,claim", "all" or None for the default)."""
        chosen: tuple[str, ...] | None = None
        if layers is not None:
            names = tuple(n.strip().lower() for n in layers.split(",") if n.strip())
            chosen = LAYERS if names == ("all",) else names
        return cls(layers=chosen, min_score=min_score, article=article)

    def chosen(self, layer: str) -> bool:
        """Whether the layer is one of those listed."""
        return layer in (self.layers if self.layers is not None else DEFAULT_LAYERS)

    def scored_enough(self, span: Span) -> bool:
        """Whether the finding reaches its layer's threshold (or ``min_score``)."""
        return span.score >= layer_threshold(span.layer, self.min_score)

    def shown(self, span: Span) -> bool:
        return self.chosen(span.layer) and self.scored_enough(span)


DEFAULT_LAYERS: Final = tuple(layer for layer in LAYERS if layer not in QUIET_LAYERS)
EXPLANATION_CHARS: Final = 110
QUOTE_CHARS: Final = 24  # the shortest a quote is cut to, however narrow the console
FINDING_INDENT: Final = 4
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
        ("Language", language_name(meta.language) if meta.language else None),
        ("Source", meta.source),
        ("Length", f"{len(doc.text)} characters, {len(doc.sentences)} sentences; id {doc.id[:12]}"),
    ]
    for key, value in rows:
        if value:
            grid.add_row(Text(key), _t(value))
        elif key == "Title":
            grid.add_row(Text(key), Text("—", style=_MUTED))
    return grid


def _structure(analysis: Analysis) -> RenderableType:
    """The parts by kind in order of first appearance (paragraphs last), how many of each, on
    one wrapped line (their text is in the metadata above, and in the article with
    ``--article``)."""
    doc = analysis.document
    if not doc.parts:
        return Text("No parts recovered.", style=_MUTED)
    kinds: dict[str, int] = {}
    for part in doc.parts:
        kinds[part.kind] = kinds.get(part.kind, 0) + 1
    if "paragraph" in kinds:  # the running text last
        kinds["paragraph"] = kinds.pop("paragraph")
    line = Text()
    for position, (kind, count) in enumerate(kinds.items()):
        if position:
            line.append(", ", _MUTED)
        line.append(part_kind(kind).display, style=part_kind(kind).terminal)
        if count > 1:
            line.append(f" ×{count}")
    return line


def _counts(spans: Iterable[Span], layer: str) -> str:
    counts = Counter(s.label for s in spans if s.layer == layer)
    ordered = sorted(counts, key=lambda label: (-counts[label], label))
    return ", ".join(f"{display_label(layer, label)} {counts[label]}" for label in ordered)


def _summary(analysis: Analysis, options: TextOptions) -> Iterable[RenderableType]:
    """What the article holds, a line a layer, and what the report leaves out."""
    spans = analysis.findings
    present = {s.layer for s in spans}
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style=_KEY, no_wrap=True)
    grid.add_column(overflow="fold")
    for layer in sorted(present - {"structure", "entity"}, key=layer_order):
        grid.add_row(Text(layer_title(layer)), _t(_layer_summary(analysis, layer)))
    kinds = Counter(a.kind for a in analysis.actors)
    if analysis.actors:
        parts = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in kinds.most_common())
        grid.add_row(Text("Actors"), _t(f"{len(analysis.actors)}: {parts}"))
    groups = not_analysed_groups(analysis.not_analysed)
    if groups:
        grid.add_row(Text("Not analysed"), _t("; ".join(g.text for g in groups)))
    left_out = _left_out(spans, options)
    if left_out:
        grid.add_row(Text("Not listed"), _t("; ".join(left_out), _MUTED))
    yield grid


def _left_out(spans: Iterable[Span], options: TextOptions) -> list[str]:
    """What the findings list leaves out, in words: the layers not chosen, and the findings of
    chosen layers scored below their threshold."""
    unchosen: Counter[str] = Counter()
    low: Counter[str] = Counter()
    for s in spans:
        if not options.chosen(s.layer):
            unchosen[s.layer] += 1
        elif not options.scored_enough(s):
            low[s.layer] += 1
    lines: list[str] = []
    if unchosen:
        ordered = sorted(unchosen, key=layer_order)
        names = ", ".join(f"{layer_title(x).lower()} {unchosen[x]}" for x in ordered)
        lines.append(f"{names} (show with --layers)")
    if low:
        ordered = sorted(low, key=layer_order)
        names = ", ".join(
            f"{layer_title(x).lower()} {low[x]} scored below "
            f"{layer_threshold(x, options.min_score):.2f}"
            for x in ordered
        )
        lines.append(f"{names} (show with --min-score 0)")
    return lines


def _layer_summary(analysis: Analysis, layer: str) -> str:
    spans = [s for s in analysis.findings if s.layer == layer]
    if layer == "allegation":
        names = {a.id: a.name for a in analysis.actors}
        targets = Counter(
            names[t]
            for s in spans
            if isinstance(s.attrs, AllegationAttrs)
            for t in s.attrs.targets
            if t in names
        )
        against = ", ".join(f"{name} {n}" for name, n in targets.most_common(6))
        more = f" and {len(targets) - 6} more" if len(targets) > 6 else ""
        return f"{len(spans)} ({_counts(spans, layer)}); against {against}{more}"
    if layer == "claim":
        accepted = sum(1 for s in spans if s.label == "checkworthy")
        return f"{accepted} of {len(spans)} sentences check-worthy"
    return f"{len(spans)}: {_counts(spans, layer)}"


def _in_words(analysis: Analysis, span: Span) -> str:
    """A finding's attributes as a sentence, never raw ids or nulls. An allegation's kind is
    its group's heading, so it is not repeated: whom it is against, who alleges it, on what
    sourcing, and its cue."""
    if isinstance(span.attrs, AllegationAttrs):
        view = allegation_view(analysis, span.id)
        against = ", ".join(view.against) if view.against else "no one named"
        return f"against {against}; alleged by {view.alleged_by}, sourcing: {view.sourcing}"
    if isinstance(span.attrs, SourcingAttrs) and span.attrs.speaker:
        names = {a.id: a.name for a in analysis.actors}
        return f"source: {names.get(span.attrs.speaker, span.attrs.speaker)}"
    return excerpt(span.explanation, EXPLANATION_CHARS) if span.explanation else ""


def _evidence(text: str, span: Span) -> str:
    """What a finding's line quotes: an allegation's cue where it has one (the words that make
    the sentence an allegation), else the finding's own text."""
    if isinstance(span.attrs, AllegationAttrs) and span.attrs.cue:
        return span.attrs.cue
    return text[span.start : span.end]


def _shared(words: list[str]) -> str:
    """The words every finding of a label shares (a rule's fixed explanation), said once under
    the label instead of under each finding; empty when they differ."""
    return words[0] if len(words) > 1 and len(set(words)) == 1 else ""


def _findings(analysis: Analysis, options: TextOptions, width: int) -> Iterable[RenderableType]:
    spans = analysis.findings
    numbered = [(n, s) for n, s in enumerate(spans, start=1) if options.shown(s)]
    if not numbered:
        yield Text("No findings to list.", style=_MUTED)
        return
    text = analysis.document.text
    layers = sorted({s.layer for _, s in numbered}, key=lambda x: (layer_order(x), x))
    for layer in layers:
        in_layer = [(n, s) for n, s in numbered if s.layer == layer]
        yield Text.assemble((layer_title(layer), _SECTION), (f" · {len(in_layer)}", _MUTED))
        labels: dict[str, list[int]] = {}
        for n, s in in_layer:
            labels.setdefault(s.label, []).append(n)
        for label in sorted(labels, key=lambda x: (-len(labels[x]), x)):
            members = [spans[n - 1] for n in labels[label]]
            said = [_in_words(analysis, span) for span in members]
            shared = _shared(said)
            swatch = Style(color=line_colour(layer, label), bold=True)
            head = Text.assemble(
                ("■ ", swatch),
                _t(display_label(layer, label), _KEY),
                (f" ×{len(labels[label])}", ""),
            )
            if shared:
                head.append_text(_t(f": {shared}", Style(italic=True, dim=True)))
            yield Padding(head, (0, 0, 0, 2))
            grid = Table.grid(padding=(0, 1))
            grid.add_column(justify="right", no_wrap=True, style=_MUTED)
            grid.add_column(overflow="fold", ratio=1)
            for n, span, own in zip(labels[label], members, said, strict=True):
                number = f"[{n}]"
                # the indent, the number column and its gap, and the score after the quote
                line = width - FINDING_INDENT - max(len(number), 5) - 1 - len("  0.00")
                body = Text(overflow="fold")
                quote = f"“{excerpt(_evidence(text, span), max(QUOTE_CHARS, line - 2))}”"
                body.append_text(_t(quote))
                body.append(f"  {span.score:.2f}", _MUTED)
                words = "" if shared else own
                if words and len(quote) + 2 + len(words) <= line:
                    body.append("  ")
                    body.append_text(_t(words, Style(italic=True)))
                elif words:
                    body.append("\n")
                    body.append_text(_t(words, Style(italic=True)))
                grid.add_row(Text(number), body)
            yield Padding(grid, (0, 0, 0, FINDING_INDENT))


def _marker(number: int, label: str) -> str:
    return f"[{number}:{clean(label)}]"


def _block_text(
    block: Block, analysis: Analysis, *, color: bool, listed: frozenset[int] | None = None
) -> Text:
    """A block of the article with the markers of its findings (of those ``listed``, by index,
    when given)."""
    spans = analysis.findings
    base = Style.parse(part_kind(block.kind).terminal or "none")
    out = Text(style=base, overflow="fold")
    started: set[int] = set()
    for piece in block.segments:
        segment = piece
        if listed is not None:
            kept = tuple(i for i in piece.findings if i in listed)
            segment = dataclasses.replace(piece, findings=kept)
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
            name = display_label(span.layer, span.label)
            out.append(_marker(index + 1, name), marker_style if color else _MUTED)
    return out


def _light(hex_colour: str) -> str:
    """A brightened version of a colour, for text on a dark background."""
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{(c + 255 * 2) // 3:02x}" for c in (red, green, blue))


def _article(
    analysis: Analysis, *, color: bool, options: TextOptions | None = None
) -> Iterable[RenderableType]:
    """The article with the markers of the listed findings (every finding without options)."""
    blocks = layout(analysis)
    if not blocks:
        yield Text("The article has no text.", style=_MUTED)
        return
    listed = None
    if options is not None:
        listed = frozenset(i for i, s in enumerate(analysis.findings) if options.shown(s))
    for block in blocks:
        body = _block_text(block, analysis, color=color, listed=listed)
        if block.kind == "title":
            yield Panel(body, border_style="bold", padding=(0, 1), expand=True)
        elif part_kind(block.kind).tagged:
            tag = Text(f"{part_kind(block.kind).display} · {block.start}–{block.end}", style=_MUTED)
            yield Group(tag, body)
        else:
            yield body
        yield Text("")


def _actors(analysis: Analysis, options: TextOptions) -> Iterable[RenderableType]:
    views = actor_views(analysis)
    if not views:
        yield Text("No actors identified yet.", style=_MUTED)
        return
    number = {s.id: n for n, s in enumerate(analysis.findings, start=1) if options.shown(s)}
    described = [v for v in views if v.allegations or any(e for _, e in v.descriptors)]
    for actor in described:
        head = Text.assemble(_t(actor.name, _KEY), (f"  {actor.kind}", _MUTED))
        head.append(f" · {actor.mentions} mention{'s' if actor.mentions != 1 else ''}", _MUTED)
        if actor.aliases:
            head.append_text(_t(" · also " + ", ".join(actor.aliases[:4]), _MUTED))
        lines: list[RenderableType] = [head]
        if actor.descriptors:
            line = Text.assemble(("described as ", _MUTED))
            for position, (text, evaluative) in enumerate(actor.descriptors):
                if position:
                    line.append("; ", _MUTED)
                line.append_text(_t(f"“{text}”"))
                if evaluative:
                    line.append(" (evaluative)", Style(italic=True))
            lines.append(Padding(line, (0, 0, 0, 2)))
        if actor.allegations:
            # Their kinds are in the findings list, each under its heading.
            numbers = [number.get(a.finding_id) for a in actor.allegations]
            shown = [f"[{n}]" for n in numbers if n is not None]
            unlisted = len(actor.allegations) - len(shown)
            head.append(" · target of ")
            words = shown + ([f"{unlisted} not listed"] if unlisted else [])
            head.append(" ".join(words), _MUTED)
        yield Group(*lines)
    others = [v for v in views if v not in described]
    if others:
        kinds: dict[str, list[str]] = {}
        for view in others:
            kinds.setdefault(view.kind, []).append(view.name)
        line = Text.assemble(("Also named", _MUTED))
        for position, (kind, names) in enumerate(kinds.items()):
            line.append(" — " if position == 0 else "; ", _MUTED)
            line.append(f"{kind}{'s' if len(names) != 1 else ''}: ", _MUTED)
            line.append_text(_t(", ".join(names)))
        yield line


def _pipeline(analysis: Analysis) -> RenderableType:
    info = analysis.pipeline
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style=_KEY, no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text("Version"), _t(info.version))
    grid.add_row(Text("Components"), _t(", ".join(info.components) or "—"))
    config = ", ".join(f"{k}={v}" for k, v in sorted(info.config.items()) if v is not None)
    grid.add_row(Text("Config"), _t(config or "defaults"))
    return grid


def renderables(
    analysis: Analysis,
    *,
    color: bool = True,
    options: TextOptions | None = None,
    width: int = 80,
) -> list[RenderableType]:
    """The report as rich renderables, in order, for a console ``width`` columns wide (a
    finding's attributes share its line when they fit)."""
    options = options or TextOptions()
    doc = analysis.document
    heading = Text("spinscope report", style=Style(bold=True, reverse=True))
    out: list[RenderableType] = [heading, Text(""), _metadata(analysis), Text("")]
    out += [_section("Summary"), *_summary(analysis, options), Text("")]
    out += [_section("Structure", len(doc.parts)), _structure(analysis), Text("")]
    listed = sum(1 for s in analysis.findings if options.shown(s))
    out += [_section("Findings", listed), *_findings(analysis, options, width), Text("")]
    if options.article:
        out += [_section("Article"), *_article(analysis, color=color, options=options)]
    out += [_section("Actors", len(analysis.actors)), *_actors(analysis, options), Text("")]
    out += [_section("Pipeline"), _pipeline(analysis)]
    return out


def print_text(analysis: Analysis, console: Console, options: TextOptions | None = None) -> None:
    """Print the report on ``console`` (colour as the console allows)."""
    color = console.color_system is not None
    for renderable in renderables(analysis, color=color, options=options, width=console.width):
        console.print(renderable)


def render_text(
    analysis: Analysis,
    *,
    width: int = 100,
    color: bool = True,
    options: TextOptions | None = None,
) -> str:
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
    print_text(analysis, console, options)
    out = buffer.getvalue()
    if color:
        return out
    return "\n".join(line.rstrip() for line in out.split("\n"))
