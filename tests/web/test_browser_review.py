"""The article page as a review queue, in a real headless Chromium on a real server.

Marks go through the review API (``PUT /api/documents/{doc}/findings/{id}/review``), so each
test reads the stored reviews back through ``GET /api/documents/{doc}/reviews``.
"""

# ruff: noqa: F811 - the live-server fixtures come from test_browser, named as pytest asks

from __future__ import annotations

import re
from typing import Any

import pytest

from spinscope.analysis import Analysis
from spinscope.ingest import read_text
from spinscope.pipeline import Pipeline
from spinscope.store import Store
from tests.web.conftest import HARBOUR
from tests.web.test_browser import Live, Watched, live, open_page  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

SHOW_ALL = "?layers=1&show=technique&show=sourcing&show=allegation&show=claim&show=entity"


@pytest.fixture(scope="module")
def harbour() -> Analysis:
    return Pipeline()(read_text(HARBOUR.read_text(encoding="utf-8"), source=HARBOUR.name))


def _stored(live: Live, analysis: Analysis) -> str:
    with Store.open(live.db) as store:
        return store.save_analysis(analysis)


def _reviews(page: Any, origin: str, doc_id: str) -> dict[str, Any]:
    response = page.request.get(f"{origin}/api/documents/{doc_id}/reviews")
    assert response.ok, response.text()
    body: dict[str, Any] = response.json()
    return body


def _current(page: Any) -> str | None:
    key: str | None = page.evaluate(
        "(() => { const li = document.querySelector('li.finding.current');"
        " return li ? li.dataset.key : null; })()"
    )
    return key


def _current_in_view(page: Any) -> bool:
    """Whether the current finding's text is inside the window (the article follows it)."""
    inside: bool = page.evaluate(
        """(() => {
          const li = document.querySelector('li.finding.current');
          const R = window.spinscopeReview;
          const box = R.ranges(Number(li.dataset.start), Number(li.dataset.end))[0]
            .getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight;
        })()"""
    )
    return inside


def test_twenty_findings_marked_with_the_keyboard_alone(
    open_page: Any, live: Live, harbour: Analysis
) -> None:
    doc_id = _stored(live, harbour)
    watched: Watched = open_page(f"/documents/{doc_id}{SHOW_ALL}")
    page = watched.page
    page.wait_for_selector("html.review-ready")
    page.locator("body").focus()
    keys = []
    for n in range(20):
        if n == 0:
            page.keyboard.press("j")
        keys.append(_current(page))
        assert keys[-1] is not None
        assert _current_in_view(page), n
        page.keyboard.press("y" if n % 2 == 0 else "n")
    page.wait_for_function(
        "() => document.getElementById('progress-text').textContent.includes('reviewed 20 of')"
    )
    body = _reviews(page, watched.origin, doc_id)
    mine = {r["finding_id"]: r["verdict"] for r in body["reviews"] if not r.get("replaced")}
    ids = [page.locator(f"#finding-{key}").get_attribute("data-id") for key in keys]
    assert len(set(ids)) == 20 and set(ids) <= set(mine)
    assert [mine[i] for i in ids] == ["up", "down"] * 10
    # "Next unreviewed" skips the twenty.
    page.keyboard.press("u")
    skipped = page.locator("li.finding.current").get_attribute("data-id")
    assert skipped not in ids
    watched.check_clean()


def test_a_verdict_is_changed_not_counted_twice(
    open_page: Any, live: Live, harbour: Analysis
) -> None:
    doc_id = _stored(live, harbour)
    watched: Watched = open_page(f"/documents/{doc_id}")
    page = watched.page
    page.wait_for_selector("html.review-ready")
    item = page.locator("li.finding:not([hidden])").nth(2)
    key = item.get_attribute("data-key")
    item.locator("q.quote").click()
    assert _current(page) == key
    item.locator("button.thumb.up").click()
    page.wait_for_function(
        "k => document.querySelector('#finding-' + k + ' [data-n=up]').textContent === '1'",
        arg=key,
    )
    item.locator("button.thumb.down").click()
    page.wait_for_function(
        "k => document.querySelector('#finding-' + k + ' [data-n=down]').textContent === '1'",
        arg=key,
    )
    assert item.locator("[data-n=up]").inner_text() == "0"
    assert item.locator("button.thumb.down").get_attribute("aria-pressed") == "true"
    finding_id = item.get_attribute("data-id")
    current = [
        r
        for r in _reviews(page, watched.origin, doc_id)["reviews"]
        if r["finding_id"] == finding_id and not r.get("replaced")
    ]
    assert [r["verdict"] for r in current] == ["down"]
    page.reload()
    page.wait_for_selector("html.review-ready")
    again = page.locator(f"#finding-{key}")
    assert again.locator("[data-n=down]").inner_text() == "1"
    assert again.locator("[data-n=up]").inner_text() == "0"
    watched.check_clean()


