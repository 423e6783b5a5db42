"""Republication chains: near-duplicate copies, translations and "Original Source:" links.

Near duplicates are found in two steps. MinHash LSH (datasketch) over word shingles of the
normalised text proposes candidate pairs cheaply; each candidate is then verified on the exact
shingle sets, by Jaccard similarity and by *containment* (the shared shingles over the smaller
set), so that a truncated copy or an excerpt, whose Jaccard similarity is low, is still found,
while two articles that only share a sentence or a footer are not.

:func:`build_chains` joins near-duplicate and translation pairs with "Original Source:" links
into chains, names the earliest known version of each, and says what changed between every
same-language copy and the version it was copied from (a word-level diff).
"""

from __future__ import annotations

import hashlib
import importlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final
from urllib.parse import urlsplit

import numpy as np
import numpy.typing as npt

from spinscope.analysis import Analysis
from spinscope.corpus.diffs import WordDiff, word_diff
from spinscope.corpus.records import CorpusRecord, as_records
from spinscope.errors import InputError

# Defaults tuned with benchmarks/bench_near_duplicates.py (figures in docs/corpus.md).
SHINGLE: Final = 4
LSH_THRESHOLD: Final = 0.2
MIN_CONTAINMENT: Final = 0.5
NUM_PERM: Final = 128
_WORDS: Final = re.compile(r"[^\W_]+")
_MASK32: Final = (1 << 32) - 1


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two records that hold the same text, or the same text in two languages.

    ``a`` < ``b`` (record ids). ``kind`` is ``near_duplicate`` or ``translation``. For near
    duplicates ``jaccard`` and ``containment`` are exact figures on the shingle sets; for
    translations ``score`` is the embedding similarity and ``evidence`` the shared numbers and
    names that confirmed the match.
    """

    a: str
    b: str
    kind: str
    score: float
    jaccard: float | None = None
    containment: float | None = None
    evidence: tuple[str, ...] = ()


def normalise_words(text: str) -> list[str]:
    """Lower-cased words and numbers, punctuation dropped (digits are kept)."""
    return _WORDS.findall(unicodedata.normalize("NFKC", text).casefold())


def shingle_hashes(text: str, *, size: int = SHINGLE) -> npt.NDArray[np.uint64]:
    """The sorted, unique 64-bit hashes of the ``size``-word shingles of ``text``.

    A text shorter than ``size`` words is one shingle; an empty text has none.
    """
    words = normalise_words(text)
    if not words:
        return np.zeros(0, dtype=np.uint64)
    count = max(1, len(words) - size + 1)
    values = [
        int.from_bytes(
            hashlib.blake2b(" ".join(words[i : i + size]).encode(), digest_size=8).digest(),
            "little",
        )
        for i in range(count)
    ]
    return np.unique(np.array(values, dtype=np.uint64))


def _check(option: str, value: float, low: float, high: float) -> None:
    if not (low <= value <= high):
        raise InputError("E135", option=option, value=value, bounds=f"from {low} to {high}")


def overlap(a: npt.NDArray[np.uint64], b: npt.NDArray[np.uint64]) -> tuple[float, float]:
    """Exact Jaccard similarity and containment of two sorted unique shingle-hash arrays."""
    if a.size == 0 or b.size == 0:
        return 0.0, 0.0
    shared = np.intersect1d(a, b, assume_unique=True).size
    return shared / (a.size + b.size - shared), shared / min(a.size, b.size)


def find_near_duplicates(
    items: Iterable[Analysis | CorpusRecord],
    *,
    shingle: int = SHINGLE,
    threshold: float = LSH_THRESHOLD,
    min_containment: float = MIN_CONTAINMENT,
    num_perm: int = NUM_PERM,
) -> list[DuplicatePair]:
    """Pairs of records whose texts are copies of one another, with or without edits.

    ``threshold`` is the Jaccard similarity at which MinHash LSH proposes a candidate (kept low
    so that truncated copies are proposed); a candidate is kept when the exact containment of
    its shingle sets reaches ``min_containment``. Pairs come sorted by ``(a, b)``.
    """
    _check("threshold", threshold, 0.01, 1.0)
    _check("min_containment", min_containment, 0.01, 1.0)
    _check("shingle", shingle, 1, 50)
    _check("num_perm", num_perm, 16, 1024)
    records = as_records(items)
    datasketch: Any = importlib.import_module("datasketch")
    lsh = datasketch.MinHashLSH(threshold=threshold, num_perm=num_perm)
    template = datasketch.MinHash(num_perm=num_perm, seed=1, scheme="affine32")
    sets: dict[str, npt.NDArray[np.uint64]] = {}
    signatures: dict[str, Any] = {}
    for record in records:
        hashes = shingle_hashes(record.text, size=shingle)
        if hashes.size == 0:
            continue
        sets[record.id] = hashes
        signature = datasketch.MinHash(
            num_perm=num_perm,
            seed=1,
            hashfunc=_low32,
            permutations=template.permutations,
            scheme="affine32",
        )
        signature.update_batch(hashes.tolist())
        signatures[record.id] = signature
        lsh.insert(record.id, signature)
    pairs: list[DuplicatePair] = []
    for key in sorted(signatures):
        for other in sorted(lsh.query(signatures[key])):
            if other <= key:
                continue
            jaccard, containment = overlap(sets[key], sets[other])
            if containment >= min_containment:
                pairs.append(
                    DuplicatePair(
                        a=key,
                        b=other,
                        kind="near_duplicate",
                        score=round(containment, 4),
                        jaccard=round(jaccard, 4),
                        containment=round(containment, 4),
                    )
                )
    return pairs


def _low32(value: int) -> int:
    return value & _MASK32


# --- chains -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChainMember:
    """One version in a chain.

    ``role``: ``origin`` (the earliest known version), ``copy`` (same language as the version it
    was compared with), ``translation`` (another language) or ``linked`` (joined only by an
    "Original Source:" link). ``base`` is the id of the version it is compared with, and
    ``diff`` what changed from ``base`` to it (same-language members only).
    """

    id: str
    role: str
    outlet: str
    published: str | None
    language: str | None
    title: str | None
    url: str | None
    base: str | None = None
    cites_source: bool = False
    relation: DuplicatePair | None = None
    diff: WordDiff | None = None


@dataclass(frozen=True, slots=True)
class Chain:
    """Versions of one text: the origin first, then the others by date and id.

    ``origin`` is the id of the earliest known version in the corpus; ``source_url`` is the
    "Original Source:" address its members cite when that address is not in the corpus.
    """

    id: str
    origin: str
    members: tuple[ChainMember, ...]
    source_url: str | None = None

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({m.outlet for m in self.members}))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "origin": self.origin,
            "source_url": self.source_url,
            "members": [_member_dict(m) for m in self.members],
        }


def _member_dict(member: ChainMember) -> dict[str, Any]:
    pair = member.relation
    return {
        "id": member.id,
        "role": member.role,
        "outlet": member.outlet,
        "published": member.published,
        "language": member.language,
        "title": member.title,
        "url": member.url,
        "base": member.base,
        "cites_source": member.cites_source,
        "relation": None if pair is None else pair_dict(pair),
        "diff": None if member.diff is None else member.diff.to_dict(),
    }


def pair_dict(pair: DuplicatePair) -> dict[str, Any]:
    return {
        "a": pair.a,
        "b": pair.b,
        "kind": pair.kind,
        "score": pair.score,
        "jaccard": pair.jaccard,
        "containment": pair.containment,
        "evidence": list(pair.evidence),
    }


def url_key(url: str | None) -> str | None:
    """A URL reduced to what identifies the page: host without ``www.``, path, query."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    path = parts.path.rstrip("/")
    if not host and not path:
        return None
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


