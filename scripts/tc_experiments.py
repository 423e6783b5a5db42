"""Technique classification (TC) alone, cross-validated: gold spans given, no span identification.

``spinscope eval techniques --cv 5`` trains the CRF and a span encoder per fold and takes about
45 minutes; the TC figure it reports comes from the classifier alone, trained per fold on the
other folds' gold spans. This script repeats that part only, with the same folds (article level,
seed 0), the same training code (:func:`spinscope.training.techniques.fit_tc`) and the official
scorer, so that a variant of the classifier is measured in minutes::

    nice -n 10 .venv/bin/python scripts/tc_experiments.py --data ../shared/data/ptc-semeval2020
    nice -n 10 .venv/bin/python scripts/tc_experiments.py --data ... --variant balanced --variant c5

Each variant prints pooled micro- and macro-F1 and the micro-F1 of each fold; ``--json`` writes
them, ``--logits`` keeps the out-of-fold logits. ``shipped`` measures the shipped settings; every
other variant changes one thing against ``previous``, the classifier of 2026-11-25 (see
``VARIANTS``; the model card lists their figures). Some variants replace parts of the featuriser
for the run only (extra hand features, context words, a whole MiniLM vector of the span): what
ships is in :mod:`spinscope.detectors.technique_model`.

``--retrain FOLDER`` refits the classifier of an artefact folder with the shipped settings
(:func:`spinscope.training.technique_tc.retrain_tc`), the span-identification files untouched::

    nice -n 10 .venv/bin/python scripts/tc_experiments.py --data ../shared/data/ptc-semeval2020 \
        --retrain src/spinscope/models/techniques
    .venv/bin/python scripts/model_manifest.py
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import math
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.detectors import technique_model as tm
from spinscope.detectors.technique_encoder import ENCODER_FILE
from spinscope.detectors.techniques import MODEL_DIR
from spinscope.training import techniques as training
from spinscope.training.technique_data import DEFAULT, Prepared, Settings, prepare, read_training
from spinscope.training.technique_tc import retrain_tc, tc_cross_validation, tc_figures, tc_labels

# The classifier of 2026-11-25 (no span vectors): what every variant but "shipped" changes.
BASE = replace(DEFAULT, tc_network=False, tc_vectors=0)
# The classifier of 2026-12-08 (static word-piece vectors of 128 dimensions).
PIECES = replace(BASE, tc_vectors=128)
Hand = Callable[[Any, int, int], list[float]]


@dataclass(frozen=True)
class Variant:
    """A change to the shipped TC training: other settings, extra hand features, other
    context words, other block weights, a post-processing step; and a note for the report."""

    name: str
    note: str
    settings: Settings = BASE
    extra_hand: tuple[str, ...] = ()  # names in EXTRA_HAND
    edges: bool = False  # the words just before and after the span as their own features
    sentence_bigrams: bool = False
    block_weights: tuple[tuple[str, float], ...] = ()
    post: str = ""  # a step of :func:`post_process`, or none
    svm: float = 0.0  # > 0: a linear SVM (one against the rest, this C) in place of the LR
    span_words: tuple[int, int] = (1, 2)  # the span's word n-grams
    span_set: bool = False  # features of the other spans given with a span (same text, overlap)
    embedding: float = 0.0  # > 0: the span's all-MiniLM-L6-v2 vector as a block of this weight
    static: int = 0  # > 0: the mean of static word-piece vectors, this many PCA dimensions


_STEM = re.compile(r"(?:ies|es|s|ed|ing|ly)$")


def _stem(word: str) -> str:
    return _STEM.sub("", word) if len(word) > 4 else word


def _repeat_order(index: Any, start: int, end: int) -> list[float]:
    """Occurrences of the span's words before and after it, first of several, in the title."""
    words = tm._WORD.findall(index.text[start:end].lower())
    if not words:
        return [0.0, 0.0, 0.0, 0.0]
    normal = " " + " ".join(words) + " "
    before = (" " + " ".join(tm._WORD.findall(index.text[:start].lower())) + " ").count(normal)
    after = (" " + " ".join(tm._WORD.findall(index.text[end:].lower())) + " ").count(normal)
    title = " " + " ".join(tm._WORD.findall(index.text[: index.title_end].lower())) + " "
    return [
        math.log1p(before),
        math.log1p(after),
        float(before == 0 and after > 0),
        float(start >= index.title_end and normal in title),
    ]


