"""The web app's corpus view: the corpus report's sections over the store, and its JSON twins."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from fastapi.testclient import TestClient

from spinscope.corpus.vega import ORDER
from spinscope.store import Store
from tests.corpus.builders import HOSTILE, hostile_corpus, hostile_corpus_and_echo
from tests.web.conftest import HTML, SHORT, make_client


def test_the_corpus_page_and_its_json_twins_follow_the_store(
    client: TestClient, db_path: Path
) -> None:
    empty = client.get("/api/corpus")
    assert empty.status_code == 200 and empty.json()["summary"]["articles"] == 0
    assert "No technique findings" in client.get("/corpus", headers=HTML).text

    with Store.open(db_path) as store:
        for analysis in hostile_corpus_and_echo():
            store.save_analysis(analysis)
    data = client.get("/api/corpus").json()
    assert data == client.get("/corpus?format=json").json()
    assert data["summary"]["articles"] == 4
    assert len(data["chains"]) == 1 and len(data["narratives"]) == 2
    assert {"techniques", "weeks"} <= set(data["trends"])

    page = client.get("/corpus", headers=HTML)
    assert page.status_code == 200
    assert "script-src 'self'" in page.headers["content-security-policy"]
    tree = lxml.html.document_fromstring(page.text)
    scripts = [s for s in tree.iter("script") if s.get("type") != "application/json"]
    sources = sorted(s.get("src") for s in scripts)
    vendored = [f"/static/vendor/vega/{name}" for name in ORDER]
    assert sources == sorted(["/static/app.js", "/static/corpus.js", *vendored])
    assert all(s.text is None for s in scripts) and not tree.xpath("//style")
    assert "<script>alert" not in page.text and "<img" not in page.text
    assert HOSTILE in tree.text_content()  # shown as text
    for element in tree.iter():
        assert not any(name.lower().startswith("on") for name in element.attrib)
    assert tree.xpath("//nav//a[@aria-current='page']")[0].text == "Corpus"
    assert tree.xpath("//section[@id='chains']//del")
    assert len(tree.xpath("//table[@id='narrative-table']/tbody/tr")) == 2

    # A new analysis shows at once (the cached view follows the store).
    assert client.post("/api/analyze", json={"text": SHORT}).status_code == 200
    assert client.get("/api/corpus").json()["summary"]["articles"] == 5


def test_the_corpus_assets_are_served(client: TestClient) -> None:
    style = client.get("/static/corpus.css")
    script = client.get("/static/corpus.js")
    assert style.status_code == script.status_code == 200
    assert style.headers["content-type"].startswith("text/css")
    assert script.headers["content-type"].startswith("text/javascript")
    assert "data-target" in script.text


def test_the_corpus_view_is_computed_once_per_store_state(tmp_path: Path) -> None:
    db = tmp_path / "cache.db"
    with Store.open(db) as store:
        store.save_analysis(hostile_corpus()[0])
    with make_client(db) as client:
        cache = client.app.state.spinscope.corpus  # type: ignore[attr-defined]
        first = client.get("/api/corpus").json()
        view = cache._view
        assert client.get("/api/corpus").json() == first and cache._view is view
        with Store.open(db) as store:
            store.save_analysis(hostile_corpus()[1])
        assert client.get("/api/corpus").json()["summary"]["articles"] == 2
        assert cache._view is not view


def test_the_corpus_page_counts_languages_and_what_was_not_analysed(
    client: TestClient, db_path: Path
) -> None:
    from tests.report.builders import not_analysed, sample

    with Store.open(db_path) as store:
        for analysis in hostile_corpus():
            store.save_analysis(not_analysed(analysis, "kk"))
        store.save_analysis(sample())
    data = client.get("/api/corpus").json()
    kazakh = next(x for x in data["languages"] if x["language"] == "kk")
    assert kazakh["documents"] == 3 and len(kazakh["not_analysed"]) == 4
    tree = lxml.html.document_fromstring(client.get("/corpus", headers=HTML).text)
    (section,) = tree.xpath("//section[@id='languages']")
    rows = [
        [" ".join(td.text_content().split()) for td in tr.xpath("td")]
        for tr in section.xpath(".//tbody/tr")
    ]
    assert rows[0][:2] == ["Kazakh", "3"]
    assert rows[0][2].startswith("techniques, check-worthiness, actors (Kazakh: no model")
    assert rows[1] == ["English", "1", "everything analysed"]
