"""spinscope: read news and opinion articles the way an analyst does, with exact evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spinscope.version import __version__

if TYPE_CHECKING:
    from datetime import datetime

    from spinscope.analysis import Analysis
    from spinscope.document import Document

__all__ = ["__version__", "analyze"]


def analyze(
    article: str | Document,
    *,
    as_of: datetime | None = None,
    language: str | None = None,
) -> Analysis:
    """Analyse one article (its text, or a Document) with the default pipeline."""
    from spinscope.config import AnalysisConfig
    from spinscope.document import Document, Metadata
    from spinscope.pipeline import Pipeline

    document = article if isinstance(article, Document) else Document(article, Metadata())
    pipeline = Pipeline(config=AnalysisConfig(as_of=as_of, language=language))
    return pipeline(document)
