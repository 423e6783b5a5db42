"""Sentence boundaries: fast rules, inside each structural part.

Lines are always boundaries (the PTC layout puts one sentence per line). Inside a line a sentence
ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets) followed by white space
and a capital, digit, quote or opening bracket, unless the word before the stop is a known
abbreviation or a single initial. Parts that are not running text (title, dateline, byline,
source, ...) are one sentence each.
"""

from __future__ import annotations

import re
from typing import Final

from spinscope.components import ComponentSpec, unconfigured
from spinscope.document import Document
from spinscope.vocabulary import part_kind

ABBREVIATIONS: Final = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "rep",
        "sen",
        "gov",
        "pres",
        "rev",
        "hon",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "cf",
        "al",
        "approx",
        "dept",
        "est",
        "fig",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "nos",
        "vol",
        "pp",
        "p",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "a.m",
        "p.m",
        "d.c",
    ]
)

# A stop is tried only at the first mark of a run (the look-behind), and the marks and closers are
# taken possessively: a run is read once, so a line of 80,000 dots costs linear time. Neither
# changes what matches (the marks, the closers and white space are disjoint classes).
_BOUNDARY = re.compile(
    r"(?<![.!?…])[.!?…]++[\"'”’»)\]]*+"
    r"(?=\s+[\"'“‘«(\[]?[A-Z0-9А-ЯЁ\u0400-\u04ff\u4e00-\u9fff])"
)
_CJK_STOP = re.compile(r"[。！？]")
_WORD_REACH: Final = 64  # how far back the word before a stop is read


def _is_abbreviation(text: str, stop: int) -> bool:
    """Is the '.' at ``stop`` the end of an abbreviation or initial rather than a sentence?"""
    if text[stop] != ".":
        return False
    low = max(0, stop - _WORD_REACH)
    # The longest run of word characters and dots ending at the stop, or (as a '$' reads the end
    # of the window) just before a newline that ends it.
    last = stop - 1 if stop - 1 > low and text[stop - 1] == "\n" else stop
    begin = last
    while begin > low and (text[begin - 1].isalnum() or text[begin - 1] in "_."):
        begin -= 1
    if begin == last:
        return False
    word = text[begin:last]
    if len(word) == 1 and word.isupper():
        return True  # an initial: "J. Smith"
    return word.lower().rstrip(".") in ABBREVIATIONS


def sentence_bounds(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence ranges within ``text[start:end]``, trimmed of surrounding white space."""
    end = len(text) if end is None else end
    bounds: list[tuple[int, int]] = []
    line_start = start
    while line_start < end:
        newline = text.find("\n", line_start, end)
        line_end = end if newline == -1 else newline
        _split_line(text, line_start, line_end, bounds)
        line_start = line_end + 1
    return bounds


def _split_line(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    cut = start
    # On the line alone: the look-behind must not see a stop that ends the part before it.
    for match in _BOUNDARY.finditer(text[start:end]):
        if _is_abbreviation(text, start + match.start()):
            continue
        _append_trimmed(text, cut, start + match.end(), out)
        cut = start + match.end()
    for match in _CJK_STOP.finditer(text, cut, end):
        _append_trimmed(text, cut, match.end(), out)
        cut = match.end()
    _append_trimmed(text, cut, end, out)


def _append_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))


def split_sentences(document: Document) -> Document:
    """A new Document whose sentences are found inside each part (or the whole text)."""
    text = document.text
    bounds: list[tuple[int, int]] = []
    if not document.parts:
        bounds = sentence_bounds(text)
    for part in document.parts:
        if part_kind(part.kind).split:
            bounds.extend(sentence_bounds(text, part.start, part.end))
        else:
            _append_trimmed(text, part.start, part.end, bounds)
    return document.evolve(sentences=tuple(bounds))


COMPONENT: Final = ComponentSpec(
    name="sentences",
    version="1",
    kind="annotator",
    factory=unconfigured(split_sentences),
    requires=("doc.parts",),
    assigns=("doc.sentences",),
    description="sentence boundaries inside each part",
)
