"""URL fetching against the real local server; refusals happen before any connection."""

from __future__ import annotations

import ipaddress
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import httpx
import pytest

from spinscope.document import Skipped
from spinscope.errors import FetchError, InputError
from spinscope.ingest import IngestOptions, fetch_url, read_inputs
from spinscope.ingest.url import (
    _read_body,
    _send,
    address_kind,
    checked_addresses,
    fetch_response,
)
from tests.conftest import LocalServer
from tests.ingest.pages import COURIER_PAGE, RSS_FEED, RUSSIAN

LOCAL = IngestOptions(allow_private=True, timeout=5.0)


def fetch_code(url: str, options: IngestOptions = LOCAL) -> str:
    with pytest.raises(InputError) as exc:
        fetch_url(url, options=options)
    return exc.value.code


def test_html_page(http_server: LocalServer) -> None:
    url = http_server.add("/news/tolls", COURIER_PAGE, Content_Type="text/html; charset=utf-8")
    (document,) = fetch_url(url, options=LOCAL)
    assert document.meta.source == url
    assert document.meta.url == url
    assert document.meta.title == "Harbour tolls rise again"
    assert document.meta.authors == ("Mira Talvens",)
    assert document.meta.published == "2024-03-05T09:30:00+01:00"
    assert [document.part_text(p) for p in document.parts_of("caption")] == [
        "Cranes at the eastern quay of the harbour at dawn."
    ]
    links = {document.text[k.start : k.end]: k.url for k in document.links}
    assert links["last year's report"] == http_server.url("/reports/2023")
    assert links["third increase"] == "https://port.example.org/notice"
    assert "a tax by another name" not in links


def test_http_charset_is_honoured(http_server: LocalServer) -> None:
    body = f"<html><body><p>{RUSSIAN}</p></body></html>".encode("cp1251")
    url = http_server.add("/ru", body, Content_Type="text/html; charset=windows-1251")
    (document,) = fetch_url(url, options=LOCAL)
    assert RUSSIAN.split("\n")[0] in document.text


def test_plain_text(http_server: LocalServer) -> None:
    url = http_server.add("/note", "Quay closed today.\n", Content_Type="text/plain")
    (document,) = fetch_url(url, options=LOCAL)
    assert document.text == "Quay closed today."
    assert document.meta.url == url


def test_feed(http_server: LocalServer) -> None:
    url = http_server.add("/feed", RSS_FEED, Content_Type="application/rss+xml")
    documents = fetch_url(url, options=LOCAL)
    assert [d.meta.source for d in documents] == [f"{url}#1", f"{url}#3"]
    assert http_server.requests == ["/feed"]  # item links are not fetched
    items = list(read_inputs([url], options=LOCAL))
    assert [(i.source, i.code) for i in items if isinstance(i, Skipped)] == [(f"{url}#2", "E101")]


def test_redirect_chain_within_limits(http_server: LocalServer) -> None:
    final = http_server.add("/final", "Arrived.", Content_Type="text/plain")
    http_server.add("/r3", "", status=308, Location="/final")
    http_server.add("/r2", "", status=302, Location=http_server.url("/r3"))
    start = http_server.add("/r1", "", status=301, Location="r2")
    (document,) = fetch_url(start, options=LOCAL)
    assert document.meta.url == final
    assert document.meta.source == start
    assert http_server.requests == ["/r1", "/r2", "/r3", "/final"]


def test_too_many_redirects(http_server: LocalServer) -> None:
    for n in range(10):
        http_server.add(f"/loop{n}", "", status=302, Location=f"/loop{n + 1}")
    assert fetch_code(http_server.url("/loop0")) == "E121"
    assert len(http_server.requests) == 6  # the first request and five redirects, no more
    options = IngestOptions(allow_private=True, max_redirects=1)
    assert fetch_code(http_server.url("/loop0"), options) == "E121"


def test_http_errors_and_content_types(http_server: LocalServer) -> None:
    with pytest.raises(FetchError) as exc:
        fetch_url(http_server.url("/missing"), options=LOCAL)
    assert exc.value.code == "E123" and "HTTP 404" in exc.value.message
    png = http_server.add("/photo", b"\x89PNG\r\n\x1a\n\x00", Content_Type="image/png")
    with pytest.raises(FetchError) as exc:
        fetch_url(png, options=LOCAL)
    assert exc.value.code == "E122" and "image/png" in exc.value.message
    broken = http_server.add("/broken", "", status=302)
    assert fetch_code(broken) == "E123"


def test_body_over_the_cap(http_server: LocalServer) -> None:
    url = http_server.add("/big", "x" * 5000, Content_Type="text/plain")
    assert fetch_code(url, IngestOptions(allow_private=True, max_bytes=1000)) == "E125"


def test_streamed_body_is_cut_at_the_cap() -> None:
    response = httpx.Response(200, content=iter([b"x" * 600, b"x" * 600]))
    with pytest.raises(FetchError) as exc:
        _read_body(response, url="http://example.org/", cap=1000, deadline=time.monotonic() + 5)
    assert exc.value.code == "E125"


def test_other_schemes_are_refused() -> None:
    assert fetch_code("ftp://example.org/article") == "E124"
    assert fetch_code("file:///etc/passwd") == "E124"


