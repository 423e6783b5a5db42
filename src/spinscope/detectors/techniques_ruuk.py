"""Persuasion techniques in Russian and Ukrainian: spans and techniques of post-sized windows.

The models are trained on the UNLP 2025 manipulation data (Telegram posts, see the model card in
``spinscope/models/techniques-ruuk``), whose labels are post-level: the techniques a post uses,
and character spans that are the union over all of them. So the detector reads a text as posts:

1. the text is cut into *windows* of about a post's length (:data:`WINDOW_WORDS` words, whole
   lines), and each window into *segments* (sentences, or lines without an end mark);
2. a post model (word and character n-grams, one logistic regression per column) gives each
   window P(manipulative) and P(technique) for the ten techniques; a technique is named when its
   probability reaches its own threshold, chosen by cross-validation;
3. a segment model (the segment's n-grams, the window's probabilities, where the segment lies)
   gives each segment P(inside a manipulation span), mixed with its neighbours' (spans run on);
   segments at or above the threshold are spans, neighbours joined.

Each span in running text (not a byline, caption, source line or prompt) becomes one
``technique`` finding, labelled with the taxonomy id of the most probable technique named for its
window (:func:`spinscope.taxonomy.by_label`), the window's other named techniques in its
explanation; its score is P(span) x P(technique). Both models run on
numpy alone (:class:`spinscope.textmodel.Vectoriser`); the files are checked by sha256 at load.

The component declares Russian and Ukrainian as its languages, so the pipeline runs it only on
documents in them; :func:`detect` itself also returns nothing for a document in another language.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from spinscope import taxonomy
from spinscope.components import ComponentSpec, LayerLabels, Products
from spinscope.config import AnalysisConfig
from spinscope.document import Document, Span, make_span
from spinscope.errors import PipelineError, SpinscopeError
from spinscope.records import TechniqueAttrs
from spinscope.textmodel import (
    CARD,
    Vectoriser,
    VectoriserConfig,
    card_hashes,
    sha256_file,
)
from spinscope.vocabulary import part_kind

NAME: Final = "techniques_ruuk"
VERSION: Final = "2"
DETECTOR: Final = f"{NAME}@{VERSION}"
LAYER: Final = "technique"
LANGUAGES: Final = ("ru", "uk")
MODEL_DIR: Final = Path(__file__).resolve().parent.parent / "models" / "techniques-ruuk"
FORMAT: Final = "spinscope.techniques-ruuk/1"
FILE_STEM: Final = "techniques_ruuk"
# The task's ten techniques, in the order of the post model's columns 1..10 (column 0:
# manipulative). Kept equal to spinscope.training.unlp.TECHNIQUES (a test checks it).
TECHNIQUES: Final[tuple[str, ...]] = taxonomy.UNLP2025_LABELS
WINDOW_WORDS: Final = 80  # a window is whole lines until it holds this many words
_LINE: Final = re.compile(r"[^\n]+")
_SEGMENT: Final = re.compile(r"[^\n.!?…]*(?:[.!?…]+[\"»”)]*|\n|$)")
_TOKEN: Final = re.compile(r"\S+")
_WORD: Final = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
POST_DENSE: Final = "navec_mean"  # the post model's dense block: the mean navec word vector
NAVEC_DIM: Final = 300
_ARRAYS: Final = (
    "post_word_idf",
    "post_char_idf",
    "post_coef",
    "post_intercept",
    "segment_word_idf",
    "segment_char_idf",
    "segment_coef",
    "segment_intercept",
)
FloatArray = npt.NDArray[np.float64]


# --- cutting a text ------------------------------------------------------------------------------


def windows(text: str) -> list[tuple[int, int]]:
    """Post-sized windows: whole lines, joined until a window holds :data:`WINDOW_WORDS` words."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    end = words = 0
    for line in _LINE.finditer(text):
        count = len(_TOKEN.findall(line.group(0)))
        if count == 0:
            continue
        if start is None:
            start = line.start()
        end, words = line.end(), words + count
        if words >= WINDOW_WORDS:
            out.append((start, end))
            start, words = None, 0
    if start is not None:
        if out and words < WINDOW_WORDS // 4:
            out[-1] = (out[-1][0], end)  # a short tail joins the window before it
        else:
            out.append((start, end))
    return out


