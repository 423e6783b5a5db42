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
from itertools import pairwise
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
class _Name:
    """A mention of a possible target, with the cases its last word may stand in (a person's
    read in the gender of their first name: a man's "Орлова" is never nominative)."""

    start: int
    end: int
    actor: str
    cases: frozenset[str]
    person: bool


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    targets: tuple[str, ...]
    type: str
    cue: str
    hedged: bool = False  # "X обвиняют в ...", "X подозревается в ...": accused by no one
    accuser: str | None = None  # an institution that accuses ("Прокуратура подозревает X")


def find_allegations(
    document: Document,
    cast: Cast,
    grades: dict[tuple[int, int], SentenceGrade],
    detector: str,
) -> list[Span]:
    """Allegation findings of a Russian document (see the module doc)."""
    text = document.text
    index_of = {(s.start, s.end): i for i, s in enumerate(cast.parse.sentences)}
    by_sentence: dict[int, list[Mention]] = {}
    for mention in cast.mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    spans: list[Span] = []
    for key, grade in sorted(grades.items()):
        index = index_of.get(key)
        if index is None:
            continue
        mentions = [
            _name(text, m, cast)
            for m in by_sentence.get(index, [])
            if cast.by_id(m.actor).kind in TARGET_KINDS
        ]
        if not mentions:
            continue
        seen: set[tuple[tuple[str, ...], str]] = set()
        for found in _cues(text, key, mentions):
            if (found.targets, found.type) in seen:
                continue
            seen.add((found.targets, found.type))
            spans.append(_finding(document, cast, found, grade, detector))
    return sorted(spans, key=lambda s: (s.start, s.end, s.label))


def _name(text: str, mention: Mention, cast: Cast) -> _Name:
    actor = cast.by_id(mention.actor)
    word = text[mention.start : mention.end].split()[-1]
    if actor.kind != "person":
        cases = ru.cases(word) | {p.tag.case for p in ru.analyses(word.casefold()) if p.tag.case}
        return _Name(mention.start, mention.end, mention.actor, frozenset(cases), False)
    if mention.via == "pronoun":  # "его", "её": the pronoun's own cases
        readings = [p for p in ru.analyses(word.casefold()) if p.tag.POS == "NPRO"]
        cases = frozenset(str(p.tag.case) for p in readings if p.tag.case)
        return _Name(mention.start, mention.end, mention.actor, cases, True)
    gender = ru.name_gender(actor.name)
    return _Name(mention.start, mention.end, mention.actor, ru.cases(word, gender), True)


def _cues(text: str, key: tuple[int, int], mentions: list[_Name]) -> list[_Found]:
    start, end = key
    found: list[_Found] = []
    for word in _WORD.finditer(text, start, end):
        if _negated(text, start, word.start()):
            continue
        for parse in ru.analyses(word.group().casefold()):
            lemma = str(parse.normal_form)
            if lemma in lx.ACCUSATION_VERBS and parse.tag.POS in ("VERB", "PRTS", "PRTF"):
                passive = parse.tag.POS != "VERB" or lemma.endswith("ся")
                hits = _accused(text, word, mentions, key, passive=passive)
                if hits:
                    kind = _accused_of(text, word.end(), end) or lx.ACCUSATION_VERBS[lemma]
                    span = (min(hits[0].start, word.start()), max(hits[-1].end, word.end()))
                    # accused by no one: passive, or impersonal ("обвиняют"), of no named act
                    bare = lx.ACCUSATION_VERBS[lemma] is None and hits[0].start < word.start()
                    targets = tuple(dict.fromkeys(h.actor for h in hits))
                    accuser = None
                    if lx.ACCUSATION_VERBS[lemma] is None and not passive:
                        accuser = _institution(text, start, word.start())
                    found.append(_Found(*span, targets, kind or "other", lemma, bare, accuser))
                break
            kind = lx.ACT_VERBS.get(lemma)
            if kind is not None and parse.tag.POS in ("VERB", "INFN"):
                doers = _doer(text, word, mentions, start)
                if doers:
                    targets = tuple(dict.fromkeys(d.actor for d in doers))
                    found.append(_Found(doers[0].start, word.end(), targets, kind, lemma))
                break
            if lemma in lx.PERSON_NOUNS and parse.tag.POS == "NOUN":
                named = _named(text, word, mentions, start)
                if named:
                    kind = lx.PERSON_NOUNS[lemma]
                    targets = tuple(dict.fromkeys(n.actor for n in named))
                    found.append(_Found(named[0].start, word.end(), targets, kind, lemma))
                break
    case = lx.CRIMINAL_CASE.search(text, start, end)
    if case is not None:
        # "против Белова возбуждено уголовное дело о мошенничестве"
        for m in mentions:
            if lx.AGAINST.search(text, max(start, m.start - 14), m.start) and "gent" in m.cases:
                kind = _accused_of(text, case.end(), end) or "crime"
                span = (min(m.start, case.start()), max(m.end, case.end()))
                found.append(_Found(*span, (m.actor,), kind, case.group()))
    for pattern, kind in lx.ACT_PATTERNS:
        for match in pattern.finditer(text, start, end):
            if _negated(text, start, match.start()):
                continue
            doers = _doer(text, match, mentions, start)
            if doers:
                targets = tuple(dict.fromkeys(d.actor for d in doers))
                found.append(_Found(doers[0].start, match.end(), targets, kind, match.group()))
    return found


