"""Republication chains: near-duplicate copies, translations and "Original Source:" links.

Near duplicates are found in two steps. MinHash LSH (datasketch) over word shingles of the
normalised text proposes candidate pairs cheaply; each candidate is then verified on the exact
shingle sets, by Jaccard similarity and by *containment* (the shared shingles over the smaller
set), so that a truncated copy or an excerpt, whose Jaccard similarity is low, is still found,
while two articles that only share a sentence or a footer are not.

:func:`build_chains` joins near-duplicate and translation pairs with "Original Source:" links
into chains, and says what changed between every same-language version and the one it is
compared with (a word-level diff). A chain names an origin only when the evidence establishes
it, and records that evidence (:class:`OriginEvidence`): a link (the other versions cite its URL
as their "Original Source:") or dates (every version is dated and it was published first).
Otherwise its order is unknown and no version is called the origin: an undated copy may be
older than every dated one, and a copy that credits an outside original is never the origin.

:func:`representatives` picks one member of each chain, so that the copies of one text count
once in trends and narratives.
"""

from __future__ import annotations

import hashlib
import importlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import groupby
from typing import Any, Final
from urllib.parse import urlsplit

import numpy as np
import numpy.typing as npt

from spinscope.analysis import Analysis
from spinscope.corpus.diffs import WordDiff, word_diff
from spinscope.corpus.records import CorpusRecord, as_records, parse_day
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
    blake2b = hashlib.blake2b
    digests = b"".join(
        [
            blake2b(" ".join(words[i : i + size]).encode(), digest_size=8).digest()
            for i in range(count)
        ]
    )
    return np.unique(np.frombuffer(digests, dtype="<u8").astype(np.uint64))  # little-endian


def _check(option: str, value: float, low: float, high: float) -> None:
    if not (low <= value <= high):
        raise InputError("E135", option=option, value=value, bounds=f"from {low} to {high}")


def overlap(a: npt.NDArray[np.uint64], b: npt.NDArray[np.uint64]) -> tuple[float, float]:
    """Exact Jaccard similarity and containment of two sorted unique shingle-hash arrays."""
    if a.size == 0 or b.size == 0:
        return 0.0, 0.0
    small, large = (a, b) if a.size <= b.size else (b, a)
    at = large.searchsorted(small)  # where each of the smaller set's hashes is, or would be
    at[at == large.size] = 0  # past the end: not there (large[0] is smaller than it)
    shared = int(np.count_nonzero(large[at] == small))
    return shared / (a.size + b.size - shared), shared / small.size


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
    sets: dict[str, npt.NDArray[np.uint64]] = {}
    signatures: dict[str, npt.NDArray[np.uint32]] = {}
    for record in records:
        hashes = shingle_hashes(record.text, size=shingle)
        if hashes.size:
            sets[record.id] = hashes
            signatures[record.id] = minhash_signature(hashes, num_perm=num_perm)
    candidates = candidate_pairs(signatures, set(signatures), threshold=threshold)
    return verified_pairs(candidates, sets, min_containment=min_containment)


def minhash_signature(
    hashes: npt.NDArray[np.uint64], *, num_perm: int = NUM_PERM
) -> npt.NDArray[np.uint32]:
    """The MinHash signature (``num_perm`` 32-bit values) of a set of shingle hashes."""
    minhash = _minhash(num_perm)
    minhash.update_batch((hashes & np.uint64(_MASK32)).tolist())  # each hash's low 32 bits
    return np.asarray(minhash.hashvalues, dtype=np.uint32)


def _minhash(num_perm: int) -> Any:
    datasketch: Any = importlib.import_module("datasketch")
    template = _TEMPLATES.get(num_perm)
    if template is None:
        template = datasketch.MinHash(num_perm=num_perm, seed=1, scheme="affine32")
        _TEMPLATES[num_perm] = template
    return datasketch.MinHash(
        num_perm=num_perm,
        seed=1,
        hashfunc=int,  # the values given are already 32-bit
        permutations=template.permutations,
        scheme="affine32",
    )


_TEMPLATES: dict[int, Any] = {}


