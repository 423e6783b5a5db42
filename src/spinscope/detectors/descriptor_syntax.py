"""Descriptors read from the dependency parse: what the grammar of a sentence applies to a name.

Around each person or organisation named in a sentence (spaCy's parse, shared with the other
detectors through :func:`spinscope.nlp.parse_syntax`):

* an apposition, on either side: "X, a former customs officer, ..." and "the fund's treasurer,
  X, ...";
* the premodifiers of the name: titles, roles and epithets written before it ("defence lawyer
  X", "disgraced former director X", "Harbour Authority spokesman X");
* a predicate nominal or loaded adjective: "X is a serial fabricator", "X became the fund's
  chairman", "X was treacherous", also of a pronoun resolved to X ("he is a tireless
  campaigner");
* a legislator's party and state after the name ("(D-Ohio)");

and, once every name's descriptors are known, *definite descriptions* that refer back to a named
actor ("the suspect", "the agency", "the disgraced banker"): a singular definite noun phrase
with no name of its own, whose head noun already described exactly one actor (of the kind the
noun can mean, when it can mean only one). A description that could mean two actors, and one
whose noun described no actor, is left alone (the person named nearby was right a third of
the time).

The phrase is the noun's own phrase (determiner, modifiers, "of ..." complements, other actors'
names inside them), never the relative clauses, appositions or coordinated phrases hanging from
it, and never the described actor's own name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from spinscope.detectors import lexicons as lx
from spinscope.detectors.cast import Cast, Mention, token_actors
from spinscope.nlp import parse_syntax

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def word_set(text: str) -> frozenset[str]:
    """The words of a word list written one string."""
    return frozenset(text.split())


DESCRIBED_KINDS: Final = ("person", "organisation")
MAX_WORDS: Final = 12
# Dependents kept in a descriptor phrase (left of its head noun) ...
_LEFT: Final = frozenset(
    {"det", "amod", "compound", "nmod", "poss", "nummod", "advmod", "case", "quantmod", "punct"}
)
# ... and right of it (complements such as "of the committee", "for the Navy").
_RIGHT: Final = frozenset({"prep", "case"})
_RIGHT_PREPOSITIONS: Final = frozenset({"of", "for", "at", "to", "in", "on"})
_PREMODIFIERS: Final = frozenset({"compound", "amod", "nmod"})
_COPULAS: Final = frozenset({"be", "become", "remain"})
_DEFINITE: Final = frozenset({"the", "this", "that"})
_NOUN_TAGS: Final = frozenset({"NOUN", "PROPN"})
_COPULA_WORDS: Final = re.compile(r"\b(?:is|was|are|were|became|becomes|remains?)\b", re.I)
_TRIGGER: Final = re.compile(r",|\b(?:is|was|are|were|became|becomes|remains?|the|this)\b", re.I)


# Loaded words of praise or blame that make a descriptor evaluative, beyond the lexicon's
# political labels (written for spinscope; lower case, plurals listed where they differ).
LOADED: Final = word_set(
    """
    treasonous treacherous traitorous sellout spy spies jihadi jihadis jihadist jihadists
    terrorist terrorists supremacist supremacists criminal criminals crook crooks crooked
    thug thugs thuggish killer killers murderer murderers butcher predator predators
    pedophile pedophiles paedophile abuser abusers monster monsters psychopath maniac madman
    liar liars lying dishonest hypocrite hypocrites hypocritical fraud frauds phony phoney
    sleazeball sleazebag sleazy scumbag creep pervert grifter grifters charlatan charlatans
    conman huckster quack crank hack hacks shill shills mouthpiece mouthpieces idiot idiots
    moron morons clown clowns buffoon lunatic lunatics deranged unhinged kook snowflake
    snowflakes racist racists bigot bigots bigoted fascist fascists totalitarian tyrant
    tyrants tyrannical dictator dictators despot despots despicable disgusting vile evil
    sinister shady dodgy ruthless brutal rogue renegade leftist leftists far-left far-right
    globalist globalists elitist elitists anti-semite anti-semites anti-semitic antisemitic
    zealot zealots firebrand agitator hardliners kritarch kritarchs sham useless pathetic
    incompetent disgraceful notorious hero heroes heroic heroine brave courageous fearless
    tireless legendary iconic beloved revered renowned esteemed respected valued great
    greatest honourable honorable patriot patriots patriotic champion champions
    visionary genius martyr martyrs saint saintly ostensible
    """
)


# Head nouns of definite descriptions that can only mean a person ("the suspect").
PERSON_NOUNS: Final = lx.ROLE_NOUNS | word_set(
    """
    suspect defendant accused victim killer murderer shooter gunman attacker assailant man woman
    boy girl father mother son daughter brother sister husband wife widow attorney informant
    whistleblower witness plaintiff detainee prisoner inmate convict felon immigrant migrant
    deportee fugitive cop policeman policewoman deputy sheriff soldier pastor reverend host
    anchor lawmaker congressman congresswoman senator president governor mayor chief judge
    """
)
# Head nouns of definite descriptions that can only mean an organisation ("the agency").
ORG_NOUNS: Final = word_set(
    """
    agency department ministry company firm group organisation organization party court
    committee commission office bureau newspaper outlet network channel broadcaster foundation
    charity fund union council authority administration government board campaign
    """
)


@dataclass(frozen=True, slots=True)
class Found:
    """A descriptor phrase (character offsets) for an actor."""

    actor: str
    start: int
    end: int


def syntax_descriptors(cast: Cast, text: str) -> list[Found]:
    """The descriptors the parse gives, in reading order: around names, then back-references."""
    sentences = cast.parse.sentences
    kinds = {a.id: a.kind for a in cast.actors}
    chosen: list[tuple[int, list[Mention]]] = []
    for index, sentence in enumerate(sentences):
        named = [m for m in cast.in_sentence(index) if kinds.get(m.actor) in DESCRIBED_KINDS]
        wanted = any(m.via != "pronoun" for m in named) or (
            named and _COPULA_WORDS.search(text, sentence.start, sentence.end)
        )
        if wanted and _TRIGGER.search(text, sentence.start, sentence.end):
            chosen.append((index, named))
    docs = parse_syntax([text[sentences[i].start : sentences[i].end] for i, _ in chosen])
    found: list[Found] = []
    parsed: list[tuple[int, Doc, dict[int, str]]] = []
    for (index, named), doc in zip(chosen, docs, strict=True):
        offset = sentences[index].start
        owner = _token_owners(doc, offset, named)
        pronouns = {i for i in owner if doc[i].pos_ == "PRON"}
        parsed.append((index, doc, owner))
        for actor, head in _heads(doc, owner):
            for start, end in _around(doc, head, owner, actor, pronoun=head.i in pronouns):
                found.append(Found(actor, offset + start, offset + end))
                if _plural(doc, start, end):  # "nationalist bloggers A and B" describes both
                    for other in dict.fromkeys(owner[c.i] for c in head.conjuncts if c.i in owner):
                        if other != actor:
                            found.append(Found(other, offset + start, offset + end))
    found.extend(_party_labels(cast, text))
    found.extend(_back_references(cast, text, parsed, found))
    return found


# A legislator's party and state after the name: "(D-Calif.)", ", R-Texas,".
_PARTY_LABEL: Final = re.compile(r"\s*[(,]\s*(?P<d>[DRI]\s?-\s?[A-Z][A-Za-z.]{0,14})\s*[),]")


def _party_labels(cast: Cast, text: str) -> list[Found]:
    persons = {a.id for a in cast.actors if a.kind == "person"}
    out = []
    for mention in cast.mentions:
        if mention.actor in persons and mention.via != "pronoun":
            match = _PARTY_LABEL.match(text, mention.end, mention.end + 24)
            if match is not None:
                out.append(Found(mention.actor, match.start("d"), match.end("d")))
    return out


def _token_owners(doc: Doc, offset: int, mentions: list[Mention]) -> dict[int, str]:
    """Token index -> the (first) actor whose mention it lies in."""
    return {i: ids[0] for i, ids in token_actors(doc, offset, mentions).items()}


def _heads(doc: Doc, owner: dict[int, str]) -> Iterable[tuple[str, Token]]:
    """(actor, the syntactic head of one of its mentions)."""
    for i, actor in owner.items():
        token = doc[i]
        if token.head.i == token.i or owner.get(token.head.i) != actor:
            yield actor, token


def _around(
    doc: Doc, head: Token, owner: dict[int, str], actor: str, *, pronoun: bool = False
) -> list[tuple[int, int]]:
    """Character spans (in the sentence) of the descriptors written around one name (around a
    pronoun, only what "is" says of it: "she is a serial fabricator")."""
    out: list[tuple[int, int]] = []
    if pronoun:
        return [(s, e) for s, e in _predicated(head, owner, actor) if _describing(doc, s, e)]
    for child in head.children:
        if (
            child.dep_ == "appos"
            and child.i not in owner
            and (child.pos_ in _NOUN_TAGS or _one_of(child))
        ):
            out.append(_phrase(child, owner, actor))
    if head.dep_ == "appos" and head.head.i not in owner and head.head.pos_ in _NOUN_TAGS:
        out.append(_phrase(head.head, owner, actor))
    left = [c for c in head.lefts if c.dep_ in _PREMODIFIERS and c.i not in owner]
    if left:
        first = min(t.i for c in left for t in c.subtree)
        tokens = [t for t in doc[first : head.i] if t.i not in owner]
        if tokens and any(_describes(t) for t in tokens):
            end = tokens[-1]
            out.append((tokens[0].idx, end.idx + len(end.text)))
    out.extend(_predicated(head, owner, actor))
    return [(s, e) for s, e in out if e > s and _describing(doc, s, e)]


def _predicated(head: Token, owner: dict[int, str], actor: str) -> list[tuple[int, int]]:
    """ "X is a serial fabricator", "X became the fund's chairman", "X was treacherous"."""
    out: list[tuple[int, int]] = []
    if head.dep_ == "nsubj" and head.head.lemma_ in _COPULAS:
        for child in head.head.children:
            if child.i in owner or child.i < head.i:
                continue
            if (child.dep_ == "attr" and (child.pos_ == "NOUN" or _one_of(child))) or (
                child.dep_ == "acomp" and _loaded(child.text)
            ):
                out.append(_phrase(child, owner, actor))
    return out


def _one_of(token: Token) -> bool:
    """ "one of the founders": a number word heading an "of" phrase."""
    return token.lower_ == "one" and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in token.children
    )


def _loaded(word: str) -> bool:
    low = word.casefold()
    return low in lx.EVALUATIVE or low in LOADED


def _plural(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and span.root.tag_ in ("NNS", "NNPS")


def _describing(doc: Doc, start: int, end: int) -> bool:
    """A phrase of at most MAX_WORDS words with a word that describes (not a date, age, handle
    or another name)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span.text.split()) > MAX_WORDS:
        return False
    return any(_describes(t) for t in span)


