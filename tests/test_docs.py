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


def test_cli_reference_covers_every_command_at_every_depth() -> None:
    import typer

    from spinscope.cli import app

    def walk(command: object, prefix: tuple[str, ...]) -> set[tuple[str, ...]]:
        found = {prefix} if prefix else set()
        for name, sub in getattr(command, "commands", {}).items():  # a group's commands
            found |= walk(sub, (*prefix, name))
        return found

    every = walk(typer.main.get_command(app), ())  # click's own view of the whole tree
    assert set(_generator().commands()) == every
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for path in every:
        assert f"`spinscope {' '.join(path)}`" in reference
        assert f"Usage: spinscope {' '.join(path)}" in reference


def test_the_analysis_json_doc_names_every_field_of_every_layer() -> None:
    from spinscope.records import field_names
    from spinscope.vocabulary import LAYER_TABLE

    doc = (ROOT / "docs" / "analysis-json.md").read_text(encoding="utf-8")
    for layer in LAYER_TABLE:
        row = re.search(rf"^\| `{layer.name}` \|(.*)\|$", doc, re.MULTILINE)
        assert row, f"docs/analysis-json.md has no row for the {layer.name} layer"
        for name in field_names(layer.attrs):
            assert f"`{name}`" in row.group(1), f"{layer.name}.{name} is not in its row"


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
    for path in _generator().commands():
        name = " ".join(path)
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
