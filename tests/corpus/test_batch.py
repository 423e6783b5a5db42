"""Batch analysis on Dask: the same analyses as one process, resumable, failures recorded."""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import sqlite3
import ssl
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import psutil
import pytest

from spinscope.config import AnalysisConfig
from spinscope.corpus.batch import PARQUET_COLUMNS, analyse_payload, run_batch
from spinscope.corpus.ingest import ingest_sources, stable_sources
from spinscope.document import Document
from spinscope.errors import InputError
from spinscope.ingest import read_inputs
from spinscope.pipeline import Pipeline
from spinscope.store import Store, document_payload
from tests.conftest import EXAMPLES, ROOT, default_sigint
from tests.ingest.pages import COURIER_PAGE

BROKEN_TEXT = "Quay Board Minutes\n\nThe quay board of Port Ellery adjourned without a vote."


def corpus_folder(root: Path) -> Path:
    """Four example articles, an invented HTML page and two invented JSONL articles."""
    folder = root / "corpus"
    folder.mkdir()
    for path in sorted(EXAMPLES.glob("*.txt"))[:4]:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "courier.html").write_text(COURIER_PAGE, encoding="utf-8")
    records = [
        {"text": "Ferry fares stay the same this winter, said harbour chief Ines Varga."},
        {"text": BROKEN_TEXT, "site": "Quay Post"},
    ]
    (folder / "wire.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8"
    )
    return folder


def documents_of(folder: Path) -> list[Document]:
    return [
        item for item in read_inputs(stable_sources([str(folder)])) if isinstance(item, Document)
    ]


def break_document(db: Path, document_id: str) -> None:
    """Give a stored document a part past the end of its text, as a damaged record would."""
    conn = sqlite3.connect(db)
    record = json.loads(
        conn.execute("SELECT document_json FROM documents WHERE id = ?", (document_id,)).fetchone()[
            0
        ]
    )
    record["parts"] = [{"kind": "paragraph", "start": 0, "end": 10_000}]
    conn.execute(
        "UPDATE documents SET document_json = ? WHERE id = ?", (json.dumps(record), document_id)
    )
    conn.commit()
    conn.close()


def spawned_workers() -> list[psutil.Process]:
    """Child processes other than multiprocessing's resource tracker (which lives on)."""
    return [
        child
        for child in psutil.Process().children(recursive=True)
        if child.is_running() and "resource_tracker" not in " ".join(child.cmdline())
    ]


def test_two_workers_give_what_one_process_gives(tmp_path: Path) -> None:
    folder = corpus_folder(tmp_path)
    db = tmp_path / "corpus.db"
    assert ingest_sources([str(folder)], db=db)["stored"] == 7
    documents = documents_of(folder)
    broken = next(d for d in documents if d.text == BROKEN_TEXT)
    break_document(db, broken.id)
    pipeline = Pipeline()
    expected = {d.id: pipeline(d).to_dict() for d in documents if d is not broken}
    output = tmp_path / "lake" / "analyses.jsonl"

    summary = run_batch(db, workers=2, output=output, config=AnalysisConfig())

    assert spawned_workers() == []
    assert summary["analysed"] == 6 and summary["skipped"] == 1 and summary["threads"] == 2
    assert summary["pipeline_version"] == pipeline.info.version
    with Store.open(db) as store:
        got = {i: store.get_analysis(i, pipeline.info.version).to_dict() for i in expected}
        assert got == expected
        assert store.failed_documents(pipeline.info.version) == [
            (
                broken.id,
                "E200",
                f"span [0, 10000) does not fit a text of {len(BROKEN_TEXT)} characters",
            )
        ]
        (record,) = store.skipped()
        assert record.code == "E200" and broken.id[:16] in record.source
        assert "wire.jsonl" in record.source
    lines = output.read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["document"]["id"]: json.loads(line) for line in lines} == expected
    assert not output.with_name("analyses.jsonl.partial").exists()

    # Nothing new to do: no cluster is started, and the parquet file holds every analysis.
    parquet = tmp_path / "lake" / "analyses.parquet"
    again = run_batch(db, workers=2, output=parquet)
    assert (again["analysed"], again["skipped"], again["pending"]) == (0, 0, 0)
    pq: Any = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(parquet)
    assert table.column_names == [name for name, _ in PARQUET_COLUMNS]
    rows = {row["id"]: row for row in table.to_pylist()}
    assert set(rows) == set(expected)
    for ident, row in rows.items():
        analysis = expected[ident]
        assert json.loads(row["analysis"]) == analysis
        assert row["pipeline_version"] == pipeline.info.version
        techniques = [f for f in analysis["findings"] if f["layer"] == "technique"]
        assert row["findings_technique"] == len(techniques)
        assert row["actors"] == len(analysis["actors"])

    # Trying the failed document again (in this process) fails again, recorded once.
    retry = run_batch(db, workers=0, retry_failed=True)
    assert (retry["analysed"], retry["skipped"]) == (0, 1)
    with Store.open(db) as store:
        assert len(store.skipped()) == 1


