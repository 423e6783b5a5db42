"""The structure-examples measure on the project's own examples, Cyrillic ones included."""

from __future__ import annotations

from pathlib import Path

from spinscope.gate import Data
from spinscope.gate_measures import STRUCTURE_GOLD, STRUCTURE_SHARED, structure
from tests.conftest import EXAMPLES

CYRILLIC = ("steppe-water-tender.ru.txt", "school-bus-tender.uk.txt", "aksai-village-well.kk.txt")


def test_the_structure_gold_covers_every_cyrillic_example() -> None:
    names = {g.name for g in STRUCTURE_GOLD}
    assert set(CYRILLIC) <= names and STRUCTURE_SHARED in names
    for gold in STRUCTURE_GOLD:
        kinds = [kind for kind, _ in gold.parts]
        assert kinds.count("title") == 1 and "paragraph" not in kinds, gold.name


def test_the_cyrillic_examples_recover_every_gold_part() -> None:
    data = Data(((*(EXAMPLES / name for name in CYRILLIC),),))
    assert structure(data) == {"part_recall": 1.0, "part_precision": 1.0, "paragraph_counts": 1.0}


def test_a_part_that_is_not_recovered_lowers_the_recall(tmp_path: Path) -> None:
    name = "aksai-village-well.kk.txt"
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    boilerplate = "Біздің Telegram-арнамызға жазылыңыз және пікіріңізді қалдырыңыз."
    assert boilerplate in text
    (tmp_path / name).write_text(text.replace(boilerplate, ""), encoding="utf-8")
    figures = structure(Data(((tmp_path / name,),)))
    assert figures == {"part_recall": 7 / 8, "part_precision": 1.0, "paragraph_counts": 1.0}
