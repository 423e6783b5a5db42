"""The evaluation gate: declared measures of the shipped models, figures pinned in a baseline.

A :class:`Measure` is declared once: its name, what it measures, the data files it reads, its
tier (``quick`` runs in ``make test``, ``full`` only on request), the function that computes its
figures and, per figure, a tolerance and a direction. :func:`run_gate` measures and compares
each figure with the baseline file (``eval/baseline.json`` of the checkout):

* a figure worse than the pinned one by more than its tolerance is a regression (E530);
* a measure whose data digest differs from the pinned one is reported as changed data (E532),
  and its figures are not compared: the data, not the code, moved;
* a measure or figure the baseline does not pin is an error too (E534).

:func:`update_baseline` writes the measured figures; it refuses to lower a figure beyond its
tolerance (E533) unless asked to, with a note that is kept in the measure's ``notes``.

The data digest is the sha256 over the files a measure reads, in sorted path order: for each
file its path relative to its root, a NUL byte, its size in decimal, a NUL byte and its bytes.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, NoReturn

from spinscope.errors import InputError, SpinscopeError

FORMAT: Final = 1
DIGITS: Final = 4  # figures are rounded to this many decimals before they are compared
_SLACK: Final = 1e-9  # float noise below the last pinned digit


class Tier(StrEnum):
    """``quick`` measures run in ``make test``; ``full`` ones only with ``--full``."""

    QUICK = "quick"
    FULL = "full"


class Root(StrEnum):
    """The folder a data path is relative to: the shared data folder or the checkout."""

    SHARED = "shared"
    PROJECT = "project"


@dataclass(frozen=True, slots=True)
class Roots:
    """Where the shared data folder and the project checkout are."""

    shared: Path
    project: Path

    def of(self, root: Root) -> Path:
        return self.shared if root is Root.SHARED else self.project


def project_root() -> Path:
    """The checkout this module runs from, else the working folder."""
    here = Path(__file__).resolve().parents[2]
    return here if (here / "pyproject.toml").is_file() else Path.cwd()


def default_roots(*, shared: Path | None = None) -> Roots:
    """``shared``, else ``$SPINSCOPE_SHARED``, else ``../shared`` beside the checkout."""
    project = project_root()
    env = os.environ.get("SPINSCOPE_SHARED")
    chosen = shared or (Path(env) if env else project.parent / "shared")
    return Roots(shared=chosen, project=project)


def default_baseline() -> Path:
    return project_root() / "eval" / "baseline.json"


@dataclass(frozen=True, slots=True)
class Files:
    """Data a measure reads: one file, or every ``every``-th file matching ``pattern`` in the
    folder ``path`` (sorted by name, from ``first``)."""

    path: str
    pattern: str | None = None
    every: int = 1
    first: int = 0
    root: Root = Root.SHARED

    def describe(self) -> str:
        where = f"{self.root}:{self.path}"
        if self.pattern is None:
            return where
        step, first = self.every, self.first
        which = "" if step == 1 and first == 0 else f", files {first}, {first + step}, ... by name"
        return f"{where}/{self.pattern}{which}"

    def resolve(self, roots: Roots, *, measure: str) -> tuple[Path, ...]:
        base = roots.of(self.root) / self.path
        if self.pattern is None:
            if not base.is_file():
                raise InputError("E536", measure=measure, path=str(base))
            return (base,)
        found = sorted(p for p in base.glob(self.pattern) if p.is_file()) if base.is_dir() else []
        if not found:
            raise InputError("E536", measure=measure, path=str(base / self.pattern))
        return tuple(found[self.first :: self.every])


@dataclass(frozen=True, slots=True)
class Data:
    """The resolved files of a measure: one tuple of paths per :class:`Files` declaration."""

    groups: tuple[tuple[Path, ...], ...]

    def one(self, index: int) -> Path:
        """The single file of the ``index``-th declaration."""
        return self.groups[index][0]

    def all(self) -> tuple[Path, ...]:
        return tuple(p for group in self.groups for p in group)


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure a measure gives, with its absolute tolerance and direction."""

    name: str
    tolerance: float = 0.01
    higher_is_better: bool = True


