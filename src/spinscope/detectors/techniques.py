"""Persuasion techniques: spans found by a CRF, each named by a classifier, with its cues.

For every sentence a CRF gives each token the probability of lying inside a persuasion span,
weighed with a sentence classifier's probability that the sentence holds one at all;
runs of likely tokens become character spans (edge punctuation trimmed, small gaps filled).
A classifier then names the technique of each span. Each span gives one ``technique`` finding
labelled with the taxonomy id of its most probable technique (``loaded_language``,
``name_calling``, ...). Its score is

    P(span) x P(technique | span)

where P(span) is the span's mean token probability, Platt-calibrated on out-of-fold spans
against the share of their characters inside gold spans, and P(technique | span) is the
classifier's softmax, temperature-scaled on out-of-fold gold spans. The explanation lists the
classifier's strongest cues for that technique, and the simple rule of
:mod:`spinscope.detectors.technique_rules` that fired on the span, if any.

Rule matches alone become findings only for rules whose same-technique precision on the PTC
training articles reaches :data:`RULE_MIN_PRECISION`; they are recorded in the model, and none
reaches it today, so the rules serve as model features and explanations.

The models are trained by :mod:`spinscope.training.techniques` on the PTC (SemEval-2020 Task 11)
and shipped in ``spinscope/models/techniques`` with their model card.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Final

import numpy as np

from spinscope import taxonomy
from spinscope.components import ComponentSpec, LayerLabels, Products
from spinscope.config import AnalysisConfig
from spinscope.detectors import technique_rules
from spinscope.detectors.technique_artifacts import TechniqueModels, load_models
from spinscope.detectors.technique_encoder import mixed
from spinscope.detectors.technique_model import (
    ArticleIndex,
    FloatArray,
    SpanGuess,
    TokenSeq,
    decode,
    document_index,
    sentence_list,
    si_features,
    token_sequences,
)
from spinscope.document import Document, Span, make_span
from spinscope.records import TechniqueAttrs

NAME: Final = "techniques"
VERSION: Final = "4"  # 2: the span encoder mixed with the CRF; 3: spans snapped to whole words;
# 4: the classifier reads the span network (all-MiniLM-L6-v2 over the span)
DETECTOR: Final = f"{NAME}@{VERSION}"
LAYER: Final = "technique"
MODEL_DIR: Final = Path(__file__).resolve().parent.parent / "models" / NAME
RULE_MIN_PRECISION: Final = 0.5
CUES_SHOWN: Final = 3
# Every taxonomy id with a PTC class: what the classifier (and the rules) may emit.
LABELS: Final = tuple(t.id for t in taxonomy.techniques() if t.ptc_label is not None)
_RULE_WHY: Final = {
    "repetition": "rule: repeated phrase",
    "slogans": "rule: words in capitals",
    "loaded_language": "rule: scare quotes",
    "doubt": "rule: rhetorical question",
}


@lru_cache(maxsize=1)
def technique_models() -> TechniqueModels:
    """The shipped models, read and verified once per process."""
    return load_models(MODEL_DIR)


def with_sentences(document: Document) -> Document:
    """The document itself, or, when it has no sentences yet, a copy with the house splitter's."""
    if document.sentences:
        return document
    return document.evolve(sentences=tuple(sentence_list(document)))


def rule_hits(document: Document) -> list[tuple[int, int, str]]:
    """(start, end, taxonomy id) of every rule match in a document with sentences."""
    return [(s.start, s.end, s.label) for s in technique_rules.detect(document)]


def token_probabilities(models: TechniqueModels, seqs: Sequence[TokenSeq]) -> list[FloatArray]:
    """P(inside a span) of every token of every sentence: the CRF's, mixed with the span
    encoder's when the models have one."""
    crf = [models.tagger.probabilities(si_features(q, models.rates)) for q in seqs]
    if models.encoder is None or not seqs:
        return crf
    encoded = models.encoder.probabilities([q.words for q in seqs])
    return mixed(crf, encoded, models.encoder_weight)


def find_spans(
    models: TechniqueModels, document: Document, *, seqs: Sequence[TokenSeq] | None = None
) -> list[SpanGuess]:
    """The spans the CRF finds in a document (sentences needed; see :func:`with_sentences`),
    its token probabilities weighed with each sentence's P(holds a span) from the gate."""
    if seqs is None:
        seqs = token_sequences(document.text, sentence_list(document))
    decoding = models.decoding
    if models.gate is not None and decoding.gate:
        gates = models.gate.probabilities(document.text, seqs, models.rates)
    else:
        gates = np.ones(len(seqs))
    out: list[SpanGuess] = []
    for seq, probs, gate in zip(seqs, token_probabilities(models, seqs), gates, strict=True):
        out.extend(decode(seq, decoding.gated(probs, float(gate)), decoding))
    return out


def ranked(
    classes: Sequence[str], probabilities: FloatArray, spans: Sequence[tuple[int, int]]
) -> list[list[tuple[str, float]]]:
    """PTC labels of each span, most probable first; the k-th copy of a span repeated k times
    gets its k-th best label first, so that k copies name k distinct techniques."""
    seen: Counter[tuple[int, int]] = Counter()
    out: list[list[tuple[str, float]]] = []
    for row, span in enumerate(spans):
        order = np.argsort(-probabilities[row], kind="stable").tolist()
        k = seen[span] % len(order)
        seen[span] += 1
        order = [order[k], *order[:k], *order[k + 1 :]]
        out.append([(classes[i], float(probabilities[row, i])) for i in order])
    return out


