"""Decoding technique spans: whole words only, on hand-made sentences and on every example."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from spinscope.detectors.technique_model import (
    Decoding,
    TokenSeq,
    decode,
    token_sequences,
    whole_words,
)
from spinscope.detectors.techniques import detect, with_sentences
from spinscope.document import Document, Skipped
from spinscope.ingest import read_inputs
from spinscope.pipeline import Pipeline
from tests.conftest import EXAMPLES, SHARED, need_shared

JOINERS = frozenset("-\u2010\u2011'\u2019")
EVERYTHING = Decoding(high=0.5, low=0.5, gap=0)


def cuts_a_word(text: str, at: int) -> bool:
    """Whether a span edge at ``at`` falls inside a word: between two letters or digits, or
    beside a hyphen or apostrophe that joins two of them, or inside a number ("3.5")."""
    if not 0 < at < len(text):
        return False
    left, right = text[at - 1], text[at]
    if left.isalnum() and right.isalnum():
        return True
    if left.isalnum() and right in JOINERS:
        return at + 1 < len(text) and text[at + 1].isalnum()
    if left in JOINERS and right.isalnum():
        return at >= 2 and text[at - 2].isalnum()
    if left.isdigit() and right in ".,":
        return at + 1 < len(text) and text[at + 1].isdigit()
    if left in ".," and right.isdigit():
        return at >= 2 and text[at - 2].isdigit()
    return False


def seq_of(text: str) -> TokenSeq:
    return token_sequences(text, [(0, len(text))])[0]


def spans(text: str, inside: str, *, snap: str = "out") -> list[str]:
    """Decode ``text`` with probability 1 on the tokens of the first ``inside`` and 0 elsewhere."""
    seq = seq_of(text)
    start = text.index(inside)
    end = start + len(inside)
    probs = np.array([1.0 if start <= s and e <= end else 0.0 for s, e in seq.offsets])
    return [text[g.start : g.end] for g in decode(seq, probs, EVERYTHING, snap=snap)]


@pytest.mark.parametrize(
    ("text", "inside", "out", "in_"),
    [
        ("a blatantly anti-war speech", "blatantly anti-", "blatantly anti-war", "blatantly"),
        ("the theme of the so-called reform", "theme of the so-", "theme of the so-called",
         "theme of the"),
        ("the so-called reform", "-called reform", "so-called reform", "reform"),
        ("a well\u2011known liar", "known liar", "well\u2011known liar", "liar"),
        ("rates of 3.5 per cent", "5 per cent", "3.5 per cent", "per cent"),
        ("явно анти-российская риторика", "явно анти-", "явно анти-российская", "явно"),
        ("суто про-урядова позиція", "урядова позиція", "про-урядова позиція", "позиція"),
    ],
)  # fmt: skip
def test_edges_snap_to_whole_words(text: str, inside: str, out: str, in_: str) -> None:
    assert spans(text, inside, snap="out") == [out]
    assert spans(text, inside, snap="in") == [in_]
    assert spans(text, inside, snap="none") == [inside]  # as the tokens fell


def test_a_quote_at_an_edge_brings_its_partner() -> None:
    text = 'They call it a "so-called" reform.'
    assert spans(text, '"so-called') == ['"so-called"']
    assert spans(text, 'so-called"') == ['"so-called"']
    assert spans(text, "called") == ["so-called"]  # no quote at an edge: none added
    curly = "the \u201cheroic\u201d rescue"
    assert spans(curly, "\u201cheroic") == ["\u201cheroic\u201d"]
    guillemets = "так называемая \u00abреформа\u00bb власти"
    assert spans(guillemets, "\u00abреформа") == ["\u00abреформа\u00bb"]


def test_an_apart_hyphen_or_dash_is_no_join() -> None:
    text = "pro- and anti-war voices"
    assert spans(text, "pro-") == ["pro-"]  # a suspended hyphen ends its word
    dashed = "a lie - a shameful lie"
    assert spans(dashed, "a shameful lie") == ["a shameful lie"]
    assert whole_words(seq_of("word"), 0, 0, "out") == (0, 0)


def test_narrowing_may_leave_nothing() -> None:
    assert spans("the so-called reform", "so-", snap="in") == []
    with pytest.raises(ValueError, match="unknown snap mode"):
        whole_words(seq_of("a b"), 0, 1, "sideways")


def _edges_ok(document: Document, found: list[tuple[int, int]]) -> list[str]:
    text = document.text
    return [
        f"{text[max(0, s - 15) : e + 15]!r} [{s}, {e})"
        for s, e in found
        if cuts_a_word(text, s) or cuts_a_word(text, e)
    ]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_no_technique_finding_on_an_example_cuts_a_word(path: Path) -> None:
    document = next(iter(read_inputs([str(path)])))
    assert not isinstance(document, Skipped)
    analysis = Pipeline()(document)
    found = [(f.start, f.end) for f in analysis.findings if f.layer == "technique"]
    assert _edges_ok(analysis.document, found) == []


@pytest.mark.shared
def test_no_technique_finding_on_the_ptc_test_articles_cuts_a_word() -> None:
    folder = need_shared(SHARED / "data" / "ptc-semeval2020" / "test-articles")
    bad: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        document = with_sentences(Document(path.read_text("utf-8")))
        bad += _edges_ok(document, [(f.start, f.end) for f in detect(document)])
    assert bad == []