@dataclass(frozen=True, slots=True)
class Measure:
    """One declared measure of a shipped model or behaviour."""

    name: str
    measures: str  # which shipped model or behaviour, in words
    tier: Tier
    data: tuple[Files, ...]
    figures: tuple[Figure, ...]
    compute: Callable[[Data], Mapping[str, float]]

    @property
    def command(self) -> str:
        return f"spinscope eval gate --measure {self.name}"

    def figure(self, name: str) -> Figure:
        return next(f for f in self.figures if f.name == name)


def select(
    measures: Sequence[Measure], *, full: bool = False, names: Sequence[str] = ()
) -> tuple[Measure, ...]:
    """The named measures (any tier), else the quick ones, or all of them with ``full``."""
    if names:
        known = {m.name: m for m in measures}
        for name in names:
            if name not in known:
                raise InputError("E134", option="--measure", value=name, valid=", ".join(known))
        return tuple(m for m in measures if m.name in names)
    return tuple(m for m in measures if full or m.tier is Tier.QUICK)


# --- measuring ---------------------------------------------------------------------------------


def digest(paths: Iterable[Path], roots: Roots) -> str:
    """The sha256 over the files' relative paths, sizes and bytes, in sorted path order."""
    named = sorted((_relative(p, roots), p) for p in paths)
    total = hashlib.sha256()
    for name, path in named:
        data = path.read_bytes()
        total.update(f"{name}\0{len(data)}\0".encode())
        total.update(data)
    return total.hexdigest()


def _relative(path: Path, roots: Roots) -> str:
    for root in Root:
        try:
            return f"{root}:{path.relative_to(roots.of(root)).as_posix()}"
        except ValueError:
            continue
    return path.as_posix()


@dataclass(frozen=True, slots=True)
class Measurement:
    """The figures one run of a measure gave, and the digest of the data it read."""

    measure: Measure
    figures: Mapping[str, float]
    digest: str
    files: int
    seconds: float


def measure(declared: Measure, roots: Roots) -> Measurement:
    """Resolve a measure's data, compute its figures (rounded) and digest its files."""
    data = Data(tuple(f.resolve(roots, measure=declared.name) for f in declared.data))
    started = time.perf_counter()
    raw = declared.compute(data)
    seconds = time.perf_counter() - started
    wanted = [f.name for f in declared.figures]
    if sorted(raw) != sorted(wanted):
        detail = f"{declared.name} gave figures {sorted(raw)}, it declares {sorted(wanted)}"
        raise SpinscopeError("E900", detail=detail)
    figures = {name: round(float(raw[name]), DIGITS) for name in wanted}
    return Measurement(
        measure=declared,
        figures=MappingProxyType(figures),
        digest=digest(data.all(), roots),
        files=len(data.all()),
        seconds=round(seconds, 1),
    )


# --- the baseline file -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pinned:
    """A pinned figure: its value, tolerance and direction."""

    value: float
    tolerance: float
    higher_is_better: bool


@dataclass(frozen=True, slots=True)
class Entry:
    """What the baseline pins for one measure."""

    measures: str
    tier: Tier
    command: str
    data: tuple[str, ...]
    files: int
    digest: str
    date: str
    figures: Mapping[str, Pinned]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Baseline:
    """The baseline file: one entry per measure."""

    path: Path
    entries: Mapping[str, Entry] = field(default_factory=lambda: MappingProxyType({}))

    def to_json(self) -> str:
        record = {
            "format": FORMAT,
            "measures": {name: _entry_record(e) for name, e in self.entries.items()},
        }
        return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def _entry_record(entry: Entry) -> dict[str, Any]:
    return {
        "measures": entry.measures,
        "tier": str(entry.tier),
        "command": entry.command,
        "data": list(entry.data),
        "files": entry.files,
        "digest": entry.digest,
        "date": entry.date,
        "figures": {
            name: {
                "value": p.value,
                "tolerance": p.tolerance,
                "higher_is_better": p.higher_is_better,
            }
            for name, p in entry.figures.items()
        },
        "notes": list(entry.notes),
    }