def classify_spans(
    document: Document,
    spans: Sequence[tuple[int, int]],
    *,
    models: TechniqueModels | None = None,
) -> list[list[tuple[str, float]]]:
    """Ranked PTC labels with probabilities for each given span (see :func:`ranked`)."""
    models = models or technique_models()
    document = with_sentences(document)
    index = document_index(document, rule_hits(document))
    if not spans:
        return []
    feats = models.tc.featuriser.features(index, spans)
    return ranked(models.tc.classes, models.tc.probabilities(feats), spans)


class _RuleNotes:
    """The rule matches that overlap a span, found per label by bisection (a scan of every
    match for every span is quadratic), in the order of their first match in ``hits``."""

    def __init__(self, hits: Sequence[tuple[int, int, str]]) -> None:
        self._hits = hits
        by_label: dict[str, list[tuple[int, int, int]]] = {}
        for index, (s, e, label) in enumerate(hits):
            by_label.setdefault(label, []).append((index, s, e))
        self._labels: dict[str, tuple[list[int], list[int], list[int]]] = {}
        self._sorted = True
        for label, rows in by_label.items():
            starts = [s for _, s, _ in rows]
            if starts != sorted(starts):
                self._sorted = False  # not in reading order: fall back to the scan
            reach = list(itertools.accumulate((e for _, _, e in rows), max))
            self._labels[label] = ([i for i, _, _ in rows], starts, reach)

    def why(self, start: int, end: int) -> list[str]:
        if not self._sorted:
            hits = self._hits
            return [_RULE_WHY[label] for s, e, label in hits if s < end and start < e]
        first: list[tuple[int, str]] = []
        for label, (indices, starts, reach) in self._labels.items():
            before = bisect.bisect_left(starts, end)  # the matches that start before ``end``
            at = bisect.bisect_right(reach, start)  # the first whose reach passes ``start``
            if at < before:  # that match ends after ``start`` (its end is the new reach)
                first.append((indices[at], label))
        return [_RULE_WHY[label] for _, label in sorted(first)]


def detect(document: Document, *, models: TechniqueModels | None = None) -> list[Span]:
    """One ``technique`` finding per span the models find, labelled with its technique id."""
    models = models or technique_models()
    document = with_sentences(document)
    hits = rule_hits(document)
    seqs = token_sequences(document.text, document.sentences)
    index: ArticleIndex = document_index(document, hits, seqs=seqs)
    guesses = find_spans(models, document, seqs=seqs)
    findings: list[Span] = []
    if guesses:
        notes = _RuleNotes(hits)
        spans = [(g.start, g.end) for g in guesses]
        feats = models.tc.featuriser.features(index, spans)
        probabilities = models.tc.probabilities(feats)
        for row, guess in enumerate(guesses):
            klass = int(np.argmax(probabilities[row]))
            ptc = models.tc.classes[klass]
            technique = taxonomy.by_label(ptc)
            p_span = models.span_probability(guess.confidence)
            p_label = float(probabilities[row, klass])
            cues = models.tc.cues(feats, row, klass, top=CUES_SHOWN)
            rules = notes.why(guess.start, guess.end)
            parts = [f"{technique.name}: P(span) {p_span:.2f} x P(technique) {p_label:.2f}"]
            if cues:
                parts.append("cues: " + ", ".join(cues))
            parts.extend(dict.fromkeys(r for r in rules if r not in cues))
            findings.append(
                make_span(
                    document,
                    guess.start,
                    guess.end,
                    layer=LAYER,
                    label=technique.id,
                    score=min(1.0, max(0.0, p_span * p_label)),
                    detector=DETECTOR,
                    explanation="; ".join(parts),
                    attrs=TechniqueAttrs(ptc_label=ptc, technique_name=technique.name),
                )
            )
    findings.extend(_rule_findings(document, models, hits, findings))
    return findings


def _rule_findings(
    document: Document,
    models: TechniqueModels,
    hits: Sequence[tuple[int, int, str]],
    found: Sequence[Span],
) -> list[Span]:
    """Rule matches that no model finding covers, for rules precise enough to stand alone."""
    covered: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
    for span in found:
        covered[span.label].append((span.start, span.end))
    out: list[Span] = []
    for start, end, label in hits:
        precision = models.rule_precision.get(label, 0.0)
        if precision < RULE_MIN_PRECISION:
            continue
        if any(s < end and start < e for s, e in covered[label]):
            continue
        technique = taxonomy.by_label(label)
        out.append(
            make_span(
                document,
                start,
                end,
                layer=LAYER,
                label=label,
                score=precision,
                detector=DETECTOR,
                explanation=f"{technique.name}: {_RULE_WHY[label]} (precision {precision:.2f})",
                attrs=TechniqueAttrs(ptc_label=technique.ptc_label, technique_name=technique.name),
            )
        )
    return out


def make_detector(config: AnalysisConfig) -> Callable[[Document, Products], list[Span]]:
    """The pipeline component: loads and verifies the models when the pipeline is built."""
    models = technique_models()

    def run(document: Document, products: Products) -> list[Span]:
        return detect(document, models=models)

    return run


COMPONENT: Final = ComponentSpec(
    name=NAME,
    version=VERSION,
    kind="detector",
    factory=make_detector,
    requires=("doc.sentences",),
    assigns=("findings.technique",),
    layers={
        "technique": LayerLabels(
            {t.id: t.name for t in taxonomy.techniques() if t.ptc_label is not None}
        )
    },
    description="persuasion-technique spans (CRF and encoder) named by a technique classifier",
    title="techniques",
    languages=frozenset({"en"}),
)
