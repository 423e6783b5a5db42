"""A small runtime for "vectoriser + linear model" text classifiers, with no pickle.

An artefact named ``NAME`` is a folder holding:

* ``NAME.json``: the format, class labels, decision threshold, Platt calibration, the vectoriser
  (its settings, vocabularies and regular-expression cues), the sha256 of the weights file and
  what the model was trained on;
* ``NAME.npz``: float32 arrays ``word_idf``, ``char_idf``, ``coef`` and ``intercept``, read with
  ``np.load(allow_pickle=False)``;
* ``MODEL_CARD.md``: what the model is for, and a table of the sha256 of both files.

:func:`load_model` checks the JSON against the card and the weights against the JSON, so an edited
or truncated file is refused with a coded error instead of giving quietly wrong scores.

Features are computed here, in plain Python and numpy, and training builds its matrices from the
very same :class:`Vectoriser` methods, so a score at run time is the score the model was fitted
and calibrated on. A feature vector is three blocks, each handled like scikit-learn's
``TfidfVectorizer(sublinear_tf=True, norm="l2", smooth_idf=True)``:

1. word n-grams of the lower-cased text (tokens from ``token_pattern``),
2. character n-grams of the lower-cased text with single spaces and a space at each end,
3. cues: one binary feature per regular expression, matched on the text as written. A cue is
   compiled by :func:`cue_regex`, each unbounded repeat capped (:data:`CUE_REPEAT`,
   :data:`ANCHORED_REPEAT`), so that hostile text (``1.1.1.…``, ``....Mr.Mr.``) is matched in
   time linear in its length. Over the CheckThat 2024 sentences and the PTC articles'
   lines, every cue of the shipped models matches the same text bounded as unbounded.

A model may add a fourth block (format ``spinscope.textmodel/2``): a dense vector per text from an
outside encoder that the caller runs and passes in (its name is recorded, never its weights),
centred on the training mean (array ``dense_mean``), scaled to unit length, then multiplied by
``scale`` (:class:`DenseBlock`). A model without one is written as ``spinscope.textmodel/1``.
"""

from __future__ import annotations

import io
import json
import math
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from spinscope.errors import SpinscopeError
from spinscope.model_manifest import check_card
from spinscope.model_manifest import sha256_file as sha256_file  # the model files' one hash

