"""Training and scoring the Russian and Ukrainian technique detector on the UNLP 2025 data.

:func:`train` fits :mod:`spinscope.detectors.techniques_ruuk`'s two models on the development
posts of a UNLP 2025 file (the held-out fifth, :func:`spinscope.training.unlp.held_out`, is never
read for fitting or choosing), in three steps:

1. ``k``-fold cross-validation of the post model (one logistic regression per column: manipulative
   and the ten techniques) gives every development post out-of-fold probabilities; each
   technique's threshold is the one that maximises its out-of-fold F1;
2. the segment model is cross-validated on the same folds, its window features being the post's
   out-of-fold probabilities, as they will be an unseen window's at run time; its threshold is
   the one that maximises the out-of-fold span token-F1 (of the smoothed probabilities);
3. both models are fitted on every development post and written with their model card, which
   records the cross-validated figures and the held-out figures of the written models.

Training needs scikit-learn (the ``training`` extra); the models run on numpy alone. Features are
computed by the runtime's own :class:`~spinscope.textmodel.Analyser` and idf weighting, so the
fitted weights are the ones the detector applies.
"""

from __future__ import annotations

import math
import platform
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from spinscope.detectors import techniques_ruuk as runtime
from spinscope.detectors.techniques_ruuk import LinearBlock, RuukModels, segment_dense, segments
from spinscope.errors import InputError
from spinscope.textmodel import Analyser, Vectoriser, VectoriserConfig, smooth_idf
from spinscope.training import unlp
from spinscope.training.unlp import TECHNIQUES, Post, Prediction

FloatArray = npt.NDArray[np.float64]

POST_CONFIG: Final = VectoriserConfig(word_ngrams=(1, 2), char_ngrams=(2, 5))
SEGMENT_CONFIG: Final = VectoriserConfig(word_ngrams=(1, 1), char_ngrams=(2, 5))
MIN_POSTS: Final = 10  # fewer development posts than this cannot be cross-validated
_GRID: Final = np.round(np.arange(0.05, 0.951, 0.01), 2)


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything training chooses up front; the model card records it."""

    folds: int = 5
    post_c: float = 1.0
    segment_c: float = 1.0
    post_words: int = 20_000
    post_chars: int = 40_000
    segment_words: int = 15_000
    segment_chars: int = 30_000
    min_df: int = 2
    dense_scale: float = 3.0
    post_navec: float = 1.0  # > 0: the post's mean navec vector as dense columns, this scale
    soft_segments: bool = True  # segment rows weighted by their tokens inside and outside spans
    segment_navec: bool = True  # the segment model also reads the segment's mean navec vector
    seed: int = 0

    def to_record(self) -> dict[str, Any]:
        return {
            "folds": self.folds,
            "post_c": self.post_c,
            "segment_c": self.segment_c,
            "post_words": self.post_words,
            "post_chars": self.post_chars,
            "segment_words": self.segment_words,
            "segment_chars": self.segment_chars,
            "min_df": self.min_df,
            "dense_scale": self.dense_scale,
            "post_navec": self.post_navec,
            "soft_segments": self.soft_segments,
            "segment_navec": self.segment_navec,
            "seed": self.seed,
        }


# --- features ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Terms:
    """Every text's word and character terms, computed once."""

    words: list[list[str]]
    chars: list[list[str]]

    @classmethod
    def of(cls, config: VectoriserConfig, texts: Sequence[str]) -> Terms:
        analyser = Analyser(config)
        return cls([analyser.word_terms(t) for t in texts], [analyser.char_terms(t) for t in texts])


def _vocabulary(
    documents: Sequence[list[str]], rows: Sequence[int], limit: int, min_df: int
) -> tuple[list[str], FloatArray]:
    df: Counter[str] = Counter()
    for row in rows:
        df.update(set(documents[row]))
    kept = sorted((t for t, c in df.items() if c >= min_df), key=lambda t: (-df[t], t))[:limit]
    kept.sort()
    idf = smooth_idf(np.asarray([df[t] for t in kept]), len(rows)).astype(np.float32)
    return kept, idf.astype(np.float64)


