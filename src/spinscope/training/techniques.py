"""Training, cross-validating and scoring the persuasion-technique detector on the PTC.

Data are the Propaganda Techniques Corpus in its SemEval-2020 Task 11 layout: a folder with
``train-articles/article<ID>.txt`` and ``train-task-flc-tc.labels``. Training fits the SI CRF
(python-crfsuite), the span encoder (:mod:`spinscope.training.span_encoder`, whose probabilities
are mixed with the CRF's) and the TC logistic regression (scikit-learn) on every training
article, and before that runs an article-level k-fold cross-validation on the same articles whose
out-of-fold predictions choose the SI decoding, calibrate the span probability (Platt) and the
technique probabilities (a temperature), and give the figures of the model card. The run time
needs neither scikit-learn nor the data: see :mod:`spinscope.detectors.technique_model`.

* :func:`train` writes the artefacts and ``MODEL_CARD.md``;
* :func:`cross_validate` gives the k-fold figures (the same code as the card's);
* :func:`evaluate` scores the shipped models on a labelled split, or writes predictions for a
  template, with the official scorers of :mod:`spinscope.training.scorers`.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

import numpy as np

from spinscope.detectors import techniques as detector
from spinscope.detectors.technique_artifacts import load_models
from spinscope.detectors.technique_encoder import ENCODER_FILE, mixed
from spinscope.detectors.technique_model import (
    CRF_FILE,
    GATE_CONFIG,
    HAND,
    INSIDE,
    NEIGHBOUR_CONFIG,
    SENTENCE_CONFIG,
    SPAN_CONFIG,
    Decoding,
    FloatArray,
    SentenceGate,
    SpanGuess,
    Tagger,
    TCFeaturiser,
    TCModel,
    WordRates,
    context_texts,
    decode,
    gate_dense,
    si_features,
)
from spinscope.detectors.technique_vectors import PieceVectors, SpanVectors
from spinscope.errors import InputError
from spinscope.taxonomy import by_label
from spinscope.textmodel import Analyser, Vectoriser, VectoriserConfig, smooth_idf
from spinscope.training.datasets import ptc_folds, read_ptc
from spinscope.training.scorers import si_score, tc_score, write_si, write_tc
from spinscope.training.technique_data import (
    CV_COMMAND,
    DEFAULT,
    Prepared,
    Settings,
    prepare,
    read_training,
)

# --- span identification ---------------------------------------------------------------------


def word_rates(prepared: Iterable[Prepared], *, min_count: int) -> WordRates:
    """Smoothed share of each lower-case word's occurrences inside a span (seen min_count+)."""
    seen: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    for p in prepared:
        for seq, tags in zip(p.seqs, p.tags, strict=True):
            for word, tag in zip(seq.words, tags, strict=True):
                low = word.lower()
                seen[low] += 1
                inside[low] += tag == INSIDE
    prior = sum(inside.values()) / max(1, sum(seen.values()))
    rates = {
        w: round((inside[w] + 5 * prior) / (n + 5), 5) for w, n in seen.items() if n >= min_count
    }
    return WordRates(rates, round(prior, 5))


