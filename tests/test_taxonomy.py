from __future__ import annotations

import dataclasses
import json
import re

import pytest

from spinscope import taxonomy
from spinscope.errors import InputError
from spinscope.taxonomy import (
    CATEGORIES,
    PTC_LABELS,
    SEMEVAL2021_LABELS,
    UNLP2025_LABELS,
    Technique,
    by_id,
    by_label,
    definitions,
    ptc_to_semeval2021,
    semeval2021_to_ptc,
    techniques,
    techniques_markdown,
)

from .conftest import ROOT, SHARED, need_shared

PTC = SHARED / "data" / "ptc-semeval2020"
SEMEVAL2021 = SHARED / "data" / "semeval2021-task6"


def test_docs_are_generated_from_the_module() -> None:
    doc = (ROOT / "docs" / "techniques.md").read_text(encoding="utf-8")
    assert doc == techniques_markdown(), (
        "docs/techniques.md is stale: run python -m spinscope.taxonomy docs/techniques.md"
    )
    for t in techniques():
        assert f"`{t.id}`" in doc and t.definition in doc and t.example in doc


def test_label_sets_have_14_and_20_distinct_members() -> None:
    assert len(PTC_LABELS) == len(set(PTC_LABELS)) == 14
    assert len(SEMEVAL2021_LABELS) == len(set(SEMEVAL2021_LABELS)) == 20


def test_every_label_belongs_to_exactly_one_technique() -> None:
    ptc = [t.ptc_label for t in techniques() if t.ptc_label is not None]
    semeval = [label for t in techniques() for label in t.semeval2021_labels]
    assert sorted(ptc) == sorted(PTC_LABELS)
    assert sorted(semeval) == sorted(SEMEVAL2021_LABELS)


def test_mappings_are_total_and_agree() -> None:
    assert set(ptc_to_semeval2021) == set(PTC_LABELS)
    assert set(semeval2021_to_ptc) == set(SEMEVAL2021_LABELS)
    for ptc, labels in ptc_to_semeval2021.items():
        assert labels, ptc
        for label in labels:
            assert semeval2021_to_ptc[label] == ptc
    for label, ptc in semeval2021_to_ptc.items():
        if ptc is not None:
            assert label in ptc_to_semeval2021[ptc]


def test_mapping_decisions() -> None:
    merged = "Whataboutism,Straw_Men,Red_Herring"
    assert set(ptc_to_semeval2021[merged]) == {
        "Whataboutism",
        "Misrepresentation of Someone's Position (Straw Man)",
        "Presenting Irrelevant Data (Red Herring)",
    }
    assert set(ptc_to_semeval2021["Bandwagon,Reductio_ad_hitlerum"]) == {
        "Bandwagon",
        "Reductio ad hitlerum",
    }
    for label in ("Smears", "Glittering generalities (Virtue)"):
        assert semeval2021_to_ptc[label] is None
    assert semeval2021_to_ptc["Obfuscation, Intentional vagueness, Confusion"] is None
    assert semeval2021_to_ptc["Name calling/Labeling"] == "Name_Calling,Labeling"
    assert "Transfer" not in semeval2021_to_ptc


def test_techniques_are_well_formed() -> None:
    ids = [t.id for t in techniques()]
    assert len(ids) == len(set(ids)) == 20
    for t in techniques():
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", t.id), t.id
        assert t.category in CATEGORIES
        assert t.definition.endswith(".") and len(t.definition) > 60
        assert t.example and t.name
        assert t.semeval2021_labels or t.unlp2025_labels
    assert {t.category for t in techniques()} == set(CATEGORIES)


def test_technique_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        by_id("doubt").name = "other"  # type: ignore[misc]