def fit_vectoriser(
    config: VectoriserConfig,
    terms: Terms,
    rows: Sequence[int],
    *,
    words: int,
    chars: int,
    min_df: int,
) -> Vectoriser:
    """Vocabularies (top terms by document frequency, at least ``min_df``) and idf of ``rows``."""
    word_vocab, word_idf = _vocabulary(terms.words, rows, words, min_df)
    char_vocab, char_idf = _vocabulary(terms.chars, rows, chars, min_df)
    return Vectoriser(
        config, word_vocab=word_vocab, char_vocab=char_vocab, word_idf=word_idf, char_idf=char_idf
    )


def _block_values(
    terms: list[str], index: Mapping[str, int], idf: FloatArray, offset: int
) -> tuple[list[int], list[float]]:
    counts = Counter(i for i in map(index.get, terms) if i is not None)
    if not counts:
        return [], []
    ids = sorted(counts)
    values = np.asarray([(1.0 + math.log(counts[i])) * idf[i] for i in ids])
    values /= math.sqrt(float(values @ values))
    return [i + offset for i in ids], values.tolist()


def matrix(
    vectoriser: Vectoriser,
    terms: Terms,
    rows: Sequence[int],
    dense: FloatArray | None = None,
    dense_scale: float = 1.0,
) -> Any:
    """A CSR matrix of ``rows``, equal to :meth:`Vectoriser.row` of their texts (a test checks
    it), with the dense columns (times ``dense_scale``) appended when given."""
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped, unused-ignore]

    word_index = {t: i for i, t in enumerate(vectoriser.word_vocab)}
    char_index = {t: i for i, t in enumerate(vectoriser.char_vocab)}
    width = vectoriser.n_features + (0 if dense is None else dense.shape[1])
    indptr, columns, values = [0], [], []
    for n, row in enumerate(rows):
        wc, wv = _block_values(terms.words[row], word_index, vectoriser.word_idf, 0)
        cc, cv = _block_values(
            terms.chars[row], char_index, vectoriser.char_idf, vectoriser.char_offset
        )
        cols, vals = wc + cc, wv + cv
        if dense is not None:
            cols += list(range(vectoriser.n_features, width))
            vals += (dense[n] * dense_scale).tolist()
        columns.extend(cols)
        values.extend(vals)
        indptr.append(len(columns))
    return csr_matrix(
        (np.asarray(values, dtype=np.float64), np.asarray(columns, dtype=np.int64), indptr),
        shape=(len(rows), width),
    )


def _logistic(c: float, seed: int) -> Any:
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped, unused-ignore]

    return LogisticRegression(
        C=c,
        class_weight="balanced",
        solver="liblinear",
        dual=True,
        max_iter=5000,
        random_state=seed,
    )


def fit_columns(
    x: Any, y: npt.NDArray[np.int64], c: float, seed: int
) -> tuple[FloatArray, FloatArray]:
    """One logistic regression per column of ``y``: (coef (features, columns), intercepts).
    A column with one class only gets zero weights and an intercept that says so."""
    coef = np.zeros((x.shape[1], y.shape[1]), dtype=np.float64)
    intercept = np.zeros(y.shape[1], dtype=np.float64)
    for column in range(y.shape[1]):
        target = y[:, column]
        if target.min() == target.max():
            intercept[column] = 10.0 if target[0] else -10.0
            continue
        model = _logistic(c, seed).fit(x, target)
        coef[:, column] = model.coef_[0]
        intercept[column] = float(model.intercept_[0])
    return coef, intercept


def _sigmoid(z: FloatArray) -> FloatArray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0))), dtype=np.float64)


# --- the data as training sees it ----------------------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    """Development posts with their labels, segments and cached terms."""

    posts: list[Post]
    labels: npt.NDArray[np.int64]  # (posts, 11): manipulative, then the ten techniques
    pieces: list[list[tuple[int, int]]]  # each post's segments
    owner: npt.NDArray[np.int64]  # the post of each segment
    index: npt.NDArray[np.int64]  # each segment's place in its post
    tokens: npt.NDArray[np.int64]  # each segment's token count
    inside: npt.NDArray[np.int64]  # 1 when at least half its tokens lie in a gold span
    share: FloatArray  # each segment's share of tokens in a gold span
    post_terms: Terms
    segment_terms: Terms
    segment_rows: dict[int, list[int]] = field(default_factory=dict)
    post_vectors: FloatArray | None = None  # each post's mean navec vector, when asked for
    segment_vectors: FloatArray | None = None  # each segment's mean navec vector, when asked for

    def rows_of(self, posts: Sequence[int]) -> list[int]:
        return [s for p in posts for s in self.segment_rows[p]]


