"""Datelines: find a publication date in article text and turn it into ISO 8601.

Two families of forms are read, with regular expressions only (no date-guessing library):

* relative forms, as news sites print them: ``Today, 12:00``, ``Yesterday at 09:15``,
  ``3 hours ago``, ``15 minutes ago``, ``2 days ago``, ``Just now``. They are resolved against
  ``as_of``, the moment the article was read, and keep ``as_of``'s UTC offset. Without ``as_of``
  they cannot be resolved and give ``published=None``.
* absolute forms: ``April 29, 2025``, ``Apr 29, 2025, 9:15 AM``, ``Tuesday, 29 April 2025 14:30``,
  ``2025-04-29``, ``2025-04-29T12:00:00Z``, ``29.04.2025 12:00``.

The same families are read in Russian, Ukrainian and Kazakh, from the words declared in
structure_words: ``Вчера, 18:40``, ``Сьогодні о 9:15``, ``Бүгін, 10:15``, ``5 часов назад``,
``годину тому``, ``2 сағат бұрын``, ``Только что``; ``12 марта 2025``, ``12 березня 2025 року``,
``Среда, 12 марта 2025 г. в 18:40``, ``18:40, 12 марта 2025``, ``12 марта, 18:40``,
``2025 жылғы 12 наурыз``, ``12.03.2025 в 18:40``, with a month name in any grammatical case;
``март 2025`` and a month alone (``Март``, on a line of its own or before a byline) are tried
where a dateline is expected, and searched for only before a line end or a byline label.

What the ISO value holds, decided once for every form:

* a date with no time gives a date only (``2025-04-29``); so do ``Yesterday`` without a time,
  ``2 days ago`` and longer spans, where the hour is not known;
* a time gives ``YYYY-MM-DDTHH:MM:SS``; its offset is the one the text states (``Z``, ``UTC``,
  ``GMT+3``, ``+02:00``, ``CET``, ...); when the text states none it is ``as_of``'s offset, the
  same assumption the relative forms make (the page was read in the zone it was written for);
  when there is no ``as_of`` either, the time stays without an offset;
* a month and a year give ``YYYY-MM``; a month alone is the latest such month up to ``as_of``;
  a day and a month without a year (``12 марта, 18:40``) the latest such day up to ``as_of``:
  both are relative forms, unresolved without ``as_of``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Final

from spinscope import structure_cues as cues
from spinscope import structure_words as sw
from spinscope.errors import InputError

MONTHS: Final = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
# Named zones that are not ambiguous; "ET" or "CT" are left out on purpose.
ZONES: Final = {
    "utc": 0,
    "gmt": 0,
    "z": 0,
    "bst": 60,
    "cet": 60,
    "cest": 120,
    "eet": 120,
    "eest": 180,
    "msk": 180,
    "мск": 180,
    "est": -300,
    "edt": -240,
    "cst": -360,
    "cdt": -300,
    "pst": -480,
    "pdt": -420,
}
_NUMBER_WORDS: Final = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
}

_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_TIME = (
    r"(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?"
    r"(?:\s*(?P<ampm>[AaPp]\.?[Mm]\b\.?))?|\s*(?P<ampm2>[AaPp]\.?[Mm]\b\.?))"
)
_ZONE = (
    r"(?:\s*(?P<zone>Z\b|(?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}"
    r"|(?:BST|CEST|CET|EEST|EET|MSK|EST|EDT|CST|CDT|PST|PDT|МСК|мск)\b))?"
)
_AT = r"(?:\s*,\s*|\s+at\s+|\s+)"
_END = r"(?![\w:])"

_FORMS: Final = (
    (
        "day",
        re.compile(
            r"(?P<word>Today|Yesterday|today|yesterday|TODAY|YESTERDAY)"
            + _AT
            + _TIME
            + _ZONE
            + _END
        ),
    ),
    (
        "ago",
        re.compile(
            r"(?P<count>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+"
            r"(?P<unit>sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|week|month|year)s?\.?\s+ago\b",
            re.I,
        ),
    ),
    ("now", re.compile(r"[Jj]ust now\b|JUST NOW\b")),
    (
        "iso",
        re.compile(
            r"(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})"
            r"(?:[T ](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?"
            r"(?:\.\d+)?(?P<zone>Z|[+-]\d{2}:?\d{2})?)?" + _END
        ),
    ),
    (
        "mdy",
        re.compile(
            _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"
            r"(?:" + _AT + _TIME + _ZONE + r")?" + _END
        ),
    ),
    (
        "dmy",
        re.compile(
            _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})"
            r"(?:" + _AT + _TIME + _ZONE + r")?" + _END
        ),
    ),
    (
        "dotted",
        re.compile(
            r"(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>\d{4})"
            r"(?:" + _AT + _TIME + _ZONE + r")?" + _END
        ),
    ),
)


def _alternatives(forms: Iterable[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


# Russian, Ukrainian and Kazakh forms, from the words declared in structure_words.
CYRILLIC_MONTHS: Final = {
    form: number
    for table in (sw.CYRILLIC_MONTHS, sw.CYRILLIC_MONTHS_SHORT)
    for number, forms in table.items()
    for form in forms
}
_SHORT_FORMS: Final = [form for forms in sw.CYRILLIC_MONTHS_SHORT.values() for form in forms]
_FULL_FORMS: Final = [form for forms in sw.CYRILLIC_MONTHS.values() for form in forms]
_CYR_MONTH = (
    r"(?P<month>(?i:" + _alternatives(_FULL_FORMS) + r")(?![\w-])"
    r"|(?i:" + _alternatives(_SHORT_FORMS) + r")(?:\.|(?![\w-])))"
)
_CYR_WEEKDAY = r"(?:(?i:" + _alternatives(sw.CYRILLIC_WEEKDAYS) + r")\.?,?\s+)?"
_CYR_AT = r"(?:\s*,\s*|\s+)(?:(?:" + _alternatives(sw.CYRILLIC_AT) + r")\s+)?"
_CYR_YEAR = (
    r"(?P<year>\d{4})(?:\s*(?:"
    + "|".join(
        re.escape(w) + ("" if w.endswith(".") else r"(?![\w-])") for w in sw.CYRILLIC_YEAR_WORDS
    )
    + "))?"
)
_CYR_UNITS: Final = {word: unit for unit, words in sw.CYRILLIC_UNITS.items() for word in words}
_CYR_NUMBERS: Final = sw.CYRILLIC_NUMBERS
_CYR_DAY_WORDS: Final = {
    **dict.fromkeys(sw.CYRILLIC_TODAY, 0),
    **dict.fromkeys(sw.CYRILLIC_YESTERDAY, 1),
    **dict.fromkeys(sw.CYRILLIC_DAY_BEFORE_YESTERDAY, 2),
}
# A Cyrillic date does not run on into a suffix: "1991-го" is an ordinal in prose.
_CYR_END = r"(?![\w:-])"
_CYRILLIC_FORMS: Final = (
    (
        "day",
        re.compile(
            r"(?P<word>(?i:"
            + _alternatives(_CYR_DAY_WORDS)
            + r"))"
            + _CYR_AT
            + _TIME
            + _ZONE
            + _CYR_END
        ),
    ),
    (
        "ago",
        re.compile(
            r"(?:(?P<count>\d{1,3}|" + _alternatives(_CYR_NUMBERS) + r")\s+)?"
            r"(?P<unit>" + _alternatives(_CYR_UNITS) + r")\.?\s+"
            r"(?:" + _alternatives(sw.CYRILLIC_AGO) + r")(?![\w-])",
            re.I,
        ),
    ),
    ("now", re.compile(r"(?i:" + _alternatives(sw.CYRILLIC_JUST_NOW) + r")(?![\w-])")),
    (
        "dmy",
        re.compile(
            _CYR_WEEKDAY
            + r"(?P<day>\d{1,2})\s+"
            + _CYR_MONTH
            + r"(?:,?\s+"
            + _CYR_YEAR
            + r")?(?:"
            + _CYR_AT
            + _TIME
            + _ZONE
            + r")?"
            + _CYR_END
        ),
    ),
    (
        "tdmy",
        re.compile(
            r"(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)"
            + _ZONE
            + r"\s*[,|/•]?\s*"
            + _CYR_WEEKDAY
            + r"(?P<day>\d{1,2})\s+"
            + _CYR_MONTH
            + r"(?:,?\s+"
            + _CYR_YEAR
            + r")?"
            + _CYR_END
        ),
    ),
    (
        "ydm",
        re.compile(
            r"(?P<year>\d{4})\s*(?:" + _alternatives(sw.CYRILLIC_YEAR_FIRST) + r")\s*"
            r"(?P<day>\d{1,2})\s+"
            + _CYR_MONTH
            + r"(?:"
            + _CYR_AT
            + _TIME
            + _ZONE
            + r")?"
            + _CYR_END
        ),
    ),
    (
        "dotted",
        re.compile(
            r"(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>\d{4})(?:\s*г\.)?"
            r"\s*,?\s*(?:" + _alternatives(sw.CYRILLIC_AT) + r")\s+" + _TIME + _ZONE + _CYR_END
        ),
    ),
    # Forms that open with a month name are tried where a dateline is expected (the head of
    # an article); a search finds them only before a line end or a byline, since prose is
    # full of "в марте 2025 года".
    (
        "my",
        re.compile(
            r"(?P<month>(?i:" + _alternatives(_FULL_FORMS) + r"))\s+" + _CYR_YEAR + _CYR_END
        ),
    ),
    (
        "m",
        re.compile(
            r"(?P<month>(?i:" + _alternatives(sw.CYRILLIC_MONTHS_NOMINATIVE) + r"))"
            r"(?=[ \t]*(?:\r?\n|$)|\s+" + cues.BYLINE_LABEL + r")"
        ),
    ),
)
_CYR_START = (
    r"|(?<!\w)(?i:"
    + _alternatives(
        [
            *_CYR_DAY_WORDS,
            *sw.CYRILLIC_JUST_NOW,
            *_CYR_NUMBERS,
            *sw.CYRILLIC_SINGLE_UNITS,
            *_FULL_FORMS,
        ]
    )
    + r")(?![\w-])|(?<!\w)(?i:"
    + _alternatives(sw.CYRILLIC_WEEKDAYS)
    + r")\.?,?\s"
)
_UNSEARCHED: Final = frozenset({"cyr-my", "cyr-m"})
# ... except right before the end of a line or a byline: "Заголовок март 2025 Автор: ...".
_HEAD_END: Final = re.compile(r"[ \t]*(?:\r?\n|$)|\s+" + cues.BYLINE_LABEL)
_ALL_FORMS: Final = (*_FORMS, *((f"cyr-{name}", pattern) for name, pattern in _CYRILLIC_FORMS))

# A cheap first look: where could a dateline start? Only these positions are tried.
_START = re.compile(
    r"\b(?:Today|Yesterday|today|yesterday|TODAY|YESTERDAY|[Jj]ust now|JUST NOW|\d{1,4}"
    r"|an?\s|one|two|three|four|five|six|seven|eight|nine|ten|twelve"
    r"|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)" + _CYR_START
)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A dateline found in a text: its half-open range and its ISO 8601 value.

    ``published`` is None only for a relative form read without ``as_of``.
    """

    start: int
    end: int
    published: str | None
    relative: bool


