"""Trends: what each outlet did week by week (techniques, targeted actors, narratives).

Everything here is plain data: :meth:`Trends.to_dict` is what a web view serves as JSON, and
what the corpus report draws. An outlet is the record's site, else its URL's host, else
``unknown``; a week is the ISO week of publication (``2025-W07``), else ``undated``.
Actors are counted once per scored allegation that targets them, and merged across documents
by :func:`~spinscope.corpus.targets.merge_targets` (case, accents, possessives, inflected
Russian and Ukrainian forms, aliases, initials and surnames that fit one full name); each is
shown under its most frequent full spelling.

The copies of one text count once: given the chains, only :func:`~spinscope.corpus.chains.
representatives` are counted (one member of each chain in each outlet that carries it).
:attr:`Trends.cells` hold what the charts normalise by: per outlet, language and week, the
articles, the scored allegations, and how many articles hold each technique.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from spinscope.analysis import Analysis
from spinscope.corpus.chains import Chain, representatives
from spinscope.corpus.narratives import Narrative
from spinscope.corpus.records import UNDATED, CorpusRecord, as_records
from spinscope.corpus.targets import merge_targets
from spinscope.errors import InputError

KINDS = ("techniques", "actors", "narratives")
UNKNOWN_LANGUAGE = "unknown"


@dataclass(frozen=True, slots=True)
class Row:
    """One count: in ``outlet``, in ``week``, ``key`` (a technique, actor or narrative id)."""

    outlet: str
    week: str
    key: str
    count: int


@dataclass(frozen=True, slots=True)
class Cell:
    """The articles of one outlet, language (``unknown`` when not identified) and week: how many,
    their scored allegations, and for each technique the number of articles that hold it."""

    outlet: str
    language: str
    week: str
    articles: int
    allegations: int
    techniques: tuple[tuple[str, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet,
            "language": self.language,
            "week": self.week,
            "articles": self.articles,
            "allegations": self.allegations,
            "techniques": dict(self.techniques),
        }


@dataclass(frozen=True, slots=True)
class Trends:
    """Counts per outlet and week. Rows are sorted by outlet, week, then key."""

    weeks: tuple[str, ...]  # ISO weeks in order, ``undated`` last when present
    outlets: tuple[str, ...]  # by number of articles, most first, then by name
    articles: tuple[Row, ...]  # key is always "articles"
    techniques: tuple[Row, ...]
    actors: tuple[Row, ...]
    narratives: tuple[Row, ...]
    narrative_labels: dict[str, str]
    cells: tuple[Cell, ...] = ()
    # the ids of the articles counted (the representatives of chains, and the rest)
    counted_ids: frozenset[str] = frozenset()

    @property
    def counted(self) -> int:
        """How many articles the trends count."""
        return len(self.counted_ids)

    def rows(self, kind: str) -> tuple[Row, ...]:
        if kind not in KINDS:
            raise InputError("E134", option="kind", value=kind, valid=", ".join(KINDS))
        rows: tuple[Row, ...] = getattr(self, kind)
        return rows

    def by_week(self, kind: str, *, outlet: str | None = None) -> dict[str, dict[str, int]]:
        """``{key: {week: count}}`` over all outlets, or one."""
        out: dict[str, dict[str, int]] = defaultdict(dict)
        for row in self.rows(kind):
            if outlet is None or row.outlet == outlet:
                out[row.key][row.week] = out[row.key].get(row.week, 0) + row.count
        return dict(out)

    def top(
        self, kind: str, *, outlet: str | None = None, limit: int = 10
    ) -> list[tuple[str, int]]:
        """The keys with the highest totals (ties by key), over all outlets or one."""
        totals: Counter[str] = Counter()
        for row in self.rows(kind):
            if outlet is None or row.outlet == outlet:
                totals[row.key] += row.count
        return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]

    def to_dict(self) -> dict[str, Any]:
        def rows(items: tuple[Row, ...], name: str) -> list[dict[str, Any]]:
            return [
                {"outlet": r.outlet, "week": r.week, name: r.key, "count": r.count} for r in items
            ]

        return {
            "weeks": list(self.weeks),
            "outlets": list(self.outlets),
            "articles": [
                {"outlet": r.outlet, "week": r.week, "count": r.count} for r in self.articles
            ],
            "techniques": rows(self.techniques, "technique"),
            "actors": rows(self.actors, "actor"),
            "narratives": [
                {
                    "outlet": r.outlet,
                    "week": r.week,
                    "narrative": r.key,
                    "label": self.narrative_labels.get(r.key, r.key),
                    "count": r.count,
                }
                for r in self.narratives
            ],
            "cells": [c.to_dict() for c in self.cells],
            "counted": self.counted,
        }


def _rows(counts: Counter[tuple[str, str, str]]) -> tuple[Row, ...]:
    return tuple(Row(o, w, k, n) for (o, w, k), n in sorted(counts.items()))


def week_order(weeks: Iterable[str]) -> tuple[str, ...]:
    unique = set(weeks)
    return tuple(sorted(unique - {UNDATED})) + ((UNDATED,) if UNDATED in unique else ())


def actor_names(records: Sequence[CorpusRecord]) -> dict[str, str]:
    """Each target spelling mapped to the name of the actor it is merged into (see
    :func:`~spinscope.corpus.targets.merge_targets`)."""
    return merge_targets(records)


def compute_trends(
    items: Iterable[Analysis | CorpusRecord],
    *,
    narratives: Sequence[Narrative] = (),
    chains: Sequence[Chain] = (),
) -> Trends:
    """Per outlet and ISO week: articles, techniques, targeted actors and narratives.

    A narrative counts once per article of that outlet and week that holds one of its statements.
    With ``chains``, the copies of one text count once in each outlet (see
    :func:`~spinscope.corpus.chains.representatives`).
    """
    records = as_records(items)
    if chains:
        kept = representatives(records, chains)
        records = [r for r in records if r.id in kept]
    names = actor_names(records)
    in_article: dict[str, list[str]] = defaultdict(list)
    for narrative in narratives:
        for article in narrative.articles:
            in_article[article].append(narrative.id)
    articles: Counter[tuple[str, str, str]] = Counter()
    techniques: Counter[tuple[str, str, str]] = Counter()
    actors: Counter[tuple[str, str, str]] = Counter()
    stories: Counter[tuple[str, str, str]] = Counter()
    outlet_sizes: Counter[str] = Counter()
    cell_articles: Counter[tuple[str, str, str]] = Counter()
    cell_allegations: Counter[tuple[str, str, str]] = Counter()
    cell_techniques: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    for record in records:
        outlet, week = record.outlet, record.week
        cell = (outlet, record.language or UNKNOWN_LANGUAGE, week)
        cell_articles[cell] += 1
        cell_allegations[cell] += record.allegations
        cell_techniques[cell].update(set(record.techniques))
        outlet_sizes[outlet] += 1
        articles[(outlet, week, "articles")] += 1
        for label in record.techniques:
            techniques[(outlet, week, label)] += 1
        for target in record.targets:
            name = names.get(target.strip())
            if name:
                actors[(outlet, week, name)] += 1
        for narrative_id in sorted(set(in_article.get(record.id, ()))):
            stories[(outlet, week, narrative_id)] += 1
    return Trends(
        weeks=week_order(r.week for r in records),
        outlets=tuple(sorted(outlet_sizes, key=lambda o: (-outlet_sizes[o], o))),
        articles=_rows(articles),
        techniques=_rows(techniques),
        actors=_rows(actors),
        narratives=_rows(stories),
        narrative_labels={n.id: n.label for n in narratives},
        cells=tuple(
            Cell(
                outlet=o,
                language=lang,
                week=w,
                articles=n,
                allegations=cell_allegations[(o, lang, w)],
                techniques=tuple(sorted(cell_techniques[(o, lang, w)].items())),
            )
            for (o, lang, w), n in sorted(cell_articles.items())
        ),
        counted_ids=frozenset(r.id for r in records),
    )
