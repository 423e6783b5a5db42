"""Small helpers for metadata values: ISO 8601 dates, author lists, language codes, URLs."""

from __future__ import annotations

import email.utils
import re
from datetime import date, datetime, timedelta, timezone
from typing import Final

_LANGUAGE: Final = re.compile(r"^([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*$")
_WEB_URL: Final = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f\"'<>`\\]+", re.IGNORECASE)
MAX_URL_CHARS: Final = 2_048
_HAS_OFFSET: Final = re.compile(r"T.*[+-]\d\d:\d\d$")
_HAS_TIME: Final = re.compile(r"T\d")


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

    Accepts ISO 8601 (with ``Z``), RFC 2822 dates (as in HTTP and RSS) and dates written for
    readers (:func:`text_date`).
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
        rfc: str | None = email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        rfc = None
    # The RFC 2822 reader is lenient: it takes "7:05 pm" for 07:05 and drops zones it does not
    # know ("CET"), so the reading for people wins unless it lacks what the RFC one has.
    readings = [r for r in (text_date(value), rfc) if r is not None]
    for has in (_HAS_OFFSET, _HAS_TIME):
        for reading in readings:
            if has.search(reading):
                return reading
    return readings[0] if readings else None


_MONTHS: Final = {
    name: number
    for number, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ),
        start=1,
    )
    for name in names.split()
}
_MONTH: Final = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY: Final = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR: Final = r"(?P<year>(?:19|20)\d\d)"
_TEXT_DATES: Final = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),  # March 5, 2024
    re.compile(rf"\b{_DAY}\.?\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),  # 5 March 2024
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)\b"),
)
# Abbreviations of time zones in news bylines, with their offsets in hours. Ambiguous ones
# ("IST": India, Ireland or Israel; "CST": also China) are read as the common news meaning or
# left out.
ZONE_OFFSETS: Final = {
    "utc": 0.0,
    "gmt": 0.0,
    "z": 0.0,
    "wet": 0.0,
    "bst": 1.0,
    "west": 1.0,
    "cet": 1.0,
    "cest": 2.0,
    "eet": 2.0,
    "eest": 3.0,
    "msk": 3.0,
    "est": -5.0,
    "edt": -4.0,
    "cst": -6.0,
    "cdt": -5.0,
    "mst": -7.0,
    "mdt": -6.0,
    "pst": -8.0,
    "pdt": -7.0,
    "akst": -9.0,
    "akdt": -8.0,
    "hst": -10.0,
    "jst": 9.0,
    "kst": 9.0,
    "aest": 10.0,
    "aedt": 11.0,
}
_TIME: Final = re.compile(
    r"(?<![\d:])(?P<hour>[0-2]?\d)(?:[:.](?P<minute>[0-5]\d))?(?::(?P<second>[0-5]\d))?"
    r"(?:\s*(?P<half>[ap])\.?\s?m\b\.?)?"
    r"(?:\s*(?:(?:utc|gmt)?\s*(?P<offset>[+-]\d{1,2}(?::?\d\d)?)\b|(?P<zone>[A-Za-z]{1,5}\b)))?",
    re.IGNORECASE,
)


def _offset(zone: str | None, offset: str | None) -> timezone | None:
    if zone:
        hours = ZONE_OFFSETS.get(zone.lower())
        return None if hours is None else timezone(timedelta(hours=hours))
    if offset:
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        hours, minutes = int(digits[:-2] or digits), int(digits[-2:]) if len(digits) > 2 else 0
        if hours > 14 or minutes > 59:
            return None
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    return None


def _clock(text: str) -> tuple[int, int, int, timezone | None] | None:
    """The first time of day in ``text``: hours, minutes, seconds and its zone if named.

    "7:05 pm EST" is 19:05 at -05:00, "12:30 a.m." is 00:30; a bare number counts only with
    "am" or "pm" ("7 pm")."""
    for match in _TIME.finditer(text):
        hour, half = int(match["hour"]), (match["half"] or "").lower()
        if match["minute"] is None and not half:
            continue
        if half:
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if half == "p" else 0)
        elif hour > 23:
            continue
        zone = match["zone"]
        zone = zone if zone and zone.lower() in ZONE_OFFSETS else None
        tz = _offset(zone, match["offset"])
        return hour, int(match["minute"] or 0), int(match["second"] or 0), tz
    return None


