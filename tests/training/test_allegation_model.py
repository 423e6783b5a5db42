from __future__ import annotations

import json
from pathlib import Path

import pytest

from spinscope.detectors.allegation_model import NAME
from spinscope.errors import InputError
from spinscope.textmodel import load_model
from spinscope.training.allegation_eval import read_gold_folder
from spinscope.training.allegation_model import (
    Example,
    examples_of,
    fit,
    fold_of,
    train_allegations,
)

# Invented articles in the PTC layout (title, blank line, a sentence per line), with the lines
# that allege wrongdoing of a named actor.
ARTICLES = {
    "2001": (
        [
            "Harbour Fund Questions Grow",
            "",
            "Prosecutors accused Marta Velkova of embezzling harbour funds.",
            "Marta Velkova opened the new ferry terminal in March.",
            "Anton Brisk said Velkova had lied to the council about the contract.",
        ],
        {3: ("Marta Velkova", "corruption"), 5: ("Marta Velkova", "lying")},
    ),
    "2002": (
        [
            "Bridge Tender Row",
            "",
            "Councillor Ivo Darr took bribes from the Lowmarsh Building Company, critics said.",
            "Ivo Darr visited the school on Friday.",
            "The Lowmarsh Building Company forged the safety reports, the inspector found.",
        ],
        {3: ("Ivo Darr", "corruption"), 5: ("Lowmarsh Building Company", "lying")},
    ),
    "2003": (
        [
            "Mayor Charged",
            "",
            "Police arrested Mayor Petra Holm for fraud on Monday.",
            "Petra Holm thanked the volunteers at the market.",
            "Holm smuggled cash through the port, court documents say.",
        ],
        {3: ("Petra Holm", "crime"), 5: ("Petra Holm", "crime")},
    ),
    "2004": (
        [
            "Minister Under Fire",
            "",
            "Minister Olek Varn threatened the reporters who exposed the deal.",
            "Olek Varn spoke at the harbour festival.",
            "Varn covered up the audit, his former aide said.",
        ],
        {3: ("Olek Varn", "abuse"), 5: ("Olek Varn", "other")},
    ),
    "2005": (
        [
            "Union Leader Accused",
            "",
            "Lena Sorv stole union money, members claim.",
            "Lena Sorv will chair the annual meeting in June.",
            "Sorv is a liar who defrauded pensioners, the auditor wrote.",
        ],
        {3: ("Lena Sorv", "crime"), 5: ("Lena Sorv", "lying")},
    ),
}


def _write(tmp_path: Path) -> tuple[Path, Path]:
    gold_dir, articles = tmp_path / "gold", tmp_path / "articles"
    gold_dir.mkdir()
    articles.mkdir()
    for ident, (lines, marked) in ARTICLES.items():
        (articles / f"article{ident}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        names = sorted({name for name, _ in marked.values()})
        gold = {
            "article": ident,
            "persons": [n for n in names if "Company" not in n],
            "organisations": [n for n in names if "Company" in n],
            "allegations": [
                {
                    "sentence": line,
                    "targets": [name],
                    "alleged_by": "author",
                    "sourcing": "unattributed",
                    "type": kind,
                }
                for line, (name, kind) in marked.items()
            ],
            "descriptors": [],
            "peripheral_persons": [],
            "peripheral_organisations": [],
            "aliases": {},
        }
        (gold_dir / f"article{ident}.json").write_text(json.dumps(gold), encoding="utf-8")
    return gold_dir, articles


def test_folds_are_by_article_round_robin() -> None:
    assert fold_of(["b", "a", "c", "a"], 2) == {"a": 0, "b": 1, "c": 0}


def test_examples_are_the_sentences_naming_actors(tmp_path: Path) -> None:
    items = read_gold_folder(*_write(tmp_path))
    examples = examples_of(items)
    first = [e for e in examples if e.article == "2001"]
    assert [(e.line, e.positive) for e in first] == [(3, True), (4, False), (5, True)]
    assert "xperson" in first[0].text and "Velkova" not in first[0].text


def test_fit_needs_both_classes() -> None:
    with pytest.raises(InputError, match="too few allegation sentences"):
        fit([Example("1", 3, "xperson lied", True)], 1)


def test_train_writes_a_loadable_scorer_and_card(tmp_path: Path) -> None:
    gold_dir, articles = _write(tmp_path)
    out = tmp_path / "model"
    result = train_allegations(gold_dir, articles, out, folds=5)
    assert result["articles"] == 5
    assert result["gold_allegation_lines"] == 10
    assert 0.0 <= result["detector_cv"]["allegations_f1"] <= 1.0
    model = load_model(out, NAME)  # hashes in the card match the files
    assert model.threshold == result["threshold"]
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "5 articles" in card and "F1 with a correct target" in card


def test_held_out_files_are_scored_by_the_trained_detector_and_carded(tmp_path: Path) -> None:
    gold_dir, articles = _write(tmp_path)
    held = tmp_path / "held"
    held.mkdir()
    (gold_dir / "article2005.json").rename(held / "article2005.json")
    out = tmp_path / "model"
    result = train_allegations(gold_dir, articles, out, folds=4, held_out=held)
    assert result["articles"] == 4
    assert result["held_out"]["articles"] == 1
    assert 0.0 <= result["held_out"]["allegations_f1"] <= 1.0
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "## Held out (1 articles)" in card
    assert f"--held-out {held.as_posix()}" in card
