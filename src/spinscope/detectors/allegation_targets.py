"""Who a sentence is about: the actor the dependency parse makes the one judged or acting,
for the allegation sentences no frame or rule covers (see :func:`sentence_target`)."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any, Final

from spinscope.detectors.allegation_lexicon import (
    ACCUSATION_VERBS,
    ACT_VERBS,
    INQUIRY_NOUNS,
    REPORTING_VERBS,
    TOPIC_VERBS,
    VICTIM_NOUNS,
)
from spinscope.detectors.cast import Mention, token_actors
from spinscope.detectors.descriptor_syntax import head_noun

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

    from spinscope.detectors.cast import Cast
    from spinscope.detectors.frames import Reader

TARGET_KINDS: Final = frozenset({"person", "organisation"})


def token_at(doc: SpacyDoc, at: int) -> Token | None:
    return next((t for t in doc if t.idx <= at < t.idx + len(t.text)), None)


_SUBJECTS: Final = frozenset({"nsubj", "nsubjpass"})
_OBJECTS: Final = frozenset({"dobj", "obj"})
# Verbs whose subject judges someone else and whose object is the one judged.
_JUDGING: Final = (
    REPORTING_VERBS
    | frozenset(ACCUSATION_VERBS)
    | frozenset(
        [
            "criticize",
            "criticise",
            "blast",
            "slam",
            "attack",
            "condemn",
            "denounce",
            "label",
            "brand",
            "lambast",
            "mock",
            "ridicule",
            "question",
            "scold",
            "rebuke",
            "chastise",
            "vilify",
            "villainize",
            "demonize",
            "demonise",
            "expose",
        ]
    )
)
_MODIFIER_DEPS: Final = frozenset({"compound", "amod", "nmod"})
# Reporting verbs whose object is what is said or who is told ("X told Fox News that ..."),
# never the one judged.
_TELLING: Final = REPORTING_VERBS - frozenset(
    ["accuse", "allege", "charge", "suspect", "call", "describe"]
)


def _addressed(token: Token) -> bool:
    """``token`` is told or spoken to, or the source of an "according to" phrase: "told X",
    "spoke with X", "said to X", "according to officials who spoke with X"."""
    head = token.head
    if token.dep_ in _OBJECTS and head.lemma_.casefold() in _TELLING:
        return True
    if token.dep_ == "pobj" and head.lower_ in ("to", "with"):
        verb = head.head
        if verb.lemma_.casefold() in REPORTING_VERBS | {"speak", "talk"}:
            return True
    return any(t.lower_ == "according" for t in token.ancestors)


def _passive_agent(token: Token) -> bool:
    """``token`` is the "by" agent of a passive clause ("it was fired by X"), not of a
    participle ("killings counted by X") or of a judging verb ("exposed by X")."""
    if token.dep_ != "pobj" or token.head.dep_ != "agent":
        return False
    verb = token.head.head
    return verb.lemma_.casefold() not in _JUDGING and any(
        c.dep_ in ("nsubjpass", "auxpass") for c in verb.children
    )


def sentence_target(
    doc: SpacyDoc,
    offset: int,
    mentions: Sequence[Mention],
    speaker: str | None,
    roles: dict[str, str],
    tokens: dict[int, tuple[str, ...]] | None = None,
) -> str | None:
    """Who a sentence the scorer accepts is about, in order: the one a judging verb's subject
    judges ("Trump accused the FBI"); the subject of another verb, not a victim (the subject of
    a passive act: "X was shot"); its possessor ("X's lies"); a role noun as subject that one
    actor's descriptors name ("the mayor"); else the first name that is not the sentence's
    speaker, a possessor or modifier of another name ("CNN's Don Lemon", "ICE officers") or a
    victim ("X's death", the object of an act); the speaker only when nobody else is named.
    ``tokens`` is :func:`~spinscope.detectors.cast.token_actors` of the mentions, when known."""
    if not mentions:
        return None
    if tokens is None:
        tokens = token_actors(doc, offset, list(mentions))
    words = list(doc)  # one spaCy Token per word, made once for the passes below
    # a name's own head word stands for it ("Orsk" for "Liane Orsk")
    actor_of = {
        i: ids
        for i, ids in tokens.items()
        if (doc[i].head.i == i or tokens.get(doc[i].head.i) != ids)
        and doc[i].dep_ not in ("det", "case", "punct")  # "a" of "a Bureau officer"
    }

    def lemma(token: Any) -> str:
        return str(token.lemma_).casefold()

    for token in words:
        if (
            token.dep_ == "ROOT"
            and lemma(token) in TOPIC_VERBS
            and any(c.dep_ == "nsubj" and c.i in actor_of for c in token.children)
        ):
            return None  # "the Institute studies extremism": a topic, not a deed
    for token in words:
        judged = token.dep_ in _OBJECTS and lemma(token.head) in _JUDGING
        if token.i in actor_of and judged and not _addressed(token):
            return actor_of[token.i][0]
    for token in words:
        if token.i not in actor_of:
            continue
        head = token.head
        if _passive_agent(token):
            return actor_of[token.i][0]
        if token.dep_ == "nsubj" and lemma(head) not in _JUDGING:
            return actor_of[token.i][0]
        if token.dep_ == "nsubjpass" and lemma(head) not in _JUDGING | set(ACT_VERBS):
            return actor_of[token.i][0]
        if (
            token.dep_ == "poss"
            and head.dep_ in _SUBJECTS
            and head.i not in actor_of
            and lemma(head) not in VICTIM_NOUNS | INQUIRY_NOUNS
        ):
            return actor_of[token.i][0]
    for token in words:
        if token.dep_ in _SUBJECTS | {"poss"} and token.i not in actor_of:
            if token.dep_ == "poss" and token.head.dep_ not in _SUBJECTS:
                continue
            role = roles.get(lemma(token))
            if role is not None:
                return role
    for token in words:
        if token.i not in actor_of or speaker in actor_of[token.i]:
            continue
        if token.dep_ in _SUBJECTS and lemma(token.head) in REPORTING_VERBS:
            continue  # a speaker
        if token.dep_ == "poss" and lemma(token.head) in VICTIM_NOUNS | INQUIRY_NOUNS:
            continue  # "X's death", "X's inquiry"
        if token.dep_ == "poss" and token.head.i in actor_of:
            continue  # "CNN's Don Lemon": Don Lemon
        if token.dep_ in _MODIFIER_DEPS and token.head.i not in actor_of:
            continue  # "ICE officers"
        if token.dep_ in _OBJECTS and lemma(token.head) in ACT_VERBS:
            continue  # the victim of the act
        if token.dep_ == "nsubjpass" and lemma(token.head) in ACT_VERBS:
            continue  # "the DNC was hacked"
        if _addressed(token):
            continue  # "X told Fox News", "according to X"
        return actor_of[token.i][0]
    return None  # only victims, possessors or the speaker: naming one would name the wrong actor


def cue_accused(reader: Reader) -> tuple[str, ...] | None:
    """The actors the parse makes the accused of the sentence's cue words (see
    :meth:`~spinscope.detectors.frames.Reader.accused`): those of the first cue whose accused is
    named; ``()`` when cues have an accused but none is a named actor ("she was charged", with
    "she" unresolved: naming anyone else would name the wrong actor); None when the parse shows
    no accused for any cue."""
    unnamed = False
    for token in reader.doc:
        words = reader.accused(token)
        if words is None or reader.negated(token):
            continue
        ids = [a for word in words for a in reader.refs(word)]
        if ids:
            return tuple(dict.fromkeys(ids))
        unnamed = unnamed or any(reader.identifies(word) for word in words)
    return () if unnamed else None


def rule_target(
    reader: Reader,
    mentions: Sequence[Mention],
    speaker: str | None,
    roles: dict[str, str],
    word: Token | None,
) -> str | None:
    """The target of a sentence with no frame: the first accused of its cue words when the
    parse shows one (:func:`cue_accused`; None when that one is unnamed), else
    :func:`clause_accused` of the cue word ``word``, else :func:`sentence_target`."""
    accused = cue_accused(reader)
    if accused is not None:
        return accused[0] if accused else None
    doc, offset = reader.doc, reader.offset
    found = clause_accused(doc, offset, mentions, word, speaker) if word is not None else None
    return found or sentence_target(doc, offset, mentions, speaker, roles)


def role_nouns(cast: Cast, position: int) -> dict[str, str]:
    """The head nouns of an actor's descriptors ("mayor" for "Oakland Mayor X", "member" for
    "a member of the Writers' Union"), lower-cased,
    to the actor of that role mentioned last before ``position`` (else first after it)."""
    owners: dict[str, set[str]] = {}
    for actor in cast.actors:
        if actor.kind not in TARGET_KINDS:
            continue
        for descriptor in actor.descriptors:
            noun = head_noun(descriptor.text)
            if noun is not None and len(noun) > 2:
                owners.setdefault(noun, set()).add(actor.id)

    def last_seen(actor: str) -> tuple[int, int]:
        starts = cast.mention_starts(actor)
        cut = bisect.bisect_left(starts, position)  # starts[:cut] lie before ``position``
        if cut:
            return (1, starts[cut - 1])
        return (0, -starts[cut]) if cut < len(starts) else (0, 0)

    return {word: max(sorted(ids), key=last_seen) for word, ids in owners.items()}


# Before a role noun: a determiner or a possessor, then up to two lower-case words ("the
# senator", "this former treasurer", "the fund's treasurer").
_ROLE_LEAD: Final = re.compile(
    r"(?:\b[Tt]he|\b[Tt]his|\b[Tt]hat|\w['’]s)\s+(?:[a-z][\w'’-]*\s+){0,2}\Z"
)
_WORD: Final = re.compile(r"\b[A-Za-z][a-z]+\b")
_NAME_AFTER: Final = re.compile(r"\s+(?:[A-Z]|of\b)")  # "the senator Ana Verro", "the mayor of X"


def target_mentions(cast: Cast, index: int, text: str) -> list[Mention]:
    """The mentions of persons and organisations in sentence ``index``, with the definite role
    nouns that stand for one of them ("Senator Ana Verro met donors. The senator was accused
    ...": "senator" is a mention of Ana Verro; see :func:`role_nouns`), so a sentence that names
    its accused only by role is read as one that names them. Not a role noun right before a
    name or an "of" ("the senator Ana Verro", "the president of Brazil"), or inside a name. A
    role noun in an apposition is a mention of the name beside it ("Karl Ostrin, the fund's
    treasurer": the scorer reads it as it reads the name)."""
    sentence = cast.parse.sentences[index]
    named = [m for m in cast.in_sentence(index) if cast.by_id(m.actor).kind in TARGET_KINDS]
    roles = role_nouns(cast, sentence.start)
    found: list[Mention] = []
    for match in _WORD.finditer(text, sentence.start, sentence.end):
        start, end = match.span()
        actor = roles.get(match.group().casefold())
        if actor is None or _NAME_AFTER.match(text, end):
            continue
        if not _ROLE_LEAD.search(text, max(sentence.start, start - 60), start):
            continue
        if any(m.start < end and start < m.end for m in named):
            continue  # a word of a name
        found.append(Mention(start, end, actor, index, "role"))
    return sorted([*named, *found], key=lambda m: (m.start, m.end))


def clause_accused(
    doc: SpacyDoc,
    offset: int,
    mentions: Sequence[Mention],
    cue: Token,
    speaker: str | None,
) -> str | None:
    """The actor the clause holding the cue word ``cue`` is predicated of, for a sentence whose
    cue has no frame: going up from the cue, the first clause with a named subject that is not
    a judge ("the agency received a lead that X was wanted for homicide": X), the possessor of
    such a subject ("X's conduct was criminally reckless"), a passive's "by" agent, or the name
    a relative clause holding the cue belongs to ("popes who abused their power"). Never the
    sentence's speaker, an addressee, or a victim (the subject of a passive act); None when no
    clause on the way up names anyone, or the cue is what a topic verb's subject studies."""
    tokens = token_actors(doc, offset, list(mentions))

    def named(token: Token) -> str | None:
        ids = tokens.get(token.i)
        if not ids or ids[0] == speaker or _addressed(token):
            return None
        return ids[0]

    current: Token | None = cue
    for _ in range(12):
        if current is None:
            break
        verb = current
        word = str(verb.lemma_).casefold()
        if word in TOPIC_VERBS:
            return None  # "the institute studies extremism": a topic, not a deed
        for child in verb.children:
            if child.i == cue.i:
                continue
            if child.dep_ == "nsubj" and word not in _JUDGING:
                found = named(child) or _possessor(child, named)
                if found is not None:
                    return found
            if child.dep_ == "nsubjpass" and word not in _JUDGING | set(ACT_VERBS):
                found = named(child)
                if found is not None:
                    return found
            if child.dep_ == "agent" and word not in _JUDGING:
                agent = next((c for c in child.children if c.dep_ == "pobj"), None)
                found = named(agent) if agent is not None else None
                if found is not None:
                    return found
        if verb.dep_ == "relcl" and verb.head.i in tokens:
            return named(verb.head)
        if verb.dep_ == "ROOT" or verb.head.i == verb.i:
            break
        if verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_.casefold() in REPORTING_VERBS:
            break  # the clause a speaker reports: its subject was not found, nor is the speaker
        current = verb.head
    return None


def _possessor(token: Token, named: Any) -> str | None:
    """The named possessor of a subject that is no victim or inquiry ("X's conduct")."""
    if str(token.lemma_).casefold() in VICTIM_NOUNS | INQUIRY_NOUNS:
        return None
    for child in token.children:
        if child.dep_ == "poss":
            found: str | None = named(child)
            return found
    return None