FORMAT: Final = "spinscope.textmodel/1"
DENSE_FORMAT: Final = "spinscope.textmodel/2"  # with a dense block
FORMATS: Final = (FORMAT, DENSE_FORMAT)
CARD: Final = "MODEL_CARD.md"
WORD_REGEX: Final = r"[^\W_]+(?:'[^\W_]+)*|[%$€£?!]"
ARRAYS: Final = ("word_idf", "char_idf", "coef", "intercept")

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_SPACE = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
_ANCHORED = re.compile(r"(?:\(\?[aiLmsux]+\))?(?:\^|\\A)")
_OPEN_REPEAT = re.compile(r"\{(\d+),\}")
_REPEAT = re.compile(r"\{\d*(?:,\d*)?\}")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"', "„": '"'})
# The longest run an unbounded repeat of a cue may take (*, +, {m,}): 20 changes no cue match over
# the 44,857 CheckThat 2024 sentences and PTC article lines, and halves the work of 40 on hostile
# runs (a cue is tried from each of their positions).
CUE_REPEAT: Final = 20
ANCHORED_REPEAT: Final = 100
# One fixed timestamp inside the weights zip, so the same arrays always give the same bytes.
_ZIP_TIME: Final = (2020, 1, 1, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class Cue:
    """A hand-made binary feature: does ``pattern`` match the sentence as written?"""

    name: str  # the feature's name, unique in a model ("number", "percent", ...)
    label: str  # how an explanation calls what it matched ("number", "comparison", ...)
    pattern: str  # a Python regular expression; inline flags such as (?i) are allowed

    def to_record(self) -> dict[str, str]:
        return {"name": self.name, "label": self.label, "pattern": self.pattern}


@dataclass(frozen=True, slots=True)
class DenseBlock:
    """Dense features: a vector of ``dim`` floats per text from the encoder called ``name``."""

    name: str  # the encoder, as the caller knows it ("si_encoder_mean", ...)
    dim: int
    scale: float = 1.0  # the block's length once centred and normalised

    def to_record(self) -> dict[str, Any]:
        return {"name": self.name, "dim": self.dim, "scale": self.scale}


@dataclass(frozen=True, slots=True)
class VectoriserConfig:
    """How text becomes features; saved in the artefact so run time repeats training exactly."""

    token_pattern: str = WORD_REGEX
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] | None = (2, 5)  # None: no character block
    digits_to_zero: bool = False  # read every digit as 0 in the word and character blocks
    cues: tuple[Cue, ...] = ()
    dense: DenseBlock | None = None  # None: sparse blocks only

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "token_pattern": self.token_pattern,
            "word_ngrams": list(self.word_ngrams),
            "char_ngrams": list(self.char_ngrams) if self.char_ngrams else None,
            "digits_to_zero": self.digits_to_zero,
            "cues": [cue.to_record() for cue in self.cues],
        }
        if self.dense is not None:
            record["dense"] = self.dense.to_record()
        return record

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> VectoriserConfig:
        low, high = record["word_ngrams"]
        chars = record["char_ngrams"]
        dense = record.get("dense")
        return cls(
            token_pattern=str(record["token_pattern"]),
            word_ngrams=(int(low), int(high)),
            char_ngrams=(int(chars[0]), int(chars[1])) if chars else None,
            digits_to_zero=bool(record["digits_to_zero"]),
            cues=tuple(
                Cue(str(c["name"]), str(c["label"]), str(c["pattern"])) for c in record["cues"]
            ),
            dense=(
                DenseBlock(str(dense["name"]), int(dense["dim"]), float(dense["scale"]))
                if dense is not None
                else None
            ),
        )


def cue_regex(pattern: str) -> re.Pattern[str]:
    """A cue's compiled pattern, its repeats bounded (:func:`bounded_pattern`): at
    :data:`CUE_REPEAT`, or at :data:`ANCHORED_REPEAT` for a cue anchored at the start of the text.
    An anchored cue is tried from one position only, so its cost is bounded by the square of its
    bound per sentence, whatever the sentence's length; the larger bound keeps the 'short' cue
    reading a separator line of a hundred dashes whole."""
    anchored = _ANCHORED.match(pattern) is not None
    return re.compile(bounded_pattern(pattern, ANCHORED_REPEAT if anchored else CUE_REPEAT))


def bounded_pattern(pattern: str, limit: int = CUE_REPEAT) -> str:
    """``pattern`` with each unbounded repeat capped at ``limit``: ``*`` as ``{0,limit}``, ``+`` as
    ``{1,limit}``, ``{m,}`` as ``{m,limit}``; escapes, character classes, lazy and possessive
    markers are kept. A pattern that tries a repeat from each of n positions then costs
    O(n * limit) instead of O(n**2)."""
    out: list[str] = []
    at = 0
    quantified = False  # the previous token was a repeat, so '+' or '?' after it is a marker
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            out.append(pattern[at : at + 2])
            at += 2
            quantified = False
            continue
        if char == "[":
            close = at + 1
            if close < len(pattern) and pattern[close] == "^":
                close += 1
            if close < len(pattern) and pattern[close] == "]":
                close += 1  # a ']' first in a class is a character of it
            while close < len(pattern) and pattern[close] != "]":
                close += 2 if pattern[close] == "\\" else 1
            out.append(pattern[at : close + 1])
            at = close + 1
            quantified = False
            continue
        if char in "*+?" and quantified:
            out.append(char)  # lazy or possessive marker of the repeat before it
            at += 1
            quantified = False
            continue
        if char == "*" or char == "+":
            out.append(f"{{{0 if char == '*' else 1},{limit}}}")
            at += 1
            quantified = True
            continue
        if char == "?":
            out.append(char)
            at += 1
            quantified = out[-2:-1] != ["("]  # '(?' opens a group extension
            continue
        if char == "{":
            match = _OPEN_REPEAT.match(pattern, at)
            if match:
                low = int(match.group(1))
                out.append(f"{{{low},{max(low, limit)}}}")
                at = match.end()
                quantified = True
                continue
            closed = _REPEAT.match(pattern, at)
            if closed:
                out.append(closed.group(0))
                at = closed.end()
                quantified = True
                continue
        out.append(char)
        at += 1
        quantified = False
    return "".join(out)


