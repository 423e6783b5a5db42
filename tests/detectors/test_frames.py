"""Allegation frames from the parse: the accused is the act's argument, not the nearest name."""

from __future__ import annotations

import pytest

from spinscope.detectors.allegation_lexicon import ALLEGATION_TYPES, cue_pattern
from tests.detectors.test_allegations import allegations


@pytest.mark.parametrize(
    ("text", "kind", "targets", "by", "sourcing"),
    [
        (
            "Prosecutors accused Halvard Stenvik of taking bribes from a harbour contractor.",
            "corruption",
            ["Halvard Stenvik"],
            "Prosecutors",
            "named",
        ),
        (
            "Officer Brann Holt shot Tovi Marsh, who was unarmed, in the harbour car park.",
            "crime",
            ["Brann Holt"],
            "author",
            "unattributed",
        ),
        (
            "Governor Ilse Varga wants to jail Oskar Lind and Mira Thal for treason.",
            "disloyalty",
            ["Oskar Lind", "Mira Thal"],
            None,
            None,
        ),
        (
            "Jorunn Kvale was charged with fraud on Monday.",
            "crime",
            ["Jorunn Kvale"],
            "author",
            "unattributed",
        ),
        (
            "Eirik Dahl is accused of hiding the ledgers from the auditors.",
            "other",
            ["Eirik Dahl"],
            "author",
            "hedged",
        ),
        (
            "Petra Solberg allegedly forged the signatures on the permit.",
            "crime",
            ["Petra Solberg"],
            "author",
            "hedged",
        ),
        (
            "Ivar Lindqvist lied to the council about the contract, according to the audit report.",
            "lying",
            ["Ivar Lindqvist"],
            "the audit report",
            "named",
        ),
        (
            "Senator Tamsin Vora called Karl Berg a traitor at the rally.",
            "disloyalty",
            ["Karl Berg"],
            "Tamsin Vora",
            "named",
        ),
        (
            "Karl Berg embezzled the pension money, police said on Tuesday.",
            "corruption",
            ["Karl Berg"],
            "police",
            "named",
        ),
        (
            "Karl Berg threatened the two reporters, witnesses said.",
            "abuse",
            ["Karl Berg"],
            "witnesses",
            "anonymous",
        ),
        (
            "Mayor Liane Orsk covered up the report on the bridge.",
            "other",
            ["Liane Orsk"],
            "author",
            "unattributed",
        ),
        (
            "The Lakeside Trust, which laundered money for the cartel, was closed.",
            "crime",
            ["Lakeside Trust"],
            "author",
            "unattributed",
        ),
    ],
)
def test_the_accused_is_the_argument(
    text: str, kind: str, targets: list[str], by: str | None, sourcing: str | None
) -> None:
    found = allegations(text)
    hits = [f for f in found if f[0] == kind and f[1] == targets]
    assert hits, found
    if by is not None:
        assert any(f[2] == by and f[3] == sourcing for f in hits), hits


@pytest.mark.parametrize(
    "text",
    [
        "Karl Berg has not been charged with any crime.",
        "Karl Berg denied the accusations on Friday.",
        "Karl Berg denied that he took bribes from the contractor.",
        "The Lakeside Institute studies extremism in the region.",
        "Investigator Dana Roe has not recommended any new criminal indictments.",
        "Karl Berg was cleared of fraud by the court in May.",
        "Karl Berg's inquiry into the fraud is due in June.",
        "Karl Berg never lied about the contract.",
        "Money for the pier was embezzled, and nobody was ever charged.",
    ],
)
def test_no_allegation(text: str) -> None:
    assert allegations(text) == []


def test_a_victim_is_never_the_target() -> None:
    found = allegations("Officer Brann Holt shot Tovi Marsh in the back.")
    assert found and all("Tovi Marsh" not in f[1] for f in found)


def test_a_possessive_leader_is_not_the_target() -> None:
    found = allegations("There are traitors in Ilse Varga's government, Karl Berg said.")
    assert all("Ilse Varga" not in f[1] for f in found)


def test_quoted_words_keep_their_speaker() -> None:
    text = (
        "Tamsin Vora spoke to reporters on Friday.\n\n"
        '"Karl Berg stole the pension money," she said.'
    )
    found = allegations(text)
    assert ("crime", ["Karl Berg"], "Tamsin Vora", "named") in found


def test_every_type_has_words_and_the_cue_pattern_finds_inflections() -> None:
    pattern = cue_pattern()
    for sentence in (
        "She was accused",
        "they were charged",
        "he lied",
        "he stole it",
        "a cover-up",
        "the bribes",
        "they embezzled",
    ):
        assert pattern.search(sentence), sentence
    assert not pattern.search("The weather was calm on the coast.")
    assert "abuse" in ALLEGATION_TYPES and "lying" in ALLEGATION_TYPES