def fit_crf(prepared: Sequence[Prepared], path: Path, settings: Settings) -> WordRates:
    """Train the CRF into ``path``; returns the word rates its features use."""
    import pycrfsuite  # type: ignore[import-untyped, unused-ignore]

    rates = word_rates(prepared, min_count=settings.rate_min_count)
    trainer = pycrfsuite.Trainer(verbose=False)
    for p in prepared:
        for seq, tags in zip(p.seqs, p.tags, strict=True):
            trainer.append(si_features(seq, rates), tags)
    trainer.set_params(
        {
            "c1": settings.crf_c1,
            "c2": settings.crf_c2,
            "max_iterations": settings.crf_iterations,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(path))
    return rates


def fit_gate(
    prepared: Sequence[Prepared], rates: WordRates, settings: Settings, *, seed: int
) -> SentenceGate:
    """The sentence gate: P(a sentence holds a span) from its n-grams and word rates."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    texts: list[str] = []
    labels: list[int] = []
    dense_rows: list[list[float]] = []
    for p in prepared:
        for seq, tags in zip(p.seqs, p.tags, strict=True):
            texts.append(p.document.text[seq.start : seq.end])
            labels.append(int(INSIDE in tags))
            dense_rows.append(gate_dense(seq, rates))
    if len(set(labels)) < 2:
        raise InputError("E501", source="training labels", line=0, detail="no sentence contrast")
    vectoriser = _vectoriser(
        GATE_CONFIG,
        texts,
        word_min_df=settings.gate_word_min_df,
        char_min_df=1,  # GATE_CONFIG has no character block
        settings=settings,
        limits=(settings.gate_max_word_terms, 0),
    )
    rows = [vectoriser.row(t) for t in texts]
    indptr = np.cumsum([0, *(len(c) for c, _ in rows)])
    sparse = csr_matrix(
        (
            np.concatenate([v for _, v in rows]),
            np.concatenate([c for c, _ in rows]),
            indptr,
        ),
        shape=(len(rows), vectoriser.n_features),
    )
    dense = np.asarray(dense_rows, dtype=np.float64)
    mean = dense.mean(axis=0).astype(np.float32).astype(np.float64)
    scale = dense.std(axis=0).astype(np.float32).astype(np.float64)
    scale[scale < 1e-6] = 1.0
    matrix = hstack([sparse, csr_matrix((dense - mean) / scale)]).tocsr()
    model = LogisticRegression(C=settings.gate_c, max_iter=2000, random_state=seed)
    model.fit(matrix, np.asarray(labels))
    coef = model.coef_[0].astype(np.float32).astype(np.float64)
    intercept = float(np.float32(model.intercept_[0]))
    return SentenceGate(vectoriser, coef, intercept, mean, scale)


# --- technique classification ----------------------------------------------------------------


def _vocabulary(
    documents: Iterable[list[str]], *, min_df: int, limit: int
) -> tuple[list[str], FloatArray]:
    df: Counter[str] = Counter()
    n = 0
    for terms in documents:
        df.update(set(terms))
        n += 1
    kept = sorted((t for t, c in df.items() if c >= min_df), key=lambda t: (-df[t], t))[:limit]
    kept.sort()
    idf = smooth_idf(np.asarray([df[t] for t in kept]), n).astype(np.float32)
    return kept, idf.astype(np.float64)


def _vectoriser(
    config: VectoriserConfig, texts: Sequence[str], *, word_min_df: int, char_min_df: int,
    settings: Settings, limits: tuple[int, int] | None = None,
) -> Vectoriser:  # fmt: skip
    analyser = Analyser(config)
    word_limit, char_limit = limits or (settings.max_word_terms, settings.max_char_terms)
    words, word_idf = _vocabulary(
        (analyser.word_terms(t) for t in texts), min_df=word_min_df, limit=word_limit
    )
    chars, char_idf = _vocabulary(
        (analyser.char_terms(t) for t in texts), min_df=char_min_df, limit=char_limit
    )
    return Vectoriser(
        config, word_vocab=words, char_vocab=chars, word_idf=word_idf, char_idf=char_idf
    )


def _tc_rows(prepared: Sequence[Prepared]) -> tuple[list[tuple[Prepared, int, int]], list[str]]:
    rows = [(p, s, e) for p in prepared for s, e, _ in p.tc_spans]
    return rows, [t for p in prepared for _, _, t in p.tc_spans]


def tc_matrix(model_or_featuriser: TCFeaturiser, prepared: Sequence[Prepared]) -> Any:
    """(CSR matrix of the sparse blocks, raw hand features) of every gold TC row, in order."""
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped, unused-ignore]

    columns: list[Any] = []
    values: list[Any] = []
    hands: list[FloatArray] = []
    for p in prepared:
        spans = [(s, e) for s, e, _ in p.tc_spans]
        if not spans:
            continue
        feats = model_or_featuriser.features(p.index, spans)
        columns += feats.columns
        values += feats.values
        hands.append(feats.hand)
    indptr = np.cumsum([0, *(len(c) for c in columns)])
    sparse = csr_matrix(
        (np.concatenate(values), np.concatenate(columns), indptr),
        shape=(len(columns), model_or_featuriser.n_sparse),
    )
    return sparse, np.vstack(hands) if hands else np.zeros((0, len(HAND)))


def span_vectors(settings: Settings, encoder: Path | None = None) -> SpanVectors | None:
    """The classifier's dense span vectors when the settings ask for them: the span network
    on ``encoder``'s word embeddings (the package's without one), else static word-piece
    vectors (both from the pinned MiniLM)."""
    if not settings.tc_network and not settings.tc_vectors:
        return None
    from spinscope.detectors.technique_encoder import load_tokenizer
    from spinscope.training.span_encoder import base_folder

    tokenizer = load_tokenizer(base_folder() / "tokenizer.json")
    if settings.tc_network:
        from spinscope.training.span_network import span_network

        return span_network(tokenizer, settings.tc_vector_weight, encoder)
    from spinscope.training.piece_vectors import piece_table

    return PieceVectors(piece_table(settings.tc_vectors), tokenizer, settings.tc_vector_weight)


CLASS_WEIGHTS: Final = ("none", "balanced", "sqrt_balanced")


def class_weights(y: Sequence[str], mode: str) -> dict[str, float] | None:
    """Per technique, the weight of its rows in the TC loss: ``balanced`` n / (k n_c), as
    scikit-learn's, ``sqrt_balanced`` its square root (rare techniques count more, less so);
    None for ``none``."""
    if mode not in CLASS_WEIGHTS:
        raise ValueError(f"unknown class weights {mode!r}; valid: {', '.join(CLASS_WEIGHTS)}")
    if mode == "none":
        return None
    counts = Counter(y)
    power = 1.0 if mode == "balanced" else 0.5
    return {c: (len(y) / (len(counts) * n)) ** power for c, n in sorted(counts.items())}


def fit_tc(
    prepared: Sequence[Prepared], settings: Settings, *, seed: int, encoder: Path | None = None
) -> TCModel:
    """Vocabularies, hand-feature scaling and the logistic regression from the gold TC spans
    (the span network, when the settings use it, on ``encoder``'s word embeddings)."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped, unused-ignore]

    rows, y = _tc_rows(prepared)
    if len(set(y)) < 2:
        raise InputError("E501", source="training labels", line=0, detail="fewer than 2 techniques")
    contexts = [context_texts(p.index, s, e) for p, s, e in rows]
    featuriser = TCFeaturiser(
        _vectoriser(
            SPAN_CONFIG,
            [p.document.text[s:e] for p, s, e in rows],
            word_min_df=settings.word_min_df,
            char_min_df=settings.char_min_df,
            settings=settings,
        ),
        _vectoriser(
            SENTENCE_CONFIG,
            sorted({c[0] for c in contexts}),
            word_min_df=settings.context_min_df,
            char_min_df=settings.context_min_df,
            settings=settings,
        ),
        _vectoriser(
            NEIGHBOUR_CONFIG,
            [c[1] for c in contexts],
            word_min_df=settings.context_min_df,
            char_min_df=settings.context_min_df,
            settings=settings,
        ),
        span_vectors(settings, encoder),
    )
    sparse, hand = tc_matrix(featuriser, prepared)
    mean = hand.mean(axis=0).astype(np.float32).astype(np.float64)
    scale = hand.std(axis=0).astype(np.float32).astype(np.float64)
    scale[scale < 1e-6] = 1.0
    draft = TCModel(featuriser, (), np.zeros((0, 0)), np.zeros(0), mean, scale)
    matrix = hstack([sparse, csr_matrix(draft.scaled_hand(hand))]).tocsr()
    classifier = LogisticRegression(
        C=settings.tc_c,
        max_iter=settings.tc_max_iter,
        random_state=seed,
        class_weight=class_weights(y, settings.tc_class_weight),
    )
    classifier.fit(matrix, np.asarray(y))
    coef = classifier.coef_.T.astype(np.float32).astype(np.float64)
    intercept = classifier.intercept_.astype(np.float32).astype(np.float64)
    if coef.shape[1] == 1:  # two classes: scikit-learn gives one column for the second
        coef = np.hstack([-coef, coef]) / 2
        intercept = np.asarray([-intercept[0], intercept[0]]) / 2
    classes = tuple(str(c) for c in classifier.classes_)
    return replace(draft, classes=classes, coef=coef, intercept=intercept)


# --- out-of-fold predictions and calibration ---------------------------------------------------


@dataclass
class OutOfFold:
    """Predictions for every article from a model trained on the other folds."""

    fold_of: dict[str, int]
    probs: dict[str, list[FloatArray]] = field(default_factory=dict)  # per article, per sentence
    logits: dict[str, FloatArray] = field(default_factory=dict)  # per article, gold TC rows
    gates: dict[str, FloatArray] = field(default_factory=dict)  # per article, per sentence
    classes: tuple[str, ...] = ()


def encoder_data(prepared: Iterable[Prepared]) -> tuple[list[list[str]], list[list[int]]]:
    """(words, 0/1 inside a span) of every sentence of the articles, in order."""
    words: list[list[str]] = []
    labels: list[list[int]] = []
    for p in prepared:
        for seq, tags in zip(p.seqs, p.tags, strict=True):
            words.append(list(seq.words))
            labels.append([int(t == INSIDE) for t in tags])
    return words, labels


def fit_encoder(
    prepared: Sequence[Prepared], out: Path, settings: Settings, *, seed: int
) -> dict[str, str]:
    """Fine-tune the span encoder on the articles into ``out``; {file name: sha256}."""
    from spinscope.training.span_encoder import fine_tune

    if settings.encoder is None:
        raise ValueError("these settings have no span encoder")
    words, labels = encoder_data(prepared)
    return fine_tune(words, labels, out, settings=settings.encoder, seed=seed)


def encoder_out_of_fold(
    prepared: Sequence[Prepared], *, k: int, seed: int, settings: Settings, workdir: Path
) -> dict[str, list[FloatArray]]:
    """Each article's encoder P(inside) per sentence, from an encoder of the other folds."""
    from spinscope.training.span_encoder import predict

    by_id = {p.article_id: p for p in prepared}
    out: dict[str, list[FloatArray]] = {}
    for n, (train_part, test_part) in enumerate(ptc_folds([p.article for p in prepared], k, seed)):
        folder = workdir / f"encoder{n}"
        fit_encoder([by_id[a.article_id] for a in train_part], folder, settings, seed=seed)
        tested = [by_id[a.article_id] for a in test_part]
        probs = iter(predict(folder, encoder_data(tested)[0]))
        for p in tested:
            out[p.article_id] = [next(probs) for _ in p.seqs]
    return out


def out_of_fold(
    prepared: Sequence[Prepared],
    *,
    k: int,
    seed: int,
    settings: Settings,
    workdir: Path,
    encoder_k: int | None = None,
) -> OutOfFold:
    """Out-of-fold CRF and gate probabilities and TC logits (k folds), the CRF's mixed with
    the span encoder's (``encoder_k`` folds, k unless given) when settings have an encoder."""
    by_id = {p.article_id: p for p in prepared}
    folds = ptc_folds([p.article for p in prepared], k, seed)
    oof = OutOfFold({a.article_id: n for n, (_, test) in enumerate(folds) for a in test})
    for n, (train_part, test_part) in enumerate(folds):
        train_prepared = [by_id[a.article_id] for a in train_part]
        path = workdir / f"fold{n}.crfsuite"
        rates = fit_crf(train_prepared, path, settings)
        tagger = Tagger(path)
        gate = fit_gate(train_prepared, rates, settings, seed=seed)
        tc = fit_tc(train_prepared, settings, seed=seed)
        oof.classes = tc.classes
        for article in test_part:
            p = by_id[article.article_id]
            oof.probs[p.article_id] = [tagger.probabilities(si_features(q, rates)) for q in p.seqs]
            oof.gates[p.article_id] = gate.probabilities(p.document.text, p.seqs, rates)
            spans = [(s, e) for s, e, _ in p.tc_spans]
            oof.logits[p.article_id] = (
                tc.logits(tc.featuriser.features(p.index, spans))
                if spans
                else np.zeros((0, len(tc.classes)))
            )
    if settings.encoder is not None:
        encoded = encoder_out_of_fold(
            prepared, k=encoder_k or k, seed=seed, settings=settings, workdir=workdir
        )
        for article_id, probs in oof.probs.items():
            oof.probs[article_id] = mixed(probs, encoded[article_id], settings.encoder_weight)
    return oof


def decoded(
    prepared: Sequence[Prepared], oof: OutOfFold, decoding: Decoding
) -> dict[str, list[SpanGuess]]:
    out: dict[str, list[SpanGuess]] = {}
    for p in prepared:
        gates = oof.gates[p.article_id]
        out[p.article_id] = [
            g
            for seq, probs, gate in zip(p.seqs, oof.probs[p.article_id], gates, strict=True)
            for g in decode(seq, decoding.gated(probs, float(gate)), decoding)
        ]
    return out


def _decodings(settings: Settings) -> list[Decoding]:
    return [
        Decoding(high, round(high * ratio, 4), gap, settings.min_chars, weight)
        for weight in settings.gate_weights
        for high in settings.highs
        for ratio in settings.low_ratios
        for gap in settings.gaps
    ]


def _sums(pred: list[tuple[str, int, int]], gold: list[tuple[str, int, int]]) -> FloatArray:
    score = si_score(pred, gold)
    return np.asarray(
        [score.precision * score.n_pred, score.n_pred, score.recall * score.n_gold, score.n_gold]
    )


def _f1(sums: FloatArray) -> tuple[float, float, float]:
    p = sums[0] / sums[1] if sums[1] else 0.0
    r = sums[2] / sums[3] if sums[3] else 0.0
    return float(p), float(r), float(2 * p * r / (p + r)) if p + r else 0.0


def decoding_table(
    prepared: Sequence[Prepared], oof: OutOfFold, settings: Settings, k: int
) -> tuple[list[Decoding], FloatArray]:
    """Every candidate decoding and its SI sums per fold: array (decodings, folds, 4)."""
    candidates = _decodings(settings)
    table = np.zeros((len(candidates), k, 4))
    gold = {n: [(p.article_id, s, e) for p in prepared for s, e in p.gold
                if oof.fold_of[p.article_id] == n] for n in range(k)}  # fmt: skip
    for c, decoding in enumerate(candidates):
        spans = decoded(prepared, oof, decoding)
        for n in range(k):
            pred = [(a, g.start, g.end) for a, gs in spans.items() if oof.fold_of[a] == n
                    for g in gs]  # fmt: skip
            table[c, n] = _sums(pred, gold[n])
    return candidates, table


def fit_span_platt(
    prepared: Sequence[Prepared], oof: OutOfFold, decoding: Decoding
) -> tuple[float, float]:
    """Platt (a, b) mapping a span's mean token probability to the share of it inside gold."""
    from sklearn.linear_model import LogisticRegression

    x: list[float] = []
    credit: list[float] = []
    spans = decoded(prepared, oof, decoding)
    for p in prepared:
        inside = np.zeros(len(p.document.text) + 1, dtype=bool)
        for s, e in p.gold:
            inside[s:e] = True
        for g in spans[p.article_id]:
            x.append(g.confidence)
            credit.append(float(inside[g.start : g.end].mean()))
    if len(x) < 2 or not 0 < sum(credit) < len(credit):
        return 1.0, 0.0
    features = np.asarray(x + x).reshape(-1, 1)
    labels = np.asarray([1] * len(x) + [0] * len(x))
    weights = np.asarray(credit + [1.0 - c for c in credit]) + 1e-9
    model = LogisticRegression(C=1e6, max_iter=1000).fit(features, labels, sample_weight=weights)
    return float(model.coef_[0, 0]), float(model.intercept_[0])


def fit_temperature(oof: OutOfFold, prepared: Sequence[Prepared]) -> float:
    """The softmax temperature that minimises the log loss of out-of-fold gold TC rows."""
    from scipy.optimize import minimize_scalar  # type: ignore[import-untyped, unused-ignore]

    index = {c: i for i, c in enumerate(oof.classes)}
    z_rows: list[FloatArray] = []
    y: list[int] = []
    for p in prepared:
        for row, (_, _, t) in enumerate(p.tc_spans):
            if t in index:
                z_rows.append(oof.logits[p.article_id][row])
                y.append(index[t])
    if not y:
        return 1.0
    z = np.vstack(z_rows)
    target = np.asarray(y)

    def loss(temperature: float) -> float:
        scaled = z / temperature
        scaled = scaled - scaled.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(scaled).sum(axis=1))
        return float((log_norm - scaled[np.arange(len(target)), target]).mean())

    result = minimize_scalar(loss, bounds=(0.2, 10.0), method="bounded")
    return round(float(result.x), 4)


