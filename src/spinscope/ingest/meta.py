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


# Names that content systems put where an author goes, and which name nobody.
_NO_AUTHOR: Final = frozenset(
    {
        "admin",
        "administrator",
        "editor",
        "editors",
        "webmaster",
        "author",
        "guest",
        "user",
        "unknown",
        "anonymous",
        "staff",
        "redaktion",
        "redacción",
        "редакция",
        "редакція",
    }
)
# A date run into a name: a month with a day or a year, or a month's full name that is not
# also a name ("Theresa May", "June Carter" stay whole).
_MONTH_TAIL: Final = re.compile(
    r"\s+(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r"(?:\s+\d{1,2}(?:,?\s+\d{4})?|,?\s+\d{4})"
    r"|january|february|march|july|september|october|november|december)$",
    re.IGNORECASE,
)
_TITLE_SEPARATORS: Final = re.compile(r"\s+(?:[|\-–—·:•»]{1,2})\s+")


def _squash(value: str) -> str:
    """Lower-case letters and digits only: how a site's name is compared with a fragment."""
    return "".join(ch for ch in value.lower() if ch.isalnum())


def _site_keys(site: str | None, host: str | None) -> set[str]:
    keys = {_squash(site)} if site else set()
    if host:
        name = host.lower().removeprefix("www.")
        keys.add(_squash(name))
        keys.add(_squash(name.rsplit(".", 1)[0]))  # "9to5mac.com" -> "9to5mac"
    return {k for k in keys if len(k) >= 3}


def _is_site(fragment: str, keys: set[str]) -> bool:
    squashed = _squash(fragment)
    return bool(squashed) and any(
        squashed == k or (squashed.startswith(k) and len(squashed) <= len(k) + 12) for k in keys
    )


def title_without_site(title: str, *, site: str | None, host: str | None) -> str:
    """``title`` without the site's name that pages append or prepend ("Ferry costs rise -
    Harbour Courier"): a first or last fragment, after a separator, that is the site's name or
    its host's. The title is kept whole when no such fragment is there or nothing would be left.
    """
    keys = _site_keys(site, host)
    separators = list(_TITLE_SEPARATORS.finditer(title))
    if not keys or not separators:
        return title
    last, first = separators[-1], separators[0]
    if _is_site(title[last.end() :], keys) and title[: last.start()].strip():
        return title[: last.start()].rstrip()
    if _is_site(title[: first.start()], keys) and title[first.end() :].strip():
        return title[first.end() :].lstrip()
    return title


def clean_authors(names: tuple[str, ...], *, site: str | None, host: str | None) -> tuple[str, ...]:
    """Author names without those that name no one: placeholders ("admin"), the site itself
    ("CNN Business" on cnn.com), and a date run into a name ("Carrie Arnold November 18")."""
    keys = _site_keys(site, host)
    kept: list[str] = []
    for name in names:
        name = _MONTH_TAIL.sub("", name).strip(" ,;|")
        if not name or name.lower() in _NO_AUTHOR or _is_site(name, keys):
            continue
        if not any(ch.isalpha() for ch in name) or name in kept:
            continue
        kept.append(name)
    return tuple(kept)
