"""Analyse inputs end to end: ingest, run the pipeline, yield analyses or skipped records.

The CLI and the web app only parse their input and call these functions.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import BinaryIO

from spinscope.analysis import Analysis
from spinscope.config import AnalysisConfig
from spinscope.document import Skipped
from spinscope.errors import InputError
from spinscope.ingest import IngestOptions, read_inputs
from spinscope.pipeline import Pipeline


def parse_as_of(value: str) -> datetime:
    """An ISO 8601 moment with a time zone ('Z' allowed), or E109."""
    raw = value.strip()
    try:
        moment = datetime.fromisoformat(raw[:-1] + "+00:00" if raw.endswith("Z") else raw)
    except ValueError:
        raise InputError(
            "E109",
            option="--as-of",
            value=value,
            detail="not an ISO 8601 date and time",
            fix="write it like 2025-04-29T18:00:00+00:00",
        ) from None
    if moment.tzinfo is None:
        raise InputError(
            "E109",
            option="--as-of",
            value=value,
            detail="it has no time zone",
            fix="add an offset, like 2025-04-29T18:00:00+00:00 or ...Z",
        )
    return moment


def check_language(value: str) -> str:
    from spinscope.language import LANGUAGES

    code = value.strip().lower()
    if code not in LANGUAGES:
        raise InputError(
            "E109",
            option="--lang",
            value=value,
            detail="not a supported language code",
            fix=f"use one of {', '.join(LANGUAGES)}",
        )
    return code


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