def test_a_running_scheduler_is_used(tmp_path: Path) -> None:
    from distributed import LocalCluster

    folder = tmp_path / "two"
    folder.mkdir()
    for name in ("harbour-fund-affair.txt", "river-bridge-report.txt"):
        (folder / name).write_text((EXAMPLES / name).read_text(encoding="utf-8"), "utf-8")
    db = tmp_path / "two.db"
    ingest_sources([str(folder)], db=db)
    config = AnalysisConfig(as_of="2025-05-01T12:00:00+00:00")
    with LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as cluster:
        summary = run_batch(db, scheduler=cluster.scheduler_address, config=config, window=1)
    assert (summary["analysed"], summary["skipped"], summary["threads"]) == (2, 0, 1)
    pipeline = Pipeline(config=config)
    with Store.open(db) as store:
        for document in documents_of(folder):
            stored = store.get_analysis(document.id, pipeline.info.version)
            assert stored.to_dict() == pipeline(document).to_dict()
            assert stored.pipeline.config["as_of"] == "2025-05-01T12:00:00+00:00"
    assert spawned_workers() == []


def _listening_ports() -> set[int]:
    """The ports this process and its children listen on."""
    me = psutil.Process()
    ports: set[int] = set()
    for process in [me, *me.children(recursive=True)]:
        try:
            connections = process.net_connections(kind="inet")
        except psutil.Error:
            continue
        ports.update(c.laddr.port for c in connections if c.status == psutil.CONN_LISTEN)
    return ports


def _refused_without_a_certificate(host: str, port: int) -> bool:
    """True when a TLS client that shows no certificate gets no answer from ``host:port``."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with (
            socket.create_connection((host, port), timeout=5) as raw,
            context.wrap_socket(raw) as tls,
        ):
            tls.sendall(b"x" * 64)
            return tls.recv(1) == b""
    except (ssl.SSLError, OSError):
        return True


# Exit 3 when the scheduler refuses to connect, 0 when it runs code sent to it.
OUTSIDER = """
import sys
from distributed import Client
try:
    client = Client(sys.argv[1], timeout=3)
except Exception:
    sys.exit(3)