def normalise(text: str) -> str:
    """Typographic quotes as ASCII, runs of white space as one space, no space at either end."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


class Analyser:
    """Turns a text into its word terms, character terms and cue matches (no vocabulary)."""

    def __init__(self, config: VectoriserConfig) -> None:
        self.config = config
        self._token = re.compile(config.token_pattern)
        self._cues = tuple(cue_regex(cue.pattern) for cue in config.cues)

    def _folded(self, text: str) -> str:
        folded = normalise(text).lower()
        return _DIGIT.sub("0", folded) if self.config.digits_to_zero else folded

    def word_terms(self, text: str) -> list[str]:
        tokens = self._token.findall(self._folded(text))
        low, high = self.config.word_ngrams
        terms: list[str] = []
        for n in range(low, high + 1):
            if n == 1:
                terms.extend(tokens)
                continue
            terms += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
        return terms

    def char_terms(self, text: str) -> list[str]:
        if self.config.char_ngrams is None:
            return []
        padded = f" {self._folded(text)} "
        low, high = self.config.char_ngrams
        terms: list[str] = []
        for n in range(low, high + 1):
            terms += [padded[i : i + n] for i in range(len(padded) - n + 1)]
        return terms

    def cue_matches(self, text: str) -> list[str | None]:
        """For each cue, the first text it matched (normalised), or None."""
        clean = normalise(text)
        found: list[str | None] = []
        for regex in self._cues:
            match = regex.search(clean)
            found.append(match.group(0) if match else None)
        return found


def smooth_idf(df: npt.NDArray[Any], n_documents: int) -> FloatArray:
    """ln((1 + n) / (1 + df)) + 1, as scikit-learn computes it."""
    return np.log((1.0 + n_documents) / (1.0 + np.asarray(df, dtype=np.float64))) + 1.0


@dataclass(frozen=True, slots=True)
class Contribution:
    """One feature's share of a decision value: weight = feature value x coefficient."""

    kind: str  # "word", "char" or "cue"
    name: str  # the n-gram, or the cue's name
    surface: str  # what to show: the n-gram, or the text the cue matched
    label: str  # the cue's label; "" for n-grams
    weight: float


