"""Per-document limits: a size cap and a time limit, applied alike by every face.

Article text is hostile input, so no document may hold a run hostage. Two settings of
:class:`~spinscope.config.AnalysisConfig` bound each document:

* ``max_chars``: a longer document is not analysed but skipped with E180 (:func:`check_size`);
* ``time_limit``: a document whose analysis takes longer is stopped and skipped with E181.

A time limit in Python needs a process: ``signal.setitimer`` interrupts pure-Python code in the
main thread only, never a long regular-expression match or a model's C code, and the web app
analyses in threads and Dask in its own worker processes. So a limited analysis runs in an
:class:`AnalysisWorker`, a child process (``python -c``, started with :mod:`subprocess`, so that
it works in a Dask worker too) that loads the pipeline once and analyses one document at a time.
Documents go to it and analyses come back as JSON lines on its standard input and output (no
pickle); when an analysis runs past the limit the child is killed, the document is skipped and
the next document starts a fresh child. A child that dies (out of memory, say) costs its document
an E182 and nothing else. :func:`analyse_within` (raising) and :func:`analyse_limited` (a skipped
record) are the calls every face makes;
:func:`shared_worker` keeps one child per process (the web app's analyses take turns under a lock,
as before; a Dask worker process gets a child of its own).
"""

from __future__ import annotations

import atexit
import json
import os
import selectors
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from functools import lru_cache
from typing import IO, Any, Final

from spinscope.analysis import (
    Analysis,
    analysis_from_dict,
    document_from_data,
    document_to_data,
)
from spinscope.config import AnalysisConfig
from spinscope.document import Document, Skipped
from spinscope.errors import (
    FetchError,
    InputError,
    ModelError,
    PipelineError,
    SchemaError,
    SpinscopeError,
)
from spinscope.pipeline import Pipeline

# Seconds a fresh worker may take to load the models and analyse its warm-up article; a worker
# that is not ready by then is a broken installation, not a slow document (E182).
STARTUP_SECONDS: Final = 900.0
WARM_UP: Final = (
    "Varnholt Courier\n\nThe mayor of Varnholt, Mara Olsen, said on Tuesday that the new bridge "
    "would open in May. Critics called the 4.5 million euro plan a waste of money."
)
_ERRORS: Final[Mapping[str, type[SpinscopeError]]] = {
    cls.__name__: cls
    for cls in (SpinscopeError, InputError, FetchError, ModelError, PipelineError, SchemaError)
}
_CHILD: Final = "from spinscope.limits import worker_main; worker_main()"


class LimitError(InputError):
    """A document over a per-document limit (E180 too long, E181 too slow): skipped."""

    http_status = 413


def source_of(document: Document) -> str:
    return document.meta.source or document.id


def check_size(document: Document, config: AnalysisConfig) -> None:
    """E180 for a document longer than ``config.max_chars``."""
    if len(document.text) > config.max_chars:
        raise LimitError(
            "E180", source=source_of(document), length=len(document.text), cap=config.max_chars
        )


def analyse_within(
    document: Document, config: AnalysisConfig, *, worker: AnalysisWorker | None = None
) -> Analysis:
    """The analysis of one document within the limits of ``config``; raises E180, E181, E182 or
    whatever the pipeline raised on the document.

    Without a time limit the document is analysed in this process; with one, in ``worker`` (by
    default this process's :func:`shared_worker`)."""
    check_size(document, config)
    if config.time_limit is None:
        return _pipeline(_key(config))(document)
    return (worker or shared_worker()).analyse(document, config)


def prepare(config: AnalysisConfig) -> None:
    """Make ready what :func:`analyse_within` will use for ``config``: this process's pipeline,
    or the shared worker with its pipeline loaded (the errors of a broken installation)."""
    if config.time_limit is None:
        _pipeline(_key(config))
    else:
        shared_worker().prepare(config)


