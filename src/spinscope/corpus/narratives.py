"""Narratives: claims and allegations that recur across the corpus, grouped by what they say.

Every check-worthy claim and every allegation sentence of every record is a *statement*.
Statements are turned into vectors: by default sparse TF-IDF over words and word pairs (shared
wording); any sentence-embedding function can be passed as ``embed`` instead, and the corpus
report passes the multilingual sentence encoder of :mod:`spinscope.corpus.embeddings` when it is
installed (shared meaning, across languages). Identical texts are vectorised once, without their
links and the byline of an embedded post (:func:`clean`). Clustering needs no number of
clusters:

1. a sparse neighbour graph links statements whose cosine similarity reaches ``threshold``
   (computed in row blocks, so memory stays bounded);
2. each connected component is split by average-linkage (or complete-linkage) agglomeration cut
   at the same distance (``1 - threshold``), so that a chain of pairwise links cannot glue
   unrelated statements together; components too large for that are first split at raised
   thresholds.

:class:`NarrativeMethod` names what was used; :func:`cluster_texts` groups bare texts the same
way, for ``spinscope eval narratives``.

A narrative is a cluster that spans at least ``min_documents`` articles. Its label is its most
distinctive terms (class-based TF-IDF); its representatives are the statements nearest its
centroid. Everything is deterministic: same records, same narratives, same ids.
"""

from __future__ import annotations

import hashlib
import importlib
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, pairwise
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from spinscope.analysis import Analysis
from spinscope.corpus.chains import Chain
from spinscope.corpus.chains import representatives as chain_representatives
from spinscope.corpus.records import CorpusRecord, Statement, as_records
from spinscope.errors import InputError

Embedder = Callable[[Sequence[str]], npt.NDArray[np.floating[Any]]]

THRESHOLD: Final = 0.5
# Added to the cosine of two sentence-encoder vectors of statements in two known languages: a
# multilingual encoder scores a translation lower than a rewording (e5: a translation 0.88 to
# 0.91, a rewording 0.97, unrelated statements in two languages at most 0.84, on invented
# statements), so without it a translation misses the narrative of its original.
CROSS_LANGUAGE: Final = 0.03
# Added to the cosine of two sentence-encoder vectors per unit of the log of their length ratio
# (words), up to a ratio of 4: a short claim and a long post that repeats it score lower than two
# texts of one length (chosen on claim groups, docs/corpus.md). 0 with TF-IDF.
LENGTH_RATIO_CAP: Final = 4.0
# A statement whose text recurs word for word in this many articles of one outlet (its copies
# counted once) is the outlet's boilerplate (a byline, a series name, a subscription prompt), not
# a claim: it joins no narrative.
BOILERPLATE_ARTICLES: Final = 3
LABEL_CHARS: Final = 90
LINKAGES: Final = ("average", "complete")
_BLOCK: Final = 512
_DENSE_CELLS: Final = 1 << 24  # 64 MB of float32 similarities
_MAX_LINKAGE: Final = 1500
_STEP: Final = 0.02
# Left out before vectorising: links, and the byline of an embedded post at the end of a
# statement ("— Name (@handle) March 3, 2019"), which says who posted it, not what it says.
_LINK: Final = re.compile(r"(?:https?://|pic\.twitter\.com/|www\.)\S*", re.IGNORECASE)
_BYLINE: Final = re.compile(r"\s*[—–-]+\s*[^—–\n]{0,80}\(@\w+\)\s*\w+\s+\d{1,2},\s+\d{2,4}\s*$")
_WORD: Final = re.compile(r"[^\W_]{2,}")
# Function words left out of the vectors and labels (English; other languages rely on IDF).
_STOP_TEXT: Final = (
    "a about above after again against all also am an and any are as at be because been before "
    "being below between both but by can could did do does doing down during each few for from "
    "further had has have having he her here hers herself him himself his how i if in into is "
    "it its itself just me more most my myself no nor not now of off on once only or other our "
    "ours ourselves out over own same she should so some such than that the their theirs them "
    "themselves then there these they this those through to too under until up very was we were "
    "what when where which while who whom why will with would you your yours yourself "
    "yourselves said says say told according one two also would could may might must shall "
    "although though yet however isn aren wasn weren hasn haven hadn doesn don didn won wouldn "
    "shan shouldn can cannot couldn mustn ll ve re"
)
STOPWORDS: Final = frozenset(_STOP_TEXT.split())


