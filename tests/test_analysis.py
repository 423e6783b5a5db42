from __future__ import annotations

import json

import pytest

import spinscope
from spinscope.analysis import (
    SCHEMA,
    Analysis,
    PipelineInfo,
    analysis_from_dict,
    analysis_from_json,
    analysis_json_schema,
)
from spinscope.document import Document, Link, Metadata, Part, make_span, sorted_spans
from spinscope.errors import SchemaError
from spinscope.records import Actor, AllegationAttrs
from tests.conftest import EXAMPLES

TEXT = (
    "Council Vote Delayed\n\nBy Jonas Pell\n\n"
    "The council delayed the vote again. “Why?” asked one resident."
)


def _analysis() -> Analysis:
    doc = Document(
        TEXT,
        Metadata(
            title="Council Vote Delayed",
            authors=("Jonas Pell",),
            language="en",
            published="2025-01-02T10:00:00+00:00",
            published_raw="Today, 10:00",
            source="x.txt",
        ),
        parts=(Part("title", 0, 20), Part("byline", 22, 35), Part("paragraph", 37, len(TEXT))),
        sentences=((0, 20), (22, 35), (37, 71)),
        links=(Link(41, 48, "https://example.org/council"),),
    )
    spans = [
        make_span(
            doc,
            72,
            78,
            layer="technique",
            label="Doubt",
            score=0.61,
            detector="t@1",
            explanation="rhetorical question",
        ),
        make_span(
            doc,
            37,
            71,
            layer="allegation",
            label="misconduct",
            score=0.5,
            detector="a@1",
            explanation="x",
            attrs=AllegationAttrs(
                targets=("a1",),
                type="misconduct",
                alleged_by="author",
                sourcing="unattributed",
                hedge=None,
                cue="delayed",
            ),
        ),
    ]
    return Analysis(
        document=doc,
        findings=sorted_spans(spans),
        pipeline=PipelineInfo("0.1.0+t", ("structure@1",), {"as_of": None}),
        actors=(Actor(id="a1", name="Jonas Pell", kind="person", mentions=((25, 35),)),),
    )


def test_json_shape() -> None:
    data = _analysis().to_dict()
    assert data["schema"] == SCHEMA
    assert set(data) >= {"schema", "document", "parts", "findings", "actors", "pipeline"}
    assert set(data["document"]) >= {
        "id",
        "title",
        "authors",
        "published",
        "published_raw",
        "url",
        "original_source_url",
        "site",
        "language",
        "text",
    }
    finding = data["findings"][1]
    assert finding["text"] == TEXT[72:78]
    assert set(finding) >= {
        "id",
        "layer",
        "label",
        "start",
        "end",
        "text",
        "score",
        "detector",
        "explanation",
    }
    assert data["findings"][0]["targets"] == ["a1"]


def test_round_trip_exact() -> None:
    analysis = _analysis()
    assert analysis_from_json(analysis.to_json()) == analysis
    assert (
        analysis_from_dict(json.loads(analysis.to_json(indent=2))).to_dict() == analysis.to_dict()
    )


def test_round_trip_of_real_pipeline_output() -> None:
    analysis = spinscope.analyze("Headline Here\n\nA first paragraph. A second sentence.\n")
    assert analysis_from_json(analysis.to_json()) == analysis


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(schema="other/1"),
        lambda d: d["document"].update(id="0" * 64),
        lambda d: d["document"].update(text=5),
        lambda d: d["findings"][0].update(start=10_000),
        lambda d: d["findings"][0].update(text="not the slice"),
        lambda d: d["findings"][0].update(score=3),
        lambda d: d["parts"].append({"kind": "chapter", "start": 0, "end": 2}),
        lambda d: d["parts"].append({"kind": "title", "start": 0, "end": 5}),
        lambda d: d.pop("pipeline"),
        lambda d: d.update(sentences=[[1]]),
        lambda d: d["document"].update(authors="one"),
        lambda d: d["document"].update(title=5),
        lambda d: d["document"].update(colour="red"),
        lambda d: d["actors"][0].update(name=5),
        lambda d: d["actors"][0].update(mentions="x"),
        lambda d: d["actors"][0].update(rank=1),
        lambda d: d["actors"].append({"name": "no id"}),
        lambda d: d["findings"][0].update(targets="a1"),
        lambda d: d["findings"][0].update(guessed_key="x"),
        lambda d: d["findings"][0].pop("alleged_by"),
        lambda d: d["findings"][1].update(technique_name="Doubt"),
        lambda d: d["findings"].append({**d["findings"][0], "layer": "stance"}),
    ],
)
def test_bad_json_is_refused(mutate: object) -> None:
    data = _analysis().to_dict()
    mutate(data)  # type: ignore[operator]
    with pytest.raises(SchemaError) as info:
        analysis_from_dict(data)
    assert info.value.code == "E400"


