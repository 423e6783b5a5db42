"""When a page was published: the dates its markup states, settled by htmldate's reading.

The markup's stages (:mod:`spinscope.ingest.bylines`: JSON-LD, meta tags, elements marked
``itemprop="datePublished"``, labelled date lines, ``<time>`` elements; read here) give a date
with its time and zone as the page writes them. htmldate
(:func:`page_day`, the library trafilatura uses, run on the whole page with its URL) gives the
day it reads from the page's URL, headers, visible date lines and text. The two are settled
by :func:`settle`:

* they agree, or htmldate reads nothing: the markup's date stands;
* the markup has no date: htmldate's day is the date, unless it is a bare January 1, which is
  how a year alone ("© 2016") is read, not a day the page states;
* the markup's date is stated in UTC (``Z``, ``+00:00``) and htmldate's day is where that
  instant falls in some zone from UTC-10 to UTC+14: the page's own day is htmldate's (a story
  put online at "2023-11-09T01:49:09Z" on a Californian site is the page's November 8). A
  date elsewhere in the markup on that day, written without a zone at the same minute and
  second ("2023-11-08 17:49:09"), is the same instant on the page's clock: it is taken, with
  the offset the two imply (``-08:00``);
* another published date in the markup, with its time, is on htmldate's day and is not the same
  instant: two readings against one, that date is taken (a JSON-LD ``datePublished`` of a
  first draft against the page's ``article:published_time`` and visible date).

A markup date with a zone other than UTC keeps its day unless another markup date outvotes it
(the same instant written in UTC does not), and a date without a time never overrides the
markup's choice.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import islice
from typing import Any, Final

from spinscope.ingest.blocks import collapse, local_name
from spinscope.ingest.chrome import in_chrome
from spinscope.ingest.meta import iso_date

PUBLISHED_META: Final = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "date",
)
MODIFIED_META: Final = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "dcterms.modified",
)
EARLIEST_YEAR: Final = 1900  # "0001-01-01" and kin are placeholders, not dates
MAX_TIMES: Final = 200  # <time> elements read, in page order
# The zones a page's own day is looked for in, from UTC (in minutes): Hawaii to Kiribati.
WEST_MINUTES: Final = -10 * 60
EAST_MINUTES: Final = 14 * 60
MAX_TEXT_NODES: Final = 5000  # text pieces looked at for a labelled date line, in page order
MAX_LINES: Final = 20  # labelled date lines kept
_LABELLED: Final = re.compile(
    r"(?:veröffentlicht|publiziert|erschienen|published|posted|publié|publicado|pubblicato"
    r"|datum|date)\b\s*(?:am|on|le|el|il)?\s*[:|\-–]?\s*",
    re.IGNORECASE,
)
_GERMAN_MONTHS: Final = {
    name: number
    for number, name in enumerate(
        [
            "januar",
            "februar",
            "märz",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "dezember",
        ],
        start=1,
    )
}
_NUMERIC_DAY: Final = re.compile(
    r"(?P<day>[0-3]?\d)\.\s?(?:(?P<month>[01]?\d)\.|(?P<name>[a-zä]{3,9})\s)\s?"
    r"(?P<year>(?:19|20)\d\d)\b(?:,?\s*(?:um\s*|-\s*)?(?P<hour>[0-2]?\d):(?P<minute>[0-5]\d))?",
    re.IGNORECASE,
)
# A date opens the text: a digit, after at most two words ("Tuesday, March 5", "le 5 mars")
_DATE_OPENING: Final = re.compile(r"(?:[^\W\d]+\.?,?\s+){0,2}\d")
_LOGGER: Final = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PageDate:
    """A date as the page writes it and in ISO 8601 (offset kept when the page gives one)."""

    raw: str
    iso: str

    @property
    def day(self) -> str:
        return self.iso[:10]


def page_date(raw: str | None) -> PageDate | None:
    """A date as written and in ISO 8601; None when unreadable or a placeholder (before 1900,
    or the Unix epoch itself). Besides :func:`spinscope.ingest.meta.iso_date`'s forms, a day
    written with dots and a month by number or German name ("Di., 25.01.2022 - 14:45",
    "1. Februar 2022") is read, with its time when one follows."""
    iso = iso_date(raw)
    if raw is None:
        return None
    if iso is None and (dotted := _NUMERIC_DAY.search(raw)):
        iso = _dotted_iso(dotted)
    if iso is None:
        return None
    if int(iso[:4]) < EARLIEST_YEAR or iso.startswith("1970-01-01T00:00:00"):
        return None
    return PageDate(raw.strip(), iso)


def _dotted_iso(found: re.Match[str]) -> str | None:
    month = int(found["month"]) if found["month"] else _GERMAN_MONTHS.get(found["name"].lower(), 0)
    try:
        day = date(int(found["year"]), month, int(found["day"]))
        if found["hour"] is None:
            return day.isoformat()
        return datetime(
            day.year, day.month, day.day, int(found["hour"]), int(found["minute"])
        ).isoformat()
    except ValueError:
        return None


def meta_dates(metas: dict[str, str], keys: tuple[str, ...]) -> list[PageDate]:
    """The readable dates of the meta tags named by ``keys``, in that order."""
    return [date for key in keys if (date := page_date(metas.get(key)))]


def microdata_dates(tree: Any) -> list[PageDate]:
    """The dates of elements outside chrome marked ``itemprop="datePublished"`` (a ``<p>`` or
    ``<span>`` as well as a ``<meta>`` in the body): their ``content`` or ``datetime``, else
    their text read as a date."""
    found: list[PageDate] = []
    marked = (
        e for e in tree.iter() if (e.get("itemprop") or "").strip().lower() == "datepublished"
    )
    for element in islice(marked, MAX_TIMES):
        if in_chrome(element):
            continue
        for raw in (
            element.get("content"),
            element.get("datetime"),
            collapse(element.text_content()),
        ):
            if date := page_date(raw):
                found.append(date)
                break
    return found


def _written_date(text: str) -> PageDate | None:
    """A date at the start of ``text``: "16.08.2019", "21.01.2022 - 13:30", "1. Februar 2022",
    else as :func:`page_date` reads the first 60 characters ("March 5, 2024")."""
    found = _NUMERIC_DAY.match(text)
    if found is None:
        return page_date(text[:60]) if _DATE_OPENING.match(text) else None
    iso = _dotted_iso(found)
    return PageDate(found.group(0), iso) if iso else None


def labelled_dates(tree: Any) -> list[PageDate]:
    """Dates the page shows after a label ("Veröffentlicht am 16.08.2019", "Published: March
    5, 2024", "Datum: 03.02.2022"), outside chrome, in page order; the date may follow the
    label in the next piece of text."""
    found: list[PageDate] = []
    label_only = False
    for piece in islice(tree.xpath("//body//text()"), MAX_TEXT_NODES):
        text = collapse(piece)
        if not text:
            continue
        parent = piece.getparent()
        if parent is None or (not piece.is_tail and local_name(parent) in ("script", "style")):
            label_only = False
            continue
        if label_only:
            rest, label_only = text, False
        else:
            label = _LABELLED.match(text)
            if label is None or len(text) > 80:
                continue
            rest = text[label.end() :]
            label_only = not rest
        if not rest or in_chrome(parent):
            continue
        if date := _written_date(rest):
            found.append(date)
            if len(found) >= MAX_LINES:
                break
    return found


def time_dates(tree: Any) -> list[PageDate]:
    """The dates of the ``<time>`` elements outside chrome: those marked as the publication
    date first, then all in page order; each its ``datetime``, else its text read as a date."""
    times = [t for t in islice(tree.iter("time"), MAX_TIMES) if not in_chrome(t)]
    marked = [
        t
        for t in times
        if (t.get("itemprop") or "").lower() == "datepublished" or t.get("pubdate") is not None
    ]
    found: list[PageDate] = []
    for element in marked + [t for t in times if t not in marked]:
        for raw in (element.get("datetime"), collapse(element.text_content())):
            if date := page_date(raw):
                found.append(date)
                break
    return found


def page_day(tree: Any, *, url: str | None) -> str | None:
    """The publication day htmldate reads from the page (``YYYY-MM-DD``), as trafilatura asks
    for it (the original date, extensive search); None if it reads none."""
    from htmldate import find_date

    try:
        day = find_date(tree, url=url, original_date=True, extensive_search=True)
    except Exception as exc:  # a third-party reader: on any failure the markup's date stands
        _LOGGER.debug("htmldate failed: %s", exc)
        return None
    if not isinstance(day, str) or len(day) != 10:
        return None
    try:
        return date.fromisoformat(day).isoformat()
    except ValueError:
        return None


def year_alone(iso: str) -> bool:
    """True for a bare January 1: what a reader makes of a year alone ("© 2016", "2024"),
    not a day the page states."""
    return len(iso) == 10 and iso.endswith("-01-01")


def _moment(iso: str) -> datetime | None:
    """The date and time of an ISO string that has a time; None for a bare day."""
    if "T" not in iso:
        return None
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        return None


def _in_utc(iso: str) -> datetime | None:
    moment = _moment(iso)
    offset = moment.utcoffset() if moment is not None else None
    return moment if offset is not None and not offset else None


def _reaches(moment: datetime, day: str) -> bool:
    """True when the UTC ``moment`` falls on ``day`` in a zone from UTC-10 to UTC+14."""
    west = (moment + timedelta(minutes=WEST_MINUTES)).date().isoformat()
    east = (moment + timedelta(minutes=EAST_MINUTES)).date().isoformat()
    return west <= day <= east


def _on_the_page_clock(utc: datetime, candidates: list[PageDate], day: str) -> PageDate | None:
    """A zone-less date on ``day`` at the same minute and second as the UTC instant ``utc``:
    the same instant on the page's clock, given the offset the two imply."""
    for candidate in candidates:
        local = _moment(candidate.iso)
        if local is None or local.tzinfo is not None or candidate.day != day:
            continue
        offset = local - utc.replace(tzinfo=None)
        minutes = round(offset.total_seconds() / 60)
        if offset.total_seconds() % 900 or not WEST_MINUTES <= minutes <= EAST_MINUTES:
            continue
        sign = "-" if minutes < 0 else "+"
        hours, rest = divmod(abs(minutes), 60)
        return PageDate(candidate.raw, f"{local.isoformat()}{sign}{hours:02d}:{rest:02d}")
    return None


def _instant(iso: str) -> datetime | None:
    moment = _moment(iso)
    return moment if moment is not None and moment.tzinfo is not None else None


def needs_reading(chosen: PageDate | None, candidates: list[PageDate]) -> bool:
    """Whether htmldate's reading could change the markup's date (:func:`settle`): there is
    none, it is in UTC, or another date with a time is on another day. A page whose dates all
    agree, in a zone of their own, is not read a second time."""
    if chosen is None or _in_utc(chosen.iso) is not None:
        return True
    return any(c.day != chosen.day and _moment(c.iso) is not None for c in candidates)


def settle(
    chosen: PageDate | None, candidates: list[PageDate], day: str | None
) -> tuple[PageDate | None, bool]:
    """The markup's date ``chosen`` (the first of its cascade), the other published dates
    the markup states, and htmldate's ``day``, settled (see the module's rules): the date and
    whether htmldate's reading decided it."""
    if day is None or (chosen is not None and chosen.day == day):
        return chosen, False
    if chosen is None:
        return (None, False) if year_alone(day) else (PageDate(day, day), True)
    utc = _in_utc(chosen.iso)
    if utc is not None and _reaches(utc, day):
        return _on_the_page_clock(utc, candidates, day) or PageDate(day, day), True
    own = _instant(chosen.iso)
    for candidate in candidates:
        if candidate.day != day or _moment(candidate.iso) is None:
            continue
        other = _instant(candidate.iso)
        if own is not None and other is not None and own == other:
            continue  # the same instant in another zone: the markup's zone stands
        return candidate, True
    return chosen, False
