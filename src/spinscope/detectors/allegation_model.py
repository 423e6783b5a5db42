"""The allegation scorer: P(a sentence alleges wrongdoing of an actor it names).

A linear model over word and character n-grams and the lexicon's cues (the
:mod:`spinscope.textmodel` runtime: no pickle, hashes checked at load), trained by
``spinscope train allegations`` on hand-annotated articles (see the model card). Its input is
a sentence with every person replaced by ``xperson`` and every organisation by ``xorg`` (so the
model learns how accusations are phrased, not who is accused), followed by ``xframe`` when the
dependency parse gave the sentence an allegation frame and ``xrule`` when a cue rule fired.
Besides its n-grams and cues, the model reads a dense vector of the sentence: the shipped span
encoder's hidden states, mean-pooled (:mod:`spinscope.detectors.sentence_encoder`), of the
sentence as written (:data:`SENTENCE_BLOCK`), the pass the techniques head has already made.

The probability is Platt-calibrated on out-of-fold decisions (folds by article); a sentence is
an allegation when it reaches the model's threshold, chosen for the best out-of-fold F1.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Final

from spinscope.detectors.allegation_lexicon import ALLEGATION_TYPES, type_patterns
from spinscope.detectors.sentence_encoder import DIM, sentence_encoder
from spinscope.detectors.sentence_encoder import NAME as ENCODER
from spinscope.textmodel import (
    Cue,
    DenseBlock,
    FloatArray,
    TextModel,
    VectoriserConfig,
    load_model,
)

NAME: Final = "allegations"
MODEL_DIR: Final = Path(__file__).resolve().parent.parent / "models" / NAME
LABELS: Final = ("no", "allegation")
PLACEHOLDERS: Final = {"person": "xperson", "organisation": "xorg"}
FRAME_MARK: Final = "xframe"
RULE_MARK: Final = "xrule"
MAX_CHARS: Final = 2000  # a "sentence" longer than this is read up to here

# What the parse shows of a sentence, as words after its marks (see
# :func:`spinscope.detectors.allegations.parse_marks`).
ACCUSED_MARK: Final = "xaccused"  # a cue word is predicated of a named actor
TARGET_MARK: Final = "xtarget"  # the sentence is about a named actor who is no victim
SUBJECT_MARK: Final = "xsubject"  # a named actor is the subject of a verb
SOURCED_MARK: Final = "xsourced"  # the sentence reports what a source says
CONTEXT_MARK: Final = "xcontext"  # the sentence before it holds a cue word
MARKS: Final = frozenset(
    [FRAME_MARK, RULE_MARK, ACCUSED_MARK, TARGET_MARK, SUBJECT_MARK, SOURCED_MARK, CONTEXT_MARK]
)
_TYPES: Final = type_patterns()
CUES: Final = (
    *(
        Cue(f"type_{kind}", kind.replace("_", " "), _TYPES[kind].pattern)
        for kind in ALLEGATION_TYPES
    ),
    Cue("quote", "quotation", r"[\"“”]"),
    Cue("question", "question", r"\?"),
    Cue(
        "hedge",
        "hedge",
        r"(?i)\b(?:allegedly|reportedly|apparently|purportedly|supposedly|accused of)\b",
    ),
    Cue("negation", "negation", r"(?i)\b(?:not|never|no|denied|denies|deny)\b|n't\b"),
    *(Cue(mark, mark[1:], rf"\b{mark}\b") for mark in sorted(MARKS)),
)
# Without a dense block: the n-grams and cues alone (the scorer shipped before the sentence
# block; for experiments: spinscope.training.allegation_model.fit(..., config=SPARSE_CONFIG)).
SPARSE_CONFIG: Final = VectoriserConfig(
    word_ngrams=(1, 2), char_ngrams=(3, 5), cues=CUES, dense=None
)
# The encoder block read from the scorer input (placeholders read as names), for experiments:
# in cross-validation it raised sentence F1 (0.507 -> 0.542), but it missed allegations of
# spinscope's own examples and costs an encoder pass per candidate sentence.
ENCODER_CONFIG: Final = dataclasses.replace(SPARSE_CONFIG, dense=DenseBlock(ENCODER, DIM, 1.0))
# The shipped scorer's encoder block, read from the sentence as written (no placeholders, no
# marks): the very words the techniques head encodes, so at run time its vectors come from
# that pass's memo. 5-fold CV by article on the development articles: sentence F1 0.525 ->
# 0.548; held out: 0.527 -> 0.611 (see the model card).
SENTENCE_BLOCK: Final = f"{ENCODER}_sentence"
CONFIG: Final = dataclasses.replace(SPARSE_CONFIG, dense=DenseBlock(SENTENCE_BLOCK, DIM, 1.0))
# How the encoder reads a placeholder: as a name, which its pre-training knows how to read.
ENCODER_NAMES: Final = {"xperson": "Smith", "xorg": "the Company"}
_PLACEHOLDER: Final = re.compile(r"\b(?:xperson|xorg)\b")


def model_text(
    text: str,
    start: int,
    end: int,
    mentions: Iterable[tuple[int, int, str]],
    *,
    frame: bool = False,
    rule: bool = False,
    marks: Sequence[str] = (),
) -> str:
    """The scorer's input for ``text[start:end]``: mentions as placeholders, then the marks
    (``xframe``, ``xrule``, then ``marks``, words of :data:`MARKS`).

    ``mentions`` are (start, end, kind) of the persons and organisations in the sentence;
    overlapping ones after the first are skipped.
    """
    end = min(end, start + MAX_CHARS)
    parts: list[str] = []
    position = start
    for m_start, m_end, kind in sorted(mentions):
        if m_start < position or m_end > end or kind not in PLACEHOLDERS:
            continue
        parts.extend((text[position:m_start], PLACEHOLDERS[kind]))
        position = m_end
    parts.append(text[position:end])
    flags = [m for m, on in ((FRAME_MARK, frame), (RULE_MARK, rule)) if on]
    return " ".join(["".join(parts).strip(), *flags, *marks])


def sentence_type(text: str, start: int, end: int) -> tuple[str, str]:
    """(type, cue word) of a sentence from the lexicon's earliest word; ("other", "") if none."""
    best: tuple[int, int, str, str] | None = None
    for rank, kind in enumerate(ALLEGATION_TYPES):
        pattern = _TYPES.get(kind)
        match = pattern.search(text, start, end) if pattern else None
        if match and (best is None or (match.start(), rank) < best[:2]):
            word_end = match.end()
            while word_end < end and (text[word_end].isalpha() or text[word_end] == "-"):
                word_end += 1
            best = (match.start(), rank, kind, text[match.start() : word_end])
    return (best[2], best[3]) if best else ("other", "")


