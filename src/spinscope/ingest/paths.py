"""Inputs as a user names them: '-' (stdin), http(s) URLs, files and folders.

Folders are read recursively in sorted order; hidden entries (a leading '.') and symlinked
folders are skipped, and only known suffixes are read. File sizes are checked before a byte
is read, streams stop one byte past the cap. Nothing here raises for a single bad input: it
becomes a ``Skipped`` with its code, and the rest go on.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import BinaryIO, Final

from spinscope.document import Document, Skipped
from spinscope.errors import FetchError, InputError
from spinscope.ingest.dispatch import SUFFIX_KINDS, read_items
from spinscope.ingest.options import DEFAULT_OPTIONS, IngestOptions
from spinscope.ingest.url import fetch_items

STDIN: Final = "<stdin>"
_CHUNK: Final = 65536
_OTHER_SCHEME: Final = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

Item = Document | Skipped


def kind_for_path(path: Path) -> str | None:
    """The kind a file's suffix names, or None for a suffix spinscope does not know."""
    return SUFFIX_KINDS.get(path.suffix.lower())


def _guarded(source: str, produce: Callable[[], Iterable[Item]]) -> Iterator[Item]:
    """Items from ``produce``; a failure becomes one Skipped and the batch goes on."""
    try:
        yield from produce()
    except Exception as exc:  # a batch records any failure and goes on
        yield Skipped.from_exception(source, exc)


def read_stream(stream: BinaryIO, *, source: str, cap: int) -> bytes:
    """Read at most ``cap`` bytes; E103 if the stream holds more."""
    chunks: list[bytes] = []
    size = 0
    while size <= cap:
        chunk = stream.read(min(_CHUNK, cap + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > cap:
        raise InputError("E103", source=source, size=f"more than {cap}", cap=cap)
    return b"".join(chunks)


def read_file_bytes(path: Path, *, source: str, cap: int) -> bytes:
    """A file's bytes, refused by its size before reading (E103); E100/E113 if unreadable."""
    try:
        info = path.stat()
        if stat.S_ISREG(info.st_mode) and info.st_size > cap:
            raise InputError("E103", source=source, size=info.st_size, cap=cap)
        with path.open("rb") as handle:
            return read_stream(handle, source=source, cap=cap)
    except (FileNotFoundError, NotADirectoryError):
        raise InputError("E100", path=source) from None
    except OSError as exc:
        raise InputError("E113", source=source, detail=exc.strerror or str(exc)) from None


def _read_file(path: Path, *, source: str, kind: str | None, options: IngestOptions) -> list[Item]:
    data = read_file_bytes(path, source=source, cap=options.max_bytes)
    return list(read_items(data, source=source, kind=kind, options=options))


def folder_files(root: Path) -> list[Path]:
    """Readable files under ``root``: known suffixes, not hidden, symlinked folders not entered
    (a symlinked file is listed; :func:`outside` tells whether it leads out of ``root``)."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            path = Path(dirpath) / name
            if name.startswith(".") or kind_for_path(path) is None or not path.is_file():
                continue
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def outside(root: Path, path: Path) -> bool:
    """A symbolic link under ``root`` whose target lies outside it (a system file, another
    user's folder): not read, so that ingesting a folder reads only what is in it."""
    if not path.is_symlink():
        return False
    try:
        target = path.resolve(strict=True)
        return not target.is_relative_to(root.resolve(strict=True))
    except (OSError, RuntimeError):
        return True  # a broken or looping link


def _read_folder(root: Path, *, given: str, options: IngestOptions) -> Iterator[Item]:
    read_any = False
    for path in folder_files(root):
        source = os.path.join(given, *path.relative_to(root).parts)
        if outside(root, path):
            yield Skipped.from_exception(source, InputError("E114", source=source))
            continue
        kind = kind_for_path(path)
        produce = partial(_read_file, path, source=source, kind=kind, options=options)
        for item in _guarded(source, produce):
            read_any = read_any or isinstance(item, Document)
            yield item
    if not read_any:
        yield Skipped.from_exception(given, InputError("E112", source=given))


def read_path(given: str, *, options: IngestOptions | None = None) -> Iterator[Item]:
    """Documents (and Skipped) from a file or a folder named by the user."""
    opts = options or DEFAULT_OPTIONS
    path = Path(given)
    try:
        is_folder = path.is_dir()
        exists = is_folder or path.exists()
    except OSError as exc:
        yield Skipped.from_exception(given, InputError("E113", source=given, detail=str(exc)))
        return
    if not exists:
        yield Skipped.from_exception(given, InputError("E100", path=given))
    elif is_folder:
        yield from _read_folder(path, given=given, options=opts)
    else:
        kind = kind_for_path(path)
        yield from _guarded(given, partial(_read_file, path, source=given, kind=kind, options=opts))


def read_inputs(
    inputs: Sequence[str],
    *,
    options: IngestOptions | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | Skipped]:
    """Documents from each input in order, and a Skipped for anything that cannot be read.

    An input is '-' (standard input, or ``stdin``), an http(s) URL, or a path to a file or a
    folder (read recursively). Never raises InputError for one bad input: the caller decides
    what skipped inputs mean for the exit code.
    """
    opts = options or DEFAULT_OPTIONS
    for given in inputs:
        if given == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _guarded(STDIN, partial(_read_stdin, stream, options=opts))
        elif given.lower().startswith(("http://", "https://")):
            yield from _guarded(given, partial(fetch_items, given, options=opts))
        elif _OTHER_SCHEME.match(given):
            yield Skipped.from_exception(given, FetchError("E124", url=given))
        else:
            yield from read_path(given, options=opts)


def _read_stdin(stream: BinaryIO, *, options: IngestOptions) -> Iterator[Item]:
    data = read_stream(stream, source=STDIN, cap=options.max_bytes)
    return read_items(data, source=STDIN, options=options)
