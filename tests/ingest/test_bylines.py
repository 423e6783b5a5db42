"""The byline and date cascade: one test per source and per trap, on small invented pages."""

from __future__ import annotations

from typing import Any

import pytest

from spinscope.ingest import read_html
from spinscope.ingest.blocks import lxml_module
from spinscope.ingest.bylines import Byline, Stage, read_byline

BODY = """<p>The harbour board of Ostrel voted on Monday to close the old fish market by the end of
the year, after a survey found cracks in the quay wall beneath it.</p>
<p>Traders said they had not been told where they would sell their catch while a new hall is
built, and asked the board to delay the vote until the spring.</p>"""


def page(head: str = "", article: str = "", after: str = "", before: str = "") -> str:
    return (
        f"<html><head><title>Fish market to close</title>{head}</head><body>{before}"
        f"<article><h1>Fish market to close</h1>{article}{BODY}</article>{after}</body></html>"
    )


def byline_of(markup: str) -> Byline:
    tree = lxml_module("html").document_fromstring(markup)
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").lower()
        if key and meta.get("content"):
            metas.setdefault(key, meta.get("content"))
    return read_byline(tree, metas)


def json_ld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


GRAPH = json_ld(
    """{"@context": "https://schema.org", "@graph": [
      {"@type": "WebSite", "@id": "#site", "name": "Ostrel Ledger"},
      {"@type": "Person", "@id": "#mira", "name": "Mira Talvens"},
      {"@type": "NewsArticle", "headline": "Fish market to close",
       "author": [{"@id": "#mira"}, {"@type": "Organization", "name": "Quayside Wire"}],
       "datePublished": "2024-03-05T19:05:00-05:00", "dateModified": "2024-03-06T08:00:00Z"}]}"""
)


def test_json_ld_authors_by_id_and_organisations_and_dates() -> None:
    found = byline_of(page(head=GRAPH))
    assert found.authors is not None and found.authors.stage is Stage.JSON_LD
    assert found.authors.value == ("Mira Talvens", "Quayside Wire")
    assert found.published is not None and found.published.stage is Stage.JSON_LD
    assert found.published.value.iso == "2024-03-05T19:05:00-05:00"
    assert found.modified is not None and found.modified.value.iso == "2024-03-06T08:00:00+00:00"
    assert found.stages() == {"authors": "json-ld", "published": "json-ld", "modified": "json-ld"}
    document = read_html(page(head=GRAPH), source="ledger.html")
    assert document.meta.authors == ("Mira Talvens", "Quayside Wire")
    assert document.meta.published == "2024-03-05T19:05:00-05:00"


def test_json_ld_person_given_and_family_name() -> None:
    data = json_ld(
        '{"@type": "BlogPosting", "author": {"@type": "Person", "givenName": "Ilse",'
        ' "familyName": "Varrow"}}'
    )
    found = byline_of(page(head=data))
    assert found.authors is not None and found.authors.value == ("Ilse Varrow",)


def test_a_related_storys_json_ld_date_does_not_win() -> None:
    related = json_ld(
        """{"@type": "ItemList", "itemListElement": [{"@type": "ListItem", "item":
        {"@type": "NewsArticle", "datePublished": "2019-01-01T00:00:00Z",
         "author": {"@type": "Person", "name": "Oskar Lind"}}}]}"""
    )
    own = json_ld('{"@type": "NewsArticle", "datePublished": "2024-03-05T09:30:00+01:00"}')
    found = byline_of(page(head=related + own))
    assert found.published is not None and found.published.value.raw == "2024-03-05T09:30:00+01:00"
    assert found.authors is None  # the listed story's author is not this page's


def test_meta_author_and_published_time_keep_the_zone() -> None:
    head = (
        '<meta name="author" content="Mira Talvens">'
        '<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">'
        '<meta property="article:modified_time" content="2024-03-05T11:00:00+01:00">'
    )
    found = byline_of(page(head=head))
    assert found.stages() == {"authors": "meta", "published": "meta", "modified": "meta"}
    assert found.published is not None and found.published.value.iso.endswith("+01:00")


def test_a_profile_url_in_meta_author_is_no_name() -> None:
    head = '<meta property="article:author" content="https://social.example/mira">'
    assert byline_of(page(head=head)).authors is None


