"""The settings of one analysis run, validated once and saved with every analysis.

Every entry point (the CLI's options, the web form and API fields, the library's arguments, a
Dask worker reading the settings back) builds an :class:`AnalysisConfig`; its validators are the
only place a setting is checked, and each refusal is an error code of its own (E130 a moment that
is not ISO 8601, E131 one without a time zone, E132 an unknown language, E522/E525 a gazetteer
that cannot be read or is not the recorded one, E135/E136 a per-document limit out of range or not
a number).

The per-document limits (``max_chars``, ``time_limit``) decide whether a document is analysed,
never what is found in it, so the analysis record leaves them out; :mod:`spinscope.limits`
applies them in every face (``analyze``, ``batch``, the web app).
"""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from spinscope import gazetteer as gazetteers
from spinscope.errors import InputError

# ISO 639-1 codes spinscope identifies and accepts as a forced language. Kazakh, Russian and
# Ukrainian are the ones the articles we read are most often translated from; the others are
# common sources of republished copies.
LANGUAGES: Final = ("en", "ru", "kk", "uk", "zh", "de", "fr", "es", "it", "pt", "pl", "tr", "ar")
# A longer document is skipped (E180), not analysed. Ordinary text goes through the default
# pipeline at about 160 CPU seconds per million characters on one loaded core (the sentence encoder
# and spaCy take most; benchmarks/bench_pathological.py, 'plain'), so a document at the cap takes
# under three minutes. Longer is a book or a dump, not an article: the longest PTC article is about
# 30,000 characters, and spaCy refuses texts over 1,000,000 by default too.
DEFAULT_MAX_CHARS: Final = 1_000_000
# Seconds one document may take before its analysis is stopped and it is skipped (E181): about
# twice what a document at the size cap takes. None or 0: no limit.
DEFAULT_TIME_LIMIT: Final = 300.0
# Analyses the web app admits at once: one runs, the others wait their turn, and a request past
# them is refused (E611, HTTP 503) instead of waiting without end. Each waiting one holds a
# thread of the server's pool of 40, so at most 32 leave threads to serve the pages; eight at the
# time limit is at most forty minutes of waiting.
DEFAULT_ANALYSIS_QUEUE: Final = 8
MAX_ANALYSIS_QUEUE: Final = 32
ANALYSIS_QUEUE_BOUNDS: Final = f"from 1 to {MAX_ANALYSIS_QUEUE}"


def parse_moment(option: str, value: object) -> datetime | None:
    """An aware moment from an ISO 8601 string ('Z' allowed) or a datetime (E130, E131)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        raw = value.strip()
        try:
            moment = datetime.fromisoformat(raw[:-1] + "+00:00" if raw.endswith("Z") else raw)
        except ValueError:
            raise InputError("E130", option=option, value=value) from None
    else:
        raise InputError("E130", option=option, value=value)
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InputError("E131", option=option, value=value)
    return moment


def _number(option: str, value: str, bounds: str) -> float:
    """A number written as text (a form field, an environment variable), or E136."""
    try:
        return float(value.strip())
    except ValueError:
        raise InputError("E136", option=option, value=value, bounds=bounds) from None


def analysis_queue(value: object) -> int:
    """The web app's analysis queue size checked: a whole number from 1 to 32 (E135, E136)."""
    option, bounds = "analysis_queue", ANALYSIS_QUEUE_BOUNDS
    if isinstance(value, str):
        value = _number(option, value, bounds)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError("E136", option=option, value=value, bounds=bounds)
    if not 1 <= value <= MAX_ANALYSIS_QUEUE:
        raise InputError("E135", option=option, value=value, bounds=bounds)
    return value


class AnalysisConfig(BaseModel):
    """Settings for one analysis run; saved with every analysis (``pipeline.config``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    as_of: datetime | None = None  # the moment relative datelines are resolved against
    language: str | None = None  # force the language instead of identifying it
    gazetteer: Path | None = None  # names the recogniser must know (default $SPINSCOPE_GAZETTEER)
    gazetteer_sha256: str | None = None  # the digest of the gazetteer's bytes, filled in
    max_chars: int = DEFAULT_MAX_CHARS  # a longer document is skipped (E180)
    time_limit: float | None = DEFAULT_TIME_LIMIT  # seconds a document (E181); None: no limit

    @model_validator(mode="before")
    @classmethod
    def _gazetteer(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        values = dict(data)
        if "gazetteer" not in values:
            values["gazetteer"] = gazetteers.default_path()
        path = values.get("gazetteer")
        if isinstance(path, str):
            path = Path(path) if path.strip() else None
        if path is None:
            values["gazetteer"] = None
            values["gazetteer_sha256"] = None
            return values
        if not isinstance(path, Path):
            return values  # pydantic refuses it
        checked = gazetteers.check(path, values.get("gazetteer_sha256"))
        values["gazetteer"] = str(path)  # pydantic makes the Path (JSON input must be a string)
        values["gazetteer_sha256"] = checked.sha256
        return values

    @field_validator("as_of", mode="before")
    @classmethod
    def _as_of(cls, value: object) -> datetime | None:
        return parse_moment("as_of", value)

    @field_validator("language", mode="before")
    @classmethod
    def _language(cls, value: object) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        code = value.strip().lower() if isinstance(value, str) else value
        if code not in LANGUAGES:
            raise InputError("E132", option="language", value=value, valid=", ".join(LANGUAGES))
        return str(code)

    @field_validator("max_chars", mode="before")
    @classmethod
    def _max_chars(cls, value: object) -> int:
        if isinstance(value, str):
            value = _number("max_chars", value, "of 1 or more")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError("E136", option="max_chars", value=value, bounds="of 1 or more")
        if value < 1:
            raise InputError("E135", option="max_chars", value=value, bounds="of 1 or more")
        return value

    @field_validator("time_limit", mode="before")
    @classmethod
    def _time_limit(cls, value: object) -> float | None:
        bounds = "above 0 (seconds), or 0 or none for no limit"
        if value is None or (isinstance(value, str) and value.strip().lower() in ("", "none")):
            return None
        if isinstance(value, str):
            value = _number("time_limit", value, bounds)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InputError("E136", option="time_limit", value=value, bounds=bounds)
        seconds = float(value)
        if not math.isfinite(seconds) or seconds < 0:
            raise InputError("E135", option="time_limit", value=value, bounds=bounds)
        return seconds or None

    def without_limits(self) -> AnalysisConfig:
        """The same settings with the default limits: what an analysis depends on."""
        return self.model_copy(
            update={"max_chars": DEFAULT_MAX_CHARS, "time_limit": DEFAULT_TIME_LIMIT}
        )

    def load_gazetteer(self) -> gazetteers.Gazetteer | None:
        """The checked gazetteer these settings name, loaded once per process (E522, E525)."""
        if self.gazetteer is None or self.gazetteer_sha256 is None:
            return None
        return gazetteers.load(self.gazetteer, self.gazetteer_sha256)

    def to_record(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "language": self.language,
            "gazetteer": str(self.gazetteer) if self.gazetteer else None,
            "gazetteer_sha256": self.gazetteer_sha256,
        }
