"""Training the Russian and Ukrainian technique detector on a tiny invented set of posts."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from spinscope.detectors.techniques_ruuk import load_models
from spinscope.errors import InputError
from spinscope.textmodel import card_hashes
from spinscope.training.techniques_ruuk import (
    POST_CONFIG,
    Terms,
    cross_validate,
    evaluate,
    fit_vectoriser,
    matrix,
    train,
)
from spinscope.training.unlp import read_posts

PLACES = ("Велгорск", "Лисоград", "Остров", "Кременец", "Тальск", "Бережное", "Соколов", "Дубравы")
CALM_RU = "В {place} в среду открыли новую школу на {n} мест."
CALM_UK = "У місті {place} у вівторок відремонтували {n} зупинок."
LOADED_RU = "Позорные чиновники {place} снова грабят народ, эти воры прячут правду!"
FEAR_UK = "Ніхто не знає, що буде завтра у {place}: резервів не лишилося, а влада мовчить."


def _posts() -> list[dict[str, object]]:
    posts: list[dict[str, object]] = []
    for i in range(48):
        place = PLACES[i % len(PLACES)]
        lang = "ru" if i % 2 == 0 else "uk"
        calm = (CALM_RU if lang == "ru" else CALM_UK).format(place=place, n=10 + i)
        if i % 3 == 0:
            text, spans, techniques = calm, [], []
        else:
            bad = (LOADED_RU if lang == "ru" else FEAR_UK).format(place=place)
            text = f"{bad} {calm}"
            spans = [[0, len(bad)]]
            techniques = ["loaded_language"] if lang == "ru" else ["fud", "appeal_to_fear"]
        posts.append(
            {"id": f"t{i}", "lang": lang, "text": text, "techniques": techniques, "spans": spans}
        )
    return posts


@pytest.fixture
def posts_file(tmp_path: Path) -> Path:
    path = tmp_path / "posts.jsonl"
    path.write_text(
        "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in _posts()), encoding="utf-8"
    )
    return path


def test_matrix_rows_are_the_runtime_rows() -> None:
    texts = [p["text"] for p in _posts()[:12]]
    assert all(isinstance(t, str) for t in texts)
    terms = Terms.of(POST_CONFIG, [str(t) for t in texts])
    vectoriser = fit_vectoriser(POST_CONFIG, terms, range(12), words=300, chars=900, min_df=1)
    x = matrix(vectoriser, terms, list(range(12)))
    for row, text in enumerate(texts):
        columns, values = vectoriser.row(str(text))
        dense = np.zeros(vectoriser.n_features)
        dense[columns] = values
        assert np.allclose(x[row].toarray()[0], dense)


def test_training_writes_models_that_find_the_invented_manipulation(
    posts_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "models"
    result = train(posts_file, out)
    assert result["development_posts"] + result["held_out_posts"] == 48
    assert result["cross_validation"]["span_f1"] > 0.8
    assert set(result["cross_validation"]["by_language"]) == {"ru", "uk"}
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert set(card_hashes(out / "MODEL_CARD.md")) == {
        "techniques_ruuk.json",
        "techniques_ruuk.npz",
    }
    assert "CC BY-NC-SA 4.0" in card and "--held-out" in card
    models = load_models(out)
    guess = models.whole(
        LOADED_RU.format(place="Зареченск") + " " + CALM_RU.format(place="Зареченск", n=5)
    )
    assert guess.spans and guess.spans[0].start == 0
    assert "loaded_language" in guess.techniques
    again = train(posts_file, tmp_path / "again", card=False)
    assert again["files"] == result["files"]  # the same data and seed, the same bytes


def test_evaluate_writes_one_line_a_post(posts_file: Path, tmp_path: Path) -> None:
    models = tmp_path / "models"
    train(posts_file, models, card=False)
    out = tmp_path / "predictions.jsonl"
    result = evaluate(posts_file, predictions_out=out, models=load_models(models))
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == [p.id for p in read_posts(posts_file)]
    assert all(set(line) == {"id", "spans", "techniques"} for line in lines)
    assert result["posts"] == 48 and result["span_f1"] > 0.8
    assert set(result["by_language"]) == {"ru", "uk"}


def test_cross_validation_needs_labels_and_posts(posts_file: Path, tmp_path: Path) -> None:
    unlabelled = tmp_path / "unlabelled.jsonl"
    unlabelled.write_text('{"id": "a", "text": "Привет"}\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        cross_validate(unlabelled, k=5)
    assert err.value.code == "E541"
    few = tmp_path / "few.jsonl"
    few.write_text(
        "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in _posts()[:6]), encoding="utf-8"
    )
    with pytest.raises(InputError) as err:
        cross_validate(few, k=5)
    assert err.value.code == "E540"
