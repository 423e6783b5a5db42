from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import lxml.html

from spinscope.analysis import Analysis
from spinscope.corpus.precompute import write_corpus_report
from spinscope.corpus.records import CorpusRecord
from spinscope.corpus.report import (
    analyse_corpus,
    corpus_report_from_analyses,
    render_corpus_report,
)
from spinscope.corpus.vega import chart_scripts
from spinscope.document import Document, Metadata
from spinscope.pipeline import Pipeline
from spinscope.store import Store
from tests.corpus.builders import (
    CLAIM,
    HOSTILE,
    built,
    hostile_corpus,
    hostile_corpus_and_echo,
    sentence_ranges,
)


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _check(page: str) -> lxml.html.HtmlElement:
    tree = lxml.html.document_fromstring(page)
    (meta,) = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]')
    policy = dict(d.strip().split(" ", 1) for d in meta.get("content").split(";"))
    assert policy["default-src"] == "'none'"
    (style,) = tree.xpath("//style")
    scripts = tree.xpath("//script[not(@type)]")
    assert policy["style-src"] == _sha(style.text)
    # Every inline script runs by its hash: the vendored Vega ones, then the report's own.
    assert policy["script-src"] == " ".join(_sha(s.text) for s in scripts)
    assert [s.text for s in scripts[:-1]] == list(chart_scripts())
    assert "unsafe" not in meta.get("content")
    assert [s.get("type") for s in tree.xpath("//script[@type]")] in ([], ["application/json"])
    assert not tree.xpath("//*[@src]") and not tree.xpath("//link[@rel='stylesheet']")
    for element in tree.iter():
        for name in element.attrib:
            assert not name.lower().startswith("on"), (element.tag, name)
        if element.tag == "a":
            href = element.get("href", "")
            csv = "data:text/csv;charset=utf-8;base64,"
            assert href.startswith(("https://", "http://", "#", csv))
    return tree


def test_hostile_strings_are_escaped_everywhere() -> None:
    page = corpus_report_from_analyses(hostile_corpus(), title=HOSTILE, translations=False)
    tree = _check(page)
    for vendored in chart_scripts():  # Vega's own code builds its own markup
        page = page.replace(vendored, "")
    assert "<script>alert" not in page and "<img" not in page and "<b>" not in page
    assert "javascript:" not in "".join(a.get("href", "") for a in tree.iter("a"))
    assert "\u202e" not in page
    text = tree.text_content()
    assert HOSTILE in text  # shown as text, not run
    assert tree.xpath("//section[@id='chains']//del") and tree.xpath("//section[@id='chains']//ins")
    (data,) = tree.xpath("//script[@id='corpus-chart-data']")
    assert "<" not in data.text and ">" not in data.text  # escaped inside the JSON block
    assert json.loads(data.text)["outlets"]  # and still the JSON the charts read


def test_report_sections_show_the_corpus() -> None:
    corpus = analyse_corpus(hostile_corpus_and_echo(), translations=False)
    assert corpus.limitations == ("translations were not looked for (switched off)",)
    assert len(corpus.chains) == 1 and len(corpus.chains[0].members) == 3
    # By meaning: the payments claim and the name-calling are two narratives, each in the chain
    # (counted once) and the fourth article.
    assert [len(n.articles) for n in corpus.narratives] == [2, 2]
    data = corpus.to_dict()
    json.dumps(data)
    assert data["summary"]["articles"] == 4 and data["summary"]["undated"] == 1
    tree = _check(render_corpus_report(corpus))
    assert len(tree.xpath("//table[@id='narrative-table']/tbody/tr")) == 2
    (actors,) = tree.xpath("//section[@id='actors']")
    assert actors.xpath(".//table[@class='heat']")
    assert "allegations each outlet's articles made" in actors.text_content()
    (data,) = tree.xpath("//script[@id='corpus-chart-data']")
    assert "Name calling or labelling" in json.loads(data.text)["techniques"]
    (csv_link,) = tree.xpath("//section[@id='techniques']//a[@download]")
    assert csv_link.get("download") == "spinscope-corpus-series.csv"


