from __future__ import annotations

from collections.abc import Sequence

import pytest

from spinscope.components import (
    ComponentSpec,
    LayerLabels,
    Output,
    Product,
    Products,
    Registry,
    check_order,
    labels_of,
)
from spinscope.config import LANGUAGES, AnalysisConfig
from spinscope.document import Document, Metadata, Skipped, Span, make_span
from spinscope.errors import InputError, PipelineError
from spinscope.pipeline import Pipeline
from spinscope.registry import DEFAULT_COMPONENTS, builtin_registry
from tests.languages import ENGLISH, KAZAKH, RUSSIAN, english_only, english_pipeline


def _detector_spec(
    name: str,
    *,
    label: str = "Shouting",
    requires: tuple[str, ...] = ("doc.sentences",),
    declared: tuple[str, ...] = ("Shouting",),
) -> ComponentSpec:
    def factory(config: AnalysisConfig):  # type: ignore[no-untyped-def]
        def detect(doc: Document, products: Products) -> Sequence[Span]:
            if "FAIL" in doc.text:
                raise RuntimeError("detector broke")
            return [
                make_span(
                    doc,
                    s,
                    e,
                    layer="technique",
                    label=label,
                    score=0.9,
                    detector=f"{name}@1",
                    explanation="all capitals",
                )
                for s, e in doc.sentences
                if doc.text[s:e].isupper()
            ]

        return detect

    return ComponentSpec(
        name=name,
        version="1",
        kind="detector",
        factory=factory,
        requires=requires,
        assigns=("findings.technique",),
        layers={"technique": LayerLabels(labels_of(declared))},
    )


def _registry(*extra: ComponentSpec) -> Registry:
    registry = Registry()
    for spec in (*builtin_registry().specs(), *extra):
        registry.register(spec)
    return registry


def test_default_pipeline_records_components() -> None:
    pipe = Pipeline()
    assert pipe.info.components[:3] == ("structure@1", "sentences@1", "language@2")
    # raised when a component's output changes
    versions = {
        "language": "2",
        "actors": "5",
        "allegations": "7",
        "claims": "3",
        "sourcing": "2",
        "techniques": "4",
        "techniques_ruuk": "2",
    }
    assert pipe.info.components == tuple(f"{n}@{versions.get(n, '1')}" for n in DEFAULT_COMPONENTS)
    from spinscope.detectors import actors, allegations, claims, sourcing, techniques

    # Each detector signs its findings with the name and version the pipeline records.
    for module in (actors, allegations, claims, sourcing, techniques):
        assert module.DETECTOR in pipe.info.components
    assert pipe.info.version.startswith("0.1.0+")
    analysis = pipe(Document("A title\n\nSome text here. More text."))
    assert analysis.pipeline.components == pipe.info.components


def test_order_is_checked_before_running() -> None:
    with pytest.raises(PipelineError) as info:
        Pipeline(["sentences", "structure"])
    assert info.value.code == "E300"
    registry = _registry(_detector_spec("shout"))
    with pytest.raises(PipelineError):
        Pipeline(["shout", "structure", "sentences"], registry=registry)
    check_order([registry.get("structure"), registry.get("sentences"), registry.get("shout")])


def test_unknown_and_duplicate_components() -> None:
    with pytest.raises(PipelineError) as info:
        Pipeline(["nonesuch"])
    assert info.value.code == "E301"
    registry = Registry()
    registry.register(builtin_registry().get("structure"))
    with pytest.raises(PipelineError) as info:
        registry.register(builtin_registry().get("structure"))
    assert info.value.code == "E302"


def test_detector_findings_and_undeclared_labels() -> None:
    registry = _registry(_detector_spec("shout"), _detector_spec("liar", label="Other"))
    pipe = Pipeline(["structure", "sentences", "shout"], registry=registry)
    analysis = pipe(Document("Calm words here.\n\nSTOP THE PLAN NOW!\n"))
    assert [f.text_in(analysis.document) for f in analysis.findings] == ["STOP THE PLAN NOW!"]
    bad = Pipeline(["structure", "sentences", "liar"], registry=registry)
    with pytest.raises(PipelineError) as info:
        bad(Document("STOP IT NOW!"))
    assert info.value.code == "E303"


