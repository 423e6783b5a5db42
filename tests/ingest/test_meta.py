"""Metadata values: titles without the site's name, authors who are people."""

from __future__ import annotations

import pytest

from spinscope.ingest.html import read_html
from spinscope.ingest.meta import byline_names, clean_authors, iso_date, title_without_site


@pytest.mark.parametrize(
    ("title", "site", "host", "expected"),
    [
        (
            "Ferry costs rise again - Harbour Courier",
            "Harbour Courier",
            None,
            "Ferry costs rise again",
        ),
        (
            "Ferry costs rise again | harbourcourier.example",
            None,
            "www.harbourcourier.example",
            "Ferry costs rise again",
        ),
        (
            "Harbour Courier — Ferry costs rise again",
            "Harbour Courier",
            None,
            "Ferry costs rise again",
        ),
        (
            "Quay tolls: the board decides | Courier",
            "Harbour Courier",
            None,
            "Quay tolls: the board decides | Courier",
        ),
        ("Tolls - Part 2 - a long read", "Harbour Courier", None, "Tolls - Part 2 - a long read"),
        ("Harbour Courier", "Harbour Courier", None, "Harbour Courier"),
        ("Ferry costs rise again", None, None, "Ferry costs rise again"),
        (
            "Ferry costs rise again · Port Ellery Times Online",
            "Port Ellery Times",
            None,
            "Ferry costs rise again",
        ),
    ],
)
def test_title_without_site(title: str, site: str | None, host: str | None, expected: str) -> None:
    assert title_without_site(title, site=site, host=host) == expected


def test_authors_who_name_no_one_are_dropped() -> None:
    names = (
        "admin",
        "Mira Talvens November 18, 2019",
        "Harbour Courier News",
        "Oskar Lind",
        "Oskar Lind",
        "2019",
    )
    kept = clean_authors(names, site="Harbour Courier", host="harbourcourier.example")
    assert kept == ("Mira Talvens", "Oskar Lind")
    assert clean_authors(("Staff",), site=None, host=None) == ()
    people = ("May Anders", "Theresa May", "June Carter", "Ola Nov")
    assert clean_authors(people, site=None, host=None) == people
    dated = ("Ida Berg November", "Ida Berg Nov. 18", "Ida Berg May 2, 2021", "Ida Berg June 2021")
    assert clean_authors(dated, site=None, host=None) == ("Ida Berg",)


def test_a_page_title_and_meta_author_are_cleaned() -> None:
    page = """<html><head><title>Quay tolls rise for the third time - Harbour Courier</title>
<meta property="og:site_name" content="Harbour Courier"><meta name="author" content="admin">
</head><body><article><h1>Quay tolls rise for the third time</h1>
<p>The harbour board of Port Ellery raised the quay tolls again on Monday, the third rise this
year, and fishermen said they would take the board to court over the cost.</p>
<p>The board said the money would pay for the new breakwater and the dredging of the channel.</p>
</article></body></html>"""
    document = read_html(page, source="quay.html", url="https://harbourcourier.example/tolls")
    assert document.meta.title == "Quay tolls rise for the third time"
    assert document.meta.authors == ()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Tuesday, March 5, 2024 at 7:05 pm EST", "2024-03-05T19:05:00-05:00"),
        ("Mar. 5, 2024, 12:30 a.m. PDT", "2024-03-05T00:30:00-07:00"),
        ("Updated 12:10 PM GMT, 5 March 2024", "2024-03-05T12:10:00+00:00"),
        ("5 March 2024 19:05 CET", "2024-03-05T19:05:00+01:00"),
        ("5th March 2024, 10:15 UTC+2", "2024-03-05T10:15:00+02:00"),
        ("March 5, 2024 7 pm", "2024-03-05T19:00:00"),
        ("March 5, 2024 19:05 ET", "2024-03-05T19:05:00"),  # ET names no one offset
        ("March 5, 2024", "2024-03-05"),
        ("2024-03-05 07:05 PM", "2024-03-05T19:05:00"),
        ("Tue, 05 Mar 2024 19:05:00 -0500", "2024-03-05T19:05:00-05:00"),
        ("2024-03-05T19:05:00-0500", "2024-03-05T19:05:00-05:00"),
        ("February 30, 2024", None),
        ("yesterday", None),
    ],
)
def test_dates_written_for_readers(raw: str, expected: str | None) -> None:
    assert iso_date(raw) == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("By Mira Talvens and Oskar Lind | March 5, 2024", ("Mira Talvens", "Oskar Lind")),
        ("Written by Ida Berg, Lena Brask & Ola Nord", ("Ida Berg", "Lena Brask", "Ola Nord")),
        ("BY TOVA RINN", ("TOVA RINN",)),
        ("Ana de la Cruz and Jan van Dijk", ("Ana de la Cruz", "Jan van Dijk")),
        ("The Harbour and Quay ministries", ()),
        ("Текст: Ирина Волкова", ("Ирина Волкова",)),
        ("By", ()),
        ("Pell Anders, Harbour Correspondent", ("Pell Anders",)),
        ("By Ida Berg Updated 7:05 pm", ("Ida Berg",)),
        ("by the Ostrel Ledger news desk", ()),
        ("Ida Berg has covered the port of Ostrel for twenty years and lives by the quay", ()),
        ("", ()),
    ],
)
def test_names_in_a_byline(text: str, names: tuple[str, ...]) -> None:
    assert byline_names(text) == names


def test_a_date_after_a_name_is_not_a_name() -> None:
    assert byline_names("Jeff Ormand Monday, November 18, 2019") == ("Jeff Ormand",)
    assert byline_names("NOVEMBER 20, 2019") == ()
    assert byline_names("Ida Berg Nov. 18") == ("Ida Berg",)
    assert byline_names("June Carter") == ("June Carter",)
