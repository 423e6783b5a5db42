"""The technique classifier alone: class weights, its cross-validation and a retrain that keeps
the span-identification files, on the tiny invented PTC set of ``test_techniques``."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from spinscope.detectors import techniques as detector
from spinscope.detectors.technique_artifacts import load_models
from spinscope.detectors.technique_encoder import ENCODER_FILE, TOKENIZER_FILE
from spinscope.detectors.technique_model import CRF_FILE
from spinscope.document import Document
from spinscope.textmodel import sha256_file
from spinscope.training.technique_card import tc_card_update
from spinscope.training.technique_data import prepare, read_training
from spinscope.training.technique_tc import retrain_tc, tc_cross_validate
from spinscope.training.techniques import class_weights
from tests.training.test_techniques import FAST, trained  # noqa: F401  (a fixture)

SHIPPED = Path(__file__).resolve().parents[2] / "src" / "spinscope" / "models" / "techniques"


def test_class_weights() -> None:
    y = ["a"] * 6 + ["b"] * 2
    assert class_weights(y, "none") is None
    assert class_weights(y, "balanced") == {"a": 8 / 12, "b": 2.0}
    rooted = class_weights(y, "sqrt_balanced")
    assert rooted is not None
    assert rooted["b"] == pytest.approx(2.0**0.5)
    assert rooted["a"] < 1 < rooted["b"]
    with pytest.raises(ValueError, match="sqrt_balanced"):
        class_weights(y, "inverse")


def test_tc_cross_validate_on_tiny_data(
    trained: tuple[Path, Path, dict[str, object]],  # noqa: F811
) -> None:
    root, _out, _result = trained
    prepared = [prepare(a) for a in read_training(root)]
    result = tc_cross_validate(prepared, k=2, seed=0, settings=FAST)
    assert 0.0 <= result["tc_micro_f1"] <= 1.0
    assert set(result["folds"]) == {"fold 0", "fold 1"}
    assert result["temperature"] > 0
    again = tc_cross_validate(prepared, k=2, seed=0, settings=FAST)
    assert {k: v for k, v in again.items() if k != "seconds"} == {
        k: v for k, v in result.items() if k != "seconds"
    }


def test_retrain_keeps_the_span_files_and_rewrites_the_card(
    trained: tuple[Path, Path, dict[str, object]],  # noqa: F811
    tmp_path: Path,
) -> None:
    root, out, _result = trained
    folder = tmp_path / "model"
    shutil.copytree(out, folder)
    kept = {n: sha256_file(folder / n) for n in (CRF_FILE, ENCODER_FILE, TOKENIZER_FILE)}
    before = load_models(folder)
    settings = replace(
        FAST, tc_c=3.0, tc_class_weight="sqrt_balanced", tc_network=False, tc_vectors=8
    )
    result = retrain_tc(root, folder, seed=0, settings=settings)
    assert {n: sha256_file(folder / n) for n in kept} == kept
    card = (folder / "MODEL_CARD.md").read_text(encoding="utf-8")
    for name, digest in result["files"].items():
        assert f"| {name} | {digest} |" in card
    assert "(C=3.0, class weights sqrt-balanced)" in " ".join(card.split())
    assert f"**micro-F1 {result['cv']['tc_micro_f1']}**" in card
    assert "## Technique classification experiments" in card
    after = load_models(folder)
    assert after.rates == before.rates
    assert after.si_platt == before.si_platt
    assert after.encoder_weight == before.encoder_weight
    vectors = after.tc.featuriser.vectors
    assert vectors is not None
    assert vectors.table.shape[1] == 8
    assert before.tc.featuriser.vectors is None
    document = Document("Shameful bureaucrats!\nThe harbour deal.\n")
    ranked = detector.classify_spans(document, [(0, 8), (9, 20)], models=after)
    assert len(ranked) == 2
    record = json.loads((folder / "techniques.json").read_text(encoding="utf-8"))
    assert record["training"]["tc"]["class_weight"] == "sqrt_balanced"
    assert record["crf"]["sha256"] == kept[CRF_FILE]


def test_retrain_with_the_span_network(
    trained: tuple[Path, Path, dict[str, object]],  # noqa: F811
    tmp_path: Path,
) -> None:
    from spinscope.detectors.technique_vectors import NETWORK_FILE, SpanNetwork
    from spinscope.errors import SpinscopeError

    root, out, _result = trained
    folder = tmp_path / "model"
    shutil.copytree(out, folder)
    encoder = sha256_file(folder / ENCODER_FILE)
    result = retrain_tc(root, folder, seed=0, settings=replace(FAST, tc_network=True))
    assert sha256_file(folder / ENCODER_FILE) == encoder
    assert result["files"][NETWORK_FILE] == sha256_file(folder / NETWORK_FILE)
    record = json.loads((folder / "techniques.json").read_text(encoding="utf-8"))
    assert record["vectors"]["kind"] == "network"
    assert record["vectors"]["word_embeddings"] == ENCODER_FILE
    assert record["training"]["tc"]["network"] is True
    card = (folder / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert f"| {NETWORK_FILE} | {result['files'][NETWORK_FILE]} |" in card
    models = load_models(folder)
    network = models.tc.featuriser.vectors
    assert isinstance(network, SpanNetwork)
    rows = network(["Shameful bureaucrats", "", "Shameful bureaucrats"])
    assert np.linalg.norm(rows[0]) == pytest.approx(1.0, abs=1e-4)
    assert rows[1].tolist() == [0.0] * network.dims  # no word piece, no vector
    assert rows[2].tolist() == rows[0].tolist()  # each span alone: the same text, the same row
    document = Document("Shameful bureaucrats!\nThe harbour deal.\n")
    assert len(detector.classify_spans(document, [(0, 8), (9, 20)], models=models)) == 2
    data = bytearray((folder / NETWORK_FILE).read_bytes())
    data[-1] ^= 1
    (folder / NETWORK_FILE).write_bytes(bytes(data))
    with pytest.raises(SpinscopeError) as caught:
        load_models(folder)
    assert caught.value.code == "E510"


def test_piece_vectors_are_the_unit_mean_of_their_pieces() -> None:
    from spinscope.detectors.technique_encoder import load_tokenizer
    from spinscope.detectors.technique_vectors import PieceVectors

    tokenizer = load_tokenizer(SHIPPED / TOKENIZER_FILE)
    table = np.zeros((tokenizer.get_vocab_size(), 2))
    ids = tokenizer.encode("harbour deal", add_special_tokens=False).ids
    table[ids[0]] = [1.0, 0.0]
    table[ids[-1]] = [0.0, 1.0]
    vectors = PieceVectors(table, tokenizer, 2.0)
    rows = vectors(["harbour deal", "", "harbour"])
    assert rows[0] == pytest.approx([2**0.5, 2**0.5])
    assert rows[1].tolist() == [0.0, 0.0]
    assert rows[2] == pytest.approx([2.0, 0.0])
    assert vectors([]).shape == (0, 2)


def test_a_card_without_its_parts_is_refused() -> None:
    with pytest.raises(ValueError, match="no part matching"):
        tc_card_update("# Model card\n", {"cv": {"tc_micro_f1": 0.5}})