def _lemma_bag(index: Any, start: int, end: int) -> list[float]:
    """Other sentences holding every content stem of the span; share of its stems found again."""
    stems = {_stem(w) for w in tm._WORD.findall(index.text[start:end].lower())
             if w not in tm._STOP and len(w) > 2}  # fmt: skip
    if not stems:
        return [0.0, 0.0, 0.0]
    at, _, _ = index.sentence_of(start)
    bags = getattr(index, "_bags", None)
    if bags is None:
        bags = [{_stem(w) for w in tm._WORD.findall(index.text[s:e].lower())}
                for s, e in index.sentences]  # fmt: skip
        index._bags = bags
    others = [b for n, b in enumerate(bags) if n != at]
    full = sum(stems <= b for b in others)
    seen = set().union(*others) if others else set()
    return [math.log1p(full), float(full > 0), len(stems & seen) / len(stems)]


BIAS = Path(__file__).resolve().parent.parent.parent / "shared/data/bias-lexicons/src/lexicons"
BIAS_GROUPS = {
    "hedges": ("hedges_hyland2005",),
    "stance": ("factives_hooper1975", "assertives_hooper1975", "implicatives_karttunen1971"),
    "report": ("report_verbs",),
    "positive": ("positive_liu2005",),
    "negative": ("negative_liu2005",),
    "strong_subjective": ("strong_subjectives_riloff2003",),
    "weak_subjective": ("weak_subjectives_riloff2003",),
    "npov": ("npov_lexicon",),
}


@functools.cache
def _bias_lists() -> dict[str, frozenset[str]]:
    """The bias lexicons of ../shared, read at training time only (never copied)."""
    out: dict[str, frozenset[str]] = {}
    for group, names in BIAS_GROUPS.items():
        words: set[str] = set()
        for name in names:
            for line in (BIAS / f"{name}.txt").read_bytes().decode("utf-8", "replace").splitlines():
                line = line.strip().lower()
                if line and not line.startswith(("#", ";")):
                    words.add(line)
        out[group] = frozenset(words)
    return out


def _bias(index: Any, start: int, end: int) -> list[float]:
    """Per bias lexicon: the share of the span's words in it, and whether its sentence has one."""
    words = tm._WORD.findall(index.text[start:end].lower())
    _, s, e = index.sentence_of(start)
    sentence = set(tm._WORD.findall(index.text[s:e].lower()))
    out: list[float] = []
    for group in _bias_lists().values():
        out.append(sum(w in group for w in words) / max(1, len(words)))
        out.append(float(bool(sentence & group)))
    return out


def _project(index: Any, start: int, end: int) -> list[float]:
    """The project's own lists: evaluative modifiers, reporting verbs, hedges, anonymity."""
    from spinscope.detectors import lexicons

    span = index.text[start:end]
    words = set(tm._WORD.findall(span.lower()))
    _, s, e = index.sentence_of(start)
    sentence = index.text[s:e]
    return [
        float(bool(words & lexicons.EVALUATIVE)),
        float(bool(words & lexicons.REPORTING_VERBS)),
        float(bool(lexicons.HEDGED.search(sentence))),
        float(bool(lexicons.ANONYMOUS.search(sentence))),
        float(bool(lexicons.MORE_HEDGES.search(span))),
    ]


POS_KINDS = ("NOUN", "PROPN", "ADJ", "VERB", "ADV", "PRON", "DET", "NUM")
ENT_KINDS = ("PERSON", "ORG", "NORP", "GPE")
_TAGGED: dict[str, tuple[Any, Any, Any, list[str]]] = {}


def _tagged(index: Any) -> tuple[Any, Any, Any, list[str]]:
    """(token starts, token ends, entity kind per token, coarse POS per token) of an article,
    from spaCy's en_core_web_sm (tagger and recogniser), computed once per text."""
    found = _TAGGED.get(index.text)
    if found is None:
        nlp = _spacy()
        starts: list[int] = []
        ends: list[int] = []
        ents: list[str] = []
        pos: list[str] = []
        pieces = [index.text[s:e] for s, e in index.sentences]
        for (s, _), doc in zip(index.sentences, nlp.pipe(pieces, batch_size=64), strict=True):
            for token in doc:
                starts.append(s + token.idx)
                ends.append(s + token.idx + len(token.text))
                ents.append(token.ent_type_)
                pos.append(token.pos_)
        found = _TAGGED[index.text] = (np.asarray(starts), np.asarray(ends), ents, pos)
    return found


