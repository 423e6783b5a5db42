from __future__ import annotations

from spinscope.document import Document, Part
from spinscope.sentences import sentence_bounds, split_sentences


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_bounds(text)]


def test_basic_split() -> None:
    assert _texts("One fine day. Two more days! Three? Four.") == [
        "One fine day.",
        "Two more days!",
        "Three?",
        "Four.",
    ]


def test_abbreviations_and_initials() -> None:
    text = "Mr. Olaf Brenn met Dr. J. K. Lorre of the U.S. Agency for Trade. They talked."
    assert _texts(text) == [
        "Mr. Olaf Brenn met Dr. J. K. Lorre of the U.S. Agency for Trade.",
        "They talked.",
    ]


def test_quotes_and_lines() -> None:
    text = "He said: “It is over.” Then he left.\nNext line without stop\n\n  Indented one.  "
    assert _texts(text) == [
        "He said: “It is over.”",
        "Then he left.",
        "Next line without stop",
        "Indented one.",
    ]


def test_lowercase_after_stop_is_not_a_boundary() -> None:
    assert _texts("The price rose by 3.5 per cent. the end") == [
        "The price rose by 3.5 per cent. the end"
    ]


def test_cyrillic_and_cjk() -> None:
    assert _texts("Это первое. Это второе.") == ["Это первое.", "Это второе."]
    assert _texts("这是第一句。这是第二句。") == ["这是第一句。", "这是第二句。"]


def test_split_sentences_respects_parts() -> None:
    text = "Title Words\n\nBody one. Body two."
    doc = Document(text, parts=(Part("title", 0, 11), Part("paragraph", 13, len(text))))
    assert split_sentences(doc).sentence_texts() == ["Title Words", "Body one.", "Body two."]


def test_offsets_exact_and_trimmed() -> None:
    text = "  A b c.   D e f?  \n\n G.  "
    for s, e in sentence_bounds(text):
        assert not text[s].isspace() and not text[e - 1].isspace()
