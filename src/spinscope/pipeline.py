"""Components registered under versioned names, and the pipeline that runs them.

A component is declared once, with what it ``requires`` and ``assigns``, so that a pipeline can
check its order before it runs anything. There are two kinds:

* an *annotator* takes a Document and returns a new Document (structure, sentences, language);
* a *detector* takes a Document and returns findings (Spans); it never changes the Document.

Each analysis records every component as ``name@version``. Nothing registers itself at import
time: :func:`builtin_registry` builds the registry of spinscope's own components on first use.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator

from spinscope import __version__
from spinscope.analysis import Analysis, PipelineInfo
from spinscope.document import Document, Skipped, Span, sorted_spans
from spinscope.errors import PipelineError


@dataclass(frozen=True, slots=True)
class Prior:
    """What earlier detectors found, handed to later ones (allegations read actors, say)."""

    findings: tuple[Span, ...] = ()
    actors: tuple[Mapping[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class DetectorResult:
    """A detector's output when it has more than findings to give."""

    findings: tuple[Span, ...] = ()
    actors: tuple[Mapping[str, Any], ...] = ()


Annotate = Callable[[Document], Document]
Detect = Callable[[Document, Prior], "Sequence[Span] | DetectorResult"]

# What every Document has before any component runs.
GIVEN: frozenset[str] = frozenset({"doc.text", "meta.source"})


class AnalysisConfig(BaseModel):
    """Settings for one analysis run; saved with every analysis."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    as_of: datetime | None = None  # the moment relative datelines are resolved against
    language: str | None = None  # force the language instead of identifying it

    @field_validator("as_of")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("as_of needs a time zone, for example 2025-04-29T18:00:00+00:00")
        return value

    def to_record(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "language": self.language,
        }


@dataclass(frozen=True, slots=True)
class ComponentSpec:
    """A component's declaration: its name, version, contract and how to build it."""

    name: str
    version: str
    kind: Literal["annotator", "detector"]
    factory: Callable[[AnalysisConfig], Callable[..., Any]]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    # For detectors: layer -> the labels it may emit.
    labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    description: str = ""

    @property
    def qualified_name(self) -> str:
        return f"{self.name}@{self.version}"


class Registry:
    """Component declarations by name."""

    def __init__(self) -> None:
        self._specs: dict[str, ComponentSpec] = {}

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


def check_order(specs: Sequence[ComponentSpec]) -> None:
    """Raise if a component requires something no earlier component assigns."""
    available = set(GIVEN)
    for spec in specs:
        missing = [r for r in spec.requires if r not in available]
        if missing:
            raise PipelineError("E300", name=spec.name, missing=", ".join(missing))
        available.update(spec.assigns)


class Pipeline:
    """An ordered, checked list of components, built once and run on many documents."""

    def __init__(
        self,
        components: Sequence[str] | None = None,
        *,
        config: AnalysisConfig | None = None,
        registry: Registry | None = None,
    ) -> None:
        self.registry = registry or builtin_registry()
        self.config = config or AnalysisConfig()
        names = list(components) if components is not None else list(DEFAULT_COMPONENTS)
        self.specs = tuple(self.registry.get(n) for n in names)
        check_order(self.specs)
        self._runners = tuple(spec.factory(self.config) for spec in self.specs)
        joined = ",".join(s.qualified_name for s in self.specs)
        digest = hashlib.sha256(joined.encode("utf-8")).hexdigest()[:8]
        self.info = PipelineInfo(
            version=f"{__version__}+{digest}",
            components=tuple(s.qualified_name for s in self.specs),
            config=self.config.to_record(),
        )

    def __call__(self, document: Document) -> Analysis:
        findings: list[Span] = []
        actors: list[Mapping[str, Any]] = []
        for spec, runner in zip(self.specs, self._runners, strict=True):
            if spec.kind == "annotator":
                document = runner(document)
                continue
            result = runner(document, Prior(tuple(findings), tuple(actors)))
            if isinstance(result, DetectorResult):
                spans: Sequence[Span] = result.findings
                actors.extend(result.actors)
            else:
                spans = result
            for span in spans:
                if span.label not in spec.labels.get(span.layer, ()):
                    raise PipelineError("E303", name=spec.name, label=span.label, layer=span.layer)
                findings.append(span)
        return Analysis(
            document=document,
            findings=sorted_spans(findings),
            pipeline=self.info,
            actors=tuple(actors),
        )

    def run_many(self, items: Iterable[Document | Skipped]) -> Iterator[Analysis | Skipped]:
        """Analyse each document; one that fails is yielded as Skipped and the rest go on."""
        for item in items:
            if isinstance(item, Skipped):
                yield item
                continue
            source = item.meta.source or item.id
            try:
                yield self(item)
            except Exception as exc:  # one bad document is recorded and the batch goes on
                yield Skipped.from_exception(source, exc)


