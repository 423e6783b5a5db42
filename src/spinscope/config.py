"""The settings of one analysis run, validated once and saved with every analysis."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator


class AnalysisConfig(BaseModel):
    """Settings for one analysis run; saved with every analysis."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    as_of: datetime | None = None  # the moment relative datelines are resolved against
    language: str | None = None  # force the language instead of identifying it

    @field_validator("as_of")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("as_of needs a time zone, for example 2025-04-29T18:00:00+00:00")
        return value

    def to_record(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "language": self.language,
        }
