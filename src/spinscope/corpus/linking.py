"""The neighbour links of a large component, computed once and cut at rising similarities.

A component of the narratives' neighbour graph too large for a dense linkage is cut into the
components of the graph at a higher similarity, raised in steps until every piece fits
(:func:`spinscope.corpus.narratives.group_vectors`). Computing the similarities of a piece again
at every step costs as much as the first time, for every step a piece stays large. Instead, the
links of the component at the first raised similarity are computed once (:func:`links_at`, the
same row blocks and the same values as the neighbour graph's), reduced to a maximum spanning
forest (:func:`spanning_forest`: the same components at every higher similarity, in fewer links
than nodes), and every later step keeps those at or above its own similarity
(:func:`split_by_links`): the same pieces, since a pair's similarity is the same number
whichever other rows are multiplied with it. When the links would
pass a budget, :func:`links_at` gives up and the pieces are computed step by step as before.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, Final

import numpy as np
import numpy.typing as npt

# Links kept at most (each two 32-bit rows and a 64-bit similarity: 16 bytes, 128 MB in all).
LINK_BUDGET: Final = 1 << 23
_SLACK: Final = 1e-9  # as the neighbour graph compares similarities with its threshold

Links = tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], npt.NDArray[np.float64]]


def links_at(
    matrix: Any,
    threshold: float,
    bonus: Any,
    *,
    block_rows: int,
    budget: int = LINK_BUDGET,
) -> Links | None:
    """Every ordered pair of rows of ``matrix`` (unit rows, dense or sparse) whose similarity
    (dense rows: with ``bonus.at(rows)`` added) reaches ``threshold``, with that similarity;
    None when there are more than ``budget``. Computed ``block_rows`` rows at a time."""
    sparse: Any = importlib.import_module("scipy.sparse")
    n = matrix.shape[0]
    transposed = matrix.T.tocsc() if sparse.issparse(matrix) else matrix.T
    found: list[Links] = []
    total = 0
    for start in range(0, n, block_rows):
        block = matrix[start : start + block_rows] @ transposed
        if sparse.issparse(block):
            block = block.tocsr()
            block.data[block.data < threshold - _SLACK] = 0.0
            block.eliminate_zeros()
            block = block.tocoo()
            i, j, values = block.row, block.col, np.asarray(block.data, dtype=np.float64)
        else:
            if bonus is not None:
                block = block + bonus.at(slice(start, start + block_rows))
            i, j = np.nonzero(block >= threshold - _SLACK)
            values = np.asarray(block[i, j], dtype=np.float64)
        total += len(values)
        if total > budget:
            return None
        found.append((np.asarray(i + start, np.int32), np.asarray(j, np.int32), values))
    if not found:
        empty = np.zeros(0, np.int32)
        return empty, empty, np.zeros(0, np.float64)
    return spanning_forest(
        n,
        (
            np.concatenate([f[0] for f in found]),
            np.concatenate([f[1] for f in found]),
            np.concatenate([f[2] for f in found]),
        ),
    )


def spanning_forest(n: int, links: Links) -> Links:
    """A maximum spanning forest of the graph that ``links`` (each ordered pair once, as
    :func:`links_at` finds them) make over ``n`` nodes: at any similarity, the components of its
    links at or above it are those of all the links, in at most ``n - 1`` links. A pair linked
    both ways counts at the higher of its two similarities, as the neighbour graph links it when
    either reaches its threshold; the forest is taken by the rank of each similarity (Kruskal's
    order, exact where two similarities are nearly equal)."""
    sparse: Any = importlib.import_module("scipy.sparse")
    csgraph: Any = importlib.import_module("scipy.sparse.csgraph")
    rows, cols, values = links
    apart = rows != cols
    rows, cols, values = rows[apart], cols[apart], values[apart]
    by_value = np.argsort(-values)  # ties in any order: they cut alike
    rank = np.empty(len(values), dtype=np.float64)
    rank[by_value] = np.arange(1, len(values) + 1, dtype=np.float64)  # exact up to 2**53
    graph = sparse.csr_matrix((rank, (rows, cols)), shape=(n, n))
    tree = csgraph.minimum_spanning_tree(graph).tocoo()
    chosen = by_value[tree.data.astype(np.int64) - 1]
    return rows[chosen], cols[chosen], values[chosen]


def components(n: int, rows: npt.NDArray[Any], cols: npt.NDArray[Any]) -> list[list[int]]:
    """The connected components of two or more of ``n`` nodes linked by ``rows``-``cols`` pairs,
    each sorted, in the order of their smallest node (as the neighbour graph lists them)."""
    sparse: Any = importlib.import_module("scipy.sparse")
    csgraph: Any = importlib.import_module("scipy.sparse.csgraph")
    graph = sparse.coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))
    _, labels = csgraph.connected_components(graph, directed=False)
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    groups = [g.tolist() for g in np.split(order, bounds) if len(g) > 1]
    groups.sort(key=lambda g: g[0])
    return groups


def split_by_links(
    nodes: list[int],
    links: Links,
    level: float,
    *,
    limit: int,
    step: float,
    cut: Callable[[list[int], float], list[list[int]]],
) -> list[list[int]]:
    """``nodes`` cut into the components of their ``links`` at similarity ``level``; a piece of
    at most ``limit`` nodes is handed to ``cut`` (with ``level``), a larger one cut again at
    ``level + step`` (kept whole once that reaches 0.99)."""
    rows, cols, values = links
    kept = values >= level - _SLACK
    rows, cols, values = rows[kept], cols[kept], values[kept]
    out: list[list[int]] = []
    for group in components(len(nodes), rows, cols):
        members = [nodes[g] for g in group]
        if len(group) <= limit:
            out += cut(members, level)
            continue
        raised = round(min(level + step, 0.99), 4)
        if raised >= 0.99:
            out.append(members)
            continue
        local = np.full(len(nodes), -1, dtype=np.int64)
        local[group] = np.arange(len(group))
        inside = (local[rows] >= 0) & (local[cols] >= 0)
        piece: Links = (
            np.asarray(local[rows[inside]], np.int32),
            np.asarray(local[cols[inside]], np.int32),
            values[inside],
        )
        out += split_by_links(members, piece, raised, limit=limit, step=step, cut=cut)
    return out


__all__ = ["LINK_BUDGET", "components", "links_at", "spanning_forest", "split_by_links"]