@functools.cache
def _spacy() -> Any:
    import spacy

    from spinscope.nlp import model_path

    return spacy.load(model_path(), exclude=["parser", "lemmatizer"])


def _pos(index: Any, start: int, end: int) -> list[float]:
    """Shares of coarse parts of speech in the span, those of its first and last token."""
    starts, ends, _, pos = _tagged(index)
    inside = np.flatnonzero((starts >= start) & (ends <= end)).tolist()
    tags = [pos[i] for i in inside if pos[i] != "PUNCT"] or ["X"]
    return [
        *(sum(t == kind for t in tags) / len(tags) for kind in POS_KINDS),
        *(float(tags[0] == kind) for kind in POS_KINDS),
        *(float(tags[-1] == kind) for kind in POS_KINDS),
    ]


def _entities(index: Any, start: int, end: int) -> list[float]:
    """Whether the span holds (and its sentence holds) a person, organisation, group, place."""
    starts, ends, ents, _ = _tagged(index)
    inside = np.flatnonzero((starts >= start) & (ends <= end)).tolist()
    kinds = {ents[i] for i in inside}
    _, s, e = index.sentence_of(start)
    around = np.flatnonzero((starts >= s) & (ends <= e)).tolist()
    near = {ents[i] for i in around}
    return [float(k in kinds) for k in ENT_KINDS] + [float(k in near) for k in ENT_KINDS]


EXTRA_HAND: dict[str, tuple[tuple[str, ...], Hand]] = {
    "repeat_order": (("log_before", "log_after", "first_of_several", "also_in_title"),
                     _repeat_order),
    "lemma_bag": (("log_bag_sentences", "bag_repeated", "stems_seen"), _lemma_bag),
    "pos": (tuple(f"pos_{w}_{k}" for w in ("share", "first", "last") for k in POS_KINDS), _pos),
    "entities": (tuple(f"ent_{w}_{k}" for w in ("span", "sentence") for k in ENT_KINDS),
                 _entities),
    "bias": (tuple(f"{g}_{w}" for g in BIAS_GROUPS for w in ("share", "sentence")), _bias),
    "project": (("evaluative", "reporting", "hedged", "anonymous", "more_hedges"), _project),
}  # fmt: skip


def _edges_context(index: Any, start: int, end: int) -> tuple[str, str]:
    sentence, tags = _CONTEXT(index, start, end)
    _, s, e = index.sentence_of(start)
    left = tm.TOKEN.findall(index.text, max(s, start - 40), start)[-1:]
    right = tm.TOKEN.findall(index.text, end, min(e, end + 40))[:1]
    edge = [f"L1_{w.lower()}" for w in left] + [f"R1_{w.lower()}" for w in right]
    return sentence, " ".join([tags, *edge]).strip()


_CONTEXT = tm.context_texts
_HAND = tm.hand_features