def test_narratives_by_wording_when_meanings_are_switched_off() -> None:
    corpus = analyse_corpus(hostile_corpus_and_echo(), translations=False, meanings=False)
    assert corpus.limitations[-1] == "narratives are grouped by shared wording (switched off)"
    assert len(corpus.narratives) == 2  # the claim, and the name-calling ("Fenn", "crook")
    assert corpus.narrative_method.encoder is None
    assert corpus.to_dict()["narrative_method"]["encoder"] == "tf-idf"
    (section,) = _check(render_corpus_report(corpus)).xpath("//section[@id='narratives']")
    assert "grouped by shared wording (TF-IDF similarity" in section.text_content()


def test_the_narratives_section_names_the_encoder_that_ran() -> None:
    corpus = analyse_corpus(hostile_corpus(), translations=False)
    assert corpus.narrative_method.encoder is not None  # the multilingual extra is installed
    (section,) = _check(render_corpus_report(corpus)).xpath("//section[@id='narratives']")
    text = " ".join(section.text_content().split())
    assert f"by shared meaning (sentence encoder {corpus.narrative_method.encoder}" in text
    assert "TF-IDF" not in text


def test_an_empty_corpus_still_renders() -> None:
    tree = _check(corpus_report_from_analyses([], translations=False))
    assert "No technique findings" in tree.text_content()


def test_report_from_real_analyses() -> None:
    pipeline = Pipeline(["structure", "sentences", "language", "claims", "actors"])
    story = (
        "Harbour board under fire\n\nThe harbour board of Ostby approved a dredging contract worth "
        "12 million crowns on Monday. Critics say board chair Signe Holloway took bribes from the "
        "contractor. Holloway denied the claim and said every document would be published.\n"
    )
    analyses = [
        pipeline(Document(story, Metadata(site="Bay Courier", published="2025-03-03"))),
        pipeline(
            Document(
                story.replace("Monday", "Tuesday") + "\nShare your reactions below.\n",
                Metadata(site="Daily Spark", published="2025-03-04"),
            )
        ),
    ]
    corpus = analyse_corpus(analyses, translations=False)
    assert len(corpus.chains) == 1
    (chain,) = corpus.chains
    assert chain.members[0].outlet == "Bay Courier" and chain.members[1].role == "copy"
    page = corpus_report_from_analyses(analyses, translations=False)
    assert "Tuesday" in lxml.html.document_fromstring(page).xpath("string(//ins)")


def test_each_targeted_actor_lists_the_sentences_it_is_counted_for() -> None:
    corpus = analyse_corpus(hostile_corpus(), translations=False)
    (record, *_) = corpus.records
    (pair,) = record.target_pairs()
    assert pair[0] == f"Aldo Fenn {HOSTILE}" and pair[1] is not None
    assert record.text[slice(*pair[1])].startswith("Critics call Fenn")
    tree = _check(render_corpus_report(corpus))
    (actors,) = tree.xpath("//section[@id='actors']")
    items = actors.xpath(".//details[@class='sentences']//li")
    assert len(items) == 3  # one per count: the three outlets' tables, one sentence each
    assert all("Critics call Fenn" in li.text_content() for li in items)
    hrefs = sorted(a.get("href") for a in actors.xpath(".//details//a"))
    assert hrefs == ["https://e0.example/a", "https://e2.example/a"]  # javascript: is not linked


def test_the_sentences_link_where_the_caller_says() -> None:
    from spinscope.corpus.report import render_corpus_sections

    corpus = analyse_corpus(hostile_corpus(), translations=False)
    sections = render_corpus_sections(corpus, document_href=lambda r: f"/documents/{r.id}")
    tree = lxml.html.fragment_fromstring(str(sections), create_parent="div")
    hrefs = {a.get("href") for a in tree.xpath(".//details[@class='sentences']//a")}
    assert hrefs == {f"/documents/{r.id}" for r in corpus.records}


def test_records_without_sentences_for_their_targets_still_count() -> None:
    from spinscope.corpus.records import CorpusRecord

    record = CorpusRecord(id="x", text="t", targets=("A", "B"))
    assert record.target_pairs() == [("A", None), ("B", None)]