def match_dateline(
    text: str, pos: int = 0, end: int | None = None, *, as_of: datetime | None = None
) -> DateMatch | None:
    """The longest dateline that starts exactly at ``pos`` (and ends by ``end``), if any."""
    return _match(text, pos, len(text) if end is None else end, as_of, searching=False)


def _match(
    text: str, pos: int, end: int, as_of: datetime | None, *, searching: bool
) -> DateMatch | None:
    best: DateMatch | None = None
    for form, pattern in _ALL_FORMS:
        match = pattern.match(text, pos, end)
        if (
            match is not None
            and searching
            and form in _UNSEARCHED
            and not _HEAD_END.match(text, match.end(), end)
        ):
            continue
        if match is None or (best is not None and match.end() <= best.end):
            continue
        found = _resolve(form, match, as_of)
        if found is not None:
            best = found
    return best


def search_dateline(
    text: str, start: int = 0, end: int | None = None, *, as_of: datetime | None = None
) -> DateMatch | None:
    """The first dateline in ``text[start:end]``, if any."""
    end = len(text) if end is None else end
    for candidate in _START.finditer(text, start, end):
        found = _match(text, candidate.start(), end, as_of, searching=True)
        if found is not None:
            return found
    return None


def parse_dateline(raw: str, *, as_of: datetime | None = None) -> str | None:
    """The ISO 8601 value of a whole dateline string; None for a relative form without as_of.

    Raises InputError E142 when ``raw`` (stripped) is not one of the forms this module reads.
    """
    text = raw.strip()
    found = match_dateline(text, 0, len(text), as_of=as_of) if text else None
    if found is None or found.end != len(text):
        raise InputError("E142", value=raw)
    return found.published


