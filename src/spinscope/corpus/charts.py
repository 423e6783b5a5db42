"""What the corpus charts draw: colours declared once, the series normalised per article, a CSV.

The charts are Vega-Lite specifications built in the page by ``corpus.js`` (drawn by the
vendored scripts of :mod:`spinscope.corpus.vega`) from :func:`chart_payload`, plain JSON:
the :class:`~spinscope.corpus.trends.Cell` counts per outlet, language and week, and the
colour of every technique and outlet. The page filters the cells by outlet, language and date
range and sums them before it divides, so that each series stays normalised per article:

* ``articles``: articles per week and outlet;
* ``technique_share``: the share of the week's articles that hold each technique;
* ``allegations_per_100``: scored allegations per 100 articles of the week, per outlet.

:func:`series_points` computes the same series over the whole corpus (and per outlet) for the
CSV; undated articles are a row of their own (week ``undated``), never a point on a time axis.

Colours: a technique has its colour by its place in the taxonomy (the same in every corpus); an
outlet by its place among the corpus's outlets, most articles first. Every chart reads them from
the payload, so one technique or outlet has one colour everywhere.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from spinscope.corpus.records import UNDATED
from spinscope.corpus.trends import Trends
from spinscope.report.layout import clean
from spinscope.taxonomy import techniques

# Tableau 20, one per taxonomy technique in order; category 20 for outlets (the 20 largest
# have their own colour, the rest reuse them in turn).
TECHNIQUE_PALETTE: Final = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    "#a0cbe8", "#ffbe7d", "#ff9d9a", "#86bcb6", "#8cd17d",
    "#f1ce63", "#d4a6c8", "#fabfd2", "#d7b5a6", "#499894",
)  # fmt: skip
OUTLET_PALETTE: Final = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5",
    "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
)  # fmt: skip
UNKNOWN_COLOUR: Final = "#555555"
CHARTS: Final = ("articles", "technique_share", "allegations_per_100")
ALL_OUTLETS: Final = "all outlets"
CSV_COLUMNS: Final = ("chart", "series", "outlet", "week", "numerator", "denominator", "value")


def technique_colours(names: list[str]) -> dict[str, str]:
    """Each technique's colour: its place in the taxonomy; one not in it gets a dark grey."""
    place = {t.name: i for i, t in enumerate(techniques())}
    return {
        n: TECHNIQUE_PALETTE[place[n] % len(TECHNIQUE_PALETTE)] if n in place else UNKNOWN_COLOUR
        for n in names
    }


def outlet_colours(outlets: tuple[str, ...]) -> dict[str, str]:
    """Each outlet's colour: its place among the outlets (most articles first), cycling."""
    return {o: OUTLET_PALETTE[i % len(OUTLET_PALETTE)] for i, o in enumerate(outlets)}


def week_start(week: str) -> str | None:
    """The Monday of an ISO week (``2025-W07`` -> ``2025-02-10``); None for ``undated``."""
    if week == UNDATED:
        return None
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1).isoformat()


def technique_order(trends: Trends) -> list[str]:
    """The techniques of the corpus, most articles first, then by name."""
    totals: Counter[str] = Counter()
    for cell in trends.cells:
        for name, n in cell.techniques:
            totals[name] += n
    return sorted(totals, key=lambda k: (-totals[k], k))


def chart_payload(trends: Trends) -> dict[str, Any]:
    """The JSON the page's charts are built from (see the module docstring)."""
    names = technique_order(trends)
    languages = sorted({c.language for c in trends.cells})
    return {
        "weeks": [{"week": w, "start": week_start(w)} for w in trends.weeks if w != UNDATED],
        "outlets": list(trends.outlets),
        "languages": languages,
        "techniques": names,
        "colours": {
            "technique": technique_colours(names),
            "outlet": outlet_colours(trends.outlets),
        },
        "cells": [
            {
                "outlet": c.outlet,
                "language": c.language,
                "week": c.week,
                "start": week_start(c.week),
                "articles": c.articles,
                "allegations": c.allegations,
                "techniques": dict(c.techniques),
            }
            for c in trends.cells
        ],
    }


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One value of one series: ``numerator / denominator`` (times 100 for allegations per 100
    articles; the count itself for articles), for an outlet (or all) and week (or undated)."""

    chart: str
    series: str
    outlet: str
    week: str
    numerator: int
    denominator: int
    value: float


def _ratio(numerator: int, denominator: int, scale: int) -> float:
    return round(scale * numerator / denominator, 4) if denominator else 0.0


def series_points(trends: Trends) -> list[SeriesPoint]:
    """Every series of the charts, over all outlets and for each outlet, week by week."""
    articles: Counter[tuple[str, str]] = Counter()
    allegations: Counter[tuple[str, str]] = Counter()
    holding: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for cell in trends.cells:
        for outlet in (ALL_OUTLETS, cell.outlet):
            key = (outlet, cell.week)
            articles[key] += cell.articles
            allegations[key] += cell.allegations
            holding[key].update(dict(cell.techniques))
    outlets = (ALL_OUTLETS, *trends.outlets)
    names = technique_order(trends)
    points: list[SeriesPoint] = []
    for outlet in outlets:
        for week in trends.weeks:
            n = articles[(outlet, week)]
            if not n:
                continue
            points.append(SeriesPoint("articles", "articles", outlet, week, n, 1, float(n)))
            k = allegations[(outlet, week)]
            points.append(
                SeriesPoint(
                    "allegations_per_100", "allegations", outlet, week, k, n, _ratio(k, n, 100)
                )
            )
            for name in names:
                m = holding[(outlet, week)][name]
                points.append(
                    SeriesPoint("technique_share", name, outlet, week, m, n, _ratio(m, n, 1))
                )
    return points


def series_csv(trends: Trends) -> str:
    """Every series as CSV, one row per point, with its numerator and denominator."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in series_points(trends):
        writer.writerow(
            [p.chart, _cell(p.series), _cell(p.outlet), p.week, p.numerator, p.denominator, p.value]
        )
    return out.getvalue()


def _cell(value: str) -> str:
    """A CSV value cleaned of control and bidirectional characters, that a spreadsheet will not
    read as a formula."""
    value = clean(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