@contextlib.contextmanager
def patched(variant: Variant) -> Iterator[None]:
    """The featuriser of ``variant`` in place of the shipped one, for the block's duration."""
    saved = (tm.HAND, tm.hand_features, tm.context_texts, training.context_texts,
             training.SENTENCE_CONFIG, dict(tm.BLOCK_WEIGHTS))  # fmt: skip
    extras = [EXTRA_HAND[name] for name in variant.extra_hand]
    if extras:
        tm.HAND = (*saved[0], *((n, "") for names, _ in extras for n in names))

        def hand(index: Any, start: int, end: int) -> list[float]:
            out = _HAND(index, start, end)
            for _, function in extras:
                out += function(index, start, end)
            return out

        tm.hand_features = hand
    if variant.edges:
        tm.context_texts = training.context_texts = _edges_context
    if variant.sentence_bigrams:
        training.SENTENCE_CONFIG = replace(tm.SENTENCE_CONFIG, word_ngrams=(1, 2))
    tm.BLOCK_WEIGHTS.update(dict(variant.block_weights))
    training.SPAN_CONFIG = replace(tm.SPAN_CONFIG, word_ngrams=variant.span_words)
    features = tm.TCFeaturiser.features
    if variant.span_set:
        tm.HAND = (*tm.HAND, *((n, "") for n in SPAN_SET))

        def with_set(self: Any, index: Any, spans: Sequence[tuple[int, int]]) -> Any:
            full = tm.HAND
            tm.HAND = full[: len(full) - len(SPAN_SET)]
            try:
                feats = features(self, index, spans)
            finally:
                tm.HAND = full
            hand = np.hstack([feats.hand, _span_set(index, spans)])
            return tm.TCFeatures(feats.columns, feats.values, hand)

        tm.TCFeaturiser.features = with_set  # type: ignore[method-assign]
    import sklearn.linear_model

    logistic = sklearn.linear_model.LogisticRegression
    if variant.svm:
        from sklearn.svm import LinearSVC

        def svm(**kw: Any) -> Any:
            return LinearSVC(
                C=variant.svm, class_weight=kw["class_weight"], random_state=kw["random_state"]
            )

        sklearn.linear_model.LogisticRegression = svm
    init = tm.TCFeaturiser.__init__
    if variant.embedding or variant.static:
        weight = variant.embedding or 1.0
        dims = variant.static or 384
        inner = tm.TCFeaturiser.features

        def init_more(self: Any, *args: Any) -> None:
            init(self, *args)
            self.vector_offset = self.n_sparse
            self.n_sparse += dims

        def with_vectors(self: Any, index: Any, spans: Sequence[tuple[int, int]]) -> Any:
            feats = inner(self, index, spans)
            texts = [index.text[s:e] for s, e in spans]
            vectors = (
                _static_vectors(texts, dims) if variant.static else _span_vectors(texts)
            ) * weight
            cols = np.arange(dims) + self.vector_offset
            return tm.TCFeatures(
                [np.concatenate([c, cols]) for c in feats.columns],
                [np.concatenate([v, vectors[row]]) for row, v in enumerate(feats.values)],
                feats.hand,
            )

        tm.TCFeaturiser.__init__ = init_more  # type: ignore[method-assign]
        tm.TCFeaturiser.features = with_vectors  # type: ignore[method-assign]
    try:
        yield
    finally:
        tm.TCFeaturiser.__init__ = init  # type: ignore[method-assign]
        sklearn.linear_model.LogisticRegression = logistic
        tm.TCFeaturiser.features = features  # type: ignore[method-assign]
        training.SPAN_CONFIG = tm.SPAN_CONFIG
        (tm.HAND, tm.hand_features, tm.context_texts, training.context_texts,
         training.SENTENCE_CONFIG) = saved[:5]  # fmt: skip
        tm.BLOCK_WEIGHTS.update(saved[5])


SPAN_SET = ("log_same_text", "given_twice", "log_overlapping", "inside_another", "holds_another")


def _span_set(index: Any, spans: Sequence[tuple[int, int]]) -> Any:
    """Per span, what the other spans of the same call say about it: how many have its words
    at other offsets, whether it is given twice, how many overlap it, nesting."""
    words = [" ".join(tm._WORD.findall(index.text[s:e].lower())) for s, e in spans]
    texts = Counter(words)
    places = Counter(spans)
    out = np.zeros((len(spans), len(SPAN_SET)))
    for row, ((s, e), w) in enumerate(zip(spans, words, strict=True)):
        others = [(s2, e2) for s2, e2 in places if (s2, e2) != (s, e) and s2 < e and s < e2]
        out[row] = [
            math.log1p(texts[w] - places[(s, e)]),
            float(places[(s, e)] > 1),
            math.log1p(len(others)),
            float(any(s2 <= s and e <= e2 for s2, e2 in others)),
            float(any(s <= s2 and e2 <= e for s2, e2 in others)),
        ]
    return out


_VECTORS: dict[str, Any] = {}


def _span_vectors(texts: Sequence[str]) -> Any:
    """all-MiniLM-L6-v2 sentence vectors (numpy, :mod:`spinscope.corpus.minilm`), cached."""
    missing = [t for t in dict.fromkeys(texts) if t not in _VECTORS]
    if missing:
        _VECTORS.update(zip(missing, _minilm()(missing), strict=True))
    return np.vstack([_VECTORS[t] for t in texts])


