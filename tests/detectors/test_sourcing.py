"""Sourcing: cue findings and a grade for every claim sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.detectors.actors import build_cast
from spinscope.detectors.sourcing import (
    CUE_LABELS,
    claim_sentences,
    grade_sentences,
    sentence_grades,
)
from spinscope.document import Document, Link, Metadata
from spinscope.ingest import read_inputs
from spinscope.pipeline import Pipeline
from tests.conftest import EXAMPLES
from tests.detectors.builders import detect_actors

PREPARE = Pipeline(["structure", "sentences"])


def prepared(text: str, *, links: tuple[Link, ...] = ()) -> Document:
    return PREPARE(Document(text, Metadata(), links=links)).document


def grade_of(text: str, sentence: int = 0) -> str:
    document = prepared(text)
    grades = grade_sentences(document, build_cast(document)).grades
    return grades[claim_sentences(document)[sentence]].grade


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("Halvard Stenvik said that every payment had been checked twice.", "named"),
        ("According to Halvard Stenvik, every payment had been checked twice.", "named"),
        ("Every payment had been checked twice, Halvard Stenvik told reporters.", "named"),
        ("Our sources say that every payment was made in a single afternoon.", "anonymous"),
        ("A source close to the ministry said the contract was signed at night.", "anonymous"),
        ("Insiders describe the board as a club of old friends from school.", "anonymous"),
        (
            "Officials who spoke on condition of anonymity described the contract as rushed.",
            "anonymous",
        ),
        ("It is understood that the contract was signed in a single afternoon.", "hedged"),
        ("The contract was reportedly signed in a single afternoon.", "hedged"),
        ("It was reported that the contract was signed in a single afternoon.", "hedged"),
        ("The firm allegedly has no staff at all in the capital.", "hedged"),
        ("It is believed that the firm has no staff at all in the capital.", "hedged"),
        ("Rumour has it that the firm has no staff at all in the capital.", "hedged"),
        ("It seems that the firm has no staff at all in the capital.", "hedged"),
        ("The firm has no staff at all and no website in the capital.", "unattributed"),
    ],
)
def test_each_grade(text: str, grade: str) -> None:
    assert grade_of(text) == grade


def test_named_with_link() -> None:
    text = "Halvard Stenvik said that every payment had been checked twice."
    start = text.index("every")
    document = prepared(text, links=(Link(start, start + 13, "https://example.org/audit"),))
    sourcing = grade_sentences(document, build_cast(document))
    assert next(iter(sourcing.grades.values())).grade == "named_with_link"
    cue = next(f for f in sourcing.findings if f.label == "named_with_link")
    assert cue.attrs.speaker == "Halvard Stenvik"


def test_cue_findings_mark_the_cue_words() -> None:
    document = prepared("Our sources say that the contract was signed at night in Korsby.")
    cues = grade_sentences(document, build_cast(document)).findings
    assert [(f.label, document.text[f.start : f.end]) for f in cues] == [
        ("anonymous", "Our sources")
    ]
    assert cues[0].attrs.sentence == document.sentences[0]
    assert cues[0].attrs.speaker is None


def test_speaker_behind_an_apposition() -> None:
    document = prepared(
        "Selma Haugrud, a member of the Korsby Rowing Club, insists that the lake is dying."
    )
    cues = grade_sentences(document, build_cast(document)).findings
    assert [f.attrs.speaker for f in cues if f.label == "named"] == ["Selma Haugrud"]


def test_sources_inside_an_organisation_stay_anonymous() -> None:
    assert grade_of("Our sources in the Ministry of Transport say the deal was rushed.") == (
        "anonymous"
    )


def test_a_disclaimer_hedges_the_claim_before_it() -> None:
    document = prepared(
        "The mayor ordered the new pier in March. Later, the money went to a firm owned by his "
        "cousin. Whether that is true or not, we could not confirm."
    )
    sourcing = grade_sentences(document, build_cast(document))
    first, second, third = claim_sentences(document)
    assert sourcing.grades[first].grade == "unattributed"
    assert sourcing.grades[second].grade == "hedged"
    assert sourcing.grades[second].hedge == third
    assert sourcing.grades[third].grade == "hedged"


def test_sentence_grades_reads_the_findings_back() -> None:
    document = prepared(
        "Halvard Stenvik said the pier was safe. Our sources say it was not. "
        "Later, the money went to a firm owned by a cousin of the mayor. "
        "Whether that is true or not, we could not confirm. The pier collapsed on Sunday."
    )
    sourcing = grade_sentences(document, build_cast(document))
    expected = {key: grade.grade for key, grade in sourcing.grades.items()}
    assert sentence_grades(document, sourcing.findings) == expected
    assert list(expected.values()) == ["named", "anonymous", "hedged", "hedged", "unattributed"]


def test_questions_and_captions_are_not_claims() -> None:
    document = prepared(
        "Harbour Fears Grow\n\nWho will pay for the pier now?\n\nThe pier collapsed on Sunday."
    )
    texts = [document.text[s:e] for s, e in claim_sentences(document)]
    assert texts == ["The pier collapsed on Sunday."]


def test_labels_are_declared() -> None:
    document = prepared(
        "Halvard Stenvik said the pier was safe. Our sources say it was not. "
        "It is understood that the firm has no staff."
    )
    labels = {f.label for f in detect_actors(document).findings if f.layer == "sourcing"}
    assert labels <= set(CUE_LABELS)
    assert labels == {"named", "anonymous", "hedged"}


def _example(path: Path) -> Document:
    document = next(iter(read_inputs([str(path)])))
    assert isinstance(document, Document)
    return PREPARE(document).document


def test_lakeside_grants_row_grades() -> None:
    document = _example(EXAMPLES / "lakeside-grants-row.txt")
    findings = detect_actors(document).findings
    grades = sentence_grades(document, findings)
    by_start = {document.text[s : s + 30]: g for (s, _), g in grades.items()}

    def grade(prefix: str) -> str:
        return next(g for text, g in by_start.items() if text.startswith(prefix))

    assert grade("Stenvik said") == "named"
    assert grade("According to Finance") == "named"
    assert grade("Yet our sources") == "anonymous"
    assert grade("It is understood") == "hedged"
    assert grade("Rumour has it") == "hedged"
    assert grade("Later, it was reported") == "hedged"
    assert grade("A source close to") == "anonymous"
    assert grade("Officials who spoke") == "anonymous"
    assert grade("The Lakeside Trust was set up") == "unattributed"
    cues = {(f.label, document.text[f.start : f.end]) for f in findings if f.layer == "sourcing"}
    assert ("hedged", "It is understood") in cues
    assert ("anonymous", "our sources in") in cues or ("anonymous", "our sources") in cues


def test_the_real_article_grades(astana_path: Path) -> None:
    document = _example(astana_path)
    findings = detect_actors(document).findings
    cues = {(f.label, document.text[f.start : f.end]) for f in findings if f.layer == "sourcing"}
    assert ("hedged", "It is understood") in cues
    assert ("hedged", "it was reported") in cues
    assert ("hedged", "we cannot determine") in cues
    assert ("anonymous", "our sources") in cues


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("Prosecutors said Ola Brekke threw the ledger into the harbour at night.", "named"),
        ("Halvard Stenvik told the Korsby Herald that the audit had been rigged.", "named"),
        ("Selma Haugrud expressed concern that the council had broken its word.", "named"),
        (
            "Halvard Stenvik released a statement saying the board had hidden the losses.",
            "named",
        ),
        ("The losses were hidden for years, according to court documents.", "named"),
        ("Critics have accused the Korsby council of hiding the losses.", "anonymous"),
        ("The mayor has faced criticism over the missing harbour funds.", "anonymous"),
        ("The firm is believed to have hidden the losses for years.", "hedged"),
        ("The board appears to be covering for the treasurer again.", "hedged"),
        ("Ola Brekke tried to claim that the ledger had been lost at sea.", "unattributed"),
    ],
)
def test_attribution_read_from_the_parse(text: str, grade: str) -> None:
    assert grade_of(text) == grade


def test_institutional_and_unnamed_sources_keep_their_words() -> None:
    document = prepared(
        "Witnesses said the treasurer hid the ledger. "
        "According to court documents, the ledger was burned in March."
    )
    first, second = grade_sentences(document, build_cast(document)).grades.values()
    assert (first.grade, first.source) == ("anonymous", "Witnesses")
    assert (second.grade, second.source) == ("named", "court documents")


def test_a_pronoun_speaker_takes_the_source_before_it() -> None:
    document = prepared(
        "Prosecutors charged Ola Brekke with fraud on Monday. "
        "They said the treasurer had hidden the ledger in a boathouse."
    )
    grades = grade_sentences(document, build_cast(document)).grades
    second = grades[claim_sentences(document)[1]]
    assert second.grade == "named"
    attribution = second.at(second.start)
    assert attribution is not None and attribution.phrase == "Prosecutors"


def test_a_named_speaker_is_an_actor() -> None:
    document = prepared("Halvard Stenvik said the treasurer had hidden the ledger.")
    cast = build_cast(document)
    grade = next(iter(grade_sentences(document, cast).grades.values()))
    assert grade.speaker is not None
    assert cast.by_id(grade.speaker).name == "Halvard Stenvik"


def test_according_to_a_document_outranks_the_speaker_it_reports() -> None:
    document = prepared(
        "Halvard Stenvik said he burned the ledger in March, according to court documents."
    )
    grade = next(iter(grade_sentences(document, build_cast(document)).grades.values()))
    attribution = grade.at(grade.start)
    assert grade.grade == "named"
    assert attribution is not None and attribution.phrase == "court documents"


def test_a_source_behind_as_attributes_the_main_clause() -> None:
    assert grade_of("As Selma Haugrud wrote last week, the treasurer hid the ledger.") == "named"


def test_a_source_inside_a_relative_clause_covers_only_that_clause() -> None:
    document = prepared(
        "The treasurer, who Selma Haugrud said was honest, hid the ledger in a boathouse."
    )
    grade = next(iter(grade_sentences(document, build_cast(document)).grades.values()))
    assert grade.at(grade.start) is None


def test_a_charge_rests_on_the_indictment_before_it() -> None:
    document = prepared(
        "The Ministry of Justice unsealed an indictment against Torvald Aune on Friday. "
        "Aune was charged with two counts of fraud and one count of bribery."
    )
    cast = build_cast(document)
    grades = grade_sentences(document, cast).grades
    second = grades[claim_sentences(document)[1]]
    assert second.grade == "named"
    assert second.speaker is not None
    assert cast.by_id(second.speaker).name == "Ministry of Justice"


def test_a_charge_after_a_paragraph_break_is_the_authors() -> None:
    document = prepared(
        "The Ministry of Justice unsealed an indictment against Torvald Aune on Friday.\n\n"
        "Aune was charged with two counts of fraud and one count of bribery."
    )
    grades = grade_sentences(document, build_cast(document)).grades
    assert grades[claim_sentences(document)[1]].grade == "unattributed"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "The Harbour Gazette reported that Maren Solli claims Torvald Aune hit her.",
            "Maren Solli",
        ),
        (
            "The Fjord Times notes that customs officials are asking the ministry to "
            "investigate whether Torvald Aune broke the law.",
            "customs officials",
        ),
    ],
)
def test_an_outlet_gives_way_to_the_speaker_it_reports(text: str, source: str) -> None:
    document = prepared(text)
    cast = build_cast(document)
    grade = next(iter(grade_sentences(document, cast).grades.values()))
    attribution = grade.at(grade.start)
    assert grade.grade == "named" and attribution is not None
    found = cast.by_id(attribution.speaker).name if attribution.speaker else attribution.phrase
    assert found == source


def test_a_pronoun_speaker_keeps_the_source_it_was_before() -> None:
    document = prepared(
        "Solveig Hauge, a former teacher, spoke on Monday. "
        "“The bishop hid the letters from us,” she told Ingrid Lund of the Valley Herald. "
        "“He lied to every family in the parish,” she added."
    )
    cast = build_cast(document)
    grades = grade_sentences(document, cast).grades
    for key in claim_sentences(document)[1:]:
        attribution = grades[key].at(key[0])
        assert attribution is not None and attribution.speaker is not None
        assert cast.by_id(attribution.speaker).name == "Solveig Hauge"


def test_a_relative_who_speaks_for_the_name_before_it() -> None:
    document = prepared("Lund spoke with Ragna Vik as well, who said the bishop hid the letters.")
    cast = build_cast(document)
    grade = next(iter(grade_sentences(document, cast).grades.values()))
    assert grade.speaker is not None and cast.by_id(grade.speaker).name == "Ragna Vik"
