"""The corpus view's two searches kept between views, so that a new view compares only what was
added (migration ``0011_corpus_index``).

**Near duplicates, exactly as a full search.** Each document's shingle hashes and MinHash
signature are stored once (:func:`index_documents`; a document's text never changes). A search
then builds the LSH index from the stored signatures and queries only the documents not searched
yet; the pairs among the documents searched before are stored (``corpus_pairs``). LSH candidacy
and the verification on the exact shingle sets are symmetric, so the stored pairs plus those of
the new documents are the pairs :func:`~spinscope.corpus.chains.find_near_duplicates` finds over
the whole corpus, identical (a test checks it on real stores).

**Narratives, within a stated tolerance.** Statement vectors and the clusters are recomputed in
full at the first view and whenever the texts added since the last full grouping exceed
:data:`REGROUP_SHARE` of the texts then (or the grouping method changes). In between
(:func:`update_narratives`), the clusters of the last view are kept (less the texts that are no
longer counted), every text is vectorised afresh, and each new text joins the kept cluster with
the highest *average* similarity to its members, when that reaches the threshold: the criterion
by which average linkage would merge it into that cluster. The new texts left over are grouped
with the unclustered texts they link to, by the usual neighbour graph and linkage. What differs
from a full grouping: two texts already present keep the cluster they had (their link is not
re-examined under the updated TF-IDF weights), and a new text that would have split or bridged
existing clusters joins one instead. Measured figures are in ``docs/corpus.md``.
"""

from __future__ import annotations

import hashlib
import importlib
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from spinscope.corpus.chains import (
    LSH_THRESHOLD,
    MIN_CONTAINMENT,
    NUM_PERM,
    SHINGLE,
    DuplicatePair,
    candidate_pairs,
    minhash_signature,
    shingle_hashes,
    verified_pairs,
)
from spinscope.corpus.narratives import (
    Narrative,
    StatementSpace,
    narratives_from,
)
from spinscope.corpus.records import CorpusRecord

if TYPE_CHECKING:
    from spinscope.store import Store

# The narratives are grouped afresh when the texts added since the last full grouping exceed
# this share of the texts it grouped.
REGROUP_SHARE: Final = 0.25
_SEARCH_KEY: Final = "near_duplicate_search"
_GROUPING_KEY: Final = "narrative_grouping"
_PAGE: Final = 500
_DENSE_CELLS: Final = 1 << 22  # rows x texts of one block of dense similarities