def _select_text(page: Any, words: str) -> None:
    """Select ``words`` in the article, as a reader's drag would."""
    page.evaluate(
        """words => {
          const walker = document.createTreeWalker(
            document.getElementById('article'), NodeFilter.SHOW_TEXT);
          let node;
          while ((node = walker.nextNode())) {
            const at = node.data.indexOf(words);
            if (at >= 0) {
              const range = document.createRange();
              range.setStart(node, at);
              range.setEnd(node, at + words.length);
              const selection = window.getSelection();
              selection.removeAllRanges();
              selection.addRange(range);
              return;
            }
          }
          throw new Error('not in one text node: ' + words);
        }""",
        words,
    )


def test_a_span_corrected_and_a_missed_span_added_through_the_page(
    open_page: Any, live: Live, harbour: Analysis
) -> None:
    doc_id = _stored(live, harbour)
    text = harbour.document.text
    watched: Watched = open_page(f"/documents/{doc_id}")
    page = watched.page
    page.wait_for_selector("html.review-ready")
    page.keyboard.press("j")
    key = _current(page)
    item = page.locator(f"#finding-{key}")
    start = int(item.get_attribute("data-start") or 0)
    end = int(item.get_attribute("data-end") or 0)
    page.keyboard.press("e")
    editor = page.locator("#editor")
    assert editor.is_visible()
    assert page.locator("#editor-preview").inner_text() == text[start:end]
    # One word more at the end, one character less at the start.
    editor.locator("[data-nudge='end:w']").click()
    editor.locator("[data-nudge='start:1']").click()
    new_start = int(page.locator("#editor-start").input_value())
    new_end = int(page.locator("#editor-end").input_value())
    assert new_start == start + 1 and new_end > end
    assert page.locator("#editor-preview").inner_text() == text[new_start:new_end]
    page.fill("#editor-comment", "Starts a letter late <on purpose>")
    page.click("#editor-save")
    editor.wait_for(state="hidden")
    body = _reviews(page, watched.origin, doc_id)
    finding_id = item.get_attribute("data-id")
    (review,) = [r for r in body["reviews"] if r["finding_id"] == finding_id]
    assert (review["start"], review["end"]) == (new_start, new_end)
    assert review["comment"] == "Starts a letter late <on purpose>"
    # Marking it keeps the correction; the editor opens on the corrected span.
    page.keyboard.press("y")
    page.keyboard.press("k")
    assert _current(page) == key
    page.keyboard.press("e")
    assert page.locator("#editor-preview").inner_text() == text[new_start:new_end]
    assert page.input_value("#editor-comment") == "Starts a letter late <on purpose>"
    other = page.locator("#editor-label option").evaluate_all(
        "(options, now) => options.map(o => o.value).find(v => v !== now)",
        page.input_value("#editor-label"),
    )
    page.select_option("#editor-label", other)
    page.click("#editor-save")
    editor.wait_for(state="hidden")
    (review,) = [
        r
        for r in _reviews(page, watched.origin, doc_id)["reviews"]
        if r["finding_id"] == finding_id
    ]
    assert review["verdict"] == "up" and review["label"] == other
    assert (review["start"], review["end"]) == (new_start, new_end)
    assert review["comment"] == "Starts a letter late <on purpose>"

    # Boundaries from a selection in the article: the editor takes its offsets.
    page.keyboard.press("e")
    _select_text(page, "a campaign of lies")
    page.click("#editor-selection")
    picked = int(page.input_value("#editor-start")), int(page.input_value("#editor-end"))
    assert text[picked[0] : picked[1]] == "a campaign of lies"
    assert page.locator("#editor-preview").inner_text() == "a campaign of lies"
    page.click("#editor-cancel")
    editor.wait_for(state="hidden")

    # A missed span: select words in the article, press a, choose the technique, save.
    words = "campaign of lies"
    _select_text(page, words)
    page.keyboard.press("a")
    assert editor.is_visible()
    page.select_option("#editor-layer", "technique")
    page.select_option("#editor-label", "loaded_language")
    page.click("#editor-save")
    editor.wait_for(state="hidden")
    added = [r for r in _reviews(page, watched.origin, doc_id)["reviews"] if r["added"]]
    assert len(added) == 1
    span = added[0]["finding"]
    assert text[span["start"] : span["end"]] == words and span["label"] == "loaded_language"
    assert added[0]["finding_id"].startswith("r")
    assert page.locator("li.finding.added", has_text=words).is_visible()
    watched.check_clean()


