"""The chart data: colours declared once, series per article, chain copies once, a CSV."""

from __future__ import annotations

import csv
import io

from spinscope.corpus.chains import build_chains, find_near_duplicates
from spinscope.corpus.charts import (
    ALL_OUTLETS,
    CHARTS,
    TECHNIQUE_PALETTE,
    SeriesPoint,
    chart_payload,
    outlet_colours,
    series_csv,
    series_points,
    technique_colours,
    week_start,
)
from spinscope.corpus.records import CorpusRecord
from spinscope.corpus.trends import compute_trends
from spinscope.taxonomy import techniques

LOADED, DOUBT = "Loaded language", "Doubt"
STORY = (
    "The harbour board of Ostby met on Monday to discuss the dredging contract, and board member "
    "Otto Ferrand said it had been awarded without a proper tender to a firm owned by a friend."
)


def _rec(
    rid: str,
    site: str,
    published: str | None,
    *,
    techniques: tuple[str, ...] = (),
    allegations: int = 0,
    text: str | None = None,
    language: str = "en",
) -> CorpusRecord:
    return CorpusRecord(
        id=rid,
        text=text or f"An unrelated note number {rid} about the weather in Vessgrad.",
        site=site,
        published=published,
        language=language,
        techniques=techniques,
        allegations=allegations,
    )


def _corpus() -> list[CorpusRecord]:
    return [
        # week 2025-W10: four articles of Bay Courier, one of Echo
        _rec("a1", "Bay Courier", "2025-03-03", techniques=(LOADED, LOADED, DOUBT), allegations=2),
        _rec("a2", "Bay Courier", "2025-03-04", techniques=(LOADED,)),
        _rec("a3", "Bay Courier", "2025-03-05"),
        _rec("a4", "Bay Courier", "2025-03-06", allegations=1),
        _rec("e1", "Echo", "2025-03-07", techniques=(DOUBT,), language="ru"),
        _rec("u1", "Echo", None, techniques=(DOUBT,), allegations=3),
    ]


def _point(
    points: list[SeriesPoint], chart: str, series: str, outlet: str, week: str
) -> SeriesPoint:
    (found,) = [
        p for p in points if (p.chart, p.series, p.outlet, p.week) == (chart, series, outlet, week)
    ]
    return found


def test_series_are_per_article_not_raw_counts() -> None:
    points = series_points(compute_trends(_corpus()))
    # Loaded language: 3 findings in a1 and a2, but 2 of the 5 articles of the week hold it.
    loaded = _point(points, "technique_share", LOADED, ALL_OUTLETS, "2025-W10")
    assert (loaded.numerator, loaded.denominator, loaded.value) == (2, 5, 0.4)
    bay = _point(points, "technique_share", LOADED, "Bay Courier", "2025-W10")
    assert (bay.numerator, bay.denominator, bay.value) == (2, 4, 0.5)
    per100 = _point(points, "allegations_per_100", "allegations", "Bay Courier", "2025-W10")
    assert (per100.numerator, per100.denominator, per100.value) == (3, 4, 75.0)
    articles = _point(points, "articles", "articles", ALL_OUTLETS, "2025-W10")
    assert articles.value == 5
    # Undated articles are a row of their own, never a week on the axis.
    undated = _point(points, "allegations_per_100", "allegations", "Echo", "undated")
    assert undated.value == 300.0


def test_the_csv_holds_every_series_with_numerators_and_denominators() -> None:
    trends = compute_trends(_corpus())
    rows = list(csv.DictReader(io.StringIO(series_csv(trends))))
    assert len(rows) == len(series_points(trends))
    assert {r["chart"] for r in rows} == set(CHARTS)
    assert {r["outlet"] for r in rows} == {ALL_OUTLETS, "Bay Courier", "Echo"}
    assert {r["week"] for r in rows} == {"2025-W10", "undated"}
    first = rows[0]
    assert list(first) == ["chart", "series", "outlet", "week", "numerator", "denominator", "value"]


def test_a_formula_like_outlet_is_not_a_formula_in_the_csv() -> None:
    trends = compute_trends([_rec("x", "=HYPERLINK(1)", "2025-03-03")])
    assert "'=HYPERLINK(1)" in series_csv(trends)


def test_colours_are_declared_once_and_stable_across_corpora() -> None:
    names = [t.name for t in techniques()]
    colours = technique_colours(names)
    assert colours[names[0]] == TECHNIQUE_PALETTE[0]
    assert len(set(colours.values())) == len(names)  # every taxonomy technique its own colour
    # The same technique has the same colour whatever else the corpus holds.
    assert technique_colours([DOUBT])[DOUBT] == technique_colours([LOADED, DOUBT])[DOUBT]
    payload = chart_payload(compute_trends(_corpus()))
    assert payload["colours"]["technique"] == technique_colours([LOADED, DOUBT])
    assert list(payload["colours"]["outlet"]) == ["Bay Courier", "Echo"]
    assert payload["languages"] == ["en", "ru"]
    assert payload["weeks"] == [{"week": "2025-W10", "start": "2025-03-03"}]
    assert week_start("2025-W01") == "2024-12-30" and week_start("undated") is None


def test_the_copies_of_one_text_count_once_in_an_outlet() -> None:
    original = _rec("c1", "Bay Courier", "2025-03-03", text=STORY, techniques=(LOADED,))
    copy = _rec("c2", "Bay Courier", "2025-03-04", text=STORY + " Updated.", techniques=(LOADED,))
    other = _rec("c3", "Echo", "2025-03-05", text=STORY[:150], techniques=(LOADED,))
    records = [original, copy, other]
    chains = build_chains(records, find_near_duplicates(records))
    assert len(chains) == 1
    trends = compute_trends(records, chains=chains)
    assert trends.counted == 2
    points = series_points(trends)
    bay = _point(points, "technique_share", LOADED, "Bay Courier", "2025-W10")
    assert (bay.numerator, bay.denominator) == (1, 1)
    assert _point(points, "articles", "articles", "Echo", "2025-W10").value == 1


def test_the_twenty_largest_outlets_have_their_own_colours() -> None:
    outlets = tuple(f"Outlet {i:02d}" for i in range(21))
    colours = outlet_colours(outlets)
    assert len({colours[o] for o in outlets[:20]}) == 20
    assert colours["Outlet 20"] == colours["Outlet 00"]
