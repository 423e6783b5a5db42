"""Batch analysis of a stored corpus on Dask distributed, with one writer and bounded memory.

:func:`run_batch` analyses every stored document that the current pipeline version has not
analysed yet (nor failed on), and stores each analysis as it arrives.

* **Where it runs**: a ``LocalCluster`` of ``workers`` processes with one thread each (default:
  one per CPU core), or the running cluster whose scheduler is at ``scheduler``
  (``tcp://HOST:PORT`` or ``tls://``; its workers need spinscope installed; its security comes
  from Dask's own configuration). The local cluster speaks mutual TLS with certificates made for
  this run (``Security.temporary``): no other process, even on this machine, can connect to its
  scheduler or workers, which would otherwise run any code they are sent. Neither the scheduler
  nor the workers serve a dashboard. ``workers=0`` analyses in this
  process without Dask, for tests and benchmarks.
* **What travels**: a document goes to a worker as a JSON-able payload (text, metadata, parts,
  sentences, links); the worker sends back the analysis JSON as a dict, or a skipped record.
  Each worker analyses a document within the limits of the settings (:mod:`spinscope.limits`):
  one too long is skipped (E180); with a time limit the pipeline runs in a child process of the
  worker, built once per configuration, which is killed when a document takes too long (E181).
* **Memory**: pending ids are read from the store a page at a time, and at most ``window``
  documents (default four per worker thread) are in flight. Results stream back in the order they
  finish (``as_completed``) and this process, the only writer, saves each one at once.
* **Failures**: a document the pipeline cannot analyse is recorded as skipped with its reason,
  and remembered for this pipeline version (so a later batch does not retry it unless
  ``retry_failed``); the others go on. A worker that dies is reported too, but its documents
  are tried again by the next batch.
* **Output**: ``output`` ending in ``.jsonl`` gets one analysis JSON a line; ``.parquet`` one row
  a document (id, title, site, published, language, source, url, pipeline version, findings per
  layer, actors, and the analysis JSON), written with pyarrow. It holds every analysis by the
  current pipeline version in the store, earlier runs' included, ordered by document id; it is
  written beside its target as ``.partial`` and renamed into place at the end.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from spinscope.analysis import analysis_from_dict
from spinscope.config import AnalysisConfig
from spinscope.corpus.ingest import deferred_interrupt
from spinscope.document import Skipped
from spinscope.errors import InputError, SpinscopeError
from spinscope.limits import analyse_within, settings_of
from spinscope.pipeline import Pipeline
from spinscope.store import Store
from spinscope.store.documents import document_from_payload, payload_field
from spinscope.vocabulary import LAYERS

if TYPE_CHECKING:
    from spinscope.corpus.precompute import Progress

PAGE_SIZE: Final = 128  # pending ids read from the store at a time
IN_FLIGHT_PER_THREAD: Final = 4
_ARRIVALS_KEPT: Final = 1024
# Errors of the installation, not of a document (model files missing or damaged): they stop the
# batch instead of marking every document as failed.
SETUP_CODES: Final = frozenset({"E510", "E511", "E512", "E520", "E521", "E522"})
CONNECT_TIMEOUT: Final = "10s"
HTTP_NODES: Final = ("scheduler", "worker")  # Dask nodes that start an HTTP server

Payload = dict[str, Any]
Result = dict[str, Any]


def _source_of(payload: Payload) -> str:
    ident = payload_field(payload, "id") or "?"
    source = payload_field(payload, "source")
    return f"{source} (document {ident[:16]})" if source else f"document {ident}"


def analyse_payload(payload: Payload, config_json: str) -> Result:
    """Analyse one document payload (runs on a worker); never raises for a bad document.

    Returns ``{"id", "analysis"}`` with the analysis JSON as a dict, or ``{"id", "skipped"}``
    with the source, code, reason and fix of what went wrong; ``{"id", "fatal"}`` when the
    worker's own setup is broken (a model file missing), which no document can get past.
    """
    ident = payload_field(payload, "id")
    try:
        analysis = analyse_within(document_from_payload(payload), settings_of(config_json))
    except Exception as exc:  # one bad document is recorded and the batch goes on
        if isinstance(exc, SpinscopeError) and exc.code in SETUP_CODES:
            return {
                "id": ident,
                "fatal": {"code": exc.code, "message": exc.message, "fix": exc.fix},
            }
        skipped = Skipped.from_exception(_source_of(payload), exc)
    else:
        return {"id": ident, "analysis": analysis.to_dict()}
    return {
        "id": ident,
        "skipped": {
            "source": skipped.source,
            "code": skipped.code,
            "reason": skipped.reason,
            "fix": skipped.fix,
        },
    }


def pending_payloads(
    store: Store, version: str, *, page_size: int = PAGE_SIZE, retry_failed: bool = False
) -> Iterator[Payload]:
    """Payloads of the documents ``version`` has yet to analyse, read a page at a time."""
    after: str | None = None
    while True:
        ids = store.pending_documents(
            version, limit=page_size, after=after, include_failed=retry_failed
        )
        if not ids:
            return
        after = ids[-1]
        yield from store.document_payloads(ids)


@dataclass
class _Tally:
    """What the one writer has done so far."""

    store: Store
    version: str
    analysed: int = 0
    skipped: int = 0
    lost: int = 0  # documents whose worker died; tried again by the next batch
    show: Callable[[int, int], None] = field(default=lambda done, skipped: None)
    arrivals: list[float] = field(default_factory=list)  # when the first results arrived

    def _arrived(self) -> None:
        if len(self.arrivals) < _ARRIVALS_KEPT:
            self.arrivals.append(time.perf_counter())
        self.show(self.analysed, self.skipped)

    def take(self, result: Result) -> None:
        """Save one worker result: an analysis, or a failure to remember."""
        if "fatal" in result:
            fatal = result["fatal"]
            raise SpinscopeError(
                "E900",
                detail=f"a worker cannot analyse anything: [{fatal['code']}] {fatal['message']}"
                f" (fix: {fatal['fix']})",
            )
        with deferred_interrupt():
            if "analysis" in result:
                self.store.save_analysis(analysis_from_dict(result["analysis"]))
                self.analysed += 1
            else:
                record = result["skipped"]
                skipped = Skipped(
                    record["source"], record["code"], record["reason"], record.get("fix", "")
                )
                self.store.record_failure(result["id"], self.version, skipped)
                self.skipped += 1
        self._arrived()

    def worker_lost(self, payload: Payload, exc: BaseException) -> None:
        reason = f"the worker failed: {type(exc).__name__}: {exc}"
        self.store.record_skipped(Skipped(_source_of(payload), "E900", reason), once=True)
        self.skipped += 1
        self.lost += 1
        self._arrived()


def _run_here(payloads: Iterator[Payload], config_json: str, tally: _Tally) -> int:
    """Analyse in this process (``workers=0``); the number of worker threads (one)."""
    for payload in payloads:
        tally.take(analyse_payload(payload, config_json))
    return 1


def _distributed() -> Any:
    """The ``distributed`` package (untyped, so handled as Any here)."""
    return importlib.import_module("distributed")


def _dask_client(stack: ExitStack, *, workers: int | None, scheduler: str | None) -> Any:
    """A client on a new LocalCluster, or on the running scheduler; closed with ``stack``."""
    distributed = _distributed()
    if scheduler is not None:
        try:
            return stack.enter_context(distributed.Client(scheduler, timeout=CONNECT_TIMEOUT))
        except (OSError, TimeoutError) as exc:
            raise InputError("E141", address=scheduler, detail=exc) from None
    # Dask's nodes start an HTTP server even without a dashboard (metrics, cluster information,
    # a proxy to the workers): here it has no routes and listens on a loopback port of its own.
    config = importlib.import_module("dask").config
    with config.set({f"distributed.{node}.http.routes": [] for node in HTTP_NODES}):
        cluster = stack.enter_context(
            distributed.LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",
                worker_dashboard_address="127.0.0.1:0",
                security=True,
                silence_logs=logging.ERROR,
            )
        )
    return stack.enter_context(distributed.Client(cluster))


def _run_dask(
    payloads: Iterator[Payload],
    config_json: str,
    tally: _Tally,
    *,
    workers: int | None,
    scheduler: str | None,
    window: int | None,
) -> int:
    """Analyse on Dask with at most ``window`` documents in flight; the cluster's threads."""
    with ExitStack() as stack:
        client = _dask_client(stack, workers=workers, scheduler=scheduler)
        if scheduler is not None:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        threads = max(1, int(sum(client.nthreads().values())))
        limit = window or IN_FLIGHT_PER_THREAD * threads
        in_flight: dict[str, Payload] = {}
        # Keys name the configuration too: clients sharing a scheduler never mix results up.
        config_key = hashlib.sha256(config_json.encode("utf-8")).hexdigest()[:12]
        queue = _distributed().as_completed()

        def submit_next() -> bool:
            payload = next(payloads, None)
            if payload is None:
                return False
            key = f"spinscope-analyse-{config_key}-{payload_field(payload, 'id')}"
            future = client.submit(analyse_payload, payload, config_json, key=key)
            in_flight[future.key] = payload
            queue.add(future)
            return True

        while len(in_flight) < limit and submit_next():
            pass
        for future in queue:
            payload = in_flight.pop(future.key)
            try:
                result = future.result()
            except Exception as exc:  # a dead or lost worker: report it and go on
                tally.worker_lost(payload, exc)
            else:
                tally.take(result)
            future.release()
            while len(in_flight) < limit and submit_next():
                pass
        return threads


