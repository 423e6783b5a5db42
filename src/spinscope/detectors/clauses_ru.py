"""Russian clause grammar for allegations: where a clause starts, who does an act in it, whom
a predicate speaks of, and what a wrongdoing is called.

Grammatical case tells the doer (nominative) from the object (accusative) and the victim
(dative); a relative clause ("..., который ...") speaks of the name just before it, a predicate
noun after a dash of the name before the dash, and a "что" clause with no subject of its
speaker. Every function returns no one rather than a wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Final

from spinscope.detectors import lexicons_ru as lx
from spinscope.detectors import russian as ru

WORD: Final = re.compile(r"[\w-]+")
BOUNDARY: Final = re.compile(r"[,;:()]|\s[–—]\s|\bчто\b|\bчтобы\b|\bно\b|\bа\b")
RELATIVE: Final = re.compile(r"(?i),\s*котор(?:ый|ая|ое|ые)\b")


@dataclass(frozen=True, slots=True)
class Name:
    """A mention of a possible target, with the cases its last word may stand in (a person's
    read in the gender of their first name: a man's "Орлова" is never nominative)."""

    start: int
    end: int
    actor: str
    cases: frozenset[str]
    person: bool


def negated(text: str, start: int, position: int) -> bool:
    return bool(lx.NEGATION.search(text[max(start, position - 12) : position]))


def clause_start(text: str, start: int, position: int) -> int:
    """Where the clause that holds ``position`` begins; a parenthetical source or hedge
    (", по данным издания,", ", якобы,") does not end it."""
    bounds = [m for m in BOUNDARY.finditer(text, start, position)]
    while len(bounds) >= 2 and bounds[-1].group() == bounds[-2].group() == ",":
        inside = text[bounds[-2].end() : bounds[-1].start()].strip()
        if not any(
            cue.fullmatch(inside) or (cue.match(inside) and len(inside.split()) <= 4)
            for cue in (lx.ACCORDING_PHRASE, lx.HEDGED, lx.ANONYMOUS)
        ):
            break
        bounds = bounds[:-2]
    return bounds[-1].end() if bounds else start


def doer(text: str, verb: re.Match[str], mentions: list[Name], start: int) -> list[Name]:
    """Who does the act at ``verb``: the one name in the nominative in the clause before it, or
    names joined by "и" before a plural verb ("Пахомов и Волков похитили"); in a relative clause,
    the name just before it. Two names that are not joined give no one."""
    position = verb.start()
    clause = clause_start(text, start, position)
    inside = [
        m
        for m in mentions
        if clause <= m.start
        and m.end <= position
        and "nomn" in m.cases
        and not object_of_speech(text, m, clause)
        and not titles(text, m, mentions)
        and not complement(text, m)
    ]
    if len({m.actor for m in inside}) == 1:
        return [inside[-1], *partners(text, inside[-1], verb, mentions)]
    if inside:
        joined = all(
            re.fullmatch(r"\s*(?:,|и|,\s*и)\s*", text[a.end : b.start]) for a, b in pairwise(inside)
        )
        plural = any("plur" in p.tag for p in ru.analyses(verb.group().split()[0].casefold())[:1])
        return inside if joined and plural else []  # no target rather than a wrong one
    before = antecedent(text, position, mentions, start)
    if before is not None:
        return [before]
    after = inverted(text, verb, mentions, clause)
    if after is not None:  # "стройку крышевал вице-губернатор Станислав Ерофеев"
        return [after]
    shared = shared_subject(text, verb, mentions, start, clause)
    if shared:  # "фирма поставила шесть лодок, а остальные деньги вывела ...": the firm
        return shared
    purpose = purposed(text, verb, start, clause)
    if purpose is not None:  # "X распорядился провести обыски, чтобы запугать ...": X
        return doer(text, purpose, mentions, start)
    said = speaker(text, verb, mentions, start, clause)
    return [said] if said is not None else []


def purposed(text: str, verb: re.Match[str], start: int, clause: int) -> re.Match[str] | None:
    """For an infinitive in a "чтобы" clause, the finite verb of the clause it serves, whose
    subject does the act too."""
    if not re.search(r"(?i)\bчтобы\s*$", text[max(start, clause - 8) : clause]):
        return None
    readings = ru.analyses(verb.group().split()[0].casefold())[:1]
    if not readings or readings[0].tag.POS != "INFN":
        return None
    finite = [
        w
        for w in WORD.finditer(text, start, clause)
        if any(p.tag.POS == "VERB" for p in ru.analyses(w.group().casefold())[:1])
    ]
    return finite[-1] if finite else None


def speaker(
    text: str, verb: re.Match[str], mentions: list[Name], start: int, clause: int
) -> Name | None:
    """A "что" clause with no subject of its own speaks of the speaker ("Ахмедов рассказал суду,
    что каждый месяц передавал ..."): the one nominative name before the reporting verb, when
    the act's verb is in the past and agrees with it in gender."""
    if not re.search(r"(?i)\bчто\s*$", text[max(start, clause - 6) : clause]):
        return None
    readings = ru.analyses(verb.group().split()[0].casefold())[:1]
    if not readings or readings[0].tag.tense != "past" or readings[0].tag.number != "sing":
        return None
    before = start
    saying = [
        w
        for w in WORD.finditer(text, before, clause)
        if any(p.normal_form in lx.SAYING_LEMMAS for p in ru.analyses(w.group().casefold())[:1])
    ]
    if not saying:
        return None
    named = [m for m in mentions if before <= m.start and m.end <= saying[-1].start() and m.person]
    names = [m for m in named if "nomn" in m.cases]
    if len({m.actor for m in names}) != 1:
        return None
    said = ru.analyses(saying[-1].group().casefold())[:1]
    gender = said[0].tag.gender if said else None
    return names[-1] if gender == readings[0].tag.gender else None


def complement(text: str, name: Name) -> bool:
    """An organisation in the genitive just after a noun other than its generic one ("компания
    «X»") is that noun's complement, not the subject ("агент ГУР Минобороны причастен к ...":
    the agent is; "агент разведки «Северный щит»"). A person after a noun is its apposition
    ("директор фонда Игорь Баранов")."""
    quoted = text[max(0, name.start - 1) : name.start] == "«"  # a quoted name keeps its case
    if name.person or ("gent" not in name.cases and not quoted):
        return False
    before = re.search(r"([\w-]+)[\s«]+$", text[max(0, name.start - 40) : name.start])
    if before is None:
        return False
    readings = ru.analyses(before.group(1).casefold())[:1]
    if not readings or readings[0].tag.POS != "NOUN":
        return False
    return str(readings[0].normal_form) not in lx.ORG_NOUNS


def titles(text: str, name: Name, mentions: list[Name]) -> bool:
    """An organisation named in a person's title ("директор компании «СтройЛайн» Андрей
    Волков"): the person just after it is the one the clause speaks of."""
    return not name.person and any(
        m.person and 0 <= m.start - name.end <= 3 and not text[name.end : m.start].strip(' »"”')
        for m in mentions
    )


def antecedent(
    text: str,
    position: int,
    mentions: list[Name],
    start: int,
    *,
    pattern: re.Pattern[str] = RELATIVE,
) -> Name | None:
    """In a relative clause ("X, которая, по некоторым данным, получала ..."), the name just
    before its "который", when no other verb stands between it and ``position``; after a
    predicate noun ("X – предатель, который ..."), the subject of that predicate."""
    relatives = list(pattern.finditer(text, max(start, position - 120), position))
    if not relatives:
        return None
    relative = relatives[-1]
    between = text[relative.end() : position]
    if any(
        ru.analyses(w.group().casefold())[:1]
        and ru.analyses(w.group().casefold())[0].tag.POS == "VERB"
        for w in WORD.finditer(between)
    ):
        return None
    before = [m for m in mentions if m.end <= relative.start() and relative.start() - m.end < 3]
    if before:
        return before[-1]
    return copula_subject(text, relative.start(), mentions, start)


def copula_subject(text: str, position: int, mentions: list[Name], start: int) -> Name | None:
    """The subject of a predicate noun that ends at ``position`` ("Валиев – предатель",
    "Сорокина – «настоящий агент влияния»"): the one nominative name just before the dash, when
    at most four words stand between the dash and ``position``."""
    dashes = list(re.finditer(r"\s[–—]\s", text[start:position]))
    if not dashes:
        return None
    dash = start + dashes[-1].start()
    between = text[dash + 2 : position]
    if len(WORD.findall(between)) > 4 or re.search(r"[,;:]", between):
        return None
    subject = [m for m in mentions if m.end <= dash and dash - m.end < 3 and "nomn" in m.cases]
    return subject[-1] if subject else None


def object_of_speech(text: str, mention: Name, clause: int) -> bool:
    """A name that follows a verb in its clause is its object, not the doer of a later act."""
    return any(
        p.tag.POS == "VERB"
        for w in WORD.finditer(text, clause, mention.start)
        for p in ru.analyses(w.group().casefold())[:1]
    )


def kind_in(text: str, start: int, end: int) -> str | None:
    """The type of the first word between ``start`` and ``end`` that names a wrongdoing."""
    for word in WORD.finditer(text, start, end):
        for parse in ru.analyses(word.group().casefold())[:2]:
            kind = lx.ACT_NOUNS.get(str(parse.normal_form))
            if kind is not None:
                return kind
    return None


def accused_of(text: str, position: int, end: int) -> str | None:
    """The type of what someone is accused of: "в экстремизме", "во лжи", "в получении взятки"."""
    match = re.search(r"(?i)\b(?:во?|за|об?|к)\s+([\w\s-]{3,60})", text[position:end])
    if match is None:
        return None
    kind = kind_in(match.group(1), 0, len(match.group(1)))
    if kind is None:  # "в работе на иностранные спецслужбы": the act the phrase describes
        phrase = match.group(1)
        kind = next((k for p, k in lx.ACCUSED_OF_PHRASES if p.match(phrase)), None)
    if kind is None:  # "в пособничестве экстремистам": the kind of those helped
        kind = next(
            (
                lx.PERSON_NOUNS[str(p.normal_form)]
                for w in WORD.finditer(match.group(1))
                for p in ru.analyses(w.group().casefold())[:1]
                if p.normal_form in lx.PERSON_NOUNS and p.normal_form != "агент"
            ),
            None,
        )
    return kind


def subject_after(text: str, word: re.Match[str], mentions: list[Name], end: int) -> list[Name]:
    """The subject after a predicate, in inverted order ("к сделке причастен и заместитель мэра
    Эдуард Корнилов"): the first nominative name before the clause ends."""
    close = BOUNDARY.search(text, word.end(), end)
    stop = close.start() if close is not None else end
    after = [m for m in mentions if word.end() <= m.start < stop and "nomn" in m.cases]
    return after[:1]


def object_before(text: str, match: re.Match[str], mentions: list[Name], start: int) -> list[Name]:
    """The one accusative name of the clause before a state that an active verb puts it in
    ("суд признал Баранова виновным", "полиция объявила Гусева в розыск")."""
    clause = clause_start(text, start, match.start())
    inside = [m for m in mentions if clause <= m.start and m.end <= match.end()]
    accusative = [m for m in inside if "accs" in m.cases and "nomn" not in m.cases]
    return accusative if len({m.actor for m in accusative}) == 1 and len(inside) == 1 else []


def institution(text: str, start: int, position: int) -> str | None:
    """The institution that is the subject of an accusation verb, in its own words
    ("Прокуратура Велигорска подозревает ..."), else None."""
    clause = clause_start(text, start, position)
    words = list(WORD.finditer(text, clause, position))
    for number, word in enumerate(words):
        readings = ru.analyses(word.group().casefold())
        if (
            readings
            and readings[0].normal_form in lx.INSTITUTION_NOUNS
            and readings[0].tag.case == "nomn"
        ):
            tail = [w for w in words[number + 1 : number + 3] if genitive(w.group())]
            return text[word.start() : (tail[-1] if tail else word).end()]
    return None


def genitive(word: str) -> bool:
    readings = ru.analyses(word.casefold())
    return bool(readings) and readings[0].tag.case == "gent"


def partners(text: str, subject: Name, verb: re.Match[str], mentions: list[Name]) -> list[Name]:
    """Those who act with a subject before a plural verb ("Ступин со своим заместителем
    Гриневичем распилили"): names in the instrumental after "с"/"со"/"вместе с" between them."""
    readings = ru.analyses(verb.group().split()[0].casefold())[:1]
    if not readings or readings[0].tag.number != "plur":
        return []
    return [
        m
        for m in mentions
        if subject.end <= m.start
        and m.end <= verb.start()
        and m.actor != subject.actor
        and "ablt" in m.cases
        and re.search(
            r"(?i)\b(?:со?|вместе\s+со?)\s+(?:[\w-]+\s+){0,3}$", text[subject.end : m.start]
        )
    ]


def inverted(text: str, verb: re.Match[str], mentions: list[Name], clause: int) -> Name | None:
    """The subject after a finite verb or short participle at the head of its clause, in
    inverted order ("стройку крышевал вице-губернатор области Станислав Ерофеев", "задержан
    журналист Ян Добровольский"): the first nominative name (not one in another's title) before
    the clause ends, when nothing nominative stands before the verb and a person agrees with
    the verb in gender and number."""
    word = verb.group().split()[0].casefold()
    readings = [p for p in ru.analyses(word) if p.tag.POS in ("VERB", "PRTS")][:1]
    if not readings:
        return None
    tag = readings[0].tag
    close = re.compile(r"[,;:()!?]|\.(?:\s|$)|\s[–—]\s|\bчто\b|\bчтобы\b|\bно\b|\bа\b|\bи\b")
    stop = close.search(text, verb.end())
    limit = stop.start() if stop is not None else len(text)
    after = [
        m
        for m in mentions
        if verb.end() <= m.start < limit and "nomn" in m.cases and not titles(text, m, mentions)
    ]
    if not after or any(m.start < verb.start() and clause <= m.start for m in mentions):
        return None
    first = after[0]
    if not first.person:  # an organisation: unambiguous, or after its noun that agrees
        noun = re.search(r"([\w-]+)[\s«]+$", text[max(0, first.start - 30) : first.start])
        heads = ru.analyses(noun.group(1).casefold())[:1] if noun is not None else ()
        agrees = bool(heads) and (
            heads[0].normal_form in lx.ORG_NOUNS
            and heads[0].tag.case == "nomn"
            and heads[0].tag.gender == tag.gender
        )
        return first if ("accs" not in first.cases or agrees) and tag.number != "plur" else None
    gender = ru.name_gender(text[first.start : first.end])
    if tag.number == "plur" or (tag.gender and gender and tag.gender != gender):
        return None
    return first


def shared_subject(
    text: str, verb: re.Match[str], mentions: list[Name], start: int, clause: int
) -> list[Name]:
    """A clause after ", а", ", но" or "и" with no subject of its own shares the subject of the
    clause before ("фирма поставила шесть лодок, а остальные деньги вывела через подставные
    компании"), when both verbs are past tenses of one gender and number, or both present."""
    joint = re.search(r"(?i)(?:,\s*(?:а|но)|\s+и)\s*$", text[max(start, clause - 6) : clause])
    if joint is None or any(clause <= m.start < verb.start() for m in mentions):
        return []
    this = [p for p in ru.analyses(verb.group().split()[0].casefold()) if p.tag.POS == "VERB"][:1]
    at = clause - len(joint.group())
    before = [
        w
        for w in WORD.finditer(text, clause_start(text, start, at), at)
        if any(p.tag.POS == "VERB" for p in ru.analyses(w.group().casefold())[:1])
    ]
    if not this or not before:
        return []
    that = ru.analyses(before[-1].group().casefold())[0].tag
    tag = this[0].tag
    if (tag.tense, tag.number, tag.gender) != (that.tense, that.number, that.gender):
        return []
    return doer(text, before[-1], mentions, start)
