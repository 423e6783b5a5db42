"""The cast of a document: its actors while they are built, their mentions, and the parse.

The ``actors`` component builds it (:mod:`spinscope.detectors.actors`); the descriptor reader,
sourcing and allegations read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from spinscope.nlp import Parse
from spinscope.records import Actor, Descriptor

if TYPE_CHECKING:
    from spacy.tokens import Doc

QUOTES: Final = "\"“”«»'‘’"
SEPARATOR: Final = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)\s*")
WORD: Final = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an actor: offsets, the sentence index in the parse, and how it was found."""

    start: int
    end: int
    actor: str
    sentence: int
    via: str  # "gazetteer", "model", "sweep" or "pronoun"


@dataclass(slots=True)
class CastMember:
    """An actor while it is being built; :meth:`record` gives the frozen :class:`Actor`."""

    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    descriptors: list[Descriptor] = field(default_factory=list)

    def record(self) -> Actor:
        """The actor as the analysis carries it (its allegations are the allegations
        component's to fill)."""
        return Actor(
            id=self.id,
            name=self.name,
            kind=self.kind,
            aliases=tuple(self.aliases),
            mentions=tuple((m.start, m.end) for m in sorted(self.mentions, key=mention_position)),
            descriptors=tuple(self.descriptors),
        )


@dataclass(frozen=True, slots=True)
class Cast:
    """The actors of one document, their mentions in reading order, and the parse they rest on."""

    parse: Parse
    actors: tuple[CastMember, ...]
    mentions: tuple[Mention, ...]
    # Mentions by sentence and each actor's mention starts in order, indexed once (readers ask
    # for them sentence by sentence: a scan of every mention each time is quadratic).
    _by_sentence: dict[int, list[Mention]] = field(init=False, repr=False, compare=False)
    _starts: dict[str, list[int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_sentence: dict[int, list[Mention]] = {}
        starts: dict[str, list[int]] = {}
        for mention in self.mentions:
            by_sentence.setdefault(mention.sentence, []).append(mention)
            starts.setdefault(mention.actor, []).append(mention.start)
        for values in starts.values():
            values.sort()
        object.__setattr__(self, "_by_sentence", by_sentence)
        object.__setattr__(self, "_starts", starts)

    def by_id(self, ident: str) -> CastMember:
        return next(a for a in self.actors if a.id == ident)

    def in_sentence(self, index: int) -> list[Mention]:
        return list(self._by_sentence.get(index, ()))

    def mention_starts(self, actor: str) -> list[int]:
        """Where ``actor``'s mentions start, in order."""
        return self._starts.get(actor, [])


def mention_position(mention: Mention) -> tuple[int, int]:
    return (mention.start, mention.end)


def quoted(text: str, start: int, position: int) -> bool:
    """True when ``position`` lies inside quotation marks opened since ``start``."""
    before = text[start:position]
    straight = before.count('"') % 2 == 1
    curly = before.count("“") > before.count("”")
    guillemets = before.count("«") > before.count("»")
    return straight or curly or guillemets


def token_actors(doc: Doc, offset: int, mentions: list[Mention]) -> dict[int, tuple[str, ...]]:
    """Token index -> the actors whose mentions it lies in, for a parsed sentence starting at
    ``offset`` of the text."""
    out: dict[int, tuple[str, ...]] = {}
    for token in doc:
        start = offset + token.idx
        end = start + len(token.text)
        ids = tuple(dict.fromkeys(m.actor for m in mentions if m.start < end and start < m.end))
        if ids:
            out[token.i] = ids
    return out
