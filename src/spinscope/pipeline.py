"""The pipeline: an ordered, checked list of components, built once and run on many documents.

Components declare themselves in their own modules (see :mod:`spinscope.components`);
:func:`spinscope.registry.builtin_registry` collects spinscope's own. Each analysis records every
component as ``name@version``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence

from spinscope.analysis import Analysis, PipelineInfo
from spinscope.components import GIVEN, Output, Products, Registry, check_order
from spinscope.config import AnalysisConfig
from spinscope.detectors.actors import ACTORS
from spinscope.document import Document, Skipped, Span, sorted_spans
from spinscope.errors import PipelineError
from spinscope.registry import DEFAULT_COMPONENTS, builtin_registry
from spinscope.version import __version__


class Pipeline:
    """An ordered, checked list of components, built once and run on many documents."""

    def __init__(
        self,
        components: Sequence[str] | None = None,
        *,
        config: AnalysisConfig | None = None,
        registry: Registry | None = None,
        given: Iterable[str] = (),
    ) -> None:
        """``given`` names what the documents it runs on already have (``doc.sentences``, say),
        for a pipeline of detectors alone."""
        self.registry = registry or builtin_registry()
        self.config = config or AnalysisConfig()
        names = list(components) if components is not None else list(DEFAULT_COMPONENTS)
        self.specs = tuple(self.registry.get(n) for n in names)
        check_order(self.specs, GIVEN | frozenset(given))
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
        products = Products()
        for spec, runner in zip(self.specs, self._runners, strict=True):
            if spec.kind == "annotator":
                document = runner(document)
                continue
            result = runner(document, products)
            spans: Sequence[Span] = result.findings if isinstance(result, Output) else result
            for span in spans:
                if not spec.emits(span.layer, span.label):
                    raise PipelineError("E303", name=spec.name, label=span.label, layer=span.layer)
                findings.append(span)
            for product, value in (result.made if isinstance(result, Output) else {}).items():
                if product.key not in spec.assigns:
                    raise PipelineError("E306", name=spec.name, product=product.name)
                products.put(product, value)
        actors = products.find(ACTORS)
        return Analysis(
            document=document,
            findings=sorted_spans(findings),
            pipeline=self.info,
            actors=actors.records if actors else (),
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
