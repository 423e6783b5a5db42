"""Terminal tables of evaluation or training figures (a flat or one-level nested dict)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Group
from rich.table import Table


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def metrics_table(result: Mapping[str, Any], *, title: str) -> Group:
    """One table of the scalar figures, then one table per nested mapping (per technique, say)."""
    main = Table(title=title, show_header=True, header_style="bold", min_width=len(title) + 4)
    main.add_column("figure")
    main.add_column("value", justify="right")
    tables: list[Table] = [main]
    for key, value in result.items():
        if isinstance(value, Mapping):
            tables.append(_nested(key, value))
        elif not isinstance(value, list | tuple):
            main.add_row(key, _fmt(value))
    return Group(*tables)


def _nested(title: str, rows: Mapping[str, Any]) -> Table:
    columns = sorted({c for row in rows.values() if isinstance(row, Mapping) for c in row})
    table = Table(title=title, show_header=True, header_style="bold")
    table.add_column("name", no_wrap=True)
    for column in columns or ["value"]:
        table.add_column(column, justify="right")
    for name, row in rows.items():
        if isinstance(row, Mapping):
            table.add_row(str(name), *(_fmt(row.get(c, "")) for c in columns))
        else:
            table.add_row(str(name), _fmt(row))
    return table
