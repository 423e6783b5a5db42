"""The web app in a real headless Chromium, served by a real uvicorn server on loopback.

Needs /usr/bin/chromium (never downloads a browser): fails in CI when it is missing, skips
elsewhere. Screenshots go to artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from spinscope.store import Store
from spinscope.web.app import create_app
from tests.conftest import ROOT
from tests.corpus.builders import hostile_corpus_and_echo
from tests.report.builders import hostile, with_weak_finding
from tests.web.conftest import HARBOUR, HARBOUR_AS_OF
from tests.web.live import live_server

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "artifacts"


@dataclass
class Live:
    url: str
    db: Path


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Live]:
    """The app under a real uvicorn server on 127.0.0.1, in a thread."""
    db = tmp_path / "spinscope.db"
    with live_server(create_app(db=db)) as url:
        yield Live(url=url, db=db)


@dataclass
class Watched:
    page: Any
    origin: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def check_clean(self) -> None:
        assert self.errors == []
        assert self.dialogs == []
        others = [
            u for u in self.requests if not u.startswith(self.origin) and not u.startswith("data:")
        ]
        assert others == []


@pytest.fixture
def open_page(browser: Any, live: Live) -> Iterator[Any]:
    contexts: list[Any] = []

    def opener(path: str = "/", *, width: int = 1400, script: bool = True) -> Watched:
        context = browser.new_context(
            viewport={"width": width, "height": 1000}, java_script_enabled=script
        )
        contexts.append(context)
        page = context.new_page()
        watched = Watched(page=page, origin=live.url)
        page.on("request", lambda request: watched.requests.append(request.url))
        page.on(
            "console",
            lambda message: (
                watched.errors.append(message.text) if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: watched.errors.append(str(error)))

        def on_dialog(dialog: Any) -> None:
            watched.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(live.url + path)
        return watched

    yield opener
    for context in contexts:
        context.close()


def _screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def _paste(page: Any, text: str, as_of: str = "") -> None:
    page.fill("#paste-form textarea[name=text]", text)
    if as_of:
        page.fill("#paste-form input[name=as_of]", as_of)
    with page.expect_navigation():
        page.click("#paste-form button[type=submit]")


def test_paste_highlight_feedback_and_reload(open_page: Any) -> None:
    watched = open_page("/")
    page = watched.page
    _screenshot(page, "web-home.png")
    _paste(page, HARBOUR.read_text(encoding="utf-8"), HARBOUR_AS_OF)
    assert "/documents/" in page.url
    marks = page.locator("article mark.f")
    assert marks.count() > 10
    assert marks.first.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"

    # Thumbs-down with a comment on the first allegation, sent in place by the script.
    card = page.locator("li.finding[data-layer=allegation]").first
    key = card.get_attribute("data-key")
    card.locator("input[name=comment]").fill("Not an allegation: <b>reported speech</b>")
    card.locator("button[value=down]").click()
    page.wait_for_function(
        "key => document.querySelector('#finding-' + key + ' .fb-status').textContent === 'Saved'",
        arg=key,
    )
    assert card.locator("[data-n=down]").inner_text() == "1"

    page.reload()
    card = page.locator(f"#finding-{key}")
    assert card.locator("[data-n=down]").inner_text() == "1"
    assert "Not an allegation: <b>reported speech</b>" in card.locator(".comments").inner_text()

    # A click on a highlight chooses its finding in the review queue, or lists every finding
    # there when several overlap.
    mark = page.locator("article mark.f:not(.multi)").nth(3)
    first_key = (mark.get_attribute("data-ids") or "").split()[0]
    mark.click()
    page.wait_for_timeout(400)
    assert page.locator(f"#finding-{first_key}").is_visible()
    assert "current" in (page.locator(f"#finding-{first_key}").get_attribute("class") or "")
    # For the full-page picture, let the side panel grow instead of scrolling on its own.
    page.evaluate(
        "window.scrollTo(0, 0); const side = document.querySelector('.side');"
        "side.style.maxHeight = 'none'; side.style.position = 'static';"
    )
    _screenshot(page, "web-article.png")
    watched.check_clean()


def test_feedback_without_script(open_page: Any, live: Live) -> None:
    watched = open_page("/", script=False)
    page = watched.page
    _paste(page, HARBOUR.read_text(encoding="utf-8"))
    card = page.locator("li.finding[data-layer=sourcing]:not([hidden])").first
    key = card.get_attribute("data-key")
    card.locator("input[name=comment]").fill("good catch")
    with page.expect_navigation():
        card.locator("button[value=up]").click()
    assert page.url.endswith(f"#finding-{key}")
    card = page.locator(f"#finding-{key}")
    assert card.locator("[data-n=up]").inner_text() == "1"
    assert "good catch" in card.inner_text()
    doc_id = page.url.split("/documents/")[1].split("?")[0]
    with Store.open(live.db) as store:
        assert [m.comment for m in store.feedback(doc_id)] == ["good catch"]
    watched.check_clean()


def test_library_search(open_page: Any) -> None:
    watched = open_page("/")
    _paste(watched.page, HARBOUR.read_text(encoding="utf-8"), HARBOUR_AS_OF)
    page = watched.page
    page.goto(watched.origin + "/documents")
    page.fill("input[name=q]", 'harbour "fund')
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert page.locator("li.doc").count() == 1
    _screenshot(page, "web-library.png")
    watched.check_clean()


def test_hostile_articles_run_no_script(open_page: Any, live: Live) -> None:
    with Store.open(live.db) as store:
        doc_id = store.save_analysis(hostile())
    watched = open_page(f"/documents/{doc_id}")
    page = watched.page
    assert page.evaluate("typeof window.pwned") == "undefined"
    page.locator("article mark[data-ids]").first.click()
    page.mouse.move(300, 300)
    assert watched.dialogs == []
    assert page.locator("a[href^='javascript:' i]").count() == 0
    # Pasted hostile text, through the form.
    page.goto(watched.origin + "/")
    _paste(
        page,
        "<script>window.pwned = 1; alert('x')</script> Quay Fire Report\n\n"
        '<img src=x onerror="window.pwned = 2; alert(2)"> A fire broke out at the quay. '
        "Original Source: javascript:alert(3)",
    )
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert "<script>window.pwned" in page.locator("article").inner_text()
    assert watched.dialogs == []
    watched.check_clean()


def test_the_corpus_page(open_page: Any, live: Live) -> None:
    with Store.open(live.db) as store:
        for analysis in hostile_corpus_and_echo():
            store.save_analysis(analysis)
    watched = open_page("/corpus")
    page = watched.page
    page.wait_for_selector("section#techniques .vl-chart svg .mark-rect path")  # Vega-Lite
    assert page.locator("section#chains article.chain").count() == 1
    # The report's own script runs under the app's policy: the filter hides rows.
    rows = page.locator("#narrative-table tbody tr")
    assert rows.count() == 2 and rows.nth(0).is_visible() and rows.nth(1).is_visible()
    page.fill("#filter-narratives", "payments")
    page.wait_for_timeout(200)
    assert [rows.nth(k).is_visible() for k in range(2)].count(True) == 1
    page.fill("#filter-narratives", "")
    page.wait_for_timeout(200)
    assert rows.nth(0).is_visible() and rows.nth(1).is_visible()
    border = page.evaluate("getComputedStyle(document.querySelector('section')).borderStyle")
    assert border == "solid"  # the corpus style sheet applies
    assert page.evaluate("window.__pwned === undefined")
    _screenshot(page, "web-corpus.png")
    watched.check_clean()


def test_findings_below_their_threshold_are_hidden_until_asked(open_page: Any, live: Live) -> None:
    with Store.open(live.db) as store:
        doc_id = store.save_analysis(with_weak_finding())
    for script in (True, False):
        watched = open_page(f"/documents/{doc_id}", script=script)
        page = watched.page
        weak_mark = page.locator("article mark.f", has_text="north pier")
        weak_item = page.locator("li.finding", has_text="north pier")
        assert weak_mark.count() == 0 and weak_item.is_hidden()
        toggle = page.locator("form.layer-form input[name=low]")
        assert "Show 1 finding scored below" in page.locator("form.layer-form").inner_text()
        if script:  # shown in place, without a reload
            toggle.check()
        else:
            with page.expect_navigation():
                toggle.check()
                page.click("form.layer-form button.apply")
            assert "low=1" in page.url
        assert weak_mark.count() == 1 and weak_item.is_visible()
        assert page.locator("form.layer-form input[name=low]").is_checked()
        watched.check_clean()
