"""Sourcing: who a statement rests on, and a grade for every claim sentence.

A *claim sentence* is a sentence of running text (a paragraph, or the whole text when the
document has no parts) that asserts something: at least four words, not a question. Each gets
one grade, the strongest that applies:

* ``named_with_link``: a named person or organisation is the source, and the sentence holds an
  in-text link;
* ``named``: a named source ("X said", "according to X", a quote with its speaker);
* ``anonymous``: an unnamed source ("our sources", "a source close to", "insiders", "officials
  who spoke on condition of anonymity", "one guest told us");
* ``hedged``: the text keeps its distance ("it is understood", "reportedly", "it was reported",
  "allegedly", "it seems", "rumour has it");
* ``unattributed``: the author asserts it on no stated source.

A sentence that only comments on the truth of what came before it ("Whether that is true or
not, we could not confirm") hedges the claim sentence just before it as well: that claim is
graded hedged and remembers the hedge.

Findings in layer ``sourcing`` mark the cue words, labelled with the grade they give, with
attributes ``speaker`` (a name or None), ``sentence`` ([start, end]) and ``grades`` (the claim
sentences whose grade the cue sets). :func:`sentence_grades` reads the grade of every claim
sentence back from these findings, so later detectors need not run this one again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from spinscope.components import (
    ComponentSpec,
    LayerLabels,
    Output,
    Product,
    Products,
    labels_of,
    unconfigured,
)
from spinscope.detectors import lexicons as lx
from spinscope.detectors.actors import CAST
from spinscope.detectors.cast import Cast, Mention
from spinscope.document import Document, Span, make_span
from spinscope.nlp import running_sentences
from spinscope.records import SourcingAttrs
from spinscope.vocabulary import part_kind

NAME: Final = "sourcing"
VERSION: Final = "1"
DETECTOR: Final = f"{NAME}@{VERSION}"
CUE_LABELS: Final = ("named_with_link", "named", "anonymous", "hedged")
MIN_CLAIM_WORDS: Final = 4
SPEAKER_WINDOW: Final = 60  # characters between a speaker's name and its reporting verb
_WORD: Final = re.compile(r"[\w'’-]+")
_REPORTED: Final = re.compile(r"\s*(?:that\b|:|,?\s*[\"“«])")
SCORES: Final = {"named_with_link": 0.9, "named": 0.85, "anonymous": 0.8, "hedged": 0.8}


@dataclass(frozen=True, slots=True)
class SentenceGrade:
    """The sourcing of one claim sentence."""

    start: int
    end: int
    grade: str
    speaker: str | None = None  # the actor id of a named source, when there is one
    hedge: tuple[int, int] | None = None  # a later sentence that hedges this one


@dataclass(frozen=True, slots=True)
class Sourcing:
    """Cue findings and the grade of every claim sentence, by (start, end)."""

    findings: tuple[Span, ...]
    grades: dict[tuple[int, int], SentenceGrade]


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    grade: str
    speaker: str | None  # actor id
    speaker_name: str | None


def claim_sentences(document: Document) -> list[tuple[int, int]]:
    """The (start, end) of every claim sentence of ``document``, in order."""
    out: list[tuple[int, int]] = []
    for start, end, kind in running_sentences(document):
        if not part_kind(kind).graded:
            continue
        sentence = document.text[start:end].rstrip()
        if sentence.endswith("?") or len(_WORD.findall(sentence)) < MIN_CLAIM_WORDS:
            continue
        out.append((start, end))
    return out


def grade_sentences(document: Document, cast: Cast) -> Sourcing:
    """Sourcing cue findings and the grade of every claim sentence."""
    text = document.text
    claims = claim_sentences(document)
    index_of = {(s.start, s.end): i for i, s in enumerate(cast.parse.sentences)}
    grades: dict[tuple[int, int], SentenceGrade] = {}
    cues_of: dict[tuple[int, int], list[_Cue]] = {}
    for start, end in claims:
        index = index_of.get((start, end))
        mentions = cast.in_sentence(index) if index is not None else []
        cues = _cues(text, start, end, mentions, cast)
        if any(c.grade == "named" for c in cues) and has_link(document, start, end):
            cues = [
                _Cue(c.start, c.end, "named_with_link", c.speaker, c.speaker_name)
                if c.grade == "named"
                else c
                for c in cues
            ]
        grade = next((g for g in CUE_LABELS if any(c.grade == g for c in cues)), "unattributed")
        speaker = next((c.speaker for c in cues if c.grade == grade and c.speaker), None)
        grades[(start, end)] = SentenceGrade(start, end, grade, speaker)
        cues_of[(start, end)] = cues
    applied: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for number, (start, end) in enumerate(claims):
        if number and lx.DISCLAIMER_SENTENCE.match(text, start):
            before = claims[number - 1]
            old = grades[before]
            grades[before] = SentenceGrade(*before, "hedged", old.speaker, (start, end))
            applied[(start, end)] = [before]
    findings: list[Span] = []
    for key, cues in cues_of.items():
        grade = grades[key].grade
        for cue in cues:
            targets = [key] if cue.grade == grade else []
            if cue.grade == "hedged":
                targets = applied.get(key, []) + targets
            findings.append(
                make_span(
                    document,
                    cue.start,
                    cue.end,
                    layer="sourcing",
                    label=cue.grade,
                    score=SCORES[cue.grade],
                    detector=DETECTOR,
                    explanation=_explain(cue),
                    attrs=SourcingAttrs(
                        speaker=cue.speaker_name, sentence=key, grades=tuple(targets)
                    ),
                )
            )
    return Sourcing(tuple(findings), grades)


def sentence_grades(document: Document, findings: Iterable[Span]) -> dict[tuple[int, int], str]:
    """The grade of every claim sentence, read back from ``sourcing`` cue findings."""
    grades = {key: "unattributed" for key in claim_sentences(document)}
    cues = [f for f in findings if f.layer == "sourcing" and f.label in CUE_LABELS]
    graded = [(f, f.attrs.grades) for f in cues if isinstance(f.attrs, SourcingAttrs)]
    for finding, pairs in sorted(graded, key=lambda fp: (len(fp[1]) > 1, fp[0].start)):
        for key in pairs:
            if key in grades:
                grades[key] = finding.label
    return grades


def _explain(cue: _Cue) -> str:
    if cue.grade in ("named", "named_with_link"):
        return f"attributed to a named source: {cue.speaker_name}"
    if cue.grade == "anonymous":
        return "attributed to an unnamed source"
    return "the text keeps its distance from the claim (hedge)"


def has_link(document: Document, start: int, end: int) -> bool:
    return any(link.start < end and link.end > start for link in document.links)


def _cues(text: str, start: int, end: int, mentions: list[Mention], cast: Cast) -> list[_Cue]:
    cues: list[_Cue] = []
    sources = [
        m for m in mentions if cast.by_id(m.actor).kind in ("person", "organisation", "group")
    ]
    for match in lx.HEDGED.finditer(text, start, end):
        cues.append(_Cue(match.start(), match.end(), "hedged", None, None))
    for match in lx.ACCORDING_TO.finditer(text, start, end):
        after = [
            m
            for m in sources
            if 0 <= m.start - match.end() <= 40 and "," not in text[match.end() : m.start]
        ]
        if after:
            people = [m for m in after if cast.by_id(m.actor).kind == "person"]
            who = (people or after)[0]
            name = cast.by_id(who.actor).name
            cues.append(_Cue(match.start(), who.end, "named", who.actor, name))
        else:
            cues.append(_Cue(match.start(), match.end(), "anonymous", None, None))
    for match in lx.ANONYMOUS.finditer(text, start, end):
        if not any(c.start <= match.start() < c.end for c in cues):
            cues.append(_Cue(match.start(), match.end(), "anonymous", None, None))
    for match in _WORD.finditer(text, start, end):
        low = match.group().casefold()
        if low not in lx.REPORTING_VERBS:
            continue
        if low not in lx.SPEECH_VERBS and not _REPORTED.match(text, match.end()):
            continue
        if any(c.start <= match.start() < c.end for c in cues):
            continue
        cue = _speaker_cue(text, match, sources, cast)
        if cue is not None and cue.speaker is not None:
            # "our sources in the Ministry say": the ministry is where the sources are
            unnamed = [c for c in cues if c.grade == "anonymous" and c.end <= cue.start]
            if any(cue.start - c.end <= 6 for c in unnamed):
                cue = _Cue(match.start(), match.end(), "anonymous", None, None)
        if cue is None:
            continue
        if cue.grade == "anonymous" and any(0 <= cue.start - c.end <= 15 for c in cues):
            continue  # "our sources say": the subject is already marked
        cues.append(cue)
    return sorted(cues, key=lambda c: (c.start, c.end))


def _speaker_cue(text: str, verb: re.Match[str], sources: list[Mention], cast: Cast) -> _Cue | None:
    before = [
        m
        for m in sources
        if 0 <= verb.start() - m.end <= SPEAKER_WINDOW
        and not re.search(r"[.;:!?]", text[m.end : verb.start()])
    ]
    for who in reversed(before):
        gap = text[who.end : verb.start()]
        # "X, a member of ..., insists": skip one apposition; otherwise the name must be close.
        close = len(_WORD.findall(gap)) <= 2 and "," not in gap
        if close or re.fullmatch(r"\s*,[^,]*,\s*", gap):
            actor = cast.by_id(who.actor)
            grade = "named" if actor.kind in ("person", "organisation") else "anonymous"
            return _Cue(who.start, verb.end(), grade, who.actor, actor.name)
    after = [m for m in sources if 0 <= m.start - verb.end() <= 2]
    if after:
        actor = cast.by_id(after[0].actor)
        return _Cue(verb.start(), after[0].end, "named", after[0].actor, actor.name)
    words = _WORD.findall(text[max(0, verb.start() - 30) : verb.start()])
    if words and words[-1].casefold() in lx.ANONYMOUS_SUBJECTS:
        return _Cue(verb.start(), verb.end(), "anonymous", None, None)
    return None


SOURCING: Final = Product("sourcing", Sourcing, "the sourcing grade of every claim sentence")


def _run(document: Document, products: Products) -> Output:
    cast = products.find(CAST)
    if cast is None:
        return Output()
    sourcing = grade_sentences(document, cast)
    return Output(findings=sourcing.findings, made={SOURCING: sourcing})


COMPONENT: Final = ComponentSpec(
    name=NAME,
    version=VERSION,
    kind="detector",
    factory=unconfigured(_run),
    requires=(CAST.key,),
    assigns=(SOURCING.key, "findings.sourcing"),
    layers={
        "sourcing": LayerLabels(labels_of(CUE_LABELS, {"named_with_link": "Named, with a link"}))
    },
    description="sourcing grades of claim sentences, with their cue words (rules)",
)
