"""Allegation frames from the parse: the accused is the act's argument, not the nearest name."""

from __future__ import annotations

import re

import pytest

from spinscope.detectors.allegation_lexicon import ALLEGATION_TYPES, cue_pattern
from spinscope.detectors.allegation_targets import cue_accused
from spinscope.detectors.cast import Mention, token_actors
from spinscope.detectors.frames import Reader
from spinscope.nlp import parse_syntax
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


def _reader(text: str, names: dict[str, str], roles: dict[str, str] | None = None) -> Reader:
    """A Reader of ``text`` (one sentence) where each word of ``names`` is a mention of its
    actor id; "she"/"he" stay unresolved unless listed."""
    doc = parse_syntax([text])[0]
    mentions = [
        Mention(m.start(), m.end(), actor, 0, "model")
        for words, actor in names.items()
        for m in re.finditer(re.escape(words), text)
    ]
    allowed = frozenset(names.values())
    return Reader(doc, 0, token_actors(doc, 0, mentions), allowed, roles)


def _targets(reader: Reader) -> list[tuple[str, ...]]:
    return [f.targets for f in reader.frames()]


def test_a_passive_agent_of_a_coordinated_act_is_the_accused() -> None:
    reader = _reader("The theft was witnessed and covered up by Aldo Renn.", {"Aldo Renn": "a1"})
    assert ("a1",) in _targets(reader)


def test_an_apposition_with_a_relative_clause_names_its_head() -> None:
    reader = _reader(
        "Teo Vask, a builder who lived in the city illegally, lost his job.",
        {"Teo Vask": "a1"},
    )
    assert ("a1",) in _targets(reader)


def test_a_cue_word_inside_a_name_is_no_cue() -> None:
    reader = _reader(
        "The Harbour Criminal Records Office wrote to Teo Vask.",
        {"Harbour Criminal Records Office": "a1", "Teo Vask": "a2"},
    )
    assert _targets(reader) == []


def test_a_definite_role_noun_stands_for_the_actor_with_that_role() -> None:
    reader = _reader("The mayor lied about the harbour contract.", {}, roles={"mayor": "a1"})
    reader.allowed = frozenset({"a1"})
    assert _targets(reader) == [("a1",)]


def test_the_accused_words_are_read_even_when_nobody_is_named() -> None:
    reader = _reader(
        "When she was arrested on fraud charges, Nika Holm said nothing.", {"Nika Holm": "a1"}
    )
    assert cue_accused(reader) == ()  # "she" is the accused, and she is not resolved
    reader = _reader("Police arrested people near the pier, Nika Holm said.", {"Nika Holm": "a1"})
    assert cue_accused(reader) is None  # a bare plural is nobody in particular


def test_the_victim_named_before_a_wrongdoer_noun_is_not_accused() -> None:
    reader = _reader("The Tovi Marsh killer committed crimes for years.", {"Tovi Marsh": "a1"})
    assert ("a1",) not in _targets(reader)


@pytest.mark.parametrize(
    ("text", "names", "accused"),
    [
        (
            "The lawyer reviewed the accusations of abuse against Senator Oren Falk.",
            {"Oren Falk": "a1"},
            ("a1",),
        ),
        (
            "Lida Moss repeated her allegations against the harbour board of Veltrun.",
            {"Lida Moss": "a1", "harbour board of Veltrun": "a2"},
            ("a2",),
        ),
        ("The Falk allegations have divided the party.", {"Falk": "a1"}, ("a1",)),
    ],
)
def test_an_accusation_noun_names_its_accused(
    text: str, names: dict[str, str], accused: tuple[str, ...]
) -> None:
    reader = _reader(text, names)
    assert cue_accused(reader) == accused
    assert _targets(reader) == []  # the noun names the accused; it is no accusation itself


def test_an_accusation_noun_that_is_denied_names_nobody() -> None:
    reader = _reader(
        "Mayor Tobin Reyes rejected the claims against Lida Moss.", {"Lida Moss": "a2"}
    )
    assert cue_accused(reader) is None


def test_an_allegation_in_a_that_clause_accuses_its_subject() -> None:
    reader = _reader(
        "His former partner, Nora Quill, alleged that Oren Falk dragged her across the room.",
        {"Nora Quill": "a1", "Oren Falk": "a2"},
    )
    frames = list(reader.frames())
    assert [f.targets for f in frames] == [("a2",)]
    assert frames[0].source is not None and frames[0].source.actor == "a1"


def test_a_personal_pronoun_accuser_is_a_named_source() -> None:
    frames = list(_reader("She has long accused Oren Falk of fraud.", {"Oren Falk": "a1"}).frames())
    assert frames and frames[0].source is not None
    assert frames[0].source.kind == "institution"  # someone the text names, graded named


def test_the_subject_of_a_present_participle_is_the_noun_it_modifies() -> None:
    reader = _reader("Reporters filmed a man kicking the door.", {})
    verb = next(t for t in reader.doc if t.lower_ == "kicking")
    subject = reader.subject_of(verb)
    assert verb.dep_ == "acl"
    assert subject is not None and subject.lower_ == "man"


def test_the_one_identified_as_a_suspect_is_the_accused() -> None:
    found = allegations("Police in Varn have identified Tomas Elk as a suspect in the robbery.")
    assert [(f[1], f[2]) for f in found] == [(["Tomas Elk"], "Police in Varn")]
    found = allegations(
        "The Varn Division of Police has identified the suspect in the death of two officers "
        "as Tomas Elk."
    )
    assert [(f[1], f[2]) for f in found] == [(["Tomas Elk"], "Varn Division of Police")]