def text_date(raw: str | None) -> str | None:
    """A date written for readers ("Tuesday, March 5, 2024 at 7:05 pm EST", "5 March 2024
    19:05 CET") in ISO 8601: the date, the time when one is given (12-hour times read as such),
    and the offset when the zone is named or written; None when no date is found."""
    if not raw:
        return None
    for pattern in _TEXT_DATES:
        found = pattern.search(raw)
        if found is None:
            continue
        month_text = found["month"].lower().rstrip(".")
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text, 0)
        try:
            day = date(int(found["year"]), month, int(found["day"]))
        except ValueError:
            continue
        rest = raw[: found.start()] + " " + raw[found.end() :]
        clock = _clock(rest)
        if clock is None:
            return day.isoformat()
        hour, minute, second, tz = clock
        return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz).isoformat()
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


# A byline's text around its names: "By", "Words by", a role after a comma, a date after a bar.
_BY: Final = re.compile(
    r"^\s*(?:(?:(?:written|words|story|text|reporting|posted|published)\s+)?by\b"
    r"|текст\b|автор\b|автори\b)\s*:?\s*",
    re.IGNORECASE,
)
# Letters after a name ("Rachael Link, MS, RD"), read after a comma as if they were a name.
_POST_NOMINALS: Final = frozenset(
    {"phd", "md", "ms", "msc", "ma", "mba", "mph", "rd", "rn", "dds", "jd", "llm", "bsc", "ba"}
    | {"jr", "sr", "ii", "iii", "esq", "cpa", "frcp", "obe", "mbe", "cbe"}
)
_CAPITALS: Final = re.compile(r"[A-Z]{1,4}")
# Lower-case words that belong inside names ("Ana de la Cruz", "Jan van Dijk").
_PARTICLES: Final = frozenset(
    {"de", "da", "das", "do", "dos", "del", "della", "di", "du", "la", "le", "van", "von", "der"}
    | {"den", "ter", "ten", "zu", "bin", "ibn", "al", "el", "y", "e"}
)
_BYLINE_END: Final = re.compile(
    r"\s*(?:[|•·—–]|\s-\s|\n|\b(?:updated|published|posted|on|at)\b\s|\d"
    r"|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    rf"|\b{_MONTH}\s+\d).*$",
    re.IGNORECASE | re.DOTALL,
)
_NAME_SPLIT: Final = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bwith\b)\s*", re.IGNORECASE)
_ROLE_WORDS: Final = frozenset(
    {
        "writer",
        "reporter",
        "correspondent",
        "editor",
        "staff",
        "contributor",
        "columnist",
        "news",
        "desk",
        "bureau",
        "photographer",
        "reporters",
        "writers",
        "team",
        "agency",
    }
)
MAX_NAME_CHARS: Final = 60
MAX_NAME_WORDS: Final = 5


def byline_names(text: str | None) -> tuple[str, ...]:
    """The people a byline names: "By Mira Talvens and Oskar Lind | March 5, 2024" gives
    both names; a role ("Staff Writer"), a date or anything that does not read as a name
    (too long, a word in lower case that is no particle such as "van", digits) is left out."""
    if not text:
        return ()
    value = _BY.sub("", " ".join(text.split()))
    value = _BYLINE_END.sub("", value)
    names: list[str] = []
    for piece in _NAME_SPLIT.split(value):
        name = piece.strip(" .,:;()[]")
        words = name.split()
        if not words or len(name) > MAX_NAME_CHARS or len(words) > MAX_NAME_WORDS:
            continue
        if any(w.lower().strip(".") in _ROLE_WORDS for w in words):
            continue
        if len(words) == 1 and (
            _CAPITALS.fullmatch(name) or name.lower().replace(".", "") in _POST_NOMINALS
        ):
            continue  # "Rachael Link, MS, RD": letters after a name, or an agency's initials
        if any(ch.isdigit() for ch in name) or "@" in name or words[0].lower() == "the":
            continue
        if not all(w[0].isupper() or w in _PARTICLES for w in words) or not words[0][0].isupper():
            continue  # a phrase, not a name
        if name not in names:
            names.append(name)
    return tuple(names)
