"""The recovered structure of every example article, and of the real article, part by part."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from spinscope.document import Document
from spinscope.structure import recover_structure
from tests.conftest import ASTANA_AS_OF, EXAMPLES
from tests.test_structure import assert_part_invariants

AS_OF = datetime.fromisoformat(ASTANA_AS_OF)


def recovered(path: Path) -> Document:
    document = recover_structure(Document(path.read_text(encoding="utf-8")), as_of=AS_OF)
    assert_part_invariants(document)
    return document


def texts_of(document: Document, kind: str) -> list[str]:
    return [document.part_text(p) for p in document.parts_of(kind)]


def assert_paragraphs_hold_no_other_part(document: Document, *kinds: str) -> None:
    for paragraph in texts_of(document, "paragraph"):
        for kind in kinds:
            for other in texts_of(document, kind):
                assert other not in paragraph, (kind, other)


def test_harbour_fund_affair() -> None:
    document = recovered(EXAMPLES / "harbour-fund-affair.txt")
    meta = document.meta
    assert meta.title == "Who Profits from Norvalia's Harbour Fund? Vessgrad's Quiet Betrayal"
    assert texts_of(document, "title") == [meta.title]
    assert texts_of(document, "dateline") == ["Yesterday, 18:40"]
    assert meta.published_raw == "Yesterday, 18:40"
    assert meta.published == "2025-04-28T18:40:00+00:00"
    assert texts_of(document, "byline") == ["Author: Ivo Renssen"]
    assert meta.authors == ("Ivo Renssen",)
    assert texts_of(document, "heading") == [
        "Quiet Transfers",
        "Friends in Parliament",
        "A Familiar Script",
    ]
    assert texts_of(document, "caption") == [
        "Flag of the Republic of Norvalia.",
        "Screenshot of a payment order from the Harbour Renewal Fund to Tidewater Advisory.",
        "Teodor Brask and Liane Orsk at the opening of the new ferry terminal. "
        "Photo: Social Networks",
        "Dockworkers at a protest outside the Port Ellen authority building. "
        "Photo: Screenshot from video",
    ]
    assert texts_of(document, "source") == [
        "Original Source: https://example.org/norvalia/harbour-fund-affair"
    ]
    assert meta.original_source_url == "https://example.org/norvalia/harbour-fund-affair"
    assert texts_of(document, "disclaimer") == [
        "Disclaimer: This article reflects only the opinion of its author."
    ]
    assert texts_of(document, "boilerplate") == [
        'Tell us what you think by pressing the "like/dislike" buttons below.'
    ]
    assert [p.kind for p in document.parts] == [
        "title",
        "dateline",
        "byline",
        "caption",
        "paragraph",
        "heading",
        "paragraph",
        "caption",
        "paragraph",
        "heading",
        "paragraph",
        "caption",
        "paragraph",
        "caption",
        "paragraph",
        "heading",
        "paragraph",
        "source",
        "disclaimer",
        "boilerplate",
    ]
    assert_paragraphs_hold_no_other_part(document, "heading", "caption")


def test_river_bridge_report() -> None:
    document = recovered(EXAMPLES / "river-bridge-report.txt")
    meta = document.meta
    assert meta.title == "Kessel River Bridge Reopens After Eight Months of Repairs"
    assert texts_of(document, "byline") == ["By Hanna Lork and Peter Stiel"]
    assert meta.authors == ("Hanna Lork", "Peter Stiel")
    assert texts_of(document, "dateline") == ["March 3, 2025"]
    assert meta.published == "2025-03-03"
    assert meta.published_raw == "March 3, 2025"
    assert texts_of(document, "heading") == ["What Comes Next"]
    assert texts_of(document, "caption") == [
        "Workers remove the last barriers from the bridge deck on Monday. Photo: Hanna Lork"
    ]
    assert texts_of(document, "source") == []
    assert texts_of(document, "disclaimer") == []
    assert texts_of(document, "boilerplate") == []
    assert meta.original_source_url is None
    assert len(texts_of(document, "paragraph")) == 6


def test_ptc_style_editorial() -> None:
    document = recovered(EXAMPLES / "ptc-style-editorial.txt")
    meta = document.meta
    assert meta.title == "Betrayed at the Docks: Vessgrad's Elite Sells Out Our Harbour"
    assert meta.authors == ()
    assert meta.published is None and meta.published_raw is None
    assert [p.kind for p in document.parts] == ["title"] + ["paragraph"] * 6
    paragraphs = texts_of(document, "paragraph")
    assert paragraphs[-1].startswith("HANDS OFF OUR HARBOUR!\n")
    assert all(p.count("\n") == p.strip().count("\n") for p in paragraphs)


def _digest(texts: list[str]) -> str:
    return hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()[:16]


def test_the_real_article(astana_path: Path) -> None:
    document = recovered(astana_path)
    meta = document.meta
    # The real article's sentences are not copied into the project: long strings are compared
    # by digest (see _digest), short ones that the product's specification names are spelt out.
    assert _digest([meta.title or ""]) == "bd14a0e3793a5e5d"
    assert _digest(texts_of(document, "title")) == "bd14a0e3793a5e5d"
    assert texts_of(document, "dateline") == ["Today, 12:00"]
    assert meta.published_raw == "Today, 12:00"
    assert meta.published == "2025-04-29T12:00:00+00:00"
    assert texts_of(document, "byline") == ["Author: Alan Pukhaev"]
    assert meta.authors == ("Alan Pukhaev",)
    assert texts_of(document, "heading") == [
        "Contradictions in Domestic Policies",
        "Sixth Chamber",
        "Ukraine Model",
    ]
    captions = texts_of(document, "caption")
    assert len(captions) == 4
    assert _digest(captions) == "e0433824067dcc34"
    url = "https://www.toutiao.com/article/7498296500729004580/"
    assert texts_of(document, "source") == [f"Original Source: {url}"]
    assert meta.original_source_url == url
    assert _digest(texts_of(document, "disclaimer")) == "a3eced1b849b461f"
    boilerplate = texts_of(document, "boilerplate")
    assert len(boilerplate) == 1 and boilerplate[0].startswith("You can express your attitude")
    assert boilerplate[0].endswith("buttons below.")
    assert_paragraphs_hold_no_other_part(document, "heading", "caption")
    assert len(texts_of(document, "paragraph")) == 7