def test_the_corpus_counts_articles_per_language_and_what_was_not_analysed() -> None:
    from tests.languages import ENGLISH, KAZAKH, RUSSIAN, english_only

    names = ["structure", "sentences", "language", "claims", "actors"]
    pipeline = Pipeline(names, registry=english_only())
    analyses = [
        pipeline(Document(text, Metadata(site=site, published="2025-03-03")))
        for text, site in (
            (ENGLISH, "River Herald"),
            (ENGLISH.replace("River", "Lake"), "Lake Herald"),
            (RUSSIAN, "Речной вестник"),
            (KAZAKH, f"Өзен {HOSTILE}"),
        )
    ]
    corpus = analyse_corpus([*analyses, analyses[2]], translations=False)  # a repeat counts once
    counts = {c.language: c for c in corpus.languages}
    assert [c.language for c in corpus.languages] == ["en", "kk", "ru"]
    assert counts["en"].documents == 2 and counts["en"].not_analysed == ()
    assert [(n.component, n.reason, k) for n, k in counts["ru"].not_analysed] == [
        ("claims", "unsupported_language", 1),
        ("actors", "unsupported_language", 1),
    ]
    assert json.loads(json.dumps(corpus.to_dict()))["languages"][2]["not_analysed"][0] == {
        "component": "claims",
        "language": "ru",
        "reason": "unsupported_language",
        "needs": None,
        "documents": 1,
    }
    tree = _check(render_corpus_report(corpus))
    (section,) = tree.xpath("//section[@id='languages']")
    rows = [
        [" ".join(td.text_content().split()) for td in tr.xpath("td")]
        for tr in section.xpath(".//tbody/tr")
    ]
    assert rows == [
        ["English", "2", "everything analysed"],
        ["Kazakh", "1", "check-worthiness, actors (Kazakh: no model for this language): 1 of 1"],
        ["Russian", "1", "check-worthiness, actors (Russian: no model for this language): 1 of 1"],
    ]
    summary = tree.xpath("string(//dl[@class='summary'])")
    assert "English 2, Kazakh 1, Russian 1" in " ".join(summary.split())


def test_each_chain_shows_its_origin_evidence_or_order_unknown() -> None:
    corpus = analyse_corpus(hostile_corpus(), translations=False)
    (chain,) = corpus.chains
    (section,) = _check(render_corpus_report(corpus)).xpath("//section[@id='chains']")
    (evidence,) = section.xpath(".//p[contains(@class, 'evidence')]")
    heading = {"link": "established by a link", "date": "established by dates"}.get(
        chain.evidence.kind, "Order unknown" if chain.evidence.kind == "unknown" else "outside"
    )
    assert heading in evidence.text_content()
    if chain.origin is None:
        assert not section.xpath(".//span[contains(@class, 'r-origin')]")