def prepare(posts: Sequence[Post], *, navec: bool = True) -> Prepared:
    labels = np.asarray(
        [[bool(p.spans)] + [t in (p.techniques or ()) for t in TECHNIQUES] for p in posts],
        dtype=np.int64,
    )
    pieces: list[list[tuple[int, int]]] = []
    owner: list[int] = []
    index: list[int] = []
    tokens: list[int] = []
    inside: list[int] = []
    share: list[float] = []
    texts: list[str] = []
    rows: dict[int, list[int]] = {}
    for n, post in enumerate(posts):
        cut = segments(post.text)
        pieces.append(cut)
        rows[n] = []
        for i, (s, e) in enumerate(cut):
            flags = unlp.token_labels(post.text[s:e], _shifted(post.spans or (), s, e))
            rows[n].append(len(owner))
            owner.append(n)
            index.append(i)
            tokens.append(len(flags))
            inside.append(int(2 * sum(flags) >= len(flags) > 0))
            share.append(sum(flags) / max(1, len(flags)))
            texts.append(post.text[s:e])
    return Prepared(
        posts=list(posts),
        labels=labels,
        pieces=pieces,
        owner=np.asarray(owner, dtype=np.int64),
        index=np.asarray(index, dtype=np.int64),
        tokens=np.asarray(tokens, dtype=np.int64),
        inside=np.asarray(inside, dtype=np.int64),
        share=np.asarray(share, dtype=np.float64),
        post_terms=Terms.of(POST_CONFIG, [p.text for p in posts]),
        segment_terms=Terms.of(SEGMENT_CONFIG, texts),
        segment_rows=rows,
        post_vectors=(
            np.asarray([runtime.navec_mean(p.text) for p in posts], dtype=np.float64).reshape(
                len(posts), runtime.NAVEC_DIM
            )
            if navec
            else None
        ),
        segment_vectors=(
            np.asarray([runtime.navec_mean(t) for t in texts], dtype=np.float64).reshape(
                len(texts), runtime.NAVEC_DIM
            )
            if navec
            else None
        ),
    )


