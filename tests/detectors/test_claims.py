"""The claims detector: one check-worthiness finding per sentence of running text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spinscope.detectors.claims import (
    DETECTOR,
    checkworthiness_model,
    detect,
    explain,
    running_sentences,
)
from spinscope.document import Document, Part, Skipped
from spinscope.ingest import read_inputs
from spinscope.pipeline import Pipeline
from spinscope.textmodel import Contribution
from spinscope.vocabulary import part_kind
from tests.conftest import EXAMPLES

CLAIM = "The council spent 3.5 million crowns on the pier in 2023, 40 percent more than planned."
OPINION = "I think this is a shame, and we should all be angry."


def _document() -> Document:
    title = "Quiet Harbour"
    byline = "By Ada Vell"
    body = f"{CLAIM} {OPINION}"
    text = f"{title}\n{byline}\n{body}"
    body_start = len(title) + len(byline) + 2
    return Document(
        text,
        parts=(
            Part("title", 0, len(title)),
            Part("byline", len(title) + 1, len(title) + 1 + len(byline)),
            Part("paragraph", body_start, len(text)),
        ),
        sentences=(
            (0, len(title)),
            (len(title) + 1, len(title) + 1 + len(byline)),
            (body_start, body_start + len(CLAIM)),
            (body_start + len(CLAIM) + 1, len(text)),
        ),
    )


def test_scores_every_running_sentence_once() -> None:
    document = _document()
    findings = detect(document)
    texts = [f.text_in(document) for f in findings]
    assert texts == ["Quiet Harbour", CLAIM, OPINION]  # the byline is not running text
    assert all(f.layer == "claim" for f in findings)
    # the label is the model's decision: a rejected sentence is not labelled check-worthy
    assert [f.label for f in findings] == ["not_checkworthy", "checkworthy", "not_checkworthy"]
    assert all(f.detector == DETECTOR for f in findings)


def test_claim_outscores_opinion_and_heading() -> None:
    title, claim, opinion = detect(_document())
    threshold = checkworthiness_model().threshold
    assert claim.score > 0.8 > threshold > opinion.score
    assert title.score < threshold
    assert claim.attrs.checkworthy is True
    assert opinion.attrs.checkworthy is False
    assert "number '3.5'" in claim.explanation or "percentage '40 percent'" in claim.explanation
    assert claim.explanation.startswith("P(check-worthy) ")


def test_attribute_matches_threshold() -> None:
    threshold = checkworthiness_model().threshold
    for finding in detect(_document()):
        assert finding.attrs.checkworthy == (finding.score >= threshold)
        assert finding.label == ("checkworthy" if finding.attrs.checkworthy else "not_checkworthy")
        assert 0.0 <= finding.score <= 1.0


def test_document_without_parts_scores_all_sentences() -> None:
    document = Document(CLAIM, sentences=((0, len(CLAIM)),))
    assert len(detect(document)) == 1


def test_explain_picks_positive_readable_cues() -> None:
    parts = [
        Contribution("char", "ab", "ab", "", 3.0),
        Contribution("cue", "number", "3.5", "number", 2.0),
        Contribution("word", "the", "the", "", 1.5),
        Contribution("word", "voted", "voted", "", 1.0),
        Contribution("word", "voted for", "voted for", "", 0.9),
        Contribution("cue", "comparison", "more than", "comparison", 0.5),
        Contribution("word", "think", "think", "", -1.0),
    ]
    assert explain(parts) == "cues: number '3.5', 'voted', comparison 'more than'"
    assert explain(parts[-1:]) == "no cue of a checkable claim"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_examples(path: Path) -> None:
    item = next(iter(read_inputs([str(path)])))
    assert not isinstance(item, Skipped)
    analysis = Pipeline()(item)
    document = analysis.document
    claims = [f for f in analysis.findings if f.layer == "claim"]
    if document.meta.language != "en":  # the model reads English: the rest is not analysed
        assert claims == [] and "claims" in {n.component for n in analysis.not_analysed}
        return
    expected = running_sentences(document)
    assert sorted((f.start, f.end) for f in claims) == sorted(expected)
    for finding in claims:
        part = next(p for p in document.parts if p.start <= finding.start < p.end)
        assert part_kind(part.kind).claim_bearing
    numeric = [f.score for f in claims if re.search(r"\d", f.text_in(document))]
    other = [f.score for f in claims if not re.search(r"\d", f.text_in(document))]
    if numeric and other:
        assert sum(numeric) / len(numeric) > sum(other) / len(other)
    opinions = [f.score for f in claims if re.search(r"\bshould\b|\?$", f.text_in(document))]
    if opinions and numeric:
        assert max(opinions) < max(numeric)
