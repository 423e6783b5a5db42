from __future__ import annotations

import json

import pytest

from spinscope.document import Document, Skipped
from spinscope.errors import InputError
from spinscope.ingest import read_bytes, read_jsonl

GOOD = {
    "text": "The ferry office in Ostrel will hire six new deckhands.",
    "title": "Ferry office hires",
    "authors": ["Tamsin Oriel", "Halvard Renn"],
    "published": "2024-05-02",
    "url": "https://post.example.net/ferry",
    "site": "Ostrel Evening Post",
    "language": "en",
}

LINES = [
    json.dumps(GOOD),
    "",
    "{not json",
    json.dumps(["a", "list"]),
    json.dumps({"title": "no text"}),
    json.dumps({"text": "   "}),
    json.dumps({"text": "Fine text.", "authors": [1, 2]}),
    json.dumps({"text": "Fine text.", "title": 7}),
    json.dumps({"text": "Second good line.", "authors": "Ilse Varrow; Oren Delacq", "id": 42}),
]


def test_good_and_bad_lines() -> None:
    data = "\n".join(LINES).encode()
    items = list(read_jsonl(data, source="batch.jsonl"))
    documents = [i for i in items if isinstance(i, Document)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [d.meta.source for d in documents] == ["batch.jsonl:1", "42"]
    assert [(s.source, s.code) for s in skipped] == [
        (f"batch.jsonl:{n}", "E108") for n in (3, 4, 5, 6, 7, 8)
    ]
    reasons = " | ".join(s.reason for s in skipped)
    for words in ("invalid JSON", "JSON object", "no 'text'", "blank", "'authors'", "'title'"):
        assert words in reasons

    first = documents[0]
    assert first.text == GOOD["text"]
    assert first.meta.title == "Ferry office hires"
    assert first.meta.authors == ("Tamsin Oriel", "Halvard Renn")
    assert first.meta.published == "2024-05-02"
    assert first.meta.published_raw == "2024-05-02"
    assert first.meta.url == GOOD["url"]
    assert first.meta.site == "Ostrel Evening Post"
    assert first.meta.language == "en"
    assert documents[1].meta.authors == ("Ilse Varrow", "Oren Delacq")


def test_read_bytes_is_strict_about_bad_lines() -> None:
    data = "\n".join(LINES[:3]).encode()
    with pytest.raises(InputError) as exc:
        read_bytes(data, source="batch.jsonl", kind="jsonl")
    assert exc.value.code == "E108"
    assert exc.value.fields["source"] == "batch.jsonl:3"


def test_json_object_and_list() -> None:
    (single,) = read_bytes(json.dumps(GOOD, indent=2).encode(), source="one.json")
    assert single.meta.source == "one.json"
    listed = read_bytes(json.dumps([GOOD, GOOD]).encode(), source="two.json", kind="json")
    assert [d.meta.source for d in listed] == ["two.json#1", "two.json#2"]


def test_sniffed_jsonl() -> None:
    data = (json.dumps(GOOD) + "\n" + json.dumps(GOOD)).encode()
    documents = read_bytes(data, source="<stdin>")
    assert [d.meta.source for d in documents] == ["<stdin>:1", "<stdin>:2"]


def test_a_deeply_nested_line_is_skipped_alone() -> None:
    deep = '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}"
    good = json.dumps({"text": "The Ostrel ferry office hired two clerks on Monday."})
    items = list(read_jsonl(f"{good}\n{deep}\n{good}".encode(), source="deep.jsonl"))
    assert [type(i).__name__ for i in items] == ["Document", "Skipped", "Document"]
    bad = items[1]
    assert isinstance(bad, Skipped) and bad.code == "E108" and bad.source == "deep.jsonl:2"


def test_lone_surrogates_become_replacement_characters() -> None:
    line = (
        '{"text": "The Ostrel clerk \\ud800 wrote \\ud83d\\ude00 twice.", '
        '"title": "Ferry \\udfff office", "authors": ["Tamsin \\ud801Oriel"]}'
    )
    (document,) = list(read_jsonl(line.encode(), source="s.jsonl"))
    assert isinstance(document, Document)
    assert document.text == "The Ostrel clerk \ufffd wrote \U0001f600 twice."
    assert document.meta.title == "Ferry \ufffd office"
    assert document.meta.authors == ("Tamsin \ufffdOriel",)
    document.text.encode("utf-8")  # writable everywhere


def test_only_web_urls_are_kept_as_a_documents_url() -> None:
    from spinscope.ingest.meta import web_url

    assert web_url(" https://news.example/a?b=1 ") == "https://news.example/a?b=1"
    for bad in (
        "javascript:alert(1)",
        "data:text/html,x",
        "file:///etc/passwd",
        "/relative",
        "https://x.example/\x00",
        "http://" + "a" * 3000,
        "",
        None,
    ):
        assert web_url(bad) is None, bad
    lines = (
        b'{"text": "One article about the harbour.", "url": "javascript:alert(1)",'
        b' "original_source_url": "data:text/html,x"}\n'
    )
    (doc,) = list(read_jsonl(lines, source="x.jsonl"))
    assert isinstance(doc, Document)
    assert doc.meta.url is None and doc.meta.original_source_url is None
