"""The technique classifier's span network, as shipped, on invented phrases."""

from __future__ import annotations

import numpy as np
import pytest

from spinscope.detectors.technique_artifacts import load_models
from spinscope.detectors.technique_vectors import SpanNetwork
from spinscope.detectors.techniques import MODEL_DIR

PHRASES = [
    "the spineless cowards of the Vessgrad harbour board",
    "Make Oakvale proud again",
    "so-called experts",
    "Why would anyone still believe the mayor?",
    "thousands of innocent families",
]


@pytest.fixture(scope="module")
def network() -> SpanNetwork:
    vectors = load_models(MODEL_DIR).tc.featuriser.vectors
    assert isinstance(vectors, SpanNetwork)
    return vectors


def test_a_span_s_vector_is_all_minilm_s(network: SpanNetwork) -> None:
    from spinscope.corpus import minilm

    folder = minilm.package_folder()
    if folder is None:
        pytest.skip("the pinned MiniLM package is a training dependency")
    expected = minilm.MiniLM(folder)(PHRASES)
    got = network(PHRASES) / network.weight
    cosines = (got * expected).sum(axis=1)
    # int8 layers on the span encoder's word embeddings, against the float32 original
    assert cosines.min() > 0.97, cosines


def test_each_span_runs_alone(network: SpanNetwork) -> None:
    alone = network(PHRASES[:1])
    together = network([PHRASES[0], PHRASES[1] * 20, ""])
    assert np.array_equal(alone[0], together[0])
    assert together[2].tolist() == [0.0] * network.dims
    assert network([]).shape == (0, network.dims)
