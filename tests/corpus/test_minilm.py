"""all-MiniLM-L6-v2 in numpy: the same vectors as sentence-transformers, files checked."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from spinscope.corpus import minilm
from spinscope.corpus.minilm import MiniLM, package_folder, read_safetensors

TEXTS = [
    "Minister Aldo Fenn took secret payments from the Harbour Trust to approve the dredging.",
    "The Harbour Trust paid minister Fenn in secret so he would approve dredging.",
    "The council of Ostby voted to delay the ferry contract again.",
    "short",
    "A much longer post about the quay: " + "the tender, the board and the contractor " * 30,
]


@pytest.fixture(scope="module")
def model() -> MiniLM:
    folder = package_folder()
    if folder is None:
        pytest.skip(f"{minilm.PACKAGE} is not installed")
    return MiniLM(folder)


def test_vectors_are_unit_rows_that_do_not_depend_on_their_batch(model: MiniLM) -> None:
    vectors = model(TEXTS)
    assert vectors.shape == (5, minilm.DIM) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    alone = np.vstack([model([t]) for t in TEXTS])
    assert np.allclose(vectors, alone, atol=1e-5)
    cosine = vectors @ vectors.T
    assert cosine[0, 1] > 0.62 > cosine[0, 2]
    assert model([]).shape == (0, minilm.DIM)


@pytest.mark.skipif(
    importlib.util.find_spec("sentence_transformers") is None, reason="needs the training extra"
)
def test_vectors_match_sentence_transformers(model: MiniLM) -> None:
    from sentence_transformers import SentenceTransformer

    folder = package_folder()
    assert folder is not None
    reference = SentenceTransformer(str(folder / "model"), device="cpu")
    expected = reference.encode(TEXTS, normalize_embeddings=True)
    cosine = (model(TEXTS) * expected).sum(axis=1)
    assert cosine.min() > 0.9999, cosine


def test_a_file_that_is_not_safetensors_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.safetensors"
    path.write_bytes((10**9).to_bytes(8, "little") + b"{}")
    with pytest.raises(ValueError, match="not a safetensors file"):
        read_safetensors(path)
    path.write_bytes((2).to_bytes(8, "little") + b"{}")
    assert read_safetensors(path) == {}
