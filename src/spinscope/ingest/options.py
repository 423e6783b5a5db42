"""Settings shared by every reader: size cap, forced encoding, and the URL fetcher's limits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from spinscope.errors import InputError
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

    def __post_init__(self) -> None:
        """Checked once, here, whichever entry point made them (E135); a forced encoding is
        checked where it is used, against the codec names and web aliases (E110)."""
        for option, value, low in (
            ("max_bytes", self.max_bytes, 1),
            ("timeout", self.timeout, 0.001),
            ("max_redirects", self.max_redirects, 0),
        ):
            if isinstance(value, bool) or not isinstance(value, int | float) or value < low:
                raise InputError("E135", option=option, value=value, bounds=f"of {low} or more")


DEFAULT_OPTIONS: Final = IngestOptions()
