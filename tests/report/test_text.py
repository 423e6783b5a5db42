from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

import spinscope
from spinscope.document import Document, Metadata, Part, make_span
from spinscope.report.text import TextOptions, print_text, render_text
from spinscope.vocabulary import LAYERS, part_kind
from tests.conftest import ASTANA_AS_OF
from tests.report.builders import (
    SAMPLE_KINDS,
    analysis,
    hostile,
    sample,
    span,
    with_parts,
    with_weak_finding,
)

ANSI = re.compile(r"\x1b\[[0-9;]*m")
ALL = TextOptions(layers=LAYERS, article=True)  # every finding and the article text


def test_plain_report_has_metadata_structure_findings_article_actors_pipeline() -> None:
    a = sample()
    out = render_text(a, color=False, options=ALL)
    assert "\x1b" not in out
    for expected in (
        "Ferry Tolls Spark Fury in Port Ellery",
        "Odile Marchetti",
        "2031-03-02T09:30:00+00:00 (as written: Two days ago, 09:30)",
        "https://gazette.example.org/ferry-tolls",
        "Island Courier",
        a.document.id[:12],
        "Structure (9)",
        "Findings (8)",
        "Actors (2)",
        "structure@1, sentences@1",
        "0.1.0+test",
    ):
        assert expected in out, expected
    assert a.document.id not in out  # the id is shortened
    for kind in set(SAMPLE_KINDS):
        assert part_kind(kind).display in out  # the declared display name
    for finding in a.findings:
        assert finding.label in out  # no display name is declared for the sample's labels
        if finding.layer not in ("allegation", "sourcing"):  # those are shown in words
            assert finding.explanation in out


def test_findings_are_grouped_by_layer_then_label_and_numbered() -> None:
    out = render_text(sample(), color=False, width=200, options=ALL)
    order = [out.index(t) for t in ("Persuasion techniques", "Sourcing ·", "Allegations ·")]
    assert order == sorted(order)
    assert "Loaded_Language ×1" in out
    article = out[out.index("Article ─") :]
    # In reading order: 1 Exaggeration starts before 2 Loaded_Language inside it.
    assert "[1>a [2>disgraceful[2:Loaded_Language]" in article
    assert "on the island[1:Exaggeration]." in article
    assert "own.[8:Text_End]" in article  # a finding at the very end of the text


def test_allegations_are_attributed_never_stated_as_fact() -> None:
    out = render_text(sample(), color=False, width=200)
    lines = out.splitlines()
    # One line at this width: the evidence, then whom it is against, who alleges it, and how
    # it is sourced, in words.
    line = next(x for x in lines if "alleged by Unnamed officials, sourcing: anonymous" in x)
    assert "against " in line and "“" in line
    actors = out[out.index("Actors (") :]
    assert re.search(r"target of \[\d+\]", actors)


def test_colour_report_uses_ansi_but_keeps_the_text() -> None:
    out = render_text(sample(), color=True, width=120, options=ALL)
    assert "\x1b[" in out
    plain = ANSI.sub("", out)
    assert "disgraceful[2:Loaded_Language]" in plain
    assert "[1>" not in plain  # start markers are only for reports without colour


def test_rich_markup_in_article_text_is_shown_literally() -> None:
    text = "Plain [bold]not bold[/] and [/] and [red on blue]x[/red on blue] :smile: and [link=x]y"
    doc = Document(
        text, Metadata(title="[bold red]Title[/]"), parts=(Part("paragraph", 0, len(text)),)
    )
    a = analysis(doc, [span(doc, ":smile:", label="[i]Label[/i]", explanation="[b]why[/b]")])
    for color in (False, True):
        out = ANSI.sub("", render_text(a, color=color, width=200, options=ALL))
        assert "[bold]not bold[/]" in out
        assert "[red on blue]x[/red on blue]" in out
        assert ":smile:" in out and "[link=x]y" in out
        assert "[bold red]Title[/]" in out
        assert "[i]Label[/i]" in out and "[b]why[/b]" in out


