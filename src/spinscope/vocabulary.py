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

from collections.abc import Mapping
from dataclasses import dataclass
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
    """A layer of findings: its name, its title in reports and how reports show it."""

    name: str
    title: str
    quiet: bool  # a finding on nearly every name or sentence: listed, not highlighted until asked
    hue: float  # the start of its band of hues (degrees)
    spread: float  # the width of the band
    saturation: float
    attrs: type[Attrs] = Attrs  # the record each finding of the layer carries (spinscope.records)


# The layers, in the order reports list them. Their labels are declared by the component that
# owns each (see spinscope.components and spinscope.registry), their findings' attributes here.
LAYER_TABLE: Final[tuple[Layer, ...]] = (
    Layer("structure", "Structure", quiet=False, hue=200.0, spread=60.0, saturation=0.14),
    Layer("technique", "Persuasion techniques", False, 345.0, 70.0, 0.85, TechniqueAttrs),
    Layer("sourcing", "Sourcing", False, 195.0, 40.0, 0.70, SourcingAttrs),
    Layer("allegation", "Allegations", False, 262.0, 45.0, 0.60, AllegationAttrs),
    Layer("claim", "Claims", True, 85.0, 55.0, 0.50, ClaimAttrs),
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
