"""Each export format's file, from real reviews in a real database file."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from spinscope.errors import InputError
from spinscope.store import (
    EXPORT_FORMAT_TABLE,
    EXPORT_FORMATS,
    Correction,
    Store,
    article_id,
    export_reviews,
)
from spinscope.store.exports import CSV_COLUMNS
from spinscope.taxonomy import by_label
from tests.store.reviewed import TEXT, article, finding

PTC_ID = "813452859"


@pytest.fixture
def reviewed(tmp_path: Path) -> Iterator[Store]:
    """Two reviewers' reviews: kept, rejected, corrected and added findings."""
    a = article()
    with Store.open(tmp_path / "export.db") as store:
        store.save_analysis(a)
        doc = a.document.id
        reckless = next(s.id for s in a.findings if TEXT[s.start : s.end] == "reckless")
        shamed = next(s.id for s in a.findings if TEXT[s.start : s.end] == "Shamed")
        bandwagon = finding(a, "bandwagon_reductio_ad_hitlerum")
        up, down = Correction(verdict="up"), Correction(verdict="down")
        store.put_review(doc, reckless, reviewer="ada", correction=up)
        store.put_review(doc, reckless, reviewer="bo", correction=up)  # the same row, once
        store.put_review(doc, shamed, reviewer="ada", correction=down)  # rejected: left out
        at = TEXT.index("everyone agrees")
        store.put_review(  # a corrected span
            doc, bandwagon, reviewer="bo", correction=Correction(start=at, end=at + 8)
        )
        wasted = TEXT.index("wasted")
        store.add_finding(
            doc,
            reviewer="ada",
            layer="technique",
            label="loaded_language",
            start=wasted,
            end=wasted + 6,
            comment="missed",
        )
        store.put_review(
            doc,
            finding(a, "corruption"),
            reviewer="bo",
            correction=Correction(target="Mira Tallis; Quay Builders Ltd", grade="named_with_link"),
        )
        store.put_review(
            doc,
            finding(a, "checkworthy"),
            reviewer="ada",
            correction=Correction(verdict="up", comment="=SUM(A1)"),
        )
        yield store


def _spans(*words: str) -> list[tuple[int, int]]:
    out = []
    for word in words:
        at = TEXT.index(word)
        out.append((at, at + len(word)))
    return out


def test_the_ptc_id_comes_from_the_file_name() -> None:
    assert article_id("/corpus/article813452859.txt", "abc") == PTC_ID
    assert article_id("C:\\corpus\\article111.txt", "abc") == "111"
    assert article_id("ferry.txt", "abc") == "abc"
    assert article_id(None, "abc") == "abc"
    assert article_id("https://example.org/article9.html", "abc") == "abc"


def test_ptc(reviewed: Store) -> None:
    found = export_reviews(reviewed, "ptc")
    assert found.filename.endswith(".tsv") and found.media_type == "text/tab-separated-values"
    loaded = by_label("loaded_language").ptc_label
    bandwagon = by_label("bandwagon_reductio_ad_hitlerum").ptc_label
    reckless, wasted, everyone = _spans("reckless", "wasted", "everyone")
    assert found.body.decode().splitlines() == sorted(
        [
            f"{PTC_ID}\t{loaded}\t{reckless[0]}\t{reckless[1]}",
            f"{PTC_ID}\t{loaded}\t{wasted[0]}\t{wasted[1]}",
            f"{PTC_ID}\t{bandwagon}\t{everyone[0]}\t{everyone[1]}",
        ]
    )


def test_a_document_without_a_ptc_name_uses_its_own_id(tmp_path: Path) -> None:
    a = article(source="notes/ferry.txt")
    with Store.open(tmp_path / "own.db") as store:
        store.save_analysis(a)
        fid = finding(a, "bandwagon_reductio_ad_hitlerum")
        store.put_review(a.document.id, fid, reviewer="ada", correction=Correction(verdict="up"))
        line = export_reviews(store, "ptc").body.decode()
    assert line.split("\t")[0] == a.document.id


def test_semeval(reviewed: Store) -> None:
    (entry,) = json.loads(export_reviews(reviewed, "semeval").body)
    assert entry["id"] == PTC_ID and entry["text"] == TEXT
    fragments = sorted((x["text_fragment"], x["technique"]) for x in entry["labels"])
    assert fragments == [
        ("everyone", "Bandwagon"),
        ("reckless", "Loaded Language"),
        ("wasted", "Loaded Language"),
    ]
    for label in entry["labels"]:
        assert TEXT[label["start"] : label["end"]] == label["text_fragment"]


def test_allegations_in_the_guideline_format(reviewed: Store) -> None:
    found = export_reviews(reviewed, "allegations")
    with zipfile.ZipFile(io.BytesIO(found.body)) as archive:
        assert archive.namelist() == [f"article{PTC_ID}.json", f"article{PTC_ID}.txt"]
        gold = json.loads(archive.read(f"article{PTC_ID}.json"))
        assert archive.read(f"article{PTC_ID}.txt").decode() == TEXT
    assert gold["article"] == PTC_ID and gold["persons"] == ["Mira Tallis"]
    assert gold["allegations"] == [
        {
            "sentence": 4,  # the fourth line of the text
            "targets": ["Mira Tallis", "Quay Builders Ltd"],
            "alleged_by": "author",  # not corrected: the analysis's
            "sourcing": "named_link",  # the guideline's name for named_with_link
            "type": "corruption",
        }
    ]
    assert set(gold) >= {"organisations", "descriptors", "aliases"}


def test_jsonl_and_csv_hold_every_current_review(reviewed: Store) -> None:
    lines = [json.loads(x) for x in export_reviews(reviewed, "jsonl").body.splitlines()]
    assert len(lines) == 7
    added = next(x for x in lines if x["added"])
    assert added["finding_id"].startswith("r") and added["comment"] == "missed"
    assert added["text"] == "wasted" and added["finding_label"] == "loaded_language"
    corrected = next(x for x in lines if x["finding_label"] == "bandwagon_reductio_ad_hitlerum")
    assert corrected["text"] == "everyone"  # the span as corrected
    assert corrected["finding_end"] - corrected["finding_start"] == len("everyone agrees")
    assert {x["reviewer"] for x in lines} == {"ada", "bo"}
    assert all(x["article_id"] == PTC_ID for x in lines)
    rows = list(csv.DictReader(io.StringIO(export_reviews(reviewed, "csv").body.decode())))
    assert len(rows) == 7 and tuple(rows[0]) == CSV_COLUMNS
    # A comment a spreadsheet would run as a formula is written as text.
    assert any(r["comment"] == "'=SUM(A1)" for r in rows)


def test_formats_are_declared_once() -> None:
    assert tuple(f.name for f in EXPORT_FORMAT_TABLE) == EXPORT_FORMATS
    assert set(EXPORT_FORMATS) == {"jsonl", "ptc", "semeval", "allegations", "csv"}
    docs = (Path(__file__).resolve().parents[2] / "docs" / "web.md").read_text("utf-8")
    for declared in EXPORT_FORMAT_TABLE:
        assert f"`{declared.name}`" in docs, f"docs/web.md does not describe {declared.name}"


def test_an_unknown_format_is_refused(reviewed: Store) -> None:
    with pytest.raises(InputError) as info:
        export_reviews(reviewed, "xml")
    assert info.value.code == "E629" and "jsonl" in info.value.fix
