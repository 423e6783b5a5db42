from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from spinscope.errors import InputError
from spinscope.training.datasets import read_ptc, read_semeval2021, si_rows, tc_rows
from spinscope.training.scorers import (
    PerTechnique,
    SIScore,
    read_si,
    read_tc,
    si_score,
    span_technique_score,
    tc_score,
    write_si,
    write_tc,
)

from ..conftest import SHARED, need_shared

PTC = SHARED / "data" / "ptc-semeval2020"
SEMEVAL2021 = SHARED / "data" / "semeval2021-task6" / "data"
approx = pytest.approx


# --- SI: span identification -------------------------------------------------------------------


def test_si_half_overlap() -> None:
    # gold [0,10), pred [5,15): they share 5 characters.
    # P = 5/10 = 0.5, R = 5/10 = 0.5, F1 = 0.5
    score = si_score([("a", 5, 15)], [("a", 0, 10)])
    assert score == SIScore(precision=0.5, recall=0.5, f1=0.5, n_pred=1, n_gold=1)


def test_si_two_predictions_on_one_gold() -> None:
    # gold [0,20); preds [0,5) and [10,20), both inside it.
    # P = (5/5 + 10/10) / 2 = 1.0; R = (5/20 + 10/20) / 1 = 0.75; F1 = 2*0.75/1.75 = 6/7
    score = si_score([("a", 0, 5), ("a", 10, 20)], [("a", 0, 20)])
    assert (score.precision, score.recall, score.f1) == approx((1.0, 0.75, 6 / 7))
    assert (score.n_pred, score.n_gold) == (2, 1)


def test_si_prediction_spanning_two_golds() -> None:
    # golds [0,10) and [20,30); pred [0,30) covers both.
    # P = (10/30 + 10/30) / 1 = 2/3; R = (10/10 + 10/10) / 2 = 1.0; F1 = 2*(2/3)/(5/3) = 0.8
    score = si_score([("a", 0, 30)], [("a", 0, 10), ("a", 20, 30)])
    assert (score.precision, score.recall, score.f1) == approx((2 / 3, 1.0, 0.8))


def test_si_overlapping_predictions_merge_first() -> None:
    # preds [0,6) and [4,10) overlap and merge into [0,10), which equals the gold.
    # P = 10/10 / 1 = 1, R = 10/10 / 1 = 1. (Unmerged, R would be 6/10 + 6/10 = 1.2.)
    score = si_score([("a", 0, 6), ("a", 4, 10)], [("a", 0, 10)])
    assert score == SIScore(1.0, 1.0, 1.0, n_pred=1, n_gold=1)


def test_si_overlapping_golds_merge_first() -> None:
    # golds [0,10) and [5,15) merge into [0,15); pred [0,15) matches it exactly: P = R = 1.
    score = si_score([("a", 0, 15)], [("a", 0, 10), ("a", 5, 15)])
    assert score == SIScore(1.0, 1.0, 1.0, n_pred=1, n_gold=1)


def test_si_touching_predictions_stay_apart() -> None:
    # preds [0,5) and [5,10) share no character, so they are not merged; gold [0,10).
    # P = (5/5 + 5/5) / 2 = 1.0; R = (5/10 + 5/10) / 1 = 1.0
    score = si_score([("a", 0, 5), ("a", 5, 10)], [("a", 0, 10)])
    assert score == SIScore(1.0, 1.0, 1.0, n_pred=2, n_gold=1)


def test_si_articles_do_not_mix() -> None:
    # The same offsets in another article earn nothing: P = 0/1, R = 0/1, F1 = 0.
    assert si_score([("a", 0, 10)], [("b", 0, 10)]) == SIScore(0.0, 0.0, 0.0, 1, 1)


def test_si_sums_over_articles() -> None:
    # article a: gold [0,10) found exactly; article b: gold [0,10) not found.
    # P = 1/1 = 1; R = (1 + 0)/2 = 0.5; F1 = 2*0.5/1.5 = 2/3
    score = si_score([("a", 0, 10)], [("a", 0, 10), ("b", 0, 10)])
    assert (score.precision, score.recall, score.f1) == approx((1.0, 0.5, 2 / 3))


def test_si_empty_sides() -> None:
    # No predictions: P = 0 (0/0 taken as 0), R = 0/1 = 0, F1 = 0.
    assert si_score([], [("a", 0, 10)]) == SIScore(0.0, 0.0, 0.0, 0, 1)
    # No gold: P = 0/1, R = 0 (0/0), F1 = 0.
    assert si_score([("a", 0, 10)], []) == SIScore(0.0, 0.0, 0.0, 1, 0)
    # Neither: the official scorers report F1 = 1 (nothing to find, nothing wrongly found).
    assert si_score([], []) == SIScore(0.0, 0.0, 1.0, 0, 0)