class _Union:
    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, key: str) -> str:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _date_key(record: CorpusRecord) -> tuple[bool, date]:
    day = record.day
    return (day is None, day or date.max)


def build_chains(
    items: Iterable[Analysis | CorpusRecord],
    pairs: Sequence[DuplicatePair] = (),
    *,
    max_diff_words: int = 20_000,
) -> list[Chain]:
    """Chains of versions from duplicate and translation pairs plus "Original Source:" links.

    Two records are in one chain when a pair joins them, when one's ``original_source_url`` is
    the other's ``url``, or when both cite the same original source. The origin is the earliest
    version by ``published`` among those that cite no other member as their source; undated
    versions come after dated ones, then the most cited, then the id. Chains come largest first.
    """
    records = {r.id: r for r in as_records(items)}
    union = _Union(records)
    by_url: dict[str, str] = {}
    for record in sorted(records.values(), key=lambda r: (_date_key(r), r.id)):
        key = url_key(record.url)
        if key is not None:
            by_url.setdefault(key, record.id)
    cited_by: dict[str, list[str]] = defaultdict(list)
    for record in records.values():
        key = url_key(record.original_source_url)
        if key is not None:
            cited_by[key].append(record.id)
    relation: dict[tuple[str, str], DuplicatePair] = {}
    for pair in pairs:
        if pair.a in records and pair.b in records and pair.a != pair.b:
            union.join(pair.a, pair.b)
            key2 = (min(pair.a, pair.b), max(pair.a, pair.b))
            best = relation.get(key2)
            if best is None or (best.kind, pair.kind) == ("translation", "near_duplicate"):
                relation[key2] = pair
    for key, citing in cited_by.items():
        target = by_url.get(key)
        for rid in citing:
            union.join(rid, target if target is not None else citing[0])
    groups: dict[str, list[str]] = defaultdict(list)
    for rid in records:
        groups[union.find(rid)].append(rid)
    chains = [
        _chain(records, sorted(ids), by_url, relation, max_diff_words)
        for ids in groups.values()
        if len(ids) > 1
    ]
    chains.sort(key=lambda c: (-len(c.members), c.id))
    return chains