def candidate_pairs(
    signatures: dict[str, npt.NDArray[np.uint32]],
    new: set[str],
    *,
    threshold: float = LSH_THRESHOLD,
) -> list[tuple[str, str]]:
    """The ``(a, b)`` pairs (``a`` < ``b``) that MinHash LSH over every signature proposes and
    that hold at least one of the ``new`` ids, sorted: with every id new, the pairs of the whole
    corpus; with only the documents added since, the pairs a stored search lacks.

    The bands are those of ``datasketch.MinHashLSH`` at ``threshold`` (``b`` bands of ``r``
    values); two signatures are candidates when they are equal on one band, as in its hash
    tables (whose keys are the bands' bytes), found here with one sort per band."""
    if not signatures:
        return []
    datasketch: Any = importlib.import_module("datasketch")
    keys = sorted(signatures)
    matrix = np.stack([signatures[k] for k in keys]).astype(np.uint32, copy=False)
    lsh = datasketch.MinHashLSH(threshold=threshold, num_perm=matrix.shape[1])
    fresh = np.fromiter((k in new for k in keys), dtype=bool, count=len(keys))
    codes: list[npt.NDArray[np.int64]] = []
    for start, end in lsh.hashranges:
        band = np.ascontiguousarray(matrix[:, start:end])
        _, group = np.unique(
            band.view(np.dtype((np.void, band.shape[1] * 4))).ravel(), return_inverse=True
        )
        group = group.ravel()
        sizes = np.bincount(group)
        with_new = np.bincount(group, weights=fresh.astype(np.float64)) > 0
        wanted = (sizes > 1) & with_new
        rows = np.flatnonzero(wanted[group])
        if rows.size == 0:
            continue
        order = rows[np.argsort(group[rows], kind="stable")]
        bounds = np.flatnonzero(np.diff(group[order])) + 1
        for members in np.split(order, bounds):
            news = members[fresh[members]]
            low = np.minimum.outer(news, members).ravel()
            high = np.maximum.outer(news, members).ravel()
            distinct = low != high
            codes.append(low[distinct].astype(np.int64) * len(keys) + high[distinct])
    if not codes:
        return []
    found = np.unique(np.concatenate(codes))
    return [(keys[int(c) // len(keys)], keys[int(c) % len(keys)]) for c in found]


def verified_pairs(
    candidates: Iterable[tuple[str, str]],
    sets: dict[str, npt.NDArray[np.uint64]],
    *,
    min_containment: float = MIN_CONTAINMENT,
) -> list[DuplicatePair]:
    """The candidates whose exact shingle sets (``sets``) reach ``min_containment``, as
    near-duplicate pairs in the order of the candidates (the figures of :func:`overlap`, the
    candidates of one first id compared with its set at once)."""
    pairs: list[DuplicatePair] = []
    for key, group in groupby(candidates, key=lambda pair: pair[0]):
        others = [other for _, other in group]
        base = sets[key]
        arrays = [sets[other] for other in others]
        sizes = [int(a.size) for a in arrays]
        shared = [0] * len(others)
        if base.size and sum(sizes):
            flat = np.concatenate(arrays)
            at = base.searchsorted(flat)
            at[at == base.size] = 0
            hits = np.concatenate(([0], np.cumsum(base[at] == flat)))
            ends = np.cumsum(sizes)
            shared = [int(hits[e] - hits[e - n]) for e, n in zip(ends, sizes, strict=True)]
        for other, size, common in zip(others, sizes, shared, strict=True):
            if not size or not base.size:
                continue
            jaccard = common / (base.size + size - common)
            containment = common / min(int(base.size), size)
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


# --- chains -------------------------------------------------------------------------------------


ROLES: Final = ("origin", "copy", "version", "translation", "linked")
EVIDENCE_KINDS: Final = ("link", "date", "external", "unknown")


@dataclass(frozen=True, slots=True)
class OriginEvidence:
    """Why a chain names its origin, or why it names none.

    ``kind``: ``link`` (other members cite the origin's URL as their "Original Source:"),
    ``date`` (every member is dated and the origin was published before all the others),
    ``external`` (members credit an original that is not in the corpus, so none of them is the
    origin) or ``unknown`` (neither links nor dates settle the order). ``links`` holds
    ``(citing member id, cited URL)`` pairs; ``dates`` the ``(member id, published)`` values
    compared, the earliest first; ``detail`` says it in one sentence.
    """

    kind: str
    detail: str
    links: tuple[tuple[str, str], ...] = ()
    dates: tuple[tuple[str, str | None], ...] = ()

    @property
    def established(self) -> bool:
        return self.kind in ("link", "date")

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "detail": self.detail,
            "links": [{"member": m, "url": u} for m, u in self.links],
            "dates": [{"member": m, "published": p} for m, p in self.dates],
        }


@dataclass(frozen=True, slots=True)
class ChainMember:
    """One version in a chain.

    ``role``: ``origin`` (the version the evidence shows to be the first), ``copy`` (same
    language as the version it was compared with, in a chain with an origin), ``version`` (same
    language, in a chain whose order is unknown), ``translation`` (another language) or
    ``linked`` (joined only by an "Original Source:" link). ``base`` is the id of the version it
    is compared with, and ``diff`` what changed from ``base`` to it (same-language members
    only).
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
    """Versions of one text: the origin first when there is one, then the others by date and id.

    ``origin`` is the id of the version the evidence shows to be the first, or None when the
    order is unknown; ``evidence`` says which. ``source_url`` is the "Original Source:" address
    its members cite when that address is not in the corpus.
    """

    id: str
    origin: str | None
    members: tuple[ChainMember, ...]
    evidence: OriginEvidence
    source_url: str | None = None

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({m.outlet for m in self.members}))

    @property
    def first(self) -> str:
        """The origin, else the first member listed (the earliest dated, then by id)."""
        return self.origin or self.members[0].id

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "origin": self.origin,
            "evidence": self.evidence.to_dict(),
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


def _instant(published: str | None) -> tuple[date, datetime | None] | None:
    """The day of ``published`` and, when it gives a time of day, the moment (naive as UTC)."""
    if not published or not published.strip():
        return None
    value = published.strip()
    day = parse_day(value)
    if day is None:
        return None
    if len(value) <= 10:
        return day, None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return day, None
    return day, moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _before(a: tuple[date, datetime | None], b: tuple[date, datetime | None]) -> bool:
    """Whether ``a`` is known to come before ``b``: an earlier day, or on the same day an
    earlier moment when both give one."""
    if a[0] != b[0]:
        return a[0] < b[0]
    return a[1] is not None and b[1] is not None and a[1] < b[1]


def build_chains(
    items: Iterable[Analysis | CorpusRecord],
    pairs: Sequence[DuplicatePair] = (),
    *,
    max_diff_words: int = 20_000,
) -> list[Chain]:
    """Chains of versions from duplicate and translation pairs plus "Original Source:" links.

    Two records are in one chain when a pair joins them, when one's ``original_source_url`` is
    the other's ``url``, or when both cite the same original source. The origin is settled by
    :func:`origin_evidence`; without one, members are listed by date (undated last), then id.
    Chains come largest first.
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
    evidence, origin_id = origin_evidence(members, by_url)
    by_date = sorted(members, key=lambda r: (_date_key(r), r.id))
    origin = records[origin_id] if origin_id is not None else None
    ordered = (
        [origin, *(r for r in by_date if r.id != origin.id)] if origin is not None else by_date
    )
    external = [
        r.original_source_url
        for r in members
        if r.original_source_url and by_url.get(url_key(r.original_source_url) or "") not in idset
    ]
    out: list[ChainMember] = []
    for position, record in enumerate(ordered):
        if position == 0:
            first_role = "origin" if origin is not None else "version"
            out.append(_member(record, first_role, None, None, None, cites_member))
            continue
        base = _base(record, ordered[:position], relation)
        pair = relation.get((min(base.id, record.id), max(base.id, record.id)))
        same_language = _same_language(base, record)
        if not same_language:
            role = "translation"
        elif pair is None and not _text_related(record, ordered[:position], relation):
            role = "linked"
        else:
            role = "copy" if origin is not None else "version"
        diff = (
            word_diff(base.text, record.text, max_words=max_diff_words) if same_language else None
        )
        out.append(_member(record, role, base.id, pair, diff, cites_member))
    digest = hashlib.sha256("|".join(ids).encode()).hexdigest()[:10]
    return Chain(
        id=f"c{digest}",
        origin=origin_id,
        members=tuple(out),
        evidence=evidence,
        source_url=min(external) if external else None,
    )


def origin_evidence(
    members: Sequence[CorpusRecord], by_url: dict[str, str]
) -> tuple[OriginEvidence, str | None]:
    """Which member of a chain is its origin, and the evidence; None when nothing settles it.

    In order: a link (exactly one member is cited by the others' "Original Source:" and cites
    nothing itself); an outside original (a member credits an address not in the chain: no
    member is the origin, since the credited one is elsewhere); dates (every member is dated,
    and one was published before each of the others, by day, or by time on the same day when
    both give a time). Anything else leaves the order unknown.
    """
    idset = {r.id for r in members}
    own = {r.id: url_key(r.url) for r in members}

    def cited(record: CorpusRecord) -> str | None:
        return by_url.get(url_key(record.original_source_url) or "")

    citing: dict[str, list[tuple[str, str]]] = defaultdict(list)
    external: list[tuple[str, str]] = []
    for record in members:
        source = record.original_source_url
        key = url_key(source)
        if source is None or key is None or key == own[record.id]:
            continue
        target = cited(record)
        if target in idset:
            citing[target].append((record.id, source))
        else:
            external.append((record.id, source))
    roots = [
        r
        for r in members
        if citing.get(r.id) and (url_key(r.original_source_url) or "") in ("", own[r.id])
    ]
    dates = tuple((r.id, r.published) for r in sorted(members, key=lambda r: (_date_key(r), r.id)))
    instants = {r.id: _instant(r.published) for r in members}
    if len(roots) == 1 and not external:
        root = roots[0]
        # Every other version must credit it (directly or through another that does), or be
        # dated after it: a link says nothing of a version that credits no one.
        credited = _credited(root.id, citing)
        rest = [r for r in members if r.id != root.id and r.id not in credited]
        start = instants[root.id]
        later = [r for r in rest if start and (t := instants[r.id]) and _before(start, t)]
        if len(later) == len(rest):
            links = tuple(sorted(citing[root.id]))
            detail = (
                f"{len(links)} other version{'s' if len(links) != 1 else ''} cite"
                f"{'s' if len(links) == 1 else ''} its address ({links[0][1]}) as their "
                '"Original Source:"'
            )
            if later:
                detail += f"; the {len(later)} that credit no one were published after it"
            return OriginEvidence("link", detail, links=links, dates=dates), root.id
    if external:
        links = tuple(sorted(external))
        detail = (
            f"a version credits an original that is not in the corpus ({links[0][1]}), so none "
            "of the versions here is the origin"
        )
        return OriginEvidence("external", detail, links=links, dates=dates), None
    undated = [r.id for r in members if instants[r.id] is None]
    if undated:
        detail = (
            f"{len(undated)} of {len(members)} versions are undated and none is credited as "
            "the source of another, so any of them may be the first"
        )
        return OriginEvidence("unknown", detail, dates=dates), None
    known = {k: v for k, v in instants.items() if v is not None}
    first = [r for r in members if all(_before(known[r.id], known[o]) for o in known if o != r.id)]
    credits_member = {m for found in citing.values() for m, _ in found}
    if len(first) == 1 and first[0].id not in credits_member:  # the first credits no other
        winner = first[0]
        runner = dates[1] if dates[0][0] == winner.id else dates[0]
        detail = f"published {winner.published}, before every other version (the next: {runner[1]})"
        return OriginEvidence("date", detail, dates=dates), winner.id
    if len(first) == 1:
        detail = (
            "the version published first credits another as its source, so the dates and the "
            "links disagree"
        )
    else:
        detail = (
            "two or more versions were published on the same day with no time to tell them "
            "apart, and none is credited as the source of all the others"
        )
    return OriginEvidence("unknown", detail, dates=dates), None


def _credited(root: str, citing: dict[str, list[tuple[str, str]]]) -> set[str]:
    """The members that credit ``root``, directly or through another member that does."""
    found: set[str] = set()
    todo = [root]
    while todo:
        for member, _ in citing.get(todo.pop(), ()):
            if member not in found and member != root:
                found.add(member)
                todo.append(member)
    return found


def representatives(
    records: Iterable[CorpusRecord], chains: Sequence[Chain], *, per_outlet: bool = True
) -> frozenset[str]:
    """The ids of the records to count, so that the copies of one text count once.

    A record outside every chain is kept. Of a chain's members, one is kept: the origin when
    there is one, else the first listed (the earliest dated, then by id). With ``per_outlet``
    (the default, what trends use), one is kept in each outlet that carries the chain: the
    origin when it is that outlet's, else that outlet's first listed member; an outlet's own
    copies never count twice, and another outlet's republication counts for that outlet.
    """
    kept = {r.id for r in records}
    for chain in chains:
        order = {m.id: i for i, m in enumerate(chain.members)}
        groups: dict[str, list[ChainMember]] = defaultdict(list)
        for member in chain.members:
            groups[member.outlet if per_outlet else ""].append(member)
        for group in groups.values():
            keep = min(group, key=lambda m: (m.id != chain.origin, order[m.id]))
            kept.difference_update(m.id for m in group if m.id != keep.id)
    return frozenset(kept)


def chain_of(chains: Sequence[Chain]) -> dict[str, str]:
    """Each chained record's id mapped to its chain's id."""
    return {m.id: chain.id for chain in chains for m in chain.members}


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