def test_si_rejects_impossible_spans() -> None:
    with pytest.raises(InputError) as err:
        si_score([("a", 0, 4), ("a", 5, 5)], [])
    assert err.value.code == "E501" and ":2:" in err.value.message


def test_scores_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        si_score([], []).f1 = 0.5  # type: ignore[misc]


# --- TC: technique classification of given spans -----------------------------------------------

GOLD_TC = [
    ("a", "Loaded_Language", 0, 5),
    ("a", "Doubt", 0, 5),  # the same span carries two techniques
    ("a", "Slogans", 10, 20),
    ("b", "Doubt", 3, 9),
]


def test_tc_duplicated_span_matches_in_any_order() -> None:
    # a[0,5) predicted Doubt then Loaded_Language: both match one gold instance each.
    # a[10,20) predicted Loaded_Language, gold Slogans: wrong. b[3,9) Doubt: right.
    # TP = 3 of 4 predictions and 4 gold: P = R = micro-F1 = 0.75.
    predicted = [
        ("a", "Doubt", 0, 5),
        ("a", "Loaded_Language", 0, 5),
        ("a", "Loaded_Language", 10, 20),
        ("b", "Doubt", 3, 9),
    ]
    score = tc_score(predicted, GOLD_TC)
    assert (score.micro_f1, score.precision, score.recall) == approx((0.75, 0.75, 0.75))
    # Loaded_Language: 2 predicted, 1 right, 1 gold -> P = 1/2, R = 1/1, F1 = 2/3.
    # Doubt: 2 predicted, 2 right, 2 gold -> 1, 1, 1.
    # Slogans: 0 predicted, 1 gold -> P = 0, R = 0, F1 = 0.
    # macro-F1 = (2/3 + 1 + 0) / 3 = 5/9
    per = score.per_technique
    assert per["Loaded_Language"] == PerTechnique(0.5, 1.0, approx(2 / 3), support=1, n_pred=2)
    assert per["Doubt"] == PerTechnique(1.0, 1.0, 1.0, support=2, n_pred=2)
    assert per["Slogans"] == PerTechnique(0.0, 0.0, 0.0, support=1, n_pred=0)
    assert score.macro_f1 == approx(5 / 9)
    assert (score.n_pred, score.n_gold) == (4, 4)


def test_tc_one_gold_instance_matches_one_prediction() -> None:
    # a[0,5) predicted Loaded_Language twice: only one gold Loaded_Language instance there.
    # TP = 1: P = 1/2, R = 1/4, F1 = 2*(1/2)(1/4)/(3/4) = 1/3.
    predicted = [("a", "Loaded_Language", 0, 5), ("a", "Loaded_Language", 0, 5)]
    score = tc_score(predicted, GOLD_TC)
    assert (score.precision, score.recall, score.micro_f1) == approx((0.5, 0.25, 1 / 3))


def test_tc_prediction_on_a_span_not_in_gold_is_a_false_positive() -> None:
    # All 4 gold right plus one extra: P = 4/5, R = 4/4 = 1, F1 = 2*0.8/1.8 = 8/9.
    score = tc_score([*GOLD_TC, ("c", "Doubt", 0, 3)], GOLD_TC)
    assert (score.precision, score.recall, score.micro_f1) == approx((0.8, 1.0, 8 / 9))


def test_tc_is_accuracy_when_each_span_gets_one_prediction() -> None:
    # Every gold instance predicted Doubt: right on 2 of 4 -> accuracy = micro-F1 = 0.5.
    predicted = [(a, "Doubt", s, e) for a, _t, s, e in GOLD_TC]
    assert tc_score(predicted, GOLD_TC).micro_f1 == approx(0.5)


def test_tc_empty() -> None:
    assert tc_score([], GOLD_TC).micro_f1 == 0.0
    nothing = tc_score([], [])
    assert (nothing.micro_f1, nothing.macro_f1, nothing.per_technique) == (1.0, 0.0, {})


# --- SemEval-2021 Task 6 subtask 2: spans with techniques ----------------------------------------