def test_redirect_to_another_scheme_is_refused(http_server: LocalServer) -> None:
    url = http_server.add("/to-file", "", status=302, Location="file:///etc/passwd")
    assert fetch_code(url) == "E124"


@pytest.mark.parametrize(
    "location", ["javascript:alert(1)", "data:text/html,hi", "mailto:a@b.example", "http://[::1"]
)
def test_redirects_to_urls_that_are_not_urls_are_coded_errors(
    http_server: LocalServer, location: str
) -> None:
    url = http_server.add("/odd", "", status=302, Location=location)
    assert fetch_code(url) == "E123"


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "https://192.168.1.20/admin",
    ],
)
def test_private_addresses_are_refused_by_default(url: str) -> None:
    assert fetch_code(url, IngestOptions()) == "E120"


def test_loopback_server_is_refused_by_default(http_server: LocalServer) -> None:
    url = http_server.add("/article", COURIER_PAGE)
    with pytest.raises(FetchError) as exc:
        fetch_url(url, options=IngestOptions())
    assert exc.value.code == "E120"
    assert "loopback" in exc.value.message
    assert http_server.requests == []  # refused before connecting
    items = list(read_inputs([url]))
    assert [(i.source, i.code) for i in items if isinstance(i, Skipped)] == [(url, "E120")]


@pytest.mark.parametrize("target", ["http://10.0.0.1/internal", "/article"])
def test_redirect_to_a_private_address_is_rechecked(http_server: LocalServer, target: str) -> None:
    http_server.add("/article", COURIER_PAGE)
    location = target if target.startswith("http") else http_server.url(target)
    start = http_server.add("/start", "", status=302, Location=location)
    with pytest.raises(FetchError) as exc:
        fetch_response(start, options=IngestOptions(), trusted_hops=1)  # only the first hop
    assert exc.value.code == "E120"
    assert http_server.requests == ["/start"]


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.0.1", "private"),
        ("fc00::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),  # noqa: S104 - an address checked, nothing bound
        ("::", "unspecified"),
        ("240.0.0.1", "private"),
        ("100.64.0.1", "non-public"),
        ("::ffff:10.0.0.1", "private"),
        ("2002:7f00:1::", "loopback"),  # 6to4 around 127.0.0.1
        ("64:ff9b::a00:1", "reserved"),  # NAT64 (around 10.0.0.1): refused in any case
        ("93.184.215.14", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_address_kinds(address: str, kind: str | None) -> None:
    assert address_kind(ipaddress.ip_address(address)) == kind


def test_checked_addresses_allows_private_only_when_asked() -> None:
    assert checked_addresses("http://127.0.0.1:9/", allow_private=True) == [
        ipaddress.ip_address("127.0.0.1")
    ]
    with pytest.raises(FetchError):
        checked_addresses("http://127.0.0.1:9/")


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[int, Path, list[str]]]:
    """An HTTPS server on 127.0.0.1 with a self-signed certificate for courier.test."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    command = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
    command += ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=courier.test"]
    command += ["-addext", "subjectAltName=DNS:courier.test"]
    subprocess.run(
        command,
        check=True,
        capture_output=True,
    )
    hosts: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hosts.append(self.headers["Host"])
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], cert, hosts
    finally:
        server.shutdown()
        server.server_close()


def test_connection_is_pinned_and_keeps_the_name_for_tls(
    tls_server: tuple[int, Path, list[str]],
) -> None:
    port, cert, hosts = tls_server
    loopback = [ipaddress.ip_address("127.0.0.1")]
    trust = ssl.create_default_context(cafile=str(cert))
    with httpx.Client(verify=trust, trust_env=False) as client:
        # courier.test does not resolve: the request reaches the checked address, and the name
        # still goes out as Host and SNI, against which the certificate is verified.
        response = _send(client, f"https://courier.test:{port}/a", loopback, options=LOCAL)
        assert response.read() == b"ok"
        assert hosts == [f"courier.test:{port}"]
        with pytest.raises(httpx.ConnectError, match="certificate"):
            _send(client, f"https://other.test:{port}/a", loopback, options=LOCAL)


@pytest.fixture
def trickling_server() -> Iterator[tuple[str, threading.Event]]:
    """A server that sends its status line and headers one byte every 50 ms, forever."""
    import socket as sockets

    listener = sockets.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def serve() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            payload = b"HTTP/1.1 200 OK\r\n" + b"X-Slow: yes\r\n" * 10_000
            for byte in payload:
                if stop.is_set():
                    return
                try:
                    connection.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(0.05)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/slow", stop
    finally:
        stop.set()
        listener.close()
        thread.join(timeout=2)


def test_headers_that_trickle_in_are_dropped_at_the_whole_fetch_deadline(
    trickling_server: tuple[str, threading.Event],
) -> None:
    # Each byte comes well within the 0.4 s read timeout, so only the whole-fetch deadline
    # (3 x 0.4 s) can stop it; the server would go on for over eight minutes.
    url, _ = trickling_server
    started = time.monotonic()
    with pytest.raises(FetchError) as exc:
        fetch_response(url, options=IngestOptions(allow_private=True, timeout=0.4))
    elapsed = time.monotonic() - started
    assert exc.value.code == "E123"
    assert "too long" in str(exc.value) or "timed out" in str(exc.value)
    assert elapsed < 1.2 + 1.0
