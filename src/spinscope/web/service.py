"""What the web layer asks of the library: read an input, analyse it once, store it.

The pipeline is built on first use (loading spaCy and the models takes a second or two) and then
shared; analyses run one at a time under a lock, off the event loop, in a worker thread, within
the per-document limits (:mod:`spinscope.limits`): a text too long is refused (E180, HTTP 413),
and with a time limit the pipeline runs in a child process that is killed when an analysis takes
longer (E181, HTTP 413), so no request can hold the server.

Analyses take turns in a bounded queue (:class:`AnalysisQueue`): at most ``analysis_queue``
requests are admitted at once, one analysing and the others waiting in order; one more is
refused at once with E611 (HTTP 503) and a ``Retry-After`` estimated from recent analyses, so a
burst of requests never makes the server hang, and an admitted request always stores its
analysis before it answers.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath
from typing import Final

from spinscope.analysis import Analysis
from spinscope.config import DEFAULT_ANALYSIS_QUEUE, AnalysisConfig, analysis_queue
from spinscope.document import Document
from spinscope.errors import InputError
from spinscope.ingest import IngestOptions, fetch_url, read_bytes, read_text, sniff_kind
from spinscope.ingest.decode import check_binary
from spinscope.ingest.dispatch import CONTENT_KINDS, SUFFIX_KINDS, UPLOAD_KINDS, unsupported
from spinscope.limits import analyse_within
from spinscope.store import Store
from spinscope.web.security import WebError

MAX_SOURCE_NAME: Final = 200


def config_for(*, as_of: str | None, language: str | None) -> AnalysisConfig:
    """The analysis settings for the optional as_of and language fields (E130-E132)."""
    return AnalysisConfig.model_validate({"as_of": as_of, "language": language})


@dataclass(frozen=True, slots=True)
class Upload:
    """A file a user sent, with what the browser said about it."""

    filename: str
    content_type: str
    data: bytes


class AnalysisQueue:
    """Admission to the analyses: at most ``size`` at once, the rest refused with E611 (503).

    Admission is decided at once, never waited for; an admitted request keeps its place until
    it has answered (:meth:`admitted`). The ``Retry-After`` of a refusal is the mean time of the
    last analyses times the number admitted, at least 1 s and at most ``max_wait`` s.
    """

    RECENT: Final = 20
    FIRST_GUESS: Final = 10.0  # seconds, before any analysis has been timed

    def __init__(self, size: int = DEFAULT_ANALYSIS_QUEUE, *, max_wait: float = 300.0) -> None:
        self.size = analysis_queue(size)
        self.max_wait = max_wait
        self._count = 0
        self._guard = threading.Lock()
        self._recent: deque[float] = deque(maxlen=self.RECENT)

    @property
    def admitted(self) -> int:
        """How many requests are analysing or waiting now."""
        return self._count

    def retry_after(self) -> int:
        typical = sum(self._recent) / len(self._recent) if self._recent else self.FIRST_GUESS
        return max(1, math.ceil(min(self.max_wait, typical * max(1, self._count))))

    @contextmanager
    def admit(self) -> Iterator[None]:
        """Hold a place for the block's duration, or raise E611 (503) when none is free."""
        with self._guard:
            if self._count >= self.size:
                seconds = self.retry_after()
                raise WebError(
                    "E611", status=503, size=self.size, seconds=seconds, retry_after=seconds
                )
            self._count += 1
        try:
            yield
        finally:
            with self._guard:
                self._count -= 1

    def timed(self, seconds: float) -> None:
        """Record how long one analysis took."""
        with self._guard:
            self._recent.append(seconds)


class Analyzer:
    """Reads inputs and analyses them with one shared pipeline, storing every result."""

    def __init__(
        self,
        store: Store,
        *,
        options: IngestOptions,
        allow_urls: bool = True,
        limits: AnalysisConfig | None = None,
        queue_size: int = DEFAULT_ANALYSIS_QUEUE,
    ) -> None:
        """``limits``: the server's ``max_chars`` and ``time_limit`` (default: the defaults),
        which every analysis keeps whatever else its request sets; ``queue_size``: how many
        analyses are admitted at once (:class:`AnalysisQueue`)."""
        self.store = store
        self.options = options
        self.allow_urls = allow_urls
        self.limits = limits or AnalysisConfig()
        self.queue = AnalysisQueue(queue_size, max_wait=self.limits.time_limit or 300.0)
        self._lock = threading.Lock()

    def analyze(self, document: Document, config: AnalysisConfig) -> Analysis:
        """Analyse and store one document within the server's limits; the analysis."""
        limited = config.model_copy(
            update={"max_chars": self.limits.max_chars, "time_limit": self.limits.time_limit}
        )
        with self._lock:
            started = time.monotonic()
            try:
                analysis = analyse_within(document, limited)
            finally:
                self.queue.timed(time.monotonic() - started)
        self.store.save_analysis(analysis)
        return analysis

    def run(
        self,
        config: AnalysisConfig,
        *,
        text: str | None = None,
        url: str | None = None,
        upload: Upload | None = None,
    ) -> Analysis:
        """Read one input (an upload, a URL or pasted text), analyse it and store it: the whole
        of an analysis request, run in a worker thread while the request holds its place in
        the queue (E153 when no input is given)."""
        if upload is not None:
            document = self.from_upload(upload)
        elif url is not None:
            document = self.from_url(url)
        elif text is not None:
            document = self.from_text(text)
        else:
            raise InputError("E153")
        return self.analyze(document, config)

    def from_text(self, text: str) -> Document:
        return read_text(text, source="pasted text")

    def from_upload(self, upload: Upload) -> Document:
        """A text or HTML file as one Document (E101 empty, E102 binary, E103 too large)."""
        name = PurePath(upload.filename or "upload").name[:MAX_SOURCE_NAME] or "upload"
        data = upload.data
        if len(data) > self.options.max_bytes:
            raise InputError("E103", source=name, size=len(data), cap=self.options.max_bytes)
        if not data.strip():
            raise InputError("E101", source=name)
        check_binary(data, source=name)
        suffix = PurePath(name).suffix.lower()
        named = SUFFIX_KINDS.get(suffix)
        if suffix and named not in UPLOAD_KINDS:
            raise unsupported(name, suffix, UPLOAD_KINDS)
        html = (
            named == "html"
            or CONTENT_KINDS.get(upload.content_type.split(";")[0].strip().lower()) == "html"
            or sniff_kind(data) == "html"
        )
        documents = read_bytes(
            data, source=name, kind="html" if html else "text", options=self.options
        )
        return documents[0]

    def from_url(self, url: str) -> Document:
        """The article at a URL, fetched with the CLI's safeguards (public addresses only)."""
        if not self.allow_urls:
            raise InputError("E150")
        documents = fetch_url(url.strip(), options=self.options)
        if len(documents) > 1:
            raise InputError("E151", url=url, count=len(documents))
        return documents[0]
