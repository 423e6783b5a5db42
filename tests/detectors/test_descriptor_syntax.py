"""Descriptors read from the dependency parse: appositions, premodifiers, predicate nominals
and definite descriptions that refer back to one named actor."""

from __future__ import annotations

from spinscope.detectors.descriptors import is_evaluative
from tests.detectors.test_actors import actors_of, descriptors


def test_apposition_with_a_long_noun_phrase_and_the_name_as_apposition() -> None:
    actors = actors_of(
        "Lorna Vestergaard, a former Norvalian customs inspector, denied the report. "
        "The fund's treasurer, Mattias Hallberg, refused to comment."
    )
    assert "a former Norvalian customs inspector" in descriptors(actors["Lorna Vestergaard"])
    assert "The fund's treasurer" in descriptors(actors["Mattias Hallberg"])


def test_premodifiers_before_a_name_with_no_title_word_in_the_lexicon() -> None:
    actors = actors_of("Defence attorney Lorna Vestergaard told the court she would appeal.")
    assert "Defence attorney" in descriptors(actors["Lorna Vestergaard"])


def test_predicate_nominal_and_loaded_adjective() -> None:
    actors = actors_of(
        "Mattias Hallberg is a serial fabricator of quotes, his critics say. "
        "Lorna Vestergaard was treacherous, the editorial claimed."
    )
    assert "a serial fabricator of quotes" in descriptors(actors["Mattias Hallberg"])
    assert descriptors(actors["Lorna Vestergaard"]).get("treacherous") is True


def test_dates_ages_and_handles_are_not_descriptors() -> None:
    actors = actors_of(
        "Mattias Hallberg, 54, was arrested. Tove Lindahl, @tovelindahl, posted a reply. "
        "The Korsby Tidende, March 2024, ran the story."
    )
    for name in ("Mattias Hallberg", "Tove Lindahl"):
        assert descriptors(actors[name]) == {}


def test_a_plural_premodifier_describes_every_name_of_the_list() -> None:
    actors = actors_of(
        "Retired harbour inspectors Tove Lindahl and Mattias Hallberg wrote to the council."
    )
    for name in ("Tove Lindahl", "Mattias Hallberg"):
        assert "Retired harbour inspectors" in descriptors(actors[name])


def test_a_definite_description_refers_back_to_the_one_actor_it_described() -> None:
    actors = actors_of(
        "Police charged Mattias Hallberg, a local contractor, with fraud on Monday. "
        "Tove Lindahl, the mayor, welcomed the charges. "
        "The contractor denies everything. The mayor said the town would recover."
    )
    assert "The contractor" in descriptors(actors["Mattias Hallberg"])
    assert "The mayor" in descriptors(actors["Tove Lindahl"])
    assert "The mayor" not in descriptors(actors["Mattias Hallberg"])


def test_a_description_that_could_mean_two_actors_is_left_alone() -> None:
    actors = actors_of(
        "Mattias Hallberg, a local contractor, met Tove Lindahl, a rival contractor, in Korsby. "
        "The contractor left early."
    )
    for name in ("Mattias Hallberg", "Tove Lindahl"):
        assert "The contractor" not in descriptors(actors[name])


def test_plural_descriptions_are_not_given_to_one_actor() -> None:
    actors = actors_of(
        "Tove Lindahl, a harbour inspector, filed the complaint. The inspectors met on Friday."
    )
    assert "The inspectors" not in descriptors(actors["Tove Lindahl"])


def test_loaded_words_of_praise_and_blame_are_evaluative() -> None:
    assert is_evaluative("a treasonous official")
    assert is_evaluative("the legendary senator")
    assert is_evaluative("heroic volunteers")
    assert not is_evaluative("a former customs inspector")
    assert not is_evaluative("the fund's treasurer")


def test_what_is_said_of_a_pronoun_and_one_of_phrases() -> None:
    actors = actors_of(
        "Mattias Hallberg spoke first. He is a tireless campaigner for the harbour. "
        "Tove Lindahl, one of the fund's founders, left."
    )
    assert descriptors(actors["Mattias Hallberg"]).get("a tireless campaigner for the harbour")
    assert "one of the fund's founders" in descriptors(actors["Tove Lindahl"])


def test_a_legislators_party_and_state() -> None:
    actors = actors_of(
        "Senator Tove Lindahl (D-Ohio) and Representative Mattias Hallberg, R-Texas, voted "
        "against the bill on Monday."
    )
    assert "D-Ohio" in descriptors(actors["Tove Lindahl"])
    assert "R-Texas" in descriptors(actors["Mattias Hallberg"])