def test_batch_skips_failures_and_goes_on() -> None:
    registry = _registry(_detector_spec("shout"))
    pipe = Pipeline(["structure", "sentences", "shout"], registry=registry)
    docs = [
        Document("FIRST ONE FINE."),
        Document("This one will FAIL.", Metadata(source="bad.txt")),
        Skipped("gone.txt", "E100", "no such file"),
        Document("LAST ONE."),
    ]
    results = list(pipe.run_many(docs))
    assert [type(r).__name__ for r in results] == ["Analysis", "Skipped", "Skipped", "Analysis"]
    failed = results[1]
    assert isinstance(failed, Skipped)
    assert (
        failed.source == "bad.txt" and failed.code == "E900" and "detector broke" in failed.reason
    )


def test_config_is_validated_and_recorded() -> None:
    from datetime import datetime

    with pytest.raises(InputError, match="time zone") as caught:
        AnalysisConfig(as_of=datetime(2025, 1, 1))
    assert caught.value.code == "E131"
    pipe = Pipeline(config=AnalysisConfig(language="ru"))
    analysis = pipe(Document("Just some English text, really."))
    assert analysis.document.meta.language == "ru"
    assert analysis.pipeline.config["language"] == "ru"


COUNT = Product("count", int, "how many capital letters the text has")


def _product_specs(*, declared: bool = True) -> tuple[ComponentSpec, ComponentSpec]:
    def make(config: AnalysisConfig):  # type: ignore[no-untyped-def]
        def run(doc: Document, products: Products) -> Output:
            return Output(made={COUNT: sum(c.isupper() for c in doc.text)})

        return run

    def read(config: AnalysisConfig):  # type: ignore[no-untyped-def]
        def run(doc: Document, products: Products) -> Sequence[Span]:
            count = products.get(COUNT)
            if not count:
                return []
            return [
                make_span(
                    doc, 0, len(doc.text), layer="technique", label="Shouting", score=0.5,
                    detector="reader@1", explanation=f"{count} capitals",
                )
            ]  # fmt: skip

        return run

    maker = ComponentSpec(
        name="counter", version="1", kind="detector", factory=make,
        assigns=(COUNT.key,) if declared else ("findings.none",),
    )  # fmt: skip
    reader = ComponentSpec(
        name="reader", version="1", kind="detector", factory=read, requires=(COUNT.key,),
        assigns=("findings.technique",),
        layers={"technique": LayerLabels(labels_of(("Shouting",)))},
    )  # fmt: skip
    return maker, reader


def test_products_pass_from_one_detector_to_the_next() -> None:
    maker, reader = _product_specs()
    registry = _registry(maker, reader)
    analysis = Pipeline(["counter", "reader"], registry=registry)(Document("ABC def"))
    assert [f.explanation for f in analysis.findings] == ["3 capitals"]
    with pytest.raises(PipelineError) as info:
        Pipeline(["reader", "counter"], registry=registry)
    assert info.value.code == "E300"


def test_an_undeclared_or_mistyped_product_is_refused() -> None:
    maker, _reader = _product_specs(declared=False)
    pipe = Pipeline(["counter"], registry=_registry(maker))
    with pytest.raises(PipelineError) as info:
        pipe(Document("ABC"))
    assert info.value.code == "E306"
    products = Products()
    with pytest.raises(PipelineError) as info:
        products.put(COUNT, "three")
    assert info.value.code == "E305"
    with pytest.raises(PipelineError) as info:
        products.get(COUNT)
    assert info.value.code == "E304"
    assert products.find(COUNT) is None


def test_the_registry_gives_each_layer_its_labels_and_display_names() -> None:
    from spinscope.detectors.lexicons import ALLEGATION_TYPES

    registry = builtin_registry()
    assert set(registry.labels("allegation")) == set(ALLEGATION_TYPES)
    assert registry.display_name("sourcing", "named_with_link") == "Named, with a link"
    assert registry.display_name("allegation", "foreign_funding") == "Foreign funding"
    assert registry.display_name("technique", "not_a_label") == "not_a_label"
    for layer in ("technique", "sourcing", "allegation", "claim", "entity"):
        assert registry.labels(layer), layer