def _describes(token: Token) -> bool:
    low = token.text.casefold()
    return (
        low in lx.ROLE_NOUNS
        or low in lx.TITLE_WORDS
        or low in lx.EVALUATIVE
        or (token.pos_ in ("NOUN", "ADJ") and token.text[:1].islower() and token.is_alpha)
    )


def _phrase(noun: Token, owner: dict[int, str], actor: str) -> tuple[int, int]:
    """The noun's own phrase: its left dependents and "of"-like complements, no clauses; other
    actors' names inside it stay ("the founder of the Harbour Trust", "Kate's father"), the
    described actor's own never does."""
    own = {i for i, a in owner.items() if a == actor}
    keep = {noun.i}
    for child in noun.children:
        if child.i in own:
            continue
        if (child.i < noun.i and child.dep_ in _LEFT) or (
            child.i > noun.i
            and child.dep_ in _RIGHT
            and child.text.casefold() in _RIGHT_PREPOSITIONS
        ):
            keep.update(t.i for t in child.subtree)
    doc = noun.doc
    lo, hi = min(keep), max(keep)
    while lo < noun.i and (doc[lo].is_punct or doc[lo].i in own):
        lo += 1
    while hi > noun.i and (doc[hi].is_punct or doc[hi].i in own):
        hi -= 1
    if any(i in own for i in range(lo, hi + 1)):
        hi = max(noun.i, min(i for i in range(lo, hi + 1) if i in own) - 1)
        while hi > noun.i and (doc[hi].is_punct or doc[hi].pos_ in ("ADP", "DET", "CCONJ")):
            hi -= 1
    return (doc[lo].idx, doc[hi].idx + len(doc[hi].text))