def _shifted(spans: Sequence[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    return [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and start < e]


def _dense(
    data: Prepared, rows: Sequence[int], window: FloatArray, settings: Settings | None = None
) -> FloatArray:
    """The segment model's dense features of ``rows`` (see :func:`segment_dense`), with each
    segment's mean navec vector divided by the dense scale when ``settings`` ask for it."""
    counts = {p: len(c) for p, c in enumerate(data.pieces)}
    out = np.asarray(
        [
            segment_dense(
                window[data.owner[r]].tolist(),
                int(data.index[r]),
                counts[int(data.owner[r])],
                int(data.tokens[r]),
            )
            for r in rows
        ],
        dtype=np.float64,
    ).reshape(len(rows), len(runtime.DENSE_NAMES))
    if settings is None or not settings.segment_navec:
        return out
    if data.segment_vectors is None:
        raise ValueError("the segments were prepared without their navec vectors")
    return np.hstack([out, data.segment_vectors[list(rows)] / settings.dense_scale])


def _folds(n: int, k: int, seed: int) -> list[npt.NDArray[np.int64]]:
    order = np.random.default_rng(seed).permutation(n)
    return [np.sort(order[i::k]) for i in range(k)]


# --- fitting -------------------------------------------------------------------------------------


def fit_post(data: Prepared, rows: Sequence[int], settings: Settings) -> LinearBlock:
    vectoriser = fit_vectoriser(
        POST_CONFIG,
        data.post_terms,
        rows,
        words=settings.post_words,
        chars=settings.post_chars,
        min_df=settings.min_df,
    )
    scale = settings.post_navec
    x = matrix(vectoriser, data.post_terms, rows, _post_dense(data, rows, scale), scale)
    coef, intercept = fit_columns(x, data.labels[list(rows)], settings.post_c, settings.seed)
    return LinearBlock(vectoriser, coef, intercept, scale if scale > 0 else 1.0)


def _post_dense(data: Prepared, rows: Sequence[int], scale: float) -> FloatArray | None:
    if scale <= 0:
        return None
    if data.post_vectors is None:
        raise ValueError("the posts were prepared without their navec vectors")
    return data.post_vectors[list(rows)]


def post_probabilities(block: LinearBlock, data: Prepared, rows: Sequence[int]) -> FloatArray:
    dense = None
    if block.coef.shape[0] > block.vectoriser.n_features:
        dense = _post_dense(data, rows, block.dense_scale)
    x = matrix(block.vectoriser, data.post_terms, rows, dense, block.dense_scale)
    return _sigmoid(np.asarray(x @ block.coef) + block.intercept)


def fit_segment(
    data: Prepared, posts: Sequence[int], window: FloatArray, settings: Settings
) -> LinearBlock:
    rows = data.rows_of(posts)
    vectoriser = fit_vectoriser(
        SEGMENT_CONFIG,
        data.segment_terms,
        rows,
        words=settings.segment_words,
        chars=settings.segment_chars,
        min_df=settings.min_df,
    )
    x = matrix(
        vectoriser,
        data.segment_terms,
        rows,
        _dense(data, rows, window, settings),
        settings.dense_scale,
    )
    if settings.soft_segments:
        coef, intercept = fit_soft(x, data.share[rows], data.tokens[rows], settings)
    else:
        coef, intercept = fit_columns(
            x, data.inside[rows].reshape(-1, 1), settings.segment_c, settings.seed
        )
    return LinearBlock(vectoriser, coef, intercept, settings.dense_scale)


def fit_soft(
    x: Any, share: FloatArray, tokens: npt.NDArray[np.int64], settings: Settings
) -> tuple[FloatArray, FloatArray]:
    """The segment model fitted on each segment twice: as positive, weighted by its tokens inside
    gold spans, and as negative, weighted by its tokens outside (the metric counts tokens)."""
    from scipy.sparse import vstack

    counts = np.maximum(1, tokens).astype(np.float64)
    weights = np.concatenate([counts * share, counts * (1.0 - share)])
    target = np.concatenate([np.ones(len(share)), np.zeros(len(share))]).astype(np.int64)
    keep = weights > 0
    if target[keep].min() == target[keep].max():  # every token in spans, or none
        only = 10.0 if target[keep][0] else -10.0
        return np.zeros((x.shape[1], 1), dtype=np.float64), np.asarray([only])
    rows = vstack([x, x]).tocsr()[keep]
    model = _logistic(settings.segment_c, settings.seed).fit(
        rows, target[keep], sample_weight=weights[keep] / weights[keep].mean()
    )
    return model.coef_.T.astype(np.float64), model.intercept_.astype(np.float64)


def _reads(block: LinearBlock) -> Settings:
    """What a fitted segment model reads: its dense scale, and whether navec vectors."""
    navec = block.coef.shape[0] > block.vectoriser.n_features + len(runtime.DENSE_NAMES)
    return Settings(dense_scale=block.dense_scale, segment_navec=navec)


def segment_probabilities(
    block: LinearBlock, data: Prepared, posts: Sequence[int], window: FloatArray
) -> FloatArray:
    rows = data.rows_of(posts)
    x = matrix(
        block.vectoriser,
        data.segment_terms,
        rows,
        _dense(data, rows, window, _reads(block)),
        block.dense_scale,
    )
    return _sigmoid(np.asarray(x @ block.coef)[:, 0] + block.intercept[0])


@dataclass(frozen=True)
class OutOfFold:
    """Every development post's out-of-fold post probabilities and segment probabilities."""

    post: FloatArray  # (posts, 11)
    segment: FloatArray  # (segments,)


def out_of_fold(data: Prepared, settings: Settings) -> OutOfFold:
    n = len(data.posts)
    if n < max(MIN_POSTS, settings.folds):
        raise InputError("E540", posts=n, needed=max(MIN_POSTS, settings.folds))
    folds = _folds(n, settings.folds, settings.seed)
    post = np.zeros((n, 1 + len(TECHNIQUES)), dtype=np.float64)
    for test in folds:
        train = np.setdiff1d(np.arange(n), test)
        block = fit_post(data, train.tolist(), settings)
        post[test] = post_probabilities(block, data, test.tolist())
    segment = np.zeros(len(data.owner), dtype=np.float64)
    for test in folds:
        train = np.setdiff1d(np.arange(n), test)
        block = fit_segment(data, train.tolist(), post, settings)
        segment[data.rows_of(test.tolist())] = segment_probabilities(
            block, data, test.tolist(), post
        )
    return OutOfFold(post, segment)


def technique_thresholds(data: Prepared, post: FloatArray) -> tuple[float, ...]:
    """Per technique, the threshold on the 0.01 grid that maximises its out-of-fold F1."""
    chosen: list[float] = []
    for column in range(1, 1 + len(TECHNIQUES)):
        y = data.labels[:, column] == 1
        best, best_f1 = 0.5, -1.0
        for threshold in _GRID:
            said = post[:, column] >= threshold
            f1 = 2 * int(np.sum(said & y)) / max(1, int(np.sum(said)) + int(np.sum(y)))
            if f1 > best_f1 + 1e-12:
                best, best_f1 = float(threshold), f1
        chosen.append(best)
    return tuple(chosen)


def predictions(
    data: Prepared, oof: OutOfFold, thresholds: Sequence[float], segment_threshold: float
) -> dict[str, Prediction]:
    """What the cross-validated models say of each development post."""
    out: dict[str, Prediction] = {}
    for n, post in enumerate(data.posts):
        rows = data.segment_rows[n]
        inside = runtime.smoothed(oof.segment[rows])
        spans = runtime._joined(post.text, data.pieces[n], inside, segment_threshold)
        named = tuple(
            t for t, p, th in zip(TECHNIQUES, oof.post[n, 1:], thresholds, strict=True) if p >= th
        )
        out[post.id] = Prediction(post.id, tuple((s.start, s.end) for s in spans), named)
    return out


def segment_threshold(data: Prepared, oof: OutOfFold, thresholds: Sequence[float]) -> float:
    """The threshold on a 0.02 grid that maximises the pooled out-of-fold span token-F1."""
    best, best_f1 = 0.5, -1.0
    for threshold in np.round(np.arange(0.1, 0.801, 0.02), 2):
        f1 = unlp.score(data.posts, predictions(data, oof, thresholds, float(threshold))).span_f1
        if f1 > best_f1 + 1e-12:
            best, best_f1 = float(threshold), f1
    return best


@dataclass(frozen=True)
class CrossValidated:
    """The thresholds chosen by cross-validation and the out-of-fold figures they give."""

    technique_thresholds: tuple[float, ...]
    segment_threshold: float
    oof: OutOfFold
    figures: dict[str, Any]


def cross_validated(data: Prepared, settings: Settings) -> CrossValidated:
    oof = out_of_fold(data, settings)
    thresholds = technique_thresholds(data, oof.post)
    threshold = segment_threshold(data, oof, thresholds)
    figures = unlp.report(data.posts, predictions(data, oof, thresholds, threshold))
    return CrossValidated(thresholds, threshold, oof, figures)


def fit_models(
    data: Prepared, cv: CrossValidated, settings: Settings, training: Mapping[str, Any]
) -> RuukModels:
    everything = list(range(len(data.posts)))
    return RuukModels(
        post=fit_post(data, everything, settings),
        segment=fit_segment(data, everything, cv.oof.post, settings),
        technique_thresholds=cv.technique_thresholds,
        segment_threshold=cv.segment_threshold,
        training=dict(training),
        post_dense=runtime.POST_DENSE if settings.post_navec > 0 else "",
        segment_vector=runtime.POST_DENSE if settings.segment_navec else "",
    )


# --- the commands --------------------------------------------------------------------------------


def predict(models: RuukModels, posts: Sequence[Post]) -> dict[str, Prediction]:
    """The detector's prediction for each post, each read as one window."""
    out: dict[str, Prediction] = {}
    for post in posts:
        guess = models.whole(post.text)
        spans = unlp.merge((s.start, s.end) for s in guess.spans)
        out[post.id] = Prediction(post.id, tuple(spans), guess.techniques)
    return out


def evaluate(
    path: Path,
    *,
    predictions_out: Path | None = None,
    held_out_only: bool = False,
    models: RuukModels | None = None,
) -> dict[str, Any]:
    """Run the shipped detector on a posts file; the task's figures when it has gold labels."""
    posts = unlp.read_posts(path)
    if held_out_only:
        posts = unlp.split(posts)[1]
    models = models or runtime.shipped_models()
    started = time.perf_counter()
    predicted = predict(models, posts)
    seconds = time.perf_counter() - started
    if predictions_out is not None:
        predictions_out.parent.mkdir(parents=True, exist_ok=True)
        predictions_out.write_text(
            "".join(predicted[p.id].to_json() + "\n" for p in posts), encoding="utf-8"
        )
    result: dict[str, Any] = {
        "posts": len(posts),
        "posts_per_second": round(len(posts) / max(seconds, 1e-9), 1),
    }
    if posts and all(p.labelled for p in posts):
        result.update(unlp.report(posts, predicted))
    return result


def cross_validate(path: Path, *, k: int = 5, seed: int = 0) -> dict[str, Any]:
    """``k``-fold cross-validation on the development posts of a file (held-out posts left out),
    thresholds chosen on the out-of-fold predictions as training chooses them."""
    posts = _labelled(path)
    development = unlp.split(posts)[0]
    settings = Settings(folds=k, seed=seed)
    cv = cross_validated(prepare(development), settings)
    return {**cv.figures, "folds": k, "thresholds_chosen_on": "the same out-of-fold predictions"}


def _labelled(path: Path) -> list[Post]:
    posts = unlp.read_posts(path)
    if not posts[0].labelled:
        raise InputError("E541", source=str(path))
    return posts


def train(path: Path, out: Path, *, seed: int = 0, card: bool = True) -> dict[str, Any]:
    """Fit the models on the development posts of ``path`` and write them (and their card) to
    ``out``; returns the cross-validated and held-out figures."""
    started, cpu = time.perf_counter(), time.process_time()
    posts = _labelled(path)
    development, held = unlp.split(posts)
    settings = Settings(seed=seed)
    data = prepare(development)
    cv = cross_validated(data, settings)
    training = {
        "data": path.name,
        "development_posts": len(development),
        "held_out_posts": len(held),
        "settings": settings.to_record(),
        "cross_validation": {
            "span_f1": cv.figures["span_f1"],
            "technique_macro_f1": cv.figures["technique_macro_f1"],
        },
    }
    models = fit_models(data, cv, settings, training)
    hashes = runtime.write_models(models, out)
    loaded_card = out / "MODEL_CARD.md"
    loaded_card.write_text(_hash_table(hashes), encoding="utf-8")
    written = runtime.read_written(out)
    held_figures = unlp.report(held, predict(written, held)) if held else {}
    seconds = time.perf_counter() - started
    result = {
        "out": str(out),
        "development_posts": len(development),
        "held_out_posts": len(held),
        "cross_validation": cv.figures,
        "held_out": held_figures,
        "technique_thresholds": dict(zip(TECHNIQUES, cv.technique_thresholds, strict=True)),
        "segment_threshold": cv.segment_threshold,
        "files": hashes,
        "sizes": {name: (out / name).stat().st_size for name in hashes},
        "seconds": round(seconds, 1),
        "cpu_seconds": round(time.process_time() - cpu, 1),
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
        "date": date.today().isoformat(),
        "settings": settings.to_record(),
    }
    if card:
        from spinscope.training.technique_ruuk_card import model_card

        loaded_card.write_text(model_card(result), encoding="utf-8")
    return result


def _hash_table(hashes: Mapping[str, str]) -> str:
    rows = "".join(f"| `{name}` | `{digest}` |\n" for name, digest in sorted(hashes.items()))
    return f"| file | sha256 |\n| --- | --- |\n{rows}"
