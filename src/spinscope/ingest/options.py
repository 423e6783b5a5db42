"""Settings shared by every reader: size cap, forced encoding, and the URL fetcher's limits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from spinscope.version import __version__

DEFAULT_USER_AGENT: Final = f"spinscope/{__version__} (+article analysis)"


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How inputs are read. The defaults are safe for untrusted input."""

    max_bytes: int = 10_000_000  # cap per file, response or stdin stream (10 MB)
    encoding: str | None = None  # force an encoding instead of detecting one
    allow_private: bool = False  # fetch loopback/private addresses: ONLY for tests on local servers
    timeout: float = 20.0  # seconds, for connect and each read; a whole fetch gets 3x this
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT


DEFAULT_OPTIONS: Final = IngestOptions()