def _back_references(
    cast: Cast,
    text: str,
    parsed: list[tuple[int, Doc, dict[int, str]]],
    found: list[Found],
) -> list[Found]:
    """Definite descriptions that refer to one named actor ("the suspect", "the agency")."""
    kinds = {a.id: a.kind for a in cast.actors}
    heads: dict[str, set[str]] = {}  # head noun -> actors it described
    for member in cast.actors:
        for descriptor in member.descriptors:
            _note_head(heads, descriptor.text, member.id)
    for item in found:
        _note_head(heads, text[item.start : item.end], item.actor)
    nouns = {n: a for n in heads if (a := _antecedent(n, heads, kinds)) is not None}
    if not nouns:
        return []
    pattern = re.compile(
        r"\b(?:the|this|that)\s+(?:[\w'’-]+\s+){0,4}?(?:"
        + "|".join(re.escape(n) for n in sorted(nouns, key=lambda n: (-len(n), n)))
        + r")\b",
        re.IGNORECASE,
    )
    sentences = cast.parse.sentences
    done = {index for index, _, _ in parsed}
    more = [
        i
        for i, sentence in enumerate(sentences)
        if i not in done and pattern.search(text, sentence.start, sentence.end)
    ]
    docs = parse_syntax([text[sentences[i].start : sentences[i].end] for i in more])
    owners: dict[int, list[Mention]] = {}
    for mention in cast.mentions:
        owners.setdefault(mention.sentence, []).append(mention)
    readings = parsed + [
        (i, doc, _token_owners(doc, sentences[i].start, owners.get(i, [])))
        for i, doc in zip(more, docs, strict=True)
    ]
    taken = {(f.start, f.end) for f in found}
    out: list[Found] = []
    for index, doc, owner in readings:
        offset = sentences[index].start
        for token in doc:
            if token.i in owner or token.tag_ != "NN" or not _definite(token):
                continue  # plurals ("the victims") mean groups, not one actor
            if any(c.i in owner for c in token.children) or token.head.i in owner:
                continue  # "the mayor, X" or "the mayor X": read around the name already
            actor = nouns.get(token.lemma_.casefold())
            if actor is None:
                continue
            start, end = _phrase(token, owner, actor)
            if (offset + start, offset + end) not in taken:
                out.append(Found(actor, offset + start, offset + end))
    return out


