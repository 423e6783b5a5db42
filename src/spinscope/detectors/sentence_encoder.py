"""Sentence vectors from the shipped span encoder: its last hidden states, mean-pooled.

The techniques' span encoder (``models/techniques/si_encoder.onnx``, a fine-tuned int8 MiniLM,
see :mod:`spinscope.detectors.technique_encoder`) has one graph output, each word piece's
P(inside a span). Its last layer's hidden states are a good sentence representation too, so the
encoder opens the file with that tensor added as a second graph output
(:mod:`spinscope.detectors.onnx_graph`): no new model file, no ``onnx`` package at run time.

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
DIM: Final = 384
NAME: Final = "si_encoder_mean"  # how a model's config names these features


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
