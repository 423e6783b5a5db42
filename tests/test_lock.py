"""requirements.lock pins every runtime dependency, with a hash, inside pyproject's ranges."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+) \\\n    --hash=sha256:[0-9a-f]{64}$"
)


def _locked() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    entries = [e for e in re.split(r"\n(?=[^ #])", text) if e and not e.startswith("#")]
    pins = {}
    for entry in entries:
        match = PIN.match(entry.strip("\n"))
        assert match, f"not a pinned, hashed line: {entry!r}"
        pins[canonicalize_name(match["name"])] = match["version"]
    return pins


def test_every_runtime_dependency_is_locked_within_its_range() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["multilingual"]]
    pins = _locked()
    for line in wanted:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in requirements.lock: run make lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements.lock pins {name} {pins[name]}, outside {requirement.specifier}: "
            "run make lock"
        )
