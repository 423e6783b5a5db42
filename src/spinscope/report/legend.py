"""Colours per layer and label, the legend of an analysis, and the label-definitions hook.

Every label gets a deterministic colour: a hue taken from the sha256 of the label, placed inside
its layer's own band of hues (techniques warm, sourcing blue, allegations violet, claims green,
entities teal, structure grey), so the same label always looks the same and a layer is
recognisable at a glance.

Label definitions come from ``spinscope.taxonomy.definitions()`` when that module exists; a caller
may also pass its own mapping to the renderers.

What was not analysed (:class:`spinscope.analysis.NotAnalysed`) is shown in words here, once for
every face: components and languages by their display names, grouped by reason, e.g.
"techniques, check-worthiness (Russian: no model for this language)".
"""

from __future__ import annotations

import colorsys
import hashlib
import importlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from spinscope.vocabulary import LAYER_TABLE, LAYERS, layer_title

if TYPE_CHECKING:
    from spinscope.analysis import Analysis, NotAnalysed


@dataclass(frozen=True, slots=True)
class Band:
    """A layer's base palette: hues from ``hue`` to ``hue + spread`` degrees, one saturation."""

    hue: float
    spread: float
    saturation: float


LAYER_BANDS: Final[Mapping[str, Band]] = MappingProxyType(
    {layer.name: Band(layer.hue, layer.spread, layer.saturation) for layer in LAYER_TABLE}
)
_OTHER_BAND: Final = Band(hue=0.0, spread=360.0, saturation=0.30)


def layer_order(layer: str) -> int:
    """Position of a layer in the declared order; unknown layers come last."""
    return LAYERS.index(layer) if layer in LAYERS else len(LAYERS)


def _fraction(key: str) -> float:
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:4], "big") / 2**32


def label_hue(layer: str, label: str) -> float:
    """The hue (degrees) of a label: a hash of the label inside its layer's band."""
    band = LAYER_BANDS.get(layer, _OTHER_BAND)
    return (band.hue + band.spread * _fraction(label)) % 360.0


def colour(layer: str, label: str, *, lightness: float, saturation: float | None = None) -> str:
    """A ``#rrggbb`` colour for a label near the given lightness (0..1).

    The lightness moves by up to 0.06 either way, also by a hash of the label, so that two labels
    of one layer whose hues fall close together still differ.
    """
    band = LAYER_BANDS.get(layer, _OTHER_BAND)
    sat = band.saturation if saturation is None else saturation
    light = min(0.95, max(0.05, lightness + 0.12 * (_fraction("lightness:" + label) - 0.5)))
    red, green, blue = colorsys.hls_to_rgb(label_hue(layer, label) / 360.0, light, sat)
    return "#" + "".join(f"{round(c * 255):02x}" for c in (red, green, blue))


def highlight_colour(layer: str, label: str) -> str:
    """A light background for a highlight on a light page."""
    return colour(layer, label, lightness=0.86)


def line_colour(layer: str, label: str) -> str:
    """A strong colour for swatches, underlines and outlines."""
    band = LAYER_BANDS.get(layer, _OTHER_BAND)
    return colour(layer, label, lightness=0.40, saturation=min(1.0, band.saturation + 0.15))


def terminal_colour(layer: str, label: str) -> str:
    """A dark background that white text reads well on, in dark and light terminals alike."""
    return colour(layer, label, lightness=0.30)


def label_definitions() -> Mapping[str, str]:
    """Label definitions from ``spinscope.taxonomy.definitions()``, or none when it is absent."""
    try:
        taxonomy = importlib.import_module("spinscope.taxonomy")
    except ModuleNotFoundError as exc:
        if exc.name not in {"spinscope.taxonomy", "spinscope"}:
            raise
        return {}
    definitions = getattr(taxonomy, "definitions", None)
    if not callable(definitions):
        return {}
    found = definitions()
    if not isinstance(found, Mapping):
        return {}
    return {str(k): str(v) for k, v in found.items()}


