"""Corpus ingestion: documents from folders, files, feeds and URLs into the store, unanalysed.

:func:`ingest_sources` reads every source with :func:`spinscope.ingest.read_inputs` and stores
each document as it was ingested (text, metadata, parts, links) with
:meth:`~spinscope.store.Store.save_documents`. It is

* **idempotent**: a document's id is the sha256 of its text, so a document already in the store
  is counted as ``existing`` and nothing is written for it;
* **resumable**: documents are committed in small transactions (at most ``batch_size``
  documents, or half a second's worth), each atomic. A crash loses at most the last uncommitted
  batch, which the next run stores; Ctrl-C commits what was read and then stops;
* **honest about failures**: an input that cannot be read is recorded as skipped with its code
  and reason, once per source and code however often the ingest runs.

Local paths are made absolute before reading, so every document's ``source`` (and every skipped
record's) names the same file whichever folder the command runs from.

Testing aid: the environment variable ``SPINSCOPE_INGEST_DELAY`` (seconds, for example ``0.05``)
makes the ingest wait that long after each item, so a test can interrupt it midway.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import BinaryIO, Final

from spinscope.document import Document, Skipped
from spinscope.errors import InputError
from spinscope.ingest import IngestOptions, read_inputs
from spinscope.store import Store

DELAY_ENV: Final = "SPINSCOPE_INGEST_DELAY"
BATCH_SIZE: Final = 32  # documents per transaction at most
BATCH_SECONDS: Final = 0.5  # and at most this long between commits
_URL: Final = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def stable_sources(sources: Sequence[str]) -> list[str]:
    """Sources as they are stored: local paths made absolute; '-' and URLs as given."""
    return [s if s == "-" or _URL.match(s) else os.path.abspath(s) for s in sources]


def _delay() -> float:
    raw = os.environ.get(DELAY_ENV, "").strip()
    if not raw:
        return 0.0
    try:
        value = float(raw)
    except ValueError:
        raise InputError(
            "E136", option=DELAY_ENV, value=raw, bounds="of seconds, such as 0.05"
        ) from None
    return max(0.0, value)


@contextmanager
def deferred_interrupt() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) back until the block ends, so a commit is never cut in half.

    Outside the main thread signals cannot be caught, and the block runs as it is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def hold(signum: int, _frame: FrameType | None) -> None:
        received.append(signum)

    previous = signal.signal(signal.SIGINT, hold)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        raise KeyboardInterrupt


class _Writer:
    """Buffers documents and skipped inputs, and commits them in small transactions."""

    def __init__(self, store: Store, *, batch_size: int) -> None:
        self.store = store
        self.batch_size = max(1, batch_size)
        self.documents: list[Document] = []
        self.skipped: list[Skipped] = []
        self.last_flush = time.monotonic()
        self.stored = 0
        self.existing = 0
        self.skips = 0

    def add(self, item: Document | Skipped) -> None:
        if isinstance(item, Skipped):
            self.skipped.append(item)
            self.skips += 1
        else:
            self.documents.append(item)
        due = time.monotonic() - self.last_flush >= BATCH_SECONDS
        if len(self.documents) + len(self.skipped) >= self.batch_size or due:
            self.flush()

    def flush(self) -> None:
        with deferred_interrupt():
            if self.documents:
                added = self.store.save_documents(self.documents)
                new = sum(added)
                self.stored += new
                self.existing += len(added) - new
                self.documents.clear()
            for skipped in self.skipped:
                self.store.record_skipped(skipped, once=True)
            self.skipped.clear()
        self.last_flush = time.monotonic()

    def counts(self) -> dict[str, int]:
        return {"stored": self.stored, "existing": self.existing, "skipped": self.skips}


@contextmanager
def _progress_line(enabled: bool) -> Iterator[Callable[[dict[str, int], int], None]]:
    """A live line on stderr (rich) that ``show(counts, read)`` updates; nothing if disabled."""
    if not enabled:
        yield lambda counts, read: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=Console(file=sys.stderr), transient=True) as bar:
        task = bar.add_task("read 0", total=None)

        def show(counts: dict[str, int], read: int) -> None:
            bar.update(
                task,
                description=(
                    f"read {read}: stored {counts['stored']} new, "
                    f"{counts['existing']} already stored, skipped {counts['skipped']}"
                ),
            )

        yield show


def ingest_sources(
    sources: Sequence[str],
    *,
    db: Path,
    options: IngestOptions | None = None,
    progress: bool = False,
    stdin: BinaryIO | None = None,
    batch_size: int = BATCH_SIZE,
    on_skipped: Callable[[Skipped], None] | None = None,
) -> dict[str, int]:
    """Store the documents of every source in the database at ``db``; what happened.

    ``on_skipped`` is told of each input that cannot be read, as it is met (the CLI prints it).

    Returns ``stored`` (new documents), ``existing`` (documents already stored, by content id,
    repeats within this run included), ``skipped`` (inputs that could not be read, each recorded
    in the store once) and ``read`` (documents and skipped inputs seen). A KeyboardInterrupt
    commits what was read and is raised again.
    """
    delay = _delay()
    read = 0
    with Store.open(db) as store, _progress_line(progress) as show:
        writer = _Writer(store, batch_size=batch_size)
        try:
            for item in read_inputs(stable_sources(sources), options=options, stdin=stdin):
                read += 1
                writer.add(item)
                if on_skipped is not None and isinstance(item, Skipped):
                    on_skipped(item)
                show(writer.counts(), read)
                if delay:
                    time.sleep(delay)
        finally:
            writer.flush()
        return {**writer.counts(), "read": read}
