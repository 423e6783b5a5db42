"""The package's own table of model hashes: current, and a rewritten card is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from spinscope.errors import SpinscopeError
from spinscope.model_manifest import CARD, MODELS, check_card, render
from spinscope.textmodel import card_hashes


def test_the_table_is_the_shipped_files() -> None:
    table = (Path(__file__).resolve().parents[1] / "src/spinscope/model_hashes.py").read_text(
        encoding="utf-8"
    )
    assert table == render(MODELS), "run python scripts/model_manifest.py"


def test_every_shipped_card_agrees_with_the_table() -> None:
    cards = sorted(MODELS.glob(f"*/{CARD}"))
    assert len(cards) >= 4
    for card in cards:
        check_card(card, card_hashes(card))


def test_a_card_rewritten_with_its_files_is_refused() -> None:
    card = MODELS / "allegations" / CARD
    rows = card_hashes(card)
    forged = {**rows, "allegations.json": "0" * 64}
    with pytest.raises(SpinscopeError) as exc:
        check_card(card, forged)
    assert exc.value.code == "E514"
    with pytest.raises(SpinscopeError):
        check_card(card, {})


def test_a_model_trained_elsewhere_is_checked_against_its_own_card(tmp_path: Path) -> None:
    copy = tmp_path / "allegations"
    shutil.copytree(MODELS / "allegations", copy)
    check_card(copy / CARD, {"allegations.json": "0" * 64})  # not the package's: no table


def test_loading_a_shipped_model_checks_its_card_against_the_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from spinscope import model_hashes
    from spinscope.detectors.allegation_model import MODEL_DIR
    from spinscope.textmodel import load_model

    assert load_model(MODEL_DIR, "allegations") is not None
    forged = {k: dict(v) for k, v in model_hashes.SHIPPED.items()}
    forged["allegations"]["allegations.json"] = "1" * 64
    monkeypatch.setattr(model_hashes, "SHIPPED", forged)
    with pytest.raises(SpinscopeError) as exc:
        load_model(MODEL_DIR, "allegations")
    assert exc.value.code == "E514"


def test_the_technique_and_check_worthiness_models_fit_their_budget() -> None:
    """50 MB for the English techniques and the check-worthiness heads together."""
    folders = [MODELS / "techniques", MODELS / "checkworthiness"]
    size = sum(p.stat().st_size for folder in folders for p in folder.iterdir() if p.is_file())
    assert size <= 50_000_000, f"{size / 1e6:.1f} MB"
