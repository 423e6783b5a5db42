"""Write docs/cli.md from the live ``--help`` output, so the reference cannot drift.

Run ``python scripts/gen_cli_docs.py`` after changing a command; tests/test_docs.py fails until
the file matches.
"""

from __future__ import annotations

import sys
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
ERRORS_DOC = Path(__file__).resolve().parents[1] / "docs" / "errors.md"


def help_text(*args: str) -> str:
    import os

    from typer.testing import CliRunner

    from spinscope.cli import app

    os.environ["COLUMNS"] = "100"
    os.environ["TERMINAL_WIDTH"] = "100"
    os.environ["NO_COLOR"] = "1"
    os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"
    result = CliRunner().invoke(app, [*args, "--help"], prog_name="spinscope", color=False)
    return "\n".join(line.rstrip() for line in result.output.strip().splitlines())


def commands() -> list[tuple[str, ...]]:
    """Every command path at every depth (groups first, then their commands), sorted."""
    import typer

    from spinscope.cli import app

    def walk(group: typer.Typer, prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
        found = [
            (*prefix, c.name or c.callback.__name__.replace("_", "-"))
            for c in group.registered_commands
            if c.callback
        ]
        for sub in group.registered_groups:
            if sub.typer_instance is None or sub.name is None:
                continue
            path = (*prefix, sub.name)
            found += [path, *walk(sub.typer_instance, path)]
        return found

    return sorted(walk(app, ()))


def render() -> str:
    sections = [
        "# Command reference",
        "",
        "Generated from `--help` by `scripts/gen_cli_docs.py`; do not edit by hand.",
        "",
        "```text",
        help_text(),
        "```",
    ]
    for path in commands():
        heading = "#" * (len(path) + 1)
        name = " ".join(path)
        sections += ["", f"{heading} `spinscope {name}`", "", "```text", help_text(*path), "```"]
    return "\n".join(sections) + "\n"


def render_errors() -> str:
    from spinscope.errors import CATALOGUE

    lines = [
        "# Error codes",
        "",
        "Generated from `spinscope.errors.CATALOGUE` by `scripts/gen_cli_docs.py`.",
        "E1xx are bad input (exit code 2, HTTP 400), E2xx-E3xx misuse of the library or pipeline,",
        "E4xx unreadable analysis JSON, E5xx training data and models, E9xx internal errors.",
        "",
        "| code | message | fix |",
        "|---|---|---|",
    ]
    for code, (message, fix) in sorted(CATALOGUE.items()):
        lines.append(f"| {code} | {message} | {fix} |".replace("{", "`{").replace("}", "}`"))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
    ERRORS_DOC.write_text(render_errors(), encoding="utf-8")
    sys.stdout.write(f"wrote {DOC} and {ERRORS_DOC}\n")