def analyse_limited(
    document: Document, config: AnalysisConfig, *, worker: AnalysisWorker | None = None
) -> Analysis | Skipped:
    """:func:`analyse_within`, with a failure recorded as skipped (for the faces that go on)."""
    try:
        return analyse_within(document, config, worker=worker)
    except Exception as exc:  # one bad document is recorded and the rest go on
        return Skipped.from_exception(source_of(document), exc)


@lru_cache(maxsize=8)
def settings_of(config_json: str) -> AnalysisConfig:
    """Settings sent as JSON (to a Dask worker), read and checked once per process."""
    return AnalysisConfig.model_validate_json(config_json)


def _key(config: AnalysisConfig) -> str:
    """The settings an analysis depends on, as JSON: one pipeline each."""
    return config.without_limits().model_dump_json()


_PIPELINES: dict[str, Pipeline] = {}


def _pipeline(key: str) -> Pipeline:
    """This process's pipeline for the settings ``key``, built once and kept."""
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        pipeline = _PIPELINES[key] = Pipeline(config=AnalysisConfig.model_validate_json(key))
    return pipeline


class AnalysisWorker:
    """A child process that analyses one document at a time and is killed when one runs long."""

    def __init__(self, *, startup_seconds: float = STARTUP_SECONDS) -> None:
        self.startup_seconds = startup_seconds
        self._process: subprocess.Popen[bytes] | None = None
        self._ready: set[str] = set()  # the configurations whose pipeline the child has warmed
        self._pending: list[bytes] = []  # bytes read after the last complete line
        self._lock = threading.Lock()

    def prepare(self, config: AnalysisConfig) -> None:
        """Start the child if need be and have it build and warm the pipeline for ``config``;
        not counted against any document's time limit (E182 if it cannot)."""
        with self._lock:
            self._prepare(_key(config))

    def analyse(self, document: Document, config: AnalysisConfig) -> Analysis:
        """The analysis of ``document``; E181 past ``config.time_limit`` (the child is killed),
        E182 if the child dies, or the error the pipeline raised on the document."""
        key = _key(config)
        with self._lock:
            self._prepare(key)
            request = {"config": key, "document": document_to_data(document)}
            seconds = config.time_limit if config.time_limit is not None else float("inf")
            reply = self._ask(request, seconds, document)
            if reply is None:
                self._kill()
                raise LimitError("E181", source=source_of(document), seconds=f"{seconds:g}")
        if "analysis" in reply:
            return analysis_from_dict(reply["analysis"])
        raise _error_from_record(reply.get("error"))

    def close(self) -> None:
        with self._lock:
            self._kill()

    def __enter__(self) -> AnalysisWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _prepare(self, key: str) -> None:
        if self._process is None or self._process.poll() is not None:
            self._start()
        if key in self._ready:
            return
        reply = self._ask({"config": key}, self.startup_seconds, None)
        if reply is None:
            self._kill()
            raise SpinscopeError(
                "E182", source="the analysis worker", detail="not ready after its startup time"
            )
        if "error" in reply:
            raise _error_from_record(reply["error"])
        self._ready.add(key)

    def _start(self) -> None:
        self._kill()
        self._process = subprocess.Popen(  # noqa: S603 - this interpreter, a fixed command
            [sys.executable, "-c", _CHILD],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )

    def _kill(self) -> None:
        process, self._process = self._process, None
        self._ready.clear()
        self._pending.clear()
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()

    def _ask(
        self, request: Mapping[str, Any], seconds: float, document: Document | None
    ) -> dict[str, Any] | None:
        """Send one request and wait up to ``seconds`` for its reply; None on time out."""
        process = self._process
        source = source_of(document) if document is not None else "the analysis worker"
        if process is None or process.stdin is None or process.stdout is None:
            raise SpinscopeError("E182", source=source, detail="no worker process")
        try:
            process.stdin.write(json.dumps(request, ensure_ascii=False).encode("utf-8") + b"\n")
            process.stdin.flush()
        except OSError as exc:  # the child is gone
            self._kill()
            raise SpinscopeError("E182", source=source, detail=str(exc) or "closed") from None
        line = self._read_line(process.stdout, time.monotonic() + seconds)
        if line is None:
            return None
        if not line:
            code = process.wait()
            self._kill()
            raise SpinscopeError("E182", source=source, detail=f"exit status {code}")
        reply = json.loads(line)
        if not isinstance(reply, dict):
            raise SpinscopeError("E182", source=source, detail="an unreadable reply")
        return reply

    def _read_line(self, stream: IO[bytes], deadline: float) -> bytes | None:
        """The next line from the child; b"" at its end, None at the deadline."""
        chunks = self._pending
        if chunks and b"\n" in chunks[-1]:
            return self._take_line()
        with selectors.DefaultSelector() as selector:
            selector.register(stream, selectors.EVENT_READ)
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(min(left, 3600.0)):
                    if time.monotonic() >= deadline:
                        return None
                    continue
                chunk = os.read(stream.fileno(), 1 << 20)
                if not chunk:
                    return b""
                chunks.append(chunk)
                if b"\n" in chunk:
                    return self._take_line()

    def _take_line(self) -> bytes:
        data = b"".join(self._pending)
        line, _, rest = data.partition(b"\n")
        self._pending[:] = [rest] if rest else []
        return line