class Vectoriser:
    """An :class:`Analyser` with fixed vocabularies and idf weights: text in, sparse row out."""

    def __init__(
        self,
        config: VectoriserConfig,
        *,
        word_vocab: Sequence[str],
        char_vocab: Sequence[str],
        word_idf: npt.NDArray[Any],
        char_idf: npt.NDArray[Any],
        dense_mean: npt.NDArray[Any] | None = None,
    ) -> None:
        self.config = config
        self.analyser = Analyser(config)
        self.word_vocab = tuple(word_vocab)
        self.char_vocab = tuple(char_vocab)
        self.word_idf = np.asarray(word_idf, dtype=np.float64)
        self.char_idf = np.asarray(char_idf, dtype=np.float64)
        self._word_index = {term: i for i, term in enumerate(self.word_vocab)}
        self._char_index = {term: i for i, term in enumerate(self.char_vocab)}
        self.char_offset = len(self.word_vocab)
        self.cue_offset = self.char_offset + len(self.char_vocab)
        self.dense_offset = self.cue_offset + len(config.cues)
        dim = config.dense.dim if config.dense is not None else 0
        self.n_features = self.dense_offset + dim
        mean = np.zeros(dim) if dense_mean is None else np.asarray(dense_mean, dtype=np.float64)
        if mean.shape != (dim,):
            raise ValueError("dense_mean does not match the dense block")
        self.dense_mean = mean

    def dense_block(self, vectors: npt.NDArray[Any]) -> FloatArray:
        """The dense features of the encoder's ``vectors`` (one row per text): centred on the
        training mean, unit length, times the block's scale. Training and run time both use it."""
        if self.config.dense is None:
            raise ValueError("this vectoriser has no dense block")
        rows = np.asarray(vectors, dtype=np.float64).reshape(-1, self.config.dense.dim)
        rows = rows - self.dense_mean
        norms = np.sqrt(np.einsum("ij,ij->i", rows, rows))
        return np.asarray(rows / np.maximum(norms, 1e-9)[:, None] * self.config.dense.scale)

    def _block(
        self, terms: list[str], index: Mapping[str, int], idf: FloatArray, offset: int
    ) -> tuple[IntArray, FloatArray]:
        counts = Counter(map(index.get, terms))
        counts.pop(None, None)
        if not counts:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
        ids = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        order = np.argsort(ids)
        ids = ids[order]
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))[order]
        values = (1.0 + np.log(tf)) * idf[ids]
        norm = math.sqrt(float(values @ values))
        return ids + offset, values / norm

    def row(self, text: str) -> tuple[IntArray, FloatArray]:
        """The features of one text: sorted column indices and their values."""
        return self._row(text)[:2]

    def _row(self, text: str) -> tuple[IntArray, FloatArray, list[str | None]]:
        parts = [
            self._block(self.analyser.word_terms(text), self._word_index, self.word_idf, 0),
            self._block(
                self.analyser.char_terms(text), self._char_index, self.char_idf, self.char_offset
            ),
        ]
        matches = self.analyser.cue_matches(text)
        cues = [i for i, hit in enumerate(matches) if hit is not None]
        parts.append((np.asarray(cues, dtype=np.int64) + self.cue_offset, np.ones(len(cues))))
        columns = np.concatenate([p[0] for p in parts])
        return columns, np.concatenate([p[1] for p in parts]), matches

    def feature_name(self, column: int) -> tuple[str, str]:
        """(kind, name) of a column."""
        if column < self.char_offset:
            return "word", self.word_vocab[column]
        if column < self.cue_offset:
            return "char", self.char_vocab[column - self.char_offset]
        if column < self.dense_offset:
            return "cue", self.config.cues[column - self.cue_offset].name
        name = self.config.dense.name if self.config.dense is not None else "dense"
        return "dense", f"{name}[{column - self.dense_offset}]"


