from __future__ import annotations

import pytest

from spinscope.document import Document, Skipped
from spinscope.errors import InputError
from spinscope.ingest import read_bytes, read_feed
from spinscope.ingest.feeds import feed_items
from tests.ingest.pages import ATOM_FEED, BROKEN_FEED, EMPTY_FEED, RDF_FEED, RSS_FEED


def test_rss_items_become_documents() -> None:
    documents = read_feed(RSS_FEED.encode(), source="courier.rss")
    assert [d.meta.source for d in documents] == ["courier.rss#1", "courier.rss#3"]
    first = documents[0]
    assert first.text == (
        "Harbour tolls rise again\n\n"
        "Tolls for cargo ships will rise by twelve percent, the third increase.\n\n"
        "Firms object\n\n"
        "Shipping firms said they were not consulted."
    )
    meta = first.meta
    assert meta.title == "Harbour tolls rise again"
    assert meta.authors == ("Mira Talvens",)
    assert meta.published == "2024-03-05T08:30:00+00:00"
    assert meta.published_raw == "Tue, 05 Mar 2024 09:30:00 +0100"
    assert meta.url == "https://courier.example.org/news/harbour-tolls"
    assert meta.site == "The Valdoria Courier"
    assert meta.language == "en"
    assert [(p.kind, first.part_text(p)) for p in first.parts] == [
        ("title", "Harbour tolls rise again"),
        ("heading", "Firms object"),
    ]
    assert [(first.text[k.start : k.end], k.url) for k in first.links] == [
        ("third increase", "https://courier.example.org/notice")
    ]
    assert documents[1].text == "Ferry runs late\n\nThe morning ferry left forty minutes late."


def test_item_without_text_is_skipped_with_its_own_source() -> None:
    items = feed_items(RSS_FEED.encode(), source="courier.rss")
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [(s.source, s.code) for s in skipped] == [("courier.rss#2", "E101")]


def test_atom_and_rss1() -> None:
    (atom,) = read_feed(ATOM_FEED.encode(), source="post.atom")
    assert atom.text == "Bridge closed for repairs\n\nThe old bridge will close for two weeks."
    assert atom.meta.authors == ("Halvard Renn",)
    assert atom.meta.published == "2024-06-01T18:00:00+00:00"
    assert atom.meta.site == "Ostrel Evening Post"
    (rdf,) = read_feed(RDF_FEED.encode(), source="digest.rdf")
    assert rdf.text.startswith("Reed harvest starts\n\nCutters began the reed harvest")
    assert rdf.meta.url == "https://digest.example.com/1"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (EMPTY_FEED, "E107"),
        (BROKEN_FEED, "E111"),
        ("<note><to>Mira</to></note>", "E111"),
        ("just some words, not XML", "E111"),
    ],
)
def test_bad_feeds(data: str, code: str) -> None:
    with pytest.raises(InputError) as exc:
        read_feed(data.encode(), source="bad.xml")
    assert exc.value.code == code


def test_read_bytes_sniffs_a_feed() -> None:
    documents = read_bytes(ATOM_FEED.encode(), source="-")
    assert all(isinstance(d, Document) for d in documents)
    assert documents[0].meta.source == "-#1"
