"""Bytes to canonical text: binary sniffing, decoding, and the one text normalisation.

The canonical text of every Document is fixed here. Decoding honours a byte-order mark, then
tries strict UTF-8; bytes that mix valid multi-byte UTF-8 with invalid bytes are broken UTF-8
(E104, naming the first bad byte), while bytes with no multi-byte UTF-8 at all are a legacy
8-bit encoding, detected with charset-normalizer. HTML may also declare its encoding.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Sequence
from typing import Final

from spinscope.errors import InputError

SNIFF_BYTES: Final = 8192
MAX_CONTROL_SHARE: Final = 0.10

# Longest first, so that a UTF-32 LE mark is not taken for a UTF-16 LE one.
_BOMS: Final = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)
# Control bytes that never occur in text (tab, newlines, vertical tab and form feed excepted).
_CONTROL_BYTES: Final = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x20)) | {0x7F}
# One valid UTF-8 sequence of two to four bytes (RFC 3629: no overlongs, no surrogates).
_UTF8_MULTIBYTE: Final = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_ASCII: Final = bytes(range(0x80))
_C0_CONTROLS: Final = re.compile(r"[\x00-\x08\x0b-\x1f]")
# Characters that show nothing but split words for search, matching and models: the soft hyphen
# (pages put it inside long words), zero-width space, word joiner, a byte-order mark inside the
# text, the Mongolian vowel separator, and the bidirectional embeddings, overrides and isolates
# that can make a text display otherwise than it reads. Zero-width joiners and non-joiners stay:
# emoji sequences and several scripts need them.
_INVISIBLE: Final = re.compile("[\u00ad\u180e\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]")
_LEADING_BLANK_LINES: Final = re.compile(r"\A(?:[^\S\n]*\n)+")
_META_CHARSET: Final = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
# What browsers read for these labels (WHATWG Encoding): the Latin-1 family means windows-1252.
_LABEL_ALIASES: Final = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "x-user-defined": "cp1252",
}


_LONE_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """The text with lone surrogates (which JSON escapes can make, and no encoding can write)
    replaced by U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def normalise_text(text: str) -> str:
    """The canonical form of a text: LF newlines, no C0 controls but tab and LF, no invisible
    characters (soft hyphens, zero-width spaces, bidirectional controls), NFC, trimmed.

    Leading blank lines and whitespace at the very end go; spacing inside lines stays. Every
    offset of a Document is into this form, so removing characters here keeps them exact.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = without_surrogates(_INVISIBLE.sub("", _C0_CONTROLS.sub("", text)))
    text = unicodedata.normalize("NFC", text)
    text = _LEADING_BLANK_LINES.sub("", text)
    return text.rstrip()


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark names and the mark's length, or None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


# Document and image formats that are not read, by their first bytes: refused by name rather
# than read as text (a PDF starts with printable bytes).
BINARY_SIGNATURES: Final = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt or .epub file is one)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip file"),
    (b"\x7fELF", "a program"),
)


def check_binary(data: bytes, *, source: str) -> None:
    """Raise E102 if the first bytes look binary: a known document or image format (PDF, Word,
    images), a NUL byte, or too many control bytes."""
    for signature, what in BINARY_SIGNATURES:
        if data.startswith(signature):
            raise InputError("E102", source=source, detail=f"{what}; convert it to text first")
    if bom_encoding(data) is not None:
        return  # UTF-16/32 text is full of NUL bytes; a mark says it is text
    head = data[:SNIFF_BYTES]
    nul = head.find(b"\x00")
    if nul >= 0:
        raise InputError("E102", source=source, detail=f"a NUL byte at offset {nul}")
    if head:
        controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
        if controls / len(head) > MAX_CONTROL_SHARE:
            share = round(100 * controls / len(head))
            raise InputError("E102", source=source, detail=f"{share}% control bytes")


def _lookup(encoding: str) -> str | None:
    """The codec's canonical name, or None for an unknown label or a codec that is not a text
    encoding (a charset of base64 or zlib once crashed the reader)."""
    label = encoding.strip().lower()
    try:
        name = codecs.lookup(_LABEL_ALIASES.get(label, label)).name
        b"a".decode(name, "replace")  # base64, zlib, rot13 ...: codecs, but not text encodings
    except (LookupError, ValueError, TypeError):
        return None
    return name


def _is_wide(codec: str) -> bool:
    return codec.startswith(("utf-16", "utf-32"))


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def _forced(data: bytes, *, source: str, encoding: str) -> str:
    codec = _lookup(encoding)
    if codec is None:
        raise InputError("E110", source=source, encoding=encoding)
    if not _is_wide(codec):
        check_binary(data, source=source)
    try:
        return _strip_bom(data.decode(codec))
    except (UnicodeDecodeError, ValueError):
        raise InputError("E110", source=source, encoding=encoding) from None


def _utf8_counts(data: bytes) -> tuple[int, int]:
    """(valid multi-byte sequences, bytes that belong to no valid UTF-8 sequence)."""
    multibyte = 0
    covered = 0
    for match in _UTF8_MULTIBYTE.finditer(data):
        multibyte += 1
        covered += match.end() - match.start()
    non_ascii = len(data.translate(None, _ASCII))
    return multibyte, non_ascii - covered


def _legacy(data: bytes, *, source: str, error: UnicodeDecodeError) -> str:
    """Decode bytes that are not UTF-8: broken UTF-8 is refused, legacy 8-bit is detected."""
    bad = data[error.start]
    detail = f"invalid byte 0x{bad:02x} at offset {error.start}"
    multibyte, invalid = _utf8_counts(data)
    # Mostly valid multi-byte UTF-8 with a few bad bytes is broken UTF-8. A legacy 8-bit text
    # forms a valid UTF-8 pair only by accident, far less often than it holds invalid bytes.
    if multibyte and multibyte >= invalid:
        raise InputError("E104", source=source, detail=detail)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError("E104", source=source, detail=f"{detail}; no other encoding fits")
    return _strip_bom(str(best))


def decode_bytes(data: bytes, *, source: str, encoding: str | None = None) -> str:
    """Decode bytes to text (not yet normalised); raise E102, E104 or E110 when they cannot be.

    ``encoding`` forces an encoding; otherwise a byte-order mark, then strict UTF-8, then a
    detected legacy 8-bit encoding.
    """
    if encoding:
        return _forced(data, source=source, encoding=encoding)
    check_binary(data, source=source)
    bom = bom_encoding(data)
    if bom is not None:
        name, length = bom
        try:
            return data[length:].decode(name)
        except UnicodeDecodeError as exc:
            offset = exc.start + length
            raise InputError(
                "E104" if name == "utf-8" else "E110",
                source=source,
                encoding=name,
                detail=f"invalid byte 0x{data[offset]:02x} at offset {offset}",
            ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _legacy(data, source=source, error=exc)


def declared_html_charset(data: bytes) -> str | None:
    """The charset a page's ``<meta charset>`` or ``http-equiv`` declares, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def decode_html(
    data: bytes,
    *,
    source: str,
    encoding: str | None = None,
    http_charset: str | None = None,
) -> str:
    """Decode an HTML page: forced encoding, byte-order mark, HTTP charset, meta charset, sniff."""
    return decode_declared(
        data,
        source=source,
        encoding=encoding,
        declared=(http_charset, declared_html_charset(data)),
    )


def decode_declared(
    data: bytes,
    *,
    source: str,
    encoding: str | None = None,
    declared: Sequence[str | None] = (),
) -> str:
    """Decode bytes whose encoding may be declared (an HTTP charset, a meta tag).

    Order: a forced encoding, a byte-order mark, the first declared charset Python knows, then
    :func:`decode_bytes`. A declared charset is decoded the way browsers do (bad bytes
    replaced), except that bytes which are valid UTF-8 are read as UTF-8 whatever a legacy
    declaration says: legacy 8-bit text with non-ASCII letters is practically never valid UTF-8.
    """
    if encoding:
        return _forced(data, source=source, encoding=encoding)
    if bom_encoding(data) is not None:
        return decode_bytes(data, source=source)
    check_binary(data, source=source)
    for label in declared:
        codec = _lookup(label) if label else None
        if codec is None:
            continue
        if _is_wide(codec):  # a declaration of UTF-16 in bytes without a mark is wrong
            codec = "utf-8"
        if codec != "utf-8":
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                pass
        return _strip_bom(data.decode(codec, errors="replace"))
    return decode_bytes(data, source=source)
