"""Russian allegations said in idioms and in forms the morphology does not know.

* an idiom of wrongdoing: a verb's lemma (either aspect) and the words that must follow it
  ("запустил руку в бюджет", "нагрели руки на больнице", "купил эти выборы", "клали жалобы под
  сукно"), alleged against the verb's subject as an act verb is;
* public money spent on oneself ("на деньги федерации купил себе внедорожник");
* a sentence served ("отделался условным сроком", "проходил по уголовному делу");
* a past tense of an act verb pymorphy2 does not know ("крышевала": "крышевать");
* a plural pronoun subject ("оба они", "они") with no name of its own speaks of the several
  actors accused together in the sentence before;
* a suit for a wrongdoing ("подать на депутата в суд за клевету") accuses the one sued;
* a wrongdoing with a relative clause of who organised it ("провокация, которую X готовил");
* who was in charge, in inverted order in a sourced sentence among sentences that name a
  wrongdoing ("Источник рассказал, что такие распоряжения отдавал X" after "дело о
  фальсификации"): the type is of the wrongdoing named;
* a deed named with a demonstrative and called a wrongdoing ("назвала эти выплаты прямым
  нарушением") is that of whoever the sentence before accused;
* a rhetorical question of knowledge ("Разве мэр ... ничего не знал о каруселях?") insinuates
  that its subject, the first name after the particle, knew of the wrongdoing named;
* a publication called false ("назвал эти публикации лживыми") accuses who last published or
  claimed something in the article ("X писал, что ...", "портал опубликовал ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from spinscope.detectors import clauses_ru as cl
from spinscope.detectors import lexicons_ru as lx
from spinscope.detectors import russian as ru

_WORD: Final = re.compile(r"[\w-]+")
_PAST: Final = re.compile(r"(?i)([а-яё-]{3,})л[аои]?")


@dataclass(frozen=True, slots=True)
class Act:
    start: int
    end: int
    targets: tuple[str, ...]
    type: str
    cue: str
    accuser: str | None = None


def past_lemma(word: str) -> str | None:
    """The infinitive of a past tense form by its ending ("крышевала" -> "крышевать")."""
    match = _PAST.fullmatch(word)
    return f"{match.group(1).casefold()}ть" if match else None


def doers(
    text: str, verb: re.Match[str], mentions: list[cl.Name], start: int, accused: tuple[str, ...]
) -> tuple[str, ...]:
    """Who does the act at ``verb``: its subject in the clause, else the actors accused together
    just before when the clause's subject is a plural pronoun."""
    found = cl.doer(text, verb, mentions, start) or group(text, verb, start, accused)
    return tuple(dict.fromkeys(d.actor for d in found))


def group(text: str, verb: re.Match[str], start: int, accused: tuple[str, ...]) -> list[cl.Name]:
    """A plural pronoun or "эти люди" before a plural verb, with no name of its own, speaks of
    the group or the several actors accused in the sentence before ("«Эти люди получают деньги
    от западных фондов», – заявил X" after X accused an organisation)."""
    if not accused:
        return []
    clause = cl.clause_start(text, start, verb.start())
    pronoun = None
    for match in lx.PLURAL_PRONOUN.finditer(text, clause, verb.start()):
        pronoun = match
    readings = ru.analyses(verb.group().split()[0].casefold())[:1]
    plural = bool(readings) and (readings[0].tag.number == "plur" or readings[0].tag.POS == "INFN")
    if pronoun is None or not plural:
        return []
    return [cl.Name(pronoun.start(), pronoun.end(), a, frozenset({"nomn"}), False) for a in accused]


def publisher(text: str, key: tuple[int, int], mentions: list[cl.Name]) -> str | None:
    """The actor who publishes or claims something in a sentence ("портал опубликовал
    переписку", "Добровольский писал, что ..."), if any."""
    for word in _WORD.finditer(text, *key):
        readings = ru.analyses(word.group().casefold())[:1]
        if readings and readings[0].normal_form in lx.PUBLISH_LEMMAS:
            found = cl.doer(text, word, mentions, key[0])
            if len({f.actor for f in found}) == 1:
                return found[0].actor
    return None


def acts(
    text: str,
    key: tuple[int, int],
    mentions: list[cl.Name],
    accused: tuple[str, ...],
    published: str | None = None,
) -> list[Act]:
    """The idioms, own use of public money, sentences served and unknown past tenses of a
    sentence (see the module doc)."""
    start, end = key
    found: list[Act] = []

    def add(verb: re.Match[str], kind: str, stop: int) -> None:
        targets = doers(text, verb, mentions, start, accused)
        if targets and not cl.negated(text, start, verb.start()):
            named = [m for m in mentions if m.actor in targets]
            low = min([verb.start()] + [m.start for m in named if m.start < verb.start()])
            high = max([stop] + [m.end for m in named if m.end > stop and m.start < stop + 80])
            found.append(Act(low, high, targets, kind, verb.group()))

    for word in _WORD.finditer(text, start, end):
        readings = ru.analyses(word.group().casefold())[:3]
        idiom = next(
            (lx.IDIOMS[p.normal_form] for p in readings if p.normal_form in lx.IDIOMS), None
        )
        if idiom is not None:
            tail = idiom[0].match(text, word.end(), end)
            if tail is not None and readings[0].tag.POS in ("VERB", "INFN", "NOUN"):
                add(word, idiom[1], tail.end())
            continue
        guess = past_lemma(word.group())
        if (
            guess is not None
            and lx.ACT_VERBS.get(guess)
            and not any(p.normal_form in lx.ACT_VERBS for p in ru.analyses(word.group().casefold()))
        ):
            add(word, str(lx.ACT_VERBS[guess]), word.end())
    if lx.OWN_USE.search(text, start, end):
        for match in lx.OWN_USE_VERB.finditer(text, start, end):
            verb = _WORD.match(text, match.start("v"))
            if verb is not None:
                add(verb, "corruption", match.end())
    found.extend(_knew(text, key, mentions))
    found.extend(_sued(text, key, mentions))
    found.extend(_organised(text, key, mentions))
    called = lx.PUBLICATION_FALSE.search(text, start, end)
    if called is not None and published is not None:
        subject = [m.actor for m in mentions if m.end <= called.start() and "nomn" in m.cases]
        naming = re.search(r"(?i)\bназва\w*|\bназыва\w*", text[start : called.start()])
        if naming is not None and published not in subject:
            found.append(Act(called.start(), called.end(), (published,), "lying", called.group()))
    for pattern in lx.SENTENCED:
        for match in pattern.finditer(text, start, end):
            add(match, "crime", match.end())
    return found