def rule_precision(prepared: Sequence[Prepared]) -> dict[str, dict[str, float | int]]:
    """Per rule: matches, and the share overlapping a gold span of the rule's technique."""
    matches: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for p in prepared:
        gold = [(s, e, by_label(t).id) for s, e, t in p.tc_spans]
        for start, end, label in p.index.rules:
            matches[label] += 1
            right[label] += any(s < end and start < e and t == label for s, e, t in gold)
    return {
        label: {"matches": matches[label], "precision": round(right[label] / matches[label], 4)}
        for label in sorted(matches)
    }


# --- figures ---------------------------------------------------------------------------------


def _tc_predictions(prepared: Sequence[Prepared], oof: OutOfFold, temperature: float) -> list[Any]:
    rows = []
    for p in prepared:
        spans = [(s, e) for s, e, _ in p.tc_spans]
        if not spans:
            continue
        z = oof.logits[p.article_id] / temperature
        prob = np.exp(z - z.max(axis=1, keepdims=True))
        prob /= prob.sum(axis=1, keepdims=True)
        for (s, e), ranking in zip(spans, detector.ranked(oof.classes, prob, spans), strict=True):
            rows.append((p.article_id, ranking[0][0], s, e))
    return rows


def per_technique_dict(score: Any) -> dict[str, dict[str, float | int]]:
    return {
        name: {
            "precision": round(t.precision, 4),
            "recall": round(t.recall, 4),
            "f1": round(t.f1, 4),
            "support": t.support,
        }
        for name, t in score.per_technique.items()
    }


