"""A terminal table of evaluation or training figures (a flat or one-level nested dict)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.table import Table


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def metrics_table(result: Mapping[str, Any], *, title: str) -> Table:
    """Scalars first, then one row per entry of each nested mapping (per technique, say)."""
    table = Table(title=title, show_header=True, header_style="bold")
    nested = {k: v for k, v in result.items() if isinstance(v, Mapping)}
    table.add_column("figure")
    table.add_column("value", justify="right")
    for key, value in result.items():
        if key not in nested and not isinstance(value, list | tuple):
            table.add_row(key, _fmt(value))
    for key, rows in nested.items():
        columns = sorted({c for row in rows.values() if isinstance(row, Mapping) for c in row})
        sub = Table(title=key, show_header=True, header_style="bold")
        sub.add_column("name")
        for column in columns:
            sub.add_column(column, justify="right")
        for name, row in rows.items():
            if isinstance(row, Mapping):
                sub.add_row(name, *(_fmt(row.get(c, "")) for c in columns))
            else:
                sub.add_row(name, _fmt(row))
        table.add_row(key, sub)
    return table