LANGUAGE_BOUND = ("techniques", "claims", "actors", "sourcing", "allegations")


def test_every_builtin_component_declares_its_languages() -> None:
    for spec in builtin_registry().specs():
        if spec.kind == "annotator":
            assert spec.languages is None, spec.name  # they read no words of any one language
        else:
            assert spec.languages, spec.name  # every detector reads words of some language
            assert spec.languages <= set(LANGUAGES), spec.name  # codes spinscope identifies
            assert spec.title, spec.name
    for name in LANGUAGE_BOUND:  # the English models
        assert "en" in (builtin_registry().get(name).languages or ()), name
    assert builtin_registry().component_name("claims") == "check-worthiness"
    assert builtin_registry().component_name("new_thing") == "new thing"


@pytest.mark.parametrize(("text", "language"), [(RUSSIAN, "ru"), (KAZAKH, "kk")])
def test_no_english_model_runs_on_another_language(text: str, language: str) -> None:
    analysis = english_pipeline()(Document(text))
    assert analysis.document.meta.language == language
    assert [f for f in analysis.findings if f.layer != "structure"] == []
    assert analysis.actors == ()
    assert [n.component for n in analysis.not_analysed] == list(LANGUAGE_BOUND)
    assert {(n.language, n.reason, n.needs) for n in analysis.not_analysed} == {
        (language, "unsupported_language", None)
    }


@pytest.mark.parametrize(("text", "language"), [(RUSSIAN, "ru"), (KAZAKH, "kk")])
def test_the_builtin_declarations_decide_what_runs(text: str, language: str) -> None:
    pipe = Pipeline()
    analysis = pipe(Document(text))
    skipped = {n.component: n for n in analysis.not_analysed}
    ran = {key for spec in pipe.specs if spec.name not in skipped for key in spec.assigns}
    for spec in pipe.specs:
        kinds = {key for key in spec.assigns if key.startswith("findings.")}
        if not spec.supports(language) and not kinds <= ran:  # none stood in for it
            assert skipped[spec.name].reason == "unsupported_language", spec.name
        if spec.name in skipped:
            assert not [f for f in analysis.findings if f.detector == spec.qualified_name]
    if language == "kk":  # no component reads Kazakh
        assert list(skipped) == [s.name for s in pipe.specs if s.languages is not None]


def test_an_english_article_records_nothing_not_analysed() -> None:
    analysis = english_pipeline()(Document(ENGLISH))
    assert analysis.document.meta.language == "en"
    assert analysis.not_analysed == ()
    assert {f.layer for f in analysis.findings} >= {"entity", "claim"}
    assert analysis.to_dict()["not_analysed"] == []
    assert Pipeline()(Document(ENGLISH)).not_analysed == ()  # whatever else is declared


def test_a_forced_language_decides() -> None:
    english = english_pipeline(AnalysisConfig(language="en"))(Document(RUSSIAN))
    assert english.not_analysed == ()
    russian = english_pipeline(AnalysisConfig(language="ru"))(Document(ENGLISH))
    assert [n.component for n in russian.not_analysed] == list(LANGUAGE_BOUND)
    assert russian.findings == ()


def test_an_unidentified_language_runs_no_language_bound_component() -> None:
    pipe = Pipeline()
    analysis = pipe(Document("12:00 — 3.5 %"))
    assert analysis.document.meta.language is None
    bound = [s.name for s in pipe.specs if s.languages is not None]
    assert [n.component for n in analysis.not_analysed] == bound
    assert {n.reason for n in analysis.not_analysed} == {"unidentified_language"}
    # A pipeline that does not identify languages leaves the choice to its caller.
    prepared = Pipeline(["structure", "sentences"])(Document(ENGLISH)).document
    assert prepared.meta.language is None
    detectors = Pipeline(
        ["actors", "sourcing"], given=("doc.parts", "doc.sentences"), registry=english_only()
    )
    assert not detectors.identifies_language
    ran = detectors(prepared)
    assert ran.not_analysed == () and ran.actors
    # ... but a document whose language is known is still held to it.
    russian = prepared.evolve(meta=prepared.meta.evolve(language="ru"))
    assert [n.component for n in detectors(russian).not_analysed] == ["actors", "sourcing"]


