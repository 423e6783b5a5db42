from __future__ import annotations

import pytest

from spinscope.document import Document, Link, Metadata, Part, make_span
from spinscope.records import Actor
from spinscope.report.layout import (
    GAP_KIND,
    actor_views,
    allegation_view,
    clean,
    excerpt,
    finding_keys,
    layout,
    part_counts,
    safe_href,
)
from tests.report.builders import analysis, sample, span


def test_blocks_follow_parts_and_cover_text_between_them() -> None:
    text = "Headline\n\nstray words\n\nBody text."
    doc = Document(text, Metadata(), parts=(Part("title", 0, 8), Part("paragraph", 23, 33)))
    blocks = layout(analysis(doc))
    assert [(b.kind, b.text) for b in blocks] == [
        ("title", "Headline"),
        (GAP_KIND, "stray words"),
        ("paragraph", "Body text."),
    ]


def test_a_document_without_parts_is_one_block() -> None:
    doc = Document("  just text  ", Metadata())
    (block,) = layout(analysis(doc))
    assert (block.kind, block.start, block.end, block.text) == (GAP_KIND, 2, 11, "just text")


def test_whitespace_only_text_has_no_blocks() -> None:
    assert layout(analysis(Document(" \n\n ", Metadata()))) == ()


def test_segments_split_at_every_boundary_innermost_first() -> None:
    text = "aaa bbb ccc ddd"
    doc = Document(text, Metadata(), parts=(Part("paragraph", 0, len(text)),))
    outer = make_span(
        doc, 0, 11, layer="technique", label="Outer", score=0.5, detector="t@1", explanation=""
    )
    inner = make_span(
        doc, 4, 7, layer="sourcing", label="Inner", score=0.5, detector="t@1", explanation=""
    )
    crossing = make_span(
        doc, 8, 15, layer="claim", label="Cross", score=0.5, detector="t@1", explanation=""
    )
    a = analysis(doc, [outer, inner, crossing])
    labels = [s.label for s in a.findings]
    (block,) = layout(a)
    got = [(s.text, [labels[i] for i in s.findings]) for s in block.segments]
    assert got == [
        ("aaa ", ["Outer"]),
        ("bbb", ["Inner", "Outer"]),
        (" ", ["Outer"]),
        ("ccc", ["Cross", "Outer"]),  # the shorter finding is the inner one
        (" ddd", ["Cross"]),
    ]
    assert "".join(s.text for s in block.segments) == text


def test_a_finding_across_parts_is_split_between_blocks() -> None:
    text = "First part.\n\nSecond part."
    doc = Document(text, Metadata(), parts=(Part("paragraph", 0, 11), Part("paragraph", 13, 25)))
    finding = make_span(
        doc, 6, 19, layer="claim", label="C", score=1, detector="t@1", explanation=""
    )
    first, second = layout(analysis(doc, [finding]))
    assert [s.text for s in first.segments if s.findings] == ["part."]
    assert [s.text for s in second.segments if s.findings] == ["Second"]


