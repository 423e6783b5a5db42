"""spinscope's own components, collected from the modules that declare them.

Each module declares its component once (``COMPONENT``); this module only lists them, in the
order of the default pipeline. Nothing is registered at import time: :func:`builtin_registry`
builds the registry on first use.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from spinscope import language, sentences, structure
from spinscope.components import ComponentSpec, Registry
from spinscope.detectors import actors, allegations, claims, sourcing, techniques, techniques_ruuk

BUILTIN_SPECS: Final[tuple[ComponentSpec, ...]] = (
    structure.COMPONENT,
    sentences.COMPONENT,
    language.COMPONENT,
    techniques.COMPONENT,
    techniques_ruuk.COMPONENT,
    claims.COMPONENT,
    actors.COMPONENT,
    sourcing.COMPONENT,
    allegations.COMPONENT,
)

DEFAULT_COMPONENTS: Final[tuple[str, ...]] = tuple(spec.name for spec in BUILTIN_SPECS)


@lru_cache(maxsize=1)
def builtin_registry() -> Registry:
    """The registry of spinscope's own components, built on first use."""
    return Registry(BUILTIN_SPECS)
