"""The corpus page in a browser while its view is computed: it says so, and reloads itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from spinscope.store import Store
from spinscope.web.app import create_app
from tests.corpus.builders import hostile_corpus_and_echo
from tests.web.live import live_server


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The app under a real uvicorn server on 127.0.0.1 that never waits for the corpus view."""
    db = tmp_path / "progress.db"
    app = create_app(db=db)
    app.state.spinscope.corpus.wait = 0.0
    with live_server(app) as url:
        yield url, db


def test_the_progress_page_reloads_until_the_view_is_ready(
    browser: Any, served: tuple[str, Path]
) -> None:
    url, db = served
    with Store.open(db) as store:
        for analysis in hostile_corpus_and_echo():
            store.save_analysis(analysis)
    context = browser.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(url + "/corpus")
        assert page.locator("#corpus-progress h2").inner_text() == "Computing the corpus view"
        # The page reloads itself (every 2 s) until the view is there.
        page.wait_for_selector("#narrative-table", timeout=90_000)
        assert page.locator("#corpus-progress").count() == 0
        assert page.locator("#narrative-table tbody tr").count() == 2
        assert errors == []
    finally:
        context.close()