def test_segments_carry_their_link() -> None:
    text = "see the report here"
    doc = Document(text, Metadata(), links=(Link(8, 14, "https://example.org/r"),))
    (block,) = layout(analysis(doc))
    assert [(s.text, s.link) for s in block.segments] == [
        ("see the ", None),
        ("report", "https://example.org/r"),
        (" here", None),
    ]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=c#d", "https://example.org/a?b=c#d"),
        ("  HTTP://example.org  ", "HTTP://example.org"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        (" java\tscript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox", None),
        ("//example.org/x", None),
        ('https://example.org/" onclick="x', None),
        ("https://example.org/a b", None),
        ("http:", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_href_allows_only_plain_http_urls(url: str | None, expected: str | None) -> None:
    assert safe_href(url) == expected


def test_clean_keeps_length_and_shows_controls() -> None:
    raw = "a\x1b[31mb\x00c\r\u202ed\ud800\t\n"
    cleaned = clean(raw)
    assert len(cleaned) == len(raw)
    assert "\x1b" not in cleaned and "\x00" not in cleaned and "\r" not in cleaned
    assert "\u202e" not in cleaned and "\ud800" not in cleaned
    assert cleaned.endswith("\t\n")
    assert "␛" in cleaned


def test_excerpt_collapses_space_and_cuts() -> None:
    assert excerpt("a  b\n\nc") == "a b c"
    cut = excerpt("word " * 40, 20)
    assert len(cut) <= 20 and cut.endswith("…")


def test_repeated_finding_ids_get_unique_keys() -> None:
    doc = Document("same span twice", Metadata())
    one = make_span(doc, 0, 4, layer="claim", label="C", score=0.5, detector="a@1", explanation="")
    two = make_span(doc, 0, 4, layer="claim", label="C", score=0.6, detector="a@2", explanation="")
    assert one.id == two.id
    keys = finding_keys(analysis(doc, [one, two]))
    assert len(set(keys)) == 2 and keys[0] == one.id


def test_actor_views_state_allegations_as_alleged() -> None:
    a = sample()
    views = actor_views(a)
    assert [v.name for v in views] == ["Unnamed officials", "Ines Varga"]
    (allegation,) = views[0].allegations
    assert allegation.text is not None and "hid the real costs" in allegation.text
    assert allegation.alleged_by == "Unnamed officials"  # the actor id resolved to a name
    assert allegation.sourcing == "anonymous"
    assert views[1].aliases == ("the board chair",) and views[1].mentions == 2


def test_allegation_view_reads_the_allegation_record_only() -> None:
    doc = Document("Sources say the mayor lied.", Metadata())
    said = {"alleged_by": "author", "sourcing": "anonymous", "type": "deception"}
    claim = span(doc, "the mayor lied", layer="allegation", label="Lie", attrs=said)
    source = span(doc, "Sources say the mayor", layer="sourcing", label="anonymous")
    a = analysis(doc, [claim, source])
    view = allegation_view(a, claim.id)
    assert (view.alleged_by, view.sourcing) == ("the author", "anonymous")
    assert allegation_view(a, "nope").text is None
    assert allegation_view(a, source.id).alleged_by == "unknown"  # not an allegation


def test_part_counts() -> None:
    assert part_counts(sample().document)["paragraph"] == 2


def test_actors_are_ordered_by_their_number_of_allegations() -> None:
    from spinscope.analysis import Analysis as _Analysis
    from spinscope.report.layout import actor_views

    base = sample()
    allegation = next(f for f in base.findings if f.layer == "allegation")
    actors = (
        Actor("a1", "Quiet One", "person"),
        Actor("a2", "Accused One", "person", mentions=((0, 3),), allegations=(allegation.id,)),
    )
    analysis = _Analysis(base.document, base.findings, base.pipeline, actors)
    views = actor_views(analysis)
    assert [v.name for v in views] == ["Accused One", "Quiet One"]


def test_the_summary_counts_what_is_kept_by_name() -> None:
    from spinscope.report.html import below_threshold
    from spinscope.report.layout import article_summary
    from tests.report.builders import with_weak_finding

    weak = with_weak_finding()
    low = below_threshold(weak)
    summary = article_summary(weak, low, lambda layer, label: f"<{label}>")
    names = {t.name: t.count for t in summary.techniques}
    # The weak Loaded_Language finding on "north pier" is below the threshold: not counted.
    assert names["<Loaded_Language>"] == 1 and names["<Bandwagon>"] == 1
    assert summary.technique_count == sum(names.values())
    assert summary.hidden == sum(low) >= 1
    assert summary.below_in("technique") == 1 and summary.below_in("claim") == 0
    assert summary.allegations == 1
    assert [(t.name, t.count) for t in summary.targets] == []  # the sample's attrs name no target
    assert summary.claims == 0  # the sample's claim label is not the check-worthy one


def test_attributes_in_words_name_actors_and_leave_out_nulls() -> None:
    import spinscope
    from spinscope.records import AllegationAttrs
    from spinscope.report.layout import attribute_words

    analysis = spinscope.analyze(
        "Harbour News\n\nPort chief Jana Holt embezzled the harbour fund, officials said."
    )
    allegation = next(f for f in analysis.findings if isinstance(f.attrs, AllegationAttrs))
    words = dict(attribute_words(analysis, allegation))
    assert words["targets"] == "Jana Holt"
    assert all(value not in ("null", "None", "") for value in words.values())
    assert not any(key.count("_") for key in words)
    raw = {f"{v}" for v in allegation.attrs.targets}
    assert not raw & set(words.values())  # ids never shown