def test_a_reader_of_a_product_that_was_not_made_is_not_analysed() -> None:
    import dataclasses

    maker, reader = _product_specs()
    maker = dataclasses.replace(maker, languages=frozenset({"en"}))
    reader = dataclasses.replace(reader, languages=frozenset({"en", "ru"}), title="shouting")
    registry = _registry(maker, reader)
    pipe = Pipeline(["structure", "sentences", "language", "counter", "reader"], registry=registry)
    skipped = pipe(Document("Комитет опубликует свои выводы на следующей неделе.")).not_analysed
    assert [(n.component, n.language, n.reason, n.needs) for n in skipped] == [
        ("counter", "ru", "unsupported_language", None),
        ("reader", "ru", "missing_input", "counter"),
    ]
    ran = pipe(Document("ABC def, the committee will publish its findings next week."))
    assert ran.not_analysed == () and [f.explanation for f in ran.findings] == ["3 capitals"]


def test_sourcing_and_allegations_wait_for_the_cast_of_actors() -> None:
    import dataclasses

    registry = english_only()
    readers = [
        dataclasses.replace(registry.get(name), languages=frozenset({"en", "ru"}))
        for name in ("sourcing", "allegations")
    ]
    specs = [registry.get(n) for n in ("structure", "sentences", "language", "actors")]
    pipe = Pipeline([s.name for s in (*specs, *readers)], registry=Registry([*specs, *readers]))
    analysis = pipe(Document(RUSSIAN))
    assert [(n.component, n.reason, n.needs) for n in analysis.not_analysed] == [
        ("actors", "unsupported_language", None),
        ("sourcing", "missing_input", "actors"),
        ("allegations", "missing_input", "actors"),
    ]
    assert analysis.findings == () and analysis.actors == ()


def test_a_long_text_is_read_in_its_own_language_whatever_its_page_declares() -> None:
    from spinscope.language import TRUSTED_LETTERS

    declared = Metadata(language="en")  # a site's default, not the article's
    text = f"{RUSSIAN}\n\n{RUSSIAN.split(chr(10))[-1]}"  # the story and its paragraph again
    long_russian = english_pipeline()(Document(text, declared))
    assert sum(c.isalpha() for c in text) >= TRUSTED_LETTERS
    assert long_russian.document.meta.language == "ru" and long_russian.findings == ()
    assert {n.component for n in long_russian.not_analysed} == set(LANGUAGE_BOUND)
    short = "Мэр солгал, сообщает газета."  # too short to outweigh the declaration
    assert english_pipeline()(Document(short, declared)).document.meta.language == "en"
    assert (
        english_pipeline()(Document(short, Metadata(language="uk"))).document.meta.language == "uk"
    )
    unknown = english_pipeline()(Document("12:00 — 3.5 %", Metadata(language="en")))
    assert unknown.document.meta.language == "en"  # nothing to identify: the declaration stands


def test_a_model_for_the_language_stands_in_for_one_for_another() -> None:
    import dataclasses

    english = dataclasses.replace(_detector_spec("shout_en"), languages=frozenset({"en"}))
    russian = dataclasses.replace(_detector_spec("shout_ru"), languages=frozenset({"ru", "uk"}))
    pipe = Pipeline(
        ["structure", "sentences", "language", "shout_en", "shout_ru"],
        registry=_registry(english, russian),
    )
    for text in (ENGLISH, RUSSIAN):  # one of them ran: the technique layer was analysed
        assert pipe(Document(text)).not_analysed == ()
    kazakh = pipe(Document(KAZAKH)).not_analysed  # neither ran: both are recorded
    assert [(n.component, n.language) for n in kazakh] == [("shout_en", "kk"), ("shout_ru", "kk")]
