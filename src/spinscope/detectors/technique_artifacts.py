"""Artefacts of the persuasion-technique models: the folder the detector loads, and its writer.

A folder holds ``techniques.json`` (settings, vocabularies, labels, calibration, the sha256 of
the other files), ``techniques.npz`` (float32 arrays, read with ``allow_pickle=False``),
``si.crfsuite`` (crfsuite's own model format), the span encoder's ``si_encoder.onnx`` and
``si_tokenizer.json`` when the record names them, the classifier's span network
``tc_network.onnx`` (which reads the span encoder's word embeddings), and ``MODEL_CARD.md``,
whose sha256 table is checked on loading: E510 for a changed file, E511 for a missing one, E512
for one this runtime cannot read. The models themselves live in
:mod:`spinscope.detectors.technique_model` and :mod:`spinscope.detectors.technique_encoder`.
"""

from __future__ import annotations

import io
import json
import math
import re
import shutil
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from spinscope.detectors.onnx_graph import dequantized
from spinscope.detectors.technique_encoder import (
    ENCODER_FILE,
    TOKENIZER_FILE,
    SpanEncoder,
    load_tokenizer,
)
from spinscope.detectors.technique_model import (
    _ZIP_TIME,
    BLOCK_WEIGHTS,
    CRF_FILE,
    FORMAT,
    GATE_DENSE,
    HAND,
    HAND_NAMES,
    NAME,
    Decoding,
    FloatArray,
    SentenceGate,
    Tagger,
    TCFeaturiser,
    TCModel,
    WordRates,
)
from spinscope.detectors.technique_vectors import (
    NETWORK_FILE,
    WORD_EMBEDDINGS,
    PieceVectors,
    SpanNetwork,
    SpanVectors,
)
from spinscope.errors import SpinscopeError
from spinscope.textmodel import CARD, Vectoriser, VectoriserConfig, card_hashes, sha256_file