def test_filters_sort_and_the_actor_view_work_without_a_reload(
    open_page: Any, live: Live, harbour: Analysis
) -> None:
    doc_id = _stored(live, harbour)
    watched: Watched = open_page(f"/documents/{doc_id}")
    page = watched.page
    page.wait_for_selector("html.review-ready")
    page.evaluate("window.__stayed = true")
    visible = "li.finding:not([hidden])"
    before = page.locator(visible).count()
    page.check("#queue-filters input[value=claim]")
    with_claims = page.locator(visible).count()
    assert with_claims > before
    label = page.locator(f"{visible}[data-layer=sourcing]").first.get_attribute("data-label")
    page.select_option("#filter-label", f"sourcing:{label}")
    labels = page.locator(visible).evaluate_all("items => items.map(i => i.dataset.label)")
    assert labels and set(labels) == {label}
    # A highlight chosen in the text while the label filter hides its finding is listed.
    index = page.evaluate(
        """label => [...document.querySelectorAll('article mark[data-ids]')].findIndex(m => {
          const keys = window.spinscopeReview.queue.visibleKeys(m);
          const li = keys.length === 1 && document.getElementById('finding-' + keys[0]);
          return li && li.hidden && li.dataset.label !== label;
        })""",
        label,
    )
    assert index >= 0
    other = page.locator("article mark[data-ids]").nth(index)
    other_key = page.evaluate(
        "m => window.spinscopeReview.queue.visibleKeys(m)[0]", other.element_handle()
    )
    other.click()
    assert _current(page) == other_key
    assert page.locator(f"#finding-{other_key}").is_visible()
    page.select_option("#filter-label", "")
    page.select_option("#sort", "score")
    scores = page.locator(visible).evaluate_all("items => items.map(i => +i.dataset.score)")
    assert scores == sorted(scores, reverse=True)
    page.select_option("#filter-state", "up")
    assert page.locator(visible).count() == 0
    page.select_option("#filter-state", "")
    # Overlapping highlights: every finding there is listed.
    multi = page.locator("article mark.f.multi").first
    shown = multi.evaluate("m => window.spinscopeReview.queue.visibleKeys(m).length")
    multi.click()
    assert page.locator("#popover .pop-item").count() == shown >= 2
    page.keyboard.press("Escape")
    assert page.locator("#popover").is_hidden()
    # The actor view.
    actor = next(a for a in harbour.actors if a.allegations)
    page.click(".actors-box > summary")
    page.locator(f"button.actor-show[data-actor='{actor.id}']").click()
    banner = page.locator("#actor-banner")
    assert banner.is_visible() and actor.name[:20] in banner.inner_text()
    painted = page.evaluate("CSS.highlights.get('actor').size")
    assert painted >= len(actor.mentions)
    ids = page.locator(visible).evaluate_all("items => items.map(i => i.dataset.id)")
    assert set(actor.allegations) <= set(ids)
    banner.locator("button").click()
    assert banner.is_hidden()
    # The summary's targets open the same view.
    target = page.locator(".summary [data-actor]").first
    name = target.inner_text()
    target.click()
    assert banner.is_visible() and name.split()[0] in banner.inner_text()
    banner.locator("button").click()
    assert page.evaluate("window.__stayed === true")  # never reloaded
    watched.check_clean()


def test_the_help_overlay_and_escape(open_page: Any, live: Live, harbour: Analysis) -> None:
    doc_id = _stored(live, harbour)
    watched: Watched = open_page(f"/documents/{doc_id}")
    page = watched.page
    page.wait_for_selector("html.review-ready")
    page.keyboard.press("?")
    assert page.locator("#help").is_visible()
    assert "next unreviewed" in page.locator("#help").inner_text()
    page.keyboard.press("Escape")
    assert page.locator("#help").is_hidden()
    watched.check_clean()


PHONE_PAGES = ("/", "/documents", "/documents/{doc}")


