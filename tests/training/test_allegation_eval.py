from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from spinscope.errors import InputError
from spinscope.training.allegation_eval import (
    GoldArticle,
    evaluate,
    match_actors,
    name_match,
    read_gold,
    read_gold_folder,
)

from ..test_cli import assert_bad_input, run_cli

# An invented article in the layout of the PTC train folder: title, blank line, one sentence
# per line. Line numbers in the gold below count the title as line 1.
ARTICLE = """Harbour Board Chair Accused Of Fraud

Prosecutors accused Marta Velkova of embezzling harbour funds, according to court documents.
Velkova denied the accusations on Tuesday.
The Lowmarsh Tribune reported that the board met twice in March.
Councillor Anton Brisk, a veteran of the port union, said the audit was overdue.
"""

GOLD: dict[str, Any] = {
    "article": "1001",
    "persons": ["Marta Velkova", "Anton Brisk"],
    "organisations": ["Lowmarsh Tribune"],
    "allegations": [
        {
            "sentence": 3,
            "targets": ["Marta Velkova"],
            "alleged_by": "prosecutors",
            "sourcing": "named",
            "type": "corruption",
        }
    ],
    "descriptors": [
        {"actor": "Anton Brisk", "text": "Councillor", "evaluative": False},
        {"actor": "Anton Brisk", "text": "a veteran of the port union", "evaluative": False},
    ],
    "peripheral_persons": [],
    "peripheral_organisations": [],
    "aliases": {"Lowmarsh Tribune": ["The Lowmarsh Tribune"]},
}


def _folders(tmp_path: Path, gold: dict[str, Any] | str = GOLD) -> tuple[Path, Path]:
    gold_dir, articles = tmp_path / "gold", tmp_path / "articles"
    gold_dir.mkdir()
    articles.mkdir()
    (articles / "article1001.txt").write_text(ARTICLE, encoding="utf-8")
    body = gold if isinstance(gold, str) else json.dumps(gold)
    (gold_dir / "article1001.json").write_text(body, encoding="utf-8")
    return gold_dir, articles


# --- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tool", "gold", "person", "strength"),
    [
        (["Marta Velkova"], ["Marta Velkova"], True, 2),
        (["marta  velkova"], ["Marta Velkova"], True, 2),
        (["Velkova"], ["Marta Velkova"], True, 1),
        (["Marta K. Velkova"], ["Marta Velkova"], True, 1),
        (["Marta"], ["Marta Velkova"], True, 0),  # a first name alone is not the surname
        (["Ivan Velkov"], ["Marta Velkova"], True, 0),
        (["Tribune"], ["Lowmarsh Tribune"], False, 0),  # organisations match by name only
        (["The Lowmarsh Tribune"], ["Lowmarsh Tribune"], False, 2),
    ],
)
def test_name_match(tool: list[str], gold: list[str], person: bool, strength: int) -> None:
    assert name_match(tool, gold, person=person) == strength


def test_actors_are_matched_one_to_one_exact_first() -> None:
    from spinscope.records import Actor

    gold = GoldArticle(article="1", persons=("Marta Velkova", "Ivo Velkova"))
    tool = [
        Actor(id="a1", kind="person", name="Velkova"),
        Actor(id="a2", kind="person", name="Ivo Velkova"),
    ]
    # "Velkova" could be either; the exact pair takes Ivo, the surname takes Marta.
    assert match_actors(tool, gold.persons, gold, person=True) == {
        1: "Ivo Velkova",
        0: "Marta Velkova",
    }


