from __future__ import annotations

import pytest

from spinscope.document import Document
from spinscope.errors import InputError
from spinscope.ingest import read_html
from spinscope.ingest.decode import normalise_text
from tests.ingest.pages import COURIER_PAGE, NO_TEXT_PAGE, RUSSIAN, SHORT_PAGE


def parts_by_kind(document: Document) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for part in document.parts:
        found.setdefault(part.kind, []).append(document.part_text(part))
    return found


def links_by_text(document: Document) -> dict[str, str]:
    return {document.text[link.start : link.end]: link.url for link in document.links}


def check_invariants(document: Document) -> None:
    assert normalise_text(document.text) == document.text
    previous_end = 0
    for part in document.parts:
        assert part.start >= previous_end
        chunk = document.part_text(part)
        assert chunk == chunk.strip() and chunk
        previous_end = part.end
    for link in document.links:
        anchor = document.text[link.start : link.end]
        assert anchor == anchor.strip() and anchor


def test_article_page_text_metadata_parts_and_links() -> None:
    document = read_html(COURIER_PAGE, source="courier.html")
    check_invariants(document)
    blocks = document.text.split("\n\n")
    assert blocks[0] == "Harbour tolls rise again"
    assert blocks[1].startswith("The port authority of Valdoria announced on Tuesday")
    assert "twelve percent, the third increase in two years." in blocks[1]  # whitespace collapsed
    assert "Cargo tolls: up twelve percent." in blocks
    assert "Passenger fees: unchanged for now." in blocks
    assert "The harbour must pay for itself, the authority said in its statement." in blocks
    assert "Home" not in blocks and "© The Valdoria Courier" not in document.text
    assert document.text.count("Harbour tolls rise again") == 1  # the h1 repeats the title

    meta = document.meta
    assert meta.title == "Harbour tolls rise again"
    assert meta.authors == ("Mira Talvens",)
    assert meta.published == "2024-03-05T09:30:00+01:00"
    assert meta.published_raw == "2024-03-05T09:30:00+01:00"
    assert meta.site == "The Valdoria Courier"
    assert meta.url == "https://courier.example.org/news/harbour-tolls"
    assert meta.language == "en"
    assert meta.source == "courier.html"

    parts = parts_by_kind(document)
    assert parts["title"] == ["Harbour tolls rise again"]
    assert parts["heading"] == ["Firms object"]
    assert parts["caption"] == ["Cranes at the eastern quay of the harbour at dawn."]
    assert "paragraph" not in parts
    assert document.parts[0].start == 0


def test_links_are_absolute_and_javascript_is_dropped() -> None:
    document = read_html(COURIER_PAGE, source="courier.html")
    links = links_by_text(document)
    assert links == {
        "third increase": "https://port.example.org/notice",
        "last year's report": "https://courier.example.org/reports/2023",
        "our newsroom": "mailto:desk@courier.example.org",
    }
    assert "a tax by another name" in document.text
    assert not any(link.url.startswith("javascript") for link in document.links)


def test_fetch_url_is_the_base_for_relative_links() -> None:
    url = "https://mirror.example.net/ferry.html"
    document = read_html(SHORT_PAGE, source="short.html", url=url)
    assert document.meta.url == url
    assert links_by_text(document) == {
        "Tamsin Oriel": "https://mirror.example.net/people/tamsin-oriel"
    }


def test_short_page_still_works() -> None:
    document = read_html(SHORT_PAGE.encode(), source="short.html")
    check_invariants(document)
    blocks = document.text.split("\n\n")
    assert blocks[0] == "Ferry runs late"
    assert blocks[1] == "The morning ferry to Ostrel left forty minutes late on Monday."
    assert blocks[2] == "Nobody was hurt, said Tamsin Oriel of the ferry office."
    assert parts_by_kind(document)["title"] == ["Ferry runs late"]
    assert document.links == ()  # a relative link with no page address to resolve it against


def test_truncated_html_still_gives_text() -> None:
    cut = COURIER_PAGE[: COURIER_PAGE.index("mailto:") + 10]  # inside the <a> tag
    document = read_html(cut, source="cut.html")
    check_invariants(document)
    assert "The harbour must pay for itself" in document.text
    assert document.text.endswith("Write to the desk at")


@pytest.mark.parametrize("page", [NO_TEXT_PAGE, "", "   ", "<html", "<html><body></body></html>"])
def test_page_without_text_is_e106(page: str) -> None:
    with pytest.raises(InputError) as exc:
        read_html(page, source="empty.html")
    assert exc.value.code == "E106"


def test_legacy_encoding_declared_in_meta() -> None:
    page = (
        '<html lang="ru"><head><meta charset="windows-1251"><title>Порт</title></head>'
        f"<body><p>{RUSSIAN}</p></body></html>"
    )
    document = read_html(page.encode("cp1251"), source="ru.html")
    assert RUSSIAN.split("\n")[0] in document.text
    assert document.meta.language == "ru"


def test_json_ld_date_and_br_inside_a_paragraph() -> None:
    page = """<html><head><title>Dock strike ends</title>
    <script type="application/ld+json">
    {"@type": "NewsArticle", "datePublished": "2024-07-02T08:15:00Z"}</script>
    </head><body><article><h1>Dock strike ends</h1>
    <p>Dockers in Ostrel returned to work on Tuesday after a nine-day strike over night shifts.<br>
    Talks on pay will resume in the autumn, the union said in a short statement to members.</p>
    <p>The harbour master, Ilse Varrow, said ships waiting offshore would be unloaded first.</p>
    </article></body></html>"""
    document = read_html(page, source="strike.html")
    check_invariants(document)
    assert document.meta.published_raw == "2024-07-02T08:15:00Z"
    assert document.meta.published == "2024-07-02T08:15:00+00:00"
    assert "night shifts.\nTalks on pay" in document.text


def test_a_script_canonical_url_is_not_the_documents_url() -> None:
    page = (
        '<html><head><title>Ferry costs</title><link rel="canonical" href="javascript:alert(1)">'
        "</head><body><article><h1>Ferry costs</h1><p>The council met on Monday to discuss the "
        "ferry contract and its cost overruns, which critics called a scandal.</p></article>"
        "</body></html>"
    )
    document = read_html(page.encode(), source="page.html")
    assert document.meta.url is None
    linked = read_html(page.encode(), source="page.html", url="https://news.example/ferry")
    assert linked.meta.url == "https://news.example/ferry"