@dataclass(frozen=True)
class TextModel:
    """A calibrated binary linear classifier over a :class:`Vectoriser`.

    ``probability(text)`` is Platt-calibrated P(positive label); ``threshold`` is the decision
    threshold chosen when training.
    """

    name: str
    vectoriser: Vectoriser
    coef: FloatArray
    intercept: float
    platt: tuple[float, float]  # p = 1 / (1 + exp(-(a * decision + b)))
    threshold: float
    labels: tuple[str, str]  # (negative, positive)
    training: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def decision(self, text: str) -> float:
        if self.vectoriser.config.dense is not None:
            raise ValueError(f"model {self.name} needs the encoder's vectors: use probabilities")
        return self._sparse_decision(text)

    def _sparse_decision(self, text: str) -> float:
        columns, values = self.vectoriser.row(text)
        return float(values @ self.coef[columns]) + self.intercept

    def calibrate(self, decision: float) -> float:
        a, b = self.platt
        z = a * decision + b
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def probability(self, text: str) -> float:
        return self.calibrate(self.decision(text))

    def probabilities(
        self, texts: Iterable[str], vectors: npt.NDArray[Any] | None = None
    ) -> FloatArray:
        """P(positive) of each text; ``vectors`` (a row per text) feed the dense block, which a
        model with one requires."""
        if self.vectoriser.config.dense is None:
            return np.fromiter((self.probability(t) for t in texts), dtype=np.float64)
        if vectors is None:
            raise ValueError(f"model {self.name} needs the encoder's vectors")
        texts = list(texts)
        dense = self.vectoriser.dense_block(vectors)
        if len(dense) != len(texts):
            raise ValueError("one encoder vector per text is needed")
        weights = self.coef[self.vectoriser.dense_offset :]
        shares = (dense @ weights).tolist() if len(texts) else []
        decisions = [self._sparse_decision(t) + s for t, s in zip(texts, shares, strict=True)]
        return np.asarray([self.calibrate(d) for d in decisions], dtype=np.float64)

    def explain(
        self, text: str, *, top: int | None = None, vector: npt.NDArray[Any] | None = None
    ) -> tuple[float, list[Contribution]]:
        """P(positive) and the features' shares of the decision value, largest first.

        With ``top``, only the ``top`` largest positive shares of word n-grams and cues (the
        features a reader can recognise) are returned, which is much cheaper. A model with a
        dense block needs the encoder's ``vector`` of the text; the dense block's share enters
        the probability but is not listed (no reader can recognise a dimension).
        """
        dense_share = 0.0
        if self.vectoriser.config.dense is not None:
            if vector is None:
                raise ValueError(f"model {self.name} needs the encoder's vector of the text")
            block = self.vectoriser.dense_block(np.asarray(vector).reshape(1, -1))[0]
            dense_share = float(block @ self.coef[self.vectoriser.dense_offset :])
        columns, values, matches = self.vectoriser._row(text)
        weights = values * self.coef[columns]
        probability = self.calibrate(float(weights.sum()) + dense_share + self.intercept)
        if top is not None:
            vec = self.vectoriser
            readable = ((columns < vec.char_offset) | (columns >= vec.cue_offset)) & (weights > 0)
            columns, weights = columns[readable], weights[readable]
            order = np.argsort(-weights, kind="stable")[:top]
            columns, weights = columns[order], weights[order]
        return probability, self._contributions(columns, weights, matches)

    def contributions(self, text: str) -> list[Contribution]:
        """Every feature's share of the decision value of ``text``, largest first."""
        return self.explain(text)[1]

    def _contributions(
        self, columns: IntArray, weights: FloatArray, matches: list[str | None]
    ) -> list[Contribution]:
        vec = self.vectoriser
        cues = vec.config.cues
        out: list[Contribution] = []
        for column, weight in zip(columns.tolist(), weights.tolist(), strict=True):
            kind, name = vec.feature_name(column)
            if kind == "cue":
                cue = column - vec.cue_offset
                out.append(Contribution(kind, name, matches[cue] or "", cues[cue].label, weight))
            else:
                out.append(Contribution(kind, name, name, "", weight))
        out.sort(key=lambda c: (-c.weight, c.kind, c.name))
        return out


# --- files -----------------------------------------------------------------------------------


