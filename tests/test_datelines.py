"""Dateline parsing: relative forms against as_of, absolute forms to ISO 8601."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from spinscope.datelines import match_dateline, parse_dateline, search_dateline
from spinscope.errors import InputError

AS_OF = datetime(2025, 4, 29, 18, 0, tzinfo=UTC)
AS_OF_KYIV = datetime(2025, 4, 29, 18, 0, tzinfo=timezone(timedelta(hours=3)))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Today, 12:00", "2025-04-29T12:00:00+00:00"),
        ("Today at 9:15 pm", "2025-04-29T21:15:00+00:00"),
        ("Yesterday, 09:15", "2025-04-28T09:15:00+00:00"),
        ("yesterday 23:59", "2025-04-28T23:59:00+00:00"),
        ("3 hours ago", "2025-04-29T15:00:00+00:00"),
        ("15 minutes ago", "2025-04-29T17:45:00+00:00"),
        ("an hour ago", "2025-04-29T17:00:00+00:00"),
        ("2 days ago", "2025-04-27"),
        ("1 week ago", "2025-04-22"),
        ("2 months ago", "2025-02-28"),
        ("Just now", "2025-04-29T18:00:00+00:00"),
    ],
)
def test_relative_forms_resolve_against_as_of(raw: str, expected: str) -> None:
    assert parse_dateline(raw, as_of=AS_OF) == expected


def test_relative_forms_keep_the_offset_of_as_of() -> None:
    assert parse_dateline("Today, 12:00", as_of=AS_OF_KYIV) == "2025-04-29T12:00:00+03:00"
    assert parse_dateline("3 hours ago", as_of=AS_OF_KYIV) == "2025-04-29T15:00:00+03:00"


@pytest.mark.parametrize("raw", ["Today, 12:00", "3 hours ago", "Just now", "Yesterday, 09:15"])
def test_relative_forms_without_as_of_are_unresolved(raw: str) -> None:
    assert parse_dateline(raw) is None
    found = match_dateline(raw)
    assert found is not None and found.relative and found.end == len(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("April 29, 2025", "2025-04-29"),
        ("Apr. 29, 2025", "2025-04-29"),
        ("Tuesday, April 29, 2025", "2025-04-29"),
        ("29 April 2025", "2025-04-29"),
        ("29th April 2025", "2025-04-29"),
        ("2025-04-29", "2025-04-29"),
        ("29.04.2025", "2025-04-29"),
        ("2025-04-29T12:00:00Z", "2025-04-29T12:00:00+00:00"),
        ("2025-04-29T12:00:00+02:00", "2025-04-29T12:00:00+02:00"),
        ("29 April 2025 14:30 GMT+3", "2025-04-29T14:30:00+03:00"),
        ("Apr 29, 2025, 9:15 AM UTC", "2025-04-29T09:15:00+00:00"),
        ("April 29, 2025 at 9:15 p.m. EST", "2025-04-29T21:15:00-05:00"),
    ],
)
def test_absolute_forms(raw: str, expected: str) -> None:
    assert parse_dateline(raw) == expected
    assert parse_dateline(raw, as_of=AS_OF_KYIV) == expected  # a stated zone wins


@pytest.mark.parametrize(
    ("raw", "naive"),
    [
        ("29 April 2025 14:30", "2025-04-29T14:30:00"),
        ("29.04.2025 12:00", "2025-04-29T12:00:00"),
        ("Apr 29, 2025, 9:15 AM", "2025-04-29T09:15:00"),
        ("2025-04-29 12:00", "2025-04-29T12:00:00"),
    ],
)
def test_absolute_times_without_a_zone_take_as_of_offset_or_none(raw: str, naive: str) -> None:
    assert parse_dateline(raw) == naive
    assert parse_dateline(raw, as_of=AS_OF_KYIV) == naive + "+03:00"


@pytest.mark.parametrize(
    "raw", ["", "   ", "February 30, 2025", "Today", "next Tuesday", "29.13.2025", "25:00 today"]
)
def test_unreadable_datelines_raise_a_coded_error(raw: str) -> None:
    with pytest.raises(InputError) as info:
        parse_dateline(raw, as_of=AS_OF)
    assert info.value.code == "E142"


def test_match_and_search_give_exact_offsets() -> None:
    text = "Harbour Fund Affair Yesterday, 18:40 Author: Ivo Renssen"
    found = search_dateline(text, as_of=AS_OF)
    assert found is not None
    assert text[found.start : found.end] == "Yesterday, 18:40"
    assert found.published == "2025-04-28T18:40:00+00:00"
    assert match_dateline(text, 0) is None
    assert match_dateline(text, found.start, as_of=AS_OF) == found


def test_search_finds_nothing_in_plain_prose() -> None:
    assert search_dateline("The council met 3 times and agreed on 12 points.") is None


def test_a_date_does_not_swallow_a_following_number() -> None:
    text = "March 3, 2025 12 people were hurt"
    found = match_dateline(text)
    assert found is not None and text[found.start : found.end] == "March 3, 2025"
