"""The library's reads: documents filtered, faceted and sorted for triage.

Read-only queries over the store's tables, through its read connection: per document, the
findings of its latest analysis counted by layer, how many of the findings a reviewer sees by
default (the layers that are not quiet, at or above their threshold) have a current review,
its outlet (``site``), date and language, and, for a text search, the passage that matches
(FTS5's ``snippet``, its hits delimited by private-use characters that
:func:`snippet_parts` turns into text and hit parts, so nothing in the text is ever markup).
Facets count the matching documents by layer, label, outlet, language and whether any finding
has a review.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from spinscope.store.core import MAX_LIMIT, Store
from spinscope.store.records import excerpt_of, like_pattern, without_title
from spinscope.store.search import fts_query
from spinscope.vocabulary import LAYER_TABLE, LAYERS, layer_threshold

HIT_START: Final = "\ue000"
HIT_END: Final = "\ue001"
SNIPPET_TOKENS: Final = 28
SORTS: Final[Mapping[str, str]] = {
    "newest": "d.updated DESC, d.id",
    "published": "d.published IS NULL, d.published DESC, d.id",
    "findings": "n_findings DESC, d.id",
    "unreviewed": "(queue - reviewed) DESC, d.id",
    "title": "d.title IS NULL, d.title COLLATE NOCASE, d.id",
}
SORT_TITLES: Final[Mapping[str, str]] = {
    "newest": "newest first",
    "published": "latest published first",
    "findings": "most findings first",
    "unreviewed": "most left to review first",
    "title": "title",
}
REVIEWED: Final = ("yes", "no")
# The current reviews, as (document_id, finding_id) rows.
CURRENT_REVIEWS: Final = "SELECT document_id, finding_id FROM reviews WHERE replaced IS NULL"
_SPACE: Final = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class LibraryQuery:
    """What the library is asked for; empty strings and None filter nothing."""

    query: str = ""
    technique: str = ""
    label: str = ""  # a label of any layer
    layer: str = ""
    actor: str = ""
    outlet: str = ""
    language: str = ""
    reviewed: str = ""  # "yes": some finding has a review; "no": none has
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "newest"
    limit: int = 20
    offset: int = 0


@dataclass(frozen=True, slots=True)
class LibraryCard:
    """One document as the library shows it for triage."""

    id: str
    title: str | None
    authors: tuple[str, ...]
    published: str | None
    outlet: str | None
    language: str | None
    url: str | None
    updated: str
    findings: int
    layers: tuple[tuple[str, int], ...]  # (layer, findings), in the declared order
    queue: int  # findings a reviewer sees by default
    reviewed: int  # of those, how many have a current review
    reviews: int  # current reviews on the document, by anyone
    snippet: tuple[tuple[str, bool], ...]  # (text, is a hit): the matching passage or opening

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published,
            "site": self.outlet,
            "language": self.language,
            "url": self.url,
            "updated": self.updated,
            "findings": self.findings,
            "layers": dict(self.layers),
            "queue": self.queue,
            "reviewed": self.reviewed,
            "reviews": self.reviews,
            "snippet": "".join(text for text, _ in self.snippet),
            "hits": [text for text, hit in self.snippet if hit],
        }


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True, slots=True)
class LibraryPage:
    cards: tuple[LibraryCard, ...]
    total: int
    limit: int
    offset: int
    facets: Mapping[str, tuple[FacetValue, ...]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": [card.to_dict() for card in self.cards],
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "facets": {
                name: [{"value": v.value, "count": v.count} for v in values]
                for name, values in self.facets.items()
            },
        }


def snippet_parts(text: str) -> tuple[tuple[str, bool], ...]:
    """A snippet with its hit markers as (text, is a hit) parts, white space collapsed."""
    parts: list[tuple[str, bool]] = []
    hit = False
    for piece in text.replace(HIT_END, HIT_START).split(HIT_START):
        flat = _SPACE.sub(" ", piece)
        if flat:
            parts.append((flat, hit))
        hit = not hit
    return tuple(parts)


def _queue_clause() -> tuple[str, list[Any]]:
    """The findings a reviewer sees by default: layers not quiet, at or above the threshold."""
    loud = [layer for layer in LAYER_TABLE if not layer.quiet]
    parts = " OR ".join("(f.layer = ? AND f.score >= ?)" for _ in loud)
    params: list[Any] = []
    for layer in loud:
        params += [layer.name, layer_threshold(layer.name)]
    return f"({parts})", params


def _where(ask: LibraryQuery, reviews: str) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    match = fts_query(ask.query) if ask.query else None
    if match is not None:
        where.append("d.id IN (SELECT document_id FROM documents_fts WHERE documents_fts MATCH ?)")
        params.append(match)
    if ask.technique:
        where.append(
            "d.id IN (SELECT document_id FROM findings WHERE layer = 'technique' AND label = ?)"
        )
        params.append(ask.technique)
    if ask.label:
        where.append("d.id IN (SELECT document_id FROM findings WHERE label = ?)")
        params.append(ask.label)
    if ask.layer:
        where.append("d.id IN (SELECT document_id FROM findings WHERE layer = ?)")
        params.append(ask.layer)
    if ask.actor:
        where.append("d.id IN (SELECT document_id FROM actors WHERE name LIKE ? ESCAPE '\\')")
        params.append(like_pattern(ask.actor))
    if ask.outlet:
        where.append("d.site = ?")
        params.append(ask.outlet)
    if ask.language:
        where.append("d.language = ?")
        params.append(ask.language)
    if ask.reviewed in REVIEWED:
        inside = "IN" if ask.reviewed == "yes" else "NOT IN"
        where.append(f"d.id {inside} (SELECT document_id FROM ({reviews}))")  # noqa: S608 - constant clauses
    if ask.date_from is not None:
        where.append("d.published IS NOT NULL AND substr(d.published, 1, 10) >= ?")
        params.append(ask.date_from.isoformat())
    if ask.date_to is not None:
        where.append("d.published IS NOT NULL AND substr(d.published, 1, 10) <= ?")
        params.append(ask.date_to.isoformat())
    return ("WHERE " + " AND ".join(where)) if where else "", params


def _layer_counts(db: sqlite3.Connection, ids: Sequence[str]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {i: {} for i in ids}
    if not ids:
        return counts
    marks = ",".join("?" * len(ids))
    rows = db.execute(
        f"""SELECT document_id, layer, count(*) AS n FROM findings
            WHERE document_id IN ({marks}) GROUP BY document_id, layer""",  # noqa: S608 - placeholders only
        list(ids),
    )
    for row in rows:
        counts[row["document_id"]][row["layer"]] = row["n"]
    return counts


def _snippets(db: sqlite3.Connection, match: str, ids: Sequence[str]) -> dict[str, str]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = db.execute(
        f"""SELECT document_id, snippet(documents_fts, 2, ?, ?, '…', ?) AS passage
            FROM documents_fts WHERE documents_fts MATCH ? AND document_id IN ({marks})""",  # noqa: S608 - placeholders only
        [HIT_START, HIT_END, SNIPPET_TOKENS, match, *ids],
    )
    found: dict[str, str] = {}
    for row in rows:
        found.setdefault(row["document_id"], row["passage"] or "")
    return found


def _facets(
    db: sqlite3.Connection, clause: str, params: list[Any], reviews: str
) -> dict[str, tuple[FacetValue, ...]]:
    chosen = f"SELECT d.id FROM documents d {clause}"  # noqa: S608 - constant clauses

    def count(sql: str) -> tuple[FacetValue, ...]:
        rows = db.execute(sql, params).fetchall()
        return tuple(FacetValue(str(r[0]), int(r[1])) for r in rows if r[0] not in (None, ""))

    layers = count(
        f"""SELECT layer, count(DISTINCT document_id) FROM findings
            WHERE document_id IN ({chosen}) GROUP BY layer"""  # noqa: S608 - constant clauses
    )
    order = {name: i for i, name in enumerate(LAYERS)}
    return {
        "layer": tuple(sorted(layers, key=lambda v: order.get(v.value, len(order)))),
        "label": count(
            f"""SELECT layer || ':' || label, count(DISTINCT document_id) AS n FROM findings
                WHERE document_id IN ({chosen}) GROUP BY layer, label
                ORDER BY n DESC, layer, label"""  # noqa: S608 - constant clauses
        ),
        "outlet": count(
            f"""SELECT site, count(*) AS n FROM documents WHERE id IN ({chosen})
                GROUP BY site ORDER BY n DESC, site"""  # noqa: S608 - constant clauses
        ),
        "language": count(
            f"""SELECT language, count(*) AS n FROM documents WHERE id IN ({chosen})
                GROUP BY language ORDER BY n DESC, language"""  # noqa: S608 - constant clauses
        ),
        "reviewed": count(
            f"""SELECT CASE WHEN id IN (SELECT document_id FROM ({reviews})) THEN 'yes'
                       ELSE 'no' END AS state, count(*) FROM documents
                WHERE id IN ({chosen}) GROUP BY state ORDER BY state DESC"""  # noqa: S608 - constant clauses
        ),
    }


def library_page(store: Store, ask: LibraryQuery) -> LibraryPage:
    """The documents ``ask`` selects, sorted and paged, with their cards and the facets of all
    that match."""
    limit = max(1, min(int(ask.limit), MAX_LIMIT))
    offset = max(0, int(ask.offset))
    order = SORTS.get(ask.sort, SORTS["newest"])
    queue, queue_params = _queue_clause()
    # The store package's own read connection (a fresh read-only connection).
    with store._read() as db:
        reviews = CURRENT_REVIEWS
        clause, params = _where(ask, reviews)
        total = db.execute(f"SELECT count(*) FROM documents d {clause}", params).fetchone()[0]  # noqa: S608 - constant clauses, bound values
        rows = db.execute(
            f"""SELECT d.id, d.title, d.authors, d.published, d.site, d.language, d.url,
                  d.updated, d.text,
                  (SELECT count(*) FROM findings f WHERE f.document_id = d.id) AS n_findings,
                  (SELECT count(*) FROM findings f WHERE f.document_id = d.id AND {queue})
                    AS queue,
                  (SELECT count(DISTINCT f.finding_id) FROM findings f
                   WHERE f.document_id = d.id AND {queue} AND f.finding_id IN
                     (SELECT r.finding_id FROM ({reviews}) r WHERE r.document_id = d.id))
                    AS reviewed,
                  (SELECT count(*) FROM ({reviews}) r WHERE r.document_id = d.id) AS reviews
                FROM documents d {clause}
                ORDER BY {order} LIMIT ? OFFSET ?""",  # noqa: S608 - constant clauses, bound values
            [*queue_params, *queue_params, *params, limit, offset],
        ).fetchall()
        ids = [r["id"] for r in rows]
        layers = _layer_counts(db, ids)
        match = fts_query(ask.query) if ask.query else None
        passages = _snippets(db, match, ids) if match is not None else {}
        facets = _facets(db, clause, params, reviews)
    cards = []
    for r in rows:
        passage = passages.get(r["id"])
        if passage and HIT_START in passage:
            snippet = snippet_parts(passage)
        else:
            snippet = ((excerpt_of(without_title(r["text"], r["title"])), False),)
        counts = layers[r["id"]]
        cards.append(
            LibraryCard(
                id=r["id"],
                title=r["title"],
                authors=tuple(json.loads(r["authors"])),
                published=r["published"],
                outlet=r["site"],
                language=r["language"],
                url=r["url"],
                updated=r["updated"],
                findings=r["n_findings"],
                layers=tuple((x, counts[x]) for x in LAYERS if x in counts)
                + tuple((x, n) for x, n in sorted(counts.items()) if x not in LAYERS),
                queue=r["queue"],
                reviewed=r["reviewed"],
                reviews=r["reviews"],
                snippet=snippet,
            )
        )
    return LibraryPage(tuple(cards), total, limit, offset, facets)