def _negated(text: str, start: int, position: int) -> bool:
    return bool(lx.NEGATION.search(text[max(start, position - 4) : position]))


def _clause_start(text: str, start: int, position: int) -> int:
    """Where the clause that holds ``position`` begins; a parenthetical source or hedge
    (", по данным издания,", ", якобы,") does not end it."""
    bounds = [m for m in _BOUNDARY.finditer(text, start, position)]
    while len(bounds) >= 2 and bounds[-1].group() == bounds[-2].group() == ",":
        inside = text[bounds[-2].end() : bounds[-1].start()].strip()
        if not any(
            cue.fullmatch(inside) or (cue.match(inside) and len(inside.split()) <= 4)
            for cue in (lx.ACCORDING_PHRASE, lx.HEDGED, lx.ANONYMOUS)
        ):
            break
        bounds = bounds[:-2]
    return bounds[-1].end() if bounds else start


def _doer(text: str, verb: re.Match[str], mentions: list[_Name], start: int) -> list[_Name]:
    """Who does the act at ``verb``: the one name in the nominative in the clause before it, or
    names joined by "и" before a plural verb ("Пахомов и Волков похитили"); in a relative clause,
    the name just before it. Two names that are not joined give no one."""
    position = verb.start()
    clause = _clause_start(text, start, position)
    inside = [
        m
        for m in mentions
        if clause <= m.start
        and m.end <= position
        and "nomn" in m.cases
        and not _object_of_speech(text, m, clause)
        and not _titles(text, m, mentions)
    ]
    if len({m.actor for m in inside}) == 1:
        return [inside[-1]]
    if inside:
        joined = all(
            re.fullmatch(r"\s*(?:,|и|,\s*и)\s*", text[a.end : b.start]) for a, b in pairwise(inside)
        )
        plural = any("plur" in p.tag for p in ru.analyses(verb.group().split()[0].casefold())[:1])
        return inside if joined and plural else []  # no target rather than a wrong one
    antecedent = _antecedent(text, position, mentions, start)
    return [antecedent] if antecedent is not None else []


def _titles(text: str, name: _Name, mentions: list[_Name]) -> bool:
    """An organisation named in a person's title ("директор компании «СтройЛайн» Андрей
    Волков"): the person just after it is the one the clause speaks of."""
    return not name.person and any(
        m.person and 0 <= m.start - name.end <= 3 and not text[name.end : m.start].strip(' »"”')
        for m in mentions
    )


def _antecedent(text: str, position: int, mentions: list[_Name], start: int) -> _Name | None:
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


