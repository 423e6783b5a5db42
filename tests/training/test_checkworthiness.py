"""Training and evaluating the check-worthiness model on small hand-made TSV files."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from spinscope.errors import InputError
from spinscope.textmodel import load_model
from spinscope.training.checkworthiness import (
    SPARSE_CONFIG,
    Example,
    encoder_vectors,
    eval_checkworthiness,
    fit,
    platt,
    read_checkthat,
    read_groups,
    shift_figures,
    train_checkworthiness,
)

PLACES = ("Vessgrad", "Norvalia", "Kessel", "Orsk", "Tolvan", "Brask", "Lorn", "Marrow")
THINGS = ("plan", "mayor", "bridge", "council", "budget", "ferry", "harbour", "tax")


def _rows() -> list[tuple[str, str, str]]:
    rows = []
    for i, (place, thing) in enumerate(zip(PLACES, THINGS, strict=True)):
        rows.append(
            (f"{i}1", f"{place} spent {12 + i} million crowns on the {thing} in 20{i}9.", "Yes")
        )
        rows.append((f"{i}2", f"Unemployment in {place} rose by {3 + i} percent last year.", "Yes"))
        rows.append((f"{i}3", f"I think the {thing} is a disgrace.", "No"))
        rows.append((f"{i}4", f"Thank you, and good evening to everyone in {place}.", "No"))
        rows.append((f"{i}5", f"We should all be proud of this {thing}?", "No"))
    return rows  # fmt: skip


def _write_tsv(path: Path, rows: list[tuple[str, str, str]], *, crlf: bool = False) -> Path:
    end = "\r\n" if crlf else "\n"
    lines = ["Sentence_id\tText\tclass_label", *("\t".join(r) for r in rows)]
    path.write_bytes((end.join(lines) + end).encode("utf-8"))
    return path


def test_read_checkthat_tolerates_header_crlf_and_quotes(tmp_path: Path) -> None:
    rows = [("1", '"He said ""no"" twice."', "No"), ("2", "Taxes rose 5%.", "Yes")]
    path = _write_tsv(tmp_path / "a.tsv", rows, crlf=True)
    assert read_checkthat(path) == [
        Example("1", 'He said "no" twice.', False),
        Example("2", "Taxes rose 5%.", True),
    ]


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        ("1\tText only\n", "2 columns"),
        ("1\tSome text\tMaybe\n", "class_label 'Maybe'"),
        ("Sentence_id\tText\tclass_label\n", "no labelled sentences"),
    ],
)
def test_bad_tsv_is_an_input_error(tmp_path: Path, content: str, detail: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content, "utf-8")
    with pytest.raises(InputError) as caught:
        read_checkthat(path)
    assert caught.value.code == "E513"
    assert detail in caught.value.message


def test_missing_tsv(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_checkthat(tmp_path / "nope.tsv")
    assert caught.value.code == "E100"


def test_training_and_run_time_probabilities_agree() -> None:
    examples = [Example(i, t, y == "Yes") for i, t, y in _rows()]
    fitted = fit(examples, c_grid=(1.0,))
    expected = platt(fitted.training_decisions, fitted.model.platt)
    texts = [e.text for e in examples]
    got = fitted.model.probabilities(texts, encoder_vectors(texts))
    assert np.max(np.abs(expected - got)) < 1e-5
    # what the claims detector reads: one text and its vector at a time, with its cues
    one = [
        fitted.model.explain(t, top=3, vector=v)[0]
        for t, v in zip(texts, encoder_vectors(texts), strict=True)
    ]
    assert np.max(np.abs(expected - np.asarray(one))) < 1e-5


def test_sparse_model_needs_no_vectors() -> None:
    examples = [Example(i, t, y == "Yes") for i, t, y in _rows()]
    fitted = fit(examples, c_grid=(1.0,), config=SPARSE_CONFIG)
    expected = platt(fitted.training_decisions, fitted.model.platt)
    got = fitted.model.probabilities(e.text for e in examples)
    assert np.max(np.abs(expected - got)) < 1e-6


def _groups_csv(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    lines = ["Sentence_id,Text,File_id"]
    for n, (sentence_id, _, _) in enumerate(rows):
        lines.append(
            f"{sentence_id},x,{('1996', '2004', '2012', '2016')[n % 4]}-10-0{n % 3 + 1}.txt"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_training_grouped_by_debate_reports_the_shift(tmp_path: Path) -> None:
    rows = _rows()
    data = _write_tsv(tmp_path / "tiny_train.tsv", rows)
    groups = _groups_csv(tmp_path / "crowd.csv", rows)
    assert len(set(read_groups(groups).values())) == 12
    result = train_checkworthiness(data, tmp_path / "out", groups=groups)
    assert result["cv"]["grouped"] is True
    assert result["debates"] == 12
    shift = result["cv"]["shift"]
    assert shift["year"] == 2012 and shift["train"] + shift["test"] == len(rows)
    card = (tmp_path / "out" / "MODEL_CARD.md").read_text("utf-8")
    assert "grouped by debate (12 debates)" in card
    assert "## Distribution shift" in card
    assert "--groups" in card


def test_shift_needs_both_sides_of_the_year() -> None:
    y = np.asarray([1, 0, 1, 0])
    assert shift_figures(np.eye(4), y, ["1996.txt"] * 4, 1.0, seed=0, folds=2) == {}


@pytest.mark.parametrize(
    ("content", "code"),
    [("Sentence_id,Text\n1,x\n", "E513"), (b"\xff\xfe\x00bad", "E513")],
)
def test_bad_groups_file(tmp_path: Path, content: str | bytes, code: str) -> None:
    path = tmp_path / "g.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_groups(path)
    assert caught.value.code == code
    with pytest.raises(InputError) as missing:
        read_groups(tmp_path / "none.csv")
    assert missing.value.code == "E100"


def test_groups_must_cover_every_training_sentence(tmp_path: Path) -> None:
    rows = _rows()
    data = _write_tsv(tmp_path / "tiny_train.tsv", rows)
    groups = _groups_csv(tmp_path / "crowd.csv", rows[1:])
    with pytest.raises(InputError) as caught:
        train_checkworthiness(data, tmp_path / "out", groups=groups)
    assert caught.value.code == "E513"
    assert "no File_id for 1 training sentences" in str(caught.value)


def test_train_writes_a_reproducible_model_with_its_card(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    rows = _rows()
    _write_tsv(data / "tiny_train.tsv", rows)
    _write_tsv(data / "tiny_dev.tsv", [rows[0], ("99", "I think it was fine.", "No")], crlf=True)
    result = train_checkworthiness(data, tmp_path / "one", seed=0)
    again = train_checkworthiness(data, tmp_path / "two", seed=0)
    assert result["files"] == again["files"]
    assert result["dropped_as_held_out"] == 1
    assert result["sentences"] == len(rows) - 1
    assert set(result["held_out"]) == {"tiny_dev.tsv"}
    assert 0.05 <= result["threshold"] <= 0.95
    json.dumps(result)  # the CLI prints it as JSON
    card = (tmp_path / "one" / "MODEL_CARD.md").read_text("utf-8")
    assert "not a judgement of truth" in card
    assert f"threshold: {result['threshold']:.2f}" in card
    for digest in result["files"].values():
        assert digest in card
    model = load_model(tmp_path / "one", "checkworthiness")
    texts = [rows[5][1], rows[2][1]]
    claim, opinion = model.probabilities(texts, encoder_vectors(texts))
    assert claim > opinion


def test_train_on_a_single_file(tmp_path: Path) -> None:
    path = _write_tsv(tmp_path / "train.tsv", _rows())
    result = train_checkworthiness(path, tmp_path / "out")
    assert result["held_out"] == {}
    assert result["dropped_as_held_out"] == 0


def test_eval_uses_the_shipped_model(tmp_path: Path) -> None:
    rows = [
        ("1", "The city spent 40 million crowns on the new bridge in 2023.", "Yes"),
        ("2", "Unemployment rose by 3 percent last year, the highest since 1998.", "Yes"),
        ("3", "Thank you very much.", "No"),
        ("4", "I think we should all be proud.", "No"),
    ]
    figures = eval_checkworthiness(_write_tsv(tmp_path / "dev.tsv", rows))
    assert set(figures) == {"f1", "precision", "recall", "n", "threshold", "seconds"}
    assert figures["n"] == 4
    assert figures["f1"] == 1.0
