"""The technique classifier's span network (:mod:`spinscope.detectors.technique_vectors`).

all-MiniLM-L6-v2 from the pinned package (weights checked by sha256), its 6 layers taking word
embeddings as input and giving the mean of the last layer at unit length, is exported to ONNX and
quantised to int8 per channel by onnxruntime, once per process. Needs the ``training`` extra.
While a span encoder is being trained its table does not exist yet: the network then reads the
package's own word embeddings (:func:`base_table`), which the encoder's differ from by little.
"""

from __future__ import annotations

import atexit
import logging
import shutil
import tempfile
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from spinscope.detectors.onnx_graph import dequantized
from spinscope.detectors.technique_vectors import NETWORK_FILE, WORD_EMBEDDINGS, SpanNetwork

_CACHE = Path(tempfile.gettempdir()) / "spinscope-span-network"


@lru_cache(maxsize=1)
def network_file() -> Path:
    """The exported int8 network, made once a process in a temporary folder (removed when the
    process ends: training copies it into the model folder)."""
    from spinscope.training.span_encoder import _torch, base_folder

    torch = _torch()
    from transformers import AutoModel

    folder = base_folder()
    bert = AutoModel.from_pretrained(str(folder)).eval()

    class Network(torch.nn.Module):  # type: ignore[misc, name-defined, unused-ignore]
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, embeds: Any, mask: Any) -> Any:
            hidden = self.bert(inputs_embeds=embeds, attention_mask=mask).last_hidden_state
            weights = mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
            return pooled / pooled.norm(dim=-1, keepdim=True).clamp(min=1e-9)

    from onnxruntime.quantization import (  # type: ignore[import-untyped, unused-ignore]
        QuantType,
        quantize_dynamic,
    )

    _CACHE.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="export-", dir=_CACHE))
    atexit.register(shutil.rmtree, work, True)  # the process's copy goes with it
    full = work / "network.fp32.onnx"
    example = (torch.randn(2, 8, 384), torch.ones(2, 8, dtype=torch.long))
    axes = {0: "spans", 1: "pieces"}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on shapes
        torch.onnx.export(
            Network().eval(),
            example,
            str(full),
            input_names=["embeds", "mask"],
            output_names=["vector"],
            dynamic_axes={"embeds": axes, "mask": axes, "vector": {0: "spans"}},
            opset_version=17,
            dynamo=False,
        )
    quiet = logging.getLogger()
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # the quantiser's advice on pre-processing
    try:
        quantize_dynamic(
            str(full), str(work / NETWORK_FILE), weight_type=QuantType.QInt8, per_channel=True
        )
    finally:
        quiet.setLevel(level)
    full.unlink()
    return work / NETWORK_FILE


@lru_cache(maxsize=1)
def base_table() -> npt.NDArray[np.float32]:
    """The package's own word embeddings (float32), for when no span encoder exists yet."""
    from spinscope.corpus.minilm import read_safetensors
    from spinscope.training.span_encoder import base_folder

    weights = read_safetensors(base_folder() / "model.safetensors")
    return np.asarray(weights["embeddings.word_embeddings.weight"], dtype=np.float32)


def encoder_table(encoder: Path) -> npt.NDArray[np.float32]:
    """The word embeddings of a span encoder written by training (``si_encoder.onnx``)."""
    return dequantized(encoder.read_bytes(), WORD_EMBEDDINGS)


def span_network(tokenizer: Any, weight: float, encoder: Path | None = None) -> SpanNetwork:
    """The span network on the encoder's word embeddings (the package's without one)."""
    table = base_table() if encoder is None else encoder_table(encoder)
    return SpanNetwork(network_file(), table, tokenizer, weight)
