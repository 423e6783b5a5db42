"""The bounded analysis queue: admission, refusal with Retry-After, and a real server under a
burst of concurrent clients."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from spinscope.cli import app as cli_app
from spinscope.config import DEFAULT_ANALYSIS_QUEUE, analysis_queue
from spinscope.errors import InputError
from spinscope.web.security import WebError
from spinscope.web.service import AnalysisQueue
from tests.conftest import default_sigint
from tests.web.conftest import HTML, SHORT, make_client
from tests.web.test_server import _free_port, _wait


def test_the_queue_admits_its_size_and_refuses_one_more() -> None:
    queue = AnalysisQueue(2)
    with queue.admit(), queue.admit():
        assert queue.admitted == 2
        with pytest.raises(WebError) as refused, queue.admit():
            pass
        error = refused.value
        assert error.code == "E611" and error.status == 503
        assert error.retry_after is not None and error.retry_after >= 1
        assert "2 analyses are running or waiting" in error.message
    assert queue.admitted == 0
    with queue.admit():
        assert queue.admitted == 1


def test_a_failed_analysis_gives_its_place_back() -> None:
    queue = AnalysisQueue(1)
    with pytest.raises(ValueError, match="broke"), queue.admit():
        raise ValueError("the analysis broke")
    assert queue.admitted == 0


def test_retry_after_follows_recent_analyses() -> None:
    queue = AnalysisQueue(3, max_wait=60)
    assert queue.retry_after() == AnalysisQueue.FIRST_GUESS
    queue.timed(2.0)
    queue.timed(4.0)
    with queue.admit(), queue.admit():
        assert queue.retry_after() == 6  # 3 s a time, two ahead
    for _ in range(AnalysisQueue.RECENT):
        queue.timed(500.0)
    assert queue.retry_after() == 60


def test_threads_racing_for_places_never_pass_the_size() -> None:
    queue = AnalysisQueue(3)
    start, hold = threading.Barrier(12), threading.Event()
    results: list[bool] = []
    most = [0]

    def client() -> None:
        start.wait()
        try:
            with queue.admit():
                results.append(True)
                most[0] = max(most[0], queue.admitted)
                hold.wait(10)
        except WebError:
            results.append(False)

    threads = [threading.Thread(target=client) for _ in range(12)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 10
    while results.count(False) < 9 and time.monotonic() < deadline:
        time.sleep(0.01)
    hold.set()
    for thread in threads:
        thread.join(10)
    assert results.count(True) == 3 and results.count(False) == 9 and most[0] <= 3
    assert queue.admitted == 0


@pytest.mark.parametrize(
    ("value", "code"), [(0, "E135"), (33, "E135"), ("many", "E136"), (2.5, "E136"), (True, "E136")]
)
def test_the_queue_size_is_checked(value: object, code: str) -> None:
    with pytest.raises(InputError) as info:
        analysis_queue(value)
    assert info.value.code == code
    assert analysis_queue("4") == 4 and analysis_queue(DEFAULT_ANALYSIS_QUEUE) == 8


def test_serve_refuses_a_queue_of_none(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli_app, ["serve", "--db", str(tmp_path / "q.db"), "--analysis-queue", "0"]
    )
    assert isinstance(result.exception, InputError) and result.exception.code == "E135"
    assert not (tmp_path / "q.db").exists()


def test_a_full_queue_answers_503_with_retry_after_and_stores_nothing(tmp_path: Path) -> None:
    with make_client(tmp_path / "busy.db", analysis_queue=1) as client:
        queue = client.app.state.spinscope.analyzer.queue  # type: ignore[attr-defined]
        with queue.admit():  # an analysis holds the only place
            response = client.post("/api/analyze", json={"text": SHORT})
            assert response.status_code == 503
            assert response.json()["error"]["code"] == "E611"
            assert int(response.headers["retry-after"]) >= 1
            page = client.post("/api/analyze", json={"text": SHORT}, headers=HTML)
            assert page.status_code == 503 and page.headers["retry-after"]
            form = client.post("/analyze", data={"text": SHORT}, headers=HTML)
            assert form.status_code == 503 and "E611" in form.text  # the home page's form
            assert int(form.headers["retry-after"]) >= 1
            assert client.get("/api/health").status_code == 200  # reads do not queue
        assert client.get("/api/documents").json()["total"] == 0
        assert client.post("/api/analyze", json={"text": SHORT}).status_code == 200


@pytest.fixture
def busy_server(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    command = [sys.executable, "-m", "spinscope", "serve", "--db", str(tmp_path / "burst.db")]
    command += ["--port", str(port), "--analysis-queue", "2"]
    process = subprocess.Popen(
        command,
        env={**os.environ, "SPINSCOPE_TOKEN": ""},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=default_sigint,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url, process)
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_a_burst_of_clients_on_a_real_server(busy_server: str) -> None:
    """Eight clients at once on a queue of two: every one is answered (no hang), those past
    the queue with 503 and Retry-After, and every 200 is stored (no lost write)."""
    texts = [f"{SHORT} The ferry number {n} sailed late again." for n in range(8)]

    def post(text: str) -> httpx.Response:
        with httpx.Client(base_url=busy_server, timeout=240) as client:
            return client.post("/api/analyze", json={"text": text})

    with ThreadPoolExecutor(max_workers=len(texts)) as pool:
        futures = [pool.submit(post, text) for text in texts]
        with httpx.Client(base_url=busy_server, timeout=10) as reader:
            assert reader.get("/api/health").status_code == 200  # pages are served meanwhile
        answers = [future.result(timeout=300) for future in futures]

    statuses = [a.status_code for a in answers]
    assert set(statuses) <= {200, 503}, [a.text for a in answers]
    assert statuses.count(503) >= 1 and statuses.count(200) >= 1
    for answer in answers:
        if answer.status_code == 503:
            assert answer.json()["error"]["code"] == "E611"
            assert int(answer.headers["retry-after"]) >= 1
    stored = {a.json()["document"]["id"] for a in answers if a.status_code == 200}
    with httpx.Client(base_url=busy_server, timeout=240) as client:
        listed = client.get("/api/documents", params={"limit": 50}).json()
        assert {item["id"] for item in listed["items"]} == stored
        refused = next(t for t, a in zip(texts, answers, strict=True) if a.status_code == 503)
        assert client.post("/api/analyze", json={"text": refused}).status_code == 200


def test_the_api_schema_documents_the_503(tmp_path: Path) -> None:
    with make_client(tmp_path / "schema.db") as client:
        schema = client.get("/openapi.json").json()
    busy = schema["paths"]["/api/analyze"]["post"]["responses"]["503"]
    assert "E611" in busy["description"] and "Retry-After" in busy["headers"]