def _structure(config: AnalysisConfig) -> Annotate:
    from spinscope.structure import recover_structure

    def run(document: Document) -> Document:
        return recover_structure(document, as_of=config.as_of)

    return run


def _sentences(config: AnalysisConfig) -> Annotate:
    from spinscope.sentences import split_sentences

    return split_sentences


def _language(config: AnalysisConfig) -> Annotate:
    from spinscope.language import identify_language

    def run(document: Document) -> Document:
        if config.language:
            language: str | None = config.language
        elif document.meta.language:
            language = document.meta.language
        else:
            language = identify_language(document.text)
        return document.evolve(meta=document.meta.evolve(language=language))

    return run


def _claims(config: AnalysisConfig) -> Detect:
    from spinscope.detectors.claims import make_detector

    return make_detector(config)


def _actors(config: AnalysisConfig) -> Detect:
    from spinscope.detectors.actors import detect

    return detect


def _techniques(config: AnalysisConfig) -> Detect:
    from spinscope.detectors.techniques import make_detector

    return make_detector(config)


BUILTIN_SPECS: tuple[ComponentSpec, ...] = (
    ComponentSpec(
        name="structure",
        version="1",
        kind="annotator",
        factory=_structure,
        requires=("doc.text",),
        assigns=(
            "doc.parts",
            "meta.title",
            "meta.authors",
            "meta.published",
            "meta.original_source_url",
        ),
        description="headline, dateline, byline, captions, headings, source, disclaimer",
    ),
    ComponentSpec(
        name="sentences",
        version="1",
        kind="annotator",
        factory=_sentences,
        requires=("doc.parts",),
        assigns=("doc.sentences",),
        description="sentence boundaries inside each part",
    ),
    ComponentSpec(
        name="language",
        version="1",
        kind="annotator",
        factory=_language,
        requires=("doc.text",),
        assigns=("meta.language",),
        description="language identification (lingua) on a restricted set of languages",
    ),
    ComponentSpec(
        name="claims",
        version="1",
        kind="detector",
        factory=_claims,
        requires=("doc.sentences",),
        assigns=("findings.claim",),
        labels={"claim": ("checkworthy",)},
        description="check-worthiness of every running-text sentence (trained linear model)",
    ),
    ComponentSpec(
        name="actors",
        version="2",
        kind="detector",
        factory=_actors,
        requires=("doc.parts", "doc.sentences"),
        assigns=("actors", "findings.entity", "findings.sourcing", "findings.allegation"),
        labels={
            "entity": ("person", "organisation", "place", "group"),
            "sourcing": ("named_with_link", "named", "anonymous", "hedged"),
            "allegation": (
                "crime",
                "corruption",
                "foreign_funding",
                "disloyalty",
                "extremism",
                "hypocrisy",
            ),
        },
        description="actors with descriptors (spaCy), sourcing grades and allegations (rules)",
    ),
    ComponentSpec(
        name="techniques",
        version="2",
        kind="detector",
        factory=_techniques,
        requires=("doc.sentences",),
        assigns=("findings.technique",),
        labels={
            "technique": (
                "loaded_language",
                "name_calling",
                "repetition",
                "doubt",
                "exaggeration_minimisation",
                "appeal_to_fear",
                "flag_waving",
                "causal_oversimplification",
                "appeal_to_authority",
                "slogans",
                "black_and_white_fallacy",
                "whataboutism_straw_man_red_herring",
                "thought_terminating_cliche",
                "bandwagon_reductio_ad_hitlerum",
            )
        },
        description="persuasion-technique spans (CRF) named by a technique classifier",
    ),
)

DEFAULT_COMPONENTS: tuple[str, ...] = (
    "structure",
    "sentences",
    "language",
    "techniques",
    "claims",
    "actors",
)


@lru_cache(maxsize=1)
def builtin_registry() -> Registry:
    """The registry of spinscope's own components, built on first use."""
    registry = Registry()
    for spec in BUILTIN_SPECS:
        registry.register(spec)
    return registry
