"""Actors in Russian: persons, organisations and places from natasha's NER, merged across cases.

Entities come from :func:`spinscope.detectors.russian.parse`; then:

* quotation marks and the generic noun before a quoted name are cut off ("фонд «Речной берег»"
  is «Речной берег»), and a quoted name is kept whole ("«Тихоборская правда»"); adverbs and
  other non-name words at either end are cut off ("Велигорске Вчера"), unless they can be a
  surname ("Евгений Бортко"), and so is a common noun before a place ("Герб Республики
  Орлании");
* an organisation and the place in the genitive after it are one name ("Следственное
  управление Верхнеольска"); an unquoted generic institution ("Суд"), a person's role
  ("Директора центра") or a plural common noun ("Томографы") is no organisation;
* a one-word "person" that the dictionary knows only as a place is a place ("Чиновники
  Велигорска");
* mentions are merged by lemma: every word is reduced to its dictionary form, names and
  surnames to theirs ("Климова", "Климовой", "Климову" -> "климов"), and a lone surname or
  first name joins the one full name it belongs to; where the dictionary reads a surname's
  cases apart ("Ахмедов", "Ахмедова"), their common stem joins them; organisations whose names
  are one name in the nominative are one;
* every surname of a full name, and every organisation's name in any case ("«Открытую
  долину»"), is looked for again in the running text, so mentions the model missed are found;
* the author of the article (the byline, or the name after "Автор:") is never an actor.

An actor's name is the nominative form of its longest name ("Елене Орловой" -> "Елена
Орлова", "Тихоборском районном суде" -> "Тихоборский районный суд"). Descriptors are read
before each mention (role nouns with their adjectives and complements: "депутат городского
собрания", "радикальный активист") and in an apposition after it ("Баранов, директор фонда,");
a descriptor is evaluative when it carries a loaded word.

The result is the same :class:`~spinscope.detectors.cast.Cast` the English reader builds, so
sourcing, allegations and every report read it unchanged.
"""

from __future__ import annotations

import re
from typing import Final

from spinscope.detectors import lexicons_ru as lx
from spinscope.detectors import russian as ru
from spinscope.detectors.cast import QUOTES, Cast, CastMember, Mention, mention_position
from spinscope.document import Document
from spinscope.nlp import Entity, Parse
from spinscope.records import Descriptor

_KIND: Final = {"PERSON": "person", "ORG": "organisation", "GPE": "place"}
_WORD: Final = re.compile(r"[\w-]+")
_BYLINE: Final = re.compile(r"(?i)\b(?:автор|текст|фото)\s*[:—–-]\s*$")
_NON_NAME_POS: Final = frozenset({"ADVB", "PREP", "CONJ", "PRCL", "INTJ", "NPRO", "VERB", "INFN"})
MAX_DESCRIPTOR_WORDS: Final = 6


def _first_parse(word: str) -> object:
    parses = ru.analyses(word.casefold())
    return parses[0] if parses else None


def _pos(word: str) -> str:
    parse = _first_parse(word)
    return str(parse.tag.POS) if parse is not None else ""  # type: ignore[attr-defined]


def _has_tag(word: str, tag: str) -> bool:
    return any(tag in p.tag for p in ru.analyses(word.casefold()))


