"""Every registered component passes the same contract (the check_estimator of spinscope).

Offsets in bounds, deterministic, the input document unchanged, labels declared, scores in
[0, 1], and the analysis JSON round-trips exactly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.analysis import Analysis, analysis_from_json
from spinscope.components import ComponentSpec, Output, Products
from spinscope.config import AnalysisConfig
from spinscope.document import Document, Metadata, sorted_spans
from spinscope.pipeline import Pipeline
from spinscope.registry import DEFAULT_COMPONENTS, builtin_registry
from spinscope.vocabulary import LAYER_BY_NAME

from .conftest import EXAMPLES

TEXTS = [
    "One line only",
    "A Headline For The Test\n\nBy Ola Venn\n\nThe mayor spoke. “Really?” asked a clerk.\n",
    "Tiny.",
    "ВСЕ ДОЛЖНЫ ЗНАТЬ! Это важно. Очень важно.",
    "x" * 3000,
    "  leading spaces and trailing  \n\n\n\nlast block",
    "Title\n\n" + "\n".join(f"Sentence number {i} is here." for i in range(200)),
]


def _documents() -> list[Document]:
    docs = [Document(t, Metadata(source=f"inline-{i}")) for i, t in enumerate(TEXTS)]
    for path in sorted(EXAMPLES.glob("*.txt")):
        docs.append(Document(path.read_text(encoding="utf-8"), Metadata(source=str(path))))
    return docs


def _prepared(
    spec: ComponentSpec, doc: Document, config: AnalysisConfig
) -> tuple[Document, Products]:
    """Run the default components that come before ``spec`` so its requirements hold."""
    registry = builtin_registry()
    products = Products()
    for name in DEFAULT_COMPONENTS:
        if name == spec.name:
            break
        earlier = registry.get(name)
        if earlier.kind == "annotator":
            doc = earlier.factory(config)(doc)
            continue
        result = earlier.factory(config)(doc, products)
        for product, value in (result.made if isinstance(result, Output) else {}).items():
            products.put(product, value)
    return doc, products


def _findings(result: object) -> list:  # type: ignore[type-arg]
    return list(result.findings if isinstance(result, Output) else result)  # type: ignore[call-overload]


@pytest.mark.parametrize("spec", builtin_registry().specs(), ids=lambda s: s.qualified_name)
def test_component_contract(spec: ComponentSpec) -> None:
    config = AnalysisConfig()
    run = spec.factory(config)
    again = spec.factory(config)
    assert spec.requires is not None and spec.assigns, "a component declares what it assigns"
    for raw in _documents():
        doc, products = _prepared(spec, raw, config)
        before = (doc.text, doc.meta, doc.parts, doc.sentences, doc.links, doc.id)
        if spec.kind == "annotator":
            out = run(doc)
            assert isinstance(out, Document)
            assert out.text == doc.text and out.id == doc.id
            assert out == again(doc), "deterministic"
            findings: tuple = ()
            result_doc = out
        else:
            result = run(doc, products)
            spans = _findings(result)
            assert spans == _findings(again(doc, products)), "deterministic"
            if isinstance(result, Output):
                assert {p.key for p in result.made} <= set(spec.assigns), "products declared"
            for span in spans:
                assert 0 <= span.start < span.end <= len(doc.text)
                assert 0.0 <= span.score <= 1.0
                assert spec.emits(span.layer, span.label), "label declared"
                assert span.detector.startswith(spec.name + "@")
                assert span.explanation
                assert type(span.attrs) is LAYER_BY_NAME[span.layer].attrs, "the layer's record"
            findings = sorted_spans(spans)
            result_doc = doc
        assert (doc.text, doc.meta, doc.parts, doc.sentences, doc.links, doc.id) == before
        analysis = Analysis(document=result_doc, findings=findings, pipeline=Pipeline().info)
        assert analysis_from_json(analysis.to_json()) == analysis


def test_every_component_is_in_a_known_pipeline() -> None:
    names = set(builtin_registry().names())
    assert set(DEFAULT_COMPONENTS) <= names


def test_examples_exist() -> None:
    assert len(list(Path(EXAMPLES).glob("*.txt"))) >= 3
