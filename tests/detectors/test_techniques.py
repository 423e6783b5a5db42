"""The techniques detector with the shipped models, on the project's own example articles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from spinscope.detectors.technique_artifacts import load_models
from spinscope.detectors.technique_model import CRF_FILE
from spinscope.detectors.techniques import (
    DETECTOR,
    LABELS,
    MODEL_DIR,
    classify_spans,
    detect,
    technique_models,
)
from spinscope.document import Document, Skipped
from spinscope.errors import SpinscopeError
from spinscope.ingest import read_inputs
from spinscope.pipeline import Pipeline
from spinscope.registry import DEFAULT_COMPONENTS, builtin_registry
from spinscope.taxonomy import by_label
from tests.conftest import EXAMPLES

EDITORIAL = EXAMPLES / "ptc-style-editorial.txt"


def _analysed(path: Path) -> Document:
    items = list(read_inputs([str(path)]))
    document = items[0]
    assert not isinstance(document, Skipped)
    return Pipeline(["structure", "sentences"])(document).document


def test_registered_after_language_with_every_label() -> None:
    spec = builtin_registry().get("techniques")
    assert spec.qualified_name == DETECTOR
    assert set(spec.layers["technique"].labels) == set(LABELS)
    assert DEFAULT_COMPONENTS.index("techniques") == DEFAULT_COMPONENTS.index("language") + 1


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_findings_are_declared_scored_and_explained(path: Path) -> None:
    document = _analysed(path)
    findings = detect(document)
    for span in findings:
        assert span.layer == "technique"
        assert span.label in LABELS
        assert 0.0 <= span.score <= 1.0
        assert span.detector == DETECTOR
        assert span.explanation
        assert by_label(span.attrs.ptc_label).id == span.label
        assert span.attrs.technique_name == by_label(span.label).name
        assert span.text_in(document).strip() == span.text_in(document)
    assert detect(document) == findings  # deterministic


def test_editorial_loaded_language_and_name_calling_are_found() -> None:
    document = _analysed(EDITORIAL)
    findings = detect(document)
    found = {s.text_in(document).lower(): s.label for s in findings}
    attacks = [t for t, label in found.items() if label in {"loaded_language", "name_calling"}]
    assert attacks, found
    cues = ("elite", "spineless", "smug", "cronies", "shameless", "so-called", "contempt")
    assert any(any(cue in t for cue in cues) for t in attacks), found
    assert any(s.explanation.count("cues: ") for s in findings)


def test_classify_spans_ranks_and_splits_repeated_spans() -> None:
    text = "The spineless bureaucrats sold the pier.\nHANDS OFF OUR HARBOUR!\n"
    document = Document(text)
    insult = (text.index("spineless"), text.index(" sold"))
    slogan = (text.index("HANDS"), text.index("!") + 1)
    ranking = classify_spans(document, [insult, slogan, slogan])
    assert len(ranking) == 3
    classes = set(technique_models().tc.classes)
    for labels in ranking:
        assert {label for label, _ in labels} == classes
        assert all(0.0 <= p <= 1.0 for _, p in labels)
    probabilities = [p for _, p in ranking[0]]
    assert probabilities == sorted(probabilities, reverse=True)
    assert ranking[0][0][0] in {"Name_Calling,Labeling", "Loaded_Language"}
    assert "Slogans" in [label for label, _ in ranking[1][:2]]
    assert ranking[2][0][0] == ranking[1][1][0]  # the second copy: the second best label
    assert ranking[2][0][0] != ranking[1][0][0]
    assert classify_spans(document, []) == []


def test_default_pipeline_runs_with_techniques() -> None:
    items = list(read_inputs([str(EDITORIAL)]))
    document = items[0]
    assert not isinstance(document, Skipped)
    analysis = Pipeline()(document)
    assert DETECTOR in analysis.pipeline.components
    assert any(f.layer == "technique" for f in analysis.findings)


def test_changed_model_file_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "techniques"
    shutil.copytree(MODEL_DIR, copy)
    load_models(copy)
    data = bytearray((copy / CRF_FILE).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (copy / CRF_FILE).write_bytes(bytes(data))
    with pytest.raises(SpinscopeError) as error:
        load_models(copy)
    assert error.value.code == "E510"
