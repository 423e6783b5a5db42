"""Report renderers: each turns an :class:`~spinscope.analysis.Analysis` into a string.

Renderers are registered by format name and built on first use (nothing is registered at import):

* ``json``: the analysis JSON (schema ``spinscope.analysis/1``), indented;
* ``jsonl``: the same JSON on one line, for one-analysis-per-line files;
* ``text``: the terminal report as plain text (no ANSI codes; use :func:`print_text` for colour);
* ``html``: one self-contained HTML file with highlights, a legend and a findings table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from types import MappingProxyType

from spinscope.analysis import Analysis
from spinscope.errors import InputError

Renderer = Callable[[Analysis], str]

__all__ = ["Renderer", "ReportFormatError", "render", "renderers"]


class ReportFormatError(InputError, ValueError):
    """An unknown report format was asked for."""


def _json(analysis: Analysis) -> str:
    return analysis.to_json(indent=2)


def _jsonl(analysis: Analysis) -> str:
    return analysis.to_json()


def _text(analysis: Analysis) -> str:
    from spinscope.report.text import render_text

    return render_text(analysis, color=False)


def _html(analysis: Analysis) -> str:
    from spinscope.report.html import render_html

    return render_html(analysis)


@lru_cache(maxsize=1)
def renderers() -> Mapping[str, Renderer]:
    """The registered renderers by format name, built on first call."""
    return MappingProxyType({"json": _json, "jsonl": _jsonl, "text": _text, "html": _html})


def render(analysis: Analysis, fmt: str) -> str:
    """Render ``analysis`` in format ``fmt``; an unknown format raises E134."""
    registry = renderers()
    renderer = registry.get(fmt)
    if renderer is None:
        valid = ", ".join(registry)
        raise ReportFormatError("E134", option="format", value=fmt, valid=valid)
    return renderer(analysis)