def test_rel_author_link() -> None:
    article = '<p>By <a rel="author" href="/people/oskar-lind">Oskar Lind</a></p>'
    found = byline_of(page(article=article))
    assert found.authors is not None and found.authors.stage is Stage.REL_AUTHOR
    assert found.authors.value == ("Oskar Lind",)


def test_a_rel_author_in_the_comments_does_not_win() -> None:
    comments = (
        '<section id="comments"><div class="comment"><a rel="author" href="/u/7">Pell Anders</a>'
        "<p>Shame about the market, I bought my herring there for years.</p></div></section>"
    )
    before = '<div class="comment-list"><a rel="author" href="/u/9">Tova Rinn</a> wrote first</div>'
    article = '<p class="meta">By <a rel="author" href="/people/mira">Mira Talvens</a></p>'
    found = byline_of(page(before=before, article=article, after=comments))
    assert found.authors is not None and found.authors.value == ("Mira Talvens",)
    alone = byline_of(page(after=comments))
    assert alone.authors is None


@pytest.mark.parametrize(
    ("markup", "names"),
    [
        (
            '<p class="byline">By Ida Berg and Ola Nord | March 5, 2024</p>',
            ("Ida Berg", "Ola Nord"),
        ),
        ('<div class="article-author">BY IDA BERG</div>', ("IDA BERG",)),
        ('<span class="author-name">Ida Berg, Staff Writer</span>', ("Ida Berg",)),
        (
            '<div itemprop="author" itemscope><img src="/a.jpg"><span itemprop="name">Ola Nord'
            "</span><span>Ola covers the harbour.</span></div>",
            ("Ola Nord",),
        ),
    ],
)
def test_byline_by_class_or_itemprop(markup: str, names: tuple[str, ...]) -> None:
    found = byline_of(page(article=markup))
    assert found.authors is not None and found.authors.stage is Stage.BYLINE_MARKUP
    assert found.authors.value == names


def test_an_author_bio_box_and_a_photo_credit_are_no_byline() -> None:
    article = (
        '<div class="author-bio">Writes about Ostrel since 2001.</div>'
        '<figure><img src="/m.jpg"><span class="author">Tova Rinn</span></figure>'
    )
    assert byline_of(page(article=article)).authors is None


def test_time_element_datetime_and_its_text_with_a_12_hour_clock() -> None:
    with_attr = '<time datetime="2024-03-05T19:05:00-05:00">March 5</time>'
    found = byline_of(page(article=with_attr))
    assert found.published is not None and found.published.stage is Stage.TIME_ELEMENT
    assert found.published.value.iso == "2024-03-05T19:05:00-05:00"
    text_only = "<p>Updated <time>Tuesday, March 5, 2024, 7:05 pm EST</time></p>"
    found = byline_of(page(article=text_only))
    assert found.published is not None
    assert found.published.value.iso == "2024-03-05T19:05:00-05:00"
    assert found.published.value.raw == "Tuesday, March 5, 2024, 7:05 pm EST"


def test_a_date_in_a_related_articles_block_does_not_win() -> None:
    related = (
        '<div class="related-articles"><h3>Related</h3><ul><li><a href="/old">Quay wall '
        'cracks</a> <time datetime="2019-06-01T10:00:00Z">1 June 2019</time></li></ul></div>'
    )
    most_read = '<aside><time datetime="2020-01-01">1 Jan 2020</time></aside>'
    article = '<p><time datetime="2024-03-05T09:30:00+01:00">5 March 2024</time></p>'
    found = byline_of(page(before=related + most_read, article=article))
    assert found.published is not None
    assert found.published.value.iso == "2024-03-05T09:30:00+01:00"
    document = read_html(page(before=related + most_read, article=article), source="p.html")
    assert document.meta.published == "2024-03-05T09:30:00+01:00"


def test_each_stage_fills_only_an_empty_field() -> None:
    head = GRAPH + '<meta name="author" content="Oskar Lind">'
    article = '<p class="byline">By Tova Rinn</p><time datetime="2020-01-01">then</time>'
    found = byline_of(page(head=head, article=article))
    assert found.authors is not None and found.authors.value[0] == "Mira Talvens"
    assert found.published is not None and found.published.stage is Stage.JSON_LD


