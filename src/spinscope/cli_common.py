"""What every command module of the command line shares: the one-line error writer, and the
command group whose help never cuts a command's description short."""

from __future__ import annotations

import sys
from typing import Any

from typer.core import TyperGroup

# Longer than any description: click cuts a command's line in a group's help at this many
# characters, and the help should wrap it instead.
_UNCUT: int = 10_000


def err(line: str) -> None:
    """Write ``spinscope: line`` on standard error."""
    sys.stderr.write(f"spinscope: {line}\n")
    sys.stderr.flush()


class FullHelpGroup(TyperGroup):
    """A command group whose help lists each command with the whole first sentence of its
    description, wrapped to the terminal, where click would cut it at the width left over."""

    # typer carries its own copy of click, whose Context and HelpFormatter are private to it
    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            rows.append((name, command.get_short_help_str(limit=_UNCUT)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
