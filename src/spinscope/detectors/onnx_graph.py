"""Reading and extending an ONNX graph's bytes in memory, without the ``onnx`` package.

The span encoder (``models/techniques/si_encoder.onnx``) has one graph output, each word piece's
P(inside a span); its last layer's hidden states are named :data:`HIDDEN`. Appending that tensor
to the graph's outputs (a ``ValueInfoProto`` in ``GraphProto.output``) lets one run of the
network give both, with neither a second model file nor the ``onnx`` package at run time.

:func:`dequantized` reads one of its weights back as floats: the technique classifier's span
network (:mod:`spinscope.detectors.technique_vectors`) takes its word embeddings from the span
encoder's table rather than shipping a second copy.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Final

import numpy as np
import numpy.typing as npt

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


def _fields(
    data: bytes, start: int = 0, end: int | None = None
) -> Iterator[tuple[int, int, int, int]]:
    """The protobuf fields of ``data[start:end]``: (number, wire type, value start, value end);
    a varint's value is read from the bytes between its start and end."""
    at = start
    stop = len(data) if end is None else end
    while at < stop:
        key, at = _read_varint(data, at)
        wire = key & 7
        begin = at
        if wire == 0:
            _, at = _read_varint(data, at)
        elif wire == 1:
            at += 8
        elif wire == 5:
            at += 4
        elif wire == 2:
            size, begin = _read_varint(data, at)
            at = begin + size
        else:
            raise ValueError(f"unexpected protobuf wire type {wire}")
        if at > stop:
            raise ValueError("a protobuf field runs past its message")
        yield key >> 3, wire, begin, at


# TensorProto.data_type -> numpy type (FLOAT, UINT8, INT8, INT32, INT64)
_TYPES: Final = {1: np.float32, 2: np.uint8, 3: np.int8, 6: np.int32, 7: np.int64}


def _varints(data: bytes, start: int, end: int) -> list[int]:
    out = []
    at = start
    while at < end:
        value, at = _read_varint(data, at)
        out.append(value)
    return out


def _tensor(data: bytes, start: int, end: int) -> tuple[str, npt.NDArray[np.generic]]:
    """(name, values) of a ``TensorProto``: dims = 1, data_type = 2, float_data = 4,
    int32_data = 5, int64_data = 7, name = 8, raw_data = 9 (little-endian)."""
    dims: list[int] = []
    kind = 0
    name = ""
    raw: bytes | None = None
    listed: list[float] = []
    for number, wire, begin, at in _fields(data, start, end):
        if number == 1:
            dims += _varints(data, begin, at)
        elif number == 2:
            kind = _read_varint(data, begin)[0]
        elif number == 8:
            name = data[begin:at].decode()
        elif number == 9:
            raw = data[begin:at]
        elif number == 4:
            listed += np.frombuffer(data[begin:at], dtype="<f4").tolist()
        elif number in (5, 7) and wire in (0, 2):
            listed += _varints(data, begin, at)
    if kind not in _TYPES:
        raise ValueError(f"tensor {name!r} has a data type this reader does not know ({kind})")
    dtype = np.dtype(_TYPES[kind]).newbyteorder("<")
    values = np.frombuffer(raw, dtype=dtype) if raw is not None else np.asarray(listed, dtype)
    if values.size != int(np.prod(dims)):
        raise ValueError(f"tensor {name!r} holds {values.size} values for its shape {dims}")
    return name, values.reshape(dims)


def initializers(model: bytes, names: Collection[str]) -> dict[str, npt.NDArray[np.generic]]:
    """The graph's initializers called ``names`` (ModelProto.graph = 7, GraphProto.initializer
    = 5), by name; a missing one is a ValueError."""
    found: dict[str, npt.NDArray[np.generic]] = {}
    for number, _, begin, end in _fields(model):
        if number != 7:
            continue
        for inner, _, start, stop in _fields(model, begin, end):
            if inner == 5:
                name, values = _tensor(model, start, stop)
                if name in names:
                    found[name] = values
    missing = sorted(set(names) - set(found))
    if missing:
        raise ValueError(f"the graph has no initializer {', '.join(missing)}")
    return found


def dequantized(model: bytes, weight: str) -> npt.NDArray[np.float32]:
    """A weight that dynamic quantisation stored as ``{weight}_quantized``, ``_scale`` and
    ``_zero_point`` (one scale, per tensor), as float32: (quantized - zero point) x scale."""
    parts = initializers(model, [f"{weight}_quantized", f"{weight}_scale", f"{weight}_zero_point"])
    scale = parts[f"{weight}_scale"].astype(np.float32)
    zero = parts[f"{weight}_zero_point"].astype(np.float32)
    if scale.size != 1 or zero.size != 1:
        raise ValueError(f"{weight} is not quantised per tensor")
    table = (parts[f"{weight}_quantized"].astype(np.float32) - zero.item()) * scale.item()
    return np.ascontiguousarray(table, dtype=np.float32)
