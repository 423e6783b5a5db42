"""The vocabulary tables: every part kind and layer declares every property, once."""

from __future__ import annotations

import dataclasses

import pytest

from spinscope import vocabulary as v
from spinscope.document import FINDING_FIELDS, Document, Part
from spinscope.records import Attrs, field_names


@pytest.mark.parametrize("kind", [*v.PART_KIND_TABLE, v.TEXT_KIND], ids=lambda k: k.name)
def test_every_part_kind_declares_every_property(kind: v.PartKind) -> None:
    for field in dataclasses.fields(v.PartKind):
        value = getattr(kind, field.name)
        assert value is not None
        if field.type == "str" and field.name != "terminal":
            assert value, f"{kind.name} has an empty {field.name}"
    assert kind.css.startswith("blk ")


@pytest.mark.parametrize("layer", v.LAYER_TABLE, ids=lambda layer: layer.name)
def test_every_layer_declares_every_property(layer: v.Layer) -> None:
    assert layer.title and layer.name.isidentifier()
    assert 0 <= layer.hue < 360 and 0 < layer.spread <= 360 and 0 < layer.saturation <= 1


@pytest.mark.parametrize("layer", v.LAYER_TABLE, ids=lambda layer: layer.name)
def test_every_layer_declares_a_frozen_attribute_record(layer: v.Layer) -> None:
    assert issubclass(layer.attrs, Attrs) and dataclasses.is_dataclass(layer.attrs)
    names = field_names(layer.attrs)
    assert not set(names) & FINDING_FIELDS, "an attribute may not reuse a finding field"
    for name in names:  # a record is frozen: no reader may change what a finding says
        assert layer.attrs.__dataclass_params__.frozen, name  # type: ignore[attr-defined]


def test_names_are_unique_and_derived_tables_follow() -> None:
    assert len(set(v.PART_KINDS)) == len(v.PART_KINDS)
    assert len(set(v.LAYERS)) == len(v.LAYERS)
    assert v.TEXT_KIND.name not in v.PART_KINDS
    assert set(v.KINDS) == {*v.PART_KINDS, v.TEXT_KIND.name}
    assert v.QUIET_LAYERS == ("claim", "entity")
    assert v.layer_title("technique") == "Persuasion techniques"
    assert v.layer_title("unknown") == "unknown"
    assert v.part_kind("no such kind") is v.TEXT_KIND


def test_sentence_kinds_follow_the_parts() -> None:
    text = "Head line\nOne sentence. Two sentence.\nPhoto: A. Person"
    doc = Document(
        text,
        parts=(Part("title", 0, 9), Part("paragraph", 10, 37), Part("caption", 38, 54)),
        sentences=((0, 9), (10, 23), (24, 37), (38, 54)),
    )
    assert [k for _, _, k in doc.sentence_kinds()] == ["title", "paragraph", "paragraph", "caption"]
    bare = Document("Just text. More.", sentences=((0, 10), (11, 16)))
    assert bare.sentence_kinds() == [(0, 10, "text"), (11, 16, "text")]
    assert Document("No sentences").sentence_kinds() == [(0, 12, "text")]


def _model_threshold(name: str) -> float:
    import json

    from tests.conftest import ROOT

    record = json.loads((ROOT / "src/spinscope/models" / name / f"{name}.json").read_text("utf-8"))
    return float(record["threshold"])


def test_thresholds_are_the_models_own_where_a_model_chose_one() -> None:
    assert v.layer_threshold("claim") == _model_threshold("checkworthiness")
    assert v.layer_threshold("allegation") == _model_threshold("allegations")
    assert v.LAYER_BY_NAME["technique"].threshold_from is None
    for name in ("structure", "entity", "sourcing"):
        assert v.LAYER_BY_NAME[name].threshold == 0.0  # no calibrated score to cut
    assert all(0.0 <= layer.threshold < 1.0 for layer in v.LAYER_TABLE)


def test_a_minimum_score_overrides_every_layer_threshold() -> None:
    assert v.layer_threshold("technique") == v.LAYER_BY_NAME["technique"].threshold
    assert v.layer_threshold("claim", 0.0) == 0.0
    assert v.layer_threshold("entity", 0.9) == 0.9
    assert v.layer_threshold("no such layer") == 0.0


def test_an_unreadable_model_file_falls_back_to_the_declared_value() -> None:
    assert v._model_threshold("no-such-model", 0.3) == 0.3