@dataclass(frozen=True)
class TechniqueModels:
    """Everything the techniques detector needs, read from one artefact folder."""

    tagger: Tagger
    rates: WordRates
    decoding: Decoding
    si_platt: tuple[float, float]  # P(span) = 1 / (1 + exp(-(a * mean token probability + b)))
    tc: TCModel
    rule_precision: Mapping[str, float]
    training: Mapping[str, Any] = field(default_factory=dict)
    gate: SentenceGate | None = None  # None: every sentence counts as P(holds a span) = 1
    encoder: SpanEncoder | None = None  # None: the CRF's token probabilities alone
    encoder_weight: float = 0.0  # a word's P(inside) = (1 - w) CRF + w encoder

    def span_probability(self, confidence: float) -> float:
        a, b = self.si_platt
        z = a * confidence + b
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def write_arrays(path: Path, arrays: Mapping[str, npt.NDArray[Any]]) -> None:
    """An npz file whose bytes depend only on the arrays (sorted names, fixed timestamps)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for key in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(arrays[key]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


def _vectoriser_record(vec: Vectoriser) -> dict[str, Any]:
    return {
        **vec.config.to_record(),
        "word_vocab": list(vec.word_vocab),
        "char_vocab": list(vec.char_vocab),
    }


def write_models(
    folder: Path,
    *,
    tc: TCModel,
    rates: WordRates,
    decoding: Decoding,
    si_platt: tuple[float, float],
    rule_precision: Mapping[str, float],
    training: Mapping[str, Any],
    gate: SentenceGate | None = None,
    encoder: tuple[Mapping[str, str], float] | None = None,
) -> dict[str, str]:
    """Write ``techniques.json`` and ``techniques.npz`` beside ``si.crfsuite`` (and the span
    encoder's files, when ``encoder`` gives their hashes and weight), all already in
    ``folder``; returns {file name: sha256} of them all."""
    crf = folder / CRF_FILE
    if not crf.is_file():
        raise SpinscopeError("E511", name=NAME, path=crf)
    words = sorted(rates.rates)
    feat = tc.featuriser
    arrays: dict[str, npt.NDArray[Any]] = {
        "span_word_idf": feat.span.word_idf.astype(np.float32),
        "span_char_idf": feat.span.char_idf.astype(np.float32),
        "sentence_word_idf": feat.sentence.word_idf.astype(np.float32),
        "neighbour_word_idf": feat.neighbours.word_idf.astype(np.float32),
        "coef": tc.coef.astype(np.float32),
        "intercept": tc.intercept.astype(np.float32),
        "hand_mean": tc.hand_mean.astype(np.float32),
        "hand_scale": tc.hand_scale.astype(np.float32),
        "rates": np.asarray([rates.rates[w] for w in words], dtype=np.float32),
    }
    if gate is not None:
        arrays.update(
            {
                "gate_word_idf": gate.vectoriser.word_idf.astype(np.float32),
                "gate_char_idf": gate.vectoriser.char_idf.astype(np.float32),
                "gate_coef": gate.coef.astype(np.float32),
                "gate_intercept": np.asarray([gate.intercept], dtype=np.float32),
                "gate_dense_mean": gate.dense_mean.astype(np.float32),
                "gate_dense_scale": gate.dense_scale.astype(np.float32),
            }
        )
    network = feat.vectors if isinstance(feat.vectors, SpanNetwork) else None
    if isinstance(feat.vectors, PieceVectors):
        arrays["piece_vectors"] = feat.vectors.table.astype(np.float16)
    if network is not None:
        if encoder is None:
            raise ValueError("the span network needs the span encoder's word embeddings")
        if network.path.resolve() != (folder / NETWORK_FILE).resolve():
            shutil.copyfile(network.path, folder / NETWORK_FILE)
    weights = folder / f"{NAME}.npz"
    write_arrays(weights, arrays)
    record = {
        "format": FORMAT,
        "classes": list(tc.classes),
        "temperature": tc.temperature,
        "hand_features": list(HAND_NAMES),
        "block_weights": BLOCK_WEIGHTS,
        "decoding": decoding.to_record(),
        "si_calibration": {"method": "platt", "a": si_platt[0], "b": si_platt[1]},
        "rate_prior": rates.prior,
        "rate_words": words,
        "rule_precision": dict(rule_precision),
        "weights": {"file": weights.name, "sha256": sha256_file(weights)},
        "crf": {"file": crf.name, "sha256": sha256_file(crf)},
        "training": dict(training),
        "vectorisers": {
            "span": _vectoriser_record(feat.span),
            "sentence": _vectoriser_record(feat.sentence),
            "neighbours": _vectoriser_record(feat.neighbours),
        },
        "vectors": None
        if feat.vectors is None
        else {
            "kind": "pieces" if network is None else "network",
            **(
                {}
                if network is None
                else {
                    "file": NETWORK_FILE,
                    "sha256": sha256_file(folder / NETWORK_FILE),
                    "word_embeddings": ENCODER_FILE,
                }
            ),
            "dims": feat.vectors.dims,
            "weight": feat.vectors.weight,
            "tokenizer": TOKENIZER_FILE,
            "tokenizer_sha256": sha256_file(_require(folder / TOKENIZER_FILE)),
        },
        "gate": None
        if gate is None
        else {
            "dense_features": list(GATE_DENSE),
            "vectoriser": _vectoriser_record(gate.vectoriser),
        },
        "encoder": None
        if encoder is None
        else {
            "file": ENCODER_FILE,
            "sha256": encoder[0][ENCODER_FILE],
            "tokenizer": TOKENIZER_FILE,
            "tokenizer_sha256": encoder[0][TOKENIZER_FILE],
            "weight": encoder[1],
        },
    }
    meta = folder / f"{NAME}.json"
    meta.write_text(json.dumps(record, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    files = [meta, weights, crf]
    if encoder is not None:
        files += [folder / ENCODER_FILE, folder / TOKENIZER_FILE]
    if network is not None:
        files.append(folder / NETWORK_FILE)
    return {p.name: sha256_file(p) for p in files}


def _require(path: Path) -> Path:
    if not path.is_file():
        raise SpinscopeError("E511", name=NAME, path=path)
    return path


def load_models(folder: Path) -> TechniqueModels:
    """Read and verify the artefact folder (E510 changed file, E511 missing, E512 unreadable)."""
    card = card_hashes(_require(folder / CARD))
    meta = _require(folder / f"{NAME}.json")
    if card.get(meta.name) != sha256_file(meta):
        raise SpinscopeError("E510", path=meta)
    try:
        record = json.loads(meta.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SpinscopeError("E512", path=meta, detail=str(exc)) from exc
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise SpinscopeError("E512", path=meta, detail=f"format is not {FORMAT}")
    try:
        files = {}
        for key in ("weights", "crf"):
            path = _require(folder / str(record[key]["file"]))
            digest = sha256_file(path)
            if digest != record[key]["sha256"] or card.get(path.name, digest) != digest:
                raise SpinscopeError("E510", path=path)
            files[key] = path
        models = _build(record, files["weights"], files["crf"])
        spec = record.get("encoder")
        if spec is None:
            return models
        for name, key in (("file", "sha256"), ("tokenizer", "tokenizer_sha256")):
            path = _require(folder / str(spec[name]))
            digest = sha256_file(path)
            if digest != spec[key] or card.get(path.name, digest) != digest:
                raise SpinscopeError("E510", path=path)
            files[name] = path
        weight = float(spec["weight"])
        if not 0.0 <= weight <= 1.0:
            raise ValueError("the encoder's weight is not in [0, 1]")
        try:
            encoder = SpanEncoder(files["file"], files["tokenizer"])
        except ImportError as exc:
            raise SpinscopeError("E512", path=files["file"], detail=str(exc)) from exc
        except Exception as exc:  # onnxruntime and tokenizers raise their own types
            raise SpinscopeError(
                "E512", path=files["file"], detail=f"{type(exc).__name__}: {exc}"
            ) from exc
        return replace(models, encoder=encoder, encoder_weight=weight)
    except (KeyError, TypeError, ValueError, IndexError, re.error) as exc:
        raise SpinscopeError("E512", path=meta, detail=f"{type(exc).__name__}: {exc}") from exc


def _vectoriser(spec: Mapping[str, Any], word_idf: FloatArray, char_idf: FloatArray) -> Vectoriser:
    vec = Vectoriser(
        VectoriserConfig.from_record(spec),
        word_vocab=[str(t) for t in spec["word_vocab"]],
        char_vocab=[str(t) for t in spec["char_vocab"]],
        word_idf=word_idf,
        char_idf=char_idf,
    )
    if word_idf.shape != (len(vec.word_vocab),) or char_idf.shape != (len(vec.char_vocab),):
        raise ValueError("an idf array does not match its vocabulary")
    return vec


def _vectors(spec: Any, a: Mapping[str, FloatArray], folder: Path) -> SpanVectors | None:
    """The classifier's span vectors (the span network on the span encoder's word embeddings,
    or word-piece vectors), with the files the record names and hashes."""
    if spec is None:
        return None
    path = _require(folder / str(spec["tokenizer"]))
    if sha256_file(path) != spec["tokenizer_sha256"]:
        raise SpinscopeError("E510", path=path)
    if spec.get("kind", "pieces") == "network":
        network = _require(folder / str(spec["file"]))
        if sha256_file(network) != spec["sha256"]:
            raise SpinscopeError("E510", path=network)
        source = _require(folder / str(spec["word_embeddings"]))
        embeddings = dequantized(source.read_bytes(), WORD_EMBEDDINGS)
        return SpanNetwork(network, embeddings, load_tokenizer(path), float(spec["weight"]))
    table = a["piece_vectors"]
    if table.shape[1] != int(spec["dims"]):
        raise ValueError("the word-piece vectors do not match their dimensions")
    return PieceVectors(table, load_tokenizer(path), float(spec["weight"]))


def _build(record: Mapping[str, Any], weights: Path, crf: Path) -> TechniqueModels:
    with np.load(weights, allow_pickle=False) as data:
        a = {key: np.asarray(data[key], dtype=np.float64) for key in data.files}
    empty = np.zeros(0, dtype=np.float64)
    specs = record["vectorisers"]
    featuriser = TCFeaturiser(
        _vectoriser(specs["span"], a["span_word_idf"], a["span_char_idf"]),
        _vectoriser(specs["sentence"], a["sentence_word_idf"], empty),
        _vectoriser(specs["neighbours"], a["neighbour_word_idf"], empty),
        _vectors(record.get("vectors"), a, crf.parent),
    )
    classes = tuple(str(c) for c in record["classes"])
    if list(record["hand_features"]) != list(HAND_NAMES):
        raise ValueError("the hand features differ from this runtime's")
    if a["coef"].shape != (featuriser.n_sparse + len(HAND), len(classes)):
        raise ValueError("coef does not match the features and classes")
    words = [str(w) for w in record["rate_words"]]
    if a["rates"].shape != (len(words),):
        raise ValueError("rates do not match their words")
    tc = TCModel(
        featuriser=featuriser,
        classes=classes,
        coef=a["coef"],
        intercept=a["intercept"],
        hand_mean=a["hand_mean"],
        hand_scale=a["hand_scale"],
        temperature=float(record["temperature"]),
    )
    dec = record["decoding"]
    si = record["si_calibration"]
    gate = _gate(record.get("gate"), a)
    if float(dec.get("gate", 0.0)) and gate is None:
        raise ValueError("the decoding weighs a sentence gate that the artefact lacks")
    return TechniqueModels(
        tagger=Tagger(crf),
        rates=WordRates(
            dict(zip(words, a["rates"].tolist(), strict=True)), float(record["rate_prior"])
        ),
        decoding=Decoding(
            float(dec["high"]),
            float(dec["low"]),
            int(dec["gap"]),
            int(dec["min_chars"]),
            float(dec.get("gate", 0.0)),
        ),
        si_platt=(float(si["a"]), float(si["b"])),
        tc=tc,
        rule_precision={str(k): float(v) for k, v in record["rule_precision"].items()},
        training=dict(record.get("training", {})),
        gate=gate,
    )


def _gate(spec: Any, a: Mapping[str, FloatArray]) -> SentenceGate | None:
    if spec is None:
        return None
    if list(spec["dense_features"]) != list(GATE_DENSE):
        raise ValueError("the gate's features differ from this runtime's")
    vec = _vectoriser(spec["vectoriser"], a["gate_word_idf"], a["gate_char_idf"])
    coef = a["gate_coef"]
    if coef.shape != (vec.n_features + len(GATE_DENSE),):
        raise ValueError("the gate's coef does not match its features")
    if a["gate_dense_mean"].shape != (len(GATE_DENSE),) or a["gate_dense_scale"].shape != (
        len(GATE_DENSE),
    ):
        raise ValueError("the gate's scaling does not match its features")
    return SentenceGate(
        vec, coef, float(a["gate_intercept"][0]), a["gate_dense_mean"], a["gate_dense_scale"]
    )
