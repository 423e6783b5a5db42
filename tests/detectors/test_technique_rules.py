"""The technique rules: each rule fires on its pattern and stays quiet on a near miss."""

from __future__ import annotations

from spinscope.detectors.technique_rules import DETECTOR, LABELS, PRECISION, detect
from spinscope.document import Document, Span
from spinscope.sentences import sentence_bounds


def _document(text: str) -> Document:
    return Document(text, sentences=tuple(sentence_bounds(text)))


def _found(text: str, label: str) -> list[str]:
    document = _document(text)
    return [s.text_in(document) for s in detect(document) if s.label == label]


def test_repetition_marks_later_occurrences_of_a_phrase() -> None:
    text = "Keep the mill open.\nThe town needs it.\nWe say it again: keep the mill open."
    assert _found(text, "repetition") == ["keep the mill open"]


def test_repetition_ignores_names_and_single_occurrences() -> None:
    text = "The Harbour Renewal Fund met.\nAt noon the Harbour Renewal Fund closed."
    assert _found(text, "repetition") == []
    assert _found("The mill must stay open.\nNobody agrees.", "repetition") == []


def test_slogans_are_runs_of_capitals() -> None:
    assert _found("Our answer is simple.\nHANDS OFF OUR HARBOUR!", "slogans") == [
        "HANDS OFF OUR HARBOUR!"
    ]


def test_acronyms_are_not_slogans() -> None:
    assert _found("The NATO EU summit ended on Monday.", "slogans") == []


def test_scare_quotes_around_unattributed_words() -> None:
    text = 'The minister calls it reform, but this "partnership" is a giveaway.'
    assert _found(text, "loaded_language") == ['"partnership"']


def test_quotations_are_not_scare_quotes() -> None:
    text = 'The minister said "reform" twice.\nShe wrote: "we will win".'
    assert _found(text, "loaded_language") == []


def test_rhetorical_questions_outside_quotation() -> None:
    text = "The mayor signed the deal.\nWho will pay for this folly?"
    assert _found(text, "doubt") == ["Who will pay for this folly?"]


def test_quoted_or_tiny_questions_are_not_rhetorical() -> None:
    text = '"Who will pay for this folly?" asked a reader.\nWhy?'
    assert _found(text, "doubt") == []


def test_scores_are_the_measured_precisions() -> None:
    text = 'Keep the mill open!\nWho wants a "deal" like this?\nKEEP THE MILL OPEN!'
    spans: list[Span] = detect(_document(text))
    assert {s.label for s in spans} <= set(LABELS)
    for span in spans:
        assert span.score == PRECISION[span.label]
        assert span.detector == DETECTOR
        assert span.explanation.startswith("rule: ")