def _clean(entity: Entity, text: str) -> tuple[int, int, str] | None:
    """(start, end, label) of an entity with quotes, generic nouns and stray words cut off."""
    start, end, label = entity.start, entity.end, entity.label
    if start > 0 and text[start - 1] == "«":  # the model left the opening quote out
        start -= 1
    opening = text.find("«", start, end)
    if opening >= 0:
        start = opening + 1
        closing = text.find("»", start, end + 1)
        if closing < 0:  # the model cut a quoted name short: the quote is whole
            closing = text.find("»", end, end + 40)
            if re.search(r"[.!?\n«]", text[end : max(end, closing)]):
                closing = -1
        if closing > start and label == "ORG" and text[start:closing].strip():
            # a quoted name is kept whole ("«Тихоборская правда»": "правда" is a name word)
            return start, closing, label
        if closing > start:
            end = min(end, closing)
    while start < end and text[start] in QUOTES + " —–-,.":
        start += 1
    while end > start and text[end - 1] in QUOTES + " —–-,.;:":
        end -= 1
    words = list(_WORD.finditer(text, start, end))
    while (
        words
        and _pos(words[-1].group()) in _NON_NAME_POS
        and not (label == "PERSON" and len(words) > 1 and _name_word(words[-1].group()))
    ):
        words.pop()
    while words and _pos(words[0].group()) in _NON_NAME_POS:
        words.pop(0)
    if not words:
        return None
    if label == "ORG" and len(words) == 1 and _common_plural(words[0].group()):
        return None  # "Томографы по цене квартир": a plural common noun, unquoted, is no name
    if label == "ORG" and text[max(0, start - 1) : start] != "«" and _generic(words):
        return None  # "Суд по иску ...", "Директора центра": a role or a generic noun
    if label == "GPE" and len(words) > 1:
        first = words[0].group()
        low = ru.lemma(first)
        common = not any(_has_tag(first, t) for t in ("Geox", "Name", "Surn", "Orgn"))
        if common and _pos(first) == "NOUN" and low not in lx.PLACE_NOUNS:
            words.pop(0)  # "Герб Республики Орлании": the coat of arms is no place
    start, end = words[0].start(), words[-1].end()
    if label == "GPE":
        before = re.search(r"([\w-]+)\s+$", text[max(0, start - 40) : start])
        if (
            before
            and before.group(1)[:1].isupper()
            and ru.lemma(before.group(1)) in (lx.INSTITUTION_NOUNS)
        ):
            # "Прокуратура Озёрского района": an institution, not the place
            return start - len(before.group()), end, "ORG"
    if label == "PERSON" and len(words) == 1:
        word = words[0].group()
        if _has_tag(word, "Geox") and not any(_has_tag(word, t) for t in ("Name", "Surn")):
            label = "GPE"
    return start, end, label


def _name_word(word: str) -> bool:
    """A capitalised word the dictionary can read as a surname or a name ("Бортко", whose
    likeliest reading is an adverb)."""
    return word[:1].isupper() and any(
        t in p.tag for p in ru.analyses(word.casefold()) for t in ("Surn", "Name", "Patr")
    )


def _generic(words: list[re.Match[str]]) -> bool:
    """An unquoted organisation that is only a generic institution noun ("Суд") or opens with
    a person's role noun ("Директора центра")."""
    first = ru.lemma(words[0].group())
    if first in lx.ROLE_NOUNS and not any(_name_word(w.group()) for w in words):
        return True
    return len(words) == 1 and (first in lx.INSTITUTION_NOUNS or first in lx.ORG_NOUNS)


def _common_plural(word: str) -> bool:
    """A word the dictionary knows only as a plural common noun ("Томографы")."""
    readings = ru.analyses(word.casefold())
    return bool(readings) and all(
        p.is_known
        and p.tag.POS == "NOUN"
        and p.tag.number == "plur"
        and not any(t in p.tag for t in ("Orgn", "Geox", "Name", "Surn", "Abbr"))
        for p in readings
    )


