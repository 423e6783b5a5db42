"""The pipeline: an ordered, checked list of components, built once and run on many documents.

Components declare themselves in their own modules (see :mod:`spinscope.components`);
:func:`spinscope.registry.builtin_registry` collects spinscope's own. Each analysis records every
component as ``name@version``.

A detector runs only on a document in a language it declares (``ComponentSpec.languages``); the
analysis records each one that did not run as a :class:`NotAnalysed` with its reason, and a
detector that reads a product of one that did not run does not run either (``missing_input``).
One is not recorded when components that ran made every kind of finding it makes: two models of
one layer for different languages (English techniques, Russian and Ukrainian techniques) leave
nothing unanalysed when either runs.

When the language could not be identified (``meta.language`` is None although the pipeline
identifies languages) no language-bound detector runs (``unidentified_language``): an English
model on text of unknown language can be wrong, and lingua leaves the language of an English text
unidentified only when it has almost no words: none of the 466 English articles of the examples,
the real example and PTC, and 7 of 681 distinct English strings of the tests (runs of single
letters, JSON lines, one five-word sentence; ``python scripts/language_id_coverage.py``). A short
English text is more often taken for another Latin-script language (47 of the 681, all but one
under 16 words); the record then names that language, so the reader sees why nothing was found.
Either way a caller who knows the language says so (``AnalysisConfig.language``, ``--lang``).
A pipeline that does not identify languages (detectors run on prepared documents) leaves the
choice to its caller: on a document of unknown language its detectors run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

from spinscope.analysis import Analysis, NotAnalysed, PipelineInfo
from spinscope.components import GIVEN, ComponentSpec, Output, Products, Registry, check_order
from spinscope.config import AnalysisConfig
from spinscope.detectors.actors import ACTORS
from spinscope.document import Document, Skipped, Span, sorted_spans
from spinscope.errors import PipelineError
from spinscope.registry import DEFAULT_COMPONENTS, builtin_registry
from spinscope.version import __version__

LANGUAGE: Final = "meta.language"


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
        available = GIVEN | frozenset(given)
        check_order(self.specs, available)
        # Whether a document's language is known to this pipeline (identified or given).
        self.identifies_language = LANGUAGE in available or any(
            LANGUAGE in s.assigns for s in self.specs
        )
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
        skipped: list[tuple[ComponentSpec, NotAnalysed]] = []
        unmade: dict[str, str] = {}  # what a component that did not run assigns -> its name
        made: set[str] = set()  # what the components that ran assign
        for spec, runner in zip(self.specs, self._runners, strict=True):
            if spec.kind == "annotator":
                document = runner(document)
                continue
            why = self._not_analysed(spec, document.meta.language, unmade)
            if why is not None:
                skipped.append((spec, why))
                for key in spec.assigns:
                    unmade.setdefault(key, spec.name)
                continue
            for key in spec.assigns:
                unmade.pop(key, None)
            made.update(spec.assigns)
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
            not_analysed=tuple(why for spec, why in skipped if not _stood_in(spec, made)),
        )

    def _not_analysed(
        self, spec: ComponentSpec, language: str | None, unmade: dict[str, str]
    ) -> NotAnalysed | None:
        """Why ``spec`` does not run on a document in ``language``, or None when it runs."""
        if spec.languages is not None:
            if language is None and self.identifies_language:
                return NotAnalysed(spec.name, None, "unidentified_language")
            if language is not None and not spec.supports(language):
                return NotAnalysed(spec.name, language, "unsupported_language")
        needs = next((unmade[key] for key in spec.requires if key in unmade), None)
        if needs is not None:
            return NotAnalysed(spec.name, language, "missing_input", needs=needs)
        return None

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


def _stood_in(spec: ComponentSpec, made: set[str]) -> bool:
    """Whether components that ran made every kind of finding ``spec`` makes: a model for the
    document's language in the stead of one for another (Russian techniques for English ones),
    so nothing went unanalysed."""
    kinds = {key for key in spec.assigns if key.startswith("findings.")}
    return bool(kinds) and kinds <= made