def test_control_characters_never_reach_the_terminal() -> None:
    out = render_text(hostile(), color=True, options=ALL)
    assert "\x1b[31m escape" not in out
    assert "␛[31m escape" in ANSI.sub("", out)


def test_no_findings_no_parts_no_actors() -> None:
    out = render_text(analysis(Document("Just one line.", Metadata())), color=False, options=ALL)
    assert "No findings to list." in out
    assert "No parts recovered." in out
    assert "No actors identified yet." in out
    assert "Just one line." in out


def test_overlapping_findings_and_findings_at_the_end() -> None:
    text = "abcdefghij"
    doc = Document(text, Metadata(), parts=(Part("paragraph", 0, 10),))
    findings = [
        make_span(
            doc, s, e, layer=layer, label=f"L{s}{e}", score=0.5, detector="t@1", explanation=""
        )
        for s, e, layer in [
            (0, 10, "claim"),
            (2, 6, "technique"),
            (4, 10, "sourcing"),
            (9, 10, "entity"),
        ]
    ]
    out = render_text(analysis(doc, findings), color=False, options=ALL)
    for f in findings:
        assert f"{f.label}]" in out
    assert out.count("[4:L910]") == 1  # after the last character of the article
    assert "[4]" in out  # in the findings list


def test_long_lines_and_urls_stay_within_the_width() -> None:
    url = "https://example.org/" + "x" * 500
    text = f"Title\n\n{'word ' * 300}{url} end"
    doc = with_parts(text, ("title", "paragraph"), Metadata(url=url, original_source_url=url))
    a = analysis(doc, [span(doc, url, layer="sourcing", label="Link")])
    for width in (40, 100):
        out = render_text(a, color=False, width=width)
        assert max(len(line) for line in out.splitlines()) <= width
        assert "x" * 20 in out


def test_russian_and_chinese_text() -> None:
    text = (
        "Новости дня\n\nЖурналист утверждает, что мэр скрыл расходы.\n\n"
        "市政府昨天宣布了新的预算计划。"
    )
    doc = with_parts(text, ("title", "paragraph", "paragraph"), Metadata(language="ru"))
    a = analysis(
        doc,
        [
            span(doc, "скрыл расходы", layer="allegation", label="Сокрытие"),
            span(doc, "新的预算", layer="claim", label="主张"),
        ],
    )
    out = render_text(a, color=False, width=60, options=ALL)
    assert "Новости дня" in out and "Сокрытие" in out and "主张" in out
    assert "新的预算[2:主张]" in out


def test_print_text_writes_to_a_console() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, color_system=None)
    print_text(sample(), console)
    assert "Ferry Tolls Spark Fury" in buffer.getvalue()


def test_real_pipeline_output_renders() -> None:
    a = spinscope.analyze("Harbour News\n\nThe [bold] fleet [/] returned at dawn.")
    out = render_text(a, color=False, options=ALL)
    assert "[bold] fleet [/]" in out


