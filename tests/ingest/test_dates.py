"""Publication dates settled with htmldate's reading: one test per rule, on invented pages."""

from __future__ import annotations

import pytest

from spinscope.ingest import read_html
from spinscope.ingest.blocks import lxml_module
from spinscope.ingest.bylines import Stage
from spinscope.ingest.dates import (
    PageDate,
    labelled_dates,
    microdata_dates,
    needs_reading,
    page_date,
    page_day,
    settle,
)
from tests.ingest.test_bylines import byline_of, json_ld, page


def date_of(raw: str) -> PageDate:
    found = page_date(raw)
    assert found is not None
    return found


def test_agreement_and_silence_keep_the_markups_date() -> None:
    chosen = date_of("2024-03-05T19:05:00-05:00")
    assert settle(chosen, [chosen], "2024-03-05") == (chosen, False)
    assert settle(chosen, [chosen], None) == (chosen, False)
    assert settle(None, [], None) == (None, False)


def test_with_no_markup_date_htmldates_day_is_the_date() -> None:
    assert settle(None, [], "2024-03-05") == (PageDate("2024-03-05", "2024-03-05"), True)


def test_a_bare_january_first_alone_is_a_year_not_a_day() -> None:
    assert settle(None, [], "2016-01-01") == (None, False)


def test_a_utc_instant_falls_on_the_pages_own_day() -> None:
    utc = date_of("2024-03-06T01:49:09Z")
    local = date_of("2024-03-05 17:49:09")  # the same instant on the page's clock
    chosen, settled = settle(utc, [utc, local], "2024-03-05")
    assert settled and chosen == PageDate("2024-03-05 17:49:09", "2024-03-05T17:49:09-08:00")
    # no reading on the page's clock: the day alone
    assert settle(utc, [utc], "2024-03-05") == (PageDate("2024-03-05", "2024-03-05"), True)
    # a day no zone from UTC-10 to UTC+14 reaches is not the instant's day
    late = date_of("2024-03-06T11:00:00Z")
    assert settle(late, [late], "2024-03-05") == (late, False)


def test_a_date_in_its_own_zone_stays_on_its_day() -> None:
    chosen = date_of("2024-03-06T01:59:50+02:00")
    same_instant = date_of("2024-03-05T23:59:50+00:00")
    assert settle(chosen, [chosen, same_instant], "2024-03-05") == (chosen, False)
    bare = date_of("2024-03-05")
    assert settle(chosen, [chosen, bare], "2024-03-05") == (chosen, False)


def test_two_readings_against_one() -> None:
    draft = date_of("2024-02-20T10:00:00+01:00")
    shown = date_of("2024-03-05T09:30:00+01:00")
    assert settle(draft, [draft, shown], "2024-03-05") == (shown, True)
    assert settle(draft, [draft], "2024-03-05") == (draft, False)  # htmldate alone


def test_microdata_on_a_visible_element() -> None:
    article = '<p class="date" itemprop="datePublished" content="2024-03-05 10:31:00">March</p>'
    found = byline_of(page(article=article))
    assert found.published is not None and found.published.stage is Stage.MICRODATA
    assert found.published.value.iso == "2024-03-05T10:31:00"
    chrome = '<div class="comments"><span itemprop="datePublished">5 March 2024</span></div>'
    tree = lxml_module("html").document_fromstring(page(after=chrome))
    assert microdata_dates(tree) == []


def test_htmldate_reads_a_page_with_no_date_markup() -> None:
    markup = page(article='<p class="date">5 March 2024</p>')
    tree = lxml_module("html").document_fromstring(markup)
    assert page_day(tree, url=None) == "2024-03-05"
    found = byline_of(markup)
    assert found.published is not None and found.published.stage is Stage.HTMLDATE
    url = "https://ledger.example/2024/03/05/fish-market-to-close/"
    document = read_html(page(), source="p.html", url=url)
    assert document.meta.published == "2024-03-05"


@pytest.mark.parametrize("footer", ["<footer>© 2016 Ostrel Ledger</footer>", ""])
def test_a_copyright_year_is_no_publication_date(footer: str) -> None:
    document = read_html(page(after=footer), source="p.html")
    assert document.meta.published is None


def test_a_utc_date_in_json_ld_takes_the_day_of_the_pages_clock() -> None:
    data = json_ld('{"@type": "NewsArticle", "datePublished": "2024-03-06T01:49:09Z"}')
    local = '<meta name="sailthru.date" content="2024-03-05 17:49:09">'
    found = byline_of(page(head=data + local))
    assert found.published is not None and found.published.stage is Stage.HTMLDATE
    assert found.published.value.iso == "2024-03-05T17:49:09-08:00"


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("<p>Veröffentlicht am 16.08.2023<br>Dauer: 1 Stunde</p>", "2023-08-16"),
        ('<h5 class="title-inline">Datum: </h5>03.02.2022', "2022-02-03"),
        ("<span>Published: March 5, 2024, 7:05 pm EST</span>", "2024-03-05T19:05:00-05:00"),
        ("<p>Publié le 1. Februar 2022 um 14:30</p>", "2022-02-01T14:30:00"),
    ],
)
def test_a_labelled_date_line(line: str, iso: str) -> None:
    comment = '<div class="comments"><p>Veröffentlicht am 24.08.2023</p></div>'
    found = byline_of(page(article=line, after=comment))
    assert found.published is not None and found.published.stage is Stage.DATE_LINE
    assert found.published.value.iso == iso


def test_a_comments_labelled_date_and_a_label_word_in_a_sentence_are_no_date_lines() -> None:
    comment = '<div class="comments"><p>Veröffentlicht am 24.08.2023</p></div>'
    tree = lxml_module("html").document_fromstring(page(after=comment))
    assert labelled_dates(tree) == []
    sentence = "<p>Date night at the fish market is on 5 March 2024.</p>"
    tree = lxml_module("html").document_fromstring(page(article=sentence))
    assert labelled_dates(tree) == []


def test_dotted_days_with_a_month_number_or_german_name() -> None:
    assert date_of("Di., 25.01.2022 - 14:45").iso == "2022-01-25T14:45:00"
    assert date_of("1. Februar 2022").iso == "2022-02-01"
    assert page_date("31.02.2022") is None


def test_htmldate_reads_the_page_only_when_its_day_could_change_the_date() -> None:
    own_zone = date_of("2024-03-05T19:05:00-05:00")
    assert not needs_reading(own_zone, [own_zone, date_of("2024-03-05")])
    assert needs_reading(own_zone, [own_zone, date_of("2024-02-20T10:00:00+01:00")])
    assert needs_reading(date_of("2024-03-06T01:49:09Z"), [])
    assert needs_reading(None, [])