STATIC = Path(tempfile.gettempdir()) / "spinscope-static-minilm.npy"  # a cache


@functools.cache
def _static_table(dims: int) -> Any:
    """Each word piece's all-MiniLM-L6-v2 vector, computed alone ([CLS] piece [SEP], mean of
    the last layer, as for a text), reduced to ``dims`` principal components, unit length."""
    if STATIC.is_file():
        table = np.load(STATIC)
    else:
        model = _minilm()
        n = model._w["embeddings.word_embeddings.weight"].shape[0]
        table = np.zeros((n, 384), dtype=np.float32)
        for start in range(0, n, 512):
            ids = np.arange(start, min(n, start + 512))
            batch = np.stack([np.full(len(ids), 101), ids, np.full(len(ids), 102)], axis=1)
            table[ids] = model._forward(batch.astype(np.int64), np.ones(batch.shape, np.float32))
        np.save(STATIC, table)
    if dims < 384:
        centred = table - table.mean(axis=0)
        _, _, vt = np.linalg.svd(centred[::3], full_matrices=False)
        table = centred @ vt[:dims].T
    return table / np.maximum(np.linalg.norm(table, axis=1, keepdims=True), 1e-9)


def _static_vectors(texts: Sequence[str], dims: int) -> Any:
    """The mean of the static vectors of each text's word pieces, unit length."""
    table = _static_table(dims)
    tokenizer = _minilm()._tokenizer
    out = np.zeros((len(texts), table.shape[1]))
    for row, encoding in enumerate(tokenizer.encode_batch(list(texts))):
        ids = [i for i in encoding.ids if i not in (101, 102)]
        if ids:
            v = table[ids].mean(axis=0)
            out[row] = v / max(float(np.linalg.norm(v)), 1e-9)
    return out


@functools.cache
def _minilm() -> Any:
    from spinscope.corpus import minilm

    return minilm.MiniLM(minilm.package_folder())


def _v(name: str, note: str, **changes: Any) -> Variant:
    return Variant(name, note, **changes)


