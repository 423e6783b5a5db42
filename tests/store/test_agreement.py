"""Agreement between reviewers: the measures on hand-computed examples, and on real reviews."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from spinscope.store import Correction, Store, agreement
from spinscope.store.agreement import cohen_kappa, krippendorff_alpha, overlap_enough
from tests.store.reviewed import TEXT, article

# Two reviewers on five findings: they agree on four. po = 0.8; the first says yes 3 times, the
# second twice: pe = 0.6 * 0.4 + 0.4 * 0.6 = 0.48, kappa = (0.8 - 0.48) / 0.52.
FIRST = ("yes", "yes", "no", "no", "yes")
SECOND = ("yes", "no", "no", "no", "yes")
KAPPA = (0.8 - 0.48) / 0.52
# Krippendorff's coincidences: o(yes,yes) = 4, o(no,no) = 4, o(yes,no) = o(no,yes) = 1, n = 10,
# n(yes) = n(no) = 5: alpha = 1 - 2 / ((5 * 5 + 5 * 5) / 9) = 0.64.
ALPHA = 0.64


def test_the_measures_on_hand_computed_examples() -> None:
    assert cohen_kappa(list(zip(FIRST, SECOND, strict=True))) == pytest.approx(KAPPA)
    assert krippendorff_alpha(zip(FIRST, SECOND, strict=True)) == pytest.approx(ALPHA)
    assert cohen_kappa([("yes", "yes"), ("yes", "yes")]) is None  # one value throughout
    assert cohen_kappa([]) is None
    assert krippendorff_alpha([("yes",), ("no",)]) is None  # nothing pairable
    # Three raters, one value missing (its unit drops out): o(yes,yes) = 3, o(no,no) = 2 + 1,
    # o(yes,no) = o(no,yes) = 1; n(yes) = n(no) = 4, n = 8: alpha = 1 - 2 / (32 / 7) = 0.5625.
    units = [("yes", "yes", "yes"), ("no", "no"), ("yes", "no", "no"), ("yes",)]
    assert krippendorff_alpha(units) == pytest.approx(0.5625)


def test_partial_overlap() -> None:
    assert overlap_enough((0, 10), (5, 20))  # 5 shared, the shorter is 10
    assert not overlap_enough((0, 10), (6, 20))
    assert overlap_enough((10, 12), (0, 40))
    assert not overlap_enough((0, 5), (5, 9))


def test_two_reviewers_marking_the_same_findings(tmp_path: Path) -> None:
    a = article()
    with Store.open(tmp_path / "agree.db") as store:
        store.save_analysis(a)
        doc = a.document.id
        ids = [s.id for s in a.findings]
        for fid, first, second in zip(ids, FIRST, SECOND, strict=True):
            for name, value in (("ada", first), ("bo", second)):
                verdict = "up" if value == "yes" else "down"
                store.put_review(doc, fid, reviewer=name, correction=Correction(verdict=verdict))
        # A third reviewer's comment alone says nothing about the finding.
        store.put_review(doc, ids[0], reviewer="cy", correction=Correction(comment="hm"))
        rows = {(r.layer, r.label): r for r in agreement(store.reviews())}
    everything = [r for r in rows.values() if r.label == "*"]
    assert sum(r.items for r in everything) == 5
    technique = rows[("technique", "*")]
    assert technique.items == 3 and technique.reviewers == ("ada", "bo")
    assert technique.measure == "kappa"
    # The three technique findings: yes/yes, yes/no, no/no.
    assert technique.kappa == pytest.approx(
        cohen_kappa([("yes", "yes"), ("yes", "no"), ("no", "no")])
    )
    # Over all five findings as one group, the hand-computed figures.
    with Store.open(tmp_path / "agree.db") as store:
        one_group = [
            dataclasses.replace(r, layer="technique", finding_label="x") for r in store.reviews()
        ]
    flat, _label = agreement(one_group)
    assert flat.kappa == pytest.approx(KAPPA) and flat.alpha == pytest.approx(ALPHA)
    assert flat.span_pairs == 2 and flat.span_exact == 2  # two findings both kept, as found


def test_added_spans_match_by_overlap(tmp_path: Path) -> None:
    a = article()
    start = TEXT.index("wasted the harbour fund")
    with Store.open(tmp_path / "added.db") as store:
        store.save_analysis(a)
        doc = a.document.id
        # Both add the missed span, with different boundaries; a third marks the detector's
        # finding up and adds a span on top of it.
        store.add_finding(
            doc,
            reviewer="ada",
            layer="technique",
            label="loaded_language",
            start=start,
            end=start + 6,
        )
        store.add_finding(
            doc,
            reviewer="bo",
            layer="technique",
            label="loaded_language",
            start=start,
            end=start + 10,
        )
        reckless = next(s.id for s in a.findings if TEXT[s.start : s.end] == "reckless")
        at = TEXT.index("reckless")
        store.put_review(doc, reckless, reviewer="ada", correction=Correction(verdict="up"))
        store.add_finding(
            doc, reviewer="bo", layer="technique", label="loaded_language", start=at, end=at + 8
        )
        rows = {(r.layer, r.label): r for r in agreement(store.reviews(), layer="technique")}
    row = rows[("technique", "loaded_language")]
    assert row.items == 2  # the added span and "reckless", each marked by both
    assert row.observed == 1.0 and row.span_pairs == 2
    assert row.span_exact == 1 and row.span_overlap == 2  # 6 of 10 characters shared


def test_three_reviewers_get_alpha_and_a_kappa_per_pair(tmp_path: Path) -> None:
    a = article()
    with Store.open(tmp_path / "three.db") as store:
        store.save_analysis(a)
        ids = [s.id for s in a.findings]
        third = ("yes", "no", "no")  # cy marks only the first three findings
        for name, values in (("ada", FIRST), ("bo", SECOND), ("cy", third)):
            for fid, value in zip(ids, values, strict=False):
                verdict = "up" if value == "yes" else "down"
                store.put_review(
                    a.document.id, fid, reviewer=name, correction=Correction(verdict=verdict)
                )
        one_group = [
            dataclasses.replace(r, layer="technique", finding_label="x") for r in store.reviews()
        ]
    row, _label = agreement(one_group)
    assert row.measure == "alpha" and row.kappa is None and row.reviewers == ("ada", "bo", "cy")
    units = [
        (*pair, *([third[i]] if i < 3 else []))
        for i, pair in enumerate(zip(FIRST, SECOND, strict=True))
    ]
    assert row.alpha == pytest.approx(krippendorff_alpha(units))
    pairs = {(p.first, p.second): p for p in row.pairs}
    assert set(pairs) == {("ada", "bo"), ("ada", "cy"), ("bo", "cy")}
    assert pairs[("ada", "bo")].items == 5
    assert pairs[("ada", "bo")].kappa == pytest.approx(KAPPA)
    assert pairs[("ada", "cy")].items == 3 and pairs[("ada", "cy")].observed == pytest.approx(2 / 3)
