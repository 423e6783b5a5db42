"""Typed, frozen records the analysis carries, and the one serialiser pair they share.

Every finding carries the attributes of its layer as one record (``Span.attrs``): an allegation
its targets, accuser, type and sourcing; a sourcing cue its speaker and the sentences it grades;
a claim its decision; a technique its PTC label; an entity its actor. Each layer names its record
in :data:`spinscope.vocabulary.LAYER_TABLE`, and the component that emits the layer fills it.
Actors travel as :class:`Actor` records with their :class:`Descriptor`\\ s.

:func:`to_data` and :func:`from_data` are derived from the dataclass fields (through pydantic),
so the analysis JSON, the store, the HTTP API, the parquet export and the renderers read and write
exactly the fields declared here: no reader guesses a key name. Adding an attribute to a layer is
one field here and the line of its component that sets it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, Final, TypeVar

from pydantic import ConfigDict, TypeAdapter, ValidationError

from spinscope.errors import SchemaError, SpinscopeError

R = TypeVar("R")

# Every record's pydantic configuration: an unknown field is an error, not silently dropped, so
# a record reads back exactly as written.
RECORD_CONFIG: Final = ConfigDict(extra="forbid")


@dataclass(frozen=True, slots=True)
class Attrs:
    """The attributes of one layer's findings; a layer without any uses this empty record."""

    __pydantic_config__: ClassVar[ConfigDict] = RECORD_CONFIG

    def items(self) -> Iterator[tuple[str, Any]]:
        """(field, value) pairs in declaration order, for renderers that list every attribute."""
        for f in dataclasses.fields(self):
            yield f.name, getattr(self, f.name)


NO_ATTRS: Final = Attrs()


@dataclass(frozen=True, slots=True)
class TechniqueAttrs(Attrs):
    """A persuasion technique: its label in the PTC scheme and the technique's display name."""

    ptc_label: str | None  # None for a technique the PTC scheme does not have
    technique_name: str


@dataclass(frozen=True, slots=True)
class ClaimAttrs(Attrs):
    """A check-worthiness score's decision at the model's threshold."""

    checkworthy: bool


@dataclass(frozen=True, slots=True)
class EntityAttrs(Attrs):
    """A mention of an actor: the actor's id and how the mention was found."""

    actor: str
    via: str  # "gazetteer", "model", "sweep" or "pronoun"


@dataclass(frozen=True, slots=True)
class SourcingAttrs(Attrs):
    """A sourcing cue: who speaks (if named), its sentence and the claim sentences it grades."""

    speaker: str | None
    sentence: tuple[int, int]
    grades: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class AllegationAttrs(Attrs):
    """An allegation: whom it targets (actor ids), its type, who alleges it and on what sourcing."""

    targets: tuple[str, ...]
    type: str
    alleged_by: str  # an actor id, "author", or the source phrase ("prosecutors")
    sourcing: str  # a sourcing grade of the sentence, or "hedged"
    hedge: tuple[int, int] | None  # the later sentence that hedges it, if any
    cue: str


@dataclass(frozen=True, slots=True)
class Descriptor:
    """How the text describes an actor ("a radical activist"): the phrase and its offsets."""

    __pydantic_config__: ClassVar[ConfigDict] = RECORD_CONFIG

    text: str
    evaluative: bool  # carries a loaded word (extreme, radical, so-called, ...)
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, organisation, place or group the article names, as the analysis carries it."""

    __pydantic_config__: ClassVar[ConfigDict] = RECORD_CONFIG

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[tuple[int, int], ...] = ()  # [start, end) of each mention, in reading order
    descriptors: tuple[Descriptor, ...] = ()
    allegations: tuple[str, ...] = ()  # ids of the allegation findings that target it


_ADAPTERS: Final[dict[type[Any], TypeAdapter[Any]]] = {}


def _adapter(kind: type[Any]) -> TypeAdapter[Any]:
    adapter = _ADAPTERS.get(kind)
    if adapter is None:
        adapter = _ADAPTERS[kind] = TypeAdapter(kind)
    return adapter


def to_data(record: object) -> Any:
    """A record as JSON-able data (tuples become lists), derived from its fields."""
    return _adapter(type(record)).dump_python(record, mode="json")


def from_data(kind: type[R], data: Any, where: str) -> R:
    """The record of type ``kind`` that ``data`` describes; SchemaError (E400) names the field."""
    try:
        record: R = _adapter(kind).validate_python(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        cause = first.get("ctx", {}).get("error")
        message = cause.message if isinstance(cause, SpinscopeError) else first["msg"]
        raise SchemaError(
            "E400", detail=f"{where}{'.' + field if field else ''}: {message}"
        ) from None
    return record


def field_names(kind: type[Any]) -> tuple[str, ...]:
    """The names of a record type's fields, in declaration order."""
    return tuple(f.name for f in dataclasses.fields(kind))
