"""The vendored Vega-Lite scripts that draw the corpus charts (see src/spinscope/vendor/vega).

Every file is read from the package, never from the network, and checked against the sha256 that
``MANIFEST.json`` records for it. :func:`chart_scripts` lists the scripts a page runs, in
order: vega, vega-lite, vega-embed, then vega-interpreter made a classic script
(:func:`classic_interpreter`), so that Vega evaluates its expressions without ``eval`` under a
strict Content-Security-Policy.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Final

from spinscope.errors import InputError

FOLDER: Final = "vendor/vega"
MANIFEST: Final = "MANIFEST.json"
INTERPRETER: Final = "vega-interpreter.js"
# What the page loads, in order (vega-lite and vega-embed read the global ``vega``).
ORDER: Final = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js", INTERPRETER)
# The ES module lines of vega-interpreter.js and what a classic script says instead: the three
# names come from vega's own bundle, and the interpreter is published as ``vegaInterpreter``.
_MODULE_LINES: Final = (
    (
        "import { ascending, isString, DisallowedObjectProperties } from 'vega-util';",
        "const { ascending, isString, DisallowedObjectProperties } = vega;",
    ),
    (
        "export { expression as expressionInterpreter };",
        "globalThis.vegaInterpreter = Object.freeze({ expressionInterpreter: expression });",
    ),
)


@dataclass(frozen=True, slots=True)
class VendoredFile:
    """One vendored script: its package, version, file name and recorded sha256."""

    package: str
    version: str
    file: str
    sha256: str
    license_file: str
    license_sha256: str


@lru_cache(maxsize=1)
def manifest() -> tuple[VendoredFile, ...]:
    """The vendored files as ``MANIFEST.json`` records them."""
    data = json.loads(_read(MANIFEST))
    return tuple(
        VendoredFile(
            package=p["name"],
            version=p["version"],
            file=p["file"],
            sha256=p["sha256"],
            license_file=p["license_file"],
            license_sha256=p["license_sha256"],
        )
        for p in data["packages"]
    )


def _read(name: str) -> str:
    return resources.files("spinscope").joinpath(FOLDER, name).read_text("utf-8")


def _checked(name: str) -> str:
    """A vendored file's text, after checking its sha256 against the manifest (E552)."""
    entry = next((e for e in manifest() if e.file == name), None)
    if entry is None:
        raise InputError("E553", name=name, valid=", ".join(ORDER))
    text = _read(name)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if digest != entry.sha256:
        raise InputError("E552", file=name, digest=digest, expected=entry.sha256)
    return text


def classic_interpreter(module: str) -> str:
    """vega-interpreter's ES module build as a classic script that defines
    ``vegaInterpreter.expressionInterpreter`` (E554 when its module lines are not the expected
    ones)."""
    text = module
    for line, replacement in _MODULE_LINES:
        if text.count(line) != 1:
            raise InputError("E554", file=INTERPRETER, line=line)
        text = text.replace(line, replacement)
    return "(() => {\n" + text + "\n})();\n"


@lru_cache(maxsize=len(ORDER))
def vendored_script(name: str) -> str:
    """The script the page runs for one vendored file (checked; the interpreter made classic)."""
    text = _checked(name)
    return classic_interpreter(text) if name == INTERPRETER else text


def chart_scripts() -> tuple[str, ...]:
    """Every vendored script, in the order the page runs them."""
    return tuple(vendored_script(name) for name in ORDER)
