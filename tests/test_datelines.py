"""Dateline parsing: relative forms against as_of, absolute forms to ISO 8601."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from spinscope import structure_words as sw
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


# ---------------------------------------------------------------------------------------------
# Russian, Ukrainian and Kazakh

AS_OF_MARCH = datetime(2025, 3, 12, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Сегодня, 18:40", "2025-03-12T18:40:00+00:00"),
        ("Сегодня в 08:05", "2025-03-12T08:05:00+00:00"),
        ("Вчера, 18:40", "2025-03-11T18:40:00+00:00"),
        ("вчера в 23:59", "2025-03-11T23:59:00+00:00"),
        ("Позавчера, 10:00", "2025-03-10T10:00:00+00:00"),
        ("Вчера, 18:40 МСК", "2025-03-11T18:40:00+03:00"),
        ("Сьогодні, 18:40", "2025-03-12T18:40:00+00:00"),
        ("Сьогодні о 9:15", "2025-03-12T09:15:00+00:00"),
        ("Вчора, 18:40", "2025-03-11T18:40:00+00:00"),
        ("Вчора об 11:00", "2025-03-11T11:00:00+00:00"),
        ("Бүгін, 10:15", "2025-03-12T10:15:00+00:00"),
        ("Кеше, 21:30", "2025-03-11T21:30:00+00:00"),
        ("5 часов назад", "2025-03-12T04:00:00+00:00"),
        ("2 часа назад", "2025-03-12T07:00:00+00:00"),
        ("1 час назад", "2025-03-12T08:00:00+00:00"),
        ("час назад", "2025-03-12T08:00:00+00:00"),
        ("15 минут назад", "2025-03-12T08:45:00+00:00"),
        ("минуту назад", "2025-03-12T08:59:00+00:00"),
        ("10 мин. назад", "2025-03-12T08:50:00+00:00"),
        ("полчаса назад", "2025-03-12T08:30:00+00:00"),
        ("две недели назад", "2025-02-26"),
        ("3 дня назад", "2025-03-09"),
        ("2 месяца назад", "2025-01-12"),
        ("3 години тому", "2025-03-12T06:00:00+00:00"),
        ("5 годин тому", "2025-03-12T04:00:00+00:00"),
        ("годину тому", "2025-03-12T08:00:00+00:00"),
        ("20 хвилин тому", "2025-03-12T08:40:00+00:00"),
        ("хвилину тому", "2025-03-12T08:59:00+00:00"),
        ("півгодини тому", "2025-03-12T08:30:00+00:00"),
        ("2 дні тому", "2025-03-10"),
        ("рік тому", "2024-03-12"),
        ("2 сағат бұрын", "2025-03-12T07:00:00+00:00"),
        ("10 минут бұрын", "2025-03-12T08:50:00+00:00"),
        ("Только что", "2025-03-12T09:00:00+00:00"),
        ("Щойно", "2025-03-12T09:00:00+00:00"),
        ("Жаңа ғана", "2025-03-12T09:00:00+00:00"),
        ("12 марта, 18:40", "2025-03-12T18:40:00+00:00"),
        ("20 марта, 10:00", "2024-03-20T10:00:00+00:00"),
        ("12 березня о 18:40", "2025-03-12T18:40:00+00:00"),
        ("18:40, 12 марта", "2025-03-12T18:40:00+00:00"),
        ("Март", "2025-03"),
        ("Декабрь", "2024-12"),
        ("березень", "2025-03"),
        ("Наурыз", "2025-03"),
    ],
)
def test_cyrillic_relative_forms_resolve_against_as_of(raw: str, expected: str) -> None:
    assert parse_dateline(raw, as_of=AS_OF_MARCH) == expected
    assert parse_dateline(raw) is None
    found = match_dateline(raw)
    assert found is not None and found.relative and found.end == len(raw)


def test_cyrillic_relative_forms_keep_the_offset_of_as_of() -> None:
    kyiv = AS_OF_MARCH.astimezone(timezone(timedelta(hours=2)))
    assert parse_dateline("Вчора, 18:40", as_of=kyiv) == "2025-03-11T18:40:00+02:00"
    assert parse_dateline("3 години тому", as_of=kyiv) == "2025-03-12T08:00:00+02:00"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12 марта 2025", "2025-03-12"),
        ("12 марта 2025 г.", "2025-03-12"),
        ("12 марта 2025 года", "2025-03-12"),
        ("12 МАРТА 2025", "2025-03-12"),
        ("1 мая 2025", "2025-05-01"),
        ("12 мар. 2025", "2025-03-12"),
        ("12 мар 2025", "2025-03-12"),
        ("Среда, 12 марта 2025", "2025-03-12"),
        ("среда, 12 марта 2025 г.", "2025-03-12"),
        ("12 березня 2025", "2025-03-12"),
        ("12 березня 2025 р.", "2025-03-12"),
        ("12 березня 2025 року", "2025-03-12"),
        ("Середа, 12 березня 2025", "2025-03-12"),
        ("12 наурыз 2025", "2025-03-12"),
        ("12 наурыз 2025 ж.", "2025-03-12"),
        ("2025 жылғы 12 наурыз", "2025-03-12"),
        ("2025 ж. 12 наурыз", "2025-03-12"),
        ("март 2025", "2025-03"),
        ("Березень 2025", "2025-03"),
        ("марте 2025 года", "2025-03"),
        ("березні 2025 року", "2025-03"),
    ],
)
def test_cyrillic_absolute_dates(raw: str, expected: str) -> None:
    assert parse_dateline(raw) == expected
    assert parse_dateline(raw, as_of=AS_OF_MARCH) == expected


@pytest.mark.parametrize(
    ("raw", "naive"),
    [
        ("12 марта 2025, 18:40", "2025-03-12T18:40:00"),
        ("12 марта 2025 в 18:40", "2025-03-12T18:40:00"),
        ("12 марта 2025 г., 18:40", "2025-03-12T18:40:00"),
        ("18:40, 12 марта 2025", "2025-03-12T18:40:00"),
        ("18:40 12 березня 2025", "2025-03-12T18:40:00"),
        ("12 березня 2025 о 18:40", "2025-03-12T18:40:00"),
        ("12 березня 2025 року, 18:40", "2025-03-12T18:40:00"),
        ("2025 жылғы 12 наурыз, 18:40", "2025-03-12T18:40:00"),
        ("12.03.2025 в 18:40", "2025-03-12T18:40:00"),
        ("12.03.2025 о 18:40", "2025-03-12T18:40:00"),
    ],
)
def test_cyrillic_dates_with_a_time_take_as_of_offset_or_none(raw: str, naive: str) -> None:
    assert parse_dateline(raw) == naive
    assert parse_dateline(raw, as_of=AS_OF_KYIV) == naive + "+03:00"
    if raw[-3] == ":":  # a zone follows the time
        assert parse_dateline(raw + " МСК", as_of=AS_OF) == naive + "+03:00"


def _month_forms() -> list[tuple[str, int]]:
    return sorted(
        (form, month)
        for table in (sw.CYRILLIC_MONTHS, sw.CYRILLIC_MONTHS_SHORT)
        for month, forms in table.items()
        for form in forms
    )


@pytest.mark.parametrize(("form", "month"), _month_forms())
def test_every_declared_month_form_reads_as_its_month(form: str, month: int) -> None:
    """Every case of every month name: Russian, Ukrainian and Kazakh, and the short forms."""
    assert parse_dateline(f"7 {form} 2025") == f"2025-{month:02d}-07"
    assert parse_dateline(f"7 {form.upper()} 2025, 18:40") == f"2025-{month:02d}-07T18:40:00"
    if form in sw.CYRILLIC_MONTHS[month]:
        assert parse_dateline(f"{form} 2025") == f"2025-{month:02d}"
    else:
        assert parse_dateline(f"7 {form}. 2025") == f"2025-{month:02d}-07"


@pytest.mark.parametrize(
    "raw",
    [
        "31 февраля 2025",
        "12 марта",
        "Вчера",
        "много лет назад",
        "часов назад",
        "25:00 вчера",
        "30 листопада 1991-го",
    ],
)
def test_unreadable_cyrillic_datelines_raise_a_coded_error(raw: str) -> None:
    with pytest.raises(InputError) as info:
        parse_dateline(raw, as_of=AS_OF_MARCH)
    assert info.value.code == "E142"


def test_search_finds_a_cyrillic_dateline_after_a_headline() -> None:
    text = "Кто заработал на водопроводе? Вчера, 18:40 Автор: Глеб Ситников"
    found = search_dateline(text, as_of=AS_OF_MARCH)
    assert found is not None and text[found.start : found.end] == "Вчера, 18:40"
    assert found.published == "2025-03-11T18:40:00+00:00"


@pytest.mark.parametrize(
    "text",
    [
        "В марте 2025 года в Стрелецке прошли выборы",
        "Что случилось 12 марта в Стрелецке",
        "Вчера министр заявил, что много лет назад всё было иначе",
        "Сегодня в Стрелецке тепло",
        "У березні 2025 року громада отримала кошти",
    ],
)
def test_search_finds_no_cyrillic_dateline_in_prose(text: str) -> None:
    assert search_dateline(text, as_of=AS_OF_MARCH) is None


def test_a_month_alone_is_read_only_on_its_own_or_before_a_byline() -> None:
    assert match_dateline("Март выдался холодным", as_of=AS_OF_MARCH) is None
    found = match_dateline("Март\nАвтор: Глеб Ситников", as_of=AS_OF_MARCH)
    assert found is not None and (found.start, found.end) == (0, 4)
    found = match_dateline("Март Автор: Глеб Ситников", as_of=AS_OF_MARCH)
    assert found is not None and found.published == "2025-03"
