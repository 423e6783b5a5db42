"""What every command module of the command line shares: the one-line error writer."""

from __future__ import annotations

import sys


def err(line: str) -> None:
    """Write ``spinscope: line`` on standard error."""
    sys.stderr.write(f"spinscope: {line}\n")
    sys.stderr.flush()
