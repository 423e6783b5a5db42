"""Metadata values: titles without the site's name, authors who are people."""

from __future__ import annotations

import pytest

from spinscope.ingest.html import read_html
from spinscope.ingest.meta import clean_authors, title_without_site


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
