"""`spinscope serve`: the real server in a subprocess, spoken to over HTTP on loopback."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from spinscope.cli import app as cli_app
from spinscope.errors import InputError
from spinscope.web.server import allowed_names, check_host, is_loopback, serve
from tests.conftest import default_sigint
from tests.web.conftest import SHORT, TOKEN

ALL_INTERFACES = "0.0.0.0"  # noqa: S104 - the address the server must refuse without a token


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode}")
        try:
            if httpx.get(url + "/api/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("the server did not answer in time")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    db = tmp_path / "served.db"
    port = _free_port()
    env = {**os.environ, "SPINSCOPE_TOKEN": TOKEN}
    process = subprocess.Popen(
        [sys.executable, "-m", "spinscope", "serve", "--db", str(db), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=default_sigint,  # stopped with Ctrl-C even when the tests run in the background
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url, process)
        yield url, db
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_the_real_server_analyses_and_keeps_feedback(server: tuple[str, Path]) -> None:
    url, db = server
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=url, timeout=60) as client:
        assert client.post("/api/analyze", json={"text": SHORT}).status_code == 401
        response = client.post("/api/analyze", json={"text": SHORT}, headers=auth)
        assert response.status_code == 200, response.text
        body = response.json()
        doc_id = body["document"]["id"]
        finding = body["findings"][0]["id"]
        mark = client.post(
            f"/api/documents/{doc_id}/findings/{finding}/feedback",
            json={"verdict": "up", "comment": "over the wire"},
            headers=auth,
        )
        assert mark.status_code == 201
        page = client.get(f"/documents/{doc_id}", headers={"Accept": "text/html"})
        assert page.status_code == 200 and "over the wire" in page.text
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert client.get("/api/documents").json()["total"] == 1
    assert db.exists()


def test_the_real_server_shows_what_it_did_not_analyse(server: tuple[str, Path]) -> None:
    from tests.languages import KAZAKH

    url, _db = server
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=url, timeout=60) as client:
        response = client.post("/api/analyze", json={"text": KAZAKH}, headers=auth)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["document"]["language"] == "kk" and body["findings"] == []
        skipped = [n["component"] for n in body["not_analysed"]]
        assert {"techniques", "claims", "actors", "sourcing", "allegations"} <= set(skipped)
        page = client.get(f"/documents/{body['document']['id']}", headers={"Accept": "text/html"})
        assert page.status_code == 200
        assert '<dt id="not-analysed-h">Not analysed</dt>' in page.text  # in the summary
        assert "check-worthiness" in page.text and "actors, sourcing, allegations" in page.text
        assert "(Kazakh: no model for this language)</span>" in page.text


def test_loopback_hosts() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert is_loopback("[::1]") and is_loopback("127.8.0.1")
    assert not is_loopback(ALL_INTERFACES) and not is_loopback("192.168.1.5")
    assert not is_loopback("example.org") and not is_loopback("::")


def test_the_names_a_server_answers_to() -> None:
    assert allowed_names(ALL_INTERFACES, ["review.example"]) == ("review.example",)
    assert allowed_names("10.1.2.3", []) == ("10.1.2.3",)
    assert allowed_names("127.0.0.1", []) == ("127.0.0.1",)


def test_refuses_a_public_host_without_a_token(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        serve(db=tmp_path / "x.db", host=ALL_INTERFACES, port=_free_port(), token=None)
    assert info.value.code == "E155" and "token" in info.value.message
    assert not (tmp_path / "x.db").exists()
    check_host(ALL_INTERFACES, "a-token")
    check_host("127.0.0.1", None)


def test_cli_serve_refuses_too(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli_app,
        ["serve", "--db", str(tmp_path / "x.db"), "--host", ALL_INTERFACES],
        env={"SPINSCOPE_TOKEN": None},
    )
    assert result.exit_code != 0
    assert isinstance(result.exception, InputError)
