from __future__ import annotations

import base64
import hashlib
import json
import re
from datetime import datetime

import lxml.html
import pytest

import spinscope
from spinscope.document import Document, Metadata, Part
from spinscope.report.html import csp_hash, render_html, script_json
from spinscope.vocabulary import part_kind
from tests.conftest import ASTANA_AS_OF
from tests.report.builders import (
    HOSTILE,
    HOSTILE_CLOSE,
    HOSTILE_IMG,
    analysis,
    hostile,
    sample,
    span,
    with_parts,
)

DEFINITIONS = {"Loaded_Language": "Words chosen for their emotional charge."}


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _policy(tree: lxml.html.HtmlElement) -> dict[str, str]:
    (meta,) = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]')
    directives = [d.strip().split(" ", 1) for d in meta.get("content").split(";")]
    return {name: value for name, value in directives}


def _check_page(page: str) -> lxml.html.HtmlElement:
    """The checks every report must pass: one style, two scripts, both named by the CSP."""
    tree = lxml.html.document_fromstring(page)
    policy = _policy(tree)
    assert policy["default-src"] == "'none'"
    assert policy["img-src"] == "data:"
    assert policy["base-uri"] == "'none'" and policy["form-action"] == "'none'"
    scripts = tree.xpath("//script")
    assert len(scripts) == 2
    data, app = scripts
    assert data.get("type") == "application/json" and data.get("id") == "findings-data"
    assert app.get("type") is None and app.get("src") is None
    assert policy["script-src"] == _sha(app.text)
    (style,) = tree.xpath("//style")
    assert policy["style-src"] == _sha(style.text)
    assert not tree.xpath("//*[@style]")  # the policy would refuse inline style attributes
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if name in {"href", "src", "action", "formaction", "srcset", "poster"}:
                allowed = value.startswith(("https://", "http://", "#")) or (
                    element.tag == "link" and value == "data:,"
                )
                assert allowed, (element.tag, name, value)
    assert not tree.xpath("//img | //iframe | //object | //embed | //form | //base")
    icon = tree.xpath('//link[@rel="icon"]')
    assert [i.get("href") for i in icon] == ["data:,"]
    assert not tree.xpath('//link[@rel!="icon"]')
    return tree


def test_sample_page_is_self_contained_and_complete() -> None:
    a = sample()
    page = render_html(a, definitions=DEFINITIONS)
    tree = _check_page(page)
    assert tree.findtext(".//title").startswith("Ferry Tolls Spark Fury in Port Ellery")
    assert tree.xpath("string(//h1)") == "Ferry Tolls Spark Fury in Port Ellery"
    assert tree.xpath("string(//h2[contains(@class, 'k-heading')])") == "What Happens Next"
    kinds = tree.xpath("//*[@data-kind]/@data-kind")
    assert kinds == [
        "title", "dateline", "byline", "paragraph", "caption", "heading", "paragraph", "source",
        "disclaimer",
    ]  # fmt: skip
    # Each block is labelled with its kind's declared display name, never a guessed one.
    assert tree.xpath("//*[@data-kind]/@data-label") == [part_kind(k).display for k in kinds]
    assert tree.xpath("//figcaption[@data-kind='caption']")
    # Every finding appears in the table and is highlighted in the text.
    rows = tree.xpath("//table[contains(@class, 'ftable')]/tbody/tr")
    assert len(rows) == len(a.findings)
    ids = " ".join(tree.xpath("//mark/@data-ids")).split()
    assert {f.id for f in a.findings} <= set(ids)
    for finding in a.findings:
        assert finding.label in page and finding.explanation in page
    # The legend has every layer with a toggle, and the definitions given.
    layers = tree.xpath("//input[contains(@class, 'layer-toggle')]/@data-layer")
    assert sorted(layers) == sorted({f.layer for f in a.findings})
    assert "Words chosen for their emotional charge." in tree.xpath("string(//aside)")
    # Metadata, actors, pipeline.
    header = tree.xpath("string(//header)")
    assert "Odile Marchetti" in header and "Island Courier" in header
    assert "(as written: Two days ago, 09:30)" in header
    links = tree.xpath("//header//a/@href")
    assert "https://gazette.example.org/ferry-tolls" in links
    actors = tree.xpath("string(//section[contains(@class, 'actors')])")
    assert "alleged by Unnamed officials, sourcing: anonymous" in actors
    foot = tree.xpath("string(//footer)")
    assert "structure@1" in foot and "sentences@1" in foot and "0.1.0+test" in foot
    for anchor in tree.xpath("//a[starts-with(@href, 'http')]"):
        assert anchor.get("rel") == "noopener noreferrer nofollow"


