"""The HTML report in a real headless Chromium: no requests, no errors, working highlights.

Needs /usr/bin/chromium (never downloads a browser): fails in CI when it is missing, skips
elsewhere. Saves a screenshot to artifacts/report.png for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from spinscope.analysis import Analysis
from spinscope.ingest import read_text
from spinscope.pipeline import Pipeline
from spinscope.report.html import render_html
from tests.conftest import EXAMPLES, ROOT
from tests.report.builders import hostile, sample, with_weak_finding

pytestmark = pytest.mark.browser

WIDTHS = (390, 600, 768, 1024, 1216, 1280, 1400, 1920)


@pytest.fixture(scope="module")
def harbour() -> Analysis:
    """The example article, analysed: a long page with a long findings table."""
    path = EXAMPLES / "harbour-fund-affair.txt"
    return Pipeline()(read_text(path.read_text(encoding="utf-8"), source=path.name))


@dataclass
class Opened:
    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def check_clean(self) -> None:
        assert self.errors == []
        assert self.dialogs == []
        others = [u for u in self.requests if u != self.url and not u.startswith("data:")]
        assert others == []


@pytest.fixture
def open_report(browser: Any, tmp_path: Path) -> Iterator[Any]:
    contexts: list[Any] = []

    def opener(
        analysis: Analysis, *, width: int = 1400, name: str = "report.html", touch: bool = False
    ) -> Opened:
        path = tmp_path / name
        path.write_text(render_html(analysis), encoding="utf-8")
        context = browser.new_context(
            viewport={"width": width, "height": 900}, has_touch=touch, is_mobile=touch
        )
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page=page, url=path.as_uri())
        page.on("request", lambda request: opened.requests.append(request.url))
        page.on(
            "console",
            lambda message: opened.errors.append(message.text) if message.type == "error" else None,
        )
        page.on("pageerror", lambda error: opened.errors.append(str(error)))

        def on_dialog(dialog: Any) -> None:
            opened.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(opened.url)
        page.wait_for_load_state("load")
        return opened

    yield opener
    for context in contexts:
        context.close()


def _mark_for(page: Any, text: str) -> Any:
    return page.locator("mark[data-ids]", has_text=text).first


def test_loads_nothing_and_shows_a_tooltip_on_hover(open_report: Any) -> None:
    opened = open_report(sample())
    page = opened.page
    assert page.evaluate("document.documentElement.classList.contains('js')")
    tip = page.locator("#tip")
    assert tip.is_hidden()
    _mark_for(page, "Officials who spoke").hover()
    assert tip.is_visible()
    assert "Anonymous_Source" in tip.inner_text()
    assert "The source is not named." in tip.inner_text()
    page.mouse.move(5, 5)
    assert tip.is_hidden()
    opened.check_clean()


def test_overlaps_show_every_finding_and_click_pins(open_report: Any) -> None:
    opened = open_report(sample())
    page = opened.page
    mark = page.locator("mark[data-ids]", has_text="disgraceful").first
    mark.click()
    tip = page.locator("#tip")
    text = tip.inner_text()
    assert "Loaded_Language" in text and "A strongly emotional word." in text
    assert "Exaggeration" in text and "Overstates the effect of the fees." in text
    page.mouse.move(5, 5)
    assert tip.is_visible()  # pinned by the click
    page.keyboard.press("Escape")
    assert tip.is_hidden()
    opened.check_clean()


def test_keyboard_focus_shows_the_tooltip(open_report: Any) -> None:
    opened = open_report(sample())
    page = opened.page
    _mark_for(page, "everyone knows").focus()
    tip = page.locator("#tip")
    assert tip.is_visible() and "Bandwagon" in tip.inner_text()
    opened.check_clean()


def test_layer_toggles_remove_and_restore_highlights(open_report: Any) -> None:
    opened = open_report(sample())
    page = opened.page
    selector = "mark.layer-technique"
    before = page.locator(selector).count()
    assert before > 0
    only_technique = page.locator("mark[data-ids]", has_text="betrayal").first
    assert "f" in only_technique.get_attribute("class").split()
    page.locator("input.layer-toggle[data-layer='technique']").uncheck()
    assert page.locator(selector).count() == 0
    classes = only_technique.get_attribute("class").split()
    assert "f" not in classes and "off" in classes
    only_technique.hover()
    assert page.locator("#tip").is_hidden()
    page.locator("input.layer-toggle[data-layer='technique']").check()
    assert page.locator(selector).count() == before
    opened.check_clean()


def test_hostile_report_runs_no_script_of_its_own(open_report: Any) -> None:
    opened = open_report(hostile(), name="hostile.html")
    page = opened.page
    for mark in page.locator("mark[data-ids]").all():
        mark.hover()
        mark.click()
    page.keyboard.press("Escape")
    for box in page.locator("input.layer-toggle").all():
        box.uncheck()
        box.check()
    assert page.evaluate("document.querySelectorAll('script').length") == 2
    assert page.locator("img").count() == 0
    assert "<script>alert(1)</script>" in page.locator("h1").inner_text()
    opened.check_clean()


def test_screenshot_for_review(open_report: Any) -> None:
    opened = open_report(sample())
    page = opened.page
    _mark_for(page, "disgraceful").hover()
    out = ROOT / "artifacts"
    out.mkdir(exist_ok=True)
    page.screenshot(path=str(out / "report.png"), full_page=True)
    narrow = open_report(sample(), width=420, name="narrow.html")
    narrow.page.screenshot(path=str(out / "report-narrow.png"), full_page=True)
    assert (out / "report.png").stat().st_size > 10_000
    opened.check_clean()
    narrow.check_clean()


def test_entity_and_claim_layers_start_hidden(open_report: Any) -> None:
    opened = open_report(sample())
    page = opened.page
    for layer in ("entity", "claim"):
        box = page.locator(f"input.layer-toggle[data-layer='{layer}']")
        assert not box.is_checked()
        assert page.locator(f"mark.layer-{layer}").count() == 0
        box.check()
        assert page.locator(f"mark.layer-{layer}").count() > 0
    assert page.locator("input.layer-toggle[data-layer='technique']").is_checked()
    opened.check_clean()


def test_findings_below_their_threshold_start_hidden_and_the_toggle_shows_them(
    open_report: Any,
) -> None:
    opened = open_report(with_weak_finding())
    page = opened.page
    weak = page.locator("mark[data-ids]", has_text="north pier").first
    row = page.locator("tr.low")
    toggle = page.locator("#show-low")
    assert "Show 1 finding scored below" in page.locator("label.low-toggle").inner_text()
    assert not toggle.is_checked()
    assert "off" in weak.get_attribute("class").split() and row.is_hidden()
    weak.hover()
    assert page.locator("#tip").is_hidden()
    toggle.check()
    classes = weak.get_attribute("class").split()
    assert "off" not in classes and "layer-technique" in classes and row.is_visible()
    weak.hover()
    assert "Loaded_Language" in page.locator("#tip").inner_text()
    toggle.uncheck()
    assert "off" in weak.get_attribute("class").split() and row.is_hidden()
    opened.check_clean()


def test_without_weak_findings_there_is_no_toggle(open_report: Any) -> None:
    opened = open_report(sample())
    assert opened.page.locator("#show-low").count() == 0
    opened.check_clean()


# Points spread over the visible part of the table: each must hit the table itself.
_COVERED = """() => {
  const wrap = document.querySelector('.table-wrap');
  const side = document.querySelector('.side').getBoundingClientRect();
  const box = wrap.getBoundingClientRect();
  const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, window.innerHeight);
  const left = Math.max(box.left, 0), right = Math.min(box.right, window.innerWidth);
  if (bottom - top < 4 || right - left < 4) { return {visible: false, hits: [], overlap: 0}; }
  const hits = [];
  for (let i = 1; i < 8; i++) {
    for (let j = 1; j < 6; j++) {
      const x = left + (right - left) * i / 8, y = top + (bottom - top) * j / 6;
      const found = document.elementFromPoint(x, y);
      if (!found || !wrap.contains(found)) {
        hits.push([x, y, found ? found.tagName + '.' + found.className : null]);
      }
    }
  }
  const w = Math.min(side.right, right) - Math.max(side.left, left);
  const h = Math.min(side.bottom, bottom) - Math.max(side.top, top);
  return {visible: true, hits, overlap: w > 0 && h > 0 ? w * h : 0};
}"""


def test_nothing_covers_the_findings_table_at_any_width(
    open_report: Any, harbour: Analysis
) -> None:
    for width in WIDTHS:
        opened = open_report(harbour, width=width, name=f"wide-{width}.html")
        page = opened.page
        start, end = page.evaluate(
            "(() => { const b = document.querySelector('.table-wrap').getBoundingClientRect();"
            " return [b.top + scrollY, b.bottom + scrollY]; })()"
        )
        seen = 0
        for y in range(int(start) - 900, int(end), 450):
            page.evaluate(f"window.scrollTo(0, {max(0, y)})")
            measured = page.evaluate(_COVERED)
            if not measured["visible"]:
                continue
            seen += 1
            assert measured["overlap"] == 0, (width, y, measured)
            assert measured["hits"] == [], (width, y, measured)
        assert seen > 3, width
        opened.check_clean()


def test_on_a_phone_nothing_overflows_and_a_tap_opens_a_bottom_sheet_in_place(
    open_report: Any, harbour: Analysis
) -> None:
    opened = open_report(harbour, width=390, touch=True)
    page = opened.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => !e.closest('.table-wrap')"
        " && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)"
        ".map(e => e.tagName + '.' + e.className)"
    )
    assert wide == []
    # The findings table reads as cards: nothing to scroll sideways inside it either.
    assert page.evaluate(
        "(() => { const w = document.querySelector('.table-wrap');"
        " return w.scrollWidth <= w.clientWidth; })()"
    )
    tip = page.locator("#tip")
    marks = page.locator("article mark.f:not(.off)")
    assert marks.count() > 5
    for index in (1, marks.count() // 2, marks.count() - 1):
        mark = marks.nth(index)
        mark.scroll_into_view_if_needed()
        before = page.evaluate("scrollY")
        mark.tap()
        page.wait_for_timeout(150)
        assert tip.is_visible()
        after = page.evaluate("scrollY")
        assert abs(after - before) < 450, (index, before, after)  # never a jump
        sheet = tip.bounding_box()
        box = mark.bounding_box()
        assert sheet is not None and box is not None
        assert "sheet" in (tip.get_attribute("class") or "").split()
        assert sheet["x"] == 0 and sheet["width"] == 390
        assert abs(sheet["y"] + sheet["height"] - 900) < 1  # along the screen's bottom
        assert box["y"] >= 0 and box["y"] + box["height"] <= sheet["y"] + 1  # the text in view
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.locator("#tip .tip-close").tap()
        assert tip.is_hidden()
    opened.check_clean()
