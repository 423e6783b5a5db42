"""Reading initializers and adding an output to ONNX bytes without the ``onnx`` package."""

from __future__ import annotations

import numpy as np
import pytest

from spinscope.detectors.onnx_graph import dequantized, initializers
from spinscope.detectors.technique_encoder import ENCODER_FILE
from spinscope.detectors.technique_vectors import WORD_EMBEDDINGS
from spinscope.detectors.techniques import MODEL_DIR

onnx = pytest.importorskip("onnx")  # the training extra writes the reference bytes
helper = onnx.helper
numpy_helper = onnx.numpy_helper


def _model(*tensors: object) -> bytes:
    graph = helper.make_graph(
        [helper.make_node("Identity", ["x"], ["y"])],
        "g",
        [helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [1])],
        [helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, [1])],
        initializer=list(tensors),
    )
    return bytes(helper.make_model(graph).SerializeToString())


def test_raw_and_listed_values_are_read() -> None:
    weights = np.arange(12, dtype=np.uint8).reshape(3, 4)
    model = _model(
        numpy_helper.from_array(weights, "w_quantized"),  # raw bytes
        helper.make_tensor("w_scale", onnx.TensorProto.FLOAT, [], [0.5]),  # float_data
        helper.make_tensor("w_zero_point", onnx.TensorProto.UINT8, [], [2]),  # int32_data
        numpy_helper.from_array(np.asarray([[1.5, -2.0]], dtype=np.float32), "other"),
    )
    found = initializers(model, ["other", "w_quantized"])
    assert found["other"].tolist() == [[1.5, -2.0]]
    assert found["w_quantized"].tolist() == weights.tolist()
    table = dequantized(model, "w")
    assert table.dtype == np.float32
    assert table.tolist() == ((weights.astype(np.float32) - 2) * 0.5).tolist()


def test_what_cannot_be_read_is_refused() -> None:
    per_channel = _model(
        numpy_helper.from_array(np.zeros((2, 2), dtype=np.uint8), "w_quantized"),
        numpy_helper.from_array(np.asarray([0.1, 0.2], dtype=np.float32), "w_scale"),
        numpy_helper.from_array(np.asarray([0, 0], dtype=np.uint8), "w_zero_point"),
    )
    with pytest.raises(ValueError, match="per tensor"):
        dequantized(per_channel, "w")
    with pytest.raises(ValueError, match="no initializer v_quantized"):
        dequantized(per_channel, "v")
    with pytest.raises(ValueError, match="runs past"):
        initializers(b"\x3a\xff\x01", ["w"])  # a graph longer than the bytes
    strings = _model(helper.make_tensor("s", onnx.TensorProto.STRING, [1], [b"x"]))
    with pytest.raises(ValueError, match="data type"):
        initializers(strings, ["s"])


def test_the_shipped_word_embeddings_are_the_onnx_package_s() -> None:
    raw = (MODEL_DIR / ENCODER_FILE).read_bytes()
    table = dequantized(raw, WORD_EMBEDDINGS)
    model = onnx.load_from_string(raw)
    parts = {
        t.name: numpy_helper.to_array(t)
        for t in model.graph.initializer
        if t.name.startswith(WORD_EMBEDDINGS)
    }
    expected = (
        parts[f"{WORD_EMBEDDINGS}_quantized"].astype(np.float32)
        - parts[f"{WORD_EMBEDDINGS}_zero_point"].astype(np.float32)
    ) * parts[f"{WORD_EMBEDDINGS}_scale"]
    assert table.shape == (30522, 384)
    assert np.array_equal(table, expected)
