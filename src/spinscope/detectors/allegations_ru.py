"""Allegations in Russian: the English types, from Russian cues, against the accused named actor.

Grammatical case tells the accused from the accuser and the victim, so each cue has one rule:

* an *accusation verb* ("обвинил", "подозревают", "задержали") accuses the name just after it in
  the accusative ("Гаврилов обвинил Дронова в экстремизме": Дронов; the type comes from what he
  is accused of, "в экстремизме"); as a participle ("Дронов задержан") the name before it;
* an *act* ("растратил", "солгал", "угрожал", "получил взятку", "получал деньги от зарубежных
  фондов", "работает на иностранные интересы") is alleged against the name in the nominative
  that does it, in the same clause before the verb ("Климова заявила, что Баранов растратил":
  Баранов; "угрожал бухгалтеру Елене Орловой": never Орлова, who is in the dative); a relative
  clause ("..., которая работает на ...") speaks of the name just before it;
* a *person noun* ("предатель", "экстремист") after "назвать"/"называть" names the accusative
  object ("называют Климову предательницей"); else the nominative name before it.

A cue with no such name, or with two candidates, gives no allegation: a wrong target is worse
than none. A cue after "не" is denied, not alleged.

``alleged_by`` is the named source of the sentence who is not the accused (an actor id, or the
source's words), else the unnamed source's words, else "author"; ``sourcing`` is the sentence's
grade, except that a hedge inside the allegation's own clause ("якобы") makes it ``hedged``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from spinscope.detectors import lexicons_ru as lx
from spinscope.detectors import russian as ru
from spinscope.detectors.cast import Cast, Mention
from spinscope.detectors.sourcing import SentenceGrade
from spinscope.document import Document, Span, make_span
from spinscope.records import AllegationAttrs

TARGET_KINDS: Final = frozenset({"person", "organisation", "group"})
SCORE: Final = 0.7
_WORD: Final = re.compile(r"[\w-]+")
_BOUNDARY: Final = re.compile(r"[,;:()]|\s[–—]\s|\bчто\b|\bчтобы\b|\bно\b|\bа\b")
_RELATIVE: Final = re.compile(r"(?i),\s*котор(?:ый|ая|ое|ые)\b")
_NAMING: Final = frozenset({"назвать", "называть", "считать"})


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    target: str
    type: str
    cue: str
    hedged: bool = False  # "X обвиняют в ...", "X подозревается в ...": accused by no one


def find_allegations(
    document: Document,
    cast: Cast,
    grades: dict[tuple[int, int], SentenceGrade],
    detector: str,
) -> list[Span]:
    """Allegation findings of a Russian document (see the module doc)."""
    text = document.text
    index_of = {(s.start, s.end): i for i, s in enumerate(cast.parse.sentences)}
    spans: list[Span] = []
    for key, grade in sorted(grades.items()):
        index = index_of.get(key)
        if index is None:
            continue
        mentions = [m for m in cast.in_sentence(index) if cast.by_id(m.actor).kind in TARGET_KINDS]
        if not mentions:
            continue
        seen: set[tuple[str, str]] = set()
        for found in _cues(text, key, mentions):
            if (found.target, found.type) in seen:
                continue
            seen.add((found.target, found.type))
            spans.append(_finding(document, cast, found, grade, detector))
    return sorted(spans, key=lambda s: (s.start, s.end, s.label))


def _cues(text: str, key: tuple[int, int], mentions: list[Mention]) -> list[_Found]:
    start, end = key
    found: list[_Found] = []
    for word in _WORD.finditer(text, start, end):
        if _negated(text, start, word.start()):
            continue
        for parse in ru.analyses(word.group().casefold()):
            lemma = str(parse.normal_form)
            if lemma in lx.ACCUSATION_VERBS and parse.tag.POS in ("VERB", "PRTS", "PRTF"):
                passive = parse.tag.POS != "VERB" or lemma.endswith("ся")
                hit = _accused(text, word, mentions, key, passive=passive)
                if hit is not None:
                    kind = _accused_of(text, word.end(), end) or lx.ACCUSATION_VERBS[lemma]
                    span = (min(hit.start, word.start()), max(hit.end, word.end()))
                    # accused by no one: passive, or impersonal ("обвиняют"), of no named act
                    bare = lx.ACCUSATION_VERBS[lemma] is None and hit.start < word.start()
                    found.append(_Found(*span, hit.actor, kind or "other", lemma, bare))
                break
            kind = lx.ACT_VERBS.get(lemma)
            if kind is not None and parse.tag.POS in ("VERB", "INFN"):
                subject = _doer(text, word.start(), mentions, start)
                if subject is not None:
                    found.append(_Found(subject.start, word.end(), subject.actor, kind, lemma))
                break
            if lemma in lx.PERSON_NOUNS and parse.tag.POS == "NOUN":
                named = _named(text, word.start(), mentions, start)
                if named is not None:
                    kind = lx.PERSON_NOUNS[lemma]
                    found.append(_Found(named.start, word.end(), named.actor, kind, lemma))
                break
    for pattern, kind in lx.ACT_PATTERNS:
        for match in pattern.finditer(text, start, end):
            if _negated(text, start, match.start()):
                continue
            subject = _doer(text, match.start(), mentions, start)
            if subject is not None:
                cue = match.group()
                found.append(_Found(subject.start, match.end(), subject.actor, kind, cue))
    return found


def _negated(text: str, start: int, position: int) -> bool:
    return bool(lx.NEGATION.search(text[max(start, position - 4) : position]))


def _clause_start(text: str, start: int, position: int) -> int:
    """Where the clause that holds ``position`` begins."""
    bounds = [m.end() for m in _BOUNDARY.finditer(text, start, position)]
    return bounds[-1] if bounds else start


def _last_word(text: str, mention: Mention) -> str:
    return text[mention.start : mention.end].split()[-1]


def _doer(text: str, position: int, mentions: list[Mention], start: int) -> Mention | None:
    """The one name in the nominative in the clause before ``position``; in a relative clause,
    the name just before it."""
    clause = _clause_start(text, start, position)
    inside = [
        m
        for m in mentions
        if clause <= m.start
        and m.end <= position
        and "nomn" in ru.cases(_last_word(text, m))
        and not _object_of_speech(text, m, clause)
    ]
    if len({m.actor for m in inside}) == 1:
        return inside[-1]
    if inside:
        return None  # two candidates: no target rather than a wrong one
    return _antecedent(text, position, mentions, start)


def _antecedent(text: str, position: int, mentions: list[Mention], start: int) -> Mention | None:
    """In a relative clause ("X, которая, по некоторым данным, получала ..."), the name just
    before its "который", when no other verb stands between it and ``position``."""
    relatives = list(_RELATIVE.finditer(text, max(start, position - 120), position))
    if not relatives:
        return None
    relative = relatives[-1]
    between = text[relative.end() : position]
    if any(
        ru.analyses(w.group().casefold())[:1]
        and ru.analyses(w.group().casefold())[0].tag.POS == "VERB"
        for w in _WORD.finditer(between)
    ):
        return None
    before = [m for m in mentions if m.end <= relative.start() and relative.start() - m.end < 3]
    return before[-1] if before else None


def _object_of_speech(text: str, mention: Mention, clause: int) -> bool:
    """A name that follows a verb in its clause is its object, not the doer of a later act."""
    return any(
        p.tag.POS == "VERB"
        for w in _WORD.finditer(text, clause, mention.start)
        for p in ru.analyses(w.group().casefold())[:1]
    )


def _accused(
    text: str, verb: re.Match[str], mentions: list[Mention], key: tuple[int, int], *, passive: bool
) -> Mention | None:
    if passive:
        return _doer(text, verb.start(), mentions, key[0])
    after = [
        m
        for m in mentions
        if verb.end() <= m.start <= verb.end() + 40
        and not _BOUNDARY.search(text, verb.end(), m.start)
        and "accs" in ru.cases(_last_word(text, m))
    ]
    if after:
        return after[0]
    # "Баранова обвиняют в хищении": an accusative name before a verb with no subject
    clause = _clause_start(text, key[0], verb.start())
    before = [m for m in mentions if clause <= m.start and m.end <= verb.start()]
    impersonal = any(
        "plur" in p.tag and p.tag.POS == "VERB" for p in ru.analyses(verb.group().casefold())[:1]
    )
    if impersonal and len(before) == 1:
        cases = ru.cases(_last_word(text, before[0]))
        if "accs" in cases and not _nominative_only(text, before[0]):
            return before[0]
    return None


def _nominative_only(text: str, mention: Mention) -> bool:
    """Whether a name reads as the subject: its first name (or only word) in the nominative."""
    first = text[mention.start : mention.end].split()[0]
    readings = [p for p in ru.analyses(first.casefold()) if "Name" in p.tag or "Surn" in p.tag]
    return bool(readings) and readings[0].tag.case == "nomn"


def _accused_of(text: str, position: int, end: int) -> str | None:
    """The type of what someone is accused of: "в экстремизме", "во лжи", "в получении взятки"."""
    match = re.search(r"(?i)\bво?\s+([\w\s-]{3,60})", text[position:end])
    if match is None:
        return None
    for word in _WORD.finditer(match.group(1)):
        for parse in ru.analyses(word.group().casefold())[:2]:
            kind = lx.ACT_NOUNS.get(str(parse.normal_form))
            if kind is not None:
                return kind
    return None


def _named(text: str, position: int, mentions: list[Mention], start: int) -> Mention | None:
    """Whom a person noun names: the accusative object of "называть" before it, else the one
    nominative name in its clause."""
    clause = _clause_start(text, start, position)
    verbs = [
        w
        for w in _WORD.finditer(text, clause, position)
        if any(p.normal_form in _NAMING for p in ru.analyses(w.group().casefold())[:2])
    ]
    if verbs:
        objects = [
            m
            for m in mentions
            if verbs[-1].end() <= m.start < position and "accs" in ru.cases(_last_word(text, m))
        ]
        return objects[0] if len(objects) == 1 else None
    return _doer(text, position, mentions, start)


def _finding(
    document: Document, cast: Cast, found: _Found, grade: SentenceGrade, detector: str
) -> Span:
    text = document.text
    alleged_by, sourcing = _sourcing(text, found, grade)
    clause = _clause_start(text, grade.start, found.start)
    if lx.HEDGED.search(text, clause, found.end) and sourcing != "anonymous":
        sourcing = "hedged"
    if found.hedged and sourcing == "unattributed":
        sourcing = "hedged"
    known = {a.id for a in cast.actors}
    by = cast.by_id(alleged_by).name if alleged_by in known else alleged_by
    name = cast.by_id(found.target).name
    return make_span(
        document,
        found.start,
        found.end,
        layer="allegation",
        label=found.type,
        score=SCORE,
        detector=detector,
        explanation=(
            f"alleges {found.type.replace('_', ' ')} of {name} (cue: {found.cue!r}); "
            f"alleged by {'the author' if by == 'author' else by}, sourcing: {sourcing}"
        ),
        attrs=AllegationAttrs(
            targets=(found.target,),
            type=found.type,
            alleged_by=alleged_by,
            sourcing=sourcing,
            hedge=grade.hedge,
            cue=found.cue,
        ),
    )


def _sourcing(text: str, found: _Found, grade: SentenceGrade) -> tuple[str, str]:
    """(alleged_by, grade): a named source who is not the accused, else an unnamed source, else
    the author."""
    named = [
        a
        for a in grade.attributions
        if a.grade == "named" and a.speaker != found.target and a.start <= found.start < a.end
    ]
    if named:
        ranked = sorted(named, key=lambda a: (not a.condemns, not a.according))
        source = ranked[0]
        link = "named_with_link" if grade.grade == "named_with_link" else "named"
        return source.speaker or source.phrase, link
    if grade.grade == "anonymous" or (grade.hedge is not None and grade.source):
        # an unnamed source stays the source when a later sentence doubts the claim
        return grade.source or "author", "anonymous"
    if grade.grade == "hedged" or lx.HEDGED.search(text, grade.start, grade.end):
        return "author", "hedged"
    return "author", "unattributed"
