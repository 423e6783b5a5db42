"""Analyse inputs end to end: ingest, run the pipeline, yield analyses or skipped records.

The CLI and the web app only parse their input and call these functions.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import BinaryIO

from spinscope.analysis import Analysis
from spinscope.config import AnalysisConfig
from spinscope.document import Skipped
from spinscope.ingest import IngestOptions, read_inputs
from spinscope.pipeline import Pipeline


def analyze_inputs(
    inputs: Sequence[str],
    *,
    config: AnalysisConfig | None = None,
    options: IngestOptions | None = None,
    stdin: BinaryIO | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[Analysis | Skipped]:
    """Read every input (files, folders, URLs, '-') and analyse each document, streaming."""
    pipe = pipeline or Pipeline(config=config)
    yield from pipe.run_many(read_inputs(inputs, options=options, stdin=stdin))
