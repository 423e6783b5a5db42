"""The house vocabulary, declared once: every part kind and every layer with its properties.

Every module that needs to know whether a part holds running text, is parsed for entities,
bears claims, how it is drawn in HTML or in a terminal, or what a layer is called, reads it
here. Adding a part kind is one entry in :data:`PART_KIND_TABLE` (plus the rule in
:mod:`spinscope.structure` that recognises it); adding a layer is one entry in
:data:`LAYER_TABLE` (with the record of its findings' attributes, from :mod:`spinscope.records`)
plus the component that owns it, which declares the layer's labels (see
:mod:`spinscope.components`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Final

from spinscope.records import (
    AllegationAttrs,
    Attrs,
    ClaimAttrs,
    EntityAttrs,
    SourcingAttrs,
    TechniqueAttrs,
)


@dataclass(frozen=True, slots=True)
class PartKind:
    """A kind of structural part and everything the house does differently for it."""

    name: str
    display: str  # how a report names it
    split: bool  # its text is split into sentences (otherwise it is one sentence)
    parsed: bool  # its sentences are parsed for entities and actors
    claim_bearing: bool  # its sentences are scored for techniques and check-worthiness
    graded: bool  # its sentences get a sourcing grade and may carry allegations
    element: str  # the HTML element a report draws it as
    css: str  # the HTML classes it gets
    terminal: str  # its rich style in the terminal report ("" for plain)
    tagged: bool  # the terminal report names the kind in front of it


# fmt: off
# The part kinds, in the order reports list them.
PART_KIND_TABLE: Final[tuple[PartKind, ...]] = (
    PartKind(
        "title",
        "Headline",
        split=False,
        parsed=True,
        claim_bearing=True,
        graded=False,
        element="h1",
        css="blk k-title",
        terminal="bold",
        tagged=False,
    ),
    PartKind(
        "dateline",
        "Dateline",
        split=False,
        parsed=False,
        claim_bearing=False,
        graded=False,
        element="p",
        css="blk k-meta k-dateline",
        terminal="dim",
        tagged=True,
    ),
    PartKind(
        "byline",
        "Byline",
        split=False,
        parsed=False,
        claim_bearing=False,
        graded=False,
        element="p",
        css="blk k-meta k-byline",
        terminal="dim",
        tagged=True,
    ),
    PartKind(
        "caption",
        "Caption",
        split=True,
        parsed=True,
        claim_bearing=True,
        graded=False,
        element="figcaption",
        css="blk k-caption",
        terminal="dim italic",
        tagged=True,
    ),
    PartKind(
        "heading",
        "Heading",
        split=False,
        parsed=True,
        claim_bearing=True,
        graded=False,
        element="h2",
        css="blk k-heading",
        terminal="bold underline",
        tagged=False,
    ),
    PartKind(
        "paragraph",
        "Paragraph",
        split=True,
        parsed=True,
        claim_bearing=True,
        graded=True,
        element="p",
        css="blk k-paragraph",
        terminal="",
        tagged=False,
    ),
    PartKind(
        "source",
        "Original source",
        split=False,
        parsed=False,
        claim_bearing=False,
        graded=False,
        element="p",
        css="blk k-end k-source",
        terminal="dim",
        tagged=True,
    ),
    PartKind(
        "disclaimer",
        "Disclaimer",
        split=True,
        parsed=False,
        claim_bearing=False,
        graded=False,
        element="p",
        css="blk k-end k-disclaimer",
        terminal="dim italic",
        tagged=True,
    ),
    PartKind(
        "boilerplate",
        "Boilerplate",
        split=True,
        parsed=False,
        claim_bearing=False,
        graded=False,
        element="p",
        css="blk k-end k-boilerplate",
        terminal="dim",
        tagged=True,
    ),
)

# Text that no part covers: the whole of a document without parts, or a stretch between parts
# in a report. It is treated as running text, since nothing says it is anything else.
TEXT_KIND: Final = PartKind(
    name="text", display="Text", split=True, parsed=True, claim_bearing=True, graded=True,
    element="p", css="blk k-gap", terminal="", tagged=True,
)
# fmt: on

PART_KINDS: Final[tuple[str, ...]] = tuple(kind.name for kind in PART_KIND_TABLE)
KINDS: Final[Mapping[str, PartKind]] = MappingProxyType(
    {kind.name: kind for kind in (*PART_KIND_TABLE, TEXT_KIND)}
)


def part_kind(name: str) -> PartKind:
    """The declaration of a part kind (or of ``"text"``); unknown kinds read as plain text."""
    return KINDS.get(name, TEXT_KIND)


@dataclass(frozen=True, slots=True)
class Layer:
    """A layer of findings: its name, its title in reports and how reports show it.

    ``threshold`` is the score below which the layer's findings are hidden by default in every
    report (the text and HTML reports and the web app, each with a control to show them); the
    analysis JSON always keeps them. Each value is chosen by a command recorded in
    docs/reports.md; a layer whose scores are not calibrated probabilities has 0.
    """

    name: str
    title: str
    quiet: bool  # a finding on nearly every name or sentence: listed, not highlighted until asked
    hue: float  # the start of its band of hues (degrees)
    spread: float  # the width of the band
    saturation: float
    attrs: type[Attrs] = Attrs  # the record each finding of the layer carries (spinscope.records)
    threshold: float = 0.0  # findings scored below it are hidden by default (docs/reports.md)
    # The model package (spinscope/models/<name>/<name>.json) whose own decision threshold is the
    # layer's, read from its file so that a retrained model moves it; ``threshold`` is used
    # when the file cannot be read.
    threshold_from: str | None = None


# The layers, in the order reports list them. Their labels are declared by the component that
# owns each (see spinscope.components and spinscope.registry), their findings' attributes here.
# The thresholds, from docs/reports.md: techniques, the least score from which the findings kept
# promise a same-technique precision of 0.5 (their mean calibrated score on the unseen PTC test
# articles; scripts/technique_calibration.py --estimate); allegations and claims, their models'
# own decision thresholds, read from the model files; structure, entities and sourcing carry
# fixed rule confidences, not calibrated scores, so 0.
LAYER_TABLE: Final[tuple[Layer, ...]] = (
    Layer("structure", "Structure", quiet=False, hue=200.0, spread=60.0, saturation=0.14),
    Layer("technique", "Persuasion techniques", False, 345.0, 70.0, 0.85, TechniqueAttrs, 0.44),
    Layer("sourcing", "Sourcing", False, 195.0, 40.0, 0.70, SourcingAttrs),
    Layer(
        "allegation", "Allegations", False, 262.0, 45.0, 0.60, AllegationAttrs, 0.24, "allegations"
    ),
    Layer("claim", "Claims", True, 85.0, 55.0, 0.50, ClaimAttrs, 0.34, "checkworthiness"),
    Layer("entity", "Entities", True, 160.0, 25.0, 0.45, EntityAttrs),
)

LAYERS: Final[tuple[str, ...]] = tuple(layer.name for layer in LAYER_TABLE)
LAYER_BY_NAME: Final[Mapping[str, Layer]] = MappingProxyType(
    {layer.name: layer for layer in LAYER_TABLE}
)
QUIET_LAYERS: Final[tuple[str, ...]] = tuple(layer.name for layer in LAYER_TABLE if layer.quiet)


def layer_title(name: str) -> str:
    """A layer's title in reports (its name when it is not declared)."""
    layer = LAYER_BY_NAME.get(name)
    return layer.title if layer else name


def layer_threshold(name: str, min_score: float | None = None) -> float:
    """The score from which a layer's findings are shown: ``min_score`` when one is given (it
    overrides every layer's default), else the layer's declared threshold (0 for an unknown
    layer)."""
    if min_score is not None:
        return min_score
    layer = LAYER_BY_NAME.get(name)
    if layer is None:
        return 0.0
    if layer.threshold_from is None:
        return layer.threshold
    return _model_threshold(layer.threshold_from, layer.threshold)


@lru_cache(maxsize=8)
def _model_threshold(model: str, fallback: float) -> float:
    """The ``threshold`` a shipped model's file records (``fallback`` when it cannot be read)."""
    path = Path(__file__).resolve().parent / "models" / model / f"{model}.json"
    try:
        value = float(json.loads(path.read_text("utf-8"))["threshold"])
    except (OSError, ValueError, KeyError, TypeError):
        return fallback
    return value if 0.0 <= value <= 1.0 else fallback