def test_the_extractor_is_the_last_stage() -> None:
    tree: Any = lxml_module("html").document_fromstring(page())
    found = read_byline(tree, {}, extracted_author="Ola Nord", extracted_date="2024-03-05")
    assert found.stages() == {"authors": "extractor", "published": "extractor"}


def test_hostile_json_ld_is_ignored() -> None:
    deep = json_ld("[" * 5000 + "]" * 5000)
    broken = json_ld('{"@type": "NewsArticle", "author": ')
    odd = json_ld('{"@type": ["NewsArticle"], "author": 7, "datePublished": ["2024"]}')
    found = byline_of(page(head=deep + broken + odd))
    assert found.authors is None and found.published is None


def test_a_byline_in_pieces_stops_at_its_date() -> None:
    article = (
        '<div class="byline-section"><span>By Ida Berg and Ola Nord</span><span>OSTREL LEDGER'
        "</span><span>Published 7:07 PM EST Nov 19, 2024</span><span>Tova Rinn</span></div>"
    )
    found = byline_of(page(article=article))
    assert found.authors is not None
    assert found.authors.value == ("Ida Berg", "Ola Nord", "OSTREL LEDGER")
    document = read_html(
        page(head='<meta property="og:site_name" content="Ostrel Ledger">', article=article),
        source="p.html",
    )
    assert document.meta.authors == ("Ida Berg", "Ola Nord")  # the outlet is no author


def test_who_said_a_quotation_is_no_byline() -> None:
    article = (
        '<blockquote><p>We will rebuild.</p><span class="byline">Pell Anders</span></blockquote>'
        '<div class="statement-author">The Harbour Board</div>'
    )
    assert byline_of(page(article=article)).authors is None


def test_placeholder_dates_are_no_dates() -> None:
    data = json_ld('{"@type": "NewsArticle", "datePublished": "0001-01-01T00:00:00Z"}')
    head = data + '<meta property="article:published_time" content="1970-01-01T00:00:00Z">'
    found = byline_of(page(head=head, article='<time datetime="2024-03-05">5 March</time>'))
    assert found.published is not None and found.published.stage is Stage.TIME_ELEMENT


def test_a_visible_by_line_with_linked_names_below_the_headline() -> None:
    article = (
        '<p class="article__meta">By <a href="/staff/ida-berg/">Ida Berg</a>, '
        '<a href="/staff/ola-nord/">Ola Nord</a> on Monday, March 4th, 2024 at 11:04 a.m.</p>'
    )
    found = byline_of(page(article=article))
    assert found.authors is not None and found.authors.stage is Stage.BYLINE_TEXT
    assert found.authors.value == ("Ida Berg", "Ola Nord")
    written = '<div class="c12r">Written by <a href="/team">Tova Rinn, MS, RD</a> on May 2</div>'
    found = byline_of(page(article=written))
    assert found.authors is not None and found.authors.value == ("Tova Rinn",)


@pytest.mark.parametrize(
    "article",
    [
        # a sentence that opens with "By": no linked name, no byline
        "<p>By Monday, the board had voted to close the market.</p>",
        # linked, but a paragraph of running text, not a short line
        "<p>By <a href='/x'>Ida Berg</a>'s account the vote was rushed, and the traders who "
        "came to the hall on Monday evening were told to wait outside until the board had "
        "finished counting the votes, which took until midnight.</p>",
    ],
)
def test_no_visible_byline_from_running_text(article: str) -> None:
    assert byline_of(page(article=article)).authors is None
    # above the headline: a related story's line
    above = '<p>By <a href="/staff/ida">Ida Berg</a></p>'
    assert byline_of(page(before=above)).authors is None


def test_a_stage_naming_only_the_site_gives_way_to_the_next() -> None:
    head = json_ld(
        '{"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Ostrel Ledger"}}'
    )
    article = '<p class="byline">By Tova Rinn</p>'
    markup = page(
        head=head + '<meta property="og:site_name" content="Ostrel Ledger">', article=article
    )
    document = read_html(markup, source="page.html")
    assert document.meta.authors == ("Tova Rinn",)
