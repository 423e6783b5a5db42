"""The vendored Vega-Lite scripts: every file matches the sha256 its manifest records."""

from __future__ import annotations

import hashlib
import json
from importlib import resources

import pytest

from spinscope.corpus.vega import (
    INTERPRETER,
    ORDER,
    chart_scripts,
    classic_interpreter,
    manifest,
    vendored_script,
)
from spinscope.errors import InputError

FOLDER = resources.files("spinscope").joinpath("vendor", "vega")
PINNED = {
    "vega": "6.4.0",
    "vega-lite": "6.5.0",
    "vega-embed": "7.3.0",
    "vega-interpreter": "2.3.2",
}


def _sha256(name: str) -> str:
    return hashlib.sha256(FOLDER.joinpath(name).read_bytes()).hexdigest()


def test_every_vendored_file_and_licence_matches_its_recorded_sha256() -> None:
    entries = manifest()
    assert {e.package: e.version for e in entries} == PINNED
    assert sorted(e.file for e in entries) == sorted(ORDER)
    for entry in entries:
        assert _sha256(entry.file) == entry.sha256, entry.file
        assert _sha256(entry.license_file) == entry.license_sha256, entry.license_file
        assert "Redistribution and use in source and binary forms" in (
            FOLDER.joinpath(entry.license_file).read_text("utf-8")
        )


def test_the_manifest_names_the_registry_tarballs_and_the_readme_the_versions() -> None:
    data = json.loads(FOLDER.joinpath("MANIFEST.json").read_text("utf-8"))
    readme = FOLDER.joinpath("README.md").read_text("utf-8")
    for package in data["packages"]:
        name, version = package["name"], package["version"]
        assert package["tarball"] == f"https://registry.npmjs.org/{name}/-/{name}-{version}.tgz"
        assert len(package["tarball_sha256"]) == 64
        assert f"| {name} | {version} |" in readme


def test_the_interpreter_becomes_a_classic_script_without_import_or_export() -> None:
    script = vendored_script(INTERPRETER)
    assert "import {" not in script and "export {" not in script
    assert "globalThis.vegaInterpreter" in script
    assert len(chart_scripts()) == len(ORDER)


def test_changed_module_lines_and_unknown_names_are_errors() -> None:
    with pytest.raises(InputError) as caught:
        classic_interpreter("import { ascending } from 'vega-util';\nexport { x };\n")
    assert caught.value.code == "E554"
    with pytest.raises(InputError) as unknown:
        vendored_script("../../cli.py")
    assert unknown.value.code == "E553"
