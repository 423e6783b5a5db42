"""Small helpers for metadata values: ISO 8601 dates, author lists, language codes, URLs."""

from __future__ import annotations

import email.utils
import re
from datetime import date, datetime
from typing import Final

_LANGUAGE: Final = re.compile(r"^([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*$")
_WEB_URL: Final = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f\"'<>`\\]+", re.IGNORECASE)
MAX_URL_CHARS: Final = 2_048


def web_url(raw: str | None) -> str | None:
    """``raw`` when it is an http(s) URL, trimmed; None for anything else (``javascript:``,
    ``data:``, ``file:``, relative paths, control characters, over 2,048 characters), so
    that no document's url is ever a script or a local file."""
    if raw is None:
        return None
    value = raw.strip()
    if len(value) > MAX_URL_CHARS or _WEB_URL.fullmatch(value) is None:
        return None
    return value


def iso_date(raw: str | None) -> str | None:
    """An ISO 8601 form of a published date, offset kept as given; None if it cannot be read.

    Accepts ISO 8601 (with ``Z``) and RFC 2822 dates (as in HTTP and RSS).
    """
    if not raw or not raw.strip():
        return None
    value = raw.strip()
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def split_authors(value: str | None) -> tuple[str, ...]:
    """Author names from a "; "-separated string, blanks and repeats dropped."""
    if not value:
        return ()
    names: list[str] = []
    for name in value.split(";"):
        name = " ".join(name.split())
        if name and name not in names:
            names.append(name)
    return tuple(names)


def language_code(value: str | None) -> str | None:
    """The ISO 639-1 code of a language tag such as ``en-GB``; None for anything else."""
    if not value:
        return None
    match = _LANGUAGE.match(value.strip())
    return match.group(1).lower() if match else None