def test_the_example_article_renders(astana_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    text = astana_path.read_text("utf-8")
    a = spinscope.analyze(text, as_of=datetime.fromisoformat(ASTANA_AS_OF))
    out = render_text(a, color=True, width=100)
    assert len(ANSI.sub("", out)) > len(text) // 2


@pytest.mark.parametrize("width", [1, 10, 24])
def test_tiny_widths_do_not_crash(width: int) -> None:
    for a in (sample(), hostile()):
        assert render_text(a, width=width, color=True)
        assert render_text(a, width=width, color=False)


def test_the_default_report_opens_with_a_summary_and_leaves_quiet_layers_out(
    astana_path,  # type: ignore[no-untyped-def]
) -> None:
    from datetime import datetime

    a = spinscope.analyze(
        astana_path.read_text("utf-8"), as_of=datetime.fromisoformat(ASTANA_AS_OF)
    )
    out = render_text(a, color=False, width=100)
    summary = out[out.index("Summary") : out.index("Structure (")]
    assert "Persuasion techniques" in summary and "Allegations" in summary
    assert "sentences check-worthy" in summary and "Not listed" in summary
    assert "Entities ·" not in out and "Claims ·" not in out  # quiet layers: counted, not listed
    assert "Article ─" not in out
    for raw in ("targets:", "hedge:", "None", "null", "a1", "loaded_language"):
        assert raw not in out, raw  # attributes in words, labels by their names
    # About 150 lines: every listed finding, a line or two each, and the actors they concern.
    assert len(out.splitlines()) <= 150
    assert len(render_text(a, color=False, width=80).splitlines()) <= 170
    full = render_text(a, color=False, width=100, options=ALL)
    assert "Entities ·" in full and "Article ─" in full


def test_layers_and_min_score_choose_what_is_listed() -> None:
    a = sample()
    only = render_text(a, color=False, options=TextOptions(layers=("allegation",)))
    assert "Allegations ·" in only and "Persuasion techniques ·" not in only
    none = render_text(a, color=False, options=TextOptions(layers=LAYERS, min_score=1.01))
    assert "No findings to list." in none and "Findings (0)" in none


def test_options_name_only_layers_that_exist() -> None:
    from spinscope.errors import InputError

    assert TextOptions.parse("all").layers == LAYERS
    assert TextOptions.parse(" Claim , entity").layers == ("claim", "entity")
    assert TextOptions.parse(None).layers is None
    with pytest.raises(InputError) as caught:
        TextOptions(layers=("claims",))
    assert caught.value.code == "E134"


def test_what_was_not_analysed_is_one_line_of_the_summary() -> None:
    from tests.report.builders import not_analysed

    out = render_text(not_analysed(sample(), "kk", "\x1b[31mred"), color=False, width=200)
    line = next(x for x in out.splitlines() if x.startswith("Not analysed"))
    assert "techniques, check-worthiness, actors" in line
    assert "(Kazakh: no model for this language); allegations (needs actors" in line
    assert "\x1b" not in out and "claims" not in line  # display names; no escape reaches it
    assert "Not analysed" not in render_text(sample(), color=False, width=200)


def test_findings_below_their_layer_threshold_are_counted_not_listed() -> None:
    from spinscope.vocabulary import layer_threshold

    a = with_weak_finding()
    out = render_text(a, color=False, width=200, options=ALL)
    assert "north pier" not in out.split("Findings (")[1].split("Actors (")[0].split("Article")[0]
    cut = f"{layer_threshold('technique'):.2f}"
    line = next(x for x in out.splitlines() if "scored below" in x)
    assert f"persuasion techniques 1 scored below {cut} (show with --min-score 0)" in line
    assert "[" not in out.split("north pier")[1][:2]  # no marker on it in the article either
    every = TextOptions(layers=LAYERS, min_score=0.0, article=True)
    shown = render_text(a, color=False, width=200, options=every)
    assert "“north pier”  0.08" in shown and "scored below" not in shown
    listed = sum(1 for s in a.findings if s.score >= layer_threshold(s.layer))
    assert f"Findings ({listed})" in out and f"Findings ({len(a.findings)})" in shown


def test_article_markers_name_techniques_by_their_names() -> None:
    from spinscope.report.legend import display_label

    doc = Document("A so-called reform.", Metadata(), sentences=((0, 19),))
    finding = make_span(
        doc, 2, 11, layer="technique", label="loaded_language", score=0.9, detector="test@1",
        explanation="scare quotes",
    )  # fmt: skip
    out = render_text(analysis(doc, [finding]), color=False, width=200, options=ALL)
    assert f"so-called[1:{display_label('technique', 'loaded_language')}]" in out
    assert "loaded_language" not in out
