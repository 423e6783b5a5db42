"""The technique detector's training settings and its training data, article by article.

:class:`Settings` are the training parameters (the defaults are the shipped model's);
:func:`prepare` turns a gold PTC article into token sequences with their labels and its index;
:func:`read_training` reads the PTC training folder. :mod:`spinscope.training.techniques` trains,
cross-validates and scores with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np

from spinscope.detectors import techniques as detector
from spinscope.detectors.technique_model import (
    INSIDE,
    OUTSIDE,
    ArticleIndex,
    TokenSeq,
    document_index,
    token_sequences,
)
from spinscope.document import Document
from spinscope.errors import InputError
from spinscope.training.datasets import GoldArticle, merge_spans, read_ptc
from spinscope.training.span_encoder import EncoderSettings

ARTICLES: Final = "train-articles"
LABELS: Final = "train-task-flc-tc.labels"
CV_COMMAND: Final = "spinscope eval techniques --cv 5 --data ../shared/data/ptc-semeval2020"


ENCODER: Final = EncoderSettings()


@dataclass(frozen=True, slots=True)
class Settings:
    """Training parameters; the defaults are the shipped model's (tests shrink them)."""

    crf_c1: float = 0.05
    crf_c2: float = 0.05
    crf_iterations: int = 100
    tc_c: float = 10.0
    tc_max_iter: int = 3000
    tc_class_weight: str = "none"  # or "balanced" (n / (k n_c)), "sqrt_balanced" (its root)
    # The span's dense vector: the span network (all-MiniLM-L6-v2 over the span's text), or,
    # without it, the mean of static word-piece vectors of tc_vectors dimensions (0: none).
    tc_network: bool = True
    tc_vectors: int = 0
    tc_vector_weight: float = 1.0
    folds: int = 5  # out-of-fold calibration inside train()
    rate_min_count: int = 3
    word_min_df: int = 1
    char_min_df: int = 2
    context_min_df: int = 2
    max_word_terms: int = 60_000
    max_char_terms: int = 100_000
    highs: tuple[float, ...] = tuple(round(0.04 + 0.02 * i, 2) for i in range(5)) + tuple(
        round(0.15 + 0.05 * i, 2) for i in range(12)
    )
    low_ratios: tuple[float, ...] = (1.0, 0.7, 0.5)
    gaps: tuple[int, ...] = (1, 3, 6)
    min_chars: int = 2
    gate_c: float = 1.0
    gate_weights: tuple[float, ...] = (0.0, 0.5, 0.7, 0.85)  # 0: no sentence gate
    gate_word_min_df: int = 2
    gate_max_word_terms: int = 60_000
    # The span encoder (None: the CRF alone) and its share of a word's P(inside a span).
    encoder: EncoderSettings | None = ENCODER
    encoder_weight: float = 0.7
    encoder_folds: int = 2  # out-of-fold encoders inside train() (cross_validate uses its k)

    def to_record(self) -> dict[str, Any]:
        return {
            "encoder": None
            if self.encoder is None
            else {
                **self.encoder.to_record(),
                "weight": self.encoder_weight,
                "folds_in_training": self.encoder_folds,
            },
            "crf": {"c1": self.crf_c1, "c2": self.crf_c2, "iterations": self.crf_iterations},
            "tc": {
                "C": self.tc_c,
                "max_iter": self.tc_max_iter,
                "class_weight": self.tc_class_weight,
                "network": self.tc_network,
                "vectors": self.tc_vectors,
                "vector_weight": self.tc_vector_weight,
            },
            "gate": {
                "C": self.gate_c,
                "word_min_df": self.gate_word_min_df,
                "max_word_terms": self.gate_max_word_terms,
            },
            "folds": self.folds,
            "rate_min_count": self.rate_min_count,
            "vocabulary": {
                "word_min_df": self.word_min_df,
                "char_min_df": self.char_min_df,
                "context_min_df": self.context_min_df,
                "max_word_terms": self.max_word_terms,
                "max_char_terms": self.max_char_terms,
            },
        }


DEFAULT: Final = Settings()


@dataclass(frozen=True)
class Prepared:
    """One article ready for training: token sequences with labels, rule hits, its index."""

    article: GoldArticle
    document: Document
    seqs: list[TokenSeq]
    tags: list[list[str]]
    index: ArticleIndex
    gold: list[tuple[int, int]]  # merged gold spans

    @property
    def article_id(self) -> str:
        return self.article.article_id

    @property
    def tc_spans(self) -> list[tuple[int, int, str]]:
        return [(s.start, s.end, s.technique) for s in self.article.spans if s.technique]


def prepare(article: GoldArticle) -> Prepared:
    document = detector.with_sentences(article.document)
    hits = detector.rule_hits(document)
    seqs = token_sequences(document.text, document.sentences)
    inside = np.zeros(len(document.text) + 1, dtype=bool)
    for span in article.spans:
        inside[span.start : span.end] = True
    tags = [[INSIDE if inside[s:e].any() else OUTSIDE for s, e in q.offsets] for q in seqs]
    gold = merge_spans((s.start, s.end) for s in article.spans)
    return Prepared(article, document, seqs, tags, document_index(document, hits), gold)


def read_training(data: Path) -> list[GoldArticle]:
    labels = data / LABELS
    if not labels.is_file():
        raise InputError("E100", path=str(labels))
    return read_ptc(data / ARTICLES, labels)
