"""The corpus charts in a real headless Chromium: the self-contained report opened from a file,
and ``/corpus`` served by a real uvicorn server. Each draws its Vega-Lite charts (SVG with
marks), shows values on hover, follows its filter, offers the CSV, requests nothing from
anywhere else and logs no console error (so no Content-Security-Policy refusal either).
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from spinscope.corpus.records import CorpusRecord
from spinscope.corpus.report import analyse_corpus, render_corpus_report
from spinscope.store import Store
from tests.corpus.builders import HOSTILE, hostile_corpus
from tests.web.test_browser import Live, live, open_page  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

MARKS = {
    "#chart-articles": ".mark-rect path",
    "#chart-techniques": ".mark-line path",
    "#chart-allegations": ".mark-line path",
}


WORDS = ("harbour", "ferry", "budget", "council", "tender", "mayor", "vote", "bridge", "quay")


def _records() -> list[CorpusRecord]:
    """Three invented outlets over four weeks, one with a hostile name, and undated articles."""
    outlets = ["Ostby Herald", "Vessgrad Daily", HOSTILE]
    days = ["2025-03-03", "2025-03-12", "2025-03-19", "2025-03-26", None]
    records = []
    for i in range(30):
        outlet = outlets[i % 3]
        words = [WORDS[(i * 7 + k * k) % len(WORDS)] + str(i * 31 + k) for k in range(24)]
        text = f"Invented article {i} of {outlet}: " + " ".join(words)  # no two alike
        records.append(
            CorpusRecord(
                id=f"doc{i:02d}",
                text=text,
                site=outlet,
                published=days[i % 5],
                language="en" if i % 4 else "ru",
                techniques=(("Loaded language",) if i % 2 else ()) + (("Doubt",) * (i % 3)),
                allegations=i % 3,
            )
        )
    return records


def _check_charts(page: Any) -> None:
    page.wait_for_selector("#chart-allegations svg", timeout=15_000)
    for chart, mark in MARKS.items():
        assert page.locator(f"{chart} svg").count() == 1, chart
        assert page.locator(f"{chart} svg {mark}").count() > 0, chart
    # Values on hover: the tooltip names the week and the share.
    point = page.locator("#chart-techniques .mark-symbol path").first
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=5_000)
    text = tooltip.text_content() or ""
    assert "ISO week" in text and "Share of articles" in text


@pytest.fixture
def watched_file(browser: Any, tmp_path: Path) -> Iterator[tuple[Any, list[str], list[str]]]:
    html = tmp_path / "corpus.html"
    corpus = analyse_corpus(_records(), translations=False, meanings=False)
    html.write_text(render_corpus_report(corpus), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (errors.append(dialog.message), dialog.dismiss()))
    page.goto(html.as_uri())
    try:
        yield page, requests, errors
    finally:
        context.close()


def test_the_report_file_draws_its_charts_offline(
    watched_file: tuple[Any, list[str], list[str]],
) -> None:
    page, requests, errors = watched_file
    _check_charts(page)
    # The filter redraws every chart from the chosen outlet's articles only.
    drawn = page.get_attribute("#chart-articles", "data-drawn")
    page.select_option("#chart-filter select[name=outlet]", "Ostby Herald")
    page.wait_for_function(
        f"document.querySelector('#chart-articles').getAttribute('data-drawn') !== '{drawn}'"
    )
    assert page.locator("#chart-articles svg .mark-rect path").count() == 4  # one per week
    note = page.locator("#undated-note").text_content() or ""
    assert note.startswith("2 undated articles are counted apart")
    # A filter that leaves no dated article says so instead of drawing empty charts.
    page.select_option("#chart-filter select[name=from]", "2025-W13")
    page.select_option("#chart-filter select[name=to]", "2025-W10")
    page.wait_for_function("document.querySelector('#chart-articles').textContent !== ''")
    assert page.locator("#chart-articles svg").count() == 0
    assert page.text_content("#chart-techniques") == "No dated article matches the filter."
    page.select_option("#chart-filter select[name=outlet]", "")
    page.select_option("#chart-filter select[name=to]", "")
    page.select_option("#chart-filter select[name=from]", "2025-W12")
    page.wait_for_timeout(500)
    assert page.locator("#chart-articles svg .mark-rect path").count() == 6  # 2 weeks x 3
    # The CSV of every series is a download in the page itself.
    link = page.locator("section#techniques a[download]")
    href = link.get_attribute("href") or ""
    assert href.startswith("data:text/csv;charset=utf-8;base64,")
    csv = base64.b64decode(href.split(",", 1)[1]).decode("utf-8")
    assert csv.startswith("chart,series,outlet,week")
    # A hostile outlet name is shown as text in its tooltip, never run.
    shown = []
    bars = page.locator("#chart-articles svg .mark-rect path")
    for k in range(bars.count()):
        bars.nth(k).hover()
        shown.append(page.locator("#vg-tooltip-element").text_content() or "")
    assert any(HOSTILE in text for text in shown)
    assert page.evaluate("window.__pwned === undefined")
    assert [u for u in requests if not u.startswith(("file://", "data:"))] == []
    assert errors == []


def test_the_web_corpus_page_draws_its_charts_under_the_app_policy(
    open_page: Any,  # noqa: F811 - the fixture
    live: Live,  # noqa: F811 - the fixture
) -> None:
    with Store.open(live.db) as store:
        for analysis in hostile_corpus():
            store.save_analysis(analysis)
    watched = open_page("/corpus")
    page = watched.page
    _check_charts(page)
    # The CSV link downloads under the app's policy.
    with page.expect_download() as download:
        page.click("section#techniques a[download]")
    saved = download.value.path()
    assert Path(saved).read_text(encoding="utf-8").startswith("chart,series,outlet,week")
    assert page.evaluate("window.__pwned === undefined")
    vendored = [u for u in watched.requests if "/static/vendor/vega/" in u]
    assert len(vendored) == 4
    watched.check_clean()
