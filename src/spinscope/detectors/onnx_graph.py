"""A further output for an ONNX graph, added to its bytes in memory.

The span encoder (``models/techniques/si_encoder.onnx``) has one graph output, each word piece's
P(inside a span); its last layer's hidden states are named :data:`HIDDEN`. Appending that tensor
to the graph's outputs (a ``ValueInfoProto`` in ``GraphProto.output``) lets one run of the
network give both, with neither a second model file nor the ``onnx`` package at run time.
"""

from __future__ import annotations

from typing import Final

HIDDEN: Final = "/network/encoder/encoder/layer.2/output/LayerNorm/LayerNormalization_output_0"
_FLOAT: Final = 1  # TensorProto.FLOAT


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        low, value = value & 0x7F, value >> 7
        out.append(low | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _read_varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, at


def _field(number: int, payload: bytes) -> bytes:
    """A length-delimited protobuf field."""
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def with_output(model: bytes, name: str) -> bytes:
    """The serialised ``ModelProto`` ``model`` with the float tensor ``name`` as a further graph
    output (ModelProto.graph = 7, GraphProto.output = 12, ValueInfoProto name = 1, type = 2,
    TypeProto.tensor_type = 1, elem_type = 1)."""
    value = _field(1, name.encode()) + _field(2, _field(1, _varint(1 << 3) + _varint(_FLOAT)))
    out = bytearray()
    at = 0
    found = False
    while at < len(model):
        start = at
        key, at = _read_varint(model, at)
        wire = key & 7
        if wire == 0:
            _, at = _read_varint(model, at)
        elif wire == 1:
            at += 8
        elif wire == 5:
            at += 4
        elif wire == 2:
            size, body = _read_varint(model, at)
            at = body + size
            if key >> 3 == 7:
                out += _field(7, model[body:at] + _field(12, value))
                found = True
                continue
        else:
            raise ValueError(f"unexpected protobuf wire type {wire}")
        out += model[start:at]
    if not found or at != len(model):
        raise ValueError("not an ONNX model with a graph")
    return bytes(out)