def _error_from_record(record: object) -> SpinscopeError:
    """The child's error raised again here, with its class and code."""
    if not isinstance(record, dict):
        return SpinscopeError("E182", source="the analysis worker", detail="an unreadable reply")
    cls = _ERRORS.get(str(record.get("class")), SpinscopeError)
    given = record.get("fields")
    fields: dict[str, Any] = given if isinstance(given, dict) else {}
    try:
        return cls(str(record.get("code")), **fields)
    except (KeyError, IndexError, ValueError):  # a code or fields this version does not know
        return SpinscopeError("E900", detail=str(record.get("message")))


def _error_record(exc: BaseException) -> dict[str, Any]:
    if not isinstance(exc, SpinscopeError):
        exc = SpinscopeError("E900", detail=f"{type(exc).__name__}: {exc}")
    fields = {
        key: value if isinstance(value, str | int | float | bool | None) else str(value)
        for key, value in exc.fields.items()
    }
    name = type(exc).__name__ if type(exc).__name__ in _ERRORS else "SpinscopeError"
    return {"class": name, "code": exc.code, "fields": fields, "message": exc.message}


_SHARED: dict[str, AnalysisWorker] = {}
_SHARED_LOCK = threading.Lock()


def shared_worker() -> AnalysisWorker:
    """This process's worker, started on first use and killed when the process exits."""
    with _SHARED_LOCK:
        worker = _SHARED.get("worker")
        if worker is None:
            worker = _SHARED["worker"] = AnalysisWorker()
            atexit.register(worker.close)
        return worker


def worker_main() -> None:
    """The child's loop: read a request a line, answer a line (see :class:`AnalysisWorker`)."""
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything a library prints goes to standard error, not into the replies
    sys.stdout = sys.stderr
    for line in sys.stdin.buffer:
        reply: dict[str, Any]
        try:
            request = json.loads(line)
            key = str(request["config"])
            fresh = key not in _PIPELINES
            pipeline = _pipeline(key)
            if "document" in request:
                reply = {"analysis": pipeline(document_from_data(request["document"])).to_dict()}
            else:
                if fresh:
                    pipeline(Document(WARM_UP))  # load what loads on first use, untimed
                reply = {"ready": True}
        except Exception as exc:  # every failure is answered, with its code
            reply = {"error": _error_record(exc)}
        replies.write(json.dumps(reply, ensure_ascii=False).encode("utf-8") + b"\n")
        replies.flush()
