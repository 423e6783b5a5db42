"""The span encoder's word pieces, windows and the shipped encoder on invented sentences."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from spinscope.detectors.technique_encoder import (
    ENCODER_FILE,
    MAX_PIECES,
    TOKENIZER_FILE,
    SpanEncoder,
    batches,
    load_tokenizer,
    padded,
    windows,
    word_values,
)
from spinscope.detectors.techniques import MODEL_DIR


@pytest.fixture(scope="module")
def tokenizer() -> object:
    return load_tokenizer(MODEL_DIR / TOKENIZER_FILE)


def test_each_word_points_at_its_first_piece(tokenizer: object) -> None:
    words = ["The", "Vessgradians", "’", "pier", "!"]
    (window,) = windows(tokenizer, [words])
    assert window.sentence == 0 and window.first == 0
    assert len(window.firsts) == len(words)
    assert window.ids[0] == tokenizer.token_to_id("[CLS]")  # type: ignore[attr-defined]
    assert window.ids[-1] == tokenizer.token_to_id("[SEP]")  # type: ignore[attr-defined]
    assert list(window.firsts) == sorted(window.firsts)
    assert window.firsts[2] - window.firsts[1] > 1  # an invented name takes several pieces


def test_long_sentences_are_cut_between_words(tokenizer: object) -> None:
    words = ["Vessgradians", "sold", "the", "pier"] * 100
    cut = windows(tokenizer, [words, ["Short", "one"]])
    long = [w for w in cut if w.sentence == 0]
    assert len(long) > 1
    assert all(len(w.ids) <= MAX_PIECES + 2 for w in cut)
    assert [w.first for w in long] == sorted(w.first for w in long)
    assert sum(len(w.firsts) for w in long) == len(words)
    for left, right in itertools.pairwise(long):
        assert left.first + len(left.firsts) == right.first


def test_wordless_and_pieceless_words(tokenizer: object) -> None:
    cut = windows(tokenizer, [[], ["Pier", "\u200b", "sold"]])
    assert [len(w.firsts) for w in cut] == [0, 3]
    assert cut[1].firsts[1] == -1  # a zero-width character has no piece
    values = {0: np.zeros(2), 1: np.asarray([0.0, 0.9, 0.2, 0.0])}
    out = word_values(cut, values, [0, 3])
    assert out[0].shape == (0,)
    assert out[1].tolist() == [0.9, 0.9, 0.2]  # the pieceless word takes its left neighbour's


def test_batches_pad_with_a_mask(tokenizer: object) -> None:
    cut = windows(tokenizer, [["a"] * n for n in (3, 40, 5, 39)])
    groups = batches(cut, 2)
    assert sorted(i for g in groups for i in g) == [0, 1, 2, 3]
    assert {tuple(sorted(g)) for g in groups} == {(0, 2), (1, 3)}  # similar lengths together
    ids, mask = padded(cut, groups[0])
    assert ids.shape == mask.shape
    assert mask.sum() == sum(len(cut[i].ids) for i in groups[0])


def test_shipped_encoder_gives_a_probability_per_word() -> None:
    encoder = SpanEncoder(MODEL_DIR / ENCODER_FILE, MODEL_DIR / TOKENIZER_FILE)
    sentences = [
        ["The", "spineless", "bureaucrats", "of", "Vessgrad", "sold", "our", "pier", "!"],
        [],
        ["Tickets", "cost", "less", "."],
        ["word"] * 300,
    ]
    first = encoder.probabilities(sentences)
    assert [len(p) for p in first] == [len(s) for s in sentences]
    assert all(((p >= 0) & (p <= 1)).all() for p in first)
    again = encoder.probabilities(sentences)
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    alone = encoder.probabilities([sentences[0]])[0]
    assert np.array_equal(alone, first[0])  # a sentence does not depend on the others


def test_shipped_files_exist() -> None:
    for name in (ENCODER_FILE, TOKENIZER_FILE):
        assert (Path(MODEL_DIR) / name).is_file()


def test_hostile_words_are_capped_not_fatal() -> None:
    encoder = SpanEncoder(MODEL_DIR / ENCODER_FILE, MODEL_DIR / TOKENIZER_FILE)
    sentences = [
        ["x" * 5000, "\x00\x07", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "مرحبا", "<script>alert(1)</script>", "\u202e"],
        ["Пирс"] * 1000,
    ]
    out = encoder.probabilities(sentences)
    assert [len(p) for p in out] == [6, 1000]
    assert all(np.isfinite(p).all() and ((p >= 0) & (p <= 1)).all() for p in out)
    assert all(len(w.ids) <= MAX_PIECES + 2 for w in windows(encoder.tokenizer, sentences))


def test_one_pass_serves_the_span_head_and_the_sentence_vectors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from spinscope.detectors import technique_encoder
    from spinscope.detectors.sentence_encoder import sentence_encoder
    from spinscope.detectors.technique_model import TOKEN

    monkeypatch.setattr(technique_encoder, "_MEMO", type(technique_encoder._MEMO)())
    text = "The mayor of Vessgrad spent 12 million crowns on a pier that nobody uses."
    words = tuple(TOKEN.findall(text))
    encoder = SpanEncoder(MODEL_DIR / ENCODER_FILE, MODEL_DIR / TOKENIZER_FILE)
    (probabilities,) = encoder.probabilities([words])
    key = (str((MODEL_DIR / ENCODER_FILE).resolve()), words)
    remembered = technique_encoder._MEMO[key]
    assert np.array_equal(remembered.probabilities, probabilities)
    # the sentence vector is what that pass gave: the network does not run again
    calls: list[int] = []
    monkeypatch.setattr(SpanEncoder, "_run", lambda self, s: calls.append(len(s)) or [])
    (vector,) = sentence_encoder().vectors([text])
    assert calls == []
    assert np.array_equal(vector, remembered.vector)
    assert vector.shape == (384,) and np.isfinite(vector).all()


def test_the_memo_is_bounded_and_a_vector_is_its_sentence_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from spinscope.detectors import technique_encoder

    monkeypatch.setattr(technique_encoder, "_MEMO", type(technique_encoder._MEMO)())
    monkeypatch.setattr(technique_encoder, "MEMO_SIZE", 2)
    encoder = SpanEncoder(MODEL_DIR / ENCODER_FILE, MODEL_DIR / TOKENIZER_FILE)
    sentences = [("Tickets", "cost", "less", "."), ("The", "pier", "closed", "."), ("Rain", ".")]
    together = encoder.sentence_vectors(sentences)
    assert len(technique_encoder._MEMO) == 2
    technique_encoder._MEMO.clear()
    alone = encoder.sentence_vectors([sentences[1]])
    assert np.array_equal(alone[0], together[1])
    assert encoder.sentence_vectors([]).shape == (0, 384)
