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
  object ("называют Климову предательницей"); else the nominative name before it, or before a
  dash ("Валиев – предатель");
* *frames* of their own: an accused in the dative ("Прохорову вменяют растрату"), a predicate of
  guilt ("причастен к"), an instrumental of calling ("назвал X организатором преступной
  схемы"), the agent of a passive ("сфабриковано по заказу X"), the noun of an accusation
  ("обвинения в коррупции в адрес X"), the state of one charged ("фигурант дела", "объявлен в
  розыск"), money paid to one from abroad ("которому платят из-за рубежа").

Who does what in a clause is :mod:`clauses_ru`'s; besides names and pronouns, a role noun that
heads one actor's descriptor ("главврача") and the staff of an organisation ("сотрудники
центра") refer to that actor. A cue with no such name, or with two candidates, gives no
allegation: a wrong target is worse than none. A cue after "не" (or "не был") is denied, one in
a condition ("если") is not alleged; a rhetorical question is the author's allegation.

``alleged_by`` is the named source of the sentence who is not the accused (an actor id, or the
source's words), else the unnamed source's words, else "author"; ``sourcing`` is the sentence's
grade, except that a hedge inside the allegation's own clause ("якобы") makes it ``hedged``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate, pairwise
from typing import Final

from spinscope.detectors import clauses_ru as cl
from spinscope.detectors import idioms_ru
from spinscope.detectors import lexicons_ru as lx
from spinscope.detectors import russian as ru
from spinscope.detectors.cast import Cast, Mention
from spinscope.detectors.sourcing import SentenceGrade
from spinscope.document import Document, Span, make_span
from spinscope.nlp import running_sentences
from spinscope.records import AllegationAttrs
from spinscope.vocabulary import part_kind

TARGET_KINDS: Final = frozenset({"person", "organisation", "group"})
SCORE: Final = 0.7
_WORD: Final = re.compile(r"[\w-]+")
_NAMING: Final = frozenset(
    {"назвать", "называть", "считать", "признать", "признавать", "объявить", "объявлять"}
)
_COPULA: Final = re.compile(
    r"(?i)\b(?:является|являются|являлся|являлась|был|была|были|стал|стала|стали|оказался|"
    r"оказалась|оказались)\b"
)


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
    roles = _role_mentions(text, cast)
    spans: list[Span] = []
    previous: tuple[str, ...] = ()  # the several accused together in the sentence before
    publisher: str | None = None  # who last published or claimed something
    last: tuple[str, ...] = ()  # everyone accused in the sentence before
    for key, grade in sorted((grades | _questions(document, grades)).items()):
        index = index_of.get(key)
        if index is None:
            continue
        accused, previous = previous, ()
        published, before, last = publisher, last, ()
        mentions = [
            _name(text, m, cast)
            for m in by_sentence.get(index, [])
            if cast.by_id(m.actor).kind in TARGET_KINDS
        ]
        mentions += [r for r in roles if key[0] <= r.start and r.end <= key[1]]
        mentions = sorted(mentions + _staff(text, mentions), key=lambda m: (m.start, m.end))
        if not mentions and not accused:
            continue
        seen: set[tuple[tuple[str, ...], str]] = set()
        publisher = idioms_ru.publisher(text, key, mentions) or publisher
        acts = _cues(text, key, mentions, accused) + _idioms(
            text, key, mentions, accused, published
        )
        sentences = cast.parse.sentences
        around = (
            sentences[max(0, index - 2)].start,
            sentences[min(len(sentences), index + 2) - 1].end,
        )
        acts += [  # who was in charge, in a sourced sentence only
            found
            for a in idioms_ru.in_charge(text, key, mentions, around)
            for found in [_Found(a.start, a.end, a.targets, a.type, a.cue)]
            if _sourcing(text, found, grade)[1] != "unattributed"
        ]
        acts += [
            _Found(a.start, a.end, a.targets, a.type, a.cue)
            for a in idioms_ru.deed_called(text, key, before)
        ]
        for found in acts:
            last = tuple(dict.fromkeys(last + found.targets))
            if len(found.targets) > 1 or cast.by_id(found.targets[0]).kind != "person":
                previous = found.targets  # a group or several: "эти люди", "они" next
            if (found.targets, found.type) in seen:
                continue
            seen.add((found.targets, found.type))
            spans.append(_finding(document, cast, found, grade, detector))
    return sorted(spans, key=lambda s: (s.start, s.end, s.label))


def _attempt(text: str, position: int, start: int) -> bool:
    """The word before ``position`` is a noun of attempt or aim ("попыткой", "цель")."""
    before = re.search(r"([\w-]+)\s+$", text[max(start, position - 30) : position])
    return before is not None and ru.lemma(before.group(1)) in lx.ATTEMPT_NOUNS


def _cover(names: list[cl.Name], cue: re.Match[str]) -> tuple[int, int]:
    """The span of a cue and its doers, who may stand after it in inverted order."""
    return min(names[0].start, cue.start()), max(names[-1].end, cue.end())


def _idioms(
    text: str,
    key: tuple[int, int],
    mentions: list[cl.Name],
    accused: tuple[str, ...],
    published: str | None,
) -> list[_Found]:
    return [
        _Found(a.start, a.end, a.targets, a.type, a.cue, accuser=a.accuser)
        for a in idioms_ru.acts(text, key, mentions, accused, published)
        if not lx.HYPOTHETICAL.search(text, cl.clause_start(text, key[0], a.start), a.end)
    ]


def _questions(
    document: Document, grades: dict[tuple[int, int], SentenceGrade]
) -> dict[tuple[int, int], SentenceGrade]:
    """Questions of the running text, which sourcing does not grade: a rhetorical question that
    insinuates an act of a named actor ("Не губернатор ли стоит за ...?") is the author's own
    allegation."""
    out: dict[tuple[int, int], SentenceGrade] = {}
    for start, end, kind in running_sentences(document):
        if (start, end) in grades or not part_kind(kind).graded:
            continue
        if document.text[start:end].rstrip().endswith("?"):
            out[(start, end)] = SentenceGrade(start, end, "unattributed")
    return out


def _staff(text: str, mentions: list[cl.Name]) -> list[cl.Name]:
    """The staff of an organisation named in the genitive just after them ("сотрудники
    центра", "руководство «СтройЛайна»") act for it: a mention of it in their own case."""
    found: list[cl.Name] = []
    for m in mentions:
        if m.person or "gent" not in m.cases:
            continue
        before = re.search(r"([\w-]+)\s+«?$", text[max(0, m.start - 30) : m.start])
        if before is None:
            continue
        readings = ru.analyses(before.group(1).casefold())
        if not readings or readings[0].normal_form not in lx.STAFF_NOUNS:
            continue
        cases = frozenset(str(p.tag.case) for p in readings[:2] if p.tag.case)
        at = m.start - len(before.group())
        found.append(cl.Name(at, at + len(before.group(1)), m.actor, cases, False))
    return found


def _role_head(phrase: str) -> str | None:
    """The role noun a descriptor is headed by ("бывшим мэром города" -> "мэр")."""
    for word in _WORD.finditer(phrase):
        readings = ru.analyses(word.group().casefold())
        if readings and readings[0].tag.POS == "NOUN":
            lemma = str(readings[0].normal_form)
            lemma = lx.ROLE_COMPOUNDS.get(lemma, lemma)
            if lemma in lx.ROLE_NOUNS or lemma in lx.ORG_NOUNS:
                return lemma
    return None


def _role_mentions(text: str, cast: Cast) -> list[cl.Name]:
    """Definite descriptions that refer back to an actor: a role noun standing alone ("мэру",
    "главврача", "компания") that heads a descriptor of exactly one actor named before it. A
    role noun inside a descriptor or a name ("главный врач больницы Юрий Савченко") is a title,
    not a mention of its own."""
    owners: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    taken: list[tuple[int, int]] = []
    for actor in cast.actors:
        if actor.kind not in TARGET_KINDS:
            continue
        first[actor.id] = min((m.start for m in actor.mentions), default=len(text))
        for descriptor in actor.descriptors:
            taken.append((descriptor.start, descriptor.end))
            head = _role_head(descriptor.text)
            if head is not None:
                owners.setdefault(head, set()).add(actor.id)
        if actor.kind == "organisation":  # "федерация" for "Федерация академической гребли"
            head = _role_head(actor.name.split()[0]) if actor.name.split() else None
            if head in lx.ORG_NOUNS:
                owners.setdefault(head, set()).add(actor.id)
    taken.extend((m.start, m.end) for m in cast.mentions)
    for cue in (lx.ACCORDING, lx.ACCORDING_PHRASE):  # "по данным издания": a source, not a doer
        taken.extend(m.span() for m in cue.finditer(text))
    taken.sort()
    starts = [s for s, _ in taken]
    reach = list(accumulate((e for _, e in taken), max))  # the furthest end up to each span
    names = sorted(m.start for m in cast.mentions)
    found: list[cl.Name] = []
    for word in _WORD.finditer(text):
        readings = ru.analyses(word.group().casefold())
        if not readings or readings[0].tag.POS != "NOUN":
            continue
        lemma = str(readings[0].normal_form)
        # of the actors this role heads a descriptor of, those named before it
        actors = {
            a
            for a in owners.get(lx.ROLE_COMPOUNDS.get(lemma, lemma), set())
            if first[a] < word.start()
        }
        if len(actors) != 1:
            continue
        inside = bisect_right(starts, word.start())
        if inside and reach[inside - 1] > word.start():
            continue  # within a descriptor, a name or a source phrase
        (owner,) = actors
        if first[owner] >= word.start() or _titled(text, word.end(), names):
            continue
        # one actor: its singular readings only ("издания" is no nominative plural here)
        cases = frozenset(
            str(p.tag.case)
            for p in readings
            if p.tag.case and p.normal_form == lemma and p.tag.number != "plur"
        )
        person = cast.by_id(owner).kind == "person"
        found.append(cl.Name(word.start(), word.end(), owner, cases, person))
    return found


def _titled(text: str, position: int, names: list[int]) -> bool:
    """A name (``names``: the sorted starts of all mentions) follows within two words: the role
    noun before it is its title."""
    return any(
        not re.search(r"[,.;:!?()]", text[position:at])
        and len(_WORD.findall(text[position:at])) <= 2
        for at in names[bisect_left(names, position) : bisect_right(names, position + 40)]
    )


def _name(text: str, mention: Mention, cast: Cast) -> cl.Name:
    actor = cast.by_id(mention.actor)
    word = text[mention.start : mention.end].split()[-1]
    if actor.kind != "person":
        # an organisation's case is its first word's, the head or an adjective agreeing with it
        # ("Служба безопасности" is nominative, whatever "безопасности" is)
        head = text[mention.start : mention.end].split()[0].strip('«»"')
        cases = ru.cases(head) | {p.tag.case for p in ru.analyses(head.casefold()) if p.tag.case}
        return cl.Name(mention.start, mention.end, mention.actor, frozenset(cases), False)
    if mention.via == "pronoun":  # "его", "её": the pronoun's own cases
        readings = [p for p in ru.analyses(word.casefold()) if p.tag.POS == "NPRO"]
        cases = frozenset(str(p.tag.case) for p in readings if p.tag.case)
        return cl.Name(mention.start, mention.end, mention.actor, cases, True)
    gender = ru.name_gender(actor.name)
    return cl.Name(mention.start, mention.end, mention.actor, ru.cases(word, gender), True)


def _cues(
    text: str, key: tuple[int, int], mentions: list[cl.Name], accused: tuple[str, ...] = ()
) -> list[_Found]:
    start, end = key
    found: list[_Found] = []
    for word in _WORD.finditer(text, start, end):
        if cl.negated(text, start, word.start()):
            continue
        for parse in ru.analyses(word.group().casefold()):
            lemma = str(parse.normal_form)
            if lemma in lx.DATIVE_ACCUSATION_VERBS and parse.tag.POS in ("VERB", "PRTS"):
                found.extend(_charged(text, word, mentions, key))
                break
            if lemma in lx.GUILT_PREDICATES and parse.tag.POS in ("ADJS", "PRTS"):
                guilty = cl.doer(text, word, mentions, start) or cl.subject_after(
                    text, word, mentions, end
                )
                if guilty:
                    of = (
                        cl.accused_of(text, word.end(), end)
                        or cl.kind_in(
                            text, cl.clause_start(text, start, word.start()), word.start()
                        )
                        or lx.GUILT_PREDICATES[lemma]
                    )
                    targets = tuple(dict.fromkeys(g.actor for g in guilty))
                    span = (min(guilty[0].start, word.start()), max(guilty[-1].end, word.end()))
                    found.append(_Found(*span, targets, of, lemma))
                break
            if lemma in lx.ACCUSATION_VERBS and parse.tag.POS in ("VERB", "PRTS", "PRTF", "GRND"):
                passive = parse.tag.POS not in ("VERB", "GRND") or lemma.endswith("ся")
                hits = _accused(text, word, mentions, key, passive=passive)
                if hits:
                    kind = cl.accused_of(text, word.end(), end) or lx.ACCUSATION_VERBS[lemma]
                    span = (min(hits[0].start, word.start()), max(hits[-1].end, word.end()))
                    # accused by no one: passive, or impersonal ("обвиняют"), of no named act;
                    # "был уличён" (caught) is the author's own assertion
                    bare = (
                        lx.ACCUSATION_VERBS[lemma] is None
                        and hits[0].start < word.start()
                        and lemma not in lx.CAUGHT_VERBS
                    )
                    targets = tuple(dict.fromkeys(h.actor for h in hits))
                    accuser = None
                    if lx.ACCUSATION_VERBS[lemma] is None and not passive:
                        accuser = cl.institution(text, start, word.start())
                    if parse.tag.POS == "GRND":  # "X подал в суд, обвинив Y": X accuses
                        by = [
                            m.actor for m in mentions if m.end <= word.start() and "nomn" in m.cases
                        ]
                        accuser = next((a for a in by if a not in targets), accuser)
                    found.append(_Found(*span, targets, kind or "other", lemma, bare, accuser))
                break
            if lemma in _NAMING and parse.tag.POS == "VERB":
                called = _named_as(text, word, mentions, end)
                if called is not None:
                    found.append(called)
                break
            if lemma in _NAMING and parse.tag.POS == "PRTS":
                # "Исмаилов назван организатором незаконной акции": the subject before it
                subject = cl.doer(text, word, mentions, start)
                phrase = _called(text, word.end(), end)
                if subject and phrase is not None:
                    span = (min(subject[0].start, word.start()), max(subject[0].end, phrase[1]))
                    found.append(_Found(*span, (subject[0].actor,), phrase[0], lemma))
                break
            kind = lx.ACT_VERBS.get(lemma)
            if kind is not None and parse.tag.POS == "PRTS":
                agent = _agent(text, word, mentions, end)
                if agent is not None:  # "дело сфабриковано по заказу губернатора X"
                    span = (word.start(), max(agent.end, word.end()))
                    found.append(_Found(*span, (agent.actor,), kind, lemma))
                break
            if kind is not None and parse.tag.POS in ("VERB", "INFN"):
                if kind == "abuse" and lx.LAWFUL_THREAT.match(text, word.end(), end):
                    break
                if parse.tag.POS == "INFN" and _attempt(text, word.start(), start):
                    break  # "считает иск попыткой запугать": whoever made the attempt
                doers = cl.doer(text, word, mentions, start) or idioms_ru.group(
                    text, word, start, accused
                )
                if doers:
                    targets = tuple(dict.fromkeys(d.actor for d in doers))
                    found.append(_Found(*_cover(doers, word), targets, kind, lemma))
                break
            if lemma in lx.PERSON_NOUNS and parse.tag.POS == "NOUN":
                if not _predicated(text, word, parse.tag.case, start):
                    break  # "помогал экстремистам": a person noun of others
                if lemma == "агент" and not lx.AGENT.search(
                    text, max(start, word.start() - 20), min(end, word.end() + 20)
                ):
                    break
                named = _named(text, word, mentions, start)
                if named:
                    kind = lx.PERSON_NOUNS[lemma]
                    targets = tuple(dict.fromkeys(n.actor for n in named))
                    found.append(_Found(*_cover(named, word), targets, kind, lemma))
                break
    case = lx.CRIMINAL_CASE.search(text, start, end)
    if case is not None:
        # "против Белова возбуждено уголовное дело о мошенничестве"
        for m in mentions:
            if lx.AGAINST.search(text, max(start, m.start - 14), m.start) and "gent" in m.cases:
                kind = cl.accused_of(text, case.end(), end) or "crime"
                span = (min(m.start, case.start()), max(m.end, case.end()))
                found.append(_Found(*span, (m.actor,), kind, case.group()))
    found.extend(_accusation_nouns(text, key, mentions))
    for pattern in lx.CHARGED_PATTERNS:
        for match in pattern.finditer(text, start, end):
            if cl.negated(text, start, match.start()):
                continue
            # "суд признал Баранова виновным": the object inside, never the court before it
            inside = [
                m
                for m in mentions
                if match.start() <= m.start and m.end <= match.end() and "accs" in m.cases
            ]
            charged = (
                inside[:1]
                or cl.doer(text, match, mentions, start)
                or cl.object_before(text, match, mentions, start)
            )
            if charged:
                kind = cl.accused_of(text, match.end(), end) or cl.kind_in(
                    text, match.end(), min(end, match.end() + 40)
                )
                if kind is None and lx.CAUGHT.match(match.group()):
                    continue  # "был замечен в отеле": seen, not caught at anything
                kind = kind or "crime"
                targets = tuple(dict.fromkeys(c.actor for c in charged))
                found.append(_Found(*_cover(charged, match), targets, kind, match.group()))
    for pattern, kind in lx.ACT_PATTERNS:
        for match in pattern.finditer(text, start, end):
            if cl.negated(text, start, match.start()):
                continue
            doers = cl.doer(text, match, mentions, start) or idioms_ru.group(
                text, match, start, accused
            )
            if doers:
                targets = tuple(dict.fromkeys(d.actor for d in doers))
                if kind == "other":  # "стоит за схемой": what the act is of, if it says
                    kind = cl.kind_in(text, match.start(), match.end()) or kind
                found.append(_Found(*_cover(doers, match), targets, kind, match.group()))
    for match in lx.ILLEGALLY.finditer(text, start, end):
        readings = ru.analyses(match.group(1).casefold())
        if not readings or readings[0].tag.POS != "VERB" or cl.negated(text, start, match.start()):
            continue
        doers = cl.doer(text, match, mentions, start)
        if doers:
            targets = tuple(dict.fromkeys(d.actor for d in doers))
            found.append(_Found(*_cover(doers, match), targets, "crime", match.group()))
    for match in lx.PAID_PATTERN.finditer(text, start, end):
        if cl.negated(text, start, match.start()):
            continue
        paid = _payee(text, match, mentions, start)
        if paid is not None:
            span = (min(paid.start, match.start()), max(paid.end, match.end()))
            found.append(_Found(*span, (paid.actor,), "foreign_funding", match.group()))
    # "Если Прохорова признают виновным, ...": a condition alleges nothing
    return [
        f
        for f in found
        if not lx.HYPOTHETICAL.search(text, cl.clause_start(text, start, f.start), f.end)
    ]


def _predicated(text: str, noun: re.Match[str], case: str | None, start: int) -> bool:
    """Whether a person noun can be said of a name: nominative ("X – предатель"), instrumental
    after a verb of being ("был предателем"), or any case after a verb of calling ("называл
    Жукову покровительницей коррупционеров")."""
    if case == "nomn":
        return True
    clause = text[cl.clause_start(text, start, noun.start()) : noun.start()]
    calling = any(
        p.normal_form in _NAMING
        for w in _WORD.finditer(clause)
        for p in ru.analyses(w.group().casefold())[:2]
    )
    return calling or (case == "ablt" and bool(_COPULA.search(clause)))


def _called(text: str, position: int, end: int) -> tuple[str, int] | None:
    """The kind of wrongdoing an instrumental phrase at ``position`` names, and its end:
    "организатором преступной схемы", "филиалом иностранной разведки", "иностранным агентом"."""
    close = cl.BOUNDARY.search(text, position, end)
    stop = close.start() if close is not None else end
    words = list(_WORD.finditer(text, position, stop))[:5]
    if not words or any(ru.lemma(w.group()) in lx.VICTIM_NOUNS for w in words):
        return None
    head = ru.analyses(words[0].group().casefold())
    if not any(p.tag.case == "ablt" for p in head[:2]):
        return None
    phrase = text[words[0].start() : words[-1].end()]
    kind = cl.kind_in(text, words[0].start(), words[-1].end())
    if kind is None and (lx.FOREIGN_SERVICE.search(phrase) or lx.AGENT.search(phrase)):
        kind = "foreign_funding"
    return (kind, words[-1].end()) if kind is not None else None


def _named_as(text: str, verb: re.Match[str], mentions: list[cl.Name], end: int) -> _Found | None:
    """ "назвал Прохорова организатором преступной схемы": the accusative name after a verb of
    calling, and an instrumental phrase after it that names a wrongdoing (a person noun is
    read on its own, see :func:`_named`)."""
    objects = [
        m
        for m in mentions
        if verb.end() <= m.start <= verb.end() + 40
        and not cl.BOUNDARY.search(text, verb.end(), m.start)
        and "accs" in m.cases
    ]
    if not objects:
        return None
    phrase = _called(text, objects[0].end, end)
    if phrase is None:
        return None
    return _Found(verb.start(), phrase[1], (objects[0].actor,), phrase[0], verb.group())


def _agent(
    text: str, participle: re.Match[str], mentions: list[cl.Name], end: int
) -> cl.Name | None:
    """The doer of a passive act: "по заказу/по указанию/по приказу X" (genitive) or X in the
    instrumental, after the participle in its clause."""
    close = cl.BOUNDARY.search(text, participle.end(), end)
    stop = close.start() if close is not None and close.group() != "," else end
    order = re.search(
        r"(?i)\bпо\s+(?:заказу|указанию|указке|приказу|поручению|просьбе)\s+",
        text[participle.end() : stop],
    )
    if order is not None:
        at = participle.end() + order.end()
        after = [m for m in mentions if at <= m.start < stop and "gent" in m.cases]
        return after[0] if after else None
    after = [m for m in mentions if participle.end() <= m.start < stop]
    return after[0] if after and after[0].person and "ablt" in after[0].cases else None


def _accusation_nouns(text: str, key: tuple[int, int], mentions: list[cl.Name]) -> list[_Found]:
    """An accusation as a noun with its target in the genitive after "в адрес", "против" or "в
    отношении" ("обвинения в коррупции в адрес X"), when it says what is alleged and is not
    denied ("X отверг обвинения в адрес ...")."""
    start, end = key
    found: list[_Found] = []
    for noun in lx.ACCUSATION_NOUN.finditer(text, start, end):
        clause = cl.clause_start(text, start, noun.start())
        if lx.DENIAL.search(text, clause, noun.start()) or cl.negated(text, start, noun.start()):
            continue
        close = cl.BOUNDARY.search(text, noun.end(), end)
        stop = close.start() if close is not None and close.group() != "," else end
        for m in mentions:
            if not (noun.end() <= m.start < min(stop, noun.end() + 80)) or "gent" not in m.cases:
                continue
            if not lx.ADDRESSED.search(text[max(noun.end(), m.start - 14) : m.start]):
                continue
            kind = cl.kind_in(text, noun.end(), m.start) or cl.kind_in(text, m.end, stop)
            if kind is not None:  # its accuser: the one name in the nominative before it
                subjects = {
                    s.actor
                    for s in mentions
                    if clause <= s.start < noun.start() and "nomn" in s.cases and s.actor != m.actor
                }
                accuser = next(iter(subjects)) if len(subjects) == 1 else None
                span = (noun.start(), m.end)
                found.append(_Found(*span, (m.actor,), kind, noun.group(), False, accuser))
            break
    return found


def _charged(
    text: str, verb: re.Match[str], mentions: list[cl.Name], key: tuple[int, int]
) -> list[_Found]:
    """A charge laid on the one name in the dative of the clause ("Прохорову вменяют растрату",
    "ему предъявлено обвинение в мошенничестве"); the type is the charge's."""
    start, end = key
    clause = cl.clause_start(text, start, verb.start())
    close = cl.BOUNDARY.search(text, verb.end(), end)
    stop = close.start() if close is not None and close.group() != "," else end
    if verb.group().casefold().startswith("предъяв") and not re.search(
        r"(?i)обвинени", text[clause:stop]
    ):
        return []
    dative = [m for m in mentions if clause <= m.start and m.end <= stop and "datv" in m.cases]
    if len({m.actor for m in dative}) != 1:
        return []
    kind = cl.kind_in(text, verb.end(), stop) or cl.kind_in(text, clause, verb.start()) or "crime"
    accuser = cl.institution(text, start, verb.start())
    span = (min(dative[0].start, verb.start()), max(dative[0].end, verb.end()))
    return [_Found(*span, (dative[0].actor,), kind, verb.group(), accuser is None, accuser)]


def _payee(text: str, paid: re.Match[str], mentions: list[cl.Name], start: int) -> cl.Name | None:
    """Who is paid: the one name in the dative of the clause ("Дронову платят из-за рубежа"),
    else the name a relative "которому"/"которой" stands for."""
    clause = cl.clause_start(text, start, paid.start())
    dative = [m for m in mentions if clause <= m.start < paid.end() and "datv" in m.cases]
    if len({m.actor for m in dative}) == 1:
        return dative[0]
    relative = re.compile(r"(?i),\s*котор(?:ому|ой|ым)\s+$")
    if relative.search(text, max(start, paid.start() - 14), paid.start()):
        return cl.antecedent(text, paid.start(), mentions, start, pattern=relative)
    return None


def _accused(
    text: str, verb: re.Match[str], mentions: list[cl.Name], key: tuple[int, int], *, passive: bool
) -> list[cl.Name]:
    """Whom an accusation verb accuses: the accusative names just after it ("обвинил Дронова"),
    the accusative name before an impersonal verb ("Баранова обвиняют"), or, for a passive,
    the doer ("Дронов задержан")."""
    if passive:
        return cl.doer(text, verb, mentions, key[0])
    after = [
        m
        for m in mentions
        if verb.end() <= m.start <= verb.end() + 40
        and not cl.BOUNDARY.search(text, verb.end(), m.start)
        and "accs" in m.cases
    ]
    if after:
        joined = [after[0]]
        for a, b in pairwise(after):
            if not re.fullmatch(r"\s*(?:и|,)\s*", text[a.end : b.start]):
                break
            joined.append(b)
        return joined
    clause = cl.clause_start(text, key[0], verb.start())
    before = [m for m in mentions if clause <= m.start and m.end <= verb.start()]
    impersonal = any(
        "plur" in p.tag and p.tag.POS == "VERB" for p in ru.analyses(verb.group().casefold())[:1]
    )
    accusative = len(before) == 1 and "accs" in before[0].cases and "nomn" not in before[0].cases
    if impersonal and accusative:
        return before
    return []


def _named(text: str, noun: re.Match[str], mentions: list[cl.Name], start: int) -> list[cl.Name]:
    """Whom a person noun names: the accusative object of "называть" before it, else the one
    nominative name in its clause."""
    position = noun.start()
    clause = cl.clause_start(text, start, position)
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
    subject = cl.copula_subject(text, position, mentions, start)
    if subject is not None:
        return [subject]
    return cl.doer(text, noun, mentions, start)


def _finding(
    document: Document, cast: Cast, found: _Found, grade: SentenceGrade, detector: str
) -> Span:
    text = document.text
    alleged_by, sourcing = _sourcing(text, found, grade)
    clause = cl.clause_start(text, grade.start, found.start)
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
    official = lx.OFFICIAL_SOURCE.search(text, grade.start, found.start)
    if official is not None:  # "Следователи подозревают, что ...", "в постановлении ..."
        return official.group("body") or official.group("paper"), "named"
    if grade.grade == "hedged" or lx.HEDGED.search(text, grade.start, grade.end):
        return "author", "hedged"
    return "author", "unattributed"