@dataclass(frozen=True, slots=True)
class NarrativeMethod:
    """How statements were grouped: the vectors (TF-IDF or a named sentence encoder), the
    cosine threshold and the linkage that cut each component. Reports describe it from here."""

    encoder: str | None  # None: TF-IDF over words and word pairs
    threshold: float = THRESHOLD
    linkage: str = "average"
    length: float = 0.0  # added to the cosine per unit of log length ratio (see LENGTH_RATIO_CAP)

    @property
    def name(self) -> str:
        """A short name for tables and JSON: the encoder, the linkage and the threshold."""
        vectors = self.encoder or "TF-IDF"
        lengths = f", +{self.length:g} x log length ratio" if self.length else ""
        return f"{vectors}, {self.linkage} linkage, cosine{lengths} >= {self.threshold:g}"

    def sentence(self) -> str:
        """How the statements were grouped, in words, for a report."""
        if self.encoder is None:
            how = "by shared wording (TF-IDF similarity of words and word pairs"
        else:
            how = f"by shared meaning (sentence encoder {self.encoder}"
        across = "" if self.encoder is None else f", {CROSS_LANGUAGE:g} more across languages"
        lengths = (
            f", {self.length:g} more per unit of the log of two statements' length ratio"
            f" (up to {LENGTH_RATIO_CAP:g} times as long)"
            if self.length
            else ""
        )
        return (
            f"{how}, cosine similarity of at least {self.threshold:g}{across}{lengths},"
            f" {self.linkage} linkage)"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "encoder": self.encoder or "tf-idf",
            "threshold": self.threshold,
            "linkage": self.linkage,
            "length": self.length,
            "name": self.name,
        }


@dataclass(frozen=True, slots=True)
class Narrative:
    """A group of statements that say much the same thing, across articles."""

    id: str
    label: str
    terms: tuple[str, ...]
    representatives: tuple[Statement, ...]
    members: tuple[Statement, ...]
    articles: tuple[str, ...]
    outlets: tuple[str, ...]
    first: str | None  # the earliest publication date of its articles (ISO date)
    last: str | None

    def to_dict(self) -> dict[str, Any]:
        def statement(s: Statement) -> dict[str, Any]:
            return {
                "document_id": s.document_id,
                "start": s.start,
                "end": s.end,
                "kind": s.kind,
                "text": s.text,
            }

        return {
            "id": self.id,
            "label": self.label,
            "terms": list(self.terms),
            "representatives": [statement(s) for s in self.representatives],
            "members": [statement(s) for s in self.members],
            "articles": list(self.articles),
            "outlets": list(self.outlets),
            "first": self.first,
            "last": self.last,
        }