print(client.submit(sum, [1, 2]).result())
"""


def test_the_local_cluster_admits_no_other_process_and_serves_no_dashboard() -> None:
    from contextlib import ExitStack

    from spinscope.corpus.batch import _dask_client

    with ExitStack() as stack:
        client = _dask_client(stack, workers=1, scheduler=None)
        address = client.scheduler.address
        assert address.startswith("tls://")
        assert client.submit(len, "quay").result() == 4
        # Another process knows the address but not this run's certificates.
        for outsider in (address, address.replace("tls://", "tcp://")):
            attempt = subprocess.run(
                [sys.executable, "-c", OUTSIDER, outsider],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert attempt.returncode == 3, (outsider, attempt.stdout, attempt.stderr[-500:])
        host, port = address.removeprefix("tls://").rsplit(":", 1)
        assert _refused_without_a_certificate(host, int(port))
        # No dashboard, and Dask's HTTP servers answer nothing, on loopback only.
        ports = _listening_ports()
        assert 8787 not in ports
        assert int(port) in ports
        for other in ports - {int(port)}:
            try:
                answer = httpx.get(f"http://127.0.0.1:{other}/info/main/workers.html", timeout=2)
            except httpx.HTTPError:
                continue  # a TLS comm port
            assert answer.status_code == 404
        for route in ("/health", "/metrics", "/json/identity.json", "/proxy/1/127.0.0.1/status"):
            for other in ports - {int(port)}:
                try:
                    answer = httpx.get(f"http://127.0.0.1:{other}{route}", timeout=2)
                except httpx.HTTPError:
                    continue
                assert answer.status_code == 404, route


def test_a_worker_result_is_json_and_a_bad_payload_is_a_skipped_record() -> None:
    document = documents_of(EXAMPLES / "river-bridge-report.txt")[0]
    config = AnalysisConfig().model_dump_json()
    result = analyse_payload(document_payload(document), config)
    assert json.loads(json.dumps(result)) == result
    assert result["analysis"] == Pipeline()(document).to_dict()
    payload = document_payload(document)
    changed = {**payload, "document": {**payload["document"], "text": "changed"}}
    bad = analyse_payload(changed, config)
    assert bad["id"] == document.id and bad["skipped"]["code"] == "E400"
    assert "sha256" in bad["skipped"]["reason"]


@pytest.mark.parametrize(
    ("kwargs", "code", "option"),
    [
        ({"workers": 2, "scheduler": "tcp://127.0.0.1:1"}, "E138", "--workers"),
        ({"output": Path("results.csv")}, "E134", "--output"),
        ({"output": Path(".")}, "E134", "--output"),
    ],
)
def test_bad_options_are_refused_before_anything_runs(
    tmp_path: Path, kwargs: dict[str, Any], code: str, option: str
) -> None:
    with pytest.raises(InputError) as info:
        run_batch(tmp_path / "x.db", **kwargs)
    assert info.value.code == code and info.value.fields["option"] == option
    assert not (tmp_path / "x.db").exists()


# --- interrupted, unreachable ------------------------------------------------------------------

NOTES = 40


def analysed_count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM analyses").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def run_cli(*args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(
        [sys.executable, "-m", "spinscope", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=default_sigint,  # a shell running the tests in the background ignores SIGINT
    )


def test_ctrl_c_stops_a_batch_and_the_next_one_finishes_it(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    for n in range(NOTES):
        (folder / f"note{n:03d}.txt").write_text(
            f"Quay Note {n}\n\nThe quay board of Port Ellery met for session {n}. Nils Okafor "
            "said the harbour tolls were a disgraceful waste, according to officials.",
            encoding="utf-8",
        )
    db = tmp_path / "notes.db"
    assert ingest_sources([str(folder)], db=db)["stored"] == NOTES

    process = run_cli("batch", "--db", str(db), "--workers", "1", "--no-progress")
    deadline = time.monotonic() + 120
    while analysed_count(db) < 3:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the batch stored nothing in time"
        time.sleep(0.05)
    workers = psutil.Process(process.pid).children(recursive=True)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, (out, err)
    assert b"Traceback" not in err, err
    assert err.decode().strip().splitlines()[-1:] == ["spinscope: interrupted"], (out, err)
    done = analysed_count(db)
    assert 3 <= done < NOTES  # what arrived before Ctrl-C is kept; it stopped midway
    psutil.wait_procs(workers, timeout=30)
    assert not [w for w in workers if w.is_running() and w.status() != psutil.STATUS_ZOMBIE]

    summary = run_batch(db, workers=0)
    assert (summary["analysed"], summary["skipped"], summary["pending"]) == (
        NOTES - done,
        0,
        NOTES - done,
    )
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT document_id, count(*) FROM analyses GROUP BY document_id"
    ).fetchall()
    conn.close()
    assert len(rows) == NOTES and all(count == 1 for _, count in rows)


def test_an_unreachable_scheduler_is_one_error_line(tmp_path: Path) -> None:
    db = tmp_path / "one.db"
    (tmp_path / "a.txt").write_text("The quay reopened today after repairs.", encoding="utf-8")
    ingest_sources([str(tmp_path / "a.txt")], db=db)
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = run_cli("batch", "--db", str(db), "--scheduler", f"tcp://127.0.0.1:{port}")
    _out, err = process.communicate(timeout=120)
    lines = err.decode().strip().splitlines()
    assert process.returncode == 2, err
    assert (
        len(lines) == 1
        and lines[0].startswith("spinscope: error [E141]")
        and "Dask scheduler" in lines[0]
    )
    with Store.open(db) as store:  # nothing lost: the document still waits for its analysis
        assert store.count_documents(pending_for=Pipeline().info.version) == 1


def _dask(*args: str, log: Path) -> subprocess.Popen[bytes]:
    """A ``dask`` command of this environment, as a person would start it in a terminal."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [str(Path(sys.executable).parent / "dask"), *args]
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)


def test_a_cluster_started_by_hand_runs_the_batch_command(tmp_path: Path) -> None:
    folder = tmp_path / "two"
    folder.mkdir()
    for name in ("harbour-fund-affair.txt", "river-bridge-report.txt"):
        (folder / name).write_text((EXAMPLES / name).read_text(encoding="utf-8"), "utf-8")
    db = tmp_path / "two.db"
    ingest_sources([str(folder)], db=db)
    address_file = tmp_path / "scheduler.json"
    started: list[subprocess.Popen[bytes]] = []
    try:
        started.append(
            _dask(
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(address_file),
                log=tmp_path / "scheduler.log",
            )
        )
        deadline = time.monotonic() + 60
        while not address_file.exists() or not address_file.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline, (tmp_path / "scheduler.log").read_text()
            time.sleep(0.1)
        address = json.loads(address_file.read_text(encoding="utf-8"))["address"]
        assert address.startswith("tcp://127.0.0.1:")
        started.append(
            _dask(
                "worker",
                address,
                "--nthreads",
                "1",
                "--nworkers",
                "1",
                "--no-dashboard",
                "--host",
                "127.0.0.1",
                log=tmp_path / "worker.log",
            )
        )
        process = run_cli("batch", "--db", str(db), "--scheduler", address, "--no-progress")
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, (err.decode(), (tmp_path / "worker.log").read_text())
        assert "analysed 2, skipped 0" in err.decode() + out.decode()
    finally:
        for process in reversed(started):  # the worker, then the scheduler
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
    with Store.open(db) as store:
        assert store.count_documents(pending_for=Pipeline().info.version) == 0
        from spinscope.corpus.precompute import pending_parts

        assert pending_parts(store) == 0  # the corpus view's parts were made by the batch
