from __future__ import annotations

import json

import pytest

import spinscope
from spinscope.analysis import analysis_from_json
from spinscope.errors import InputError
from spinscope.report import ReportFormatError, render, renderers
from tests.report.builders import sample


def test_registry_names_every_format() -> None:
    assert set(renderers()) == {"json", "jsonl", "text", "html"}
    assert renderers() is renderers()


def test_json_and_jsonl_round_trip() -> None:
    a = sample()
    pretty = render(a, "json")
    line = render(a, "jsonl")
    assert "\n" in pretty and "\n" not in line
    assert analysis_from_json(pretty) == a
    assert analysis_from_json(line) == a
    assert json.loads(line) == a.to_dict()


def test_text_and_html_render_through_the_registry() -> None:
    a = sample()
    text = render(a, "text")
    assert "\x1b" not in text and "Ferry Tolls Spark Fury" in text
    assert render(a, "html").startswith("<!DOCTYPE html>")


def test_unknown_format_is_a_coded_error() -> None:
    with pytest.raises(ReportFormatError) as info:
        render(sample(), "pdf")
    error = info.value
    assert error.code == "E134"
    assert isinstance(error, ValueError) and isinstance(error, InputError)
    assert "'pdf'" in error.message and "json, jsonl, text, html" in error.fix


def test_every_format_renders_a_real_pipeline_analysis() -> None:
    a = spinscope.analyze(
        "Quiet Week at the Lakeside Library\n\nVolunteers restocked the shelves. "
        "Readers said the new hours were welcome."
    )
    for fmt in renderers():
        out = render(a, fmt)
        assert "Lakeside Library" in out