def cv_figures(
    prepared: Sequence[Prepared], oof: OutOfFold, settings: Settings, k: int
) -> dict[str, Any]:
    """Pooled and per-fold SI/TC figures; each fold's decoding is chosen on the other folds."""
    candidates, table = decoding_table(prepared, oof, settings, k)
    chosen: list[Decoding] = []
    total = np.zeros(4)
    folds: dict[str, dict[str, float | int]] = {}
    tc_rows = _tc_predictions(prepared, oof, 1.0)
    gold_tc = [(p.article_id, t, s, e) for p in prepared for s, e, t in p.tc_spans]
    for n in range(k):
        other = table[:, [m for m in range(k) if m != n]].sum(axis=1)
        best = int(np.argmax([_f1(row)[2] for row in other]))
        chosen.append(candidates[best])
        total += table[best, n]
        ids = {a for a, m in oof.fold_of.items() if m == n}
        fold_tc = tc_score([r for r in tc_rows if r[0] in ids], [r for r in gold_tc if r[0] in ids])
        folds[f"fold {n}"] = {
            "articles": len(ids),
            "si_f1": round(_f1(table[best, n])[2], 4),
            "tc_micro_f1": round(fold_tc.micro_f1, 4),
            "high": candidates[best].high,
        }
    p, r, f = _f1(total)
    tc = tc_score(tc_rows, gold_tc)
    return {
        "si_precision": round(p, 4),
        "si_recall": round(r, 4),
        "si_f1": round(f, 4),
        "tc_micro_f1": round(tc.micro_f1, 4),
        "tc_macro_f1": round(tc.macro_f1, 4),
        "per_technique": per_technique_dict(tc),
        "folds": folds,
        "chosen_decodings": [d.to_record() for d in chosen],
        "_table": (candidates, table),
    }


