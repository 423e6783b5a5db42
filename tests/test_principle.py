"""spinscope describes what a text says about people; it never scores a person.

No actor record, finding or report carries a per-person score, rating, loyalty or stance, and
allegations are always shown as allegations: who alleges them and on what sourcing, never
restated as fact.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from spinscope.analysis import Analysis, analysis_from_json
from spinscope.document import Document
from spinscope.ingest import read_inputs
from spinscope.pipeline import Pipeline
from spinscope.records import Actor, field_names
from spinscope.report import render
from spinscope.report.text import render_text
from tests.conftest import EXAMPLES

DESCRIPTOR_KEYS = {"text", "evaluative", "start", "end"}
# A field name that would judge a person: a score, rating, rank, loyalty, stance, worth ...
JUDGEMENT = re.compile(
    r"(?:^|_)(?:score|rating|rank|loyalty|loyal|stance|worth|credibility|reliability|bias|"
    r"sentiment|verdict|trustworthiness)(?:_|$)",
    re.IGNORECASE,
)
# The same words in a report's actor section.
JUDGEMENT_WORDS = re.compile(
    r"\b(?:score|rating|rank|loyalty|stance|credibility|reliability|verdict)\b", re.IGNORECASE
)
EXAMPLE_FILES = ("lakeside-grants-row.txt", "harbour-fund-affair.txt")


def _analysis(path: Path) -> Analysis:
    document = next(iter(read_inputs([str(path)])))
    assert isinstance(document, Document)
    return Pipeline()(document)


@pytest.fixture(scope="module", params=EXAMPLE_FILES)
def analysis(request: pytest.FixtureRequest) -> Analysis:
    return _analysis(EXAMPLES / request.param)


def _keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield str(key)
            yield from _keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _keys(inner)


def test_actor_records_hold_only_descriptive_fields(analysis: Analysis) -> None:
    data = json.loads(analysis.to_json())
    assert data["actors"], "the examples name people"
    finding_ids = {f["id"] for f in data["findings"]}
    for actor in data["actors"]:
        assert set(actor) == set(field_names(Actor))
        assert isinstance(actor["name"], str) and isinstance(actor["id"], str)
        assert actor["kind"] in ("person", "organisation", "place", "group")
        assert all(isinstance(a, str) for a in actor["aliases"])
        assert all(len(m) == 2 and all(isinstance(x, int) for x in m) for m in actor["mentions"])
        for descriptor in actor["descriptors"]:
            assert set(descriptor) == DESCRIPTOR_KEYS
            assert isinstance(descriptor["evaluative"], bool)  # about the words, not the person
        assert set(actor["allegations"]) <= finding_ids
        assert not [k for k in _keys(actor) if JUDGEMENT.search(k)]


def test_no_finding_aggregates_anything_per_person(analysis: Analysis) -> None:
    data = json.loads(analysis.to_json())
    actor_ids = {a["id"] for a in data["actors"]}
    for finding in data["findings"]:
        # a finding's score is about its text span; no other field may judge anyone
        extra = {k: v for k, v in finding.items() if k != "score"}
        assert not [k for k in _keys(extra) if JUDGEMENT.search(k)], finding
        for value in extra.values():
            # a mapping keyed by actors would be a per-person table: there is none
            assert not (isinstance(value, dict) and set(value) & actor_ids), finding


def _section(text: str, start: str, end: str) -> str:
    begin = text.index(start)
    return text[begin : text.index(end, begin + len(start))]


def test_text_report_shows_allegations_as_allegations(analysis: Analysis) -> None:
    report = render_text(analysis, width=1000, color=False)
    findings = [f for f in analysis.findings if f.layer == "allegation"]
    assert findings
    listed = _section(report, "Allegations ·", "Actors (")
    frames = [
        line for line in listed.splitlines() if re.search(r"; alleged by [^,]+, sourcing: ", line)
    ]
    assert len(frames) == len(findings)
    for line in frames:
        # the evidence and score (or, on a narrow console, the line above), then in words
        assert re.fullmatch(
            r"\s*(?:\[\d+\] “[^”]*”  [01]\.\d\d  )?against [^;]+; "
            r"alleged by [^,]+, sourcing: (named_with_link|named|anonymous|"
            r"hedged|unattributed)\s*",
            line,
        ), line
    actors = _section(report, "Actors (", "Pipeline")
    targets = re.findall(r"target of ((?:\[\d+\] ?)+)", actors)
    counted = sum(len(re.findall(r"\[\d+\]", numbers)) for numbers in targets)
    assert counted == sum(len(a.allegations) for a in analysis.actors)
    assert not JUDGEMENT_WORDS.search(actors) and not JUDGEMENT_WORDS.search(listed)


def test_html_report_shows_allegations_as_allegations(analysis: Analysis) -> None:
    html = render(analysis, "html")
    actors = _section(html, '<section class="actors"', "</section>")
    count = sum(len(a.allegations) for a in analysis.actors)
    assert len(re.findall(r"— [a-z ]+[^<]*?, scorer [01]\.\d\d; alleged by ", actors)) == count
    assert (
        len(
            re.findall(
                r", sourcing: (?:named_with_link|named|anonymous|hedged|"
                r"unattributed)</span>",
                actors,
            )
        )
        == count
    )
    assert not JUDGEMENT_WORDS.search(re.sub(r"<[^>]+>", " ", actors))


def test_allegation_findings_say_who_alleges_them(analysis: Analysis) -> None:
    allegations = [f for f in analysis.findings if f.layer == "allegation"]
    assert allegations
    for finding in allegations:
        assert finding.explanation.startswith("alleges ")
        assert re.search(r"; alleged by .+, sourcing: \w+$", finding.explanation)
        assert finding.attrs.alleged_by
        assert finding.attrs.sourcing in (
            "named_with_link",
            "named",
            "anonymous",
            "hedged",
            "unattributed",
        )


def test_json_round_trip_keeps_actors(analysis: Analysis) -> None:
    assert analysis_from_json(analysis.to_json()) == analysis


def test_corpus_trends_count_what_articles_say_and_never_score_anyone() -> None:
    from spinscope.corpus import analyse_corpus, render_corpus_report

    corpus = analyse_corpus([_analysis(EXAMPLES / name) for name in EXAMPLE_FILES])
    data = corpus.to_dict()
    assert not [k for k in _keys(data) if JUDGEMENT.search(k)]
    for row in data["trends"]["actors"]:
        # how often articles targeted an actor in a week: a count of texts, not a judgement
        assert set(row) == {"outlet", "week", "actor", "count"}
        assert isinstance(row["count"], int)
    html = render_corpus_report(corpus)
    assert "allegation" in html.lower()
