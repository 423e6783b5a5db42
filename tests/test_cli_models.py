"""The train and eval commands for the Russian and Ukrainian technique detector, as processes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import SHARED, need_shared
from .test_cli import assert_bad_input, run_cli

POSTS = [
    {
        "id": "r1",
        "lang": "ru",
        "text": "Позорные чиновники Велгорска снова обманули горожан! Никто не узнает правду.",
        "techniques": ["loaded_language", "fud"],
        "spans": [[0, 51]],
    },
    {
        "id": "u1",
        "lang": "uk",
        "text": "У Ліщинську в понеділок відкрили новий дитячий майданчик біля школи.",
        "techniques": [],
        "spans": [],
    },
]


def _write(path: Path, posts: list[dict[str, object]]) -> Path:
    path.write_text(
        "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in posts), encoding="utf-8"
    )
    return path


def test_eval_unlp_writes_predictions_and_figures(tmp_path: Path) -> None:
    posts = _write(tmp_path / "posts.jsonl", POSTS)
    out = tmp_path / "out" / "predictions.jsonl"
    proc = run_cli("eval", "techniques", "--unlp", str(posts), "--predictions", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert {"span_f1", "technique_macro_f1", "by_language", "posts"} <= set(result)
    assert set(result["by_language"]) == {"ru", "uk"}
    assert 0.0 <= result["span_f1"] <= 1.0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["r1", "u1"]
    for line in lines:
        assert set(line) == {"id", "spans", "techniques"}
        assert all(isinstance(s, list) and len(s) == 2 for s in line["spans"])
    table = run_cli("eval", "techniques", "--unlp", str(posts))
    assert table.returncode == 0, table.stderr
    assert "span_f1" in table.stdout


def test_eval_unlp_without_gold_writes_predictions_only(tmp_path: Path) -> None:
    bare = [{"id": p["id"], "text": p["text"]} for p in POSTS]
    posts = _write(tmp_path / "bare.jsonl", bare)
    out = tmp_path / "predictions.jsonl"
    proc = run_cli("eval", "techniques", "--unlp", str(posts), "--predictions", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert "span_f1" not in result and result["posts"] == 2
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_eval_unlp_bad_inputs(tmp_path: Path) -> None:
    assert_bad_input(run_cli("eval", "techniques", "--unlp", str(tmp_path / "no.jsonl")), "E100")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x"}\n{oops\n', encoding="utf-8")
    assert_bad_input(run_cli("eval", "techniques", "--unlp", str(bad)), "E173")
    wrong = _write(tmp_path / "wrong.jsonl", [{"id": "a", "body": "x"}])
    assert_bad_input(run_cli("eval", "techniques", "--unlp", str(wrong)), "E174")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    assert_bad_input(run_cli("eval", "techniques", "--unlp", str(empty)), "E175")
    posts = _write(tmp_path / "posts.jsonl", POSTS)
    args = ("eval", "techniques", "--unlp", str(posts), "--articles", str(tmp_path))
    assert_bad_input(run_cli(*args), "E542")
    assert_bad_input(run_cli("eval", "techniques", "--held-out"), "E137")
    bare = _write(tmp_path / "bare.jsonl", [{"id": "a", "text": "x"}])
    assert_bad_input(run_cli("eval", "techniques", "--unlp", str(bare), "--cv", "5"), "E541")
    assert_bad_input(
        run_cli("train", "techniques-ruuk", "--unlp", str(bare), "--out", str(tmp_path / "m")),
        "E541",
    )


@pytest.mark.shared
def test_eval_unlp_held_out_on_the_shared_data(tmp_path: Path) -> None:
    data = need_shared(SHARED / "data" / "unlp2025-manipulation" / "train.jsonl")
    proc = run_cli("eval", "techniques", "--unlp", str(data), "--held-out", "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert 550 <= result["posts"] <= 670
    assert result["span_f1"] > 0.5