def test_phone_layouts_have_no_sideways_overflow_and_taps_stay_put(
    browser: Any, live: Live, harbour: Analysis
) -> None:
    doc_id = _stored(live, harbour)
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        for path in PHONE_PAGES:
            page.goto(live.url + path.format(doc=doc_id))
            wide = page.evaluate(
                "[...document.querySelectorAll('body *')].filter(e =>"
                " e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5"
                " && getComputedStyle(e).position !== 'fixed' && !e.closest('[hidden]'))"
                ".map(e => e.tagName + '.' + e.className)"
            )
            assert wide == [], path
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        marks = page.locator("article mark.f")
        sheet = page.locator("#popover")
        for index in (0, marks.count() // 2, marks.count() - 1):
            mark = marks.nth(index)
            mark.scroll_into_view_if_needed()
            before = page.evaluate("scrollY")
            mark.tap()
            page.wait_for_timeout(150)
            assert sheet.is_visible()
            assert abs(page.evaluate("scrollY") - before) < 450, index  # never a jump
            box = sheet.bounding_box()
            seen = mark.bounding_box()
            assert box is not None and seen is not None
            assert box["x"] == 0 and box["width"] == 390
            assert abs(box["y"] + box["height"] - 844) < 1
            assert seen["y"] >= 0 and seen["y"] + seen["height"] <= box["y"] + 1
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            sheet.locator(".pop-close").tap()
            assert sheet.is_hidden()
        # The editor is a sheet too, with the span it edits in view above it.
        page.keyboard.press("j")
        page.keyboard.press("e")
        dialog = page.locator("#editor .dialog").bounding_box()
        span = page.evaluate(
            """(() => { const li = document.querySelector('li.finding.current');
              return window.spinscopeReview.ranges(+li.dataset.start, +li.dataset.end)[0]
                .getBoundingClientRect().toJSON(); })()"""
        )
        assert dialog is not None and abs(dialog["y"] + dialog["height"] - 844) < 1
        assert span["top"] >= 0 and span["bottom"] <= dialog["y"] + 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert errors == []
    finally:
        context.close()


def test_the_export_links_give_their_files(
    open_page: Any, live: Live, harbour: Analysis, tmp_path: Any
) -> None:
    doc_id = _stored(live, harbour)
    watched: Watched = open_page(f"/documents/{doc_id}")
    page = watched.page
    page.wait_for_selector("html.review-ready")
    page.keyboard.press("j")
    marked = page.locator("li.finding.current").get_attribute("data-id")
    page.keyboard.press("y")
    page.wait_for_function(
        "() => document.getElementById('progress-text').textContent.includes('reviewed 1 of')"
    )
    for where in (f"/documents/{doc_id}", "/documents"):
        page.goto(watched.origin + where)
        links = page.locator("a.export")
        assert links.count() == 5
        for n in range(links.count()):
            link = links.nth(n)
            with page.expect_download() as download:
                link.click()
            saved = tmp_path / f"export-{n}"
            download.value.save_as(saved)
            assert download.value.failure() is None
            body = saved.read_bytes()
            href = link.get_attribute("href") or ""
            if href.endswith(("jsonl", "csv")):
                assert marked.encode() in body, href
    watched.check_clean()


def test_two_signed_in_reviewers_mark_one_finding_each_their_own_way(
    open_page: Any, live: Live, harbour: Analysis
) -> None:
    doc_id = _stored(live, harbour)
    passwords = {"ada": "ada's long passphrase", "bo": "bo's long passphrase"}
    with Store.open(live.db) as store:
        for name, password in passwords.items():
            store.add_reviewer(name, password=password)
    pages = {}
    for name, key in (("ada", "y"), ("bo", "n")):
        watched: Watched = open_page(f"/sign-in?next=/documents/{doc_id}")
        page = watched.page
        page.fill("input[name=name]", name)
        page.fill("input[name=password]", passwords[name])
        page.click("form.sign-in button[type=submit]")
        page.wait_for_url(re.compile(f".*/documents/{doc_id}$"))
        page.wait_for_selector("html.review-ready")
        page.wait_for_function(
            "name => document.getElementById('progress-text').textContent.includes(name)",
            arg=name,
        )
        page.keyboard.press("j")
        first = _current(page)
        page.keyboard.press(key)  # through the review API, with the page's CSRF value
        page.wait_for_function(
            "() => document.getElementById('progress-text').textContent.includes('reviewed 1 of')"
        )
        pages[name] = (watched, first)
    (ada, first), (bo, same) = pages["ada"], pages["bo"]
    assert first == same
    ada.page.reload()
    ada.page.wait_for_selector("html.review-ready")
    for watched, mine in ((ada, "up"), (bo, "down")):
        item = watched.page.locator(f"#finding-{first}")
        watched.page.wait_for_function(
            "k => document.querySelector('#finding-' + k + ' [data-n=down]').textContent === '1'",
            arg=first,
        )
        assert item.locator("[data-n=up]").inner_text() == "1"
        assert item.locator(f"button.thumb.{mine}").get_attribute("aria-pressed") == "true"
        watched.check_clean()
    body = _reviews(ada.page, ada.origin, doc_id)
    verdicts = {r["reviewer"]: r["verdict"] for r in body["reviews"] if not r.get("replaced")}
    assert verdicts == {"ada": "up", "bo": "down"}


def test_a_link_to_a_finding_makes_it_the_current_one(
    open_page: Any, live: Live, harbour: Analysis
) -> None:
    doc_id = _stored(live, harbour)
    claim = next(s for s in harbour.findings if s.layer == "claim")  # a quiet layer's finding
    watched: Watched = open_page(f"/documents/{doc_id}#finding-{claim.id}")
    page = watched.page
    page.wait_for_selector("html.review-ready")
    assert _current(page) == claim.id and _current_in_view(page)
    page.keyboard.press("y")
    page.wait_for_function(
        "() => document.getElementById('progress-text').textContent.includes('(1 of')"
    )
    watched.check_clean()