def _with_places(
    entities: list[tuple[int, int, str]], text: str, places: set[str]
) -> list[tuple[int, int, str]]:
    """An organisation and the place in the genitive just after it are one name ("Следственное
    управление Верхнеольска", "Департамент здравоохранения Верхнеольска"), whatever the model
    called the place."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in entities:
        if out and out[-1][2] == "ORG" and start < out[-1][1]:
            continue  # inside a region the name took in
        if out and out[-1][2] == "ORG" and text[out[-1][1] : start] == " ":
            word = text[start:end]
            if " " not in word and ru.lemma(word) in places and "gent" in ru.cases(word):
                out[-1] = (out[-1][0], end, "ORG")
                continue
        if label == "ORG":  # "Федерация гребли Заозёрной области": the region is the name's
            region = _REGION.match(text, end)
            end = region.end() if region is not None else end
        out.append((start, end, label))
    return out


_REGION: Final = re.compile(
    r" [А-ЯЁ][а-яё-]+(?:ой|ого|его) (?:области|края|района|округа|республики)\b"
)


def _key(text: str, label: str) -> str:
    return " ".join(ru.lemma(w.group()) for w in _WORD.finditer(text))


def _authors(document: Document) -> set[str]:
    keys: set[str] = set()
    for author in document.meta.authors:
        keys.add(_key(author, "PERSON"))
    return keys


class _Group:
    __slots__ = ("key", "kind", "raws")

    def __init__(self, key: str, kind: str) -> None:
        self.key = key
        self.kind = kind
        self.raws: list[tuple[int, int, int, str]] = []  # start, end, sentence, via


def build_cast(document: Document, parsed: Parse | None = None) -> Cast:
    """The actors of a Russian ``document``: mentions cleaned, merged by lemma, descriptors read."""
    parsed = parsed or ru.parse(document)
    text = document.text
    authors = _authors(document)
    groups: dict[str, _Group] = {}
    places = {
        ru.lemma(text[e.start : e.end])
        for s in parsed.sentences
        for e in s.entities
        if e.label == "GPE" and " " not in text[e.start : e.end].strip()
    }
    for index, sentence in enumerate(parsed.sentences):
        for start, end, label in _with_places(
            [c for c in (_clean(e, text) for e in sentence.entities) if c is not None],
            text,
            places,
        ):
            key = _key(text[start:end], label)
            if label == "PERSON" and (
                key in authors or _BYLINE.search(text[max(0, start - 12) : start])
            ):
                authors.add(key)  # the article's author is no actor of it
                continue
            kind = _KIND[label]
            group = groups.setdefault(f"{kind}:{key}", _Group(key, kind))
            group.raws.append((start, end, index, "model"))
    _merge_persons(groups, authors, text)
    _merge_places(groups)
    _sweep(document, parsed, groups)
    _merge_organisations(groups, text)
    ordered = sorted(groups.values(), key=lambda g: min(r[0] for r in g.raws))
    actors: list[CastMember] = []
    mentions: list[Mention] = []
    for number, group in enumerate(ordered, start=1):
        ident = f"a{number}"
        names = sorted(
            {text[s:e] for s, e, _, _ in group.raws}, key=lambda n: (-len(n.split()), -len(n), n)
        )
        name = _nominative(names, group.kind)
        actor = CastMember(ident, name, group.kind, aliases=[n for n in names if n != name])
        seen: set[tuple[int, int]] = set()
        for start, end, index, via in sorted(group.raws):
            if (start, end) in seen:
                continue
            seen.add((start, end))
            mention = Mention(start, end, ident, index, via)
            actor.mentions.append(mention)
            mentions.append(mention)
        actors.append(actor)
    read_descriptors(Cast(parsed, tuple(actors), tuple(mentions)), text)
    by_id = {a.id: a for a in actors}
    for pronoun in _pronouns(text, parsed, actors, mentions):
        by_id[pronoun.actor].mentions.append(pronoun)
        mentions.append(pronoun)
    for actor in actors:
        actor.mentions.sort(key=mention_position)
    return Cast(parsed, tuple(actors), tuple(sorted(mentions, key=mention_position)))


_PRONOUNS: Final = {
    "он": "masc",
    "его": "masc",
    "ему": "masc",
    "него": "masc",
    "нему": "masc",
    "она": "femn",
    "её": "femn",
    "ее": "femn",
    "ей": "femn",
    "неё": "femn",
    "нее": "femn",
    "ней": "femn",
}
_POSSESSED: Final = frozenset({"NOUN", "ADJF", "PRTF", "NUMR"})


def _subject_of_clause(text: str, mention: Mention, position: int) -> bool:
    """A name in the nominative in the same clause as a pronoun is not what the pronoun means
    ("Яковлев говорит за него": него is someone else; Russian says "за себя")."""
    if re.search(r"[,;:]|\sчто\s|\s[–—]\s", text[mention.end : position]):
        return False
    return "nomn" in ru.cases(text[mention.start : mention.end].split()[-1])


def _pronouns(
    text: str, parsed: Parse, actors: list[CastMember], mentions: list[Mention]
) -> list[Mention]:
    """Personal pronouns (он, она, его, её, ...) of the one person of their gender named before
    them in the same sentence, else in the sentence before; none when two persons qualify. A
    possessive ("его помощник") stands for no one: its noun is the actor."""
    gender = {a.id: ru.name_gender(a.name) for a in actors if a.kind == "person"}
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    found: list[Mention] = []
    for index, sentence in enumerate(parsed.sentences):
        for word in _WORD.finditer(text, sentence.start, sentence.end):
            wanted = _PRONOUNS.get(word.group().casefold())
            if wanted is None:
                continue
            after = _WORD.search(text, word.end(), sentence.end)
            if after is not None and _pos(after.group()) in _POSSESSED:
                continue
            here = [
                m
                for m in by_sentence.get(index, [])
                if m.end <= word.start()
                and gender.get(m.actor) == wanted
                and not _subject_of_clause(text, m, word.start())
            ]
            before = [m for m in by_sentence.get(index - 1, []) if gender.get(m.actor) == wanted]
            candidates = {m.actor for m in here} or {m.actor for m in before}
            if len(candidates) == 1:
                (actor,) = candidates
                found.append(Mention(word.start(), word.end(), actor, index, "pronoun"))
    return found


def _merge_organisations(groups: dict[str, _Group], text: str) -> None:
    """Organisations whose names are one name in the nominative ("Тихоборском районном суде",
    "Тихоборского районного суда") are one organisation."""
    by_name: dict[str, _Group] = {}
    for label, group in list(groups.items()):
        if group.kind != "organisation":
            continue
        names = sorted(
            {text[s:e] for s, e, _, _ in group.raws}, key=lambda n: (-len(n.split()), -len(n), n)
        )
        nominal = _nominative(names, group.kind).casefold().replace("ё", "е")
        if nominal in by_name:
            by_name[nominal].raws.extend(group.raws)
            del groups[label]
        else:
            by_name[nominal] = group
    # a one-word name read as a verb ("«Аквастали»": "аквастать") is the noun's other case
    for nominal, group in list(by_name.items()):
        if " " in nominal:
            continue
        nouns = {
            str(p.normal_form).replace("ё", "е")
            for p in ru.analyses(nominal)
            if p.tag.POS == "NOUN" and p.normal_form != nominal
        }
        other = next((by_name[n] for n in sorted(nouns) if n in by_name), None)
        if other is not None and other is not group:
            other.raws.extend(group.raws)
            groups.pop(next(k for k, g in groups.items() if g is group), None)
            del by_name[nominal]


_SURNAME_FORM: Final = re.compile(r"(?i)^(.+?(?:ов|ев|ёв|ин|ын))(?:а|у|ым|ом|е|ой|ою|ы)?$")


def _surname_stem(word: str) -> str | None:
    """The stem all case forms of a surname in -ов/-ев/-ин/-ын share ("Ахмедова" -> "ахмедов")."""
    match = _SURNAME_FORM.match(word.casefold().replace("ё", "е"))
    return match.group(1) if match else None


def _merge_full_names(groups: dict[str, _Group], text: str) -> None:
    """Full names with one first name and one surname stem are one person ("Марата
    Исмаилова", "Марат Исмаилов"), however the dictionary reads their cases."""
    seen: dict[tuple[str, str], _Group] = {}
    for label, group in list(groups.items()):
        if group.kind != "person" or len(group.key.split()) < 2:
            continue
        stems = {_surname_stem(text[s:e].split()[-1]) for s, e, _, _ in group.raws} - {None}
        if len(stems) != 1:
            continue
        key = (group.key.split()[0], next(iter(stems)) or "")
        if key in seen:
            seen[key].raws.extend(group.raws)
            del groups[label]
        else:
            seen[key] = group


def _merge_persons(groups: dict[str, _Group], authors: set[str], text: str) -> None:
    """A one-word person (or a one-word place or organisation that is a surname) joins the one
    full name whose surname (or first name) it shares."""
    _merge_full_names(groups, text)
    full = [g for g in groups.values() if g.kind == "person" and len(g.key.split()) > 1]
    for label, group in list(groups.items()):
        if len(group.key.split()) > 1:
            continue
        if group.kind != "person":
            # a surname the model calls a place ("Сам Ростов ...") still names the person
            owners = [f for f in full if group.key == f.key.split()[-1]]
            if len(owners) == 1:
                owners[0].raws.extend(group.raws)
                del groups[label]
            continue
        if any(group.key == a.split()[-1] for a in authors if a):
            del groups[label]
            continue
        owners = [f for f in full if group.key == f.key.split()[-1]]
        if not owners:
            owners = [f for f in full if group.key in f.key.split()]
        if not owners:  # the dictionary reads a surname's cases apart ("Ахмедов", "Ахмедова")
            stems = {_surname_stem(text[s:e]) for s, e, _, _ in group.raws} - {None}
            owners = [
                f
                for f in full
                if stems & {_surname_stem(text[s:e].split()[-1]) for s, e, _, _ in f.raws}
            ]
        if len(owners) == 1:
            owners[0].raws.extend(group.raws)
            del groups[label]


def _merge_places(groups: dict[str, _Group]) -> None:
    """ "Республики Орлании" and "Орлании" are one place, under the fuller name."""
    places = {g.key: label for label, g in groups.items() if g.kind == "place"}
    for key, label in list(places.items()):
        words = key.split()
        if len(words) > 1 and words[0] in lx.PLACE_NOUNS:
            short = places.get(" ".join(words[1:]))
            if short is not None and short in groups:
                groups[label].raws.extend(groups.pop(short).raws)


def _sweep(document: Document, parsed: Parse, groups: dict[str, _Group]) -> None:
    """Surnames of full names, and organisation names in any case ("обвинил «Открытую
    долину»"), found again where the model missed them."""
    text = document.text
    surnames: dict[str, list[_Group]] = {}
    for group in groups.values():
        if group.kind == "person" and len(group.key.split()) > 1:
            surnames.setdefault(group.key.split()[-1], []).append(group)
    names: dict[str, list[_Group]] = {}  # an organisation's first lemma -> its groups
    for group in groups.values():
        if group.kind == "organisation" and group.key:
            names.setdefault(group.key.split()[0], []).append(group)
    covered: dict[int, list[tuple[int, int]]] = {}  # sentence -> spans of its mentions
    for group in groups.values():
        for start, end, index, _ in group.raws:
            covered.setdefault(index, []).append((start, end))
    for index, sentence in enumerate(parsed.sentences):
        spans = covered.setdefault(index, [])
        words = list(_WORD.finditer(text, sentence.start, sentence.end))
        for number, word in enumerate(words):
            if not word.group()[:1].isupper():
                continue
            for group in names.get(ru.lemma(word.group()), []):
                length = len(group.key.split())
                run = words[number : number + length]
                if len(run) < length or " ".join(ru.lemma(w.group()) for w in run) != group.key:
                    continue
                start, end = run[0].start(), run[-1].end()
                if "\n" not in text[start:end] and not any(s < end and start < e for s, e in spans):
                    group.raws.append((start, end, index, "sweep"))
                    spans.append((start, end))
            owners = surnames.get(ru.lemma(word.group()), [])
            if len(owners) != 1:
                continue
            if any(s < word.end() and word.start() < e for s, e in spans):
                continue
            owners[0].raws.append((word.start(), word.end(), index, "sweep"))
            spans.append((word.start(), word.end()))


def _nominative(names: list[str], kind: str) -> str:
    """The name in the nominative: its fullest mention already in it, else that one inflected
    (a person's every name word, an organisation's or a place's first word)."""
    fullest = [n for n in names if len(n.split()) == len(names[0].split())]
    for name in fullest:
        words = name.split()
        if kind != "person" and "nomn" in ru.cases(words[0]):
            return name
        if kind == "person" and _nominative_name(words):
            return name
    words = names[0].split()
    if kind == "person":
        return _inflect_person(words)
    if kind == "organisation":
        agreed = _phrase_nominative(words)
        if agreed is not None:
            return agreed
    return " ".join([_head_nominative(words[0]), *words[1:]])


def _phrase_nominative(words: list[str]) -> str | None:
    """An organisation's name whose adjectives agree with its head noun, all put in the
    nominative ("Тихоборском районном суде" -> "Тихоборский районный суд"); None when the name
    does not open with such a phrase or the dictionary does not know its head."""
    head = next((i for i, w in enumerate(words) if not _adjective(w) or i == len(words) - 1), None)
    if head is None or head == 0:
        return None
    nouns = [p for p in ru.analyses(words[head].casefold()) if p.tag.POS == "NOUN" and p.is_known]
    if not nouns or nouns[0].tag.case == "nomn":
        return None
    noun = nouns[0]
    out: list[str] = []
    for word in words[:head]:
        agreeing = [
            p
            for p in ru.analyses(word.casefold())
            if p.tag.POS in ("ADJF", "PRTF") and p.tag.case == noun.tag.case
        ]
        form = agreeing[0].inflect({"nomn"}) if agreeing else None
        if form is None:
            return None
        out.append(_capitalised(str(form.word), word))
    form = noun.inflect({"nomn"})
    if form is None:
        return None
    return " ".join([*out, _capitalised(str(form.word), words[head]), *words[head + 1 :]])


def _adjective(word: str) -> bool:
    return any(p.tag.POS in ("ADJF", "PRTF") for p in ru.analyses(word.casefold())[:2])


def _capitalised(form: str, like: str) -> str:
    return form.capitalize() if like[:1].isupper() else form


def _nominative_name(words: list[str]) -> bool:
    """Whether a person's name is in the nominative: its first word's likeliest reading as a
    name, and a reading of every other word of the same gender ("Романа Зуева" is not: Романа
    is likelier Роман's genitive than a woman's name)."""
    if len(words) == 1:
        return "nomn" in ru.cases(words[0])
    readings = [p for p in ru.analyses(words[0].casefold()) if "Name" in p.tag]
    if not readings or readings[0].tag.case != "nomn":
        return False
    gender = readings[0].tag.gender
    for word in words[1:]:
        forms = [p for p in ru.analyses(word.casefold()) if p.tag.case == "nomn"]
        named = [p for p in forms if "Surn" in p.tag or "Name" in p.tag or "Patr" in p.tag]
        if named and not any(p.tag.gender in (gender, None) for p in named):
            return False
        # a man's surname in -ов/-ев/-ин/-ын is its own nominative ("Марат Исмаилов")
        bare = gender == "masc" and _surname_stem(word) == word.casefold().replace("ё", "е")
        if not forms and "nomn" not in ru.cases(word) and not bare:
            return False
    return True


def _head_nominative(word: str) -> str:
    """A place's or an organisation's first word in the nominative, when the dictionary knows
    it as a place or a common noun ("Велигорска" -> "Велигорск", "Вестнику" -> "Вестник")."""
    for parse in ru.analyses(word.casefold()):
        if parse.tag.POS != "NOUN" or not (parse.is_known or "Geox" in parse.tag):
            continue
        if any(t in parse.tag for t in ("Name", "Surn", "Patr", "Abbr")):
            continue
        form = parse.inflect({"nomn", parse.tag.number or "sing"})
        if form is not None:
            return str(form.word).capitalize() if word[:1].isupper() else str(form.word)
    return word


_MALE_ENDS: Final = ("ов", "ев", "ин", "ын")


def _inflect_person(words: list[str]) -> str:
    """A person's name put in the nominative, every word read in one gender and case that all
    of them can share ("Марину Соколову": feminine accusative -> "Марина Соколова")."""
    readings = [
        [p for p in ru.analyses(w.casefold()) if any(t in p.tag for t in ("Name", "Surn", "Patr"))]
        for w in words
    ]
    # On a tie ("Марину": Марин's dative or Марина's accusative) the rarer masculine reading
    # gives way.
    first = sorted(readings[0], key=lambda p: (-round(p.score, 3), p.tag.gender != "femn"))
    shared = next(
        (
            (p.tag.gender, p.tag.case)
            for p in first
            if all(
                any((q.tag.gender, q.tag.case) == (p.tag.gender, p.tag.case) for q in r)
                for r in readings[1:]
                if r
            )
        ),
        None,
    )
    out = []
    for word, options in zip(words, readings, strict=True):
        chosen = [p for p in options if shared is None or (p.tag.gender, p.tag.case) == shared]
        form = chosen[0].inflect({"nomn"}) if chosen else None
        if form is not None:
            out.append(str(form.word).capitalize())
        elif (
            not options and ru.lemma(word) != word.casefold()
        ):  # a surname unknown to the dictionary
            stem = ru.lemma(word)
            feminine = shared is not None and shared[0] == "femn" and stem.endswith(_MALE_ENDS)
            out.append((stem + ("а" if feminine else "")).capitalize())
        else:
            out.append(word)
    return " ".join(out)


# ---------------------------------------------------------------------------------------------
# Descriptors


_STOP_BEFORE: Final = re.compile(r"[,.;:!?()\"“”—–]")


def read_descriptors(cast: Cast, text: str) -> None:
    """Role nouns before a mention, and appositions and predicates after it ("X, директор
    фонда,", "X – радикальный активист"), as descriptors of its actor."""
    for mention in cast.mentions:
        actor = cast.by_id(mention.actor)
        if actor.kind == "place":
            continue
        for found in (_before(text, mention, actor.kind), _apposition(text, mention, actor.kind)):
            if found is None:
                continue
            start, end = found
            phrase = text[start:end]
            if any(
                (d.start < end and start < d.end) or _key(d.text, "") == _key(phrase, "")
                for d in actor.descriptors
            ):
                continue  # the same phrase again (in any case), or another reading of it
            actor.descriptors.append(Descriptor(phrase, is_evaluative(phrase), start, end))


def is_evaluative(phrase: str) -> bool:
    """True when a descriptor carries a loaded word ("радикальный", "так называемый")."""
    low = phrase.casefold()
    if "так называем" in low:
        return True
    return any(ru.lemma(w) in lx.EVALUATIVE for w in re.findall(r"[\w-]+", low))


def _is_role(word: str, roles: frozenset[str]) -> bool:
    """Whether ``word`` is a form of a role noun, with "вице-", "экс-" or "и.о." before it."""
    lemma = ru.lemma(word)
    return lemma in roles or lemma.split("-", 1)[-1] in roles


def _roles(kind: str) -> frozenset[str]:
    return lx.ROLE_NOUNS if kind == "person" else lx.ORG_NOUNS


def _before(text: str, mention: Mention, kind: str) -> tuple[int, int] | None:
    """The words before a mention back to a stop, if they hold a role noun: "депутат
    городского собрания Анна Климова", "радикальный активист Павел Дронов"."""
    left = max(0, mention.start - 120)
    stretch = text[left : mention.start]
    stop = max((m.end() for m in _STOP_BEFORE.finditer(stretch)), default=0)
    words = list(_WORD.finditer(text, left + stop, mention.start))
    if kind == "organisation":
        quote = text[max(0, mention.start - 1) : mention.start]
        if quote != "«":
            return None
        words = list(_WORD.finditer(text, left + stop, mention.start - 1))
        if text[words[-1].end() if words else 0 : mention.start - 1].strip():
            return None
        # only the generic noun and its adjectives: "газета", "консалтинговой фирме"
        last = len(words) - 1
        while last > 0 and _pos(words[last - 1].group()) in ("ADJF", "PRTF"):
            last -= 1
        words = words[last:]
    words = words[-MAX_DESCRIPTOR_WORDS:]
    roles = _roles(kind)
    # Keep the descriptor from its first adjective or role noun up to the name.
    keep: list[re.Match[str]] = []
    has_role = False
    for word in reversed(words):
        pos = _pos(word.group())
        if _is_role(word.group(), roles):
            has_role = True
        elif pos not in ("ADJF", "NOUN", "PRTF"):
            break
        keep.append(word)
    keep.reverse()
    while keep and not _is_role(keep[0].group(), roles) and _pos(keep[0].group()) == "NOUN":
        keep.pop(0)  # a noun before the role belongs to the clause, not the descriptor
    if not has_role or not keep:
        return None
    if kind == "person":
        keep = _agreeing(keep, ru.cases(text[mention.start : mention.end].split()[-1]), roles)
    if not any(_is_role(w.group(), roles) for w in keep):
        return None
    start, end = keep[0].start(), keep[-1].end()
    if text.count("«", start, end) > text.count("»", start, end) and text[end : end + 1] == "»":
        end += 1  # "директор компании «СтройЛайн»"
    return start, end


def _agreeing(
    words: list[re.Match[str]], cases: frozenset[str], roles: frozenset[str]
) -> list[re.Match[str]]:
    """The descriptor from its head, the first role noun in the name's case, and the agreeing
    adjectives before it: "вице-губернатора" of "помощником вице-губернатора Аркадия
    Голубева", whose помощник is someone else."""
    head = next(
        (
            i
            for i, w in enumerate(words)
            if _is_role(w.group(), roles) and ru.cases(w.group()) & cases
        ),
        None,
    )
    if head is None:
        return []
    first = head
    while first > 0 and _pos(words[first - 1].group()) in ("ADJF", "PRTF"):
        if not ru.cases(words[first - 1].group()) & cases:
            break
        first -= 1
    return words[first:]


_APPOSITION: Final = re.compile(r",\s+([^,.;:!?()«»]{3,80}?)(?=,|\.|$)")


_PREDICATE: Final = re.compile(
    r"\s+(?:[–—]\s+|-\s+|является\s+|был\s+|была\s+|остаётся\s+|остается\s+)"
    r"([^,.;:!?()«»]{3,80}?)(?=[,.;:!?]|\s+(?:и|а|но|который|которая)\s|$)"
)


def _apposition(text: str, mention: Mention, kind: str) -> tuple[int, int] | None:
    """ ", директор фонда," just after a mention, or a predicate: "X – радикальный активист",
    "X является директором фонда"."""
    match = _APPOSITION.match(text, mention.end) or _PREDICATE.match(text, mention.end)
    if match is None:
        return None
    words = list(_WORD.finditer(text, match.start(1), match.end(1)))
    lead = 2 if len(words) > 2 and words[0].group().casefold() == "так" else 0  # так называемый
    cut = next(
        (i for i in range(lead, len(words)) if _pos(words[i].group()) in _NON_NAME_POS),
        len(words),
    )
    words = words[:cut]
    if len(words) <= lead or len(words) > MAX_DESCRIPTOR_WORDS:
        return None
    roles = _roles(kind)
    head = words[lead:]
    if not _is_role(head[0].group(), roles) and not (
        len(head) > 1
        and _pos(head[0].group()) in ("ADJF", "PRTF")
        and _is_role(head[1].group(), roles)
    ):
        return None
    return words[0].start(), words[-1].end()