def _resolve(form: str, match: re.Match[str], as_of: datetime | None) -> DateMatch | None:
    groups = match.groupdict()
    relative = form in {"day", "ago", "now"}
    try:
        if form.startswith("cyr-"):
            value, relative = _cyrillic(form.removeprefix("cyr-"), groups, as_of)
        elif relative:
            value = _relative(form, groups, as_of)
        else:
            value = _absolute(form, groups, as_of)
    except ValueError:  # an impossible date such as February 30, or a form read incompletely
        return None
    return DateMatch(match.start(), match.end(), value, relative)


def _cyrillic(
    form: str, groups: dict[str, str | None], as_of: datetime | None
) -> tuple[str | None, bool]:
    """The ISO value of a Russian, Ukrainian or Kazakh form, and whether as_of resolved it."""
    if form == "dotted":
        return _absolute(form, groups, as_of), False
    if form in {"day", "now", "ago"}:
        return _cyrillic_relative(form, groups, as_of), True
    month = CYRILLIC_MONTHS[(groups["month"] or "").lower().rstrip(".")]
    if form == "my":
        return f"{int(groups['year'] or 0):04d}-{month:02d}", False
    if form == "m":
        if as_of is None:
            return None, True
        return f"{as_of.year - (month > as_of.month):04d}-{month:02d}", True
    year = groups.get("year")
    if year is None and groups.get("hour") is None:
        raise ValueError("a day and a month without a year or a time")
    day = int(groups["day"] or 0)
    if year is not None:
        found = date(int(year), month, day)
    elif as_of is None:
        return None, True
    else:  # the latest such day on or before as_of
        found = date(as_of.year, month, day)
        if found > as_of.date():
            found = date(as_of.year - 1, month, day)
    if groups.get("hour") is None:
        return found.isoformat(), year is None
    zone = _zone(groups.get("zone")) or (as_of.tzinfo if as_of is not None else None)
    return datetime.combine(found, _clock(groups), tzinfo=zone).isoformat(), year is None


