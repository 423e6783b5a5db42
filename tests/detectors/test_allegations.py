"""Allegations: types, targets, group references, who alleges them and on what sourcing."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest

from spinscope.detectors.allegation_targets import sentence_target
from spinscope.detectors.allegations import _has_quote, _next_to
from spinscope.detectors.cast import Mention
from spinscope.detectors.lexicons import ALLEGATION_TYPES, RULE_TYPES
from spinscope.document import Document, Metadata, Span
from spinscope.ingest import read_inputs
from spinscope.nlp import parse_syntax
from spinscope.pipeline import Pipeline
from spinscope.records import to_data
from tests.conftest import EXAMPLES
from tests.detectors.builders import detect_actors

PREPARE = Pipeline(["structure", "sentences"])


def run(document: Document) -> tuple[list[Span], dict[str, dict[str, Any]]]:
    result = detect_actors(document)
    found = [f for f in result.findings if f.layer == "allegation"]
    return found, {a.id: to_data(a) for a in result.actors}


def allegations(text: str) -> list[tuple[str, list[str], str, str]]:
    """(type, target names, alleged_by, sourcing) of each allegation in ``text``."""
    found, actors = run(PREPARE(Document(text, Metadata())).document)
    out = []
    for finding in found:
        names = [actors[t]["name"] for t in finding.attrs.targets]
        by = finding.attrs.alleged_by
        out.append(
            (
                finding.label,
                names,
                actors[by]["name"] if by in actors else by,
                finding.attrs.sourcing,
            )
        )
    return out


@pytest.mark.parametrize(
    ("text", "kind", "targets"),
    [
        (
            "Halvard Stenvik illegally signed the harbour contracts without a tender.",
            "crime",
            ["Halvard Stenvik"],
        ),
        (
            "Halvard Stenvik embezzled part of the harbour fund in 2021.",
            "corruption",
            ["Halvard Stenvik"],
        ),
        (
            "Commentator Ivar Lindqvist, who received grants from foreign foundations, "
            "praised the fund.",
            "foreign_funding",
            ["Ivar Lindqvist"],
        ),
        (
            "Everyone in Korsby knows that Ivar Lindqvist is a foreign agent of the East.",
            "foreign_funding",
            ["Ivar Lindqvist"],
        ),
        (
            "Halvard Stenvik holds an Eastlandic passport, although dual citizenship is forbidden.",
            "disloyalty",
            ["Halvard Stenvik"],
        ),
        (
            "Petra Solberg is tirelessly working to damage relations with the neighbours.",
            "disloyalty",
            ["Petra Solberg"],
        ),
        (
            "Tamsin Vora and Jorunn Kvale continue to incite ethnic hatred in the villages.",
            "extremism",
            ["Tamsin Vora", "Jorunn Kvale"],
        ),
        (
            "Petra Solberg, once a critic of the fund, has suddenly changed her tune.",
            "hypocrisy",
            ["Petra Solberg"],
        ),
    ],
)
def test_each_type(text: str, kind: str, targets: list[str]) -> None:
    found = allegations(text)
    assert any(k == kind and t == targets for k, t, _, _ in found), found


def test_types_are_the_declared_labels() -> None:
    assert set(ALLEGATION_TYPES) == {
        "crime",
        "corruption",
        "foreign_funding",
        "disloyalty",
        "extremism",
        "hypocrisy",
        "abuse",
        "lying",
        "other",
    }


def test_a_cue_without_a_named_target_is_no_allegation() -> None:
    assert allegations("Money for the pier was embezzled, and nobody was ever charged.") == []
    assert allegations("Representatives of some foreign-funded groups sat in the hall.") == []


def test_places_are_never_targets() -> None:
    assert allegations("In Korsby, contracts are signed illegally every week.") == []


def test_words_in_quotation_marks_are_not_the_texts_allegation() -> None:
    text = 'Liane Orsk called the project "a monument to corruption" for years.'
    assert allegations(text) == []


def test_group_reference_resolves_to_the_people_just_named() -> None:
    found = allegations(
        "The rally was organised by Tamsin Vora, Jorunn Kvale and Ivar Lindqvist. "
        "Later, it was reported that the money raised ended up in the pockets of these "
        "activists."
    )
    assert (
        "corruption",
        ["Tamsin Vora", "Jorunn Kvale", "Ivar Lindqvist"],
        "author",
        "hedged",
    ) in (found)


def test_pronoun_target_and_hedge_attribute() -> None:
    document = PREPARE(
        Document(
            "Halvard Stenvik chairs the harbour board. It is understood that he holds an "
            "Eastlandic passport. Whether that is true or not, we could not confirm.",
            Metadata(),
        )
    ).document
    found, actors = run(document)
    disloyalty = next(f for f in found if f.label == "disloyalty")
    assert [actors[t]["name"] for t in disloyalty.attrs.targets] == ["Halvard Stenvik"]
    assert disloyalty.attrs.sourcing == "hedged"
    assert disloyalty.attrs.hedge == document.sentences[2]
    assert disloyalty.id in actors[disloyalty.attrs.targets[0]]["allegations"]


def test_alleged_by_a_named_source() -> None:
    found = allegations("Selma Haugrud said that Halvard Stenvik embezzled the harbour money.")
    assert ("corruption", ["Halvard Stenvik"], "Selma Haugrud", "named") in found


def test_a_self_statement_is_the_authors_report() -> None:
    found = allegations(
        "Mayor Edda Rasmussen declared that she saw it as her own duty to warn the smugglers."
    )
    assert found and all(f[2:] == ("author", "unattributed") for f in found)


def test_a_statement_about_someone_else_keeps_its_speaker() -> None:
    found = allegations("Selma Haugrud admitted that Halvard Stenvik had embezzled the money.")
    assert ("corruption", ["Halvard Stenvik"], "Selma Haugrud", "named") in found


def test_an_accused_named_by_role_only() -> None:
    found = allegations(
        "Senator Ana Verro met donors in Kessel on Monday. "
        "The senator was accused of fraud, police said."
    )
    assert [f[1] for f in found] == [["Ana Verro"]]
    found = allegations(
        "Police arrested Karl Ostrin, the fund's treasurer, on Monday. "
        "The treasurer is suspected of stealing $2 million from the fund."
    )
    assert len(found) == 2 and all(f[1] == ["Karl Ostrin"] for f in found)


def test_relative_clause_is_its_own_allegation() -> None:
    document = PREPARE(
        Document(
            "The rally was led by journalist Ivar Lindqvist, who took grants from the "
            "U.S. Agency for International Development, and by Tamsin Vora.",
            Metadata(),
        )
    ).document
    found, _ = run(document)
    finding = next(f for f in found if f.label == "foreign_funding")
    assert document.text[finding.start : finding.end].startswith("Ivar Lindqvist, who took grants")


def _example(path: Path) -> tuple[Document, list[Span], dict[str, dict[str, Any]]]:
    document = next(iter(read_inputs([str(path)])))
    assert isinstance(document, Document)
    document = PREPARE(document).document
    found, actors = run(document)
    return document, found, actors


def _by_name(actors: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {a["name"]: a for a in actors.values()}


def test_lakeside_grants_row_allegations() -> None:
    _, found, actors = _example(EXAMPLES / "lakeside-grants-row.txt")
    kinds = {
        (f.label, tuple(actors[t]["name"] for t in f.attrs.targets), f.attrs.sourcing)
        for f in found
    }
    assert ("disloyalty", ("Halvard Stenvik",), "hedged") in kinds
    assert ("extremism", ("Tamsin Vora", "Jorunn Kvale"), "unattributed") in kinds
    assert ("corruption", ("Tamsin Vora", "Jorunn Kvale"), "hedged") in kinds
    assert ("foreign_funding", ("Ivar Lindqvist",), "unattributed") in kinds
    assert ("corruption", ("Ivar Lindqvist",), "hedged") in kinds
    assert ("crime", ("Lakeside Trust",), "anonymous") in kinds
    assert ("hypocrisy", ("Petra Solberg",), "unattributed") in kinds
    assert set(RULE_TYPES) <= {f.label for f in found} <= set(ALLEGATION_TYPES)
    pockets = next(f for f in found if f.label == "corruption" and f.attrs.hedge)
    assert pockets.attrs.alleged_by == "author"


def test_harbour_fund_affair_allegations() -> None:
    _, found, actors = _example(EXAMPLES / "harbour-fund-affair.txt")
    names = _by_name(actors)
    assert names["Liane Orsk"]["allegations"]
    doorn = [f for f in found if f.id in names["Kaspar Doorn"]["allegations"]]
    assert [(f.label, f.attrs.sourcing) for f in doorn] == [("foreign_funding", "hedged")]
    deal = next(
        f for f in found if f.label == "corruption" and f.id in names["Liane Orsk"]["allegations"]
    )
    assert deal.attrs.sourcing == "hedged" and deal.attrs.hedge is not None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_the_real_article_allegations(astana_path: Path) -> None:
    document, found, actors = _example(astana_path)
    names = _by_name(actors)
    counts = {name: len(a["allegations"]) for name, a in names.items()}
    top = max(counts, key=lambda n: counts[n])
    assert top == "Togzhan Kozyalieva" and counts[top] >= 3
    mine = [f for f in found if f.id in names["Togzhan Kozyalieva"]["allegations"]]
    passport = [f for f in mine if "passport" in document.text[f.start : f.end]]
    assert any(f.label == "disloyalty" and f.attrs.sourcing == "hedged" for f in passport)
    pockets = next(f for f in mine if "pockets" in document.text[f.start : f.end])
    assert pockets.label == "corruption"
    assert pockets.attrs.sourcing in ("anonymous", "hedged")
    hedge = pockets.attrs.hedge
    assert hedge is not None and "we cannot determine" in document.text[hedge[0] : hedge[1]]
    for name in ("Vadim Poleiko", "Dosym Satpayev"):
        funding = [
            f for f in found if f.label == "foreign_funding" and f.id in names[name]["allegations"]
        ]
        assert len(funding) == 1, name
        assert funding[0].attrs.sourcing == "unattributed"
        assert funding[0].attrs.alleged_by == "author"
        assert document.text[funding[0].start : funding[0].end].startswith(name)
    poleiko = next(
        f
        for f in found
        if f.label == "foreign_funding" and f.id in names["Vadim Poleiko"]["allegations"]
    )
    assert _digest(document.text[poleiko.start : poleiko.end]) == POLEIKO_CLAUSE


# sha256 of the relative clause that says where Poleiko's funding came from (the clause itself
# stays out of the repository).
POLEIKO_CLAUSE = "b20d5178029295c2991b5e808faa98a3a7450cf9766e95cae5ca0edfadacdf0b"


def _target(text: str, names: dict[str, str], roles: dict[str, str] | None = None) -> str | None:
    doc = parse_syntax([text])[0]
    mentions = [
        Mention(m.start(), m.end(), actor, 0, "model")
        for words, actor in names.items()
        for m in re.finditer(re.escape(words), text)
    ]
    return sentence_target(doc, 0, mentions, None, roles or {})


def test_the_outlet_told_is_not_the_accused() -> None:
    text = "Lawyer Mina Dorr told Radio Vessel that the defendant's conduct met the standard."
    names = {"Mina Dorr": "a1", "Radio Vessel": "a2"}
    assert _target(text, names, {"defendant": "a3"}) == "a3"
    assert _target("Mina Dorr told Radio Vessel that the deal was a theft.", names) != "a2"


def test_the_agent_of_a_passive_is_the_one_acting() -> None:
    text = "The bullet hit her after it was fired by Teo Vask near the pier."
    assert _target(text, {"her": "a1", "Teo Vask": "a2"}) == "a2"


def test_a_name_after_a_cue_in_a_phrase_of_its_own_is_not_the_target() -> None:
    assert _next_to(" the pockets of ")
    assert not _next_to(" from a ")  # "stolen from a Harbour Patrol officer"
    assert not _next_to(" case against him for violating an ")
    assert not _target(
        "The pistol, stolen from a Harbour Patrol officer, fired.", {"a Harbour Patrol": "a1"}
    )


def test_parse_marks_show_the_accused_the_subject_and_the_source() -> None:
    from spinscope.detectors.actors import build_cast
    from spinscope.detectors.allegation_model import (
        ACCUSED_MARK,
        SOURCED_MARK,
        SUBJECT_MARK,
        TARGET_MARK,
    )
    from spinscope.detectors.allegations import parse_marks
    from spinscope.detectors.sourcing import grade_sentences

    text = (
        "Harbour news.\n\nInspector Vida Loren said that Osk Tamber embezzled the ferry fund.\n\n"
        "Osk Tamber opened a new library on Tuesday."
    )
    document = PREPARE(Document(text, Metadata())).document
    cast = build_cast(document)
    grades = grade_sentences(document, cast).grades
    marks = {
        document.text[s.start : s.end]: parse_marks(
            cast, grades, i, parse_syntax([document.text[s.start : s.end]])[0], document.text
        )
        for i, s in enumerate(cast.parse.sentences)
    }
    accused = next(m for s, m in marks.items() if "embezzled" in s)
    assert {ACCUSED_MARK, SUBJECT_MARK, SOURCED_MARK, TARGET_MARK} <= set(accused)
    plain = next(m for s, m in marks.items() if "library" in s)
    assert ACCUSED_MARK not in plain and SOURCED_MARK not in plain


def test_a_sentence_after_a_cue_word_carries_the_context_mark() -> None:
    from spinscope.detectors.actors import build_cast
    from spinscope.detectors.allegation_model import CONTEXT_MARK
    from spinscope.detectors.allegations import sentence_units
    from spinscope.detectors.sourcing import grade_sentences

    text = (
        "Harbour news.\n\nThe ferry fund was embezzled last spring.\n\n"
        "Osk Tamber chaired its board at the time.\n\n"
        "Osk Tamber opened a new library on Tuesday."
    )
    document = PREPARE(Document(text, Metadata())).document
    cast = build_cast(document)
    grades = grade_sentences(document, cast).grades
    marked = {
        document.text[u.start : u.end]: CONTEXT_MARK in u.text.split()
        for u in sentence_units(document, cast, grades)
    }
    assert marked["Osk Tamber chaired its board at the time."]
    assert not marked["Osk Tamber opened a new library on Tuesday."]


@pytest.mark.parametrize(
    ("sentence", "quoted"),
    [
        ("‘Oren Falk is a disgrace to this harbour and to every one of us!’", True),
        ("‘The board rigged the count,’ Lida Moss wrote.", True),
        ("The harbour’s board met on Tuesday in Veltrun.", False),
        ("Oren Falk’s deputy resigned.", False),
    ],
)
def test_a_quotation_in_single_marks_is_a_quotation(sentence: str, quoted: bool) -> None:
    assert _has_quote(sentence, (0, len(sentence))) is quoted