def encoder_text(text: str) -> str:
    """What the sentence encoder reads of a scorer input: no marks, placeholders as names."""
    words = text.split(" ")
    while words and words[-1] in MARKS:
        words.pop()
    return _PLACEHOLDER.sub(lambda m: ENCODER_NAMES[m.group(0)], " ".join(words))


def encoder_vectors(texts: Sequence[str]) -> FloatArray:
    """The dense features' input for scorer inputs ``texts``, in training as at run time."""
    return sentence_encoder().vectors([encoder_text(t) for t in texts])


@lru_cache(maxsize=1)
def allegation_model() -> TextModel:
    """The shipped scorer, loaded once per process and checked against its model card."""
    return load_model(MODEL_DIR, NAME)


def dense_vectors(
    config: VectoriserConfig, texts: Sequence[str], sentences: Sequence[str] | None
) -> FloatArray | None:
    """The dense block's input for scorer inputs ``texts`` of the ``sentences`` as written:
    none without a block, the sentences' vectors for :data:`SENTENCE_BLOCK`, else the scorer
    inputs' (:func:`encoder_vectors`)."""
    block = config.dense
    if block is None:
        return None
    if block.name == SENTENCE_BLOCK:
        if sentences is None or len(sentences) != len(texts):
            raise ValueError("the sentence block needs each scorer input's sentence")
        return sentence_encoder().vectors(sentences)
    return encoder_vectors(texts)


def probabilities(
    model: TextModel, texts: Sequence[str], sentences: Sequence[str] | None = None
) -> list[float]:
    """The model's P(allegation) of each scorer input (``sentences``: each one's sentence as
    written, which a model with the sentence block reads)."""
    if not texts:
        return []
    vectors = dense_vectors(model.vectoriser.config, texts, sentences)
    return [float(p) for p in model.probabilities(texts, vectors)]
