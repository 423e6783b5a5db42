"""HTTP content codings decoded as they stream, with the size cap on the decoded bytes.

A response's ``Content-Encoding`` may stack codings (``gzip, gzip``); each layer is undone here
with :mod:`zlib` in steps of at most :data:`STEP` output bytes, so a 5 KB response that inflates
to gigabytes is refused (E125) after at most ``cap + STEP`` bytes were made, never after the
whole of one chunk has inflated in memory. Only the codings spinscope asks for are accepted.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from typing import Final

from spinscope.errors import FetchError

STEP: Final = 64 * 1024  # the most decoded bytes one decompression step makes
CODINGS: Final = ("gzip", "x-gzip", "deflate", "identity")
ACCEPT_ENCODING: Final = "gzip, deflate"
MAX_LAYERS: Final = 4


def codings(header: str | None, *, url: str) -> tuple[str, ...]:
    """The codings of a Content-Encoding header in the order they were applied (E123)."""
    names = tuple(name.strip().lower() for name in (header or "").split(",") if name.strip())
    for name in names:
        if name not in CODINGS:
            raise FetchError("E123", url=url, detail=f"unsupported content encoding {name!r}")
    layers = tuple(name for name in names if name != "identity")
    if len(layers) > MAX_LAYERS:
        raise FetchError("E123", url=url, detail=f"{len(layers)} stacked content encodings")
    return layers


class _Layer:
    """One coding being undone: gzip (members in sequence) or deflate (zlib or raw)."""

    def __init__(self, coding: str, url: str) -> None:
        self.gzip = coding in ("gzip", "x-gzip")
        self.url = url
        self.started = False
        self._new(zlib.MAX_WBITS | 16 if self.gzip else zlib.MAX_WBITS)

    def _new(self, wbits: int) -> None:
        self.wbits = wbits
        self.engine = zlib.decompressobj(wbits)

    def feed(self, data: bytes) -> Iterator[bytes]:
        pending = data
        while pending:
            try:
                out = self.engine.decompress(pending, STEP)
            except zlib.error as exc:
                if not self.gzip and not self.started and self.wbits > 0:
                    self._new(-zlib.MAX_WBITS)  # "deflate" sent as a raw stream
                    continue
                raise FetchError(
                    "E123", url=self.url, detail=f"the body cannot be decoded ({exc})"
                ) from None
            self.started = True
            pending = self.engine.unconsumed_tail
            if self.engine.eof:
                rest = self.engine.unused_data
                if self.gzip and rest.strip(b"\0"):
                    self._new(self.wbits)  # the next gzip member
                    pending = rest + pending
                else:
                    pending = b""
            if out:
                yield out

    def finish(self) -> Iterator[bytes]:
        while True:
            out = self.engine.decompress(self.engine.unconsumed_tail, STEP)
            if not out:
                return
            yield out


def _undo(chunks: Iterable[bytes], layer: _Layer) -> Iterator[bytes]:
    for chunk in chunks:
        yield from layer.feed(chunk)
    yield from layer.finish()


def decoded(chunks: Iterable[bytes], layers: tuple[str, ...], *, url: str) -> Iterator[bytes]:
    """The decoded bytes of a body's raw chunks, in steps of at most STEP bytes per layer."""
    stream: Iterable[bytes] = chunks
    for coding in reversed(layers):  # the last coding applied is undone first
        stream = _undo(stream, _Layer(coding, url))
    yield from stream
