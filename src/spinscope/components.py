"""How a component is declared: its name, version, contract, labels and intermediate products.

Each component declares itself, once, in its own module (``COMPONENT = ComponentSpec(...)``);
:mod:`spinscope.registry` collects the built-in ones and :mod:`spinscope.pipeline` runs them.
Nothing here imports a component, so components import this module and never the pipeline.

There are two kinds of component:

* an *annotator* takes a Document and returns a new Document (structure, sentences, language);
* a *detector* takes a Document and the :class:`Products` of earlier detectors and returns
  findings, or an :class:`Output` with findings and products of its own. It never changes the
  Document.

A *product* is a named, typed intermediate result that one detector makes and later ones read
(the actors' ``cast``, read by sourcing and allegations). It is declared once as a
:class:`Product` and named in ``assigns`` by the component that makes it and in ``requires`` by
those that read it, so the pipeline checks its order before it runs anything.

A component declares the languages it supports (``languages``, ISO 639-1 codes). ``None`` means
it works on text of any language (structure, sentences, language identification); a model
trained on English text declares ``frozenset({"en"})``, and supporting another language is a
one-line change there. The pipeline runs a detector only on a document whose language it
supports, and records every one it did not run as a :class:`spinscope.analysis.NotAnalysed`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Generic, Literal, TypeVar

from spinscope.config import AnalysisConfig
from spinscope.document import Span
from spinscope.errors import PipelineError

T = TypeVar("T")

# What every Document has before any component runs.
GIVEN: frozenset[str] = frozenset({"doc.text", "meta.source"})


@dataclass(frozen=True, slots=True)
class Product(Generic[T]):
    """A named intermediate result of a given type, made by one component for later ones."""

    name: str
    type: type[T]
    description: str = ""

    @property
    def key(self) -> str:
        """The name used in ``requires`` and ``assigns``."""
        return f"product.{self.name}"


class Products:
    """The products made so far in one document's run, read by type-checked key."""

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}

    def get(self, product: Product[T]) -> T:
        try:
            value = self._values[product.key]
        except KeyError:
            raise PipelineError("E304", product=product.name) from None
        if not isinstance(value, product.type):
            raise PipelineError("E305", product=product.name, type=type(value).__name__)
        found: T = value
        return found

    def put(self, product: Product[Any], value: object) -> None:
        if not isinstance(value, product.type):
            raise PipelineError("E305", product=product.name, type=type(value).__name__)
        self._values[product.key] = value

    def find(self, product: Product[T]) -> T | None:
        """The product, or None when no component of this pipeline made it."""
        return self.get(product) if product.key in self._values else None


@dataclass(frozen=True, slots=True)
class Output:
    """A detector's findings and the products it makes for later components."""

    findings: tuple[Span, ...] = ()
    made: Mapping[Product[Any], object] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )


@dataclass(frozen=True, slots=True)
class LayerLabels:
    """The labels a component emits in one layer, each with its display name."""

    labels: Mapping[str, str]


def unconfigured(runner: Callable[..., Any]) -> Callable[[AnalysisConfig], Callable[..., Any]]:
    """The factory of a component whose runner reads no setting and loads nothing."""

    def factory(config: AnalysisConfig) -> Callable[..., Any]:
        return runner

    return factory


def labels_of(ids: Sequence[str], names: Mapping[str, str] | None = None) -> Mapping[str, str]:
    """Label ids with display names: the given names, else the id in words."""
    given = names or {}
    return MappingProxyType({i: given.get(i) or i.replace("_", " ").capitalize() for i in ids})


@dataclass(frozen=True, slots=True)
class ComponentSpec:
    """A component's declaration: its name, version, contract and how to build it."""

    name: str
    version: str
    kind: Literal["annotator", "detector"]
    factory: Callable[[AnalysisConfig], Callable[..., Any]]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    # For detectors: layer -> the labels it may emit (with display names) and their attributes.
    layers: Mapping[str, LayerLabels] = field(default_factory=dict, hash=False)
    description: str = ""
    # The languages (ISO 639-1) it supports; None: any language (it reads no words).
    languages: frozenset[str] | None = None
    # How reports name it ("check-worthiness"); empty: its name in words.
    title: str = ""

    @property
    def qualified_name(self) -> str:
        return f"{self.name}@{self.version}"

    @property
    def display_name(self) -> str:
        return self.title or self.name.replace("_", " ")

    def supports(self, language: str) -> bool:
        """Whether it may run on text in ``language`` (an ISO 639-1 code)."""
        return self.languages is None or language in self.languages

    def emits(self, layer: str, label: str) -> bool:
        entry = self.layers.get(layer)
        return entry is not None and label in entry.labels


class Registry:
    """Component declarations by name."""

    def __init__(self, specs: Sequence[ComponentSpec] = ()) -> None:
        self._specs: dict[str, ComponentSpec] = {}
        for spec in specs:
            self.register(spec)

    def register(self, spec: ComponentSpec) -> ComponentSpec:
        if spec.name in self._specs:
            raise PipelineError("E302", name=spec.name)
        self._specs[spec.name] = spec
        return spec

    def get(self, name: str) -> ComponentSpec:
        try:
            return self._specs[name]
        except KeyError:
            raise PipelineError("E301", name=name, valid=", ".join(self._specs)) from None

    def names(self) -> tuple[str, ...]:
        return tuple(self._specs)

    def specs(self) -> tuple[ComponentSpec, ...]:
        return tuple(self._specs.values())

    def labels(self, layer: str) -> Mapping[str, str]:
        """Every label of ``layer`` any registered component emits, with its display name."""
        merged: dict[str, str] = {}
        for spec in self._specs.values():
            entry = spec.layers.get(layer)
            if entry is not None:
                merged.update(entry.labels)
        return merged

    def display_name(self, layer: str, label: str) -> str:
        return self.labels(layer).get(label, label)

    def component_name(self, name: str) -> str:
        """How reports name a component: its declared title, else its name in words (a
        component this registry does not hold, named by an older analysis, included)."""
        spec = self._specs.get(name)
        return spec.display_name if spec is not None else name.replace("_", " ")


def check_order(specs: Sequence[ComponentSpec], given: frozenset[str] = GIVEN) -> None:
    """Raise if a component requires something no earlier component assigns."""
    available = set(given)
    for spec in specs:
        missing = [r for r in spec.requires if r not in available]
        if missing:
            raise PipelineError("E300", name=spec.name, missing=", ".join(missing))
        available.update(spec.assigns)