# --- output for data-lake users ---------------------------------------------------------------

OUTPUT_SUFFIXES: Final = (".jsonl", ".parquet")
PARQUET_COLUMNS: Final = (
    ("id", "string"),
    ("title", "string"),
    ("site", "string"),
    ("published", "string"),
    ("language", "string"),
    ("source", "string"),
    ("url", "string"),
    ("pipeline_version", "string"),
    *((f"findings_{layer}", "int32") for layer in LAYERS),
    ("actors", "int32"),
    ("analysis", "string"),
)
_ROW_GROUP: Final = 512


def check_output(path: Path) -> None:
    """E134 unless ``path`` ends in .jsonl or .parquet; E140 parquet without pyarrow; E139 a dir."""
    suffix = path.suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        raise InputError(
            "E134", option="--output", value=str(path), valid=", ".join(OUTPUT_SUFFIXES) + " files"
        )
    if suffix == ".parquet" and importlib.util.find_spec("pyarrow") is None:
        raise InputError("E140", option="--output", what="parquet", package="pyarrow")
    if path.is_dir():
        raise InputError("E139", option="--output", path=path)


def parquet_row(raw: str) -> dict[str, Any]:
    """One analysis JSON as a parquet row (see :data:`PARQUET_COLUMNS`)."""
    data = json.loads(raw)
    doc = data["document"]
    row: dict[str, Any] = {
        "id": doc["id"],
        "title": doc.get("title"),
        "site": doc.get("site"),
        "published": doc.get("published"),
        "language": doc.get("language"),
        "source": doc.get("source"),
        "url": doc.get("url"),
        "pipeline_version": data["pipeline"]["version"],
        **{f"findings_{layer}": 0 for layer in LAYERS},
        "actors": len(data.get("actors", [])),
        "analysis": raw,
    }
    for finding in data.get("findings", []):
        key = f"findings_{finding['layer']}"
        if key in row:
            row[key] += 1
    return row


