from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from spinscope.detectors.allegation_model import ENCODER_CONFIG, NAME, probabilities
from spinscope.detectors.sentence_encoder import DIM
from spinscope.errors import InputError, SpinscopeError
from spinscope.textmodel import DENSE_FORMAT, load_model, sha256_file, write_model
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


def _texts() -> list[Example]:
    accusing = [
        "xperson embezzled the harbour funds, xorg said.",
        "xorg forged the safety reports and lied to the council.",
        "xperson took bribes from the ferry company.",
        "Critics accused xperson of laundering money for xorg.",
    ]
    plain = [
        "xperson opened the new ferry terminal in March.",
        "xorg will publish its annual report on Monday.",
        "xperson visited the school on Friday.",
        "The weather at the harbour was calm, xorg said.",
    ]
    return [
        Example(str(i), 1, text, positive)
        for i, (text, positive) in enumerate(
            [(t, True) for t in accusing] + [(t, False) for t in plain]
        )
    ]


def test_a_scorer_with_encoder_features_reads_back_the_same(tmp_path: Path) -> None:
    examples = _texts()
    model = fit(examples, 4, folds=2, config=ENCODER_CONFIG).model
    assert model.vectoriser.config.dense is not None
    write_model(model, tmp_path)
    written = json.loads((tmp_path / f"{NAME}.json").read_text(encoding="utf-8"))
    assert written["format"] == DENSE_FORMAT
    assert written["vectoriser"]["dense"]["dim"] == DIM
    (tmp_path / "MODEL_CARD.md").write_text(
        "\n".join(f"| {n} | {sha256_file(tmp_path / n)} |" for n in sorted(os.listdir(tmp_path))),
        encoding="utf-8",
    )
    loaded = load_model(tmp_path, NAME)
    texts = [e.text for e in examples]
    assert np.allclose(probabilities(loaded, texts), probabilities(model, texts), atol=1e-5)
    with pytest.raises(ValueError, match="encoder's vectors"):
        loaded.probabilities(texts)
    with pytest.raises(ValueError, match="encoder's vectors"):
        loaded.probability(texts[0])


def test_a_dense_model_without_its_mean_is_refused(tmp_path: Path) -> None:
    model = fit(_texts(), 4, folds=2, config=ENCODER_CONFIG).model
    write_model(model, tmp_path)
    weights = tmp_path / f"{NAME}.npz"
    with np.load(weights) as data:
        kept = {k: data[k] for k in data.files if k != "dense_mean"}
    with weights.open("wb") as handle:
        np.savez(handle, **kept)
    meta = tmp_path / f"{NAME}.json"
    record = json.loads(meta.read_text(encoding="utf-8"))
    record["weights"]["sha256"] = sha256_file(weights)
    meta.write_text(json.dumps(record), encoding="utf-8")
    (tmp_path / "MODEL_CARD.md").write_text(f"| {meta.name} | {sha256_file(meta)} |")
    with pytest.raises(SpinscopeError) as caught:
        load_model(tmp_path, NAME)
    assert caught.value.code == "E512"
