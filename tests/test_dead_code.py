"""No dead code in the package: vulture at 60% confidence, its settings in pyproject.toml.

Usages are counted across the package, the tests, the scripts and the benchmarks (library
functions the tests call are the package's API); findings are reported for the package only.
Names only a framework uses are listed with their reason in scripts/vulture_whitelist.py.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_the_package_has_no_dead_code() -> None:
    vulture = shutil.which("vulture", path=str(Path(sys.executable).parent))
    if vulture is None:
        pytest.fail("vulture is not installed: make install (it is in the dev extra)")
    found = subprocess.run(
        [vulture], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    dead = [line for line in found.stdout.splitlines() if line.startswith("src/")]
    assert not dead, "\n".join(dead)
    assert found.returncode in (0, 3), found.stderr  # 3: findings (outside the package) only
