"""Static word-piece vectors for the technique classifier: a span is the mean of its pieces'.

Each word piece of all-MiniLM-L6-v2's vocabulary was run through that model alone
(``[CLS] piece [SEP]``, the mean of the last layer, as for a text) at training time, and the
vectors were reduced to a few principal components (:mod:`spinscope.training.piece_vectors`).
The table ships in ``techniques.npz``; at run time a span's vector is the mean of the rows of its
word pieces (the span encoder's tokenizer, ``si_tokenizer.json``), at unit length: one lookup
per piece, no network. It gives the classifier what words mean, beyond the words it saw.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from spinscope.textmodel import FloatArray


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
