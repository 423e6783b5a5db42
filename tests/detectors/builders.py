"""Running the actors, sourcing and allegations components on a prepared document."""

from __future__ import annotations

from functools import lru_cache

from spinscope.analysis import Analysis
from spinscope.document import Document
from spinscope.pipeline import Pipeline


@lru_cache(maxsize=1)
def _actor_pipeline() -> Pipeline:
    return Pipeline(["actors", "sourcing", "allegations"], given=("doc.parts", "doc.sentences"))


def detect_actors(document: Document) -> Analysis:
    """Entity, sourcing and allegation findings and the actors of a structured document."""
    return _actor_pipeline()(document)
