from __future__ import annotations

import io
import json
import os
import random
import time
from pathlib import Path

import pytest

from spinscope.document import Document, Skipped
from spinscope.ingest import IngestOptions, normalise_text, read_inputs
from tests.ingest.pages import COURIER_PAGE, RSS_FEED, RUSSIAN

Item = Document | Skipped
# Reproducible random bytes, NULs included; a test fixture, not a secret.
NOISE = random.Random(7).randbytes(4000) + b"\x00"  # noqa: S311


def read_one(path: Path | str, **kwargs: object) -> Item:
    items = list(read_inputs([str(path)], **kwargs))  # type: ignore[arg-type]
    assert len(items) == 1, items
    return items[0]


def skipped_code(item: Item) -> str:
    assert isinstance(item, Skipped), item
    return item.code


def test_plain_text_file(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(b"\r\n\r\nFerry late again.\r\nNobody hurt.  \r\n\r\n")
    document = read_one(path)
    assert isinstance(document, Document)
    assert document.text == "Ferry late again.\nNobody hurt."
    assert document.meta.source == str(path)
    assert document.parts == () and document.links == ()


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "E101"),
        ("blank.txt", b"  \n\t\r\n   \n", "E101"),
        ("blank.html", b"\n\n", "E101"),
        ("noise.bin.txt", NOISE, "E102"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "E102"),
        ("broken.txt", "Café — prices".encode() + b"\xff" + "rise — again".encode(), "E104"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert skipped_code(read_one(path)) == code


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: no bytes written, and none may be read
    started = time.monotonic()
    item = read_one(path)
    assert skipped_code(item) == "E103"
    assert "50000000 bytes" in item.reason  # type: ignore[union-attr]
    assert time.monotonic() - started < 0.5


def test_size_cap_is_an_option(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("x" * 101)
    assert skipped_code(read_one(path, options=IngestOptions(max_bytes=100))) == "E103"


def test_cp1251_file(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    document = read_one(path)
    assert isinstance(document, Document) and document.text == RUSSIAN


def test_missing_path_is_e100(tmp_path: Path) -> None:
    item = read_one(tmp_path / "nowhere.txt")
    assert skipped_code(item) == "E100"


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    text = tmp_path / "notes.log"
    text.write_text("A plain note about the quay.")
    blob = tmp_path / "photo.dat"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    page = tmp_path / "saved.php"
    page.write_text(COURIER_PAGE)
    items = list(read_inputs([str(text), str(blob), str(page)]))
    assert isinstance(items[0], Document) and items[0].text == "A plain note about the quay."
    assert skipped_code(items[1]) == "E102"
    assert isinstance(items[2], Document) and items[2].meta.title == "Harbour tolls rise again"


def make_tree(root: Path) -> None:
    (root / "b").mkdir(parents=True)
    (root / "a").mkdir()
    (root / ".hidden").mkdir()
    (root / "a" / "z.txt").write_text("Zed note.")
    (root / "a" / "page.html").write_text(COURIER_PAGE)
    (root / "b" / "feed.rss").write_text(RSS_FEED)
    (root / "b" / "lines.jsonl").write_text(
        json.dumps({"text": "Line one."}) + "\n{bad\n" + json.dumps({"text": "Line three."})
    )
    (root / "b" / "empty.md").write_text("")
    (root / "b" / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (root / ".hidden" / "secret.txt").write_text("Not to be read.")
    (root / ".dotfile.txt").write_text("Not to be read either.")
    (root / "top.md").write_text("# Top\n\nTop note.")


def sources(items: list[Item]) -> list[tuple[str, str]]:
    return [
        (i.meta.source or "", "doc") if isinstance(i, Document) else (i.source, i.code)
        for i in items
    ]


def test_folder_recursion_order_and_skips(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    make_tree(root)
    items = list(read_inputs([str(root)]))
    r = str(root)
    assert sources(items) == [
        (f"{r}/a/page.html", "doc"),
        (f"{r}/a/z.txt", "doc"),
        (f"{r}/b/empty.md", "E101"),
        (f"{r}/b/feed.rss#1", "doc"),
        (f"{r}/b/feed.rss#2", "E101"),
        (f"{r}/b/feed.rss#3", "doc"),
        (f"{r}/b/lines.jsonl:1", "doc"),
        (f"{r}/b/lines.jsonl:2", "E108"),
        (f"{r}/b/lines.jsonl:3", "doc"),
        (f"{r}/top.md", "doc"),
    ]
    again = list(read_inputs([str(root)]))
    assert again == items


def test_symlinked_folders_are_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "loop"
    root.mkdir()
    (root / "note.txt").write_text("A note.")
    os.symlink(root, root / "again")
    items = list(read_inputs([str(root)]))
    assert sources(items) == [(f"{root}/note.txt", "doc")]


def test_links_to_files_outside_the_folder_are_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "private" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("Words that live outside the ingested folder.")
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "inside.txt").write_text("An article inside the folder.")
    os.symlink(secret, root / "leak.txt")
    os.symlink(root / "sub" / "inside.txt", root / "alias.txt")
    os.symlink(tmp_path / "missing.txt", root / "broken.txt")
    items = list(read_inputs([str(root)]))
    assert sources(items) == [
        (f"{root}/alias.txt", "doc"),
        (f"{root}/leak.txt", "E114"),
        (f"{root}/sub/inside.txt", "doc"),
    ]
    assert not any(isinstance(i, Document) and "outside the ingested" in i.text for i in items)
    # named on the command line, the same link is read: the user asked for it
    assert sources(list(read_inputs([str(root / "leak.txt")]))) == [(f"{root}/leak.txt", "doc")]


def test_folder_without_articles_is_e112(tmp_path: Path) -> None:
    root = tmp_path / "pictures"
    root.mkdir()
    (root / "a.png").write_bytes(b"\x89PNG")
    assert sources(list(read_inputs([str(root)]))) == [(str(root), "E112")]


def test_stdin_is_sniffed() -> None:
    text = list(read_inputs(["-"], stdin=io.BytesIO(b"Plain words from a pipe.\n")))
    assert isinstance(text[0], Document) and text[0].meta.source == "<stdin>"
    assert text[0].text == "Plain words from a pipe."
    page = list(read_inputs(["-"], stdin=io.BytesIO(COURIER_PAGE.encode())))
    assert isinstance(page[0], Document) and page[0].meta.title == "Harbour tolls rise again"
    lines = b'{"text": "One."}\n\n{"text": "Two."}\n'
    assert sources(list(read_inputs(["-"], stdin=io.BytesIO(lines)))) == [
        ("<stdin>:1", "doc"),
        ("<stdin>:3", "doc"),
    ]
    feed = list(read_inputs(["-"], stdin=io.BytesIO(RSS_FEED.encode())))
    assert [s for s, _ in sources(feed)] == ["<stdin>#1", "<stdin>#2", "<stdin>#3"]


def test_stdin_over_the_cap_is_e103() -> None:
    items = list(
        read_inputs(["-"], stdin=io.BytesIO(b"x" * 1001), options=IngestOptions(max_bytes=1000))
    )
    assert sources(items) == [("<stdin>", "E103")]


def test_one_bad_input_does_not_stop_the_rest(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Good.")
    items = list(read_inputs([str(tmp_path / "missing.txt"), str(good), "ftp://example.org/x"]))
    assert [type(i).__name__ for i in items] == ["Skipped", "Document", "Skipped"]
    assert [i.code for i in items if isinstance(i, Skipped)] == ["E100", "E124"]


def test_example_article_reads_as_text(astana_path: Path) -> None:
    document = read_one(astana_path)
    assert isinstance(document, Document)
    assert document.text == normalise_text(astana_path.read_text(encoding="utf-8"))
    assert document.meta.source == str(astana_path)