def read_baseline(path: Path, *, missing_ok: bool = False) -> Baseline:
    """The baseline at ``path``; E531 when it is missing (unless ``missing_ok``) or malformed."""
    if not path.is_file():
        if missing_ok:
            return Baseline(path)
        raise InputError("E531", path=str(path), detail="there is no such file")
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError("E531", path=str(path), detail=f"not JSON ({exc})") from None
    reader = _Reader(path)
    top = reader.mapping(record, "the top level")
    if top.get("format") != FORMAT:
        reader.fail(f"format is {top.get('format')!r}, this spinscope reads format {FORMAT}")
    entries = {
        name: reader.entry(value, name)
        for name, value in reader.mapping(top.get("measures"), "measures").items()
    }
    return Baseline(path, MappingProxyType(entries))


@dataclass(frozen=True, slots=True)
class _Reader:
    """Checks one baseline record; every complaint names the key and the file."""

    path: Path

    def fail(self, detail: str) -> NoReturn:
        raise InputError("E531", path=str(self.path), detail=detail)

    def mapping(self, value: object, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(f"{where} is not an object")
        return value

    def value(self, record: dict[str, Any], key: str, kinds: tuple[type, ...], where: str) -> Any:
        value = record.get(key)
        a_bool = isinstance(value, bool) and bool not in kinds  # JSON true is no number
        if key not in record or a_bool or not isinstance(value, kinds):
            self.fail(f"{where}: {key!r} is missing or not {_kind_name(kinds)}")
        return value

    def number(self, record: dict[str, Any], key: str, where: str) -> float:
        value = float(self.value(record, key, (int, float), where))
        if not math.isfinite(value):
            self.fail(f"{where}: {key!r} is not a finite number")
        return value

    def entry(self, value: object, name: str) -> Entry:
        record = self.mapping(value, f"measure {name!r}")
        where = f"measure {name!r}"
        tier = self.value(record, "tier", (str,), where)
        if tier not in {t.value for t in Tier}:
            self.fail(f"{where}: tier {tier!r} is not one of {', '.join(Tier)}")
        figures: dict[str, Pinned] = {}
        for figure, pinned in self.mapping(record.get("figures"), f"{where} figures").items():
            at = f"{where} figure {figure!r}"
            item = self.mapping(pinned, at)
            tolerance = self.number(item, "tolerance", at)
            if tolerance < 0:
                self.fail(f"{at}: the tolerance is negative")
            figures[figure] = Pinned(
                value=self.number(item, "value", at),
                tolerance=tolerance,
                higher_is_better=self.value(item, "higher_is_better", (bool,), at),
            )
        data = self.value(record, "data", (list,), where)
        notes = self.value(record, "notes", (list,), where)
        if not all(isinstance(x, str) for x in [*data, *notes]):
            self.fail(f"{where}: 'data' and 'notes' must be lists of strings")
        return Entry(
            measures=self.value(record, "measures", (str,), where),
            tier=Tier(tier),
            command=self.value(record, "command", (str,), where),
            data=tuple(data),
            files=self.value(record, "files", (int,), where),
            digest=self.value(record, "digest", (str,), where),
            date=self.value(record, "date", (str,), where),
            figures=MappingProxyType(figures),
            notes=tuple(notes),
        )


def _kind_name(kinds: tuple[type, ...]) -> str:
    if float in kinds:
        return "a number"
    names = {str: "a string", int: "an integer", bool: "true or false", list: "a list"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def write_baseline(baseline: Baseline) -> None:
    """Write the baseline beside its target and rename it into place."""
    baseline.path.parent.mkdir(parents=True, exist_ok=True)
    partial = baseline.path.with_name(baseline.path.name + ".partial")
    partial.write_text(baseline.to_json(), encoding="utf-8")
    partial.replace(baseline.path)


# --- comparing ---------------------------------------------------------------------------------


class Verdict(StrEnum):
    HOLDS = "holds"
    BETTER = "better"  # better than pinned by more than the tolerance: --update raises the floor
    WORSE = "worse"
    NOT_PINNED = "not pinned"


@dataclass(frozen=True, slots=True)
class FigureCheck:
    """One figure against its pinned value."""

    name: str
    value: float
    pinned: Pinned | None
    verdict: Verdict

    def line(self, measure: str) -> str:
        if self.pinned is None:
            return f"{measure:<28} {self.name:<17} {self.value:.4f}  not pinned"
        pin = f"pinned {self.pinned.value:.4f} ± {self.pinned.tolerance:g}"
        return f"{measure:<28} {self.name:<17} {self.value:.4f}  {pin:<20}  {self.verdict}"


def judge(value: float, pinned: Pinned) -> Verdict:
    """How ``value`` compares with ``pinned``, in the pinned direction and tolerance."""
    gain = value - pinned.value if pinned.higher_is_better else pinned.value - value
    if gain < -(pinned.tolerance + _SLACK):
        return Verdict.WORSE
    if gain > pinned.tolerance + _SLACK:
        return Verdict.BETTER
    return Verdict.HOLDS


@dataclass(frozen=True, slots=True)
class Check:
    """A measurement compared with the baseline's entry for it."""

    measurement: Measurement
    entry: Entry | None
    figures: tuple[FigureCheck, ...]
    baseline_path: Path

    @property
    def name(self) -> str:
        return self.measurement.measure.name

    @property
    def data_changed(self) -> bool:
        return self.entry is not None and self.entry.digest != self.measurement.digest

    def lines(self) -> list[str]:
        files = self.measurement.files
        head = f"{self.name}: {files} file{'s' if files != 1 else ''}, "
        head += f"{self.measurement.seconds:.1f} s"
        if self.data_changed:
            head += ": data changed"
        return [head, *(f.line(self.name) for f in self.figures)]

    def errors(self) -> tuple[SpinscopeError, ...]:
        if self.entry is None:
            what = f"the measure {self.name}"
            return (SpinscopeError("E534", path=str(self.baseline_path), what=what),)
        if self.data_changed:
            return (
                SpinscopeError(
                    "E532",
                    measure=self.name,
                    actual=self.measurement.digest[:12],
                    pinned=self.entry.digest[:12],
                ),
            )
        out: list[SpinscopeError] = []
        for f in self.figures:
            if f.pinned is None:
                what = f"the figure {f.name} of {self.name}"
                out.append(SpinscopeError("E534", path=str(self.baseline_path), what=what))
            elif f.verdict is Verdict.WORSE:
                out.append(_figure_error("E530", self.name, f, f.pinned))
        return tuple(out)


def _figure_error(code: str, measure: str, figure: FigureCheck, pinned: Pinned) -> SpinscopeError:
    return SpinscopeError(
        code,
        measure=measure,
        figure=figure.name,
        value=f"{figure.value:.4f}",
        pinned=f"{pinned.value:.4f}",
        tolerance=f"{pinned.tolerance:g}",
    )


def compare(measurement: Measurement, baseline: Baseline) -> Check:
    """Each figure of ``measurement`` against the baseline."""
    entry = baseline.entries.get(measurement.measure.name)
    figures: list[FigureCheck] = []
    for name, value in measurement.figures.items():
        pinned = entry.figures.get(name) if entry is not None else None
        verdict = Verdict.NOT_PINNED if pinned is None else judge(value, pinned)
        figures.append(FigureCheck(name, value, pinned, verdict))
    return Check(measurement, entry, tuple(figures), baseline.path)


def run_gate(measures: Sequence[Measure], baseline: Baseline, *, roots: Roots) -> Iterator[Check]:
    """Measure each measure in turn and compare it with the baseline."""
    for declared in measures:
        yield compare(measure(declared, roots), baseline)


@dataclass(frozen=True, slots=True)
class Report:
    """Every check of one run of the gate."""

    checks: tuple[Check, ...]

    def errors(self) -> tuple[SpinscopeError, ...]:
        return tuple(e for c in self.checks for e in c.errors())


# --- updating ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UpdateOptions:
    """How ``--update`` may change the baseline; ``note`` is recorded in the notes."""

    allow_lower: bool = False
    note: str | None = None

    def __post_init__(self) -> None:
        if self.allow_lower and not (self.note and self.note.strip()):
            raise InputError("E137", option="--allow-lower", needed="--note 'why it may be lower'")


def update_options(*, update: bool, allow_lower: bool, note: str | None) -> UpdateOptions | None:
    """The update options of the command line; E137 for --allow-lower or --note alone."""
    if not update:
        if allow_lower or note is not None:
            option = "--allow-lower" if allow_lower else "--note"
            raise InputError("E137", option=option, needed="--update")
        return None
    return UpdateOptions(allow_lower=allow_lower, note=note)


@dataclass(frozen=True, slots=True)
class Update:
    """The new baseline, or the refusals that stopped it (then ``baseline`` is None)."""

    baseline: Baseline | None
    refusals: tuple[SpinscopeError, ...] = ()


def update_baseline(
    baseline: Baseline, checks: Sequence[Check], options: UpdateOptions, *, today: date
) -> Update:
    """The baseline with the checked measures re-pinned; entries not checked are kept.

    A figure worse than pinned beyond its tolerance is refused (E533) unless
    ``options.allow_lower``; then the note is recorded. Changed data re-pins without refusal
    and says so in the notes.
    """
    refusals = [
        _figure_error("E533", c.name, f, f.pinned)
        for c in checks
        if not c.data_changed
        for f in c.figures
        if f.verdict is Verdict.WORSE and f.pinned is not None
    ]
    if refusals and not options.allow_lower:
        return Update(None, tuple(refusals))
    entries = dict(baseline.entries)  # pinned measures keep their place; new ones go last
    for check in checks:
        entries[check.name] = _repinned(check, options, today)
    return Update(replace(baseline, entries=MappingProxyType(entries)))


def _repinned(check: Check, options: UpdateOptions, today: date) -> Entry:
    m = check.measurement
    figures = {
        name: Pinned(
            value, m.measure.figure(name).tolerance, m.measure.figure(name).higher_is_better
        )
        for name, value in m.figures.items()
    }
    old = check.entry
    notes = list(old.notes) if old is not None else []
    day = today.isoformat()
    why = f": {options.note.strip()}" if options.note and options.note.strip() else ""
    lowered = [f for f in check.figures if f.verdict is Verdict.WORSE and f.pinned is not None]
    if old is not None and check.data_changed:
        notes.append(f"{day}: data changed (sha256 {old.digest[:12]} -> {m.digest[:12]}), "
                     f"figures measured again{why}")  # fmt: skip
    elif lowered:
        moves = ", ".join(
            f"{f.name} {f.pinned.value:.4f} -> {f.value:.4f}" for f in lowered if f.pinned
        )
        notes.append(f"{day}: lowered {moves}{why}")
    elif why:
        notes.append(f"{day}{why}")
    entry = Entry(
        measures=m.measure.measures,
        tier=m.measure.tier,
        command=m.measure.command,
        data=tuple(f.describe() for f in m.measure.data),
        files=m.files,
        digest=m.digest,
        date=day,
        figures=MappingProxyType(figures),
        notes=tuple(notes),
    )
    if old is not None and replace(old, date=day) == entry:
        return old  # nothing moved: keep the date it was measured on
    return entry