def test_the_article_text_is_kept_exactly() -> None:
    a = sample()
    tree = lxml.html.document_fromstring(render_html(a, definitions={}))
    for element in tree.xpath("//*[@data-start]"):
        start, end = int(element.get("data-start")), int(element.get("data-end"))
        assert element.text_content() == a.document.text[start:end]


def test_overlapping_highlights_are_marked_and_styled_by_the_innermost() -> None:
    a = sample()
    tree = lxml.html.document_fromstring(render_html(a, definitions={}))
    by_id = {f.id: f for f in a.findings}
    (mark,) = [m for m in tree.xpath("//mark") if m.text == "disgraceful"]
    first, second = (by_id[k] for k in mark.get("data-ids").split())
    assert (first.label, second.label) == ("Loaded_Language", "Exaggeration")
    classes = mark.get("class").split()
    assert "multi" in classes and "layer-technique" in classes and "f" in classes
    assert mark.get("tabindex") == "0"


def test_script_data_holds_every_finding() -> None:
    a = sample()
    tree = lxml.html.document_fromstring(render_html(a, definitions=DEFINITIONS))
    data = json.loads(tree.get_element_by_id("findings-data").text)
    assert set(data["findings"]) == {f.id for f in a.findings}
    loaded = next(v for v in data["findings"].values() if v["label"] == "Loaded_Language")
    assert loaded["definition"] == DEFINITIONS["Loaded_Language"]
    assert loaded["explanation"] == "A strongly emotional word."


def test_script_json_cannot_close_its_element() -> None:
    value = {"x": "</script><!-- & \u2028\u2029 > \ud800"}
    raw = script_json(value)
    assert not re.search("[<>&\u2028\u2029\ud800]", raw)
    assert json.loads(raw)["x"].startswith("</script><!-- & \u2028")


def test_hostile_input_stays_inert() -> None:
    a = hostile()
    page = render_html(a, definitions={"<img src=x onerror=alert(9)>": HOSTILE_CLOSE})
    tree = _check_page(page)
    assert "<script>alert" not in page
    assert "<img" not in page
    assert "</script><script>" not in page
    assert 'href="javascript:' not in page.lower() and "href='javascript:" not in page.lower()
    assert "data:text/html" not in tree.xpath("//a/@href")
    assert not re.search(r"""onerror=(?!alert\(\d\)&gt;|alert\(\d\)\\u003e)""", page)
    assert not re.search(r'\son\w+="', page)
    assert "\x1b" not in page
    raw_data = page[page.index('id="findings-data">') :]
    raw_data = raw_data[: raw_data.index("</script>")]
    assert "\u2028" not in raw_data and "\u2029" not in raw_data and "<" not in raw_data[1:]
    # The hostile strings are shown as text, exactly.
    assert tree.xpath("string(//h1)") == f"{HOSTILE} headline"
    assert HOSTILE_IMG in tree.xpath("string(//article)")
    assert HOSTILE_CLOSE in tree.xpath("string(//article)")
    assert 'Eve" onmouseover="alert(4)' in tree.xpath("string(//header)")
    assert tree.get("lang") == "en" and not tree.xpath("//article[@lang]")
    header = tree.xpath("string(//header)")
    assert "javascript:alert(1)" in header and "data:text/html,<script>alert(5)</script>" in header
    assert not tree.xpath("//header//a")
    assert not tree.xpath("//article//a")  # neither in-text link is an http URL
    # And the data block decodes back to the very same strings.
    data = json.loads(tree.get_element_by_id("findings-data").text)
    labels = {v["label"] for v in data["findings"].values()}
    assert "<img src=x onerror=alert(9)>" in labels and "</script>" in labels
    first = next(v for v in data["findings"].values() if v["label"].startswith("<img"))
    assert first["explanation"] == f"explained by {HOSTILE_CLOSE}"
    assert first["definition"] == HOSTILE_CLOSE
    # Attributes in words: no null, and the technique's name is its label's, already shown.
    assert first["extra"] == []