def _sued(text: str, key: tuple[int, int], mentions: list[cl.Name]) -> list[Act]:
    start, end = key
    out: list[Act] = []
    for m in mentions:
        if not lx.SUED.search(text[max(start, m.start - 40) : m.start]):
            continue
        if not ({"accs", "gent"} & m.cases):
            continue
        close = cl.BOUNDARY.search(text, m.end, end)
        stop = close.start() if close is not None else end
        tail = text[m.end : stop]
        after = re.search(r"(?i)\bза\s+", tail)
        if "суд" not in text[max(start, m.start - 40) : stop] or after is None:
            continue
        kind = cl.kind_in(text, m.end + after.end(), stop)
        if kind is not None and not cl.negated(text, start, m.start - 20):
            by = [s.actor for s in mentions if s.end <= m.start and "nomn" in s.cases]
            accuser = next((a for a in by if a != m.actor), None)
            out.append(Act(m.start, stop, (m.actor,), kind, "суд", accuser))
    return out


def _organised(text: str, key: tuple[int, int], mentions: list[cl.Name]) -> list[Act]:
    start, end = key
    out: list[Act] = []
    pattern = re.compile(r"(?i)\b([\w-]+)\s*,\s*котор(?:ую|ой|ый|ое|ые|ых|ым)\s+")
    for match in pattern.finditer(text, start, end):
        kind = cl.kind_in(text, match.start(1), match.end(1))
        if kind is None:
            continue
        after = [m for m in mentions if match.end() <= m.start <= match.end() + 2]
        if not after or "nomn" not in after[0].cases:
            continue
        verb = _WORD.search(text, after[0].end, end)
        if verb is None or ru.lemma(verb.group()) not in lx.ORGANISE_LEMMAS:
            continue
        out.append(Act(match.start(), verb.end(), (after[0].actor,), kind, match.group(1)))
    return out


def in_charge(
    text: str, key: tuple[int, int], mentions: list[cl.Name], around: tuple[int, int]
) -> list[Act]:
    """Who was in charge of what the sentences ``around`` name as a wrongdoing (see the module
    doc); the caller passes only sourced sentences."""
    start, end = key
    out: list[Act] = []
    kind: str | None = None
    for word in _WORD.finditer(text, start, end):
        readings = ru.analyses(word.group().casefold())[:1]
        if not readings or readings[0].normal_form not in lx.IN_CHARGE_LEMMAS:
            continue
        if readings[0].tag.POS != "VERB" or cl.negated(text, start, word.start()):
            continue
        clause = cl.clause_start(text, start, word.start())
        if clause == word.start():
            continue  # the object must stand before the verb
        subject = cl.inverted(text, word, mentions, clause)
        kind = kind or (cl.kind_in(text, *around) if subject is not None else None)
        if subject is not None and kind is not None:
            out.append(Act(word.start(), subject.end, (subject.actor,), kind, word.group()))
    return out


def deed_called(text: str, key: tuple[int, int], before: tuple[str, ...]) -> list[Act]:
    """A deed of those accused in the sentence before called a wrongdoing (see the module doc)."""
    if not before:
        return []
    out: list[Act] = []
    for match in lx.DEED_CALLED.finditer(text, *key):
        if ru.lemma(match.group(1)) not in lx.DEED_NOUNS or cl.negated(text, key[0], match.start()):
            continue
        kind = cl.kind_in(text, match.start(2), match.end(2))
        if kind is not None:
            out.append(Act(match.start(), match.end(), before, kind, match.group(1)))
    return out


def _knew(text: str, key: tuple[int, int], mentions: list[cl.Name]) -> list[Act]:
    start, end = key
    sentence = text[start:end].rstrip()
    particle = lx.KNEW_QUESTION.match(sentence)
    if particle is None or not sentence.endswith("?"):
        return []
    knew = lx.KNEW.search(text, start, end)
    if knew is None or cl.kind_in(text, knew.start(1), knew.end(1)) is None:
        return []
    close = cl.BOUNDARY.search(text, start + particle.end(), end)
    stop = close.start() if close is not None else end
    subject = [m for m in mentions if start <= m.start < stop and "nomn" in m.cases]
    if len({m.actor for m in subject}) != 1:
        return []
    return [Act(subject[0].start, knew.end(), (subject[0].actor,), "other", knew.group())]
