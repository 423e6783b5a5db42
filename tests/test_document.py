from __future__ import annotations

import dataclasses

import pytest

from spinscope.document import (
    Document,
    Link,
    Metadata,
    Part,
    make_span,
    sorted_spans,
    text_id,
)
from spinscope.errors import ModelError
from spinscope.records import TechniqueAttrs

TEXT = "Minister Ilse Varga denied the report. Critics called it a cover-up."


def test_id_is_sha256_of_text() -> None:
    doc = Document(TEXT)
    assert doc.id == text_id(TEXT)
    assert len(doc.id) == 64
    assert Document(TEXT, Metadata(title="other")).id == doc.id


def test_document_is_immutable() -> None:
    doc = Document(TEXT)
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.text = "changed"  # type: ignore[misc]
    with pytest.raises(ModelError):
        doc.evolve(text="changed")


def test_evolve_keeps_text_and_id() -> None:
    doc = Document(TEXT)
    new = doc.evolve(parts=(Part("paragraph", 0, len(TEXT)),))
    assert new.id == doc.id and new.text == doc.text
    assert doc.parts == ()


def test_parts_must_fit_and_not_overlap() -> None:
    with pytest.raises(ModelError) as info:
        Document(TEXT, parts=(Part("paragraph", 0, 10), Part("paragraph", 5, 20)))
    assert info.value.code == "E204"
    with pytest.raises(ModelError) as info:
        Document(TEXT, parts=(Part("paragraph", 0, len(TEXT) + 1),))
    assert info.value.code == "E200"
    with pytest.raises(ModelError) as info:
        Part("chapter", 0, 3)
    assert info.value.code == "E203"


def test_links_and_sentences_are_checked() -> None:
    with pytest.raises(ModelError):
        Document(TEXT, links=(Link(0, 999, "https://example.org"),))
    with pytest.raises(ModelError):
        Document(TEXT, sentences=((5, 5),))


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [(-1, 3, "E200"), (3, 3, "E200"), (5, 2, "E200"), (0, len(TEXT) + 1, "E200")],
)
def test_make_span_rejects_bad_offsets(start: int, end: int, code: str) -> None:
    with pytest.raises(ModelError) as info:
        make_span(
            TEXT,
            start,
            end,
            layer="technique",
            label="x",
            score=0.5,
            detector="d@1",
            explanation="",
        )
    assert info.value.code == code


def test_make_span_checks_layer_score_and_attrs() -> None:
    with pytest.raises(ModelError) as info:
        make_span(TEXT, 0, 4, layer="mood", label="x", score=0.5, detector="d@1", explanation="")
    assert info.value.code == "E202"
    for bad in (-0.1, 1.5, float("nan")):
        with pytest.raises(ModelError) as info:
            make_span(
                TEXT, 0, 4, layer="claim", label="x", score=bad, detector="d@1", explanation=""
            )
        assert info.value.code == "E201"
    with pytest.raises(ModelError) as info:
        make_span(
            TEXT,
            0,
            4,
            layer="claim",
            label="x",
            score=0.1,
            detector="d@1",
            explanation="",
            attrs=TechniqueAttrs(ptc_label=None, technique_name="Doubt"),
        )
    assert info.value.code == "E205"


def test_span_is_frozen_with_stable_id() -> None:
    a = make_span(
        TEXT,
        0,
        8,
        layer="technique",
        label="L",
        score=0.5,
        detector="d@1",
        explanation="e",
        attrs=TechniqueAttrs(ptc_label="Doubt", technique_name="Doubt"),
    )
    b = make_span(
        TEXT, 0, 8, layer="technique", label="L", score=0.9, detector="d@2", explanation="other"
    )
    assert a.id == b.id  # same layer, label, range and detector name: same finding
    assert a.text_in(Document(TEXT)) == "Minister"
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.attrs.ptc_label = "x"  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.score = 1.0  # type: ignore[misc]


def test_sorted_spans_reading_order() -> None:
    s1 = make_span(
        TEXT, 10, 20, layer="claim", label="a", score=0.1, detector="d@1", explanation=""
    )
    s2 = make_span(TEXT, 0, 30, layer="claim", label="a", score=0.1, detector="d@1", explanation="")
    s3 = make_span(TEXT, 0, 5, layer="claim", label="a", score=0.1, detector="d@1", explanation="")
    assert sorted_spans([s1, s3, s2]) == (s2, s3, s1)
