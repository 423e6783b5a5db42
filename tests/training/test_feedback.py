"""Reviewers' corrections read back from a JSONL review export and folded into training."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from spinscope.errors import InputError
from spinscope.training.checkworthiness import Example, train_checkworthiness, with_feedback
from spinscope.training.feedback import checkworthiness_labels, read_reviews
from tests.training.test_checkworthiness import _rows, _write_tsv


def review(**fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "document_id": "d1",
        "finding_id": "f1",
        "reviewer": "ana",
        "layer": "claim",
        "finding_label": "checkworthy",
        "finding_start": 0,
        "finding_end": 10,
        "verdict": "up",
        "label": None,
        "start": None,
        "end": None,
        "added": False,
        "comment": None,
        "text": "Vessgrad spent 12 million crowns.",
    }
    record.update(fields)
    return record


def write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_a_review_gives_the_label_the_reviewer_has(tmp_path: Path) -> None:
    path = write(
        tmp_path / "reviews.jsonl",
        [
            review(),  # kept as the detector had it
            review(finding_id="f2", verdict="down", text="I think the bridge is a disgrace."),
            review(finding_id="f3", verdict=None, label="not_checkworthy", text="Thanks, all."),
            review(finding_id="f4", verdict=None, comment="unsure", text="Nothing said."),
            review(layer="technique", finding_id="t1", finding_label="doubt", text="Is it?"),
        ],
    )
    spans = read_reviews(path)
    assert [(s.finding_id, s.label) for s in spans] == [
        ("f1", "checkworthy"),
        ("f2", None),
        ("f3", "not_checkworthy"),
        ("t1", "doubt"),
    ]  # a comment alone is no label
    assert checkworthiness_labels(spans) == [
        ("Vessgrad spent 12 million crowns.", True),
        ("I think the bridge is a disgrace.", False),  # turned down: the other label
        ("Thanks, all.", False),
    ]


def test_findings_reviewers_disagree_on_are_left_out(tmp_path: Path) -> None:
    path = write(
        tmp_path / "reviews.jsonl",
        [
            review(),
            review(reviewer="ben", verdict="down"),
            review(finding_id="f2", text="Tax rose 3 percent."),
            review(finding_id="f2", reviewer="ben", text="Tax rose 3 percent."),
        ],
    )
    assert [s.finding_id for s in read_reviews(path)] == ["f2"]


@pytest.mark.parametrize(
    ("line", "detail"),
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        (json.dumps({"document_id": "d1"}), "no finding_id"),
        (json.dumps(review(verdict="maybe")), "verdict 'maybe'"),
        (json.dumps(review(text="   ")), "empty text"),
    ],
)
def test_a_line_that_is_no_review_is_an_input_error(tmp_path: Path, line: str, detail: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(review()) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_reviews(path)
    message = str(caught.value)
    assert caught.value.code == "E515" and ":2: " in message and detail in message


def test_a_missing_or_binary_export(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_reviews(tmp_path / "none.jsonl")
    assert caught.value.code == "E100"
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\xff\xfe\x00\x01")
    with pytest.raises(InputError) as caught:
        read_reviews(binary)
    assert caught.value.code == "E515"


def test_reviews_relabel_confirm_and_add_examples(tmp_path: Path) -> None:
    examples = [
        Example("1", "Vessgrad spent 12 million crowns.", True),
        Example("2", "I think the bridge is a disgrace.", False),
        Example("3", "Thank you all.", False),
    ]
    path = write(
        tmp_path / "reviews.jsonl",
        [
            review(),  # confirms 1
            review(finding_id="f2", finding_label="not_checkworthy", verdict="down",
                   text="I think the bridge is a disgrace."),  # relabels 2
            review(finding_id="f3", added=True, verdict=None, label="checkworthy",
                   text="Kessel's ferry cost 4 million crowns in 2019."),  # new
        ],
    )  # fmt: skip
    out, counts = with_feedback(examples, path)
    assert counts == {"reviews": 3, "relabelled": 1, "confirmed": 1, "added": 1}
    assert [(e.sentence_id, e.positive) for e in out] == [
        ("1", True),
        ("2", True),
        ("3", False),
        ("review-1", True),
    ]


def test_training_with_feedback_records_what_was_folded_in(tmp_path: Path) -> None:
    rows = _rows()
    data = _write_tsv(tmp_path / "tiny_train.tsv", rows)
    sentence = rows[2][1]  # an opinion labelled No
    feedback = write(
        tmp_path / "reviews.jsonl",
        [review(finding_label="not_checkworthy", verdict="down", text=sentence)],
    )
    result = train_checkworthiness(data, tmp_path / "out", feedback=feedback)
    assert result["feedback"]["relabelled"] == 1 and result["positives"] == 17
    model = json.loads((tmp_path / "out" / "checkworthiness.json").read_text("utf-8"))
    assert model["training"]["feedback"]["relabelled"] == 1
    assert "Reviewers' corrections" in (tmp_path / "out" / "MODEL_CARD.md").read_text("utf-8")


def test_the_command_refuses_a_bad_export_in_one_line(tmp_path: Path) -> None:
    data = _write_tsv(tmp_path / "tiny_train.tsv", _rows())
    bad = tmp_path / "reviews.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "spinscope", "train", "checkworthiness", "--data", str(data),
         "--out", str(tmp_path / "out"), "--feedback", str(bad)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "[E515]" in proc.stderr, proc.stderr
    assert not (tmp_path / "out").exists()


def semeval_export(path: Path, entries: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps(entries), encoding="utf-8")
    return path


def test_a_semeval_export_gives_reviewed_documents_in_ptc_names(tmp_path: Path) -> None:
    from spinscope.training.feedback import reviewed_technique_articles

    text = "The greedy speculators ruined Ostby, smearing the mayor."
    path = semeval_export(
        tmp_path / "reviews.json",
        [
            {
                "id": "9004",
                "text": text,
                "labels": [
                    {"start": 4, "end": 22, "technique": "Name calling/Labeling"},
                    {"start": 37, "end": 55, "technique": "Smears"},  # no PTC class
                ],
            }
        ],
    )
    articles, unmapped = reviewed_technique_articles(path)
    assert unmapped == 1
    assert [(s.technique, s.start, s.end) for s in articles[0].spans] == [
        ("Name_Calling,Labeling", 4, 22)
    ]


def test_reviewed_documents_merge_into_their_article_or_join_the_data(tmp_path: Path) -> None:
    from spinscope.training.feedback import fold_technique_reviews, reviewed_technique_articles
    from spinscope.training.technique_data import read_training
    from tests.training.test_techniques import _write_ptc

    root = _write_ptc(tmp_path / "ptc")
    training = read_training(root)
    known = next(a for a in training if a.article_id == "9004")
    start = known.text.index("Tickets")
    new_text = "Vessgrad's council, a nest of traitors, met on Monday."
    path = semeval_export(
        tmp_path / "reviews.json",
        [
            {
                "id": "9004",
                "text": known.text,
                "labels": [
                    {"start": start, "end": start + 7, "technique": "Loaded Language"},
                    *(  # a span the gold already holds is not doubled
                        {"start": s.start, "end": s.end, "technique": "Loaded Language"}
                        for s in known.spans
                        if s.technique == "Loaded_Language"
                    ),
                ],
            },
            {
                "id": "d41f",
                "text": new_text,
                "labels": [{"start": 22, "end": 38, "technique": "Name calling/Labeling"}],
            },
        ],
    )
    folded, counts = fold_technique_reviews(training, reviewed_technique_articles(path)[0])
    assert counts == {"reviewed_documents": 2, "merged": 1, "added_documents": 1, "spans": 2}
    merged = next(a for a in folded if a.article_id == "9004")
    assert len(merged.spans) == len(known.spans) + 1
    assert folded[-1].article_id == "review-d41f" and folded[-1].text == new_text


def test_training_techniques_with_feedback_records_it(tmp_path: Path) -> None:
    from dataclasses import replace

    from spinscope.training.technique_data import read_training
    from spinscope.training.techniques import train
    from tests.training.test_techniques import FAST, _write_ptc

    root = _write_ptc(tmp_path / "ptc")
    known = next(a for a in read_training(root) if a.article_id == "9004")
    start = known.text.index("welcomed")
    path = semeval_export(
        tmp_path / "reviews.json",
        [
            {
                "id": "9004",
                "text": known.text,
                "labels": [{"start": start, "end": start + 8, "technique": "Loaded Language"}],
            }
        ],
    )
    result = train(root, tmp_path / "out", seed=0, settings=replace(FAST, encoder=None),
                   feedback=path)  # fmt: skip
    assert result["feedback"]["merged"] == 1 and result["feedback"]["spans"] == 1
    assert result["articles"] == 4
    card = (tmp_path / "out" / "MODEL_CARD.md").read_text("utf-8")
    assert "Reviewers' corrections (`--feedback reviews.json`" in card


def _allegation_zip(path: Path, members: dict[str, bytes]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return path


def test_training_allegations_with_an_export_adds_the_reviewed_articles(tmp_path: Path) -> None:
    from spinscope.training.allegation_model import train_allegations
    from tests.training.test_allegation_model import _write

    gold_dir, articles = _write(tmp_path)
    held = tmp_path / "held"
    held.mkdir()
    for ident in ("2004", "2005"):  # reviewed elsewhere: these two come back in the export
        (gold_dir / f"article{ident}.json").rename(held / f"article{ident}.json")
    members = {}
    for ident in ("2004", "2005"):
        members[f"article{ident}.json"] = (held / f"article{ident}.json").read_bytes()
        members[f"article{ident}.txt"] = (articles / f"article{ident}.txt").read_bytes()
    export = _allegation_zip(tmp_path / "reviews.zip", members)
    result = train_allegations(gold_dir, articles, tmp_path / "out", folds=5, feedback=export)
    assert result["articles"] == 5
    assert result["feedback"] == {
        "file": "reviews.zip",
        "reviewed_articles": 2,
        "added": 2,
        "already_in_the_gold": 0,
    }
    card = (tmp_path / "out" / "MODEL_CARD.md").read_text("utf-8")
    assert "Reviewers' corrections (`--feedback reviews.zip`" in card


@pytest.mark.parametrize(
    ("members", "detail"),
    [
        ({"../article1.json": b"{}"}, "is no article<ID>.json or .txt"),
        ({"notes.txt": b"x"}, "is no article<ID>.json or .txt"),
        ({"sub/article1.json": b"{}"}, "is no article<ID>.json or .txt"),
    ],
)
def test_an_allegation_export_holding_other_files_is_refused(
    tmp_path: Path, members: dict[str, bytes], detail: str
) -> None:
    from spinscope.training.feedback import unpack_allegation_export

    into = tmp_path / "into"
    into.mkdir()
    with pytest.raises(InputError) as caught:
        unpack_allegation_export(_allegation_zip(tmp_path / "x.zip", members), into)
    assert caught.value.code == "E515" and detail in str(caught.value)
    assert not list(into.iterdir()) and not (tmp_path / "article1.json").exists()


def test_an_allegation_export_that_is_no_zip_or_too_big(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spinscope.training import feedback

    into = tmp_path / "into"
    into.mkdir()
    text = tmp_path / "reviews.zip"
    text.write_text("not a zip", encoding="utf-8")
    with pytest.raises(InputError, match="not a zip"):
        feedback.unpack_allegation_export(text, into)
    big = _allegation_zip(tmp_path / "big.zip", {"article1.txt": b"a" * 1024})
    monkeypatch.setattr(feedback, "MAX_MEMBER_BYTES", 100)
    with pytest.raises(InputError, match="is over 100 bytes"):
        feedback.unpack_allegation_export(big, into)


def test_what_a_real_store_exports_is_read_back_for_training(tmp_path: Path) -> None:
    """A real database's reviews, exported in each format the training commands read."""
    from spinscope.store import Correction, Store, export_reviews
    from spinscope.training.feedback import (
        reviewed_technique_articles,
        unpack_allegation_export,
    )
    from tests.store.reviewed import TEXT, article, finding

    a = article()
    with Store.open(tmp_path / "reviews.db") as store:
        store.save_analysis(a)
        doc = a.document.id
        claim = finding(a, "checkworthy")
        store.put_review(doc, claim, reviewer="ada", correction=Correction(verdict="down"))
        wasted = TEXT.index("wasted")
        store.add_finding(
            doc, reviewer="ada", layer="technique", label="loaded_language",
            start=wasted, end=wasted + 6,
        )  # fmt: skip
        store.put_review(doc, finding(a, "corruption"), reviewer="bo",
                         correction=Correction(verdict="up"))  # fmt: skip
        exports = {f: export_reviews(store, f) for f in ("jsonl", "semeval", "allegations")}
    jsonl = tmp_path / "reviews.jsonl"
    jsonl.write_bytes(exports["jsonl"].body)
    labels = checkworthiness_labels(read_reviews(jsonl))
    span = next(s for s in a.findings if s.id == claim)
    assert labels == [(TEXT[span.start : span.end].strip(), False)]  # turned down
    semeval = tmp_path / "reviews.json"
    semeval.write_bytes(exports["semeval"].body)
    articles, _ = reviewed_technique_articles(semeval)
    assert ("Loaded_Language", wasted, wasted + 6) in {
        (s.technique, s.start, s.end) for s in articles[0].spans
    }
    archive = tmp_path / "allegations.zip"
    archive.write_bytes(exports["allegations"].body)
    into = tmp_path / "gold"
    into.mkdir()
    assert unpack_allegation_export(archive, into) == 2  # the gold file and its text
    from spinscope.training.allegation_eval import read_gold_folder

    (item,) = read_gold_folder(into, into)
    assert [entry.type for entry in item.gold.allegations] == ["corruption"]