VARIANTS: dict[str, Variant] = {
    v.name: v
    for v in (
        _v("shipped", "the shipped settings (the span network)", settings=DEFAULT),
        _v("network_w1.5", "the span network at weight 1.5",
           settings=replace(DEFAULT, tc_vector_weight=1.5)),
        _v("network_c5", "the span network with C=5", settings=replace(DEFAULT, tc_c=5.0)),
        _v("network_c20", "the span network with C=20", settings=replace(DEFAULT, tc_c=20.0)),
        _v("previous", "the classifier of 2026-11-25 (no word-piece vectors)"),
        _v("c3", "C=3", settings=replace(BASE, tc_c=3.0)),
        _v("c5", "C=5", settings=replace(BASE, tc_c=5.0)),
        _v("c20", "C=20", settings=replace(BASE, tc_c=20.0)),
        _v("c40", "C=40", settings=replace(BASE, tc_c=40.0)),
        _v("balanced", "class weights n/(k n_c)",
           settings=replace(BASE, tc_class_weight="balanced")),
        _v("sqrt_balanced", "class weights sqrt(n/(k n_c))",
           settings=replace(BASE, tc_class_weight="sqrt_balanced")),
        _v("repeat_order", "occurrences of the span before and after it, first of several, "
           "also in the title", extra_hand=("repeat_order",)),
        _v("lemma_bag", "other sentences holding all the span's content stems",
           extra_hand=("lemma_bag",)),
        _v("bias_lexicons", "bias lexicons of ../shared: share of span words, sentence has one",
           extra_hand=("bias",)),
        _v("project_lexicons", "the project's evaluative, reporting, hedge, anonymity lists",
           extra_hand=("project",)),
        _v("pos", "parts of speech of the span (spaCy tagger)", extra_hand=("pos",)),
        _v("entities", "named entities in the span and its sentence (spaCy recogniser)",
           extra_hand=("entities",)),
        _v("pos_entities", "both", extra_hand=("pos", "entities")),
        _v("span_set", "the other given spans: same words elsewhere, given twice, overlaps",
           span_set=True),
        _v("minilm1", "the span's all-MiniLM-L6-v2 vector (weight 1)", embedding=1.0),
        _v("minilm0.5", "the span's all-MiniLM-L6-v2 vector (weight 0.5)", embedding=0.5),
        _v("static384", "mean of static MiniLM word-piece vectors (384)", static=384),
        _v("static64", "mean of static MiniLM word-piece vectors (64 PCA dims)", static=64),
        _v("static128", "mean of static MiniLM word-piece vectors (128 PCA dims)", static=128),
        _v("vectors64", "the span's mean word-piece vector, 64 dims (the library's code)",
           settings=replace(BASE, tc_vectors=64)),
        _v("vectors128", "the span's mean word-piece vector, 128 dims (the library's code)",
           settings=replace(BASE, tc_vectors=128)),
        _v("pieces_c5", "word-piece vectors (128) with C=5", settings=replace(PIECES, tc_c=5.0)),
        _v("pieces_c20", "word-piece vectors (128) with C=20", settings=replace(PIECES, tc_c=20.0)),
        _v("vectors64_w2", "the span's mean word-piece vector, 64 dims, weight 2",
           settings=replace(BASE, tc_vectors=64, tc_vector_weight=2.0)),
        _v("edges", "the words just before and after the span (L1_, R1_)", edges=True),
        _v("sentence_bigrams", "the sentence's word bigrams too", sentence_bigrams=True),
        _v("hand1", "hand features at weight 1 (0.3 shipped)", block_weights=(("hand", 1.0),)),
        _v("hand0.15", "hand features at weight 0.15", block_weights=(("hand", 0.15),)),
        _v("sentence0.3", "sentence words at weight 0.3 (0.5 shipped)",
           block_weights=(("sentence", 0.3),)),
        _v("sentence0.8", "sentence words at weight 0.8", block_weights=(("sentence", 0.8),)),
        _v("neighbours0.8", "neighbour words at weight 0.8 (0.5 shipped)",
           block_weights=(("neighbours", 0.8),)),
        _v("svm_0.1", "linear SVM, C=0.1", svm=0.1),
        _v("svm_0.3", "linear SVM, C=0.3", svm=0.3),
        _v("svm_1", "linear SVM, C=1", svm=1.0),
        _v("span_trigrams", "the span's word 1-3-grams", span_words=(1, 3)),
        _v("offsets", "per-technique logit offsets chosen on the other folds (accuracy)",
           post="offsets"),
        _v("repeat_post", "Repetition when repeated and second most probable",
           post="repetition_second"),
        _v("repeat_given1", "Repetition when second most probable and another given span has "
           "its words", post="repetition_given_1"),
        _v("repeat_given3", "Repetition when second most probable and 3 other given spans "
           "have its words", post="repetition_given_3"),
    )
}  # fmt: skip


def post_process(name: str, prepared: Prepared, classes: Sequence[str], logits: Any) -> Any:
    """Logits after the post-processing step ``name`` (see :data:`VARIANTS`)."""
    if not name:
        return logits
    out = np.array(logits)
    rep = list(classes).index("Repetition")
    at = tm.HAND_NAMES.index("repeated")
    spans = [(s, e) for s, e, _ in prepared.tc_spans]
    same = _span_set(prepared.index, spans)[:, 0] if spans else np.zeros(0)
    for row, (s, e) in enumerate(spans):
        if name == "repetition_second":  # repeated in the article
            moved = _HAND(prepared.index, s, e)[at] > 0
        else:  # repetition_given_N: at least N other given spans have its words
            moved = math.expm1(same[row]) >= int(name.rsplit("_", 1)[1]) - 0.5
        order = np.argsort(-out[row])
        if moved and order[1] == rep:
            out[row, rep] = out[row, order[0]] + 1e-6
    return out


GRID = np.round(np.arange(-2.0, 2.0001, 0.1), 2)  # the offsets tried per technique
ROUNDS = 3


def fit_offsets(logits: Any, labels: Any) -> Any:
    """Offsets (one per column) that maximise the share of rows whose top column is their label:
    each round tries every value of :data:`GRID` for each column in turn, the others fixed, and
    keeps one only when more rows are right (all zero when nothing helps)."""
    offsets = np.zeros(logits.shape[1])
    if not len(labels):
        return offsets

    def hits(trial: Any) -> int:
        return int(((logits + trial).argmax(axis=1) == labels).sum())

    best = hits(offsets)
    for _ in range(ROUNDS):
        for column in range(logits.shape[1]):
            for value in GRID:  # a value replaces the current one only when strictly better
                trial = offsets.copy()
                trial[column] = value
                score = hits(trial)
                if score > best:
                    best, offsets = score, trial
    return offsets