# --- the commands ----------------------------------------------------------------------------


def cross_validate(
    data: Path, *, k: int = 5, seed: int = 0, settings: Settings = DEFAULT
) -> dict[str, Any]:
    """Article-level k-fold cross-validation on ``data`` (PTC layout), official scorers.

    Each fold's models are trained on the other folds; the SI decoding of a fold is the one
    that scores best on the out-of-fold predictions of the other folds. Returns pooled SI
    precision, recall and F1, TC micro-F1, per technique, per fold, and seconds.
    """
    started = time.perf_counter()
    prepared = [prepare(a) for a in read_training(data)]
    with tempfile.TemporaryDirectory(prefix="spinscope-cv-") as work:
        oof = out_of_fold(prepared, k=k, seed=seed, settings=settings, workdir=Path(work))
    figures = cv_figures(prepared, oof, settings, k)
    figures.pop("_table")
    return {
        "articles": len(prepared),
        "k": k,
        "seed": seed,
        **figures,
        "seconds": round(time.perf_counter() - started, 1),
    }


def train(
    data: Path,
    out: Path,
    *,
    seed: int = 0,
    settings: Settings = DEFAULT,
    feedback: Path | None = None,
) -> dict[str, Any]:
    """Train both models on every article of ``data`` and write them with their card to ``out``.

    With ``feedback`` (a SemEval-2021 review export), the reviewed documents are folded into
    the training data (see :func:`spinscope.training.feedback.fold_technique_reviews`).

    A ``settings.folds``-fold cross-validation first chooses the SI decoding and calibrates the
    probabilities; its figures go in the model card. Returns figures and file hashes.
    """
    from spinscope.training.technique_card import model_card

    started = time.perf_counter()
    articles = read_training(data)
    folded: dict[str, int] | None = None
    if feedback is not None:
        from spinscope.training.feedback import (
            fold_technique_reviews,
            reviewed_technique_articles,
        )

        reviewed, unmapped = reviewed_technique_articles(feedback)
        articles, folded = fold_technique_reviews(articles, reviewed)
        folded["spans_without_a_ptc_class"] = unmapped
    prepared = [prepare(a) for a in articles]
    out.mkdir(parents=True, exist_ok=True)
    k = settings.folds
    with tempfile.TemporaryDirectory(prefix="spinscope-train-") as work:
        oof = out_of_fold(
            prepared,
            k=k,
            seed=seed,
            settings=settings,
            workdir=Path(work),
            encoder_k=settings.encoder_folds,
        )
    cv = cv_figures(prepared, oof, settings, k)
    candidates, table = cv.pop("_table")
    pooled = table.sum(axis=1)
    best = int(np.argmax([_f1(row)[2] for row in pooled]))
    decoding = candidates[best]
    platt = fit_span_platt(prepared, oof, decoding)
    temperature = fit_temperature(oof, prepared)
    fit_started = time.perf_counter()
    rates = fit_crf(prepared, out / CRF_FILE, settings)
    gate = fit_gate(prepared, rates, settings, seed=seed) if decoding.gate else None
    # the encoder first: the classifier's span network reads its word embeddings
    encoder = None if settings.encoder is None else fit_encoder(prepared, out, settings, seed=seed)
    table = None if encoder is None else out / ENCODER_FILE
    tc = replace(fit_tc(prepared, settings, seed=seed, encoder=table), temperature=temperature)
    fit_seconds = round(time.perf_counter() - fit_started, 1)
    rules = rule_precision(prepared)
    gold_rows = [t for p in prepared for _, _, t in p.tc_spans]
    data_record = {
        "data": data.name,
        "articles": len(prepared),
        "tc_spans": len(gold_rows),
        "si_spans": sum(len(p.gold) for p in prepared),
        "tokens": sum(len(q.words) for p in prepared for q in p.seqs),
        "seed": seed,
    }
    if folded is not None and feedback is not None:
        data_record["feedback"] = {"file": feedback.name, **folded}
    from spinscope.detectors.technique_artifacts import write_models

    files = write_models(
        out,
        tc=tc,
        rates=rates,
        decoding=decoding,
        si_platt=platt,
        rule_precision={label: float(r["precision"]) for label, r in rules.items()},
        training={**data_record, **settings.to_record()},
        gate=gate,
        encoder=None if encoder is None else (encoder, settings.encoder_weight),
    )
    result: dict[str, Any] = {
        **data_record,
        "cv_command": CV_COMMAND,
        "techniques": dict(sorted(Counter(gold_rows).items())),
        "cv": cv,
        "decoding": decoding.to_record(),
        "pooled_si_f1_at_decoding": round(_f1(pooled[best])[2], 4),
        "si_platt": {"a": round(platt[0], 4), "b": round(platt[1], 4)},
        "temperature": temperature,
        "rules": rules,
        "rule_min_precision": detector.RULE_MIN_PRECISION,
        "features": {
            "tc": tc.coef.shape[0],
            "rate_words": len(rates.rates),
            "gate": 0 if gate is None else len(gate.coef),
        },
        "settings": settings.to_record(),
        "final_fit_seconds": fit_seconds,
        "seconds": round(time.perf_counter() - started, 1),
    }
    result["files"] = {name: digest for name, digest in files.items()}
    result["sizes"] = {p.name: p.stat().st_size for p in sorted(out.iterdir()) if p.is_file()}
    (out / "MODEL_CARD.md").write_text(model_card(result), encoding="utf-8")
    return result


