"""Corpus ingestion into the store: mixed inputs, idempotence, and resuming after a kill."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from spinscope.corpus.ingest import DELAY_ENV, ingest_sources, stable_sources
from spinscope.document import Document
from spinscope.ingest import IngestOptions, read_inputs
from spinscope.store import Store
from tests.conftest import ROOT, LocalServer, default_sigint
from tests.ingest.pages import ATOM_FEED, BROKEN_FEED, COURIER_PAGE, RSS_FEED

LOCAL = IngestOptions(allow_private=True)


def mixed_folder(root: Path) -> Path:
    folder = root / "mixed"
    (folder / "sub").mkdir(parents=True)
    (folder / "note.txt").write_text(
        "Quay Lights Fixed\n\nThe harbour office of Port Ellery repaired the quay lights.",
        encoding="utf-8",
    )
    (folder / "courier.html").write_text(COURIER_PAGE, encoding="utf-8")
    lines = [
        json.dumps({"text": "Ferry fares stay the same this winter, said Ines Varga."}),
        "{not json",
        json.dumps({"text": "The dredger Marlin returned to Ostrel harbour.", "site": "Quay Post"}),
    ]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "sub" / "courier.rss").write_text(RSS_FEED, encoding="utf-8")
    (folder / "sub" / "broken.xml").write_text(BROKEN_FEED, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 8)
    return folder


def skipped_codes(store: Store) -> Counter[tuple[str, str]]:
    return Counter((r.source, r.code) for r in store.skipped(limit=1000))


def test_a_mixed_folder_and_a_feed_url_are_stored_once(
    tmp_path: Path, http_server: LocalServer
) -> None:
    folder = mixed_folder(tmp_path)
    url = http_server.add("/feed", ATOM_FEED, Content_Type="application/atom+xml")
    db = tmp_path / "corpus.db"

    summary = ingest_sources([str(folder), url], db=db, options=LOCAL)

    # note, courier page, 2 good JSONL lines, 2 RSS items with text, 1 Atom entry.
    assert summary == {"stored": 7, "existing": 0, "skipped": 5, "read": 12}
    with Store.open(db) as store:
        assert store.count_documents() == 7
        here = os.path.abspath(folder)
        assert skipped_codes(store) == Counter(
            {
                (os.path.join(here, "blob.txt"), "E102"),
                (os.path.join(here, "empty.txt"), "E101"),
                (os.path.join(here, "sub", "broken.xml"), "E111"),
                (os.path.join(here, "sub", "courier.rss") + "#2", "E101"),
                (os.path.join(here, "wire.jsonl") + ":2", "E108"),
            }
        )
        reasons = {r.code: r.reason for r in store.skipped()}
        assert "binary" in reasons["E102"] and "empty" in reasons["E101"]
        # Each document comes back exactly as it was read: metadata, parts and links.
        expected = [
            item
            for item in read_inputs(stable_sources([str(folder), url]), options=LOCAL)
            if isinstance(item, Document)
        ]
        assert [store.get_document(d.id) for d in expected] == expected
        assert any(d.links for d in expected) and any(d.parts for d in expected)
        atom = next(d for d in expected if d.meta.site == "Ostrel Evening Post")
        assert atom.meta.source is not None and atom.meta.source.startswith(url)

    again = ingest_sources([str(folder), url], db=db, options=LOCAL)
    assert again == {"stored": 0, "existing": 7, "skipped": 5, "read": 12}
    with Store.open(db) as store:
        assert store.count_documents() == 7
        assert set(skipped_codes(store).values()) == {1}  # no skipped record twice


def test_a_ptc_layout_folder_gets_stable_ids_and_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ptc = tmp_path / "data" / "train-articles"
    ptc.mkdir(parents=True)
    for number, town in ((111111111, "Vessgrad"), (222222222, "Ostby")):
        (ptc / f"article{number}.txt").write_text(
            f"Council of {town} Backs Ferry Plan\n\nThe council of {town} voted for the plan.\n",
            encoding="utf-8",
        )
    db = tmp_path / "ptc.db"
    monkeypatch.chdir(tmp_path)
    assert ingest_sources(["data/train-articles"], db=db)["stored"] == 2
    monkeypatch.chdir(ptc)
    # The same folder named another way is the same documents from the same sources.
    assert ingest_sources(["."], db=db) == {"stored": 0, "existing": 2, "skipped": 0, "read": 2}
    with Store.open(db) as store:
        sources = sorted(
            store.get_document(i).meta.source or "" for i in store.pending_documents("v")
        )
    assert sources == [str(ptc / "article111111111.txt"), str(ptc / "article222222222.txt")]


def test_progress_goes_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("The quay reopened today after repairs.", encoding="utf-8")
    summary = ingest_sources([str(tmp_path / "a.txt")], db=tmp_path / "p.db", progress=True)
    assert summary["stored"] == 1
    assert capsys.readouterr().out == ""


# --- killed midway, then resumed --------------------------------------------------------------

GOOD = 60
BAD = ("empty-a.txt", "empty-b.txt", "blob.txt")


def killable_folder(root: Path) -> Path:
    folder = root / "many"
    folder.mkdir()
    for n in range(GOOD):
        (folder / f"doc{n:03d}.txt").write_text(
            f"Harbour Note {n}\n\nThe quay board of Port Ellery met for session number {n}.",
            encoding="utf-8",
        )
    (folder / "empty-a.txt").write_text("", encoding="utf-8")
    (folder / "empty-b.txt").write_text("  \n", encoding="utf-8")
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    return folder


def stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0  # the schema is not there yet


def run_ingest(folder: Path, db: Path, *, delay: str | None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop(DELAY_ENV, None)
    if delay is not None:
        env[DELAY_ENV] = delay
    return subprocess.Popen(
        [sys.executable, "-m", "spinscope", "ingest", str(folder), "--db", str(db)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=default_sigint,  # a shell running the tests in the background ignores SIGINT
    )


def wait_until_some_are_stored(db: Path, process: subprocess.Popen[bytes]) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        count = stored_count(db)
        if count >= 10:
            return count
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)
    process.kill()
    pytest.fail("the ingest stored nothing in time")


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL])
def test_an_interrupted_ingest_resumes_with_nothing_lost_or_duplicated(
    tmp_path: Path, how: signal.Signals
) -> None:
    folder = killable_folder(tmp_path)
    db = tmp_path / "resume.db"
    process = run_ingest(folder, db, delay="0.05")
    seen = wait_until_some_are_stored(db, process)
    process.send_signal(how)
    _out, err = process.communicate(timeout=60)
    if how == signal.SIGINT:
        assert process.returncode == 130, err
        assert b"Traceback" not in err
        assert err.decode().strip().splitlines()[-1] == "spinscope: interrupted"
        assert stored_count(db) >= seen  # what was read before Ctrl-C is committed
    else:
        assert process.returncode == -signal.SIGKILL
    assert stored_count(db) < GOOD  # it really stopped midway

    finish = run_ingest(folder, db, delay=None)
    _out, err = finish.communicate(timeout=120)
    assert finish.returncode == 0, err
    assert b"already stored" in err

    conn = sqlite3.connect(db)
    texts = [r[0] for r in conn.execute("SELECT text FROM documents")]
    skipped = conn.execute("SELECT source, code, reason FROM skipped").fetchall()
    conn.close()
    assert len(texts) == len(set(texts)) == GOOD
    assert {t.split("\n")[0] for t in texts} == {f"Harbour Note {n}" for n in range(GOOD)}
    assert sorted((Path(s).name, c) for s, c, _ in skipped) == [
        ("blob.txt", "E102"),
        ("empty-a.txt", "E101"),
        ("empty-b.txt", "E101"),
    ]
    assert all(reason for _s, _c, reason in skipped)