def write_model(model: TextModel, folder: Path) -> dict[str, str]:
    """Write ``NAME.npz`` and ``NAME.json`` into ``folder``; returns {file name: sha256}.

    The bytes depend only on the model, so the same training run gives the same files.
    """
    folder.mkdir(parents=True, exist_ok=True)
    vec = model.vectoriser
    arrays = {
        "word_idf": vec.word_idf.astype(np.float32),
        "char_idf": vec.char_idf.astype(np.float32),
        "coef": model.coef.astype(np.float32),
        "intercept": np.asarray([model.intercept], dtype=np.float32),
    }
    dense = vec.config.dense is not None
    if dense:
        arrays["dense_mean"] = vec.dense_mean.astype(np.float32)
    weights = folder / f"{model.name}.npz"
    with zipfile.ZipFile(weights, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for key in (*ARRAYS, "dense_mean") if dense else ARRAYS:
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, arrays[key], allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())
    record = {
        "format": DENSE_FORMAT if dense else FORMAT,
        "name": model.name,
        "labels": list(model.labels),
        "threshold": model.threshold,
        "calibration": {"method": "platt", "a": model.platt[0], "b": model.platt[1]},
        "weights": {"file": weights.name, "sha256": sha256_file(weights)},
        "training": dict(model.training),
        "vectoriser": {
            **vec.config.to_record(),
            "word_vocab": list(vec.word_vocab),
            "char_vocab": list(vec.char_vocab),
        },
    }
    meta = folder / f"{model.name}.json"
    meta.write_text(json.dumps(record, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return {meta.name: sha256_file(meta), weights.name: sha256_file(weights)}


def card_hashes(card: Path) -> dict[str, str]:
    """The ``| file | sha256 |`` rows of a model card; for a card spinscope ships, rows that are
    not those of the package's own table are refused (E514, :mod:`spinscope.model_manifest`)."""
    rows: dict[str, str] = {}
    for line in card.read_text(encoding="utf-8").splitlines():
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and re.fullmatch(r"[0-9a-f]{64}", cells[1]):
            rows[cells[0]] = cells[1]
    check_card(card, rows)
    return rows


def _require(path: Path, name: str) -> Path:
    if not path.is_file():
        raise SpinscopeError("E511", name=name, path=path)
    return path


def load_model(folder: Path, name: str) -> TextModel:
    """Read and verify the artefact ``name`` in ``folder``.

    Raises E511 when a file is missing, E510 when a file does not match its recorded sha256 and
    E512 when the files are well hashed but not a model this runtime can read.
    """
    card = _require(folder / CARD, name)
    meta = _require(folder / f"{name}.json", name)
    recorded = card_hashes(card).get(meta.name)
    if recorded != sha256_file(meta):
        raise SpinscopeError("E510", path=meta)
    try:
        record = json.loads(meta.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SpinscopeError("E512", path=meta, detail=str(exc)) from exc
    if not isinstance(record, dict) or record.get("format") not in FORMATS:
        raise SpinscopeError("E512", path=meta, detail=f"format is not one of {FORMATS}")
    try:
        weights = _require(folder / str(record["weights"]["file"]), name)
        if sha256_file(weights) != record["weights"]["sha256"]:
            raise SpinscopeError("E510", path=weights)
        return _build(record, weights)
    except (KeyError, TypeError, ValueError, IndexError, re.error) as exc:
        raise SpinscopeError("E512", path=meta, detail=f"{type(exc).__name__}: {exc}") from exc


def _build(record: Mapping[str, Any], weights: Path) -> TextModel:
    with np.load(weights, allow_pickle=False) as data:
        arrays = {key: np.asarray(data[key], dtype=np.float64) for key in ARRAYS}
        config = VectoriserConfig.from_record(record["vectoriser"])
        if (config.dense is not None) != (record["format"] == DENSE_FORMAT):
            raise ValueError("a dense block goes with format " + DENSE_FORMAT)
        mean = np.asarray(data["dense_mean"], dtype=np.float64) if config.dense else None
    spec = record["vectoriser"]
    vectoriser = Vectoriser(
        config,
        word_vocab=[str(t) for t in spec["word_vocab"]],
        char_vocab=[str(t) for t in spec["char_vocab"]],
        word_idf=arrays["word_idf"],
        char_idf=arrays["char_idf"],
        dense_mean=mean,
    )
    if arrays["word_idf"].shape != (len(vectoriser.word_vocab),):
        raise ValueError("word_idf does not match the word vocabulary")
    if arrays["char_idf"].shape != (len(vectoriser.char_vocab),):
        raise ValueError("char_idf does not match the character vocabulary")
    if arrays["coef"].shape != (vectoriser.n_features,) or arrays["intercept"].shape != (1,):
        raise ValueError("coef or intercept does not match the features")
    negative, positive = record["labels"]
    calibration = record["calibration"]
    return TextModel(
        name=str(record["name"]),
        vectoriser=vectoriser,
        coef=arrays["coef"],
        intercept=float(arrays["intercept"][0]),
        platt=(float(calibration["a"]), float(calibration["b"])),
        threshold=float(record["threshold"]),
        labels=(str(negative), str(positive)),
        training=MappingProxyType(dict(record.get("training", {}))),
    )
