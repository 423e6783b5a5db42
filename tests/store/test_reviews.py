"""Reviews against a real database file: one current review per reviewer, history, corrections,
added findings, every refusal, and the migration from anonymous marks."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from spinscope.errors import InputError, SpinscopeError
from spinscope.store import MIGRATIONS, Correction, NotFoundError, Store, migrate
from tests.store.reviewed import TEXT, article, finding


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "reviews.db") as opened:
        yield opened


def test_a_changed_verdict_leaves_one_current_review_and_a_history_of_two(store: Store) -> None:
    a = article()
    store.save_analysis(a)
    doc, fid = a.document.id, finding(a, "bandwagon_reductio_ad_hitlerum")
    first, tally = store.put_review(doc, fid, reviewer="ada", correction=Correction(verdict="up"))
    assert (tally.up, tally.down) == (1, 0) and first.replaced is None
    second, tally = store.put_review(
        doc, fid, reviewer="ada", correction=Correction(verdict="down", comment=" not here ")
    )
    assert (tally.up, tally.down) == (0, 1)  # changed, not "1 / 1"
    assert second.comment == "not here" and second.reviewer == "ada"
    assert [r.verdict for r in store.reviews(doc)] == ["down"]
    history = store.reviews(doc, finding_id=fid, history=True)
    assert [(r.verdict, r.replaced is None) for r in history] == [("up", False), ("down", True)]
    # Another reviewer's review stands beside it.
    _, tally = store.put_review(doc, fid, reviewer="bo", correction=Correction(verdict="up"))
    assert (tally.up, tally.down) == (1, 1)
    assert [m.verdict for m in store.feedback(doc)] == ["down", "up"]


def test_corrections_are_kept_beside_the_finding(store: Store) -> None:
    a = article()
    store.save_analysis(a)
    doc, fid = a.document.id, finding(a, "bandwagon_reductio_ad_hitlerum")
    start = TEXT.index("everyone agrees")
    review, _ = store.put_review(
        doc,
        fid,
        reviewer="ada",
        correction=Correction(label="loaded_language", start=start, end=start + len("everyone")),
    )
    assert review.verdict is None and review.corrected
    assert review.effective_label == "loaded_language"
    assert review.effective_span == (start, start + len("everyone"))
    assert (review.finding_label, review.finding_start) == ("bandwagon_reductio_ad_hitlerum", start)
    allegation = finding(a, "corruption")
    review, _ = store.put_review(
        doc,
        allegation,
        reviewer="ada",
        correction=Correction(
            verdict="up", target="Mira Tallis", accuser="quay builders", grade="anonymous"
        ),
    )
    assert (review.target, review.accuser, review.grade) == (
        "Mira Tallis",
        "quay builders",
        "anonymous",
    )


def test_a_reviewer_adds_a_missed_span(store: Store) -> None:
    a = article()
    store.save_analysis(a)
    doc = a.document.id
    start = TEXT.index("wasted")
    added = store.add_finding(
        doc, reviewer="ada", layer="technique", label="loaded_language", start=start, end=start + 6
    )
    assert added.finding_id.startswith("r") and added.added and added.verdict == "up"
    again = store.add_finding(
        doc, reviewer="bo", layer="technique", label="loaded_language", start=start, end=start + 6
    )
    assert again.finding_id != added.finding_id
    # Others review it like any finding, and the adder's later review stays an added one.
    _, tally = store.put_review(
        doc, added.finding_id, reviewer="bo", correction=Correction(verdict="down")
    )
    assert (tally.up, tally.down) == (1, 1)
    changed, _ = store.put_review(
        doc, added.finding_id, reviewer="ada", correction=Correction(comment="sure")
    )
    assert changed.added
    assert {r.finding_id for r in store.reviews(doc) if r.added} == {
        added.finding_id,
        again.finding_id,
    }


def test_withdrawn_reviews_stay_in_the_history(store: Store) -> None:
    a = article()
    store.save_analysis(a)
    doc, fid = a.document.id, finding(a, "checkworthy")
    store.put_review(doc, fid, reviewer="ada", correction=Correction(verdict="up"))
    tally = store.withdraw_review(doc, fid, reviewer="ada")
    assert (tally.up, tally.down) == (0, 0) and store.reviews(doc) == []
    assert len(store.reviews(doc, history=True)) == 1
    with pytest.raises(NotFoundError) as info:
        store.withdraw_review(doc, fid, reviewer="ada")
    assert info.value.code == "E628"


@pytest.mark.parametrize(
    ("correction", "code"),
    [
        (Correction(verdict="sideways"), "E134"),
        (Correction(), "E630"),
        (Correction(comment="   "), "E630"),
        (Correction(comment="x" * 2001), "E143"),
        (Correction(label="crime"), "E624"),  # an allegation label on a technique
        (Correction(start=5, end=5), "E625"),
        (Correction(start=-1), "E625"),
        (Correction(end=len(TEXT) + 1), "E625"),
        (Correction(start=30, end=20), "E625"),
        (Correction(target="Mira Tallis"), "E627"),
        (Correction(grade="rumour"), "E626"),
        (Correction(accuser="x" * 201), "E633"),
    ],
)
def test_bad_reviews_are_refused_and_nothing_is_lost(
    store: Store, correction: Correction, code: str
) -> None:
    a = article()
    store.save_analysis(a)
    doc, fid = a.document.id, finding(a, "bandwagon_reductio_ad_hitlerum")
    store.put_review(doc, fid, reviewer="ada", correction=Correction(verdict="up"))
    with pytest.raises(InputError) as info:
        store.put_review(doc, fid, reviewer="ada", correction=correction)
    assert info.value.code == code
    assert [(r.verdict, r.replaced) for r in store.reviews(doc, history=True)] == [("up", None)]


def test_unknown_documents_findings_layers_and_spans(store: Store) -> None:
    a = article()
    store.save_analysis(a)
    doc = a.document.id
    up = Correction(verdict="up")
    cases: list[tuple[object, str]] = []
    for call in (
        lambda: store.put_review("0" * 64, "f1", reviewer="ada", correction=up),
        lambda: store.put_review(doc, "fnope", reviewer="ada", correction=up),
        lambda: store.put_review(doc, "r99", reviewer="ada", correction=up),
        lambda: store.add_finding(doc, reviewer="ada", layer="mood", label="grim", start=0, end=3),
        lambda: store.add_finding(
            doc, reviewer="ada", layer="technique", label="crime", start=0, end=3
        ),
        lambda: store.add_finding(
            doc, reviewer="ada", layer="technique", label="slogans", start=3, end=len(TEXT) + 9
        ),
        lambda: store.add_finding(
            "0" * 64, reviewer="ada", layer="technique", label="slogans", start=0, end=3
        ),
    ):
        with pytest.raises(SpinscopeError) as info:
            call()
        cases.append((type(info.value).__name__, info.value.code))
    assert [code for _, code in cases] == ["E600", "E601", "E601", "E631", "E624", "E625", "E600"]
    assert store.reviews() == []


def test_reviews_survive_a_newer_analysis(store: Store) -> None:
    a = article()
    store.save_analysis(a)
    fid = finding(a, "loaded_language")
    store.put_review(a.document.id, fid, reviewer="ada", correction=Correction(verdict="down"))
    store.save_analysis(a)  # the findings table is written again
    (review,) = store.reviews(a.document.id)
    assert review.finding_id == fid and review.finding_label == "loaded_language"


def test_migration_turns_anonymous_marks_into_reviews(tmp_path: Path) -> None:
    """A store made by migrations 0001-0005, with marks in the old feedback table."""
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    assert migrate(db, MIGRATIONS[:5]) == [name for name, _ in MIGRATIONS[:5]]
    db.execute(
        "INSERT INTO documents (id, text, created, updated) VALUES ('d1', ?, 't', 't')", (TEXT,)
    )
    marks = [
        ("d1", "fa", "technique", "loaded_language", 0, 9, "up", None, "2026-01-01T00:00:00"),
        ("d1", "fa", "technique", "loaded_language", 0, 9, "down", "no", "2026-01-02T00:00:00"),
        ("d1", "fb", "claim", "checkworthy", 10, 20, "up", "yes", "2026-01-03T00:00:00"),
    ]
    db.executemany(
        """INSERT INTO feedback
           (document_id, finding_id, layer, label, start, "end", verdict, comment, created)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        marks,
    )
    db.close()
    with Store.open(path) as store:
        current = store.reviews()
        history = store.reviews(history=True)
    assert [(r.finding_id, r.verdict, r.reviewer) for r in current] == [
        ("fa", "down", "anonymous"),
        ("fb", "up", "anonymous"),
    ]
    assert [(r.finding_id, r.replaced) for r in history] == [
        ("fa", "2026-01-02T00:00:00"),
        ("fa", None),
        ("fb", None),
    ]
    tables = {r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")}
    assert "feedback" not in tables and {"reviews", "reviewers", "added_findings"} <= tables
