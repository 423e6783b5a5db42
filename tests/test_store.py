"""The SQLite store against real database files in tmp_path."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from spinscope.analysis import Analysis
from spinscope.document import Document, Link, Metadata, Skipped, text_id
from spinscope.errors import ModelError, SchemaError
from spinscope.store import (
    MIGRATIONS,
    Correction,
    NotFoundError,
    Store,
    StoreError,
    default_db_path,
    document_from_payload,
    document_payload,
    fts_query,
    migrate,
)
from tests.report.builders import analysis, sample, span, with_parts


def other(title: str, body: str, *, published: str | None = None) -> Analysis:
    text = f"{title}\n\n{body}"
    doc = with_parts(text, ("title", "paragraph"), Metadata(title=title, published=published))
    findings = [span(doc, body.split()[0], label="Name_Calling,Labeling")]
    actors = [{"id": "a1", "name": "Bram Ostrowski", "kind": "person"}]
    return analysis(doc, findings, actors)


def newer(a: Analysis, version: str = "0.2.0+newer") -> Analysis:
    return dataclasses.replace(a, pipeline=dataclasses.replace(a.pipeline, version=version))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "sub" / "spinscope.db")
    yield opened
    opened.close()


def test_open_creates_the_file_migrates_and_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b.db"
    with Store.open(path) as store:
        assert path.exists()
        names = [name for name, _ in store.migrations()]
        assert names == [name for name, _ in MIGRATIONS]
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {
        "documents",
        "analyses",
        "findings",
        "actors",
        "reviews",
        "reviewers",
        "skipped",
    } <= tables
    assert "documents_fts" in tables
    db.close()
    # Opening again applies nothing new.
    with Store.open(path) as again:
        assert len(again.migrations()) == len(MIGRATIONS)


def test_migrations_are_recorded_and_each_runs_in_a_transaction(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "m.db", isolation_level=None)

    def good(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE good (x)")

    def bad(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half (x)")
        raise RuntimeError("boom")

    assert migrate(db, [("0001_good", good)]) == ["0001_good"]
    with pytest.raises(RuntimeError):
        migrate(db, [("0001_good", good), ("0002_bad", bad)])
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "good" in tables and "half" not in tables
    assert [r[0] for r in db.execute("SELECT name FROM migrations")] == ["0001_good"]


def test_open_reports_an_unusable_path(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError) as info:
        Store.open(blocker / "db.sqlite")
    assert info.value.code == "E602"


def test_default_path_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_db_path() == tmp_path / "spinscope" / "spinscope.db"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    assert default_db_path() == Path.home() / ".local" / "share" / "spinscope" / "spinscope.db"


def test_save_and_get_round_trip(store: Store) -> None:
    a = sample()
    assert store.save_analysis(a) == a.document.id
    assert store.get_analysis(a.document.id) == a
    assert store.get_analysis(a.document.id, pipeline_version="0.1.0+test") == a
    with pytest.raises(NotFoundError) as info:
        store.get_analysis("nope")
    assert info.value.code == "E600" and info.value.http_status == 404
    with pytest.raises(NotFoundError):
        store.get_analysis(a.document.id, pipeline_version="9")


def test_saving_again_is_idempotent(store: Store) -> None:
    a = sample()
    store.save_analysis(a)
    store.save_analysis(a)
    page = store.list_documents()
    assert page.total == 1
    assert page.items[0].findings == len(a.findings)
    db = sqlite3.connect(store.path)
    assert db.execute("SELECT count(*) FROM analyses").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM documents_fts").fetchone()[0] == 1
    db.close()


def test_a_newer_pipeline_adds_a_row_and_becomes_latest(store: Store) -> None:
    a = sample()
    store.save_analysis(a)
    b = newer(a)
    store.save_analysis(b)
    assert store.pipeline_versions(a.document.id) == ["0.2.0+newer", "0.1.0+test"]
    assert store.get_analysis(a.document.id).pipeline.version == "0.2.0+newer"
    assert store.get_analysis(a.document.id, "0.1.0+test") == a


def test_analyses_iterates_the_latest_or_one_version(store: Store) -> None:
    a = sample()
    b = other("Quarry Plans Draw Crowds", "Traitors and saboteurs, the mayor said.")
    store.save_analysis(a)
    store.save_analysis(b)
    store.save_analysis(newer(a))
    assert [x.pipeline.version for x in store.analyses()] == ["0.2.0+newer", "0.1.0+test"]
    assert [x.document.id for x in store.analyses("0.1.0+test")] == [a.document.id, b.document.id]
    assert list(store.analyses("nope")) == []


def test_list_filters(store: Store) -> None:
    a = sample()
    b = other("Quarry Plans Draw Crowds", "Traitors and saboteurs, the mayor said.")
    c = other("Dated Piece", "Hooligans again.", published="2024-05-06T10:00:00+02:00")
    for item in (a, b, c):
        store.save_analysis(item)
    assert store.list_documents().total == 3
    assert [d.id for d in store.list_documents(query="ferry").items] == [a.document.id]
    assert [d.id for d in store.list_documents(query="QUARRY saboteurs").items] == [b.document.id]
    assert store.list_documents(query="quarry ferry").total == 0
    assert store.list_documents(technique="Bandwagon").total == 1
    assert store.list_documents(technique="Anonymous_Source").total == 0  # a sourcing label
    assert store.list_documents(label="Anonymous_Source").total == 1
    assert store.list_documents(technique="Name_Calling,Labeling").total == 2
    assert store.list_documents(actor="varga").total == 1
    assert store.list_documents(actor="ostrow").total == 2
    assert store.list_documents(actor="100%_").total == 0
    assert [d.id for d in store.list_documents(date_from=date(2031, 1, 1)).items] == [a.document.id]
    assert store.list_documents(date_to=date(2024, 5, 6)).total == 1
    assert store.list_documents(date_from=date(2024, 5, 7), date_to=date(2031, 3, 2)).total == 1
    page = store.list_documents(limit=2, offset=2)
    assert page.total == 3 and len(page.items) == 1
    assert store.list_documents(limit=0).limit == 1
    labels = {(layer, label) for layer, label, _ in store.labels()}
    assert ("technique", "Bandwagon") in labels


@pytest.mark.parametrize(
    "query",
    ['"', "AND", "OR NOT", "a*", "title:x", "(", ")", "NEAR(a b)", "^x", "-x", "'", "\\", "\x00"],
)
def test_search_never_raises_fts_syntax_errors(store: Store, query: str) -> None:
    store.save_analysis(sample())
    page = store.list_documents(query=query)
    assert page.total in (0, 1)


def test_fts_query_quotes_every_term() -> None:
    assert fts_query('ferry "tolls" OR x*') == '"ferry" "tolls" "OR" "x"'
    assert fts_query("!!!") is None


def test_a_closed_store_reopens_for_the_next_write(store: Store) -> None:
    store.close()
    store.save_analysis(sample())
    assert store.list_documents().total == 1
    store.close()
    store.close()


def test_skipped_records(store: Store) -> None:
    ident = store.record_skipped(Skipped(source="bad.bin", code="E102", reason="binary"))
    records = store.skipped()
    assert [(r.id, r.source, r.code, r.reason) for r in records] == [
        (ident, "bad.bin", "E102", "binary")
    ]


def test_one_writer_many_readers(store: Store) -> None:
    a = sample()
    store.save_analysis(a)
    fid = a.findings[0].id
    errors: list[BaseException] = []

    def write() -> None:
        try:
            name = threading.current_thread().name
            for i in range(20):
                verdict = ("up", "down")[i % 2]
                store.put_review(
                    a.document.id, fid, reviewer=name, correction=Correction(verdict=verdict)
                )
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    def read() -> None:
        try:
            for _ in range(20):
                store.list_documents(query="ferry")
                store.get_analysis(a.document.id)
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=write, name=f"writer{i}") for i in range(3)]
    threads += [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(store.feedback(a.document.id)) == 3  # one current review per reviewer
    assert len(store.reviews(a.document.id, history=True)) == 60


# --- corpus mode: documents stored before analysis ------------------------------------------


def ingested(title: str = "Quay Levy Vote Delayed", source: str = "/corpus/quay.html") -> Document:
    text = f"{title}\n\nThe Ellery quay board delayed its vote again, said Nils Okafor."
    meta = Metadata(
        title=title,
        authors=("Nils Okafor",),
        published="2025-03-02",
        published_raw="2 March 2025",
        url="https://quay.example.org/levy",
        site="Quay Weekly",
        source=source,
    )
    doc = with_parts(text, ("title", "paragraph"), meta)
    board = text.index("quay board")
    return doc.evolve(links=(Link(board, board + 10, "https://quay.example.org/board"),))


def test_save_documents_is_idempotent_and_round_trips(store: Store) -> None:
    doc = ingested()
    assert store.save_documents([doc, doc]) == [True, False]
    assert store.save_document(doc) is False
    assert store.get_document(doc.id) == doc
    assert store.count_documents() == 1
    # Searchable before it is analysed.
    assert store.list_documents(query="quay board").total == 1
    payload = store.document_payloads([doc.id, "missing"])
    assert len(payload) == 1 and document_from_payload(payload[0]) == doc
    assert document_payload(doc) == payload[0]
    with pytest.raises(NotFoundError):
        store.get_document("missing")


def test_a_document_saved_with_an_analysis_gains_its_ingested_record(store: Store) -> None:
    a = sample()
    store.save_analysis(a)
    # Without a record, the document comes back with its columns' metadata only.
    bare = store.get_document(a.document.id)
    assert bare.text == a.document.text and bare.parts == ()
    assert store.save_document(a.document) is False
    assert store.get_document(a.document.id) == a.document


def test_pending_documents_pages_by_id_and_leaves_out_analysed_and_failed(store: Store) -> None:
    docs = [ingested(f"Quay Levy Vote {n}") for n in range(7)]
    store.save_documents(docs)
    version = "0.2.0+pending"
    ids = sorted(d.id for d in docs)
    first = store.pending_documents(version, limit=3)
    second = store.pending_documents(version, limit=3, after=first[-1])
    third = store.pending_documents(version, limit=3, after=second[-1])
    assert first + second + third == ids
    assert store.count_documents(pending_for=version) == 7

    analysed = newer(analysis(docs[0]), version)
    store.save_analysis(analysed)
    failed = docs[1].id
    store.record_failure(failed, version, Skipped("/corpus/1.html", "E200", "bad range"))
    store.record_failure(failed, version, Skipped("/corpus/1.html", "E200", "bad range"))
    left = set(ids) - {docs[0].id, failed}
    assert set(store.pending_documents(version, limit=50)) == left
    assert store.count_documents(pending_for=version) == 5
    assert failed in store.pending_documents(version, limit=50, include_failed=True)
    assert store.count_documents(pending_for=version, include_failed=True) == 6
    assert store.failed_documents(version) == [(failed, "E200", "bad range")]
    assert len(store.skipped()) == 1  # recorded once
    # Another version has everything to do; a success forgets the failure.
    assert store.count_documents(pending_for="other") == 7
    store.save_analysis(newer(analysis(docs[1]), version))
    assert store.failed_documents(version) == []


def test_analysis_json_pages(store: Store) -> None:
    docs = [ingested(f"Quay Levy Vote {n}") for n in range(5)]
    for doc in docs:
        store.save_analysis(newer(analysis(doc), "0.2.0+pages"))
    pages = list(store.analysis_json_pages("0.2.0+pages", page_size=2))
    assert [len(p) for p in pages] == [2, 2, 1]
    ids = [json.loads(raw)["document"]["id"] for page in pages for raw in page]
    assert ids == sorted(d.id for d in docs)
    assert list(store.analysis_json_pages("none")) == []


def test_record_skipped_once_dedupes_by_source_and_code(store: Store) -> None:
    first = store.record_skipped(Skipped("a.bin", "E102", "binary"), once=True)
    assert store.record_skipped(Skipped("a.bin", "E102", "binary"), once=True) == first
    store.record_skipped(Skipped("a.bin", "E101", "empty"), once=True)
    store.record_skipped(Skipped("a.bin", "E102", "binary"))  # without once: always recorded
    assert sorted((r.source, r.code) for r in store.skipped()) == [
        ("a.bin", "E101"),
        ("a.bin", "E102"),
        ("a.bin", "E102"),
    ]


def test_an_old_database_is_upgraded_and_its_documents_kept(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, MIGRATIONS[:1])
    db.execute(
        """INSERT INTO documents (id, title, text, source, created, updated)
           VALUES (?, 'Old', ?, 'old.txt', 'then', 'then')""",
        (text_id("Old text."), "Old text."),
    )
    db.close()
    with Store.open(path) as store:
        assert [name for name, _ in store.migrations()] == [name for name, _ in MIGRATIONS]
        old = store.get_document(text_id("Old text."))
        assert old.meta.title == "Old" and old.meta.source == "old.txt"
        assert store.pending_documents("any") == [old.id]


def fts_rows(store: Store) -> list[tuple[str, str]]:
    with sqlite3.connect(store.path) as db:
        return sorted(db.execute("SELECT document_id, title FROM documents_fts").fetchall())


def test_each_document_keeps_one_search_row_under_its_latest_title(store: Store) -> None:
    doc = ingested(title="Levy Vote")
    store.save_document(doc)
    renamed = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, title="Harbour Toll"))
    store.save_analysis(analysis(renamed, [], []))
    store.save_analysis(newer(analysis(renamed, [], [])))
    assert fts_rows(store) == [(doc.id, "Harbour Toll")]
    assert store.list_documents(query="harbour toll").total == 1
    assert store.list_documents(query="levy vote").total == 1  # still in the text
    assert store.list_documents(query="okafor").total == 1


def test_a_database_from_before_search_rows_is_upgraded_and_stays_searchable(
    tmp_path: Path,
) -> None:
    path = tmp_path / "corpus.db"
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, MIGRATIONS[:2])
    doc = ingested(title="Levy Vote")
    for ident, text in ((doc.id, doc.text), (text_id("Other text."), "Other text.")):
        db.execute(
            """INSERT INTO documents (id, title, text, created, updated)
               VALUES (?, 'Levy Vote', ?, 'then', 'then')""",
            (ident, text),
        )
        db.execute(
            "INSERT INTO documents_fts (document_id, title, text) VALUES (?, 'Levy Vote', ?)",
            (ident, text),
        )
    db.close()
    with Store.open(path) as store:
        renamed = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, title="Toll Row"))
        store.save_analysis(analysis(renamed, [], []))
        assert fts_rows(store) == sorted(
            [(doc.id, "Toll Row"), (text_id("Other text."), "Levy Vote")]
        )
        assert store.list_documents(query="other").total == 1


def test_a_malformed_payload_is_refused_with_a_code() -> None:
    payload = document_payload(ingested())
    with pytest.raises(ModelError, match="does not fit"):
        document_from_payload({**payload, "parts": [{"kind": "title", "start": 0, "end": 10**6}]})
    block = payload["document"]
    with pytest.raises(SchemaError):
        document_from_payload({**payload, "document": {**block, "text": block["text"] + "!"}})
    with pytest.raises(SchemaError):
        document_from_payload({**payload, "schema": "other"})
    with pytest.raises(SchemaError):
        document_from_payload({**payload, "links": [{"start": 0}]})


def test_what_was_not_analysed_is_stored_read_back_and_counted(store: Store) -> None:
    from tests.report.builders import not_analysed

    russian = not_analysed(other("Паромный сбор", "Мэр обвинил депутата."), "ru")
    kazakh = not_analysed(other("Паром алымы", "Әкім депутатты айыптады."), "kk")
    english = sample()
    for a in (russian, kazakh, english):
        store.save_analysis(a)
    back = store.get_analysis(russian.document.id)
    assert back == russian and back.not_analysed == russian.not_analysed
    assert store.get_analysis(english.document.id).not_analysed == ()
    counts = {
        (n.component, n.language, n.reason, n.needs): k for n, k in store.not_analysed_counts()
    }
    assert counts[("techniques", "ru", "unsupported_language", None)] == 1
    assert counts[("allegations", "kk", "missing_input", "actors")] == 1
    assert len(counts) == 8 and set(counts.values()) == {1}
    # A newer analysis that analysed everything replaces the document's rows.
    store.save_analysis(newer(dataclasses.replace(russian, not_analysed=())))
    assert all(n.language == "kk" for n, _ in store.not_analysed_counts())


def test_a_database_from_before_not_analysed_is_filled_from_its_analyses(tmp_path: Path) -> None:
    from tests.report.builders import not_analysed

    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, MIGRATIONS[:3])
    db.close()
    russian = not_analysed(other("Паромный сбор", "Мэр обвинил депутата."), "ru")
    with Store.open(path) as store:  # all migrations: save through the store, then go back
        store.save_analysis(russian)
        store.save_analysis(sample())
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("DROP TABLE not_analysed")
    db.execute("DELETE FROM migrations WHERE name = '0004_not_analysed'")
    older = json.loads(db.execute("SELECT analysis FROM analyses LIMIT 1 OFFSET 1").fetchone()[0])
    older.pop("not_analysed")  # an analysis written before components declared languages
    db.execute("UPDATE analyses SET analysis = ? WHERE rowid = 2", (json.dumps(older),))
    db.close()
    with Store.open(path) as store:
        assert [name for name, _ in store.migrations()][-1] == "0004_not_analysed"
        assert [(n.component, k) for n, k in store.not_analysed_counts()] == [
            ("techniques", 1),
            ("claims", 1),
            ("actors", 1),
            ("allegations", 1),
        ]
        assert store.get_analysis(sample().document.id).not_analysed == ()
