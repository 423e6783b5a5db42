"""Simple rules for four persuasion techniques, each with the rule as explanation.

* repetition: a phrase of two to six words, with a content word, said again later in the article
  (the later occurrences are marked; names are not phrases);
* slogans: a run of two or more words in capitals, or a short exclamation in capitals;
* scare quotes (loaded language): one to three lower-case words in quotation marks that nobody
  is quoted as saying;
* rhetorical questions (doubt): a question the article asks itself, outside any quotation.

The rules are cheap but imprecise: on the PTC training articles only a small share of their
matches overlap a gold span of the same technique (:data:`PRECISION`, measured by
``spinscope train techniques`` and recorded in the techniques model card). A match's score is
that share. The ``techniques`` detector uses the matches as classifier features and as notes in
its explanations, and emits them as findings of their own only where the share is high enough.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from typing import Final

from spinscope import taxonomy
from spinscope.document import Document, Span, make_span
from spinscope.records import TechniqueAttrs
from spinscope.vocabulary import part_kind

NAME: Final = "technique_rules"
VERSION: Final = "1"
DETECTOR: Final = f"{NAME}@{VERSION}"
LABELS: Final = ("repetition", "slogans", "loaded_language", "doubt")
# Same-technique precision of each rule on the PTC training articles (rounded).
PRECISION: Final = {"repetition": 0.04, "slogans": 0.05, "loaded_language": 0.08, "doubt": 0.16}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Parts whose text is the article's own running text.
STOPWORDS: Final = _words(
    """a an the and or but if then so of in on at to for from by with as is are was were be been
    being it its this that these those he she they we you i his her their our your my me him them
    us not no do does did has have had will would can could should may might must shall than
    there here which who whom whose what when where why how all any each some such very just
    also only into over under about after before again more most other own same too s t"""
)
REPORTING: Final = _words(
    """said says say saying called calls call calling described describes describing referred
    refers referring labelled labeled labels dubbed dubs termed terms named names branded brands
    wrote writes write put puts told tells tweeted posted"""
)

# Article text is hostile: every pattern here is matched in linear time. A word in capitals is at
# most 40 characters (so a run like 'A-A-A-...' is not read again from each of its capitals), a
# quotation is found by :func:`_quotations` instead of a pattern that reads to the end of the text
# from every opening quote that is never closed.
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")
_CAPS_RUN = re.compile(r"\b[A-Z][A-Z'’-]{1,40}(?:[ \t]+[A-Z][A-Z'’-]{1,40})+\b[!]*")
_QUOTED = re.compile(r"[\"“«]([^\"”»\n]{1,40})[\"”»]")
_OPENING = re.compile(r"[\"“«]")
_CLOSING = re.compile(r"[\"”»]")


def detect(document: Document) -> list[Span]:
    """All rule findings in a document."""
    spans: list[Span] = []
    text = document.text
    for part in document.parts:
        if part_kind(part.kind).claim_bearing:
            spans.extend(_slogans(document, part.start, part.end))
            spans.extend(_scare_quotes(document, part.start, part.end))
    spans.extend(_questions(document))
    spans.extend(_repetitions(document))
    if not document.parts:
        spans.extend(_slogans(document, 0, len(text)))
        spans.extend(_scare_quotes(document, 0, len(text)))
    return spans


def _span(document: Document, start: int, end: int, label: str, score: float, why: str) -> Span:
    technique = taxonomy.by_label(label)
    return make_span(
        document,
        start,
        end,
        layer="technique",
        label=label,
        score=score,
        detector=DETECTOR,
        explanation=why,
        attrs=TechniqueAttrs(ptc_label=technique.ptc_label, technique_name=technique.name),
    )


def _slogans(document: Document, start: int, end: int) -> list[Span]:
    found = []
    for match in _CAPS_RUN.finditer(document.text, start, end):
        words = _WORD.findall(match.group(0))
        if len(words) < 2 or not any(len(w) >= 4 for w in words):
            continue
        if all(len(w) <= 4 for w in words) and not match.group(0).endswith("!"):
            continue  # a run of acronyms ("NATO EU"), not a slogan
        found.append(
            _span(
                document,
                match.start(),
                match.end(),
                "slogans",
                PRECISION["slogans"],
                "rule: words in capitals",
            )
        )
    return found


def _scare_quotes(document: Document, start: int, end: int) -> list[Span]:
    text = document.text
    found = []
    for match in _QUOTED.finditer(text, start, end):
        inner = match.group(1).strip()
        words = _WORD.findall(inner)
        if not 1 <= len(words) <= 3 or not inner[:1].islower():
            continue
        before = _WORD.findall(text[max(start, match.start() - 60) : match.start()].lower())[-4:]
        if any(w in REPORTING for w in before) or _colon_before(text, match.start()):
            continue  # somebody is quoted: a quotation, not scare quotes
        found.append(
            _span(
                document,
                match.start(),
                match.end(),
                "loaded_language",
                PRECISION["loaded_language"],
                "rule: scare quotes around words nobody is quoted as saying",
            )
        )
    return found


def _colon_before(text: str, at: int) -> bool:
    """Is the last character before ``at`` that is not white space a colon?"""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return at > 0 and text[at - 1] == ":"


def _quotations(text: str) -> list[tuple[int, int]]:
    """Each opening quote with the first closing quote after it, left to right, not overlapping
    (what ``[\"“«][^\"”»]*[\"”»]`` finds, in one pass)."""
    found: list[tuple[int, int]] = []
    at = 0
    while (opening := _OPENING.search(text, at)) is not None:
        closing = _CLOSING.search(text, opening.end())
        if closing is None:
            break  # no quotation opened here or later is ever closed
        found.append((opening.start(), closing.end()))
        at = closing.end()
    return found


def _inside(quoted: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Does a sentence ``[start, end)`` begin or end inside one of the sorted quotations?"""
    at = bisect.bisect_right(starts, start) - 1
    if at >= 0 and start < quoted[at][1]:
        return True  # qs <= start < qe
    at = bisect.bisect_left(starts, end) - 1
    return at >= 0 and end <= quoted[at][1]  # qs < end <= qe


def _questions(document: Document) -> list[Span]:
    text = document.text
    kinds = {(p.start, p.end): p.kind for p in document.parts}
    found = []
    quoted = _quotations(text)
    starts = [qs for qs, _ in quoted]
    for start, end in document.sentences:
        sentence = text[start:end]
        if not sentence.endswith("?") or kinds.get((start, end)) == "title":
            continue
        if _inside(quoted, starts, start, end):
            continue
        if len(_WORD.findall(sentence)) < 3:
            continue
        found.append(
            _span(
                document,
                start,
                end,
                "doubt",
                PRECISION["doubt"],
                "rule: a question the article asks itself",
            )
        )
    return found


def _repetitions(document: Document) -> list[Span]:
    text = document.text
    tokens = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(text)]
    words = [t[2] for t in tokens]
    seen: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for n in range(6, 1, -1):
        grams = list(zip(*(words[k:] for k in range(n)), strict=False))
        counts = Counter(grams)
        for i, gram in enumerate(grams):
            if counts[gram] < 2:
                continue  # the checks below only matter for a phrase that comes back
            if gram[0] in STOPWORDS or gram[-1] in STOPWORDS:
                continue
            if not any(len(w) >= 4 and w not in STOPWORDS for w in gram):
                continue
            surface = text[tokens[i][0] : tokens[i + n - 1][1]]
            if "\n" in surface or all(w[:1].isupper() for w in surface.split()):
                continue  # across lines, or a name ("Harbour Renewal Fund")
            seen[gram].append(i)
    found: list[Span] = []
    # The words already marked: two phrases overlap in the text exactly when they share a word.
    taken = bytearray(len(tokens))
    for gram, starts in sorted(seen.items(), key=lambda kv: (-len(kv[0]), kv[1][0])):
        if len(starts) < 2:
            continue
        n = len(gram)
        for i in starts[1:]:
            s, e = tokens[i][0], tokens[i + n - 1][1]
            if any(taken[i : i + n]):
                continue  # inside a longer repeated phrase already marked
            taken[i : i + n] = b"\x01" * n
            found.append(
                _span(
                    document,
                    s,
                    e,
                    "repetition",
                    PRECISION["repetition"],
                    f"rule: the phrase occurs {len(starts)} times in the article",
                )
            )
    return found
