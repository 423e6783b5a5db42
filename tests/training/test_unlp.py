"""The UNLP 2025 posts reader, the held-out split and the task's metrics, on invented posts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spinscope import taxonomy
from spinscope.errors import InputError
from spinscope.training.unlp import (
    TECHNIQUES,
    Post,
    Prediction,
    held_out,
    merge,
    read_posts,
    report,
    score,
    split,
    token_labels,
)


def _write(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def test_techniques_are_the_taxonomy_labels() -> None:
    assert TECHNIQUES == taxonomy.UNLP2025_LABELS


def test_reader_clips_spans_and_orders_techniques(tmp_path: Path) -> None:
    text = "Мэр Велгорска снова солгал."
    path = _write(
        tmp_path / "posts.jsonl",
        [
            {
                "id": "a",
                "lang": "ru",
                "text": text,
                "manipulative": True,
                "techniques": ["fud", "loaded_language"],
                "spans": [[20, 99], [0, 3]],
            },
            {
                "id": 7,
                "lang": "uk",
                "text": "Рада Ліщинська зібралася.",
                "techniques": [],
                "spans": [],
            },
        ],
    )
    first, second = read_posts(path)
    assert first.spans == ((0, 3), (20, len(text)))
    assert first.techniques == ("loaded_language", "fud")
    assert second.id == "7" and second.spans == () and second.labelled


def test_reader_without_gold(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.jsonl", [{"id": "x", "text": "Привіт, Ліщинськ."}])
    (post,) = read_posts(path)
    assert post.lang is None and not post.labelled


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("{not json", "E173"),
        ("[1, 2]", "E174"),
        ('{"id": "a"}', "E174"),
        ('{"id": "", "text": "x"}', "E174"),
        ('{"id": "a", "text": "x", "lang": "de"}', "E174"),
        ('{"id": "a", "text": "x", "spans": []}', "E174"),
        ('{"id": "a", "text": "x", "spans": [[0]], "techniques": []}', "E174"),
        ('{"id": "a", "text": "x", "spans": [[3, 1]], "techniques": []}', "E174"),
        ('{"id": "a", "text": "x", "spans": [], "techniques": ["smears"]}', "E174"),
    ],
)
def test_bad_lines(tmp_path: Path, line: str, code: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_posts(path)
    assert err.value.code == code
    assert "line 1" in err.value.message


def test_bad_files(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read_posts(tmp_path / "missing.jsonl")
    assert err.value.code == "E100"
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_posts(empty)
    assert err.value.code == "E175"
    twice = _write(tmp_path / "twice.jsonl", [{"id": "a", "text": "x"}, {"id": "a", "text": "y"}])
    with pytest.raises(InputError) as err:
        read_posts(twice)
    assert err.value.code == "E174" and "twice" in err.value.message
    mixed = _write(
        tmp_path / "mixed.jsonl",
        [{"id": "a", "text": "x", "spans": [], "techniques": []}, {"id": "b", "text": "y"}],
    )
    with pytest.raises(InputError) as err:
        read_posts(mixed)
    assert err.value.code == "E174" and "line 2" in err.value.message


def test_split_is_fixed_by_id() -> None:
    posts = [Post(id=f"p{i}", lang="ru", text="x") for i in range(200)]
    development, held = split(posts)
    assert len(development) + len(held) == 200
    assert 20 <= len(held) <= 60
    assert all(held_out(p.id) for p in held) and not any(held_out(p.id) for p in development)
    assert held_out("p3") == held_out("p3")


def test_token_labels_and_merge() -> None:
    text = "aa bb,cc  dd ee"
    # tokens: "aa" 0-2, "bb,cc" 3-8, "dd" 10-12, "ee" 13-15
    assert token_labels(text, [(5, 6)]) == [False, True, False, False]
    assert token_labels(text, [(0, 1), (12, 13)]) == [True, False, False, False]
    assert token_labels(text, [(11, 14)]) == [False, False, True, True]
    assert merge([(5, 7), (0, 2), (2, 3), (6, 9)]) == [(0, 3), (5, 9)]


def test_scores_with_known_answers() -> None:
    gold = [
        Post("a", "ru", "one two three four", ("fud",), ((0, 7),)),  # tokens 1, 2 gold
        Post("b", "uk", "five six", ("fud", "euphoria"), ((0, 4),)),  # token 1 gold
        Post("c", "uk", "seven eight", (), ()),
    ]
    predicted = {
        "a": Prediction("a", ((4, 13),), ("fud",)),  # tokens 2, 3: one right, one wrong
        "b": Prediction("b", ((0, 8),), ("euphoria",)),  # tokens 1, 2: one right, one wrong
        "c": Prediction("c", (), ("fud",)),
    }
    result = score(gold, predicted)
    # span tokens: tp 2, predicted 4, gold 3 -> F1 4/7
    assert result.span_f1 == pytest.approx(4 / 7)
    assert result.span_precision == pytest.approx(0.5)
    assert result.span_recall == pytest.approx(2 / 3)
    # fud: tp 1, predicted 2, gold 2 -> 0.5; euphoria: 1, 1, 1 -> 1; the other eight: 0
    assert result.per_technique["fud"] == pytest.approx(0.5)
    assert result.per_technique["euphoria"] == pytest.approx(1.0)
    assert result.technique_macro_f1 == pytest.approx(1.5 / 10)
    full = report(gold, predicted)
    assert set(full["by_language"]) == {"ru", "uk"}
    assert full["by_language"]["ru"]["span_f1"] == pytest.approx(0.5)
    assert full["by_language"]["uk"]["posts"] == 2


def test_prediction_line() -> None:
    line = Prediction("a", ((0, 4), (6, 9)), ("fud",)).to_json()
    assert json.loads(line) == {"id": "a", "spans": [[0, 4], [6, 9]], "techniques": ["fud"]}