# --- gold files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "not readable JSON"),
        (json.dumps(GOLD | {"comment": "x"}), "comment"),
        (json.dumps(GOLD | {"persons": "Marta Velkova"}), "persons"),
        (
            json.dumps(GOLD | {"allegations": [GOLD["allegations"][0] | {"type": "gossip"}]}),
            "gossip",
        ),
        (
            json.dumps(GOLD | {"allegations": [GOLD["allegations"][0] | {"sourcing": "rumour"}]}),
            "rumour",
        ),
        (
            json.dumps(GOLD | {"allegations": [GOLD["allegations"][0] | {"sentence": 0}]}),
            "line number",
        ),
        (
            json.dumps(GOLD | {"allegations": [GOLD["allegations"][0] | {"targets": ["Ivo"]}]}),
            "'Ivo' is not a person or organisation",
        ),
        (
            json.dumps(GOLD | {"descriptors": [{"actor": "Ivo", "text": "x", "evaluative": True}]}),
            "actor 'Ivo' is not listed",
        ),
        ("[]", "article"),
    ],
)
def test_bad_gold_file_is_e503(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "article1001.json"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_gold(path)
    assert caught.value.code == "E503"
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_gold_sentence_past_the_article_is_e503(tmp_path: Path) -> None:
    late = GOLD["allegations"][0] | {"sentence": 40}
    gold_dir, articles = _folders(tmp_path, GOLD | {"allegations": [late]})
    with pytest.raises(InputError, match="sentence 40 is past"):
        read_gold_folder(gold_dir, articles)


def test_gold_without_its_article_is_e503(tmp_path: Path) -> None:
    gold_dir, articles = _folders(tmp_path)
    (articles / "article1001.txt").unlink()
    with pytest.raises(InputError, match=r"no article1001\.txt"):
        read_gold_folder(gold_dir, articles)


def test_empty_gold_folder_is_e503(tmp_path: Path) -> None:
    gold_dir, articles = _folders(tmp_path)
    (gold_dir / "article1001.json").unlink()
    with pytest.raises(InputError, match=r"no article<ID>\.json gold files"):
        read_gold_folder(gold_dir, articles)


# --- end to end -----------------------------------------------------------------------------


def test_evaluate_scores_the_invented_article(tmp_path: Path) -> None:
    gold_dir, articles = _folders(tmp_path)
    out = tmp_path / "pred"
    result = evaluate(gold_dir, articles, predictions=out)
    assert result["articles"] == 1
    assert (out / "article1001.json").is_file()
    # Both persons and the outlet are found; nobody else is invented.
    assert result["persons_f1"] == 1.0
    assert result["organisations_f1"] == 1.0
    # The one allegation line is found, against Velkova, from a named source.
    assert result["allegations_recall"] == 1.0
    assert result["allegations_target_recall"] == 1.0
    assert result["allegations_precision"] == 1.0  # the denial is not an allegation
    assert result["sourcing_accuracy"] == 1.0
    assert result["sourcing_confusion"] == {"named": {"named": 1}}
    assert result["per_article"][0]["article"] == "1001"


def test_eval_allegations_cli(tmp_path: Path) -> None:
    gold_dir, articles = _folders(tmp_path)
    args = ["eval", "allegations", "--gold", str(gold_dir), "--articles", str(articles)]
    done = run_cli(*args, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["allegations_f1"] == 1.0
    table = run_cli(*args)
    assert table.returncode == 0, table.stderr
    assert "allegations_f1" in table.stdout
    assert "per_article" not in table.stdout


def test_eval_allegations_cli_bad_gold_is_one_line(tmp_path: Path) -> None:
    gold_dir, articles = _folders(tmp_path, "{broken")
    args = ["eval", "allegations", "--gold", str(gold_dir), "--articles", str(articles)]
    assert_bad_input(run_cli(*args), "E503")


def test_the_shipped_gold_files_copy_no_run_of_their_articles() -> None:
    """Gold files hold names and labels: no nine words in a row of the article they annotate,
    whatever the JSON between them (names are listed in sorted order, not the article's)."""
    from tests.conftest import ROOT, SHARED, need_shared

    articles = need_shared(SHARED / "data" / "ptc-semeval2020" / "train-articles")
    word = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
    for path in sorted((ROOT / "eval" / "allegations" / "gold").glob("*/article*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (articles / f"article{gold['article']}.txt").read_text(encoding="utf-8")
        words = [w.casefold() for w in word.findall(text)]
        runs = {tuple(words[i : i + 9]) for i in range(len(words) - 8)}
        mine = [w.casefold() for w in word.findall(path.read_text(encoding="utf-8"))]
        copied = [
            " ".join(mine[i : i + 9])
            for i in range(len(mine) - 8)
            if tuple(mine[i : i + 9]) in runs
        ]
        assert not copied, (path.name, copied[:1])
