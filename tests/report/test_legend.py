from __future__ import annotations

import colorsys
import sys
import types

import pytest

from spinscope.report.legend import (
    LAYER_BANDS,
    build_legend,
    highlight_colour,
    label_definitions,
    label_hue,
    line_colour,
    terminal_colour,
)
from tests.report.builders import sample


def _hue(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return colorsys.rgb_to_hls(*rgb)[0] * 360


def test_colours_are_deterministic_hex() -> None:
    for fn in (highlight_colour, line_colour, terminal_colour):
        first = fn("technique", "Loaded_Language")
        assert first == fn("technique", "Loaded_Language")
        assert len(first) == 7 and first.startswith("#")
        int(first[1:], 16)


@pytest.mark.parametrize("layer", sorted(LAYER_BANDS))
def test_label_hues_stay_in_their_layer_band(layer: str) -> None:
    band = LAYER_BANDS[layer]
    for label in ("A", "Loaded_Language", "Name_Calling", "Дезинформация", "标签"):
        offset = (label_hue(layer, label) - band.hue) % 360
        assert 0 <= offset <= band.spread


def test_different_labels_usually_differ() -> None:
    labels = ["Loaded_Language", "Exaggeration", "Doubt", "Flag_Waving", "Slogans", "Repetition"]
    assert len({highlight_colour("technique", x) for x in labels}) == len(labels)


def test_unknown_layers_still_get_a_colour() -> None:
    assert highlight_colour("mystery", "X").startswith("#")
    assert abs(_hue(highlight_colour("claim", "X")) - label_hue("claim", "X")) < 2


def test_legend_counts_layers_and_labels_in_order() -> None:
    a = sample()
    legend = build_legend(a, {"Bandwagon": "Everyone does it."})
    assert [x.layer for x in legend] == [
        "structure",
        "technique",
        "sourcing",
        "allegation",
        "claim",
        "entity",
    ]
    technique = legend[1]
    assert technique.count == 3
    assert {e.label: e.count for e in technique.labels} == {
        "Loaded_Language": 1,
        "Exaggeration": 1,
        "Bandwagon": 1,
    }
    bandwagon = next(e for e in technique.labels if e.label == "Bandwagon")
    assert bandwagon.definition == "Everyone does it."
    indices = [e.index for x in legend for e in x.labels]
    assert indices == list(range(len(indices)))


def test_definitions_come_from_the_taxonomy_module(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("spinscope.taxonomy")
    module.definitions = lambda: {"Doubt": "Questioning credibility."}  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "spinscope.taxonomy", module)
    assert label_definitions() == {"Doubt": "Questioning credibility."}


def test_definitions_are_empty_without_a_taxonomy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "spinscope.taxonomy", None)
    assert label_definitions() == {}
    monkeypatch.setitem(sys.modules, "spinscope.taxonomy", types.ModuleType("spinscope.taxonomy"))
    assert label_definitions() == {}


def test_labels_are_shown_by_their_declared_names() -> None:
    from spinscope.report.legend import display_label

    assert display_label("technique", "loaded_language") == "Loaded language"
    assert display_label("claim", "not_checkworthy") == "Not check-worthy"
    assert display_label("technique", "no_such_label") == "no_such_label"


def test_what_was_not_analysed_in_words() -> None:
    from spinscope.report.legend import not_analysed_groups, not_analysed_line
    from tests.report.builders import not_analysed

    a = not_analysed(sample(), "ru")
    groups = not_analysed_groups(a.not_analysed)
    assert [(g.components, g.reason) for g in groups] == [
        (
            ("techniques", "check-worthiness", "actors"),
            "Russian: no model for this language",
        ),
        (("allegations",), "needs actors, which did not run"),
    ]
    assert not_analysed_line(a.not_analysed) == (
        "Not analysed: techniques, check-worthiness, actors (Russian: no model for this "
        "language); allegations (needs actors, which did not run)"
    )
    unknown = not_analysed(sample(), None).not_analysed
    assert not_analysed_groups(unknown)[0].reason == "language not identified"
    assert not_analysed_line(sample().not_analysed) is None
