"""Large components cut with links computed once: the same clusters as computed step by step."""

from __future__ import annotations

from typing import Any

import numpy as np

from spinscope.corpus.linking import components, links_at
from spinscope.corpus.narratives import _linked, _split, bonus_of, tfidf

WORDS = [
    "minister",
    "harbour",
    "trust",
    "payments",
    "dredging",
    "council",
    "vote",
    "ballots",
    "forged",
    "count",
    "observers",
    "mayor",
    "contract",
    "hospital",
    "budget",
    "rowing",
    "federation",
    "journalist",
    "arrested",
    "bakery",
    "bread",
]


def _variants(rng: np.random.Generator) -> list[str]:
    """Copies of a few invented sentences, each with some words replaced (large components)."""
    bases = [list(rng.choice(WORDS, size=12)) for _ in range(3)]
    texts = set()
    for base in bases:
        for _ in range(120):
            words = [w if rng.random() > 0.3 else str(rng.choice(WORDS)) for w in base]
            texts.add(" ".join(words))
    return sorted(texts)


def _both_ways(matrix: Any, threshold: float, bonus: Any = None) -> None:
    levels = 0
    for component in _linked(matrix, threshold, bonus):
        kept = _split(matrix, component, threshold, "average", bonus=bonus, limit=25)
        again = _split(matrix, component, threshold, "average", bonus=bonus, limit=25, budget=0)
        assert kept == again
        levels += len(component) > 25
    assert levels  # some component was cut at raised similarities


def test_sparse_components_are_cut_as_step_by_step() -> None:
    matrix, _ = tfidf(_variants(np.random.default_rng(3)))
    assert max(len(c) for c in _linked(matrix, 0.3)) > 25
    _both_ways(matrix, 0.3)


def test_dense_components_with_a_bonus_are_cut_as_step_by_step() -> None:
    rng = np.random.default_rng(5)
    centres = rng.normal(size=(3, 16))
    rows = np.concatenate([c + 0.35 * rng.normal(size=(90, 16)) for c in centres])
    rows = (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)
    bonus = bonus_of(["en", "de", None] * 90, 0.03, list(rng.integers(3, 30, size=270)), 0.02)
    _both_ways(rows, 0.6, bonus)


def test_links_over_the_budget_are_not_kept() -> None:
    matrix, _ = tfidf(_variants(np.random.default_rng(3)))
    assert links_at(matrix, 0.3, None, block_rows=64, budget=10) is None
    links = links_at(matrix, 0.3, None, block_rows=64)
    assert links is not None and (links[2] >= 0.3 - 1e-9).all()
    assert components(4, np.array([0, 2]), np.array([1, 3])) == [[0, 1], [2, 3]]