def test_span_technique_partial_credit_per_technique() -> None:
    # gold: Smears [0,20), Loaded [5,10). preds: Smears [0,10), Loaded [0,10), Doubt [30,40).
    # Smears pair shares 10: precision credit 10/10 = 1, recall credit 10/20 = 0.5.
    # Loaded pair shares 5: precision credit 5/10 = 0.5, recall credit 5/5 = 1.
    # Pred Loaded [0,10) also overlaps gold Smears, but other techniques earn nothing.
    # P = (1 + 0.5 + 0) / 3 = 0.5; R = (0.5 + 1) / 2 = 0.75; F1 = 2*0.5*0.75/1.25 = 0.6
    gold = [("m", "Smears", 0, 20), ("m", "Loaded Language", 5, 10)]
    predicted = [("m", "Smears", 0, 10), ("m", "Loaded Language", 0, 10), ("m", "Doubt", 30, 40)]
    score = span_technique_score(predicted, gold)
    assert (score.precision, score.recall, score.f1) == approx((0.5, 0.75, 0.6))
    # Smears: P = 1, R = 0.5, F1 = 2/3; Loaded: P = 0.5, R = 1, F1 = 2/3; Doubt: 0, 0, 0.
    # macro-F1 = (2/3 + 2/3 + 0) / 3 = 4/9
    per = score.per_technique
    assert per["Smears"] == PerTechnique(1.0, 0.5, approx(2 / 3), support=1, n_pred=1)
    assert per["Loaded Language"] == PerTechnique(0.5, 1.0, approx(2 / 3), support=1, n_pred=1)
    assert per["Doubt"] == PerTechnique(0.0, 0.0, 0.0, support=0, n_pred=1)
    assert score.macro_f1 == approx(4 / 9)
    assert (score.n_pred, score.n_gold) == (3, 2)


def test_span_technique_merges_within_a_technique_only() -> None:
    # Doubt [0,6) and [4,10) merge into [0,10); Loaded [4,10) overlaps them but stays separate.
    # gold Doubt [0,10). Doubt: credit 1 and 1. Loaded: no gold, credit 0.
    # P = (1 + 0) / 2 = 0.5, R = 1 / 1 = 1, F1 = 2*0.5/1.5 = 2/3
    predicted = [("m", "Doubt", 0, 6), ("m", "Doubt", 4, 10), ("m", "Loaded Language", 4, 10)]
    score = span_technique_score(predicted, [("m", "Doubt", 0, 10)])
    assert (score.precision, score.recall, score.f1) == approx((0.5, 1.0, 2 / 3))
    assert score.n_pred == 2


def test_span_technique_empty() -> None:
    assert span_technique_score([], [("m", "Doubt", 0, 3)]).f1 == 0.0
    assert span_technique_score([], []).f1 == 1.0


# --- prediction files --------------------------------------------------------------------------


def test_si_file_round_trip(tmp_path: Path) -> None:
    rows = [("100", 3, 9), ("200", 0, 4)]
    path = tmp_path / "pred-si.txt"
    write_si(path, rows)
    assert path.read_text(encoding="utf-8") == "100\t3\t9\n200\t0\t4\n"
    assert read_si(path) == rows


def test_tc_file_round_trip(tmp_path: Path) -> None:
    rows = [("100", "Name_Calling,Labeling", 3, 9), ("200", "Doubt", 0, 4)]
    path = tmp_path / "pred-tc.txt"
    write_tc(path, rows)
    assert (
        path.read_text(encoding="utf-8") == "100\tName_Calling,Labeling\t3\t9\n200\tDoubt\t0\t4\n"
    )
    assert read_tc(path) == rows
    assert read_si(path) == [("100", 3, 9), ("200", 0, 4)]


def test_read_tc_refuses_lines_without_a_technique(tmp_path: Path) -> None:
    path = tmp_path / "template.out"
    path.write_text("100\tDoubt\t0\t4\n100\t?\t5\t9\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_tc(path)
    assert err.value.code == "E501" and f"{path}:2:" in err.value.message


# --- the real benchmarks -----------------------------------------------------------------------


@pytest.mark.shared
def test_real_ptc_gold_scores_itself_perfectly_and_baselines_fall_between() -> None:
    articles = read_ptc(need_shared(PTC / "train-articles"), PTC / "train-task-flc-tc.labels")
    gold_si, gold_tc = si_rows(articles), tc_rows(articles)
    assert si_score(gold_si, gold_si).f1 == approx(1.0)
    perfect = tc_score(gold_tc, gold_tc)
    assert (perfect.micro_f1, perfect.macro_f1) == approx((1.0, 1.0))
    # Whole-sentence baseline: every non-empty line (one sentence per line) is a span.
    lines = []
    for article in articles:
        offset = 0
        for line in article.text.split("\n"):
            if line.strip():
                lines.append((article.article_id, offset, offset + len(line)))
            offset += len(line) + 1
    baseline = si_score(lines, gold_si)
    assert 0.0 < baseline.f1 < 1.0
    assert baseline.recall > baseline.precision  # long spans cover gold but hold much else
    # Majority-class baseline: Loaded_Language for every gold span is right on 2123 of 6128.
    majority = tc_score([(a, "Loaded_Language", s, e) for a, _t, s, e in gold_tc], gold_tc)
    assert majority.micro_f1 == approx(2123 / 6128)


@pytest.mark.shared
def test_real_semeval2021_gold_scores_itself_perfectly() -> None:
    memes = read_semeval2021(need_shared(SEMEVAL2021 / "dev_set_task2.txt"))
    gold = tc_rows(memes)
    score = span_technique_score(gold, gold)
    assert (score.precision, score.recall, score.f1, score.macro_f1) == approx((1, 1, 1, 1))
