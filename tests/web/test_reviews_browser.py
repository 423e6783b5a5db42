"""Reviews and the API docs in a real headless Chromium, against a real server on loopback:
the bundled Swagger UI runs under the app's Content-Security-Policy, and two reviewers sign in
in their own browsers, mark the same findings and see their agreement."""

from __future__ import annotations

import re
from typing import Any

import pytest

from spinscope.store import Store
from tests.store.reviewed import TEXT, article
from tests.web import test_browser
from tests.web.test_browser import Live, Watched

# The real server and the page opener of the other browser tests.
live = test_browser.live
open_page = test_browser.open_page

pytestmark = pytest.mark.browser

PASSWORDS = {"ada": "ada's long passphrase", "bo": "bo's long passphrase"}
# Three technique findings: both up, up and down, both down (kappa 0.4, see test_reviews.py).
VERDICTS = {
    "reckless": ("up", "up"),
    "Shamed": ("up", "down"),
    "everyone agrees": ("down", "down"),
}


def test_the_api_docs_run_bundled_under_the_csp(open_page: Any) -> None:
    watched: Watched = open_page("/docs")
    page = watched.page
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("spinscope")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/export" in p for p in paths)
    assert any("/review" in p for p in paths)
    watched.check_clean()  # no CSP violation, no script error, nothing from another site


def test_two_reviewers_sign_in_mark_and_agree(open_page: Any, live: Live) -> None:
    a = article()
    with Store.open(live.db) as store:
        store.save_analysis(a)
        for name, password in PASSWORDS.items():
            store.add_reviewer(name, password=password)
    ids = {TEXT[s.start : s.end]: s.id for s in a.findings}
    for turn, name in enumerate(PASSWORDS):
        watched: Watched = open_page("/sign-in?next=/export")
        page = watched.page
        page.fill("input[name=name]", name)
        page.fill("input[name=password]", PASSWORDS[name])
        page.click("form.sign-in button[type=submit]")
        page.wait_for_url(re.compile(r".*/export$"))
        csrf = page.get_attribute('meta[name="csrf-token"]', "content")
        assert csrf, "a signed-in page carries the CSRF value"
        for text, verdicts in VERDICTS.items():
            url = f"/api/documents/{a.document.id}/findings/{ids[text]}/review"
            answer = page.evaluate(
                """async ([url, verdict, csrf]) => {
                    const r = await fetch(url, {method: "PUT", headers: {
                        "Content-Type": "application/json", "X-CSRF-Token": csrf},
                        body: JSON.stringify({verdict})});
                    return [r.status, await r.json()];
                }""",
                [url, verdicts[turn], csrf],
            )
            assert answer[0] == 200, answer
            assert answer[1]["review"]["reviewer"] == name
        # Without the CSRF value the same browser's write is refused.
        refused = page.evaluate(
            """async (url) => (await fetch(url, {method: "PUT", headers: {
                "Content-Type": "application/json"}, body: '{"verdict": "up"}'})).status""",
            f"/api/documents/{a.document.id}/findings/{ids['reckless']}/review",
        )
        assert refused == 403
        # The export page's links are downloads.
        with page.expect_download() as download:
            page.click("a.export-link[data-format=ptc]")
        assert download.value.suggested_filename.endswith(".tsv")
        # The one error the console shows is the refused write's 403.
        assert [e for e in watched.errors if "403" not in e] == [] and watched.dialogs == []
    page.goto(live.url + "/agreement?layer=technique")
    row = page.locator("table.agreement tbody tr").first.locator("td").all_inner_texts()
    assert row[2] == "3" and row[3] == "ada, bo" and row[4] == "0.400"