def test_the_report_file_comes_with_a_csv_of_every_series(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    with Store.open(db) as store:
        for analysis in hostile_corpus():
            store.save_analysis(analysis)
    html = tmp_path / "out" / "corpus.html"
    html.parent.mkdir()
    written = write_corpus_report(db, html)
    assert written == tmp_path / "out" / "corpus.series.csv"
    rows = written.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "chart,series,outlet,week,numerator,denominator,value"
    assert any(r.startswith("technique_share,Name calling or labelling,all outlets,") for r in rows)
    _check(html.read_text(encoding="utf-8"))
    assert sorted(p.name for p in html.parent.iterdir()) == ["corpus.html", "corpus.series.csv"]


def _retellings() -> list[Analysis]:
    """Two articles outside the hostile chain that repeat its claim in their own stories."""
    stories = [
        "The ferry timetable for Vessgrad changes in May, the port office said on Friday. "
        f"{CLAIM} Passengers should check the new sailing times before they travel.",
        "Fishermen in Lindqvist Bay held a meeting about the new quotas on Thursday evening. "
        f"{CLAIM} The cooperative will send its answer to the ministry next month.",
    ]
    return [
        built(
            text,
            meta=Metadata(site=f"Gazette {i}", published="2025-03-12", language="en"),
            sentences=sentence_ranges(text),
            findings=[(CLAIM, "claim", "checkworthy", 0.9, {"checkworthy": True})],
        )
        for i, text in enumerate(stories)
    ]


def test_every_chain_member_narrative_sentence_and_allegation_links_to_its_document() -> None:
    from spinscope.corpus.report import render_corpus_sections
    from spinscope.web.corpus import document_page

    corpus = analyse_corpus([*hostile_corpus(), *_retellings()], translations=False)
    ids = {r.id for r in corpus.records}
    tree = lxml.html.fragment_fromstring(
        str(render_corpus_sections(corpus, document_href=document_page)), create_parent="div"
    )

    def targets(xpath: str) -> list[str]:
        hrefs = [a.get("href") for a in tree.xpath(xpath)]
        assert hrefs and all(h.startswith("/documents/") for h in hrefs), xpath
        return [h.removeprefix("/documents/") for h in hrefs]

    chain_links = targets("//section[@id='chains']//tbody/tr/td[5]/a")
    assert sorted(chain_links) == sorted(m.id for m in corpus.chains[0].members)
    narrative = corpus.narratives[0]
    members = targets(f"//tr[@id='{narrative.id}']//details//li/span/a")
    assert sorted(members) == sorted(s.document_id for s in narrative.members)
    targets(f"//tr[@id='{narrative.id}']/td[2]/span/a")  # the representative sentences
    allegations = targets("//section[@id='actors']//details//li/span/a")
    assert set(allegations) <= ids and len(allegations) == 3
    # In the self-contained report the links go to the articles' own http(s) addresses.
    report = _check(render_corpus_report(corpus))
    hrefs = {a.get("href") for a in report.xpath("//section[@id='chains']//tbody//a")}
    assert hrefs == {"https://e0.example/a", "https://e2.example/a"}  # not javascript:


def test_the_outlets_table_counts_articles_and_what_the_trends_count() -> None:
    story = (
        "The harbour board of Ostby met on Monday to discuss the dredging contract, and board "
        "member Otto Ferrand said it had been awarded without a proper tender to a friend."
    )
    records = [
        CorpusRecord(id="a", text=story, site="Bay Courier", published="2025-03-03"),
        CorpusRecord(id="b", text=story + " Updated.", site="Bay Courier", published="2025-03-04"),
        CorpusRecord(id="c", text="A note on the Vessgrad ferry timetable.", site="Echo"),
    ]
    tree = _check(render_corpus_report(analyse_corpus(records, translations=False)))
    rows = tree.xpath("//section[@id='outlets']//tbody/tr")
    cells = [[td.text_content() for td in row.xpath("td")] for row in rows]
    assert cells == [["Bay Courier", "2", "1"], ["Echo", "1", "1"]]


def test_an_actor_row_lists_the_counted_sentences_and_the_merged_spellings() -> None:
    story = (
        "The harbour board of Ostby met on Monday. Critics say Liane Orsk took bribes from the "
        "dredging firm, and the council will vote on the contract next week in the old hall."
    )
    start = story.index("Critics")
    sentence = (start, story.index(" and the council"))
    other = "A short note: L. Orsk was accused of hiding the ferry costs by the opposition."

    def rec(rid: str, text: str, site: str, name: str, day: str) -> CorpusRecord:
        span = sentence if text.startswith("The harbour") else (0, len(text))
        return CorpusRecord(
            id=rid,
            text=text,
            site=site,
            published=day,
            targets=(name,),
            target_sentences=(span,),
            allegations=1,
        )

    records = [
        rec("a", story, "Bay Courier", "Liane Orsk", "2025-03-03"),
        rec("b", story + " Updated.", "Bay Courier", "Liane Orsk", "2025-03-04"),  # a copy
        rec("c", other, "Echo", "L. Orsk", "2025-03-05"),
    ]
    tree = _check(render_corpus_report(analyse_corpus(records, translations=False)))
    (courier,) = [
        t for t in tree.xpath("//section[@id='actors']//table") if "Liane Orsk" in t.text_content()
    ][:1]
    (row,) = courier.xpath(".//tbody/tr")
    assert row.xpath("td")[0].text_content() == "1"  # the copy counts once
    items = [li.text_content() for li in row.xpath(".//details//li")]
    assert items[0] == "Also written as: L. Orsk"
    assert len(items) == 2 and "Liane Orsk took bribes" in items[1]
