"""Sentence vectors from the shipped span encoder: its last hidden states, mean-pooled.

The techniques' span encoder (``models/techniques/si_encoder.onnx``, a fine-tuned int8 MiniLM,
see :mod:`spinscope.detectors.technique_encoder`) has one graph output, each word piece's
P(inside a span). Its last layer's hidden states are a good sentence representation too, so this
module opens the very same file with that tensor added as a second graph output. The edit is made
on the protobuf bytes in memory (a ``ValueInfoProto`` appended to the graph's outputs), so
neither a new model file nor the ``onnx`` package is needed at run time.

A text is split into words as the techniques head splits a sentence and cut into the same
windows of at most 126 word pieces (``technique_encoder.MAX_PIECES``), each run alone (no
padding, so a vector never depends on other texts); its vector is the mean of its pieces'
states, [CLS] and [SEP] aside. The span encoder (``technique_encoder.SpanEncoder``) runs the
network and remembers each sentence's probabilities and vector, so the techniques head and the
heads that read these vectors share one pass of the network per sentence.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Final

import numpy as np

from spinscope.detectors.technique_encoder import (
    ENCODER_FILE,
    THREADS_ENV,
    TOKENIZER_FILE,
    FloatArray,
    SpanEncoder,
)
from spinscope.detectors.technique_model import TOKEN

MODEL_DIR: Final = Path(__file__).resolve().parent.parent / "models" / "techniques"
HIDDEN: Final = "/network/encoder/encoder/layer.2/output/LayerNorm/LayerNormalization_output_0"
DIM: Final = 384
NAME: Final = "si_encoder_mean"  # how a model's config names these features
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


class SentenceEncoder:
    """The span encoder read for its sentence vectors: a text is split into words as the
    techniques head splits its sentences (:data:`~spinscope.detectors.technique_model.TOKEN`),
    so a sentence that head has already run costs nothing here."""

    def __init__(self, folder: Path = MODEL_DIR, *, threads: int | None = None) -> None:
        raw = os.environ.get(THREADS_ENV, "")
        count = threads or (int(raw) if raw.isdigit() and raw != "0" else 1)
        self._encoder = SpanEncoder(folder / ENCODER_FILE, folder / TOKENIZER_FILE, threads=count)
        self.tokenizer = self._encoder.tokenizer

    def vectors(self, texts: Sequence[str]) -> FloatArray:
        """One mean-pooled vector of :data:`DIM` floats per text."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float64)
        words = [tuple(TOKEN.findall(text)) or (text,) for text in texts]
        return self._encoder.sentence_vectors(words)


@lru_cache(maxsize=1)
def sentence_encoder() -> SentenceEncoder:
    """The shipped encoder, opened once per process."""
    return SentenceEncoder()