def pooled_offsets(logits: Mapping[str, Any], labels: Mapping[str, Sequence[int]]) -> Any:
    """:func:`fit_offsets` on the rows of every article at once (those of the shipped model)."""
    rows = [a for a in logits if len(labels[a])]
    if not rows:
        return np.zeros(0)
    return fit_offsets(
        np.vstack([logits[a] for a in rows]),
        np.concatenate([np.asarray(labels[a], dtype=np.int64) for a in rows]),
    )


def nested_offsets(
    logits: Mapping[str, Any],
    labels: Mapping[str, Sequence[int]],
    fold_of: Mapping[str, int],
) -> dict[str, Any]:
    """Each article's logits plus the offsets fitted on the articles of the other folds."""
    out: dict[str, Any] = {}
    for fold in sorted(set(fold_of.values())):
        offsets = pooled_offsets({a: z for a, z in logits.items() if fold_of[a] != fold}, labels)
        for a in logits:
            if fold_of[a] == fold:
                out[a] = logits[a] + offsets if len(offsets) else logits[a]
    return out


def run_variant(
    prepared: Sequence[Prepared],
    variant: Variant,
    *,
    k: int,
    seed: int,
    logits: Path | None = None,
    encoder: Path | None = None,
) -> dict[str, Any]:
    """Pooled and per-fold TC figures of one variant (models trained on the other folds); the
    span network, when the variant uses it, on ``encoder``'s word embeddings."""
    started = time.perf_counter()
    with patched(variant):
        figures, oof = tc_cross_validation(
            prepared, k=k, seed=seed, settings=variant.settings, encoder=encoder
        )
    if logits is not None:  # the out-of-fold logits, to combine variants afterwards
        logits.mkdir(parents=True, exist_ok=True)
        np.savez(logits / f"{variant.name}.npz", **oof.logits)
    if variant.post == "offsets":
        oof.logits = nested_offsets(oof.logits, tc_labels(prepared, oof), oof.fold_of)
        figures = tc_figures(prepared, oof, k)
    elif variant.post:
        for p in prepared:
            oof.logits[p.article_id] = post_process(
                variant.post, p, oof.classes, oof.logits[p.article_id]
            )
        figures = tc_figures(prepared, oof, k)
    return {
        "variant": variant.name,
        "note": variant.note,
        "tc_micro_f1": figures["tc_micro_f1"],
        "tc_macro_f1": figures["tc_macro_f1"],
        "folds": list(figures["folds"].values()),
        "per_technique_f1": {t: r["f1"] for t, r in figures["per_technique"].items()},
        "seconds": round(time.perf_counter() - started, 1),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the PTC folder")
    parser.add_argument("--variant", action="append", choices=sorted(VARIANTS), default=[])
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit", type=int, help="the first N articles only (a smoke test)")
    parser.add_argument(
        "--retrain",
        type=Path,
        help="refit the classifier in this artefact folder with the shipped settings",
    )
    parser.add_argument("--logits", type=Path, help="save each variant's out-of-fold logits here")
    parser.add_argument(
        "--encoder",
        type=Path,
        default=MODEL_DIR / ENCODER_FILE,
        help="the span encoder whose word embeddings the span network reads (the shipped one)",
    )
    parser.add_argument("--json", type=Path, help="append each variant's figures (JSON lines)")
    args = parser.parse_args(argv)
    if args.retrain is not None:
        result = retrain_tc(args.data, args.retrain, seed=args.seed)
        sys.stdout.write(json.dumps(result, indent=1) + "\n")
        return 0
    prepared = [prepare(a) for a in read_training(args.data)[: args.limit]]
    for name in args.variant or ["shipped"]:
        result = run_variant(
            prepared,
            VARIANTS[name],
            k=args.k,
            seed=args.seed,
            logits=args.logits,
            encoder=args.encoder,
        )
        line = json.dumps(result)
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
        if args.json is not None:
            with args.json.open("a", encoding="utf-8") as handle:
                handle.write(line + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