def evaluate(
    articles: Path,
    labels: Path,
    *,
    predictions: Path | None = None,
    model_dir: Path | None = None,
) -> dict[str, Any]:
    """Score the shipped detector on ``articles`` against ``labels`` (no training).

    SI: the detector's spans against the merged gold spans. TC: the classifier's label for each
    given gold span (a span given k times gets its k best distinct labels). When ``labels`` is a
    template (technique ``?`` or ``0``, or SI rows), no figure that needs gold techniques is
    given, and nothing is read from the technique column. ``predictions`` receives ``si.txt``
    and ``tc.txt`` in the PTC formats. ``model_dir`` scores other model files than the shipped.
    """
    started = time.perf_counter()
    gold = read_ptc(articles, labels)
    template = any(s.technique is None for a in gold for s in a.spans)
    models = detector.technique_models() if model_dir is None else load_models(model_dir)
    si_rows: list[tuple[str, int, int]] = []
    tc_rows: list[tuple[str, str, int, int]] = []
    for article in gold:
        document = detector.with_sentences(article.document)
        si_rows += [
            (article.article_id, g.start, g.end) for g in detector.find_spans(models, document)
        ]
        spans = [(s.start, s.end) for s in article.spans]
        for (s, e), ranking in zip(
            spans, detector.classify_spans(document, spans, models=models), strict=True
        ):
            tc_rows.append((article.article_id, ranking[0][0], s, e))
    seconds = round(time.perf_counter() - started, 2)
    if predictions is not None:
        predictions.mkdir(parents=True, exist_ok=True)
        write_si(predictions / "si.txt", si_rows)
        write_tc(predictions / "tc.txt", tc_rows)
    result: dict[str, Any] = {
        "articles": len(gold),
        "predicted_spans": len(si_rows),
        "given_spans": len(tc_rows),
        "template": template,
    }
    if not template:
        gold_si = [(a.article_id, s.start, s.end) for a in gold for s in a.spans]
        gold_tc = [(a.article_id, s.technique or "", s.start, s.end) for a in gold for s in a.spans]
        si = si_score(si_rows, gold_si)
        tc = tc_score(tc_rows, gold_tc)
        result.update(
            {
                "si_precision": round(si.precision, 4),
                "si_recall": round(si.recall, 4),
                "si_f1": round(si.f1, 4),
                "tc_micro_f1": round(tc.micro_f1, 4),
                "tc_macro_f1": round(tc.macro_f1, 4),
                "per_technique": per_technique_dict(tc),
            }
        )
    result["seconds"] = seconds
    result["ms_per_article"] = round(1000 * seconds / max(1, len(gold)), 1)
    return result