_COMPLEMENT: Final = re.compile(r"\s(?:of|for|at|in|to|on|from|with|who|which|that)\s.*", re.S)


def head_noun(phrase: str) -> str | None:
    """The head noun of a descriptor, lower-cased: its last word before a complement
    ("director" for "the director of the fund", "mayor" for "Oakland Mayor")."""
    words = re.findall(r"[^\W\d_]+", _COMPLEMENT.sub("", phrase.casefold()))
    return words[-1] if words else None


def _note_head(heads: dict[str, set[str]], phrase: str, actor: str) -> None:
    noun = head_noun(phrase)
    if noun is not None:
        heads.setdefault(noun, set()).add(actor)


def _definite(token: Token) -> bool:
    return any(
        c.dep_ == "det" and c.text.casefold() in _DEFINITE and c.i < token.i for c in token.children
    )


def _antecedent(noun: str, heads: dict[str, set[str]], kinds: dict[str, str]) -> str | None:
    """The one actor that ``noun`` described ("contractor" for "X, a local contractor"), of the
    kind the noun can mean when it can mean only one ("the agency", "the suspect")."""
    described = heads.get(noun, set())
    if noun in ORG_NOUNS:
        described = {a for a in described if kinds.get(a) == "organisation"}
    elif noun in PERSON_NOUNS:
        described = {a for a in described if kinds.get(a) == "person"}
    return next(iter(described)) if len(described) == 1 else None
