"""spinscope's version, read from the installed package's metadata (declared in pyproject.toml)."""

from __future__ import annotations

from importlib import metadata
from typing import Final

__version__: Final = metadata.version("spinscope")
