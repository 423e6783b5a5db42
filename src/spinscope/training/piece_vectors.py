"""The word-piece vector table of the technique classifier (see
:mod:`spinscope.detectors.technique_vectors`), made from the pinned all-MiniLM-L6-v2.

Every piece of the model's vocabulary is encoded alone, ``[CLS] piece [SEP]``, by the numpy
forward pass of :mod:`spinscope.corpus.minilm` (the mean of the last layer, unit length, as for
a text); the vectors are centred and projected on their first principal components (computed on
every third piece), then brought back to unit length. About a minute on one core; the table
depends only on the pinned weights and the number of dimensions, so it is made once a process.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

import numpy as np

from spinscope.textmodel import FloatArray

CLS: Final = 101
SEP: Final = 102
BATCH: Final = 512


@lru_cache(maxsize=2)
def piece_table(dims: int) -> FloatArray:
    """(vocabulary size, ``dims``) unit vectors, float32 precision, one per word piece."""
    from spinscope.corpus.minilm import DIM, MiniLM
    from spinscope.training.span_encoder import base_folder

    model = MiniLM(base_folder().parent)
    n = len(model._w["embeddings.word_embeddings.weight"])
    table = np.zeros((n, DIM), dtype=np.float64)
    for start in range(0, n, BATCH):
        ids = np.arange(start, min(n, start + BATCH), dtype=np.int64)
        batch = np.stack([np.full(len(ids), CLS), ids, np.full(len(ids), SEP)], axis=1)
        table[ids] = model._forward(batch, np.ones(batch.shape, dtype=np.float32))
    if dims < DIM:
        centred = table - table.mean(axis=0)
        _, _, basis = np.linalg.svd(centred[::3], full_matrices=False)
        table = centred @ basis[:dims].T
    table /= np.maximum(np.linalg.norm(table, axis=1, keepdims=True), 1e-9)
    # the shipped table is float16: train on the values the detector will read
    return np.asarray(table.astype(np.float16), dtype=np.float64)
