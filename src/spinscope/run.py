"""Analyse inputs end to end: ingest, run the pipeline, yield analyses or skipped records.

The CLI and the web app only parse their input and call these functions. Each document is
analysed within the per-document limits of its settings (:mod:`spinscope.limits`): one longer
than ``max_chars`` is skipped (E180), one that takes longer than ``time_limit`` is stopped and
skipped (E181), and the others go on.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import BinaryIO

from spinscope.analysis import Analysis
from spinscope.config import AnalysisConfig
from spinscope.document import Skipped
from spinscope.ingest import IngestOptions, read_inputs
from spinscope.limits import analyse_limited, check_size, prepare, source_of
from spinscope.pipeline import Pipeline


def analyze_inputs(
    inputs: Sequence[str],
    *,
    config: AnalysisConfig | None = None,
    options: IngestOptions | None = None,
    stdin: BinaryIO | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[Analysis | Skipped]:
    """Read every input (files, folders, URLs, '-') and analyse each document, streaming.

    The pipeline (or the worker process that enforces the time limit) is made ready before the
    first input is read, so that a broken installation fails at once rather than on every
    document. A ``pipeline`` of one's own runs in this process, with the size limit only."""
    settings = config or (pipeline.config if pipeline is not None else AnalysisConfig())
    if pipeline is None:
        prepare(settings)
    for item in read_inputs(inputs, options=options, stdin=stdin):
        if isinstance(item, Skipped):
            yield item
        elif pipeline is None:
            yield analyse_limited(item, settings)
        else:
            try:
                check_size(item, settings)
            except Exception as exc:  # recorded, and the rest go on
                yield Skipped.from_exception(source_of(item), exc)
                continue
            yield from pipeline.run_many([item])
