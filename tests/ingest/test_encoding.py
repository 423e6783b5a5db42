"""Content codings are undone as the body streams, the size cap holding for the decoded bytes."""

from __future__ import annotations

import functools
import gzip
import tracemalloc
import zlib

import pytest

from spinscope.errors import FetchError
from spinscope.ingest import IngestOptions, fetch_url
from spinscope.ingest.encoding import codings, decoded
from tests.conftest import LocalServer

# No time stamp in the gzip header, so that every test process builds the same parameters.
_gzip = functools.partial(gzip.compress, mtime=0)
LOCAL = IngestOptions(allow_private=True, timeout=10)
TEXT = "Harbour Board Votes\n\nThe board of Port Ellery voted on Monday to raise the ferry tolls."


def _gzip_of_zeros(megabytes: int) -> bytes:
    engine = zlib.compressobj(9, wbits=zlib.MAX_WBITS | 16)
    block = bytes(1 << 20)
    return b"".join(engine.compress(block) for _ in range(megabytes)) + engine.flush()


def _raw_deflate(data: bytes) -> bytes:
    engine = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return engine.compress(data) + engine.flush()


@pytest.mark.parametrize(
    ("header", "body"),
    [
        ("gzip", _gzip(TEXT.encode())),
        ("x-gzip", _gzip(TEXT.encode())),
        ("gzip, gzip", _gzip(_gzip(TEXT.encode()))),
        ("deflate", zlib.compress(TEXT.encode())),
        ("deflate", _raw_deflate(TEXT.encode())),
        ("deflate, gzip", _gzip(zlib.compress(TEXT.encode()))),
        ("identity", TEXT.encode()),
        ("gzip", _gzip(TEXT[:30].encode()) + _gzip(TEXT[30:].encode())),
    ],
    ids=[
        "gzip",
        "x-gzip",
        "gzip-gzip",
        "zlib",
        "raw-deflate",
        "deflate-gzip",
        "identity",
        "members",
    ],
)
def test_codings_are_undone(http_server: LocalServer, header: str, body: bytes) -> None:
    url = http_server.add("/a", body, Content_Type="text/plain", Content_Encoding=header)
    (doc,) = fetch_url(url, options=LOCAL)
    assert doc.text == TEXT


def test_stacked_gzip_bombs_are_refused_without_inflating(http_server: LocalServer) -> None:
    bomb = _gzip(_gzip_of_zeros(400), compresslevel=9)  # 400 MB of zeros inside
    assert len(bomb) < 40_000
    url = http_server.add("/bomb", bomb, Content_Type="text/plain", Content_Encoding="gzip, gzip")
    tracemalloc.start()
    try:
        with pytest.raises(FetchError) as caught:
            fetch_url(url, options=IngestOptions(allow_private=True, max_bytes=2_000_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.code == "E125"
    assert peak < 30_000_000  # the cap plus a few decoding steps, not the 400 MB


@pytest.mark.parametrize(
    ("header", "body", "detail"),
    [
        ("br", b"\x0b\x02\x80hello\x03", "unsupported content encoding 'br'"),
        ("gzip", b"not gzip at all", "cannot be decoded"),
        ("gzip, gzip, gzip, gzip, gzip", b"x", "5 stacked"),
    ],
    ids=["br", "corrupt", "five-layers"],
)
def test_bad_codings_are_coded_errors(
    http_server: LocalServer, header: str, body: bytes, detail: str
) -> None:
    url = http_server.add("/bad", body, Content_Type="text/plain", Content_Encoding=header)
    with pytest.raises(FetchError) as caught:
        fetch_url(url, options=LOCAL)
    assert caught.value.code == "E123" and detail in caught.value.message


def test_each_step_is_bounded() -> None:
    data = _gzip(b"a" * 5_000_000)
    steps = list(decoded([data], codings("gzip", url="u"), url="u"))
    assert b"".join(steps) == b"a" * 5_000_000
    assert max(len(step) for step in steps) <= 64 * 1024
