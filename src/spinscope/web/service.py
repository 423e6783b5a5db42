"""What the web layer asks of the library: read an input, analyse it once, store it.

The pipeline is built on first use (loading spaCy and the models takes a second or two) and then
shared; analyses run one at a time under a lock, off the event loop, in a worker thread, within
the per-document limits (:mod:`spinscope.limits`): a text too long is refused (E180, HTTP 413),
and with a time limit the pipeline runs in a child process that is killed when an analysis takes
longer (E181, HTTP 413), so no request can hold the server.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import PurePath
from typing import Final

from spinscope.analysis import Analysis
from spinscope.config import AnalysisConfig
from spinscope.document import Document
from spinscope.errors import InputError
from spinscope.ingest import IngestOptions, fetch_url, read_bytes, read_text, sniff_kind
from spinscope.ingest.decode import check_binary
from spinscope.ingest.dispatch import CONTENT_KINDS, SUFFIX_KINDS, UPLOAD_KINDS, unsupported
from spinscope.limits import analyse_within
from spinscope.store import Store

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


class Analyzer:
    """Reads inputs and analyses them with one shared pipeline, storing every result."""

    def __init__(
        self,
        store: Store,
        *,
        options: IngestOptions,
        allow_urls: bool = True,
        limits: AnalysisConfig | None = None,
    ) -> None:
        """``limits``: the server's ``max_chars`` and ``time_limit`` (default: the defaults),
        which every analysis keeps whatever else its request sets."""
        self.store = store
        self.options = options
        self.allow_urls = allow_urls
        self.limits = limits or AnalysisConfig()
        self._lock = threading.Lock()

    def analyze(self, document: Document, config: AnalysisConfig) -> Analysis:
        """Analyse and store one document within the server's limits; the analysis."""
        limited = config.model_copy(
            update={"max_chars": self.limits.max_chars, "time_limit": self.limits.time_limit}
        )
        with self._lock:
            analysis = analyse_within(document, limited)
        self.store.save_analysis(analysis)
        return analysis

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
