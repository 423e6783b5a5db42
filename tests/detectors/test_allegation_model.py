from __future__ import annotations

import numpy as np
import pytest

from spinscope.detectors.allegation_model import (
    ACCUSED_MARK,
    FRAME_MARK,
    MODEL_DIR,
    NAME,
    RULE_MARK,
    SENTENCE_BLOCK,
    SOURCED_MARK,
    allegation_model,
    encoder_text,
    model_text,
    probabilities,
    sentence_type,
)
from spinscope.detectors.onnx_graph import _varint, with_output
from spinscope.detectors.sentence_encoder import DIM, sentence_encoder
from spinscope.textmodel import card_hashes, sha256_file

TEXT = "Mayor Ada Kern told the Vessgrad Courier that Olek Varn stole the funds."


def _at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def test_model_text_masks_actors_and_appends_marks() -> None:
    mentions = [(*_at("Olek Varn"), "person"), (*_at("Ada Kern"), "person")]
    mentions.append((*_at("Vessgrad Courier"), "organisation"))
    got = model_text(TEXT, 0, len(TEXT), mentions, frame=True, rule=True)
    assert got == (
        f"Mayor xperson told the xorg that xperson stole the funds. {FRAME_MARK} {RULE_MARK}"
    )


def test_parse_marks_follow_the_frame_marks_and_are_cues() -> None:
    mentions = [(*_at("Olek Varn"), "person")]
    marks = (ACCUSED_MARK, SOURCED_MARK)
    got = model_text(TEXT, 0, len(TEXT), mentions, frame=True, marks=marks)
    assert got.endswith(f"stole the funds. {FRAME_MARK} {ACCUSED_MARK} {SOURCED_MARK}")
    assert encoder_text(got).endswith("stole the funds.")
    cues = {cue.name: cue for cue in allegation_model().vectoriser.config.cues}
    assert {ACCUSED_MARK, SOURCED_MARK, FRAME_MARK} <= set(cues)


def test_model_text_skips_places_overlaps_and_what_lies_outside() -> None:
    start, end = _at("Olek Varn")
    mentions = [(start, end, "person"), (start + 2, end, "person"), (0, 5, "place")]
    got = model_text(TEXT, 0, len(TEXT), mentions)
    assert got == "Mayor Ada Kern told the Vessgrad Courier that xperson stole the funds."
    # A mention that runs past the sentence is left as written.
    assert model_text(TEXT, 0, 10, [(6, 14, "person")]) == TEXT[:10].strip()


def test_sentence_type_takes_the_earliest_word() -> None:
    text = "Olek Varn lied about the bribes he took."
    assert sentence_type(text, 0, len(text)) == ("lying", "lied")
    plain = "Olek Varn opened the new bridge."
    assert sentence_type(plain, 0, len(plain)) == ("other", "")


def test_shipped_scorer_matches_its_card() -> None:
    model = allegation_model()
    assert model.name == NAME
    assert 0.0 < model.threshold < 1.0
    hashes = card_hashes(MODEL_DIR / "MODEL_CARD.md")
    assert set(hashes) == {f"{NAME}.json", f"{NAME}.npz"}
    for name, digest in hashes.items():
        assert sha256_file(MODEL_DIR / name) == digest


def test_scorer_ranks_an_accusation_above_a_plain_report() -> None:
    model = allegation_model()
    accusation = "xperson embezzled millions from the harbour fund and lied to xorg. xframe"
    plain = "xperson opened the new library on Tuesday morning."
    sentences = [  # as written: what the shipped scorer's encoder block reads
        "Jon Brack embezzled millions from the harbour fund and lied to the Port Board.",
        "Jon Brack opened the new library on Tuesday morning.",
    ]
    high, low = probabilities(model, [accusation, plain], sentences)
    assert high > model.threshold > low


def test_the_shipped_scorer_reads_each_sentence_as_written() -> None:
    model = allegation_model()
    assert model.vectoriser.config.dense is not None
    assert model.vectoriser.config.dense.name == SENTENCE_BLOCK
    with pytest.raises(ValueError, match="needs each scorer input's sentence"):
        probabilities(model, ["xperson lied."])


def test_encoder_reads_placeholders_as_names_without_marks() -> None:
    text = f"xperson paid xorg's staff; xpersons are not names. {FRAME_MARK} {RULE_MARK}"
    got = encoder_text(text)
    assert got == "Smith paid the Company's staff; xpersons are not names."


def test_sentence_vectors_are_cached_and_do_not_depend_on_neighbours() -> None:
    encoder = sentence_encoder()
    one = "The harbour board met on Tuesday."
    other = "Jon Brack was accused of taking bribes from the ferry company."
    alone = encoder.vectors([one])
    both = encoder.vectors([other, one, "x " * 400])  # the last is cut to one window
    assert both.shape == (3, DIM)
    assert np.array_equal(alone[0], both[1])
    assert not np.allclose(both[0], both[1])
    assert encoder.vectors([]).shape == (0, DIM)


def test_an_output_is_appended_to_the_graph_and_other_fields_kept() -> None:
    graph = b"\x0a\x02ab"  # GraphProto.node-like bytes, kept as they are
    model = b"\x08\x07" + b"\x3a" + _varint(len(graph)) + graph + b"\x42\x00"
    got = with_output(model, "h")
    value = b"\x0a\x01h" + b"\x12\x04\x0a\x02\x08\x01"
    inner = graph + b"\x62" + _varint(len(value)) + value
    assert got == b"\x08\x07" + b"\x3a" + _varint(len(inner)) + inner + b"\x42\x00"
    with pytest.raises(ValueError, match="graph"):
        with_output(b"\x08\x07", "h")
