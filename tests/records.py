"""Finding attributes and actors for hand-built test analyses, with every unstated field empty."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from typing import Any

from spinscope.records import NO_ATTRS, Actor, Attrs, from_data
from spinscope.vocabulary import LAYER_BY_NAME


def _empty(hint: Any) -> Any:
    if hint is bool:
        return False
    if hint is str:
        return ""
    if hint in (int, float):
        return hint()
    origin = typing.get_origin(hint)
    if origin is tuple:
        return ()
    if origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(hint):
        return None
    raise TypeError(f"no empty value for {hint}")


def attrs_for(layer: str, values: Mapping[str, Any] | Attrs | None = None) -> Attrs:
    """The layer's attribute record from ``values``, unstated fields empty."""
    if isinstance(values, Attrs):
        return values
    if not values:
        return NO_ATTRS
    kind = LAYER_BY_NAME[layer].attrs
    hints = typing.get_type_hints(kind)
    given = dict(values or {})
    # A field with a default keeps it; a required one is empty unless given.
    required = [
        f
        for f in dataclasses.fields(kind)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    data = {f.name: given.pop(f.name, None) for f in required}
    data = {k: _empty(hints[k]) if v is None else v for k, v in data.items()}
    return from_data(kind, {**data, **given}, f"test {layer} attrs")


def actor(values: Mapping[str, Any] | Actor) -> Actor:
    """An actor record from a mapping (``id``, ``name`` and ``kind`` default to placeholders)."""
    if isinstance(values, Actor):
        return values
    return from_data(Actor, {"id": "a0", "name": "", "kind": "person", **values}, "test actor")
