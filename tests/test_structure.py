"""Structure recovery: one small hand-written text per rule, and invariants over many texts."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from spinscope.document import Document, Metadata, Part
from spinscope.structure import recover_structure
from spinscope.vocabulary import PART_KINDS
from tests.conftest import ASTANA_AS_OF, EXAMPLES, SHARED, need_shared

AS_OF = datetime(2025, 4, 29, 18, 0, tzinfo=UTC)


def assert_part_invariants(document: Document) -> None:
    """Sorted, non-overlapping, trimmed, non-empty parts that cover every visible character."""
    text = document.text
    covered = [False] * len(text)
    previous_end = 0
    for part in document.parts:
        assert part.kind in PART_KINDS
        assert previous_end <= part.start < part.end <= len(text), part
        piece = text[part.start : part.end]
        assert piece == piece.strip() and piece, part
        for index in range(part.start, part.end):
            covered[index] = True
        previous_end = part.end
    missed = [i for i, ch in enumerate(text) if not ch.isspace() and not covered[i]]
    assert not missed, f"uncovered characters at {missed[:5]}: {text[missed[0] : missed[0] + 30]!r}"


def recover(text: str, **meta: object) -> Document:
    document = recover_structure(Document(text, meta=Metadata(**meta)), as_of=AS_OF)  # type: ignore[arg-type]
    assert_part_invariants(document)
    assert recover_structure(Document(text, meta=Metadata(**meta)), as_of=AS_OF) == document  # type: ignore[arg-type]
    return document


def kinds(document: Document) -> list[tuple[str, str]]:
    return [(p.kind, document.part_text(p)) for p in document.parts]


def texts_of(document: Document, kind: str) -> list[str]:
    return [document.part_text(p) for p in document.parts_of(kind)]


BODY = (
    "The port authority said on Monday that the new pier would open in June. "
    "Engineers have spent two years rebuilding the foundations after a storm damaged them. "
    "Local traders say the delays have cost them customers and income. "
    "The ministry has promised to publish the final cost before the summer. "
    "Critics argue that the project was poorly planned from the start. "
)


# ---------------------------------------------------------------------------------------------
# Flattened layout


def test_flattened_head_title_dateline_byline_caption() -> None:
    text = (
        "Storm Damage Closes Port Ellen Pier Today, 12:00 Author: Ivo Renssen "
        "Flag of the Republic of Norvalia. " + BODY * 2
    ).strip()
    document = recover(text)
    assert kinds(document)[:4] == [
        ("title", "Storm Damage Closes Port Ellen Pier"),
        ("dateline", "Today, 12:00"),
        ("byline", "Author: Ivo Renssen"),
        ("caption", "Flag of the Republic of Norvalia."),
    ]
    assert document.meta.title == "Storm Damage Closes Port Ellen Pier"
    assert document.meta.authors == ("Ivo Renssen",)
    assert document.meta.published == "2025-04-29T12:00:00+00:00"
    assert document.meta.published_raw == "Today, 12:00"
    assert [p.kind for p in document.parts[4:]] == ["paragraph"]


def test_flattened_byline_stops_before_a_sentence_opener() -> None:
    text = "Pier Closed Again 3 hours ago Author: Ivo Renssen The " + BODY * 2
    document = recover(text)
    assert texts_of(document, "byline") == ["Author: Ivo Renssen"]
    assert texts_of(document, "dateline") == ["3 hours ago"]
    assert document.meta.published == "2025-04-29T15:00:00+00:00"


def test_flattened_relative_dateline_without_as_of_keeps_the_raw_text() -> None:
    text = "Pier Closed Again Yesterday, 09:15 Author: Ivo Renssen " + BODY * 2
    document = recover_structure(Document(text.strip()))
    assert document.meta.published is None
    assert document.meta.published_raw == "Yesterday, 09:15"


def test_inline_headings_sit_between_a_sentence_end_and_an_opener() -> None:
    text = (
        "Pier Report Today, 12:00 " + BODY + "Quiet Transfers As the ministry admitted, "
        "the money moved twice. " + BODY + "Friends in the Council The council chair "
        "declined to comment. " + BODY
    ).strip()
    document = recover(text)
    assert texts_of(document, "heading") == ["Quiet Transfers", "Friends in the Council"]


def test_no_inline_heading_from_names_that_start_a_sentence() -> None:
    text = (
        "Pier Report Today, 12:00 " + BODY + "Prime Minister Ann Lee said the pier would "
        "open. Port Director Tomas Vell confirmed it in a statement. "
        "The Harbour Fund paid for it. In Vessgrad, The Daily Tide called it a waste. "
        "United Nations experts The report was late, they said. " + BODY
    ).strip()
    document = recover(text)
    assert texts_of(document, "heading") == []


def test_photo_credit_joins_the_caption_sentence_before_it() -> None:
    text = (
        "Pier Report Today, 12:00 " + BODY + "Ann Lee and Tomas Vell at the pier. "
        "Photo: Social Networks Despite this, the council said nothing. "
        + BODY
        + "Workers on the new pier in June. Photo: TV screen capture She said the work "
        "was finished. " + BODY
    ).strip()
    document = recover(text)
    assert texts_of(document, "caption") == [
        "Ann Lee and Tomas Vell at the pier. Photo: Social Networks",
        "Workers on the new pier in June. Photo: TV screen capture",
    ]
    paragraphs = texts_of(document, "paragraph")
    assert paragraphs[1].startswith("Despite this, the council said nothing.")
    assert paragraphs[2].startswith("She said the work was finished.")


def test_photo_credit_after_a_long_sentence_stands_alone() -> None:
    long_sentence = (
        "The council voted on Monday to approve the budget for the pier, the new road, "
        "the harbour lights and the two ferries that the ministry had promised last year. "
    )
    text = ("Pier Report Today, 12:00 " + BODY + long_sentence + "Photo: Reuters " + BODY).strip()
    document = recover(text)
    assert texts_of(document, "caption") == ["Photo: Reuters"]


def test_verbless_caption_sentence_in_flattened_text() -> None:
    text = (
        "Pier Report Today, 12:00 " + BODY + "Screenshot of a message in Ann Lee's channel. " + BODY
    ).strip()
    document = recover(text)
    assert texts_of(document, "caption") == ["Screenshot of a message in Ann Lee's channel."]


@pytest.mark.parametrize(
    "sentence",
    [
        "Not again.",
        "A disgrace to the whole nation.",
        "What a mess for the port.",
        "Nothing of the sort in Vessgrad.",
        "Ann Lee disagreed with the decision.",
        "The council is meeting in Vessgrad.",
        "Funding for the Port Ellen pier remains frozen.",
    ],
)
def test_short_prose_sentences_are_not_captions(sentence: str) -> None:
    text = ("Pier Report Today, 12:00 " + BODY + sentence + " " + BODY).strip()
    document = recover(text)
    assert texts_of(document, "caption") == []


def test_flattened_tail_source_disclaimer_and_prompt() -> None:
    text = (
        "Pier Report Today, 12:00 " + BODY + "Original Source: https://example.org/pier/1 "
        "Disclaimer: This article represents only the author's view. "
        'You can express your opinion by pressing the "like/dislike" buttons below.'
    )
    document = recover(text)
    assert kinds(document)[-3:] == [
        ("source", "Original Source: https://example.org/pier/1"),
        ("disclaimer", "Disclaimer: This article represents only the author's view."),
        (
            "boilerplate",
            'You can express your opinion by pressing the "like/dislike" buttons below.',
        ),
    ]
    assert document.meta.original_source_url == "https://example.org/pier/1"


def test_a_disclaimer_runs_on_over_a_short_tail() -> None:
    text = (
        "Pier Report Today, 12:00 " + BODY + "Disclaimer: The views are the author's own. "
        "They do not reflect the position of the editors."
    )
    document = recover(text)
    assert texts_of(document, "disclaimer") == [
        "Disclaimer: The views are the author's own. They do not reflect the position of the "
        "editors."
    ]


def test_flattened_text_without_any_anchor_is_paragraphs() -> None:
    document = recover((BODY * 3).strip())
    assert [p.kind for p in document.parts] == ["paragraph"]
    assert document.meta.title is None


# ---------------------------------------------------------------------------------------------
# Lines layout


def test_multi_paragraph_article_with_every_kind_of_line() -> None:
    text = (
        "Ferry Service Returns to Port Ellen\n\n"
        "By Hanna Lork and Peter Stiel, Staff Writers\n"
        "Published: March 3, 2025, 10:15\n\n"
        "The ferry to Port Ellen sailed again on Monday after a two-week strike.\n"
        "Passengers queued from early morning.\n\n"
        "Crew members wave from the ferry deck. Photo: Hanna Lork\n\n"
        "Talks Resume in April\n\n"
        '"We will meet the union again in April," said Mira Tolvan, the transport director.\n\n'
        "Source: Harbour Daily\n\n"
        "Disclaimer: Quotes were edited for length.\n\n"
        "Share this article\n"
        "Subscribe to our newsletter\n"
        "Follow us on social media\n"
        "Click here to read more stories\n"
    )
    document = recover(text)
    assert kinds(document) == [
        ("title", "Ferry Service Returns to Port Ellen"),
        ("byline", "By Hanna Lork and Peter Stiel, Staff Writers"),
        ("dateline", "Published: March 3, 2025, 10:15"),
        (
            "paragraph",
            "The ferry to Port Ellen sailed again on Monday after a two-week strike.\n"
            "Passengers queued from early morning.",
        ),
        ("caption", "Crew members wave from the ferry deck. Photo: Hanna Lork"),
        ("heading", "Talks Resume in April"),
        (
            "paragraph",
            '"We will meet the union again in April," said Mira Tolvan, the transport director.',
        ),
        ("source", "Source: Harbour Daily"),
        ("disclaimer", "Disclaimer: Quotes were edited for length."),
        ("boilerplate", "Share this article"),
        ("boilerplate", "Subscribe to our newsletter"),
        ("boilerplate", "Follow us on social media"),
        ("boilerplate", "Click here to read more stories"),
    ]
    assert document.meta.authors == ("Hanna Lork", "Peter Stiel")
    assert document.meta.published == "2025-03-03T10:15:00+00:00"
    assert document.meta.published_raw == "March 3, 2025, 10:15"
    assert document.meta.original_source_url is None


def test_three_authors_in_a_byline() -> None:
    document = recover("Pier Opens\nBy Ann Lee, Tomas Vell and Ida Sorn\n" + BODY)
    assert document.meta.authors == ("Ann Lee", "Tomas Vell", "Ida Sorn")


def test_one_paragraph_per_line_without_blank_lines() -> None:
    text = "Pier Opens in June\nThe pier opens in June.\nTraders are pleased.\nThe mayor is not."
    document = recover(text)
    assert [p.kind for p in document.parts] == ["title", "paragraph", "paragraph", "paragraph"]


def test_thumbs_prompt_line_is_boilerplate_but_a_thumbs_up_in_prose_is_not() -> None:
    text = (
        "Pier Opens\n\nThe mayor gave a thumbs up to the crowd as the ribbon fell.\n\n"
        "Rate this article with the thumbs up/down buttons below."
    )
    document = recover(text)
    assert [p.kind for p in document.parts] == ["title", "paragraph", "boilerplate"]


def test_heading_lines_need_running_text_around_them() -> None:
    text = (
        "Pier Opens\n\nThe pier opened on Monday after two years of work.\n\n"
        "Ann Lee\nTomas Vell\nIda Sorn\n\n"
        "The mayor thanked the engineers and the divers who worked through the winter.\n\n"
        "Ann Lee"
    )
    document = recover(text)
    assert texts_of(document, "heading") == []


def test_originally_published_line_is_a_source() -> None:
    text = "Pier Opens\n\n" + BODY + "\n\nThis article was originally published on Harbour Daily."
    document = recover(text)
    assert texts_of(document, "source") == [
        "This article was originally published on Harbour Daily."
    ]


# ---------------------------------------------------------------------------------------------
# PTC layout


def test_ptc_layout_blocks_are_paragraphs() -> None:
    text = (
        "Harbour Deal Sparks Anger in Vessgrad\n\n"
        "The deal was signed on Friday.\nCritics called it a betrayal.\n\n"
        "Pier Workers\nUnions said they would strike if the deal went ahead.\n"
        "Their leaders met the minister on Saturday.\n\n"
        "HANDS OFF OUR HARBOUR!\nWrite to your representative.\n"
    )
    document = recover(text)
    assert [p.kind for p in document.parts] == [
        "title",
        "paragraph",
        "heading",
        "paragraph",
        "paragraph",
    ]
    assert texts_of(document, "heading") == ["Pier Workers"]


def test_ptc_title_that_wraps_onto_a_lower_case_line() -> None:
    text = "Vessgrad Harbour Dept.\nfires director over fund scandal\n\n" + BODY
    document = recover(text)
    assert texts_of(document, "title") == [
        "Vessgrad Harbour Dept.\nfires director over fund scandal"
    ]
    assert document.meta.title == "Vessgrad Harbour Dept. fires director over fund scandal"


def test_title_case_headline_ending_with_a_full_stop_is_still_a_title() -> None:
    document = recover("Harbour Fund Never Audited.\n\n" + BODY)
    assert document.meta.title == "Harbour Fund Never Audited."


# ---------------------------------------------------------------------------------------------
# Texts with little or no structure


def test_one_plain_sentence_is_one_paragraph() -> None:
    document = recover("The council approved the budget on Tuesday.")
    assert kinds(document) == [("paragraph", "The council approved the budget on Tuesday.")]
    assert document.meta.title is None


def test_a_text_that_is_only_a_title() -> None:
    document = recover("Storm Hits Vessgrad")
    assert kinds(document) == [("title", "Storm Hits Vessgrad")]
    assert document.meta.title == "Storm Hits Vessgrad"


def test_weird_spacing_is_trimmed_out_of_parts() -> None:
    text = "  \t Storm Hits   Vessgrad \u00a0\n\n\n   The storm    hit the port .  \t\n"
    text += " \n\u2003 x \n"
    document = recover(text)
    assert kinds(document) == [
        ("title", "Storm Hits   Vessgrad"),
        ("paragraph", "The storm    hit the port ."),
        ("paragraph", "x"),
    ]
    assert document.meta.title == "Storm Hits Vessgrad"


def test_a_byte_order_mark_stays_inside_the_title() -> None:
    document = recover("\ufeffStorm Hits Vessgrad\n\n" + BODY)
    assert document.parts[0] == Part("title", 0, len("\ufeffStorm Hits Vessgrad"))
    assert document.meta.title == "Storm Hits Vessgrad"


# ---------------------------------------------------------------------------------------------
# The metadata cascade and parts from ingestion


def test_metadata_already_filled_is_kept() -> None:
    text = "Pier Opens\nBy Ann Lee\nMarch 3, 2025\n\n" + BODY
    document = recover(
        text, title="From HTML", authors=("Html Author",), published="2025-01-01", url="x"
    )
    assert document.meta.title == "From HTML"
    assert document.meta.authors == ("Html Author",)
    assert document.meta.published == "2025-01-01"
    assert document.meta.published_raw == "March 3, 2025"  # still empty, so filled
    assert document.meta.url == "x"
    assert texts_of(document, "byline") == ["By Ann Lee"]


def test_parts_from_ingestion_are_kept_and_only_the_gaps_are_recovered() -> None:
    text = "Pier Opens\n\nSome Heading Text\n\nThe pier opened.\n\nPhoto: Ann Lee\n\nIt is big."
    given = (Part("title", 0, 10), Part("heading", 12, 29))
    document = recover_structure(Document(text, parts=given), as_of=AS_OF)
    assert_part_invariants(document)
    assert document.parts[:2] == given
    assert kinds(document)[2:] == [
        ("paragraph", "The pier opened."),
        ("caption", "Photo: Ann Lee"),
        ("paragraph", "It is big."),
    ]
    assert document.meta.title == "Pier Opens"  # filled from the given title part


def test_a_given_part_in_the_middle_of_a_line() -> None:
    text = "Pier Opens Today, 12:00 The pier opened. A caption here. It is big."
    given = (Part("caption", 41, 56),)
    document = recover_structure(Document(text, parts=given), as_of=AS_OF)
    assert_part_invariants(document)
    assert Part("caption", 41, 56) in document.parts


def test_the_input_document_is_not_changed() -> None:
    original = Document("Pier Opens\n\n" + BODY)
    recover_structure(original, as_of=AS_OF)
    assert original.parts == () and original.meta == Metadata()


# ---------------------------------------------------------------------------------------------
# Invariants over many texts


_PIECES = [
    "Storm Hits Vessgrad",
    "Today, 12:00",
    "Yesterday, 09:15",
    "3 hours ago",
    "March 3, 2025",
    "Author: Ann Lee",
    "By Ann Lee and Tomas Vell",
    "Flag of the Republic of Norvalia.",
    "Photo: Social Networks",
    "Photo:",
    "Quiet Transfers",
    "As the ministry admitted, the money moved twice.",
    "The pier opened on Monday.",
    "Critics say it is too late?",
    "Original Source: https://example.org/a",
    "Source:",
    "Disclaimer: Views are the author's own.",
    "Disclaimer:",
    "Share this article",
    'Click the "thumbs up/thumbs down" buttons below.',
    "HANDS OFF OUR HARBOUR!",
    "(Photo by Ann Lee)",
    "Mr. Vell",
    "U.S.",
    "...",
    "—",
    "x",
    "\ufeff",
    "“Quoted”",
    "“ ”",
    "— Photo: Reuters",
    ". . .",
    "Image:",
    "By",
    "Author:",
    "Ann Lee and Tomas Vell at the pier.",
    "Disclaimer: It is",
    "Sixth Chamber",
    "The",
]
_GAPS = [" ", " ", " ", "  ", "\n", "\n\n", "\n \n", "\t", "\u00a0", " \n\n\n "]


def _generated_texts(count: int) -> list[str]:
    rng = random.Random(20250429)  # noqa: S311 - a fixed seed for repeatable test texts
    texts = []
    for _ in range(count):
        pieces = [rng.choice(_PIECES) for _ in range(rng.randint(1, 40))]
        gaps = [rng.choice(_GAPS) for _ in pieces]
        text = "".join(p + g for p, g in zip(pieces, gaps, strict=True))
        if rng.random() < 0.3:
            text = rng.choice(_GAPS) + text
        if text.strip():
            texts.append(text)
    for _ in range(count // 4):  # long single lines: the flattened layout
        pieces = [rng.choice(_PIECES) for _ in range(rng.randint(30, 120))]
        texts.append(" ".join(pieces))
    alphabet = "ab AB.,:?!\n\n\t\"'-Photo:Today, 12:00 Author: By"
    for _ in range(count):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 200)))
        if text.strip():
            texts.append(text)
    return texts


@pytest.mark.parametrize("with_as_of", [True, False])
def test_invariants_over_generated_texts(with_as_of: bool) -> None:
    for text in _generated_texts(400):
        document = recover_structure(Document(text), as_of=AS_OF if with_as_of else None)
        assert_part_invariants(document)
        again = recover_structure(Document(text), as_of=AS_OF if with_as_of else None)
        assert again == document


def test_invariants_over_the_examples() -> None:
    paths = sorted(EXAMPLES.glob("*.txt"))
    assert len(paths) >= 3
    for path in paths:
        recover(path.read_text(encoding="utf-8"))


def test_invariants_on_the_real_article(astana_path: Path) -> None:
    text = astana_path.read_text(encoding="utf-8")
    document = recover_structure(Document(text), as_of=datetime.fromisoformat(ASTANA_AS_OF))
    assert_part_invariants(document)


def test_invariants_and_few_headings_on_ptc_articles() -> None:
    folder = need_shared(SHARED / "data" / "ptc-semeval2020" / "train-articles")
    paths = sorted(folder.glob("*.txt"))[:20]
    assert len(paths) == 20
    headings = 0
    for path in paths:
        document = recover_structure(Document(path.read_text(encoding="utf-8")))
        assert_part_invariants(document)
        assert document.parts[0].kind == "title"
        headings += len(document.parts_of("heading"))
    assert headings <= 5