def _meta(store: Store, key: str) -> str | None:
    with store._read() as db:
        row = db.execute("SELECT value FROM corpus_parts_meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row["value"])


def _set_meta(db: Any, key: str, value: str) -> None:
    db.execute("INSERT OR REPLACE INTO corpus_parts_meta (key, value) VALUES (?, ?)", (key, value))


# --- near duplicates ----------------------------------------------------------------------------


def _search_settings() -> str:
    return f"shingle {SHINGLE}, {NUM_PERM} permutations, LSH {LSH_THRESHOLD}, {MIN_CONTAINMENT}"


def index_documents(store: Store) -> int:
    """Store the shingle hashes and signature of every document with a corpus record and no
    index entry yet (of every one again when the search settings changed); how many."""
    settings = _search_settings()
    if _meta(store, _SEARCH_KEY) != settings:
        with store._write() as db:
            db.execute("DELETE FROM corpus_pairs")
            db.execute("DELETE FROM corpus_shingles")
            _set_meta(db, _SEARCH_KEY, settings)
    done = 0
    while True:
        with store._read() as db:
            todo = db.execute(
                "SELECT d.id, d.text FROM corpus_records c JOIN documents d ON d.id = c.document_id"
                " LEFT JOIN corpus_shingles s ON s.document_id = c.document_id"
                " WHERE s.document_id IS NULL LIMIT ?",
                (_PAGE,),
            ).fetchall()
        if not todo:
            return done
        rows = []
        for key, text in todo:
            hashes = shingle_hashes(text)
            signature = minhash_signature(hashes) if hashes.size else np.zeros(0, np.uint32)
            rows.append((key, hashes.tobytes(), signature.tobytes()))
        with store._write() as db:
            db.executemany(
                "INSERT OR REPLACE INTO corpus_shingles (document_id, hashes, signature, searched)"
                " VALUES (?, ?, ?, 0)",
                rows,
            )
        done += len(rows)


def _hashes(store: Store, ids: Sequence[str]) -> dict[str, npt.NDArray[np.uint64]]:
    found: dict[str, npt.NDArray[np.uint64]] = {}
    with store._read() as db:
        for start in range(0, len(ids), _PAGE):
            chunk = list(ids[start : start + _PAGE])
            marks = ",".join("?" * len(chunk))
            rows = db.execute(
                "SELECT document_id, hashes FROM corpus_shingles"  # noqa: S608 - only '?' marks
                f" WHERE document_id IN ({marks})",
                chunk,
            )
            found.update((r[0], np.frombuffer(r[1], dtype=np.uint64)) for r in rows)
    return found


def search_new(store: Store) -> int:
    """Find the near duplicates of every indexed document not searched yet, among every
    indexed document with a corpus record, and store them; how many documents were searched."""
    signatures: dict[str, npt.NDArray[np.uint32]] = {}
    new: set[str] = set()
    with store._read() as db:
        if (
            db.execute("SELECT 1 FROM corpus_shingles WHERE searched = 0 LIMIT 1").fetchone()
            is None
        ):
            return 0  # nothing new: the signatures need not be read
        rows = db.execute(
            "SELECT s.document_id, s.signature, s.searched FROM corpus_shingles s"
            " JOIN corpus_records c ON c.document_id = s.document_id"
        )
        for row in rows:
            if not row[2]:
                new.add(row[0])
            if row[1]:
                signatures[row[0]] = np.frombuffer(row[1], dtype=np.uint32)
    if not new:
        return 0
    candidates = candidate_pairs(signatures, new) if signatures else []
    sets = _hashes(store, sorted({k for pair in candidates for k in pair}))
    pairs = verified_pairs(candidates, sets)
    with store._write() as db:
        db.executemany(
            "INSERT OR REPLACE INTO corpus_pairs (a, b, score, jaccard, containment)"
            " VALUES (?, ?, ?, ?, ?)",
            [(p.a, p.b, p.score, p.jaccard, p.containment) for p in pairs],
        )
        db.executemany(
            "UPDATE corpus_shingles SET searched = 1 WHERE document_id = ?",
            [(key,) for key in sorted(new)],
        )
    return len(new)


def stored_pairs(store: Store, records: Sequence[CorpusRecord]) -> list[DuplicatePair]:
    """The stored near-duplicate pairs between two of ``records``, sorted by ``(a, b)``."""
    current = {r.id for r in records}
    with store._read() as db:
        rows = db.execute(
            "SELECT a, b, score, jaccard, containment FROM corpus_pairs ORDER BY a, b"
        ).fetchall()
    return [
        DuplicatePair(
            a=r[0], b=r[1], kind="near_duplicate", score=r[2], jaccard=r[3], containment=r[4]
        )
        for r in rows
        if r[0] in current and r[1] in current
    ]


# --- narratives ---------------------------------------------------------------------------------


def _key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def update_narratives(
    store: Store,
    space: StatementSpace,
    method: str,
    *,
    regroup: bool = False,
) -> list[Narrative]:
    """The narratives of ``space``: its statements grouped afresh, or the last view's clusters
    kept and the new texts added to them (see the module docstring); ``method`` names the
    grouping (a change regroups). The clusters are stored for the next view."""
    keys = [_key(text) for text in space.unique]
    with store._read() as db:
        state = {r[0]: r[1] for r in db.execute("SELECT text_key, cluster FROM narrative_texts")}
    kept = _meta(store, _GROUPING_KEY) or ""
    base, added = _counts(kept, method)
    new = [row for row, key in enumerate(keys) if key not in state]
    if regroup or not state or base is None or added + len(new) > REGROUP_SHARE * base:
        found = space.group() if space.unique else []
        base, added = len(keys), 0
    else:
        found = _extend(space, [state.get(key) for key in keys], new)
        added += len(new)
    cluster_of: dict[int, int] = {row: number for number, c in enumerate(found) for row in c}
    with store._write() as db:
        db.execute("DELETE FROM narrative_texts")
        db.executemany(
            "INSERT INTO narrative_texts (text_key, cluster) VALUES (?, ?)",
            [(key, cluster_of.get(row)) for row, key in enumerate(keys)],
        )
        _set_meta(db, _GROUPING_KEY, f"{base} {added} {method}")
    return narratives_from(space, found) if space.unique else []


def _counts(kept: str, method: str) -> tuple[int | None, int]:
    """The texts of the last full grouping and those added since, from the stored value (None
    when there is none, or it was made by another method)."""
    parts = kept.split(" ", 2)
    if len(parts) != 3 or parts[2] != method:
        return None, 0
    return int(parts[0]), int(parts[1])


def _extend(space: StatementSpace, clusters: list[int | None], new: list[int]) -> list[list[int]]:
    """The kept clusters (``clusters``: each row's cluster number, or None) with the ``new``
    rows added where they fit, and the clusters of the new rows left over."""
    members: dict[int, list[int]] = defaultdict(list)
    for row, number in enumerate(clusters):
        if number is not None:
            members[number].append(row)
    kept = [rows for _, rows in sorted(members.items()) if len(rows) > 1]
    joined = _nearest(space, kept, new)
    for row, k in zip(new, joined, strict=True):
        if k >= 0:
            kept[k].append(row)
    left = [row for row, k in zip(new, joined, strict=True) if k < 0]
    placed = {row for c in kept for row in c} | set(new)
    alone = [row for row in range(len(space.unique)) if row not in placed]
    return [sorted(c) for c in kept] + _leftovers(space, left, alone)


def _has_bonus(space: StatementSpace) -> bool:
    bonus = space.bonus()
    return bonus.languages is not None or bonus.logs is not None


def _blocks(space: StatementSpace, rows: Sequence[int], others: Sequence[int]) -> Iterator[Any]:
    """The similarities of ``rows`` to ``others``, a block of rows at a time (dense blocks with
    the bonus of dense rows added; sparse CSR blocks for TF-IDF)."""
    vectors = space.vectors
    target = vectors[list(others)]
    sparse_rows = hasattr(vectors, "tocsr")
    step = _PAGE if sparse_rows else max(1, min(_PAGE, _DENSE_CELLS // max(1, len(others))))
    bonus = space.bonus() if _has_bonus(space) else None
    for start in range(0, len(rows), step):
        chunk = list(rows[start : start + step])
        block = vectors[chunk] @ target.T
        if sparse_rows:
            yield block.tocsr()
            continue
        block = np.asarray(block)
        if bonus is not None:
            block = block + bonus.at(np.asarray(chunk, dtype=np.int64))[:, list(others)]
        yield block


def _nearest(space: StatementSpace, kept: list[list[int]], new: list[int]) -> list[int]:
    """For each new row, the kept cluster whose members it is most similar to on average, when
    that average reaches the threshold; -1 for none. Without a bonus the average is the
    similarity to the cluster's (unnormalised) centroid."""
    if not kept or not new:
        return [-1] * len(new)
    sparse: Any = importlib.import_module("scipy.sparse")
    rows = [r for c in kept for r in c]
    cols = [k for k, c in enumerate(kept) for _ in c]
    weights = [1.0 / len(c) for c in kept for _ in c]
    mean = sparse.csr_matrix((weights, (rows, cols)), shape=(len(space.unique), len(kept)))
    out: list[int] = []
    if _has_bonus(space):
        averages: Iterator[Any] = (b @ mean for b in _blocks(space, new, range(len(space.unique))))
    else:
        centroids = (mean.T @ space.vectors).T
        averages = (
            space.vectors[new[s : s + _PAGE]] @ centroids for s in range(0, len(new), _PAGE)
        )
    for average in averages:
        values = average.toarray() if hasattr(average, "toarray") else np.asarray(average)
        best = values.argmax(axis=1)
        reached = values[np.arange(len(best)), best] >= space.threshold - 1e-9
        out += [int(k) if hit else -1 for k, hit in zip(best, reached, strict=True)]
    return out


def _leftovers(space: StatementSpace, left: list[int], alone: list[int]) -> list[list[int]]:
    """The clusters of the new rows that joined no kept cluster, grouped with the unclustered
    rows they link to."""
    if not left:
        return []
    partners: set[int] = set()
    floor = space.threshold - 1e-9
    if alone:
        for block in _blocks(space, left, alone):
            if hasattr(block, "indices"):
                linked = block.indices[block.data >= floor]
            else:
                linked = np.nonzero(block >= floor)[1]
            partners.update(alone[int(j)] for j in np.unique(linked))
    rows = sorted(set(left) | partners)
    return space.group(rows) if len(rows) > 1 else []


def narrative_agreement(a: Sequence[Narrative], b: Sequence[Narrative]) -> float:
    """How far two sets of narratives group the statements alike: the F1 of the statement
    pairs that share a narrative in ``a`` against those in ``b`` (1.0 when the groupings are
    the same; a statement in no narrative shares no pair)."""

    def cells(narratives: Sequence[Narrative]) -> dict[tuple[str, int, int], int]:
        return {
            (s.document_id, s.start, s.end): k for k, n in enumerate(narratives) for s in n.members
        }

    left, right = cells(a), cells(b)
    both: Counter[tuple[int, int]] = Counter((k, right[s]) for s, k in left.items() if s in right)
    shared = sum(n * (n - 1) // 2 for n in both.values())
    pairs_a = sum(n * (n - 1) // 2 for n in Counter(left.values()).values())
    pairs_b = sum(n * (n - 1) // 2 for n in Counter(right.values()).values())
    if pairs_a + pairs_b == 0:
        return 1.0
    return 2 * shared / (pairs_a + pairs_b)


__all__ = [
    "REGROUP_SHARE",
    "index_documents",
    "narrative_agreement",
    "search_new",
    "stored_pairs",
    "update_narratives",
]
