"""The evaluation gate: comparison and update rules on small invented measures, the committed
baseline against the declared table, and the quick gate itself on the shared data."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from spinscope.errors import InputError, SpinscopeError
from spinscope.gate import (
    Baseline,
    Data,
    Figure,
    Files,
    Measure,
    Report,
    Root,
    Roots,
    Tier,
    UpdateOptions,
    Verdict,
    digest,
    read_baseline,
    run_gate,
    select,
    update_baseline,
    update_options,
    write_baseline,
)
from spinscope.gate_measures import MEASURES
from tests.conftest import ROOT, SHARED, need_shared
from tests.test_cli import assert_bad_input, run_cli

BASELINE = ROOT / "eval" / "baseline.json"
DAY = date(2025, 5, 1)
LATER = date(2025, 6, 1)


def _roots(tmp_path: Path) -> Roots:
    shared = tmp_path / "shared"
    (shared / "data").mkdir(parents=True, exist_ok=True)
    (shared / "data" / "gold.txt").write_text("gold one\n", encoding="utf-8")
    return Roots(shared=shared, project=tmp_path)


def _measure(figures: Mapping[str, float], *, lower_is_better: bool = False) -> Measure:
    def compute(data: Data) -> Mapping[str, float]:
        assert data.one(0).name == "gold.txt"
        return figures

    return Measure(
        "toy",
        "an invented model",
        Tier.QUICK,
        (Files("data/gold.txt"),),
        tuple(Figure(n, tolerance=0.01, higher_is_better=not lower_is_better) for n in figures),
        compute,
    )


def _pin(tmp_path: Path, figures: Mapping[str, float], **kw: bool) -> Baseline:
    """A baseline written by --update for a toy measure giving ``figures``."""
    path = tmp_path / "baseline.json"
    checks = list(run_gate([_measure(figures, **kw)], Baseline(path), roots=_roots(tmp_path)))
    update = update_baseline(Baseline(path), checks, UpdateOptions(), today=DAY)
    assert update.baseline is not None and not update.refusals
    write_baseline(update.baseline)
    return read_baseline(path)


def _check(tmp_path: Path, baseline: Baseline, figures: Mapping[str, float], **kw: bool) -> Report:
    return Report(tuple(run_gate([_measure(figures, **kw)], baseline, roots=_roots(tmp_path))))


def test_within_tolerance_holds_and_beyond_it_is_a_regression(tmp_path: Path) -> None:
    baseline = _pin(tmp_path, {"f1": 0.80, "recall": 0.70})
    report = _check(tmp_path, baseline, {"f1": 0.7905, "recall": 0.72})
    assert [f.verdict for f in report.checks[0].figures] == [Verdict.HOLDS, Verdict.BETTER]
    assert report.errors() == ()
    report = _check(tmp_path, baseline, {"f1": 0.7899, "recall": 0.50})
    errors = report.errors()
    assert [e.code for e in errors] == ["E530", "E530"]
    assert "toy: f1 is 0.7899, worse than the pinned 0.8000" in errors[0].one_line()
    assert "--allow-lower" in errors[0].one_line()


def test_lower_is_better_figures_are_judged_the_other_way(tmp_path: Path) -> None:
    baseline = _pin(tmp_path, {"error_rate": 0.10}, lower_is_better=True)
    assert _check(tmp_path, baseline, {"error_rate": 0.05}, lower_is_better=True).errors() == ()
    worse = _check(tmp_path, baseline, {"error_rate": 0.12}, lower_is_better=True).errors()
    assert [e.code for e in worse] == ["E530"]


def test_a_lower_floor_needs_the_flag_and_a_note(tmp_path: Path) -> None:
    baseline = _pin(tmp_path, {"f1": 0.80})
    checks = _check(tmp_path, baseline, {"f1": 0.75}).checks
    refused = update_baseline(baseline, checks, UpdateOptions(), today=LATER)
    assert refused.baseline is None
    assert [e.code for e in refused.refusals] == ["E533"]
    assert "from 0.8000 to 0.7500" in refused.refusals[0].message
    with pytest.raises(InputError) as caught:
        UpdateOptions(allow_lower=True)
    assert caught.value.code == "E137"
    why = "the new tokenizer splits hyphens; see the model card"
    lowered = update_baseline(
        baseline, checks, UpdateOptions(allow_lower=True, note=why), today=LATER
    )
    assert lowered.baseline is not None
    entry = lowered.baseline.entries["toy"]
    assert entry.figures["f1"].value == 0.75 and entry.date == "2025-06-01"
    assert entry.notes == (f"2025-06-01: lowered f1 0.8000 -> 0.7500: {why}",)


def test_within_tolerance_or_better_figures_update_without_a_flag(tmp_path: Path) -> None:
    baseline = _pin(tmp_path, {"f1": 0.80})
    same = update_baseline(
        baseline, _check(tmp_path, baseline, {"f1": 0.80}).checks, UpdateOptions(), today=LATER
    )
    assert same.baseline is not None and same.baseline.entries["toy"].date == "2025-05-01"
    better = update_baseline(
        baseline, _check(tmp_path, baseline, {"f1": 0.85}).checks, UpdateOptions(), today=LATER
    )
    assert better.baseline is not None
    assert better.baseline.entries["toy"].figures["f1"].value == 0.85
    assert better.baseline.entries["toy"].date == "2025-06-01"


def test_an_update_keeps_the_entries_it_did_not_measure(tmp_path: Path) -> None:
    baseline = _pin(tmp_path, {"f1": 0.80})
    other = replace(_measure({"f1": 0.5}), name="other")
    checks = list(run_gate([other], baseline, roots=_roots(tmp_path)))
    update = update_baseline(baseline, checks, UpdateOptions(note="first pin"), today=LATER)
    assert update.baseline is not None
    assert list(update.baseline.entries) == ["toy", "other"]
    assert update.baseline.entries["toy"] == baseline.entries["toy"]
    assert update.baseline.entries["other"].notes == ("2025-06-01: first pin",)


def test_changed_data_is_reported_as_such_not_as_a_regression(tmp_path: Path) -> None:
    baseline = _pin(tmp_path, {"f1": 0.80})
    (tmp_path / "shared" / "data" / "gold.txt").write_text("gold two\n", encoding="utf-8")
    roots = Roots(shared=tmp_path / "shared", project=tmp_path)
    checks = list(run_gate([_measure({"f1": 0.60})], baseline, roots=roots))
    assert checks[0].data_changed and "data changed" in checks[0].lines()[0]
    errors = Report(tuple(checks)).errors()
    assert [e.code for e in errors] == ["E532"]
    assert "--update" in errors[0].one_line()
    update = update_baseline(baseline, checks, UpdateOptions(), today=LATER)
    assert update.baseline is not None
    entry = update.baseline.entries["toy"]
    assert entry.figures["f1"].value == 0.60 and entry.digest == checks[0].measurement.digest
    assert entry.notes[0].startswith("2025-06-01: data changed (sha256 ")


def test_the_digest_covers_paths_and_bytes(tmp_path: Path) -> None:
    roots = _roots(tmp_path)
    gold = roots.shared / "data" / "gold.txt"
    other = roots.shared / "data" / "other.txt"
    other.write_bytes(gold.read_bytes())
    first = digest([gold], roots)
    assert digest([other], roots) != first  # same bytes, another name
    assert digest([gold, other], roots) == digest([other, gold], roots)
    gold.write_bytes(b"gold one\r\n")
    assert digest([gold], roots) != first


def test_every_kth_file_and_missing_data(tmp_path: Path) -> None:
    roots = _roots(tmp_path)
    folder = roots.shared / "data" / "many"
    folder.mkdir()
    for i in range(7):
        (folder / f"item{i}.txt").write_text(str(i), encoding="utf-8")
    chosen = Files("data/many", "item*.txt", every=3).resolve(roots, measure="toy")
    assert [p.name for p in chosen] == ["item0.txt", "item3.txt", "item6.txt"]
    assert Files("data/many", "item*.txt", every=3).describe().endswith("files 0, 3, ... by name")
    project = Files("many", "*.txt", root=Root.PROJECT)
    for missing in (Files("data/nope.txt"), Files("data/many", "*.json"), project):
        with pytest.raises(InputError) as caught:
            missing.resolve(roots, measure="toy")
        assert caught.value.code == "E536"


def test_a_measure_the_baseline_does_not_pin(tmp_path: Path) -> None:
    report = _check(tmp_path, Baseline(tmp_path / "none.json"), {"f1": 0.5})
    assert report.checks[0].figures[0].verdict is Verdict.NOT_PINNED
    assert [e.code for e in report.errors()] == ["E534"]
    baseline = _pin(tmp_path, {"f1": 0.5})
    assert [e.code for e in _check(tmp_path, baseline, {"f1": 0.5, "recall": 0.4}).errors()] == [
        "E534"
    ]


def test_baseline_round_trip(tmp_path: Path) -> None:
    baseline = _pin(tmp_path, {"f1": 0.8, "recall": 1})
    assert read_baseline(baseline.path) == baseline
    assert baseline.path.read_text(encoding="utf-8") == baseline.to_json()


def _valid_record(tmp_path: Path) -> dict[str, object]:
    record = json.loads(_pin(tmp_path, {"f1": 0.8}).path.read_text(encoding="utf-8"))
    assert isinstance(record, dict)
    return record


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        (lambda r: r.update(format=2), "format is 2"),
        (lambda r: r.update(measures=[]), "measures is not an object"),
        (lambda r: r["measures"]["toy"].pop("digest"), "'digest' is missing"),
        (lambda r: r["measures"]["toy"].update(tier="slow"), "tier 'slow'"),
        (lambda r: r["measures"]["toy"]["figures"]["f1"].update(value="high"), "'value'"),
        (lambda r: r["measures"]["toy"]["figures"]["f1"].update(value=True), "'value'"),
        (lambda r: r["measures"]["toy"]["figures"]["f1"].update(tolerance=-1), "negative"),
        (lambda r: r["measures"]["toy"].update(notes=[1]), "lists of strings"),
    ],
)
def test_a_malformed_baseline_is_a_coded_error(tmp_path: Path, change: object, detail: str) -> None:
    record = _valid_record(tmp_path)
    change(record)  # type: ignore[operator]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_baseline(path)
    assert caught.value.code == "E531" and detail in caught.value.message


def test_a_baseline_that_is_not_json_or_missing(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    for target in (path, tmp_path / "missing.json"):
        with pytest.raises(InputError) as caught:
            read_baseline(target)
        assert caught.value.code == "E531"
    assert read_baseline(tmp_path / "missing.json", missing_ok=True).entries == {}


def test_selection_and_update_options() -> None:
    assert {m.tier for m in select(MEASURES)} == {Tier.QUICK}
    assert select(MEASURES, full=True) == MEASURES
    assert [m.name for m in select(MEASURES, names=["html-main-text"])] == ["html-main-text"]
    with pytest.raises(InputError) as caught:
        select(MEASURES, names=["nope"])
    assert caught.value.code == "E134" and "html-main-text" in caught.value.fix
    assert update_options(update=False, allow_lower=False, note=None) is None
    for allow_lower, note in ((True, "why"), (False, "why")):
        with pytest.raises(InputError):
            update_options(update=False, allow_lower=allow_lower, note=note)


def test_the_committed_baseline_pins_every_declared_measure() -> None:
    baseline = read_baseline(BASELINE)
    assert sorted(baseline.entries) == sorted(m.name for m in MEASURES)
    for m in MEASURES:
        entry = baseline.entries[m.name]
        assert (entry.tier, entry.command, entry.measures) == (m.tier, m.command, m.measures)
        assert entry.data == tuple(f.describe() for f in m.data)
        assert list(entry.figures) == [f.name for f in m.figures]
        for figure in m.figures:
            pinned = entry.figures[figure.name]
            assert (pinned.tolerance, pinned.higher_is_better) == (
                figure.tolerance,
                figure.higher_is_better,
            )


@pytest.mark.shared
def test_the_quick_gate_holds_against_the_committed_baseline() -> None:
    quick = select(MEASURES)
    for m in quick:
        for files in m.data:
            if files.root is Root.SHARED:
                need_shared(SHARED / files.path)
    roots = Roots(shared=SHARED, project=ROOT)
    report = Report(tuple(run_gate(quick, read_baseline(BASELINE), roots=roots)))
    errors = report.errors()
    assert not errors, "\n".join(e.one_line() for e in errors)


# --- the command line --------------------------------------------------------------------------


def test_cli_refuses_a_malformed_baseline_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "baseline.json"
    bad.write_text("[]", encoding="utf-8")
    assert_bad_input(run_cli("eval", "gate", "--baseline", str(bad)), "E531")
    assert_bad_input(run_cli("eval", "gate", "--update", "--allow-lower"), "E137")
    assert_bad_input(run_cli("eval", "gate", "--measure", "nope"), "E134")


@pytest.mark.shared
def test_cli_pins_compares_and_guards_the_floor(tmp_path: Path) -> None:
    need_shared(SHARED / "data" / "checkthat2024-task1-en")
    path = tmp_path / "baseline.json"
    args = ("eval", "gate", "--measure", "checkworthiness-ct24-dev", "--baseline", str(path))
    shared = ("--shared", str(SHARED))
    pinned = run_cli(*args, *shared, "--update")
    assert pinned.returncode == 0, pinned.stderr
    assert "not pinned" in pinned.stdout and "wrote" in pinned.stderr
    held = run_cli(*args, *shared)
    assert held.returncode == 0, held.stderr
    assert "holds" in held.stdout and held.stderr == ""
    record = json.loads(path.read_text(encoding="utf-8"))
    record["measures"]["checkworthiness-ct24-dev"]["figures"]["f1"]["value"] = 0.99
    path.write_text(json.dumps(record), encoding="utf-8")
    failed = run_cli(*args, *shared)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    (line,) = failed.stderr.strip().splitlines()
    assert line.startswith("spinscope: error [E530]: checkworthiness-ct24-dev: f1 is ")
    refused = run_cli(*args, *shared, "--update")
    assert refused.returncode == 1 and "error [E533]" in refused.stderr
    assert json.loads(path.read_text(encoding="utf-8")) == record  # nothing written
    note = "a stricter tokenizer"
    lowered = run_cli(*args, *shared, "--update", "--allow-lower", "--note", note)
    assert lowered.returncode == 0, lowered.stderr
    entry = json.loads(path.read_text(encoding="utf-8"))["measures"]["checkworthiness-ct24-dev"]
    assert (
        entry["notes"][-1].endswith(f": {note}") and "lowered f1 0.9900 -> " in entry["notes"][-1]
    )


def test_measures_raise_spinscope_errors_only() -> None:
    # A measure that gives other figures than it declares is a programming error, with a code.
    def wrong(data: Data) -> Mapping[str, float]:
        return {"other": 1.0}

    toy = Measure("toy", "x", Tier.QUICK, (), (Figure("f1"),), wrong)
    with pytest.raises(SpinscopeError) as caught:
        next(run_gate([toy], Baseline(Path("unused.json")), roots=Roots(Path(), Path())))
    assert caught.value.code == "E900"
