"""Check-worthiness: how likely each sentence is a factual claim worth checking.

Every sentence of running text (title, headings, paragraphs, captions) gets one ``claim``
finding: labelled ``checkworthy`` when its score reaches the threshold chosen in training, else
``not_checkworthy`` (kept so that its score stays available; reports count the two apart). The
score is the calibrated probability that a fact-checker would want to check the sentence, from a
linear model over word and character n-grams, hand-made cues (numbers, percentages, dates,
comparisons, voting records, names; opinions and questions push the other way) and the
sentence's vector from the techniques' span encoder (the same pass of the network, shared through
:mod:`spinscope.detectors.sentence_encoder`). The model is
trained by :mod:`spinscope.training.checkworthiness` and shipped in
``spinscope/models/checkworthiness`` with its model card. The ``checkworthy`` attribute says
the same as the label.

A score is about whether a sentence is worth checking, never about whether it is true.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Final

from spinscope.components import ComponentSpec, LayerLabels, Products, labels_of
from spinscope.config import AnalysisConfig
from spinscope.detectors.sentence_encoder import sentence_encoder
from spinscope.document import Document, Span, make_span
from spinscope.records import ClaimAttrs
from spinscope.textmodel import Contribution, TextModel, load_model
from spinscope.vocabulary import part_kind

NAME: Final = "claims"
VERSION: Final = "3"
DETECTOR: Final = f"{NAME}@{VERSION}"
LAYER: Final = "claim"
LABEL: Final = "checkworthy"
REJECTED: Final = "not_checkworthy"  # below the threshold: kept for its score
MODEL: Final = "checkworthiness"
MODEL_DIR: Final = Path(__file__).resolve().parent.parent / "models" / MODEL
# Parts whose sentences are the article's own running text; sources, disclaimers, boilerplate,
# datelines and bylines are not claims.
CUES_SHOWN: Final = 3
_STOPWORDS: Final = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "your",
        "my",
        "me",
        "him",
        "them",
        "us",
        "not",
        "no",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "so",
        "than",
        "there",
        "here",
        "which",
        "who",
        "what",
        "when",
    ]
)


@lru_cache(maxsize=1)
def checkworthiness_model() -> TextModel:
    """The shipped model, read and verified once per process."""
    return load_model(MODEL_DIR, MODEL)


def _readable(contribution: Contribution) -> bool:
    if contribution.kind == "cue":
        return bool(contribution.surface)
    if contribution.kind != "word":
        return False
    return any(len(t) > 2 and t not in _STOPWORDS for t in contribution.name.split())


def explain(contributions: Sequence[Contribution], *, limit: int = CUES_SHOWN) -> str:
    """'cues: number '3.5%', 'voted', comparison 'more than'' from the strongest positive cues."""
    shown: list[str] = []
    seen: list[str] = []
    for item in contributions:
        if item.weight <= 0 or len(shown) >= limit:
            break
        if not _readable(item):
            continue
        surface = item.surface.lower()
        if any(surface in other or other in surface for other in seen):
            continue
        seen.append(surface)
        quoted = f"'{item.surface}'"
        shown.append(f"{item.label} {quoted}" if item.kind == "cue" else quoted)
    return "cues: " + ", ".join(shown) if shown else "no cue of a checkable claim"


def running_sentences(document: Document) -> list[tuple[int, int]]:
    """The sentences of claim-bearing parts (all of them when there are no parts)."""
    return [
        (start, end)
        for start, end, kind in document.sentence_kinds()
        if part_kind(kind).claim_bearing
    ]


def detect(document: Document, model: TextModel | None = None) -> list[Span]:
    """One ``claim`` finding per running-text sentence, scored P(check-worthy): labelled
    ``checkworthy`` at or above the model's threshold, ``not_checkworthy`` below it."""
    model = model or checkworthiness_model()
    findings = []
    sentences = running_sentences(document)
    texts = [document.text[start:end] for start, end in sentences]
    vectors = (
        sentence_encoder().vectors(texts)
        if model.vectoriser.config.dense is not None and texts
        else None
    )
    for number, (start, end) in enumerate(sentences):
        vector = vectors[number] if vectors is not None else None
        probability, contributions = model.explain(texts[number], top=12, vector=vector)
        score = round(min(1.0, max(0.0, probability)), 4)
        accepted = score >= model.threshold
        findings.append(
            make_span(
                document,
                start,
                end,
                layer=LAYER,
                label=LABEL if accepted else REJECTED,
                score=score,
                detector=DETECTOR,
                explanation=f"P(check-worthy) {score:.2f}; {explain(contributions)}",
                attrs=ClaimAttrs(checkworthy=accepted),
            )
        )
    return findings


def make_detector(config: AnalysisConfig) -> Callable[[Document, Products], list[Span]]:
    """The pipeline component: loads and verifies the model when the pipeline is built."""
    model = checkworthiness_model()

    def run(document: Document, products: Products) -> list[Span]:
        return detect(document, model)

    return run


COMPONENT: Final = ComponentSpec(
    name=NAME,
    version=VERSION,
    kind="detector",
    factory=make_detector,
    requires=("doc.sentences",),
    assigns=("findings.claim",),
    layers={
        LAYER: LayerLabels(
            labels_of((LABEL, REJECTED), {LABEL: "Check-worthy", REJECTED: "Not check-worthy"})
        )
    },
    description="check-worthiness of every claim-bearing sentence (trained linear model)",
    title="check-worthiness",
    languages=frozenset({"en"}),
)