def test_by_id_and_by_label() -> None:
    doubt = by_id("doubt")
    assert isinstance(doubt, Technique)
    assert by_label("Doubt") is doubt
    assert by_label("doubt") is doubt
    merged = by_label("Whataboutism,Straw_Men,Red_Herring")
    assert by_label("Presenting Irrelevant Data (Red Herring)") is merged
    assert (
        by_label("Bandwagon")
        is by_label("Reductio ad hitlerum")
        is by_id("bandwagon_reductio_ad_hitlerum")
    )
    assert by_label("Smears").ptc_label is None
    for t in techniques():
        assert by_label(t.name) is by_label(t.id) is t
    assert by_label("Thought-terminating cliché").ptc_label == "Thought-terminating_Cliches"


@pytest.mark.parametrize("label", ["", "loaded language", "Transfer", "Loaded-Language"])
def test_unknown_labels_raise_e500(label: str) -> None:
    with pytest.raises(InputError) as err:
        by_label(label)
    assert err.value.code == "E500"
    assert repr(label) in err.value.message
    with pytest.raises(InputError):
        by_id(label)


def test_definitions_cover_every_id_and_label() -> None:
    defs = definitions()
    keys = {t.id for t in techniques()} | set(PTC_LABELS) | set(SEMEVAL2021_LABELS)
    keys |= set(UNLP2025_LABELS)
    assert set(defs) == keys
    assert defs["Loaded_Language"] == defs["loaded_language"] == defs["Loaded Language"]
    defs.clear()  # a copy: the module's table is unchanged
    assert definitions()


def test_report_legend_finds_the_definitions() -> None:
    from spinscope.report.legend import label_definitions

    assert label_definitions()["Doubt"] == by_id("doubt").definition


def test_module_tables_are_read_only() -> None:
    with pytest.raises(TypeError):
        taxonomy.ptc_to_semeval2021["x"] = ()  # type: ignore[index]


@pytest.mark.shared
def test_ptc_label_files_use_known_labels() -> None:
    names = need_shared(PTC / "propaganda-techniques-names-semeval2020task11.txt")
    listed = [line.strip() for line in names.read_text(encoding="utf-8").splitlines()]
    assert sorted(filter(None, listed)) == sorted(PTC_LABELS)
    labels = need_shared(PTC / "train-task-flc-tc.labels")
    used = {line.split("\t")[1] for line in labels.read_text(encoding="utf-8").splitlines()}
    assert used == set(PTC_LABELS)


@pytest.mark.shared
def test_semeval2021_files_use_known_labels() -> None:
    listed_file = need_shared(SEMEVAL2021 / "techniques_list_task1-2.txt")
    listed = [line.strip() for line in listed_file.read_text(encoding="utf-8").splitlines()]
    assert sorted(filter(None, listed)) == sorted(SEMEVAL2021_LABELS)
    used: set[str] = set()
    for name in ("training_set_task1.txt", "dev_set_task1.txt"):
        for meme in json.loads((SEMEVAL2021 / "data" / name).read_text(encoding="utf-8")):
            used.update(meme["labels"])
    for name in ("training_set_task2.txt", "dev_set_task2.txt"):
        for meme in json.loads((SEMEVAL2021 / "data" / name).read_text(encoding="utf-8")):
            used.update(label["technique"] for label in meme["labels"])
    assert used == set(SEMEVAL2021_LABELS)


def test_unlp2025_labels_each_belong_to_one_technique() -> None:
    unlp = [label for t in techniques() for label in t.unlp2025_labels]
    assert sorted(unlp) == sorted(UNLP2025_LABELS)
    assert len(UNLP2025_LABELS) == len(set(UNLP2025_LABELS)) == 10
    merged = by_id("whataboutism_straw_man_red_herring")
    assert by_label("whataboutism") is by_label("straw_man") is merged
    assert by_label("cliche") is by_id("thought_terminating_cliche")
    assert by_label("bandwagon") is by_id("bandwagon_reductio_ad_hitlerum")
    for new in ("euphoria", "fud", "cherry_picking"):
        technique = by_label(new)
        assert technique.id == new
        assert technique.ptc_label is None and not technique.semeval2021_labels


def test_unlp2025_labels_match_the_task_list() -> None:
    from spinscope.training.unlp import TECHNIQUES

    assert TECHNIQUES == UNLP2025_LABELS
