"""Markup to blocks, and blocks to canonical text with exact part and link offsets.

Two vocabularies are walked by the same code: the XML trafilatura extracts (``head``, ``p``,
``list``/``item``, ``quote``, ``ref``, ``graphic``, ``lb``...) and plain HTML (``h1``-``h6``,
``p``, ``li``, ``blockquote``, ``figcaption``, ``a``, ``br``...). Inside a block, whitespace is
insignificant (as in HTML) and collapses to one space; a line break stays a newline. The
composed text is the title, then every block, separated by blank lines.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Final
from urllib.parse import urljoin, urlsplit

from spinscope.document import Link, Part
from spinscope.ingest.decode import normalise_text

LINK_SCHEMES: Final = frozenset({"http", "https", "mailto"})


class Role(Enum):
    SKIP = "skip"  # drop the element and its content (its tail stays)
    INLINE = "inline"
    BLOCK = "block"  # its own block(s); a paragraph unless a kind is given
    LINK = "link"
    BREAK = "break"
    CELL = "cell"
    IMAGE = "image"


@dataclass(frozen=True, slots=True)
class Vocabulary:
    roles: Mapping[str, tuple[Role, str | None]]
    link_attr: str
    image_attr: str


def _roles(**groups: str) -> dict[str, tuple[Role, str | None]]:
    table: dict[str, tuple[Role, str | None]] = {}
    for key, tags in groups.items():
        role_name, _, kind = key.partition("_")
        for tag in tags.split():
            table[tag] = (Role[role_name.upper()], kind or None)
    return table


TEI: Final = Vocabulary(
    roles=_roles(
        block_heading="head",
        block="p item quote list table row code div body main doc",
        link="ref",
        break_="lb",
        cell="cell",
        image="graphic",
        skip="comments note",
    ),
    link_attr="target",
    image_attr="src",
)
HTML: Final = Vocabulary(
    roles=_roles(
        block_heading="h1 h2 h3 h4 h5 h6",
        block_caption="figcaption caption",
        block=(
            "p li dt dd pre address blockquote ul ol dl figure div section article main header "
            "body html center table thead tbody tfoot tr details hgroup"
        ),
        link="a",
        break_="br",
        cell="td th",
        image="img",
        skip=(
            "head script style noscript template nav footer aside form button select textarea "
            "svg math iframe object embed canvas video audio title"
        ),
    ),
    link_attr="href",
    image_attr="src",
)


@dataclass(slots=True)
class Block:
    """One block of text; ``kind`` is a part kind ("title", "heading", "caption") or None."""

    kind: str | None
    text: str
    links: list[tuple[int, int, str]] = field(default_factory=list)


class _Builder:
    """Inline characters with the link each belongs to, collapsed into a block at the end."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.targets: list[str | None] = []

    def add(self, text: str | None, target: str | None) -> None:
        for char in text or "":
            self.chars.append(" " if char.isspace() else char)
            self.targets.append(target)

    def newline(self) -> None:
        self.chars.append("\n")
        self.targets.append(None)

    def separator(self, text: str) -> None:
        if any(not c.isspace() for c in self.chars):
            self.add(text, None)

    def finish(self, kind: str | None) -> Block | None:
        out: list[str] = []
        owners: list[str | None] = []
        for char, target in zip(self.chars, self.targets, strict=True):
            if char == " " and (not out or out[-1] in " \n"):
                continue
            if char == "\n":
                while out and out[-1] == " ":
                    out.pop()
                    owners.pop()
                if not out or out[-1] == "\n":
                    continue
            out.append(char)
            owners.append(target)
        while out and out[-1] in " \n":
            out.pop()
            owners.pop()
        if not out:
            return None
        text = "".join(out)
        return Block(kind, text, _runs(text, owners))


def _runs(text: str, owners: list[str | None]) -> list[tuple[int, int, str]]:
    """Maximal runs of characters that belong to the same link, trimmed of whitespace."""
    runs: list[tuple[int, int, str]] = []
    start = 0
    for i in range(1, len(owners) + 1):
        if i < len(owners) and owners[i] == owners[start]:
            continue
        target = owners[start]
        if target is not None:
            s, e = start, i
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                runs.append((s, e, target))
        start = i
    return runs


