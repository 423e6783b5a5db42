"""Gazetteers: lists of names the entity recogniser must know, chosen as an analysis setting.

A gazetteer is a UTF-8 file with one ``name<TAB>kind`` per line (kind: person, organisation or
place; blank lines and lines starting with ``#`` are ignored). The analysis settings
(:class:`spinscope.config.AnalysisConfig`) name it (``gazetteer``, by default the file in
``$SPINSCOPE_GAZETTEER``) and record its sha256. It is checked when the settings are made (E522
for a bad line, E525 when the file differs from a recorded sha256) and again when a pipeline
loads it.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Final

from spinscope.errors import InputError

GAZETTEER_ENV: Final = "SPINSCOPE_GAZETTEER"
GAZETTEER_KINDS: Final = {"person": "PERSON", "organisation": "ORG", "place": "GPE"}


def default_path() -> Path | None:
    """The gazetteer named by ``$SPINSCOPE_GAZETTEER``, if any."""
    value = os.environ.get(GAZETTEER_ENV, "").strip()
    return Path(value) if value else None


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError("E522", source=path, line=0, detail=f"cannot be read ({exc})") from None


def parse_entries(path: Path, raw: bytes) -> tuple[tuple[str, str], ...]:
    """The (name, spaCy label) entries of a gazetteer's bytes, longest names first (E522)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError("E522", source=path, line=0, detail=f"cannot be read ({exc})") from None
    entries: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 2 or not fields[0].strip():
            raise InputError("E522", source=path, line=number, detail="not name<TAB>kind")
        name, kind = fields[0].strip(), fields[1].strip().lower()
        if kind not in GAZETTEER_KINDS:
            raise InputError("E522", source=path, line=number, detail=f"unknown kind {kind!r}")
        entries[name] = GAZETTEER_KINDS[kind]
    return tuple(sorted(entries.items(), key=lambda item: (-len(item[0]), item[0])))


def read_entries(path: Path) -> tuple[tuple[str, str], ...]:
    """The entries of the gazetteer file at ``path`` (E522)."""
    return parse_entries(path, read_bytes(path))


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """A checked gazetteer: its file, the sha256 of its bytes, and its entries."""

    path: Path
    sha256: str
    entries: tuple[tuple[str, str], ...]
    labels: dict[str, str] = field(init=False, compare=False, hash=False)
    pattern: re.Pattern[str] | None = field(init=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "labels", dict(self.entries))
        alternatives = "|".join(re.escape(name) for name, _ in self.entries)
        pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if self.entries else None
        object.__setattr__(self, "pattern", pattern)


def check(path: Path, expected: str | None = None) -> Gazetteer:
    """Read and check the gazetteer at ``path``; E525 when its bytes are not ``expected``."""
    raw = read_bytes(path)
    actual = hashlib.sha256(raw).hexdigest()
    if expected is not None and actual != expected:
        raise InputError("E525", path=path, actual=actual, expected=expected)
    return Gazetteer(path=path, sha256=actual, entries=parse_entries(path, raw))


@lru_cache(maxsize=8)
def load(path: Path, sha256: str) -> Gazetteer:
    """The gazetteer a pipeline uses, read once per file and digest (E522, E525)."""
    return check(path, sha256)