def segments(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` (or lines without an end mark), trimmed of white space."""
    stop = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    for match in _SEGMENT.finditer(text, start, stop):
        piece = match.group(0)
        if not piece.strip():
            continue
        left = match.start() + len(piece) - len(piece.lstrip())
        right = match.end() - (len(piece) - len(piece.rstrip()))
        out.append((left, right))
    return out


def segment_dense(window: Sequence[float], index: int, count: int, tokens: int) -> list[float]:
    """The segment model's dense features: the window's P(manipulative) (and its square) and
    P of each technique (the post model's columns, ``window``), where the segment lies among the
    window's ``count`` segments, and its length."""
    manipulative = float(window[0])
    return [
        manipulative,
        manipulative * manipulative,
        index / max(1, count),
        1.0 if index == 0 else 0.0,
        math.log1p(tokens) / 5.0,
        *(float(p) for p in window[1:]),
        1.0 if index == count - 1 else 0.0,
        math.log1p(count) / 3.0,
    ]


DENSE_NAMES: Final = (
    "p_manipulative",
    "p_manipulative_squared",
    "position",
    "first",
    "length",
    *(f"p_{t}" for t in TECHNIQUES),
    "last",
    "segments",
)
SMOOTHING: Final = 0.8  # a segment's P keeps this share; its neighbours' mean gives the rest


def smoothed(inside: FloatArray, keep: float = SMOOTHING) -> FloatArray:
    """Each segment's P(inside a span) mixed with the mean of its two neighbours' (a window's
    first and last segments count themselves as their missing neighbour): spans run on."""
    if len(inside) < 2:
        return inside
    padded = np.concatenate([inside[:1], inside, inside[-1:]])
    return np.asarray(keep * inside + (1.0 - keep) * (padded[:-2] + padded[2:]) / 2.0)


@lru_cache(maxsize=1)
def _navec() -> Any:
    """natasha's navec news word vectors, checked by sha256 (the Russian pipeline's files)."""
    from spinscope.detectors import russian

    folder = russian.model_folder()
    russian.verify_files(folder, {russian.EMBEDDING: russian.MODEL_HASHES[russian.EMBEDDING]})
    try:
        from navec import Navec
    except ImportError as exc:
        raise PipelineError("E551", detail=str(exc)) from None
    return Navec.load(str(folder / russian.EMBEDDING))


@lru_cache(maxsize=65_536)
def _word_vector(word: str) -> Any:
    return _navec().get(word)


def navec_mean(text: str) -> list[float]:
    """The mean navec vector of the words of ``text`` navec knows (lower-cased), scaled to unit
    length; zeros when it knows none (navec is Russian: it knows about half of Ukrainian words)."""
    found = [v for w in _WORD.findall(text) if (v := _word_vector(w.lower())) is not None]
    if not found:
        return [0.0] * NAVEC_DIM
    mean = np.mean(np.asarray(found, dtype=np.float64), axis=0)
    return [float(v) for v in mean / max(float(np.linalg.norm(mean)), 1e-9)]


# --- the models ----------------------------------------------------------------------------------


def _sigmoid(z: FloatArray) -> FloatArray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0))), dtype=np.float64)


@dataclass(frozen=True)
class LinearBlock:
    """A vectoriser and one logistic regression per output column (a column vector for one)."""

    vectoriser: Vectoriser
    coef: FloatArray  # (n_features + dense, outputs)
    intercept: FloatArray  # (outputs,)
    dense_scale: float = 1.0

    def probabilities(
        self, texts: Sequence[str], dense: Sequence[Sequence[float]] = ()
    ) -> FloatArray:
        """P of every output column for every text (dense features appended when given)."""
        out = np.zeros((len(texts), len(self.intercept)), dtype=np.float64)
        width = self.vectoriser.n_features
        for row, text in enumerate(texts):
            columns, values = self.vectoriser.row(text)
            z = values @ self.coef[columns] + self.intercept
            if dense:
                z = (
                    z
                    + (np.asarray(dense[row], dtype=np.float64) * self.dense_scale)
                    @ self.coef[width:]
                )
            out[row] = z
        return _sigmoid(out)


@dataclass(frozen=True, slots=True)
class SpanGuess:
    """A span of the text the segment model finds, with its mean P(inside a span)."""

    start: int
    end: int
    probability: float


@dataclass(frozen=True, slots=True)
class WindowGuess:
    """What the models say of one window: P(manipulative), P of each technique (task order),
    the techniques named, and the spans found."""

    start: int
    end: int
    manipulative: float
    probabilities: tuple[float, ...]
    techniques: tuple[str, ...]
    spans: tuple[SpanGuess, ...]

    def ranked(self) -> list[tuple[str, float]]:
        """The named techniques with their probabilities, most probable first; the single most
        probable technique when none is named."""
        pairs = sorted(zip(TECHNIQUES, self.probabilities, strict=True), key=lambda p: -p[1])
        named = [p for p in pairs if p[0] in self.techniques]
        return named or pairs[:1]


@dataclass(frozen=True)
class RuukModels:
    """The post model (column 0 manipulative, then the ten techniques), the segment model and the
    thresholds chosen by cross-validation."""

    post: LinearBlock
    segment: LinearBlock
    technique_thresholds: tuple[float, ...]
    segment_threshold: float
    training: Mapping[str, Any]
    dense_names: tuple[str, ...] = DENSE_NAMES  # the segment model's dense features, in order
    smoothing: float = SMOOTHING  # the share of a segment's own P (1: no smoothing)
    post_dense: str = ""  # POST_DENSE when the post model reads the mean navec vector
    segment_vector: str = ""  # POST_DENSE when the segment model reads the segment's navec mean

    def dense(self, window: Sequence[float], index: int, count: int, tokens: int) -> list[float]:
        """The dense features the segment model was trained with (see :func:`segment_dense`)."""
        every = dict(zip(DENSE_NAMES, segment_dense(window, index, count, tokens), strict=True))
        return [every[name] for name in self.dense_names]

    def _segment_vector(self, text: str) -> list[float]:
        """The segment's mean navec vector, divided by the dense scale (which multiplies every
        dense feature), when the segment model reads it."""
        if not self.segment_vector:
            return []
        return [v / self.segment.dense_scale for v in navec_mean(text)]

    def window(self, text: str, start: int, end: int) -> WindowGuess:
        """The guess for ``text[start:end]``, read as one post."""
        dense = [navec_mean(text[start:end])] if self.post_dense else []
        probs = self.post.probabilities([text[start:end]], dense)[0]
        manipulative = float(probs[0])
        named = tuple(
            t
            for t, p, th in zip(TECHNIQUES, probs[1:], self.technique_thresholds, strict=True)
            if p >= th
        )
        pieces = segments(text, start, end)
        dense = [
            self.dense(probs, i, len(pieces), len(_TOKEN.findall(text[s:e])))
            + self._segment_vector(text[s:e])
            for i, (s, e) in enumerate(pieces)
        ]
        inside = self.segment.probabilities([text[s:e] for s, e in pieces], dense)[:, 0]
        inside = smoothed(inside, self.smoothing)
        return WindowGuess(
            start=start,
            end=end,
            manipulative=manipulative,
            probabilities=tuple(float(p) for p in probs[1:]),
            techniques=named,
            spans=tuple(_joined(text, pieces, inside, self.segment_threshold)),
        )

    def read(self, text: str) -> list[WindowGuess]:
        """The guesses for every window of a text."""
        return [self.window(text, s, e) for s, e in windows(text)]

    def whole(self, text: str) -> WindowGuess:
        """The guess for a whole text read as one post (how the task's data is scored)."""
        stripped = text.strip()
        if not stripped:
            return WindowGuess(0, 0, 0.0, (0.0,) * len(TECHNIQUES), (), ())
        start = len(text) - len(text.lstrip())
        return self.window(text, start, start + len(stripped))


def _joined(
    text: str, pieces: Sequence[tuple[int, int]], inside: FloatArray, threshold: float
) -> list[SpanGuess]:
    """Runs of segments at or above the threshold, joined across white space."""
    out: list[SpanGuess] = []
    run: list[int] = []
    for i in [*range(len(pieces)), -1]:
        if (
            i >= 0
            and inside[i] >= threshold
            and (not run or not text[pieces[run[-1]][1] : pieces[i][0]].strip())
        ):
            run.append(i)
            continue
        if run:
            mean = float(np.mean([inside[j] for j in run]))
            out.append(SpanGuess(pieces[run[0]][0], pieces[run[-1]][1], mean))
        run = [i] if i >= 0 and inside[i] >= threshold else []
    return out


# --- files ---------------------------------------------------------------------------------------


def _block_record(block: LinearBlock) -> dict[str, Any]:
    vec = block.vectoriser
    return {
        **vec.config.to_record(),
        "word_vocab": list(vec.word_vocab),
        "char_vocab": list(vec.char_vocab),
        "dense_scale": block.dense_scale,
    }


def write_models(models: RuukModels, folder: Path) -> dict[str, str]:
    """Write ``techniques_ruuk.npz`` and ``techniques_ruuk.json``; returns {file name: sha256}.

    The weights are float32 arrays read with ``allow_pickle=False``; the same models give the
    same bytes (a fixed timestamp inside the zip)."""
    import io
    import zipfile

    folder.mkdir(parents=True, exist_ok=True)
    arrays = {
        "post_word_idf": models.post.vectoriser.word_idf,
        "post_char_idf": models.post.vectoriser.char_idf,
        "post_coef": models.post.coef,
        "post_intercept": models.post.intercept,
        "segment_word_idf": models.segment.vectoriser.word_idf,
        "segment_char_idf": models.segment.vectoriser.char_idf,
        "segment_coef": models.segment.coef,
        "segment_intercept": models.segment.intercept,
    }
    weights = folder / f"{FILE_STEM}.npz"
    with zipfile.ZipFile(weights, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for key in _ARRAYS:
            buffer = io.BytesIO()
            np.lib.format.write_array(
                buffer, np.asarray(arrays[key], dtype=np.float32), allow_pickle=False
            )
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())
    record = {
        "format": FORMAT,
        "techniques": list(TECHNIQUES),
        "technique_thresholds": list(models.technique_thresholds),
        "segment_threshold": models.segment_threshold,
        "window_words": WINDOW_WORDS,
        "segment_dense": list(models.dense_names),
        "segment_smoothing": models.smoothing,
        "post_dense": models.post_dense,
        "segment_vector": models.segment_vector,
        "weights": {"file": weights.name, "sha256": sha256_file(weights)},
        "training": dict(models.training),
        "post": _block_record(models.post),
        "segment": _block_record(models.segment),
    }
    meta = folder / f"{FILE_STEM}.json"
    meta.write_text(json.dumps(record, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return {meta.name: sha256_file(meta), weights.name: sha256_file(weights)}


def _require(path: Path) -> Path:
    if not path.is_file():
        raise SpinscopeError("E511", name=FILE_STEM, path=path)
    return path


def load_models(folder: Path = MODEL_DIR) -> RuukModels:
    """Read and verify the models in ``folder``: E511 for a missing file, E510 for a file whose
    sha256 differs from the card's (or the JSON's), E512 for files this runtime cannot read."""
    card = _require(folder / CARD)
    meta = _require(folder / f"{FILE_STEM}.json")
    if card_hashes(card).get(meta.name) != sha256_file(meta):
        raise SpinscopeError("E510", path=meta)
    try:
        record = json.loads(meta.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SpinscopeError("E512", path=meta, detail=str(exc)) from exc
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise SpinscopeError("E512", path=meta, detail=f"format is not {FORMAT}")
    try:
        weights = _require(folder / str(record["weights"]["file"]))
        if card_hashes(card).get(weights.name) != sha256_file(weights):
            raise SpinscopeError("E510", path=weights)
        if sha256_file(weights) != record["weights"]["sha256"]:
            raise SpinscopeError("E510", path=weights)
        return _build(record, weights)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise SpinscopeError("E512", path=meta, detail=f"{type(exc).__name__}: {exc}") from exc


def read_written(folder: Path) -> RuukModels:
    """The models training has just written to ``folder``, read back as the detector reads them:
    the weights checked against the JSON's sha256 (the card and the package's table of shipped
    hashes are written after training)."""
    meta = _require(folder / f"{FILE_STEM}.json")
    record = json.loads(meta.read_text(encoding="utf-8"))
    weights = _require(folder / str(record["weights"]["file"]))
    if sha256_file(weights) != record["weights"]["sha256"]:
        raise SpinscopeError("E510", path=weights)
    return _build(record, weights)


def _block(spec: Mapping[str, Any], arrays: Mapping[str, FloatArray], prefix: str) -> LinearBlock:
    vectoriser = Vectoriser(
        VectoriserConfig.from_record(spec),
        word_vocab=[str(t) for t in spec["word_vocab"]],
        char_vocab=[str(t) for t in spec["char_vocab"]],
        word_idf=arrays[f"{prefix}_word_idf"],
        char_idf=arrays[f"{prefix}_char_idf"],
    )
    coef, intercept = arrays[f"{prefix}_coef"], arrays[f"{prefix}_intercept"]
    if coef.ndim != 2 or coef.shape[0] < vectoriser.n_features:
        raise ValueError(f"{prefix}_coef does not match the vocabulary")
    if intercept.shape != (coef.shape[1],):
        raise ValueError(f"{prefix}_intercept does not match {prefix}_coef")
    if len(vectoriser.word_idf) != len(vectoriser.word_vocab) or len(vectoriser.char_idf) != len(
        vectoriser.char_vocab
    ):
        raise ValueError(f"the {prefix} idf arrays do not match the vocabulary")
    return LinearBlock(vectoriser, coef, intercept, float(spec["dense_scale"]))


def _build(record: Mapping[str, Any], weights: Path) -> RuukModels:
    if tuple(record["techniques"]) != TECHNIQUES:
        raise ValueError("the techniques differ from this runtime's")
    with np.load(weights, allow_pickle=False) as data:
        arrays = {key: np.asarray(data[key], dtype=np.float64) for key in _ARRAYS}
    post = _block(record["post"], arrays, "post")
    segment = _block(record["segment"], arrays, "segment")
    post_dense = str(record.get("post_dense", ""))
    if post_dense not in ("", POST_DENSE):
        raise ValueError(f"unknown post features: {post_dense!r}")
    width = post.vectoriser.n_features + (NAVEC_DIM if post_dense else 0)
    if post.coef.shape != (width, 1 + len(TECHNIQUES)):
        raise ValueError("post_coef does not match the vocabulary and the techniques")
    dense_names = tuple(str(name) for name in record["segment_dense"])
    if not set(dense_names) <= set(DENSE_NAMES):
        raise ValueError(f"unknown segment features: {sorted(set(dense_names) - set(DENSE_NAMES))}")
    segment_vector = str(record.get("segment_vector", ""))
    if segment_vector not in ("", POST_DENSE):
        raise ValueError(f"unknown segment features: {segment_vector!r}")
    extra = NAVEC_DIM if segment_vector else 0
    if segment.coef.shape != (segment.vectoriser.n_features + len(dense_names) + extra, 1):
        raise ValueError("segment_coef does not match the vocabulary and the dense features")
    thresholds = tuple(float(t) for t in record["technique_thresholds"])
    if len(thresholds) != len(TECHNIQUES):
        raise ValueError("one threshold per technique is needed")
    return RuukModels(
        post=post,
        segment=segment,
        technique_thresholds=thresholds,
        segment_threshold=float(record["segment_threshold"]),
        training=dict(record.get("training", {})),
        dense_names=dense_names,
        smoothing=float(record.get("segment_smoothing", 1.0)),
        post_dense=post_dense,
        segment_vector=segment_vector,
    )


@lru_cache(maxsize=1)
def shipped_models() -> RuukModels:
    """The shipped models, read and verified once per process."""
    return load_models(MODEL_DIR)


# --- findings ------------------------------------------------------------------------------------


def technique_of(task_id: str) -> taxonomy.Technique:
    """The taxonomy technique a task technique maps to."""
    return taxonomy.by_label(task_id)


def _running_text(document: Document) -> list[tuple[int, int]]:
    """The ranges of the parts whose sentences are scored for techniques (the whole text when
    structure recovery did not run): no finding falls on a byline, caption or prompt."""
    if not document.parts:
        return [(0, len(document.text))]
    return [(p.start, p.end) for p in document.parts if part_kind(p.kind).claim_bearing]


def _pieces(
    text: str, start: int, end: int, ranges: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """``start``-``end`` cut to ``ranges``, each piece without spaces at its ends."""
    pieces = []
    for low, high in ranges:
        a, b = max(start, low), min(end, high)
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            pieces.append((a, b))
    return pieces


def detect(document: Document, *, models: RuukModels | None = None) -> list[Span]:
    """One ``technique`` finding per span in running text, labelled with the most probable
    technique named for its window; the window's other named techniques are in its explanation
    (the data's labels are per post, so a span cannot be told apart by technique)."""
    if document.meta.language not in LANGUAGES:
        return []
    models = models or shipped_models()
    ranges = _running_text(document)
    findings: list[Span] = []
    for guess in models.read(document.text):
        (task_id, p_technique), *others = guess.ranked()
        technique = technique_of(task_id)
        also = (
            "; window also: " + ", ".join(f"{technique_of(t).name} {p:.2f}" for t, p in others)
            if others
            else ""
        )
        for span in guess.spans:
            for start, end in _pieces(document.text, span.start, span.end, ranges):
                findings.append(
                    make_span(
                        document,
                        start,
                        end,
                        layer=LAYER,
                        label=technique.id,
                        score=min(1.0, max(0.0, span.probability * p_technique)),
                        detector=DETECTOR,
                        explanation=(
                            f"{technique.name} ({task_id}): P(span) {span.probability:.2f} x "
                            f"P(technique) {p_technique:.2f}; window P(manipulative) "
                            f"{guess.manipulative:.2f}{also}"
                        ),
                        attrs=TechniqueAttrs(
                            ptc_label=technique.ptc_label, technique_name=technique.name
                        ),
                    )
                )
    return findings


def make_detector(config: AnalysisConfig) -> Callable[[Document, Products], list[Span]]:
    """The pipeline component: loads and verifies the models when the pipeline is built."""
    models = shipped_models()

    def run(document: Document, products: Products) -> list[Span]:
        return detect(document, models=models)

    return run


COMPONENT: Final = ComponentSpec(
    name=NAME,
    version=VERSION,
    kind="detector",
    factory=make_detector,
    requires=("meta.language",),
    assigns=("findings.technique",),
    layers={LAYER: LayerLabels({technique_of(t).id: technique_of(t).name for t in TECHNIQUES})},
    description="persuasion techniques in Russian and Ukrainian: post-sized windows, n-gram models",
    languages=frozenset(LANGUAGES),
    title="persuasion techniques (Russian, Ukrainian)",
)