def terms_of(text: str) -> list[str]:
    """Words (no function words) and adjacent word pairs of a text, lower-cased."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    kept = [w for w in words if w not in STOPWORDS and not w.isdigit()]
    return kept + [f"{a} {b}" for a, b in pairwise(kept)]


def _scipy() -> tuple[Any, Any]:
    sparse = importlib.import_module("scipy.sparse")
    hierarchy = importlib.import_module("scipy.cluster.hierarchy")
    return sparse, hierarchy


def tfidf(texts: Sequence[str]) -> tuple[Any, list[str]]:
    """L2-normalised TF-IDF rows (a scipy CSR matrix) and the vocabulary (terms by column).

    Terms found in only one text are dropped, and so are terms in more than 5% of the texts
    (50 at least; none below 100 texts): neither tells two statements apart usefully.
    """
    sparse, _ = _scipy()
    n = len(texts)
    per_text = [terms_of(text) for text in texts]
    lengths = [len(terms) for terms in per_text]
    stream = list(chain.from_iterable(per_text))
    del per_text
    # each term's number, in order of first appearance
    ids = {term: i for i, term in enumerate(dict.fromkeys(stream))}
    flat = np.fromiter(map(ids.__getitem__, stream), dtype=np.int64, count=len(stream))
    del stream
    size = max(len(ids), 1)
    rows_of = np.repeat(np.arange(n, dtype=np.int64), lengths)
    keys, tf = np.unique(rows_of * size + flat, return_counts=True)
    rows, terms_at = keys // size, keys % size
    df = np.bincount(terms_at, minlength=len(ids))
    ceiling = n if n < 100 else max(50, n // 20)
    names = list(ids)
    by_name = sorted(np.flatnonzero((df >= 2) & (df <= ceiling)).tolist(), key=names.__getitem__)
    kept = np.array(by_name, dtype=np.int64)
    vocabulary = [names[t] for t in kept]
    column = np.full(len(ids), -1, dtype=np.int64)
    column[kept] = np.arange(len(kept), dtype=np.int64)
    # the same doubles as math.log per term and per count: numpy's log may differ in the last bit
    idf = np.zeros(len(ids), dtype=np.float64)
    idf[kept] = [math.log((1 + n) / (1 + int(df[t]))) + 1.0 for t in kept]
    logs = np.array([math.log(k) if k else 0.0 for k in range(int(tf.max(initial=0)) + 1)])
    cols = column[terms_at]
    wanted = cols >= 0
    values = (1.0 + logs[tf[wanted]]) * idf[terms_at[wanted]]
    matrix = sparse.csr_matrix(
        (values.astype(np.float64), (rows[wanted], cols[wanted])), shape=(n, len(vocabulary))
    )
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ matrix, vocabulary


@dataclass(frozen=True)
class _Bonus:
    """What is added to the cosine of two dense rows: ``margin`` when they are in two known
    languages (``languages``: a code per row, -1 unknown), and ``length`` times the log of their
    length ratio, capped (``logs``: the log of each row's word count)."""

    languages: npt.NDArray[np.int64] | None = None
    margin: float = 0.0
    logs: npt.NDArray[np.float64] | None = None
    length: float = 0.0

    def at(self, rows: npt.NDArray[np.int64] | slice) -> Any:
        """The bonus of rows ``rows`` against every row (0 when there is none)."""
        out: Any = 0.0
        if self.languages is not None and self.margin:
            mine = self.languages[rows][:, None]
            other = self.languages[None, :]
            out = out + self.margin * ((mine != other) & (mine >= 0) & (other >= 0))
        if self.logs is not None and self.length:
            ratio = np.abs(self.logs[rows][:, None] - self.logs[None, :])
            out = out + self.length * np.minimum(ratio, math.log(LENGTH_RATIO_CAP))
        return out

    def of(self, nodes: list[int]) -> _Bonus:
        """The bonus among ``nodes`` only."""
        return _Bonus(
            None if self.languages is None else self.languages[nodes],
            self.margin,
            None if self.logs is None else self.logs[nodes],
            self.length,
        )


def _linked(matrix: Any, threshold: float, bonus: _Bonus | None = None) -> list[list[int]]:
    """The connected components (two or more rows each, sorted, in the order of their smallest
    row) of the graph linking rows whose cosine similarity reaches ``threshold`` (dense rows get
    ``bonus`` added).

    Similarities are computed a block of rows at a time (at most :data:`_DENSE_CELLS` of them, a
    sparse block as many when statements share terms with most others), and each block's links
    are folded into the component labels at once: memory does not grow with the number of
    links, which is quadratic in the size of a group of near-identical statements."""
    sparse, _ = _scipy()
    csgraph = importlib.import_module("scipy.sparse.csgraph")
    n = matrix.shape[0]
    labels = np.arange(n, dtype=np.int64)
    transposed = matrix.T.tocsc() if sparse.issparse(matrix) else matrix.T
    rows = max(1, min(_BLOCK, _DENSE_CELLS // max(n, 1)))
    for start in range(0, n, rows):
        block = matrix[start : start + rows] @ transposed
        if sparse.issparse(block):
            block = block.tocsr()
            block.data[block.data < threshold - 1e-9] = 0.0
            block.eliminate_zeros()
            block = block.tocoo()
            i, j = block.row.astype(np.int64) + start, block.col.astype(np.int64)
        else:
            if bonus is not None:
                block = block + bonus.at(slice(start, start + rows))
            i, j = np.nonzero(block >= threshold - 1e-9)
            i = i.astype(np.int64) + start
            j = j.astype(np.int64)
        a, b = labels[i], labels[j]
        joined = a != b
        if not joined.any():
            continue
        graph = sparse.coo_matrix(
            (np.ones(int(joined.sum()), dtype=np.int8), (a[joined], b[joined])), shape=(n, n)
        )
        _, merged = csgraph.connected_components(graph, directed=False)
        labels = merged[labels]
    order = np.argsort(labels, kind="stable")  # rows by component, ascending within one
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    groups = [g.tolist() for g in np.split(order, bounds) if len(g) > 1]
    groups.sort(key=lambda g: g[0])
    return groups


def _split(
    matrix: Any,
    nodes: list[int],
    threshold: float,
    linkage: str,
    link: float | None = None,
    *,
    bonus: _Bonus | None = None,
) -> list[list[int]]:
    """A connected component cut into clusters by ``linkage`` at distance ``1 - threshold``.

    A component too large for a dense linkage is first cut into the components of a graph at a
    higher similarity ``link`` (raised in steps of 0.02 until every piece fits); each piece is
    then cut at ``threshold`` as usual."""
    sparse, hierarchy = _scipy()
    if len(nodes) == 2:
        return [nodes]
    sub = matrix[nodes]
    if len(nodes) > _MAX_LINKAGE:
        raised = round(min((link or threshold) + _STEP, 0.99), 4)
        if raised >= 0.99:
            return [nodes]
        out: list[list[int]] = []
        for group in _linked(sub, raised, None if bonus is None else bonus.of(nodes)):
            out += _split(
                matrix,
                [nodes[g] for g in group],
                threshold,
                linkage,
                raised,
                bonus=bonus,
            )
        return out
    dense = sub @ sub.T
    similarity = dense.toarray() if sparse.issparse(dense) else np.asarray(dense)
    if bonus is not None and not sparse.issparse(dense):
        similarity = similarity + bonus.of(nodes).at(slice(None))
    distance = np.clip(1.0 - similarity, 0.0, 2.0)
    condensed = distance[np.triu_indices(len(nodes), k=1)]
    tree = hierarchy.linkage(condensed, method=linkage)
    labels = hierarchy.fcluster(tree, t=1.0 - threshold + 1e-9, criterion="distance")
    clusters: dict[int, list[int]] = defaultdict(list)
    for node, label in zip(nodes, labels.tolist(), strict=True):
        clusters[int(label)].append(node)
    return [c for c in clusters.values() if len(c) > 1]


def _check(threshold: float, min_documents: int, linkage: str = "average") -> None:
    if not (0.0 < threshold < 1.0):
        raise InputError(
            "E135", option="threshold", value=threshold, bounds="strictly between 0 and 1"
        )
    if min_documents < 1:
        raise InputError("E135", option="min_documents", value=min_documents, bounds="of 1 or more")
    if linkage not in LINKAGES:
        raise InputError("E135", option="linkage", value=linkage, bounds=f"one of {LINKAGES}")


def bonus_of(
    languages: Sequence[str | None] | None,
    cross_language: float,
    lengths: Sequence[int] | None,
    length_margin: float,
) -> _Bonus:
    """What :func:`group_vectors` adds to the cosine of two dense rows (see there)."""
    codes = None
    if languages is not None and cross_language:
        known = sorted({lang for lang in languages if lang})
        codes = np.array([known.index(lang) if lang else -1 for lang in languages], np.int64)
    logs = None
    if lengths is not None and length_margin:
        logs = np.log(np.maximum(np.asarray(lengths, dtype=np.float64), 1.0))
    return _Bonus(codes, cross_language, logs, length_margin)


def group_vectors(
    vectors: Any,
    *,
    threshold: float = THRESHOLD,
    linkage: str = "average",
    languages: Sequence[str | None] | None = None,
    cross_language: float = 0.0,
    lengths: Sequence[int] | None = None,
    length_margin: float = 0.0,
) -> list[list[int]]:
    """Clusters of two or more rows of ``vectors`` (unit rows, dense or sparse), each sorted.

    The core that :func:`find_narratives` and the narrative evaluation share: the neighbour
    graph at ``threshold``, each component cut by ``linkage`` at distance ``1 - threshold``.
    With ``languages`` (one per row, None where unknown), two dense rows in two known languages
    have ``cross_language`` added to their cosine; with ``lengths`` (words per row), two dense
    rows have ``length_margin`` times the log of their length ratio added (the ratio capped at
    :data:`LENGTH_RATIO_CAP`).
    """
    _check(threshold, 1, linkage)
    n = vectors.shape[0]
    if n < 2:
        return []
    bonus = bonus_of(languages, cross_language, lengths, length_margin)
    found: list[list[int]] = []
    for component in _linked(vectors, threshold, bonus):
        parts = _split(vectors, component, threshold, linkage, bonus=bonus)
        found += [sorted(c) for c in parts]
    return found


def vectorise(texts: Sequence[str], embed: Embedder | None = None) -> Any:
    """Unit rows for ``texts`` (each cleaned by :func:`clean` first): TF-IDF without ``embed``, else
    its vectors normalised."""
    cleaned = [clean(t) for t in texts]
    return tfidf(cleaned)[0] if embed is None else _normalised(embed(cleaned))


def cluster_texts(
    texts: Sequence[str],
    *,
    threshold: float = THRESHOLD,
    embed: Embedder | None = None,
    linkage: str = "average",
    length_margin: float = 0.0,
) -> list[int]:
    """A cluster number for each text (0, 1, ... in order of first appearance), grouped exactly
    as :func:`find_narratives` groups statements; a text alone is a cluster of one, and texts
    identical up to white space share a cluster."""
    _check(threshold, 1, linkage)
    flat = [_flat(t) for t in texts]
    unique = sorted(set(flat))
    row = {t: k for k, t in enumerate(unique)}
    owner = list(range(len(unique)))
    if unique:
        for cluster in group_vectors(
            vectorise(unique, embed),
            threshold=threshold,
            linkage=linkage,
            lengths=[words(t) for t in unique] if embed is not None else None,
            length_margin=length_margin,
        ):
            for u in cluster:
                owner[u] = cluster[0]
    numbers: dict[int, int] = {}
    return [numbers.setdefault(owner[row[t]], len(numbers)) for t in flat]


def find_narratives(
    items: Iterable[Analysis | CorpusRecord],
    *,
    threshold: float = THRESHOLD,
    min_documents: int = 2,
    embed: Embedder | None = None,
    representatives: int = 3,
    label_terms: int = 3,
    linkage: str = "average",
    cross_language: float | None = None,
    method: NarrativeMethod | None = None,
    length_margin: float | None = None,
    chains: Sequence[Chain] = (),
) -> list[Narrative]:
    """Narratives of a corpus, most widespread first (by articles, then statements, then id).

    ``threshold`` is the cosine similarity two statements need to be linked, and the average
    similarity a cluster keeps. ``embed`` maps texts to vectors (normalised here); without it,
    TF-IDF vectors are used. ``linkage`` (``average`` or ``complete``) cuts each component.
    ``cross_language`` is added to the cosine of two statements from articles in two known
    languages: by default :data:`CROSS_LANGUAGE` with ``embed``, 0 with TF-IDF (whose vectors
    of two languages share only names and numbers). ``length_margin`` times the log of two
    statements' length ratio is added too: by default the ``length_margin`` attribute of
    ``embed`` (0 without one). ``method`` (as :func:`~spinscope.corpus.embeddings.corpus_method`
    gives it) sets the threshold, linkage and length margin at once.

    Of each chain in ``chains`` (copies and translations of one text) only one member's
    statements count (:func:`~spinscope.corpus.chains.representatives`), and a statement found
    word for word in :data:`BOILERPLATE_ARTICLES` or more articles of one outlet is left out.
    """
    space = statement_space(
        items,
        threshold=threshold,
        embed=embed,
        linkage=linkage,
        cross_language=cross_language,
        method=method,
        length_margin=length_margin,
        chains=chains,
    )
    _check(space.threshold, min_documents, space.linkage)
    if not space.unique:
        return []
    return narratives_from(
        space,
        space.group(),
        min_documents=min_documents,
        representatives=representatives,
        label_terms=label_terms,
    )


@dataclass(frozen=True)
class StatementSpace:
    """The statements a corpus's narratives are grouped from, as :func:`statement_space` makes
    them: each distinct text (white space flattened, ``unique``, sorted) with its statements
    (``texts``), its vector (row of ``vectors``) and TF-IDF row (``matrix``, for labels), the
    language of its first article, and how it is grouped."""

    records: dict[str, CorpusRecord]
    texts: dict[str, list[Statement]]
    unique: list[str]
    matrix: Any
    vocabulary: list[str]
    vectors: Any
    languages: list[str | None]
    lengths: list[int] | None
    threshold: float
    linkage: str
    cross_language: float
    length_margin: float

    def bonus(self) -> _Bonus:
        """What is added to the cosine of two rows (nothing for TF-IDF rows)."""
        return bonus_of(self.languages, self.cross_language, self.lengths, self.length_margin)

    def group(self, rows: Sequence[int] | None = None) -> list[list[int]]:
        """The clusters of every row (or of ``rows`` only), as :func:`group_vectors` finds them;
        each a sorted list of rows of :attr:`unique`."""
        if rows is None:
            return self._group(self.vectors, self.languages, self.lengths)
        picked = list(rows)
        found = self._group(
            self.vectors[picked],
            [self.languages[r] for r in picked],
            None if self.lengths is None else [self.lengths[r] for r in picked],
        )
        return [sorted(picked[u] for u in cluster) for cluster in found]

    def _group(
        self, vectors: Any, languages: list[str | None], lengths: list[int] | None
    ) -> list[list[int]]:
        return group_vectors(
            vectors,
            threshold=self.threshold,
            linkage=self.linkage,
            languages=languages,
            cross_language=self.cross_language,
            lengths=lengths,
            length_margin=self.length_margin,
        )


def statement_space(
    items: Iterable[Analysis | CorpusRecord],
    *,
    threshold: float = THRESHOLD,
    embed: Embedder | None = None,
    linkage: str = "average",
    cross_language: float | None = None,
    method: NarrativeMethod | None = None,
    length_margin: float | None = None,
    chains: Sequence[Chain] = (),
) -> StatementSpace:
    """The statements :func:`find_narratives` groups (its arguments, less those about the
    narratives themselves), vectorised."""
    if method is not None:
        threshold, linkage, length_margin = method.threshold, method.linkage, method.length
    if length_margin is None:
        length_margin = float(getattr(embed, "length_margin", 0.0)) if embed is not None else 0.0
    _check(threshold, 1, linkage)
    records = as_records(items)
    kept = chain_representatives(records, chains, per_outlet=False) if chains else None
    counted = [r for r in records if kept is None or r.id in kept]
    statements = sorted(
        (s for s in _without_boilerplate(counted)),
        key=lambda s: (s.document_id, s.start, s.end),
    )
    texts: dict[str, list[Statement]] = defaultdict(list)
    for statement in statements:
        texts[_flat(statement.text)].append(statement)
    unique = sorted(texts)
    by_id = {r.id: r for r in records}
    margin = (
        (CROSS_LANGUAGE if embed is not None else 0.0) if cross_language is None else cross_language
    )
    if unique:
        matrix, vocabulary = tfidf([clean(t) for t in unique])
        vectors = matrix if embed is None else vectorise(unique, embed)
    else:
        matrix, vocabulary, vectors = None, [], None
    return StatementSpace(
        records=by_id,
        texts=dict(texts),
        unique=unique,
        matrix=matrix,
        vocabulary=vocabulary,
        vectors=vectors,
        languages=[by_id[texts[u][0].document_id].language for u in unique],
        lengths=[words(t) for t in unique] if embed is not None else None,
        threshold=threshold,
        linkage=linkage,
        cross_language=margin,
        length_margin=length_margin,
    )


def narratives_from(
    space: StatementSpace,
    found: Sequence[Sequence[int]],
    *,
    min_documents: int = 2,
    representatives: int = 3,
    label_terms: int = 3,
) -> list[Narrative]:
    """The narratives of the clusters ``found`` (rows of ``space.unique``; a text held by two
    or more statements and in no cluster is a cluster of its own), as
    :func:`find_narratives` returns them."""
    unique, texts, by_id, vectors = space.unique, space.texts, space.records, space.vectors
    grouped = {u for c in found for u in c}
    clusters: list[list[int]] = [
        [u] for u in range(len(unique)) if len(texts[unique[u]]) > 1 and u not in grouped
    ]
    clusters += [sorted(c) for c in found]
    out: list[Narrative] = []
    for cluster in clusters:
        members = sorted(
            (s for u in cluster for s in texts[unique[u]]),
            key=lambda s: (s.document_id, s.start, s.end),
        )
        articles = sorted({s.document_id for s in members})
        if len(articles) < min_documents:
            continue
        out.append(
            _narrative(cluster, members, articles, by_id, vectors, unique, texts, representatives)
        )
    if not out:
        return []
    labels = _labels(
        [sorted(n_cluster) for n_cluster in _clusters_of(out, unique)],
        _term_counts(space.matrix),
        space.vocabulary,
        label_terms,
    )
    out = [
        Narrative(
            id=n.id,
            label=shorten(n.representatives[0].text),
            terms=terms,
            representatives=n.representatives,
            members=n.members,
            articles=n.articles,
            outlets=n.outlets,
            first=n.first,
            last=n.last,
        )
        for n, terms in zip(out, labels, strict=True)
    ]
    out.sort(key=lambda n: (-len(n.articles), -len(n.members), n.id))
    return out


def _flat(text: str) -> str:
    return " ".join(text.split())


def words(text: str) -> int:
    """How many words the vectorised form of ``text`` has (its length for the length margin)."""
    return len(clean(text).split())


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters (with an
    ellipsis when cut): a narrative's label is its most central statement."""
    flat = _flat(text)
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0] if " " in flat[: limit - 1] else flat[: limit - 1]
    return cut.rstrip(" ,;:—–-") + "…"


def _without_boilerplate(records: Sequence[CorpusRecord]) -> list[Statement]:
    """The statements of ``records`` less those whose text recurs word for word in
    :data:`BOILERPLATE_ARTICLES` or more articles of one outlet."""
    where: dict[tuple[str, str], set[str]] = defaultdict(set)
    keyed: list[tuple[Statement, tuple[str, str]]] = []
    for record in records:
        outlet = record.outlet
        for statement in record.statements:
            key = (outlet, _flat(statement.text).casefold())
            where[key].add(record.id)
            keyed.append((statement, key))
    return [s for s, key in keyed if len(where[key]) < BOILERPLATE_ARTICLES]


def clean(text: str) -> str:
    """What is vectorised of a statement: its text without links and a closing post byline."""
    if "(@" in text:  # a byline names its poster's handle
        text = _BYLINE.sub("", text)
    lower = text.lower()
    if "http" in lower or "www." in lower or "pic.twitter.com/" in lower:
        text = _LINK.sub(" ", text)
    return " ".join(text.split())


def _normalised(matrix: npt.NDArray[np.floating[Any]]) -> npt.NDArray[np.float32]:
    out = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return np.asarray(out / np.where(norms == 0, 1.0, norms), dtype=np.float32)


def _narrative(
    cluster: list[int],
    members: list[Statement],
    articles: list[str],
    by_id: dict[str, CorpusRecord],
    vectors: Any,
    unique: list[str],
    texts: dict[str, list[Statement]],
    representatives: int,
) -> Narrative:
    sub = vectors[sorted(cluster)]
    centroid = np.asarray(sub.mean(axis=0)).ravel()
    closeness = np.asarray(sub @ centroid).ravel()
    ranked = sorted(
        zip(sorted(cluster), closeness.tolist(), strict=True),
        key=lambda p: (-round(p[1], 9), unique[p[0]]),
    )
    reps = tuple(texts[unique[u]][0] for u, _ in ranked[:representatives])
    days = sorted(d for d in (by_id[a].day for a in articles if a in by_id) if d is not None)
    key = "|".join(f"{s.document_id}:{s.start}:{s.end}" for s in members)
    return Narrative(
        id="n" + hashlib.sha256(key.encode()).hexdigest()[:10],
        label="",
        terms=(),
        representatives=reps,
        members=tuple(members),
        articles=tuple(articles),
        outlets=tuple(sorted({by_id[a].outlet for a in articles if a in by_id})),
        first=days[0].isoformat() if days else None,
        last=days[-1].isoformat() if days else None,
    )


def _clusters_of(narratives: list[Narrative], unique: list[str]) -> list[list[int]]:
    index = {text: i for i, text in enumerate(unique)}
    return [sorted({index[_flat(s.text)] for s in n.members}) for n in narratives]


def _term_counts(matrix: Any) -> Any:
    """Which terms each unique text has (1 or 0), as a CSR matrix."""
    binary = matrix.copy()
    binary.data = np.ones_like(binary.data)
    return binary


def _labels(
    clusters: list[list[int]], counts: Any, vocabulary: list[str], size: int
) -> list[tuple[str, ...]]:
    """The top ``size`` terms of each cluster by class-based TF-IDF, no word used twice."""
    if not clusters or counts.shape[1] == 0:
        return [() for _ in clusters]
    sparse, _ = _scipy()
    rows = [k for k, c in enumerate(clusters) for _ in c]
    cols = [u for c in clusters for u in c]
    membership = sparse.csr_matrix(
        (np.ones(len(cols)), (rows, cols)), shape=(len(clusters), counts.shape[0])
    )
    per_class = (membership @ counts).tocsr()
    overall = np.asarray(counts.sum(axis=0)).ravel()
    average = per_class.sum() / len(clusters)
    weights = np.log1p(average / np.maximum(overall, 1.0))
    totals = np.asarray(per_class.sum(axis=1)).ravel()
    out: list[tuple[str, ...]] = []
    for k in range(len(clusters)):
        row = per_class.getrow(k)
        score = {
            int(t): float(v) / max(totals[k], 1.0) * float(weights[t])
            for t, v in zip(row.indices, row.data, strict=True)
        }
        order = sorted(score, key=lambda t: (-score[t], vocabulary[t]))
        chosen: list[str] = []
        for t in order:
            term = vocabulary[t]
            if any(set(term.split(" ")) & set(c.split(" ")) for c in chosen):
                continue
            chosen.append(term)
            if len(chosen) == size:
                break
        out.append(tuple(chosen))
    return out