def test_template_syntax_in_text_is_not_evaluated() -> None:
    page = render_html(hostile(), definitions={})
    assert "{{ 7*7 }}" in lxml.html.document_fromstring(page).xpath("string(//article)")


def test_empty_analysis_renders() -> None:
    page = render_html(analysis(Document("x", Metadata())), definitions={})
    tree = _check_page(page)
    assert "No findings." in tree.xpath("string(//body)")
    assert tree.xpath("string(//h1)") == "Untitled article"


def test_non_latin_text() -> None:
    text = "Новости дня\n\n市政府昨天宣布了新的预算计划。"
    doc = with_parts(text, ("title", "paragraph"), Metadata(language="zh"))
    a = analysis(doc, [span(doc, "新的预算", layer="claim", label="主张")])
    tree = _check_page(render_html(a, definitions={}))
    assert tree.xpath("string(//h1)") == "Новости дня"
    assert [m.text for m in tree.xpath("//mark")] == ["新的预算"]
    assert tree.xpath("//article/@lang") == ["zh"]


def test_text_between_parts_is_shown() -> None:
    text = "Title here\n\nloose text\n\nBody."
    doc = Document(text, Metadata(), parts=(Part("title", 0, 10), Part("paragraph", 24, 29)))
    a = analysis(doc, [span(doc, "loose", layer="claim", label="C")])
    tree = _check_page(render_html(a, definitions={}))
    assert tree.xpath("string(//*[@data-kind='text'])") == "loose text"


def test_definitions_default_to_the_taxonomy_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    module = types.ModuleType("spinscope.taxonomy")
    module.definitions = lambda: {"Bandwagon": "Join the crowd."}  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "spinscope.taxonomy", module)
    assert "Join the crowd." in render_html(sample())


def test_csp_hash_matches_a_known_value() -> None:
    # From the CSP specification's example: sha256 of "alert('Hello, world.');".
    assert (
        csp_hash("alert('Hello, world.');")
        == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    )


def test_real_pipeline_output_renders() -> None:
    a = spinscope.analyze("Market Day\n\nStall holders <b>cheered</b> the new square.")
    tree = _check_page(render_html(a, definitions={}))
    assert "<b>cheered</b>" in tree.xpath("string(//article)")


def test_the_example_article_renders(astana_path) -> None:  # type: ignore[no-untyped-def]
    text = astana_path.read_text("utf-8")
    a = spinscope.analyze(text, as_of=datetime.fromisoformat(ASTANA_AS_OF))
    tree = _check_page(render_html(a, definitions={}))
    assert len(tree.xpath("string(//article)")) >= len(text.strip()) * 0.9


def test_what_was_not_analysed_is_shown_escaped() -> None:
    from tests.report.builders import not_analysed

    a = not_analysed(sample(), "ru", HOSTILE)
    page = render_html(a, definitions={})
    tree = _check_page(page)
    (section,) = tree.xpath("//section[@class='not-analysed']")
    items = [" ".join(li.text_content().split()) for li in section.xpath(".//li")]
    assert items[0].startswith("techniques, check-worthiness, actors, ")
    assert items[0].endswith("(Russian: no model for this language)")
    assert items[1] == "allegations (needs actors, which did not run)"
    assert HOSTILE not in page  # shown as text, never markup
    assert not tree.xpath("//section[@class='not-analysed']//script")
    assert not _check_page(render_html(sample(), definitions={})).xpath(
        "//section[@class='not-analysed']"
    )


def test_the_summary_box_heads_the_article_column() -> None:
    tree = lxml.html.document_fromstring(render_html(sample()))
    (box,) = tree.xpath('//main/section[@id="summary"]')
    assert box.getnext().tag == "article"
    text = box.text_content()
    assert "In this article" in text
    assert "Persuasion techniques" in text and "Bandwagon" in text and "Exaggeration" in text
    assert "Allegations" in text and "Check-worthy claims" in text
    assert "Not analysed" in text and "every component ran" in text
    # The findings table sits outside the box that bounds the sticky legend.
    (table,) = tree.xpath('//section[@id="findings"]')
    (side,) = tree.xpath("//aside[@class='side']")
    assert table.getparent() is not side.getparent()