def _chain(
    records: dict[str, CorpusRecord],
    ids: list[str],
    by_url: dict[str, str],
    relation: dict[tuple[str, str], DuplicatePair],
    max_diff_words: int,
) -> Chain:
    members = [records[i] for i in ids]
    idset = set(ids)
    cites_member = {
        r.id: by_url.get(url_key(r.original_source_url) or "") in idset - {r.id} for r in members
    }
    cited_count: dict[str, int] = defaultdict(int)
    for r in members:
        target = by_url.get(url_key(r.original_source_url) or "")
        if target in idset and target != r.id:
            cited_count[target] += 1
    roots = [r for r in members if not cites_member[r.id]] or members
    origin = min(roots, key=lambda r: (_date_key(r), -cited_count[r.id], r.id))
    ordered = [
        origin,
        *sorted((r for r in members if r.id != origin.id), key=lambda r: (_date_key(r), r.id)),
    ]
    external = [
        r.original_source_url
        for r in members
        if r.original_source_url and by_url.get(url_key(r.original_source_url) or "") not in idset
    ]
    out: list[ChainMember] = []
    for position, record in enumerate(ordered):
        if position == 0:
            out.append(_member(record, "origin", None, None, None, cites_member))
            continue
        base = _base(record, ordered[:position], relation)
        pair = relation.get((min(base.id, record.id), max(base.id, record.id)))
        same_language = _same_language(base, record)
        if not same_language:
            role = "translation"
        elif pair is None and not _text_related(record, ordered[:position], relation):
            role = "linked"
        else:
            role = "copy"
        diff = (
            word_diff(base.text, record.text, max_words=max_diff_words) if same_language else None
        )
        out.append(_member(record, role, base.id, pair, diff, cites_member))
    digest = hashlib.sha256("|".join(ids).encode()).hexdigest()[:10]
    return Chain(
        id=f"c{digest}",
        origin=origin.id,
        members=tuple(out),
        source_url=min(external) if external else None,
    )


def _member(
    record: CorpusRecord,
    role: str,
    base: str | None,
    pair: DuplicatePair | None,
    diff: WordDiff | None,
    cites_member: dict[str, bool],
) -> ChainMember:
    return ChainMember(
        id=record.id,
        role=role,
        outlet=record.outlet,
        published=record.published,
        language=record.language,
        title=record.title,
        url=record.url,
        base=base,
        cites_source=cites_member[record.id],
        relation=pair,
        diff=diff,
    )


def _same_language(a: CorpusRecord, b: CorpusRecord) -> bool:
    return a.language is None or b.language is None or a.language == b.language


def _base(
    record: CorpusRecord,
    earlier: list[CorpusRecord],
    relation: dict[tuple[str, str], DuplicatePair],
) -> CorpusRecord:
    """The version ``record`` is compared with: the earliest same-language version it matches
    directly, else the earliest same-language version, else the earliest directly matched one,
    else the origin."""
    direct = [r for r in earlier if (min(r.id, record.id), max(r.id, record.id)) in relation]
    for pool in (
        [r for r in direct if _same_language(r, record)],
        [r for r in earlier if _same_language(r, record)],
        direct,
    ):
        if pool:
            return pool[0]
    return earlier[0]


def _text_related(
    record: CorpusRecord,
    earlier: list[CorpusRecord],
    relation: dict[tuple[str, str], DuplicatePair],
) -> bool:
    return any((min(r.id, record.id), max(r.id, record.id)) in relation for r in earlier)
