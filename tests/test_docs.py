"""Docs that cannot drift: the CLI reference and error table are generated and must match."""

from __future__ import annotations

import importlib.util
import re
from types import ModuleType

from .conftest import ROOT


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_cli_docs", ROOT / "scripts" / "gen_cli_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_current() -> None:
    gen = _generator()
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == gen.render(), (
        "docs/cli.md is stale: run python scripts/gen_cli_docs.py"
    )


def test_error_table_is_current() -> None:
    gen = _generator()
    assert (ROOT / "docs" / "errors.md").read_text(encoding="utf-8") == gen.render_errors(), (
        "docs/errors.md is stale: run python scripts/gen_cli_docs.py"
    )


def test_readme_shows_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_readme_documents_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8") + (
        ROOT / "docs" / "cli.md"
    ).read_text(encoding="utf-8")
    for name in _generator().commands():
        assert re.search(rf"spinscope {name}\b", readme), name


def test_every_finding_shown_in_the_docs_has_a_label_the_code_emits() -> None:
    from spinscope.registry import builtin_registry

    registry = builtin_registry()
    pair = re.compile(r'"layer":\s*"(?P<layer>[^"]+)",\s*"label":\s*"(?P<label>[^"]+)"')
    shown = 0
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for match in pair.finditer(path.read_text(encoding="utf-8")):
            layer, label = match.group("layer"), match.group("label")
            assert label in registry.labels(layer), f"{path.name}: {layer}/{label}"
            shown += 1
    assert shown, "the docs show at least one finding"
