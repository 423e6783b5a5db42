"""Sourcing in Russian: the grade of every claim sentence from Russian cues, and who speaks.

The grades are the English ones (:mod:`spinscope.detectors.sourcing`), the strongest that
applies:

* ``named`` (``named_with_link`` with an in-text link): "по словам X", "по мнению X", "по
  данным X", "как пишет X", "как сообщает X"; a reporting verb with a named speaker ("X заявил",
  "сообщил X", "«...», – сказала X"); "по её словам" speaks for the named source of the sentence
  before;
* ``anonymous``: "по данным наших источников", "источник в ...", "осведомлённый источник", "на
  условиях анонимности";
* ``hedged``: "как стало известно", "сообщается", "якобы", "по неподтверждённым данным", "по
  некоторым данным", "предположительно", ...;
* ``unattributed``: none of these.

A sentence that only doubts what came before it ("Доказательств издание не приводит") hedges the
claim sentence just before it.

The module returns plain records; :mod:`spinscope.detectors.sourcing` turns them into its own
``SentenceGrade`` and ``Attribution`` records, so allegations read Russian grades as English ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Final

from spinscope.detectors import lexicons_ru as lx
from spinscope.detectors import russian as ru
from spinscope.detectors.cast import Cast, Mention
from spinscope.detectors.grades import explain_grade, has_link
from spinscope.document import Document, Span, make_span
from spinscope.records import SourcingAttrs

SCORES: Final = {"named_with_link": 0.9, "named": 0.85, "anonymous": 0.8, "hedged": 0.8}
ORDER: Final = ("named_with_link", "named", "anonymous", "hedged")
SPEAKER_KINDS: Final = frozenset({"person", "organisation"})
SPEAKER_WINDOW: Final = 80  # characters between a speaker's name and its reporting verb
_WORD: Final = re.compile(r"[\w-]+")
_CLAUSE: Final = re.compile(r"[,;:]|\s[–—-]\s")


@dataclass(frozen=True, slots=True)
class RuAttribution:
    """A source and the stretch of the sentence it covers (the fields of sourcing's
    ``Attribution``)."""

    start: int
    end: int
    grade: str  # "named" or "anonymous"
    speaker: str | None  # the actor id
    phrase: str
    cue: tuple[int, int]
    condemns: bool = False
    according: bool = False
    verb: str = ""


@dataclass(frozen=True, slots=True)
class RuGrade:
    """The sourcing of one claim sentence."""

    start: int
    end: int
    grade: str
    speaker: str | None = None
    hedge: tuple[int, int] | None = None
    source: str | None = None
    attributions: tuple[RuAttribution, ...] = ()


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    grade: str
    speaker: str | None
    name: str | None


@dataclass(slots=True)
class RuSourcing:
    findings: list[Span] = field(default_factory=list)
    grades: list[RuGrade] = field(default_factory=list)


def grade_sentences(
    document: Document, cast: Cast, claims: list[tuple[int, int]], detector: str
) -> RuSourcing:
    """Cue findings (made by ``detector``) and the grade of every claim sentence of a Russian
    document."""
    text = document.text
    index_of = {(s.start, s.end): i for i, s in enumerate(cast.parse.sentences)}
    by_sentence: dict[int, list[Mention]] = {}
    for mention in cast.mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    grades: list[RuGrade] = []
    cues_of: list[list[_Cue]] = []
    for number, (start, end) in enumerate(claims):
        index = index_of.get((start, end))
        mentions = [
            m
            for m in (by_sentence.get(index, []) if index is not None else [])
            if cast.by_id(m.actor).kind in SPEAKER_KINDS
        ]
        attributions = _attributions(text, start, end, mentions, cast)
        if not any(a.grade == "named" for a in attributions):
            carried = _pronoun_source(text, start, end, grades[-2:] if number else [])
            attributions += carried
        cues = [
            _Cue(*a.cue, a.grade, a.speaker, _name(cast, a)) for a in attributions
        ] + _regex_cues(text, start, end)
        if any(c.grade == "named" for c in cues) and has_link(document, start, end):
            cues = [
                _Cue(c.start, c.end, "named_with_link", c.speaker, c.name)
                if c.grade == "named"
                else c
                for c in cues
            ]
        cues.sort(key=lambda c: (c.start, c.end))
        grade = next((g for g in ORDER if any(c.grade == g for c in cues)), "unattributed")
        speaker = next((c.speaker for c in cues if c.grade == grade and c.speaker), None)
        source = next((c.name for c in cues if c.grade == grade and not c.speaker and c.name), None)
        grades.append(RuGrade(start, end, grade, speaker, None, source, tuple(attributions)))
        cues_of.append(cues)
    applied: dict[int, list[tuple[int, int]]] = {}
    for number, (start, _end) in enumerate(claims):
        if number and lx.DISCLAIMER_SENTENCE.match(text, start):
            old = grades[number - 1]
            grades[number - 1] = RuGrade(
                old.start,
                old.end,
                "hedged",
                old.speaker,
                (start, _end),
                old.source,
                old.attributions,
            )
            applied[number] = [(old.start, old.end)]
            cues_of[number].append(_Cue(start, _end, "hedged", None, None))
    result = RuSourcing(grades=grades)
    for number, cues in enumerate(cues_of):
        key = claims[number]
        grade = grades[number].grade
        for cue in cues:
            targets = [key] if cue.grade == grade else []
            if cue.grade == "hedged":
                targets = applied.get(number, []) + targets
            result.findings.append(
                make_span(
                    document,
                    cue.start,
                    cue.end,
                    layer="sourcing",
                    label=cue.grade,
                    score=SCORES[cue.grade],
                    detector=detector,
                    explanation=explain_grade(cue.grade, cue.name),
                    attrs=SourcingAttrs(speaker=cue.name, sentence=key, grades=tuple(targets)),
                )
            )
    return result


def _name(cast: Cast, attribution: RuAttribution) -> str:
    return cast.by_id(attribution.speaker).name if attribution.speaker else attribution.phrase


def _regex_cues(text: str, start: int, end: int) -> list[_Cue]:
    cues = [
        _Cue(*m.span(), "anonymous", None, lx.SOURCE_LEAD.sub("", m.group().strip()))
        for m in lx.ANONYMOUS.finditer(text, start, end)
    ]
    for match in lx.HEDGED.finditer(text, start, end):
        if not any(c.start <= match.start() < c.end for c in cues):
            cues.append(_Cue(*match.span(), "hedged", None, None))
    return cues


def _attributions(
    text: str, start: int, end: int, mentions: list[Mention], cast: Cast
) -> list[RuAttribution]:
    """Named sources: "по словам X", "как пишет X", and speakers of reporting verbs."""
    found: list[RuAttribution] = []
    for match in lx.ACCORDING.finditer(text, start, end):
        if lx.ANONYMOUS.match(text, match.start()):
            continue  # "по данным наших источников"
        # the source follows the cue in its own phrase ("по словам депутата Анны Климовой")
        after = [
            m
            for m in mentions
            if match.end() <= m.start <= match.end() + 30
            and not _CLAUSE.search(text, match.end(), m.start)
            and not lx.ANONYMOUS.match(text, match.end())
        ]
        if after:
            found.append(
                RuAttribution(
                    start,
                    end,
                    "named",
                    after[0].actor,
                    text[after[0].start : after[0].end],
                    (match.start(), after[0].end),
                    according=True,
                    verb="according",
                )
            )
            continue
        stop = _CLAUSE.search(text, match.end(), end)
        limit = min(end, match.end() + 40, stop.start() if stop else end)
        words = list(_WORD.finditer(text, match.end(), limit))[:2]
        if words and not any(ru.lemma(w.group()) in ("наш", "источник") for w in words):
            phrase = text[words[0].start() : words[-1].end()]
            cue = (match.start(), words[-1].end())
            found.append(
                RuAttribution(
                    start,
                    end,
                    "named",
                    _described(cast, phrase),
                    phrase,
                    cue,
                    according=True,
                    verb="according",
                )
            )
    for word in _WORD.finditer(text, start, end):
        verb = _saying_lemma(word.group())
        if verb is None:
            continue
        mention = _speaker(text, word, mentions)
        last = found[-1] if found else None
        if (
            last is not None
            and last.speaker is not None
            and not last.according
            and not _CLAUSE.search(text, last.cue[1], word.start())
            and (mention is None or mention.start > last.cue[1])
        ):
            # "X обвинил Y в ... и потребовал": the coordinated verb is X's too
            found[-1] = replace(last, condemns=last.condemns or verb in lx.CONDEMNING_LEMMAS)
            continue
        if mention is None:
            continue
        cue = (min(mention.start, word.start()), max(mention.end, word.end()))
        if any(a.cue[0] < cue[1] and cue[0] < a.cue[1] for a in found):
            continue
        found.append(
            RuAttribution(
                start,
                end,
                "named",
                mention.actor,
                text[mention.start : mention.end],
                cue,
                condemns=verb in lx.CONDEMNING_LEMMAS,
                verb=verb,
            )
        )
    return found


def _described(cast: Cast, phrase: str) -> str | None:
    """The one organisation a one-word source describes ("по данным издания" after "издания
    «Берег правды»"), else None."""
    words = phrase.split()
    if len(words) != 1:
        return None
    lemma = ru.lemma(words[0])
    owners = [
        a.id
        for a in cast.actors
        if a.kind == "organisation"
        and any(ru.lemma(d.text.split()[-1]) == lemma for d in a.descriptors if d.text.split())
    ]
    return owners[0] if len(owners) == 1 else None


def _saying_lemma(word: str) -> str | None:
    """The lemma of a finite reporting verb ("заявила" -> "заявить") or of a short adjective
    of conviction ("уверена" -> "уверенный"), else None."""
    for parse in ru.analyses(word.casefold()):
        if parse.tag.POS == "VERB" and parse.normal_form in lx.SAYING_LEMMAS:
            return str(parse.normal_form)
        if parse.tag.POS in ("ADJS", "PRTS") and parse.normal_form in lx.CONVINCED_LEMMAS:
            return str(parse.normal_form)
    return None


def _subject_form(word: str, verb: str) -> bool:
    """Whether a name word can be the nominative subject of ``verb`` (gender agreeing in the
    past tense: "Дронова" is no subject of "потребовал")."""
    gender = next((p.tag.gender for p in ru.analyses(verb.casefold()) if p.tag.POS == "VERB"), None)
    parses = [
        p
        for p in ru.analyses(word.casefold())
        if any(t in p.tag for t in ("Surn", "Name", "Orgn", "Geox")) and p.tag.case == "nomn"
    ]
    if not parses:
        return "nomn" in ru.cases(word)
    return gender is None or any(p.tag.gender in (gender, None) for p in parses)


def _speaker(text: str, verb: re.Match[str], mentions: list[Mention]) -> Mention | None:
    """The named speaker of a reporting verb: a name in the nominative just before it in the
    same clause ("Климова заявила"), else just after it ("– сказала Климова")."""
    before = [
        m
        for m in mentions
        if m.end <= verb.start()
        and verb.start() - m.end <= SPEAKER_WINDOW
        and _same_clause(text, m.end, verb.start())
        and _subject_form(text[m.start : m.end].split()[-1], verb.group())
    ]
    if before:
        return before[-1]
    after = [
        m
        for m in mentions
        if m.start >= verb.end()
        and _titles_only(text, verb.end(), m.start)
        and _subject_form(text[m.start : m.end].split()[-1], verb.group())
    ]
    return after[0] if after else None


def _titles_only(text: str, start: int, end: int) -> bool:
    """Whether only a few words with no verb (a title: "депутат", "газета «") stand between a
    verb and the name after it."""
    between = text[start:end]
    if len(between) > 40 or _CLAUSE.search(between):
        return False
    return all(
        not ru.analyses(w.group().casefold())
        or ru.analyses(w.group().casefold())[0].tag.POS not in ("VERB", "INFN", "PREP", "CONJ")
        for w in _WORD.finditer(between)
    )


_INSERTION: Final = re.compile(r"\s*,\s*([\w-]+)(?:\s+([\w-]+))?[^.!?;«»\"“”]*,\s*")


def _same_clause(text: str, start: int, end: int) -> bool:
    """Whether a name at ``start`` and a verb at ``end`` share a clause: nothing between them
    but words, or a relative or participial insertion ("Саблина, возглавляющая комитет, заявила";
    "Кречет, которая, по некоторым данным, ..., написала")."""
    if not _CLAUSE.search(text, start, end):
        return True
    match = _INSERTION.fullmatch(text, start, end)
    if match is None:
        return False
    heads = [w for w in match.groups() if w]
    return heads[0].casefold().startswith("котор") or any(
        ru.analyses(w.casefold())[0].tag.POS == "PRTF" for w in heads if ru.analyses(w.casefold())
    )


def _pronoun_source(text: str, start: int, end: int, earlier: list[RuGrade]) -> list[RuAttribution]:
    """ "По её словам": the named speaker of the sentence before (or the one before that)."""
    match = lx.PRONOUN_SOURCE.search(text, start, end)
    if match is None:
        return []
    for grade in reversed(earlier):
        named = [a for a in grade.attributions if a.grade == "named" and a.speaker]
        if named:
            source = named[0]
            return [
                RuAttribution(
                    start,
                    end,
                    "named",
                    source.speaker,
                    source.phrase,
                    match.span(),
                    according=True,
                    verb="according",
                )
            ]
    return []
