"""Actors: the people, organisations, places and groups a text talks about, and how it labels them.

Entities come from the shared parse (:mod:`spinscope.nlp`), then rules clean them up:

* a leading "the", a trailing possessive and leading titles are cut off ("Kazakh President
  Kassym-Jomart Tokayev" is Kassym-Jomart Tokayev, described as "Kazakh President");
* an organisation cut in two at "for" or "of" is joined again;
* nationality words, "anti-"/"pro-" words and names of works in quotation marks are not actors;
* a one-word person is kept only as the surname of a full name in the text or after a title;
* every full name, and every unambiguous surname, is looked for again in the running text, so
  mentions the model missed are found; a surname labelled as a place or organisation still
  belongs to the person;
* pronouns (he, she, his, her, him, ...) go to the one person named before them in the same
  sentence, or to the one person of the previous sentence; never when two persons qualify.

Descriptors are read around each name: titles and role nouns before it ("nationalist bloggers
A and B" describes both), an apposition after it ("X, the chairman of ...,"), "X, who is a ...",
"X as Deputy Minister ...", "X is a ..." and "the chairman of the committee is X". A descriptor
is evaluative when one of its words is loaded (extreme, radical, so-called, corrupt, ...).

The article's author (the byline) is the author, never an actor in the text.

The ``actors`` component makes the ``cast`` (the actors, their mentions and the parse) that
the ``sourcing`` and ``allegations`` components read, and the actors' records, whose
``allegations`` lists the allegations component fills in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Final

from spinscope.components import (
    ComponentSpec,
    LayerLabels,
    Output,
    Product,
    Products,
    labels_of,
)
from spinscope.config import AnalysisConfig
from spinscope.detectors import actor_rules as rules
from spinscope.detectors import lexicons as lx
from spinscope.detectors.actors_ru import build_cast as build_russian_cast
from spinscope.detectors.cast import QUOTES as _QUOTES
from spinscope.detectors.cast import SEPARATOR as _SEPARATOR
from spinscope.detectors.cast import WORD as _WORD
from spinscope.detectors.cast import Cast, CastMember, Mention, mention_position, quoted
from spinscope.detectors.descriptors import (
    add_title,
    is_modifier,
    is_role,
    read_descriptors,
)
from spinscope.document import Document, Span, make_span
from spinscope.gazetteer import Gazetteer
from spinscope.nlp import Entity, Parse, ParsedSentence, parse
from spinscope.records import Actor, EntityAttrs
from spinscope.vocabulary import part_kind

NAME: Final = "actors"
VERSION: Final = "5"
DETECTOR: Final = f"{NAME}@{VERSION}"
KINDS: Final = ("person", "organisation", "place", "group")
_LABEL_KIND: Final = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "NORP": "group",
}
_POSSESSIVE: Final = re.compile(r"(?:'s|’s|'|’)$")
_NAME_PARTICLES: Final = frozenset({"de", "van", "von", "der", "bin", "al", "la", "le", "du"})
SCORES: Final = {"gazetteer": 1.0, "model": 0.85, "sweep": 0.8, "pronoun": 0.6}


# ---------------------------------------------------------------------------------------------
# Mentions from entities


@dataclass(slots=True)
class _Raw:
    start: int
    end: int
    text: str
    label: str
    sentence: int
    via: str
    title: tuple[int, int] | None = None  # a title cut off the front ("President")
    personal: bool = False  # a title or coordination says this is a person


def _key(text: str) -> str:
    flat = _POSSESSIVE.sub("", text.strip()).replace("-", " ").replace("‐", " ").replace("’", "'")
    return " ".join(flat.casefold().split())


def _clean(entity: Entity, text: str, sentence: int) -> _Raw | None:
    start, end = entity.start, entity.end
    while start < end and text[start] in _QUOTES + " —–-":
        start += 1
    while end > start and text[end - 1] in _QUOTES + " .,;:":
        end -= 1
    match = re.match(r"(?:the|The|a|an)\s+", text[start:end])
    if match and entity.label != "PERSON":
        start += match.end()
    bracket = text.find(" (", start, end)
    if bracket > start:
        end = bracket  # "Office of Review (OR": the acronym is a name of its own
    tail = _POSSESSIVE.search(text[start:end])
    if tail and end - start > tail.end() - tail.start():
        end -= tail.end() - tail.start()
    if end <= start:
        return None
    raw = _Raw(start, end, text[start:end], entity.label, sentence, entity.source)
    words = list(re.finditer(r"\S+", raw.text))
    cut = 0
    for word in words[:-1]:
        low = word.group().casefold()
        if low in lx.TITLE_WORDS or low in lx.DEMONYMS:
            cut = word.end()
            raw.personal = raw.personal or low in lx.TITLE_WORDS
            continue
        break
    if cut and any(w.group().casefold() in lx.TITLE_WORDS for w in words[:-1]):
        rest = re.match(r"\s*", raw.text[cut:])
        offset = cut + (rest.end() if rest else 0)
        raw.title = (start, start + cut)
        raw.start = start + offset
        raw.text = text[raw.start : raw.end]
        raw.label = "PERSON"
    return raw


def _rejected(raw: _Raw, text: str, places: set[str]) -> bool:
    words = raw.text.split()
    low = raw.text.casefold()
    if raw.label == "NORP":
        return not (low.endswith("s") and low in lx.DEMONYMS)
    if low in lx.DEMONYMS or low.startswith(("anti-", "pro-")) or "-language" in low:
        return True
    if rules.page_furniture(raw.text):
        return True
    if any(c in raw.text for c in ":?!") or len(words) > 7:
        return True  # a headline the model took for a name
    after = text[raw.end : raw.end + 2].lstrip(",.")[:1]
    if (
        raw.start > 0
        and text[raw.start - 1] in _QUOTES
        and after != ""
        and after in _QUOTES
        and raw.label in ("PERSON", "ORG")
    ):
        return True  # a name alone in quotes: the name of a film, a song or a campaign
    following = _WORD.match(text, raw.end + 1)
    if len(words) == 1 and following and following.group().casefold() in lx.TITLE_WORDS:
        return True  # "Finance Minister X": a portfolio, not an organisation
    if raw.label == "PERSON" and len(words) > 1:
        for number, word in enumerate(words):
            if word.casefold() in lx.DEMONYMS:
                return True
            if number < len(words) - 1 and _key(word) in places:
                return True  # "Ukraine Model": a place does not start a person's name
            if word[0].islower() and word.casefold() not in _NAME_PARTICLES:
                return True
    return not any(c.isupper() for c in raw.text)


def _join_split(raws: list[_Raw], text: str) -> list[_Raw]:
    out: list[_Raw] = []
    for raw in raws:
        if out:
            prev = out[-1]
            gap = text[prev.end : raw.start]
            if (
                prev.sentence == raw.sentence
                and re.fullmatch(r"\s*", gap)
                and re.search(r"\s(?:for|of|and|de)$", prev.text)
                and raw.label in ("ORG", "GPE", "LOC")
            ):
                prev.end = raw.end
                prev.text = text[prev.start : prev.end]
                prev.label = "ORG" if "ORG" in (prev.label, raw.label) else prev.label
                continue
        out.append(raw)
    return out


_OTHER_LABELS: Final = ("EVENT", "WORK_OF_ART", "FAC", "PRODUCT")  # kept when an outlet's name


def _raw_mentions(document: Document, parsed: Parse, authors: set[str]) -> list[_Raw]:
    text = document.text
    raws: list[_Raw] = []
    for index, sentence in enumerate(parsed.sentences):
        pairs = _name_list(text, sentence)
        if pairs:  # a list of full names with no commas: the model joins and splits them anyhow
            raws.extend(
                _Raw(s, e, text[s:e], "PERSON", index, "model", personal=True) for s, e in pairs
            )
            continue
        for entity in sentence.entities:
            if entity.label not in _LABEL_KIND and entity.label not in _OTHER_LABELS:
                continue
            raw = _clean(entity, text, index)
            if raw is None:
                continue
            if raw.label in _OTHER_LABELS:
                if not rules.outlet_like(raw.text):
                    continue
                raw.label = "ORG"
            if raw.label == "NORP" and raw.text.casefold() in rules.PARTY_MEMBERS:
                raw.label = "ORG"  # "the Democrats" as an actor: the party
            raws.append(raw)
        if sentence.part != "title":
            _add_titled(raws, text, sentence, index)
    raws = _join_split(raws, text)
    for raw in raws:
        if raw.via != "gazetteer" and not raw.personal and _place_name(raw.text):
            raw.label = "GPE"
    places = {_key(r.text) for r in raws if r.label in ("GPE", "LOC")}
    for raw in raws:
        if raw.label == "PERSON" and raw.via != "gazetteer":
            _cut_tail(raw, text, places)
            if not raw.personal and rules.organisation_like(raw.text):
                raw.label = "ORG"  # "Valley Press", "Harbour Patrol": the model's person is not one
    kept = [
        r
        for r in raws
        if (r.via == "gazetteer" or not _rejected(r, text, places)) and _key(r.text) not in authors
    ]
    kept = _without_headline_names(document, kept, parsed)
    _mark_coordinated(kept, text)
    kept.extend(_bodies(parsed, text, kept))
    return kept


def _name_list(text: str, sentence: ParsedSentence) -> list[tuple[int, int]]:
    """The names of a sentence that is a list of full names with no commas, where the model
    finds two persons or calls a third of its words persons (not in a title, where every word
    is capitalised)."""
    if sentence.part == "title":
        return []
    pairs = rules.name_pairs(text, sentence.start, sentence.end)
    if not pairs:
        return []
    persons = [e for e in sentence.entities if e.label == "PERSON"]
    words = sum(len(e.text.split()) for e in persons)
    return pairs if len(persons) > 1 or words * 3 >= 2 * len(pairs) else []


def _add_titled(raws: list[_Raw], text: str, sentence: ParsedSentence, index: int) -> None:
    """ "Officer Ann Vell" where the model found no name: a title and capitalised words."""
    for start, end, title in rules.titled_names(text, sentence.start, sentence.end):
        if any(r.start < end and start < r.end for r in raws if r.sentence == index):
            continue
        raw = _Raw(start, end, text[start:end], "PERSON", index, "sweep", personal=True)
        raw.title = (title, start)
        raws.append(raw)
    raws.sort(key=lambda r: r.start)


def _cut_tail(raw: _Raw, text: str, places: set[str]) -> None:
    """ "Ann Vell Port Ellery", "Ann Vell Saturday": words glued to a name are cut off."""
    cut = rules.trailing_cut(raw.text, places)
    if cut:
        words = list(re.finditer(r"\S+", raw.text))
        raw.end = raw.start + words[len(words) - cut - 1].end()
        raw.text = text[raw.start : raw.end]


def _bodies(parsed: Parse, text: str, raws: list[_Raw]) -> list[_Raw]:
    """ "the Vell administration", "the Vell campaign": an organisation named after a person."""
    names = {_key(r.text).split()[-1] for r in raws if r.label == "PERSON"}
    if not names:
        return []
    pattern = re.compile(
        r"(?<![\w-])([A-Z][\w’'-]+)\s+(" + "|".join(sorted(rules.BODY_NOUNS)) + r")\b"
    )
    found: list[_Raw] = []
    for index, sentence in enumerate(parsed.sentences):
        for match in pattern.finditer(text, sentence.start, sentence.end):
            if _key(match.group(1)) in names:
                found.append(_Raw(match.start(), match.end(), match.group(), "ORG", index, "sweep"))
    return found


def _plain_phrase(name: str) -> bool:
    """No organisation word and no acronym: "Dangerous Game", not "Harbour Fund" or "NATO"."""
    return not any(w.casefold() in lx.ORG_WORDS or w.isupper() for w in name.split())


def _place_name(name: str) -> bool:
    """ "Port Ellery", "Lake Vass": a place-word and one or two capitalised words."""
    words = name.split()
    return (
        2 <= len(words) <= 3
        and words[0].casefold() in lx.PLACE_PREFIXES
        and all(w[:1].isupper() and w.casefold() not in lx.ORG_WORDS for w in words[1:])
    )


def _without_headline_names(
    document: Document, raws: list[_Raw], parsed: Parse | None = None
) -> list[_Raw]:
    """Drop people, and organisations with no organisation word, found only in a title-cased
    title: there every word is capitalised, so the model takes phrases for names ("Vessgrad's
    Quiet Betrayal", "A Dangerous Game"); a real person in the title is named again in the text,
    and "Harbour Fund" keeps its organisation word. A headline quoted in the text ("Judge
    Rejects Bid To ...", a title-cased clause) loses the people found only there, titled or not."""
    titles = [(p.start, p.end) for p in document.parts if p.kind == "title"]
    text = document.text
    cased = [
        (s, e)
        for s, e in titles
        if (words := [w for w in re.findall(r"[^\W\d_][\w'’-]*", text[s:e]) if len(w) > 3])
        and sum(w[0].isupper() for w in words) >= 0.8 * len(words)
    ]
    clauses = [
        clause
        for sentence in (parsed.sentences if parsed else ())
        if not _name_list(text, sentence)
        for clause in rules.headline_clauses(text, sentence.start, sentence.end)
    ]
    if not cased and not clauses:
        return raws

    def inside(raw: _Raw, stretches: list[tuple[int, int]]) -> bool:
        return any(s <= raw.start and raw.end <= e for s, e in stretches)

    def whole_title(raw: _Raw) -> bool:
        # The recogniser took most of a headline for one name: a headline is a clause.
        return any(
            s <= raw.start and raw.end <= e and (raw.end - raw.start) >= 0.7 * (e - s)
            for s, e in cased
        )

    def in_title(raw: _Raw) -> bool:
        return inside(raw, cased) or inside(raw, clauses)

    elsewhere = {_key(r.text) for r in raws if not in_title(r)}
    surnames = {_key(r.text).split()[-1] for r in raws if not in_title(r) and r.label == "PERSON"}
    return [
        r
        for r in raws
        if not (
            in_title(r)
            and (
                r.label == "PERSON"
                or (r.label == "ORG" and (_plain_phrase(r.text) or whole_title(r)))
            )
            and r.via != "gazetteer"
            and (not r.personal or inside(r, clauses))
            and _key(r.text) not in elsewhere
            and _key(r.text).split()[-1] not in surnames
        )
    ]


def _mark_coordinated(raws: list[_Raw], text: str) -> None:
    """A name listed with a person ("A and B", "A, B and C") is a person too."""
    for left, right in pairwise(raws):
        if left.sentence != right.sentence:
            continue
        if not _SEPARATOR.fullmatch(text[left.end : right.start]):
            continue
        for a, b in ((left, right), (right, left)):
            if a.label == "PERSON" and b.label == "ORG" and _looks_personal(b.text):
                b.personal = True
    for left, right in pairwise(raws):
        # "Ostby (4), Vessgrad (2) and Lake Vass": a list of places with counts
        if left.sentence == right.sentence and _COUNTED.fullmatch(text[left.end : right.start]):
            for a, b in ((left, right), (right, left)):
                if a.label in ("GPE", "LOC") and b.label == "PERSON" and not b.personal:
                    b.label = "GPE"


_COUNTED: Final = re.compile(r"\s*\(\d+\)\s*(?:,\s*(?:and\s+)?|and\s+)")


def _looks_personal(name: str) -> bool:
    words = name.replace("-", " ").split()
    return 2 <= len(words) <= 4 and all(
        w[0].isupper() and w.casefold() not in lx.ORG_WORDS and not w.isupper() for w in words
    )


# ---------------------------------------------------------------------------------------------
# Clustering mentions into actors


def _kind_of(group: list[_Raw]) -> str:
    labels = [r.label for r in group]
    if "PERSON" in labels or any(r.personal for r in group):
        return "person"
    counts: dict[str, int] = {}
    for label in labels:
        kind = _LABEL_KIND[label]
        counts[kind] = counts.get(kind, 0) + 1
    return max(sorted(counts), key=lambda k: counts[k])


def build_cast(
    document: Document, parsed: Parse | None = None, gazetteer: Gazetteer | None = None
) -> Cast:
    """The actors of ``document``: mentions merged, kinds voted, pronouns and descriptors read."""
    parsed = parsed or parse(document, gazetteer)
    text = document.text
    authors = set()
    for author in document.meta.authors:
        authors.add(_key(author))
        if len(author.split()) > 1:
            authors.add(_key(author.split()[-1]))
    raws = _raw_mentions(document, parsed, authors)
    groups: dict[str, list[_Raw]] = {}
    for raw in raws:
        groups.setdefault(_key(raw.text), []).append(raw)
    groups = _strip_republic(groups)
    groups = _nested_names(groups)
    full = {k: g for k, g in groups.items() if len(k.split()) > 1 and _kind_of(g) == "person"}
    surnames: dict[str, list[str]] = {}
    for key in full:
        surnames.setdefault(key.split()[-1], []).append(key)
    tails: dict[str, list[str]] = {}
    for key, group in groups.items():
        if len(key.split()) > 1 and _kind_of(group) == "organisation":
            tails.setdefault(key.split()[-1], []).append(key)
    merged: dict[str, list[_Raw]] = {}
    for key, group in groups.items():
        target = key
        if key not in full:
            owners = surnames.get(key, [])
            if not owners and _kind_of(group) == "organisation":
                owners = tails.get(key, [])  # "the Trust" after "the Lakeside Trust"
            suffix = [f for f in full if f != key and f.endswith(" " + key)]
            if len(owners) == 1:
                target = owners[0]
            elif len(suffix) == 1:
                target = suffix[0]
            elif (
                len(key.split()) == 1
                and _kind_of(group) == "person"
                and not any(r.personal or r.via == "gazetteer" for r in group)
            ):
                lone = _lone_word(group, text, parsed, list(full))
                if lone is None:
                    continue  # a lone word the model calls a person that names no one
                target = lone
        merged.setdefault(target, []).extend(group)
    _sweep(parsed, text, merged, surnames, full)
    ordered = sorted(merged.items(), key=lambda item: min(r.start for r in item[1]))
    actors: list[CastMember] = []
    mentions: list[Mention] = []
    for number, (key, group) in enumerate(ordered, start=1):
        kind = "person" if key in full else _kind_of(group)
        ident = f"a{number}"
        names = sorted({r.text for r in group}, key=lambda n: (-len(n.split()), -len(n), n))
        name = names[0] if key in full or kind == "organisation" else _commonest(group)
        actor = CastMember(ident, name, kind, aliases=[n for n in names if n != name])
        seen: set[tuple[int, int]] = set()
        for raw in sorted(group, key=lambda r: r.start):
            if (raw.start, raw.end) in seen:
                continue
            seen.add((raw.start, raw.end))
            mention = Mention(raw.start, raw.end, ident, raw.sentence, raw.via)
            actor.mentions.append(mention)
            mentions.append(mention)
            if raw.title is not None:
                add_title(actor, text, *raw.title)
        actors.append(actor)
    cast = Cast(parsed, tuple(actors), tuple(sorted(mentions, key=mention_position)))
    cast = _resolve_pronouns(cast, text)
    read_descriptors(cast, text)
    return cast


def _lone_word(group: list[_Raw], text: str, parsed: Parse, full: list[str]) -> str | None:
    """Where a lone word the model calls a person (with no title) belongs: the full name it is
    the first name of, itself (a person named by surname only: "Vell"; an outlet or platform
    relabelled), or nowhere (a hashtag, a form label such as "Email", a deity)."""
    key = _key(group[0].text)
    word = group[0].text
    if key in rules.NOT_PERSONS or rules.is_title(word):
        return None
    if all(text[r.start - 1 : r.start] in ("#", "@") for r in group):
        return None
    if sum(f.split()[-1] == key for f in full) > 1:
        return None  # the surname of two persons: which one is meant is unsure
    if all(_alone(r, text, parsed) for r in group):
        return None  # a line of one word: a label of the page
    firsts = [f for f in full if f.split()[0] == key]
    if len(firsts) == 1:
        return firsts[0]  # "Ann" after "Ann Vell"
    labels = [r.label for r in group]
    if rules.outlet_like(word) or any(_after_the(r, text, parsed) for r in group):
        for raw in group:
            raw.label = "ORG"  # "Twitter", "vess.com", "The Courier"
    elif labels.count("GPE") + labels.count("LOC") >= labels.count("PERSON"):
        for raw in group:
            raw.label = "GPE"
    return key


def _alone(raw: _Raw, text: str, parsed: Parse) -> bool:
    sentence = parsed.sentences[raw.sentence]
    return not re.search(r"\w", text[sentence.start : raw.start] + text[raw.end : sentence.end])


def _after_the(raw: _Raw, text: str, parsed: Parse) -> bool:
    """ "... told The Courier": a capitalised "The" inside a sentence starts a title."""
    start = parsed.sentences[raw.sentence].start
    return raw.start - 4 > start and text[raw.start - 4 : raw.start] == "The "


def _nested_names(groups: dict[str, list[_Raw]]) -> dict[str, list[_Raw]]:
    """ "Ann Vell" and "Ann B. Vell", "Ann Marie Vell": one person, under the fullest name, when
    every longer name with the same surname holds the shorter one's words and each other's."""
    persons = [k for k, g in groups.items() if len(k.split()) > 1 and _kind_of(g) == "person"]
    target: dict[str, str] = {}
    for key in persons:
        words = set(key.split())
        longer = [
            k
            for k in persons
            if k != key and k.split()[-1] == key.split()[-1] and words < set(k.split())
        ]
        if not longer:
            continue
        widest = max(longer, key=lambda k: (len(k.split()), k))
        if all(set(k.split()) <= set(widest.split()) for k in longer):
            target[key] = widest
    out: dict[str, list[_Raw]] = {}
    for key, group in groups.items():
        out.setdefault(target.get(key, key), []).extend(group)
    return out


def _commonest(group: list[_Raw]) -> str:
    counts: dict[str, int] = {}
    for raw in group:
        counts[raw.text] = counts.get(raw.text, 0) + 1
    return max(sorted(counts), key=lambda n: counts[n])


def _strip_republic(groups: dict[str, list[_Raw]]) -> dict[str, list[_Raw]]:
    """ "The Republic of X" and "X" are one place."""
    out: dict[str, list[_Raw]] = {}
    for key, group in groups.items():
        short = re.sub(r"^(?:the )?(?:republic|kingdom|state|federation) of ", "", key)
        target = short if short != key and short in groups else key
        out.setdefault(target, []).extend(group)
    return out


def _sweep(
    parsed: Parse,
    text: str,
    merged: dict[str, list[_Raw]],
    surnames: dict[str, list[str]],
    full: dict[str, list[_Raw]],
) -> None:
    """Find again every full name, organisation name and unambiguous surname the model missed."""
    forms: dict[str, str] = {}
    for key, group in merged.items():
        if key in full or _kind_of(group) == "organisation":
            for raw in group:
                if len(raw.text) > 2:
                    forms[raw.text] = key
    for surname, owners in surnames.items():
        if len(owners) == 1:
            for raw in full[owners[0]]:
                last = raw.text.split()[-1]
                if _key(last) == surname and len(last) > 2:
                    forms.setdefault(last, owners[0])
    if not forms:
        return
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
        + r")(?![\w-])"
    )
    taken = [(r.start, r.end) for g in merged.values() for r in g]
    for index, sentence in enumerate(parsed.sentences):
        for match in pattern.finditer(text, sentence.start, sentence.end):
            start, end = match.start(), match.end()
            if any(s < end and start < e for s, e in taken):
                continue
            key = forms[match.group()]
            merged[key].append(_Raw(start, end, match.group(), "PERSON", index, "sweep"))
            if key not in full:
                merged[key][-1].label = merged[key][0].label
            taken.append((start, end))


# ---------------------------------------------------------------------------------------------
# Pronouns


_PRONOUN: Final = re.compile(r"\b(?:he|she|him|her|his|hers|himself|herself)\b", re.IGNORECASE)
_ACCORDING: Final = re.compile(r"\baccording to\s+$", re.IGNORECASE)
_GENDER: Final = {
    **dict.fromkeys(["he", "him", "his", "himself"], "m"),
    **dict.fromkeys(["she", "her", "hers", "herself"], "f"),
}


def _resolve_pronouns(cast: Cast, text: str) -> Cast:
    persons = {a.id for a in cast.actors if a.kind == "person"}
    by_id = {a.id: a for a in cast.actors}
    added: list[Mention] = []
    previous: set[str] = set()
    subject: str | None = None
    genders: dict[str, str] = {}  # from the first pronoun resolved to each person
    for index, sentence in enumerate(cast.parse.sentences):
        if not part_kind(sentence.part).graded:
            continue
        named = [m for m in cast.mentions if m.sentence == index and m.actor in persons]
        present: set[str] = {m.actor for m in named}
        here: list[Mention] = []
        for match in _PRONOUN.finditer(text, sentence.start, sentence.end):
            inside = quoted(text, sentence.start, match.start())
            # '"X stole it," she said': a name inside the quote is not who "she" is
            before = {
                m.actor
                for m in named
                if m.end <= match.start()
                and quoted(text, sentence.start, m.start) <= inside
                and not _ACCORDING.search(text, max(sentence.start, m.start - 14), m.start)
            }  # "According to X, she ...": X is the source, not who "she" is
            before |= {m.actor for m in here if m.end <= match.start()}
            gender = _GENDER[match.group().casefold()]

            def fits(actor: str, gender: str = gender) -> bool:
                return genders.get(actor, gender) == gender

            if len(before) > 1:
                before = {a for a in before if a in genders and fits(a)}
            if len(before) == 1:
                ident = next(iter(before))
            elif before:
                continue  # two persons could be meant
            elif len(previous) == 1:
                ident = next(iter(previous))
            elif subject is not None:
                ident = subject
            else:
                continue
            if not fits(ident):
                continue  # "she" for a person the text calls "he"
            genders.setdefault(ident, gender)
            mention = Mention(match.start(), match.end(), ident, index, "pronoun")
            here.append(mention)
            by_id[ident].mentions.append(mention)
            present.add(ident)
        added.extend(here)
        previous = present
        subject = _subject(text, sentence, sorted((*named, *here), key=mention_position))
    if not added:
        return cast
    return Cast(
        cast.parse, cast.actors, tuple(sorted((*cast.mentions, *added), key=mention_position))
    )


def _subject(text: str, sentence: ParsedSentence, mentions: list[Mention]) -> str | None:
    """The person a sentence starts with ("On May 2, X said ..."), if its first person is that."""
    if not mentions:
        return None
    first = mentions[0]
    lead = text[sentence.start : first.start].rsplit(",", 1)[-1]
    words = _WORD.findall(lead)
    if len(words) > 3:
        return None
    fillers = {"the", "a", "an", "and", "but", "yet", "so", "then"}
    if all(w.casefold() in fillers or is_modifier(w) or is_role(w) for w in words):
        return first.actor
    return None


# ---------------------------------------------------------------------------------------------
# Findings and records


def entity_findings(document: Document, cast: Cast) -> list[Span]:
    """One ``entity`` finding per mention, labelled with the actor's kind."""
    spans: list[Span] = []
    for mention in cast.mentions:
        actor = cast.by_id(mention.actor)
        how = "a pronoun that refers to" if mention.via == "pronoun" else "a mention of"
        spans.append(
            make_span(
                document,
                mention.start,
                mention.end,
                layer="entity",
                label=actor.kind,
                score=SCORES[mention.via],
                detector=DETECTOR,
                explanation=f"{how} {actor.name} ({actor.kind})",
                attrs=EntityAttrs(actor=actor.id, via=mention.via),
            )
        )
    return spans


# ---------------------------------------------------------------------------------------------
# The component


CAST: Final = Product("cast", Cast, "the actors of a document, their mentions and its parse")


@dataclass(frozen=True, slots=True)
class Actors:
    """The actors' records, as the analysis carries them, in order of first mention."""

    records: tuple[Actor, ...]


ACTORS: Final = Product("actors", Actors, "the actors' records, as the analysis carries them")


def detect(document: Document, gazetteer: Gazetteer | None = None) -> Output:
    """Entity findings, the cast and the actors' records (their allegations still empty).

    Russian is read by :mod:`spinscope.detectors.actors_ru` (natasha); any other language
    gets nothing.
    """
    if document.meta.language == "ru":
        cast = build_russian_cast(document)
    elif document.meta.language not in (None, "en"):
        return Output()
    else:
        cast = build_cast(document, gazetteer=gazetteer)
    records = Actors(tuple(a.record() for a in cast.actors))
    return Output(
        findings=tuple(entity_findings(document, cast)), made={CAST: cast, ACTORS: records}
    )


def _factory(config: AnalysisConfig) -> Callable[[Document, Products], Output]:
    """The runner for these settings: the gazetteer they name is checked and loaded once."""
    gazetteer = config.load_gazetteer()

    def run(document: Document, products: Products) -> Output:
        return detect(document, gazetteer)

    return run


COMPONENT: Final = ComponentSpec(
    name=NAME,
    version=VERSION,
    kind="detector",
    factory=_factory,
    requires=("doc.parts", "doc.sentences"),
    assigns=(CAST.key, ACTORS.key, "findings.entity"),
    layers={"entity": LayerLabels(labels_of(KINDS))},
    description=(
        "actors: people, organisations, places and groups, with descriptors"
        " (spaCy; Russian: natasha)"
    ),
    title="actors",
    languages=frozenset({"en", "ru"}),
)
