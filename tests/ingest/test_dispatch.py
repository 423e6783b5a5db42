"""The input format table: each kind declared once, and every entry point reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.document import Document
from spinscope.ingest import read_inputs
from spinscope.ingest.dispatch import (
    CONTENT_KINDS,
    FORMATS,
    KINDS,
    SUFFIX_KINDS,
    UPLOAD_KINDS,
    read_items,
    suffixes_of,
    unsupported,
)
from spinscope.ingest.url import ACCEPT
from tests.ingest.pages import COURIER_PAGE, RSS_FEED

SAMPLES = {
    "text": b"Ferry Fares Hold\n\nFerry fares stay the same this winter, said the harbour chief.\n",
    "html": COURIER_PAGE.encode("utf-8"),
    "feed": RSS_FEED.encode("utf-8"),
    "jsonl": b'{"text": "Ferry fares stay the same this winter, said the chief."}\n',
    "json": b'[{"text": "Ferry fares stay the same this winter, said the chief."}]',
}


def test_every_kind_is_declared_once_with_distinct_names() -> None:
    assert len(set(KINDS)) == len(KINDS) == len(FORMATS)
    suffixes = [s for f in FORMATS for s in f.suffixes]
    assert len(set(suffixes)) == len(suffixes) == len(SUFFIX_KINDS)
    assert all(s.startswith(".") and s == s.lower() for s in suffixes)
    types = [t for f in FORMATS for t in f.content_types]
    assert len(set(types)) == len(types) == len(CONTENT_KINDS)
    assert all(t.split(";")[0].split(",")[0] in CONTENT_KINDS for t in ACCEPT.split(","))
    assert set(SAMPLES) == set(KINDS), "a sample for every kind"


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.kind)
def test_each_kind_reads_by_its_suffix_and_by_sniffing(fmt: object, tmp_path: Path) -> None:
    kind = fmt.kind  # type: ignore[attr-defined]
    data = SAMPLES[kind]
    declared = [d for d in read_items(data, source="x", kind=kind) if isinstance(d, Document)]
    assert declared
    for suffix in fmt.suffixes:  # type: ignore[attr-defined]
        path = tmp_path / f"sample{suffix}"
        path.write_bytes(data)
        read = [d for d in read_inputs([str(path)]) if isinstance(d, Document)]
        assert [d.text for d in read] == [d.text for d in declared], suffix


def test_an_error_lists_exactly_what_its_entry_point_accepts() -> None:
    upload = unsupported("x.xml", ".xml", UPLOAD_KINDS)
    assert upload.code == "E105"
    assert ".html" in upload.fix and ".txt" in upload.fix
    assert ".xml" not in upload.fix and ".jsonl" not in upload.fix
    everything = unsupported("x.pdf", ".pdf", KINDS)
    assert all(s in everything.fix for s in SUFFIX_KINDS)
    assert suffixes_of(["json"]) == ".json"