def display_label(layer: str, label: str) -> str:
    """The name a label is shown by ("Loaded language" for ``loaded_language``), as the
    component that emits it declares; the label itself when none does."""
    from spinscope.registry import builtin_registry

    return builtin_registry().display_name(layer, label)


@dataclass(frozen=True, slots=True)
class LabelEntry:
    """One label of the legend: its layer, count, colours and definition (if known)."""

    layer: str
    label: str
    name: str  # the display name
    count: int
    index: int  # a small number naming the label's colour class, unique within one legend
    background: str
    line: str
    definition: str | None


@dataclass(frozen=True, slots=True)
class LayerEntry:
    """One layer of the legend with its labels, most frequent first."""

    layer: str
    title: str
    count: int
    labels: tuple[LabelEntry, ...]


def build_legend(analysis: Analysis, definitions: Mapping[str, str]) -> tuple[LayerEntry, ...]:
    """Every layer and label present in the findings, with counts, colours and definitions."""
    counts = Counter((f.layer, f.label) for f in analysis.findings)
    layers = sorted({layer for layer, _ in counts}, key=lambda x: (layer_order(x), x))
    out: list[LayerEntry] = []
    index = 0
    for layer in layers:
        keys = sorted((k for k in counts if k[0] == layer), key=lambda k: (-counts[k], k[1]))
        labels: list[LabelEntry] = []
        for _, label in keys:
            labels.append(
                LabelEntry(
                    layer=layer,
                    label=label,
                    name=display_label(layer, label),
                    count=counts[(layer, label)],
                    index=index,
                    background=highlight_colour(layer, label),
                    line=line_colour(layer, label),
                    definition=definitions.get(label),
                )
            )
            index += 1
        out.append(
            LayerEntry(
                layer=layer,
                title=layer_title(layer),
                count=sum(e.count for e in labels),
                labels=tuple(labels),
            )
        )
    return tuple(out)


def label_index(legend: tuple[LayerEntry, ...]) -> dict[tuple[str, str], LabelEntry]:
    """The legend's entries by ``(layer, label)``."""
    return {(e.layer, e.label): e for layer in legend for e in layer.labels}


def component_title(name: str) -> str:
    """How a component is shown ("check-worthiness" for ``claims``), as it declares."""
    from spinscope.registry import builtin_registry

    return builtin_registry().component_name(name)


def not_analysed_reason(item: NotAnalysed) -> str:
    """Why a component did not run, in words."""
    from spinscope.language import language_name

    if item.reason == "unsupported_language":
        return f"{language_name(item.language)}: no model for this language"
    if item.reason == "unidentified_language":
        return "language not identified"
    needs = component_title(item.needs) if item.needs else "an earlier component"
    return f"needs {needs}, which did not run"


@dataclass(frozen=True, slots=True)
class NotAnalysedGroup:
    """Components that did not run for one reason: their display names and the reason."""

    components: tuple[str, ...]
    reason: str

    @property
    def text(self) -> str:
        return f"{', '.join(self.components)} ({self.reason})"


def not_analysed_groups(items: Iterable[NotAnalysed]) -> tuple[NotAnalysedGroup, ...]:
    """What was not analysed, grouped by reason in the order the components come."""
    grouped: dict[str, list[str]] = {}
    for item in items:
        grouped.setdefault(not_analysed_reason(item), []).append(component_title(item.component))
    return tuple(NotAnalysedGroup(tuple(names), reason) for reason, names in grouped.items())


def not_analysed_line(items: Iterable[NotAnalysed]) -> str | None:
    """One line, "Not analysed: techniques, check-worthiness (Russian: no model for this
    language)", or None when everything was analysed."""
    groups = not_analysed_groups(items)
    if not groups:
        return None
    return "Not analysed: " + "; ".join(g.text for g in groups)
