"""The error catalogue: every code raised is declared once, with its own message and fix."""

from __future__ import annotations

import re
from pathlib import Path

from spinscope.errors import CATALOGUE

SRC = Path(__file__).resolve().parents[1] / "src" / "spinscope"
RAISED = re.compile(r"""(?:Error|Skipped)\(\s*["'](E\d{3})["']""")
MENTIONED = re.compile(r"""["'](E\d{3})["']""")


def test_every_fix_is_written_in_the_catalogue() -> None:
    # A fix that is only a field ("{fix}") would let each call site write its own wording.
    for code, (message, fix) in CATALOGUE.items():
        assert fix.strip() and not re.fullmatch(r"\{\w+\}", fix.strip()), code
        assert message.strip() and not re.fullmatch(r"\{\w+\}", message.strip()), code


def test_every_code_raised_is_declared_and_every_declared_code_is_used() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))
    raised = set(RAISED.findall(source))
    assert raised <= set(CATALOGUE), sorted(raised - set(CATALOGUE))
    counts: dict[str, int] = {}
    for code in MENTIONED.findall(source):
        counts[code] = counts.get(code, 0) + 1
    # Each code is written once as a catalogue key; a code in use is written at least once more.
    unused = sorted(code for code in CATALOGUE if counts.get(code, 0) < 2)
    assert not unused, f"declared but never raised: {unused}"


def test_the_old_catch_all_code_is_gone() -> None:
    assert "E109" not in CATALOGUE
    for code in ("E130", "E131", "E132", "E134", "E135", "E137"):
        assert "{option}" in CATALOGUE[code][0], code