def _cyrillic_relative(
    form: str, groups: dict[str, str | None], as_of: datetime | None
) -> str | None:
    if form == "ago":
        word = (groups["unit"] or "").lower()
        unit = _CYR_UNITS[word]
        count_text = (groups["count"] or "").lower()
        if not count_text and word not in sw.CYRILLIC_SINGLE_UNITS:
            raise ValueError(f"{word!r} needs a count")
        count = int(count_text) if count_text.isdigit() else _CYR_NUMBERS.get(count_text, 1)
        if unit == "half-hour":
            unit, count = "minute", 30 * count
        return _relative("ago", {"count": str(count), "unit": unit}, as_of)
    if as_of is None:
        return None
    now = as_of.replace(microsecond=0)
    if form == "now":
        return now.isoformat()
    day = now.date() - timedelta(days=_CYR_DAY_WORDS[(groups["word"] or "").lower()])
    zone = _zone(groups.get("zone")) or now.tzinfo
    return datetime.combine(day, _clock(groups), tzinfo=zone).isoformat()


def _relative(form: str, groups: dict[str, str | None], as_of: datetime | None) -> str | None:
    if as_of is None:
        return None
    now = as_of.replace(microsecond=0)
    if form == "now":
        return now.isoformat()
    if form == "day":
        day = now.date()
        if (groups["word"] or "").lower() == "yesterday":
            day -= timedelta(days=1)
        clock = _clock(groups)
        zone = _zone(groups.get("zone")) or now.tzinfo
        return datetime.combine(day, clock, tzinfo=zone).isoformat()
    count_text = (groups["count"] or "").lower()
    count = int(count_text) if count_text.isdigit() else _NUMBER_WORDS[count_text]
    unit = (groups["unit"] or "").lower()
    if unit.startswith(("sec", "min", "h")):
        seconds = {"s": 1, "m": 60, "h": 3600}[unit[0]] * count
        return (now - timedelta(seconds=seconds)).isoformat()
    if unit in {"day", "week"}:
        days = count * (7 if unit == "week" else 1)
        return (now - timedelta(days=days)).date().isoformat()
    months = count * (12 if unit == "year" else 1)
    return _months_before(now.date(), months).isoformat()


def _absolute(form: str, groups: dict[str, str | None], as_of: datetime | None) -> str:
    year = int(groups["year"] or 0)
    if form in {"mdy", "dmy"}:
        month = MONTHS[(groups["month"] or "").lower().rstrip(".")]
    else:
        month = int(groups["mon"] or 0)
    day = date(year, month, int(groups["day"] or 0))
    if groups.get("hour") is None:
        return day.isoformat()
    zone = _zone(groups.get("zone")) or (as_of.tzinfo if as_of is not None else None)
    return datetime.combine(day, _clock(groups), tzinfo=zone).isoformat()


def _clock(groups: dict[str, str | None]) -> time:
    hour = int(groups["hour"] or 0)
    minute = int(groups.get("minute") or 0)
    second = int(groups.get("second") or 0)
    ampm = (groups.get("ampm") or groups.get("ampm2") or "").lower().replace(".", "")
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError(f"hour {hour} with {ampm}")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    return time(hour, minute, second)


def _zone(text: str | None) -> tzinfo | None:
    if not text:
        return None
    compact = text.replace(" ", "")
    lowered = compact.lower()
    if lowered in ZONES:
        return timezone(timedelta(minutes=ZONES[lowered]))
    offset = re.sub(r"^(?:utc|gmt)", "", lowered)
    sign = -1 if offset.startswith("-") else 1
    digits = offset[1:].replace(":", "")
    hours = int(digits[:-2] if len(digits) > 2 else digits)
    minutes = int(digits[-2:]) if len(digits) > 2 else 0
    if hours > 14 or minutes > 59:
        raise ValueError(f"offset {text}")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _months_before(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(f"no date {months} months before {day}")