def test_not_json() -> None:
    with pytest.raises(SchemaError):
        analysis_from_json("{not json")
    with pytest.raises(SchemaError):
        analysis_from_json("[]")


def test_the_json_schema_describes_real_output_and_refuses_a_guessed_key() -> None:
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    validator = jsonschema_rs.validator_for(analysis_json_schema())
    layers: set[str] = set()
    for path in sorted(EXAMPLES.glob("*.txt")):
        data = spinscope.analyze(path.read_text(encoding="utf-8")).to_dict()
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, (path.name, errors[:3])
        layers |= {f["layer"] for f in data["findings"]}
    assert layers >= {"technique", "entity", "sourcing", "allegation", "claim"}
    data = _analysis().to_dict()
    assert validator.is_valid(data)
    data["findings"][0].pop("alleged_by")
    assert not validator.is_valid(data)


def _not_analysed() -> Analysis:
    import dataclasses

    from spinscope.analysis import NotAnalysed

    return dataclasses.replace(
        _analysis(),
        not_analysed=(
            NotAnalysed("techniques", "ru", "unsupported_language"),
            NotAnalysed("sourcing", "ru", "missing_input", needs="actors"),
            NotAnalysed("claims", None, "unidentified_language"),
        ),
    )


def test_what_was_not_analysed_round_trips() -> None:
    analysis = _not_analysed()
    data = analysis.to_dict()
    assert data["not_analysed"][1] == {
        "component": "sourcing",
        "language": "ru",
        "reason": "missing_input",
        "needs": "actors",
    }
    assert analysis_from_json(analysis.to_json()) == analysis
    older = _analysis().to_dict()
    del older["not_analysed"]  # written before components declared their languages
    assert analysis_from_dict(older) == _analysis()


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(not_analysed={"component": "claims"}),
        lambda d: d["not_analysed"][0].update(reason="bored"),
        lambda d: d["not_analysed"][0].update(component=5),
        lambda d: d["not_analysed"][0].update(why="x"),
        lambda d: d["not_analysed"][0].pop("language"),
    ],
)
def test_a_bad_not_analysed_entry_is_refused(mutate: object) -> None:
    data = _not_analysed().to_dict()
    mutate(data)  # type: ignore[operator]
    with pytest.raises(SchemaError) as info:
        analysis_from_dict(data)
    assert info.value.code == "E400"


def test_the_json_schema_and_the_docs_describe_not_analysed() -> None:
    import re
    import typing

    from spinscope.analysis import NotAnalysed, NotAnalysedReason
    from spinscope.records import field_names
    from tests.conftest import ROOT

    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    validator = jsonschema_rs.validator_for(analysis_json_schema())
    data = _not_analysed().to_dict()
    assert validator.is_valid(data)
    data["not_analysed"][0]["reason"] = "bored"
    assert not validator.is_valid(data)
    doc = (ROOT / "docs" / "analysis-json.md").read_text(encoding="utf-8")
    section = re.search(r"^## `not_analysed`\n(.*?)(?=^## )", doc, re.MULTILINE | re.DOTALL)
    assert section, "docs/analysis-json.md has no not_analysed section"
    for name in (*field_names(NotAnalysed), *typing.get_args(NotAnalysedReason)):
        assert f"`{name}`" in section.group(1), name