def _write_jsonl(pages: Iterator[list[str]], target: Path) -> None:
    with target.open("w", encoding="utf-8") as handle:
        for page in pages:
            handle.writelines(raw + "\n" for raw in page)


def _write_parquet(pages: Iterator[list[str]], target: Path) -> None:
    pa: Any = importlib.import_module("pyarrow")
    pq: Any = importlib.import_module("pyarrow.parquet")
    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in PARQUET_COLUMNS])
    with pq.ParquetWriter(str(target), schema, compression="zstd") as writer:
        rows: list[dict[str, Any]] = []
        for page in pages:
            rows.extend(parquet_row(raw) for raw in page)
            if len(rows) >= _ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))


def write_output(store: Store, version: str, path: Path) -> int:
    """Write every analysis by ``version`` to ``path`` (.jsonl or .parquet); how many.

    The file is written as ``<name>.partial`` and renamed into place when complete.
    """
    check_output(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    count = 0

    def pages() -> Iterator[list[str]]:
        nonlocal count
        for page in store.analysis_json_pages(version):
            count += len(page)
            yield page

    try:
        if path.suffix.lower() == ".parquet":
            _write_parquet(pages(), partial)
        else:
            _write_jsonl(pages(), partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return count


@contextmanager
def _progress_bar(enabled: bool, total: int) -> Iterator[Callable[[int, int], None]]:
    if not enabled:
        yield lambda done, skipped: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(file=sys.stderr), transient=True) as bar:
        task = bar.add_task("analysed 0, skipped 0", total=total)

        def show(done: int, skipped: int) -> None:
            bar.update(
                task, completed=done + skipped, description=f"analysed {done}, skipped {skipped}"
            )

        yield show


def _parts_progress(enabled: bool) -> Callable[[Progress], None] | None:
    """A progress line on stderr for the corpus parts, when ``enabled``."""
    if not enabled:
        return None

    def show(progress: Progress) -> None:
        end = "\n" if progress.total and progress.done >= progress.total else ""
        sys.stderr.write(f"\rspinscope: corpus view: {progress.sentence()}{end}")
        sys.stderr.flush()

    return show


def run_batch(
    db: Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    output: Path | None = None,
    config: AnalysisConfig | None = None,
    progress: bool = False,
    window: int | None = None,
    retry_failed: bool = False,
    page_size: int = PAGE_SIZE,
) -> dict[str, Any]:
    """Analyse every stored document the current pipeline has not analysed; what happened.

    Returns ``analysed``, ``skipped`` (documents that failed, or whose worker died),
    ``pending`` (documents to analyse when it started), ``seconds``, ``threads`` (worker
    threads used), ``pipeline_version``, ``output`` (the file written, or None) and ``written``
    (the analyses in it).
    """
    if workers is not None and scheduler is not None:
        raise InputError("E138", option="--workers", other="--scheduler")
    if output is not None:
        check_output(output)
    resolved = config or AnalysisConfig()
    version = Pipeline(config=resolved).info.version
    config_json = resolved.model_dump_json()
    started = time.perf_counter()
    with Store.open(db) as store:
        pending = store.count_documents(pending_for=version, include_failed=retry_failed)
        payloads = pending_payloads(store, version, page_size=page_size, retry_failed=retry_failed)
        with _progress_bar(progress, pending) as show:
            tally = _Tally(store, version, show=show)
            if pending == 0:
                threads = 0
            elif workers == 0 and scheduler is None:
                threads = _run_here(payloads, config_json, tally)
            else:
                threads = _run_dask(
                    payloads,
                    config_json,
                    tally,
                    workers=workers,
                    scheduler=scheduler,
                    window=window,
                )
        # What the new analyses contribute to the corpus view, kept now so that the view is
        # assembled from stored parts (spinscope.corpus.precompute), not computed on first use.
        parts = None
        if tally.analysed:
            from spinscope.corpus.precompute import update_parts

            parts = update_parts(store, on_progress=_parts_progress(progress))
        written = write_output(store, version, output) if output is not None else None
    # Warm: once as many results as worker threads have arrived (each has built its pipeline).
    first = min(max(threads, 1), len(tally.arrivals))
    warm = tally.arrivals[first - 1] - started if first else 0.0
    return {
        "analysed": tally.analysed,
        "skipped": tally.skipped,
        "lost": tally.lost,
        "pending": pending,
        "seconds": time.perf_counter() - started,
        "threads": threads,
        "pipeline_version": version,
        "output": str(output) if output is not None else None,
        "written": written,
        "warm_seconds": warm,
        "first_results": first,
        "corpus_records": parts.records if parts else 0,
        "corpus_vectors": parts.vectors if parts else 0,
        "corpus_seconds": parts.seconds if parts else 0.0,
    }


__all__ = [
    "OUTPUT_SUFFIXES",
    "PARQUET_COLUMNS",
    "analyse_payload",
    "pending_payloads",
    "run_batch",
    "write_output",
]