def link_resolver(base: str | None) -> Callable[[str | None], str | None]:
    """A function that makes an href absolute, or None for schemes other than http(s)/mailto."""

    def resolve(href: str | None) -> str | None:
        if not href:
            return None
        # As browsers do: tabs and newlines inside a URL are dropped, and so is edge whitespace.
        href = "".join(c for c in href.strip() if c not in "\t\n\r")
        if not href or href.startswith("#"):
            return None
        try:
            scheme = urlsplit(href).scheme.lower()
            if not scheme and base:
                href = urljoin(base, href)
                scheme = urlsplit(href).scheme.lower()
        except ValueError:
            return None
        return href if scheme in LINK_SCHEMES else None

    return resolve


def lxml_module(name: str) -> Any:
    """``lxml.html`` or ``lxml.etree``, imported on first use (lxml ships no type hints)."""
    return importlib.import_module(f"lxml.{name}")


def local_name(element: Any) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # comments and processing instructions
    return tag.rsplit("}", 1)[-1].lower()


class Walker:
    """Turns an element tree into blocks with one vocabulary."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        *,
        resolve: Callable[[str | None], str | None],
        image_caption: Callable[[str | None], str | None] | None = None,
    ) -> None:
        self.vocabulary = vocabulary
        self.resolve = resolve
        self.image_caption = image_caption
        self.blocks: list[Block] = []
        self._builder = _Builder()
        self._kind: str | None = None

    def walk(self, root: Any) -> list[Block]:
        self._element(root, None)
        self._flush()
        return self.blocks

    def _flush(self) -> None:
        block = self._builder.finish(self._kind)
        if block is not None:
            self.blocks.append(block)
        self._builder = _Builder()

    def _element(self, element: Any, target: str | None) -> None:
        name = local_name(element)
        if not name:
            return
        role, kind = self.vocabulary.roles.get(name, (Role.INLINE, None))
        if role is Role.SKIP:
            return
        if role is Role.BREAK:
            self._builder.newline()
            return
        if role is Role.IMAGE:
            source = element.get(self.vocabulary.image_attr)
            caption = self.image_caption(source) if self.image_caption else None
            if caption:
                self._flush()
                self.blocks.append(Block("caption", caption))
            return
        if role is Role.LINK:
            target = self.resolve(element.get(self.vocabulary.link_attr)) or target
        elif role is Role.CELL:
            self._builder.separator(" | ")
        outer = self._kind
        if role is Role.BLOCK:
            self._flush()
            self._kind = kind or outer
        self._builder.add(element.text, target)
        for child in element:
            self._element(child, target)
            self._builder.add(child.tail, target)
        if role is Role.BLOCK:
            self._flush()
            self._kind = outer


def block_text_of(element: Any, vocabulary: Vocabulary) -> str:
    """The collapsed inline text of an element (links ignored), e.g. a caption."""
    walker = Walker(vocabulary, resolve=lambda _href: None)
    return "\n".join(block.text for block in walker.walk(element))


@dataclass(frozen=True, slots=True)
class Composed:
    text: str
    parts: tuple[Part, ...]
    links: tuple[Link, ...]


def collapse(text: str) -> str:
    return " ".join(text.split())


def compose(title: str | None, blocks: list[Block]) -> Composed:
    """Title, blank line, then each block separated by a blank line; parts and links exact.

    The title line is a "title" part; blocks of kind "heading" and "caption" are parts of that
    kind; paragraphs are left unmarked for the structure stage.
    """
    ordered: list[Block] = []
    title = collapse(title) if title else ""
    if title:
        ordered.append(Block("title", title))
        if blocks and blocks[0].text.casefold() == title.casefold():
            blocks = blocks[1:]  # the page's own headline repeats the title
    ordered.extend(blocks)
    pieces: list[str] = []
    parts: list[Part] = []
    links: list[Link] = []
    offset = 0
    for block in ordered:
        if pieces:
            pieces.append("\n\n")
            offset += 2
        pieces.append(block.text)
        if block.kind is not None:
            parts.append(Part(block.kind, offset, offset + len(block.text)))
        links.extend(Link(offset + s, offset + e, url) for s, e, url in block.links)
        offset += len(block.text)
    text = "".join(pieces)
    canonical = normalise_text(text)
    if canonical != text:
        # Only possible when a block boundary changes Unicode composition: the offsets would no
        # longer fit, so the markup's parts and links are given up rather than guessed.
        return Composed(canonical, (), ())
    return Composed(text, tuple(parts), tuple(links))
