"""The text-model runtime: exact features, artefact files, and agreement with training."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from spinscope.errors import SpinscopeError
from spinscope.textmodel import (
    CARD,
    Analyser,
    Cue,
    TextModel,
    Vectoriser,
    VectoriserConfig,
    load_model,
    normalise,
    sha256_file,
    write_model,
)

WORDS = VectoriserConfig(word_ngrams=(1, 2), char_ngrams=None)


def _tiny_model(config: VectoriserConfig = WORDS) -> TextModel:
    vectoriser = Vectoriser(
        config,
        word_vocab=["a", "a b", "b"],
        char_vocab=[],
        word_idf=np.array([1.0, 1.5, 2.0]),
        char_idf=np.array([]),
    )
    return TextModel(
        name="tiny",
        vectoriser=vectoriser,
        coef=np.array([0.5, -1.0, 2.0] + [1.0] * len(config.cues)),
        intercept=-0.25,
        platt=(1.5, 0.1),
        threshold=0.4,
        labels=("No", "Yes"),
        training={"note": "hand-made"},
    )


def _write(model: TextModel, folder: Path) -> None:
    hashes = write_model(model, folder)
    rows = "\n".join(f"| {name} | {digest} |" for name, digest in hashes.items())
    (folder / CARD).write_text(f"# tiny\n\n| file | sha256 |\n|---|---|\n{rows}\n", "utf-8")


def test_normalise_quotes_and_space() -> None:
    assert normalise("  “It’s”\n\tfine  ") == '"It\'s" fine'


def test_word_and_char_terms() -> None:
    analyser = Analyser(VectoriserConfig(word_ngrams=(1, 2), char_ngrams=(2, 3)))
    assert analyser.word_terms("It’s 3.5% UP!") == [
        "it's", "3", "5", "%", "up", "!", "it's 3", "3 5", "5 %", "% up", "up !",
    ]  # fmt: skip
    assert analyser.char_terms("Ab") == [" a", "ab", "b ", " ab", "ab "]


def test_digits_to_zero() -> None:
    analyser = Analyser(VectoriserConfig(word_ngrams=(1, 1), char_ngrams=None, digits_to_zero=True))
    assert analyser.word_terms("In 2024") == ["in", "0000"]


def test_row_is_sublinear_tfidf_with_l2_norm() -> None:
    cue = Cue("question", "question", r"\?")
    model = _tiny_model(VectoriserConfig(word_ngrams=(1, 2), char_ngrams=None, cues=(cue,)))
    columns, values = model.vectoriser.row("A b a?")
    # terms: a (2), b (1), a b (1), b a (0: not in the vocabulary), cue 'question'
    a, ab, b = (1 + math.log(2)) * 1.0, 1.0 * 1.5, 1.0 * 2.0
    norm = math.sqrt(a * a + ab * ab + b * b)
    assert columns.tolist() == [0, 1, 2, 3]
    assert values.tolist() == pytest.approx([a / norm, ab / norm, b / norm, 1.0], abs=1e-12)
    decision = (0.5 * a - 1.0 * ab + 2.0 * b) / norm + 1.0 - 0.25
    assert model.decision("A b a?") == pytest.approx(decision, abs=1e-12)
    expected = 1 / (1 + math.exp(-(1.5 * decision + 0.1)))
    assert model.probability("A b a?") == pytest.approx(expected, abs=1e-12)


def test_unknown_words_give_the_intercept() -> None:
    model = _tiny_model()
    assert model.decision("zzz") == -0.25


def test_contributions_name_the_features() -> None:
    cue = Cue("question", "question", r"\?")
    model = _tiny_model(VectoriserConfig(word_ngrams=(1, 2), char_ngrams=None, cues=(cue,)))
    probability, parts = model.explain("b a?")
    assert probability == pytest.approx(model.probability("b a?"))
    assert parts[0].kind == "word" and parts[0].name == "b"
    assert [(p.kind, p.surface, p.label) for p in parts if p.kind == "cue"] == [
        ("cue", "?", "question")
    ]


def test_round_trip(tmp_path: Path) -> None:
    model = _tiny_model()
    _write(model, tmp_path)
    loaded = load_model(tmp_path, "tiny")
    for text in ("a b", "b b a", "nothing"):
        assert loaded.probability(text) == pytest.approx(model.probability(text), abs=1e-6)
    assert loaded.threshold == 0.4
    assert loaded.labels == ("No", "Yes")
    assert loaded.training["note"] == "hand-made"


def test_files_are_byte_reproducible(tmp_path: Path) -> None:
    first = write_model(_tiny_model(), tmp_path / "one")
    second = write_model(_tiny_model(), tmp_path / "two")
    assert first == second


def test_tampered_weights_are_refused(tmp_path: Path) -> None:
    _write(_tiny_model(), tmp_path)
    weights = tmp_path / "tiny.npz"
    data = bytearray(weights.read_bytes())
    data[-30] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(SpinscopeError) as caught:
        load_model(tmp_path, "tiny")
    assert caught.value.code == "E510"
    assert "tiny.npz" in caught.value.message


def test_edited_json_is_refused(tmp_path: Path) -> None:
    _write(_tiny_model(), tmp_path)
    meta = tmp_path / "tiny.json"
    meta.write_text(meta.read_text("utf-8").replace('"threshold": 0.4', '"threshold": 0.1'))
    with pytest.raises(SpinscopeError) as caught:
        load_model(tmp_path, "tiny")
    assert caught.value.code == "E510"


@pytest.mark.parametrize("missing", ["tiny.npz", "tiny.json", CARD])
def test_missing_files_are_reported(tmp_path: Path, missing: str) -> None:
    _write(_tiny_model(), tmp_path)
    (tmp_path / missing).unlink()
    with pytest.raises(SpinscopeError) as caught:
        load_model(tmp_path, "tiny")
    assert caught.value.code == "E511"
    assert missing in caught.value.message


def test_not_a_model_is_refused(tmp_path: Path) -> None:
    meta = tmp_path / "tiny.json"
    meta.write_text('{"format": "something else"}', "utf-8")
    (tmp_path / CARD).write_text(f"| tiny.json | {sha256_file(meta)} |\n", "utf-8")
    with pytest.raises(SpinscopeError) as caught:
        load_model(tmp_path, "tiny")
    assert caught.value.code == "E512"