def _object_of_speech(text: str, mention: _Name, clause: int) -> bool:
    """A name that follows a verb in its clause is its object, not the doer of a later act."""
    return any(
        p.tag.POS == "VERB"
        for w in _WORD.finditer(text, clause, mention.start)
        for p in ru.analyses(w.group().casefold())[:1]
    )


def _accused(
    text: str, verb: re.Match[str], mentions: list[_Name], key: tuple[int, int], *, passive: bool
) -> list[_Name]:
    """Whom an accusation verb accuses: the accusative names just after it ("обвинил Дронова"),
    the accusative name before an impersonal verb ("Баранова обвиняют"), or, for a passive,
    the doer ("Дронов задержан")."""
    if passive:
        return _doer(text, verb, mentions, key[0])
    after = [
        m
        for m in mentions
        if verb.end() <= m.start <= verb.end() + 40
        and not _BOUNDARY.search(text, verb.end(), m.start)
        and "accs" in m.cases
    ]
    if after:
        joined = [after[0]]
        for a, b in pairwise(after):
            if not re.fullmatch(r"\s*(?:и|,)\s*", text[a.end : b.start]):
                break
            joined.append(b)
        return joined
    clause = _clause_start(text, key[0], verb.start())
    before = [m for m in mentions if clause <= m.start and m.end <= verb.start()]
    impersonal = any(
        "plur" in p.tag and p.tag.POS == "VERB" for p in ru.analyses(verb.group().casefold())[:1]
    )
    accusative = len(before) == 1 and "accs" in before[0].cases and "nomn" not in before[0].cases
    if impersonal and accusative:
        return before
    return []


def _institution(text: str, start: int, position: int) -> str | None:
    """The institution that is the subject of an accusation verb, in its own words
    ("Прокуратура Велигорска подозревает ..."), else None."""
    clause = _clause_start(text, start, position)
    words = list(_WORD.finditer(text, clause, position))
    for number, word in enumerate(words):
        readings = ru.analyses(word.group().casefold())
        if (
            readings
            and readings[0].normal_form in lx.INSTITUTION_NOUNS
            and readings[0].tag.case == "nomn"
        ):
            tail = [w for w in words[number + 1 : number + 3] if _genitive(w.group())]
            return text[word.start() : (tail[-1] if tail else word).end()]
    return None


def _genitive(word: str) -> bool:
    readings = ru.analyses(word.casefold())
    return bool(readings) and readings[0].tag.case == "gent"


def _accused_of(text: str, position: int, end: int) -> str | None:
    """The type of what someone is accused of: "в экстремизме", "во лжи", "в получении взятки"."""
    match = re.search(r"(?i)\b(?:во?|за|об?)\s+([\w\s-]{3,60})", text[position:end])
    if match is None:
        return None
    for word in _WORD.finditer(match.group(1)):
        for parse in ru.analyses(word.group().casefold())[:2]:
            kind = lx.ACT_NOUNS.get(str(parse.normal_form))
            if kind is not None:
                return kind
    return None


def _named(text: str, noun: re.Match[str], mentions: list[_Name], start: int) -> list[_Name]:
    """Whom a person noun names: the accusative object of "называть" before it, else the one
    nominative name in its clause."""
    position = noun.start()
    clause = _clause_start(text, start, position)
    verbs = [
        w
        for w in _WORD.finditer(text, clause, position)
        if any(p.normal_form in _NAMING for p in ru.analyses(w.group().casefold())[:2])
    ]
    if verbs:
        objects = [
            m for m in mentions if verbs[-1].end() <= m.start < position and "accs" in m.cases
        ]
        return objects[:1] if len(objects) == 1 else []
    return _doer(text, noun, mentions, start)


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
    name = " and ".join(cast.by_id(t).name for t in found.targets)
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
            targets=found.targets,
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
    link = "named_with_link" if grade.grade == "named_with_link" else "named"
    named = [
        a
        for a in grade.attributions
        if a.grade == "named" and a.speaker not in found.targets and a.start <= found.start < a.end
    ]
    accusers = [a for a in named if a.condemns and a.speaker]
    if accusers:
        return str(accusers[0].speaker), link
    if found.accuser is not None:
        return found.accuser, link
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
