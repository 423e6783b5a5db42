"""Actors: entities merged into actors, kinds, the author, pronouns and descriptors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from spinscope.detectors.actors import (
    _place_name,
    _Raw,
    _without_headline_names,
    build_cast,
)
from spinscope.detectors.descriptors import is_evaluative
from spinscope.document import Document, Metadata
from spinscope.ingest import read_inputs
from spinscope.pipeline import Pipeline
from spinscope.records import Actor, to_data
from tests.conftest import EXAMPLES
from tests.detectors.builders import detect_actors

PREPARE = Pipeline(["structure", "sentences"])


def prepared(text: str, *, authors: tuple[str, ...] = ()) -> Document:
    return PREPARE(Document(text, Metadata(authors=authors))).document


def actors_of(text: str, **kwargs: Any) -> dict[str, dict[str, Any]]:
    result = detect_actors(prepared(text, **kwargs))
    return {a.name: to_data(a) for a in result.actors}


def descriptors(actor: dict[str, Any]) -> dict[str, bool]:
    return {d["text"]: d["evaluative"] for d in actor["descriptors"]}


def read_example(path: Path) -> Document:
    document = next(iter(read_inputs([str(path)])))
    assert isinstance(document, Document)
    return Pipeline(["structure", "sentences"])(document).document


# --- small texts, one rule each -------------------------------------------------------------


def test_surname_possessive_and_case_variants_merge() -> None:
    actors = actors_of(
        "Minister Halvard Stenvik opened the port on Monday. Stenvik's speech was short. "
        "Later, Halvard Stenvik left for the capital."
    )
    stenvik = actors["Halvard Stenvik"]
    assert stenvik["kind"] == "person"
    assert len([m for m in stenvik["mentions"]]) >= 3
    assert "Stenvik" in stenvik["aliases"]


def test_title_before_name_is_cut_off_and_kept_as_descriptor() -> None:
    actors = actors_of(
        "Veldrian President Rasmus Okelund met the press. President Okelund said little."
    )
    assert "Rasmus Okelund" in actors
    assert "Veldrian President" in descriptors(actors["Rasmus Okelund"])


def test_author_of_the_byline_is_not_an_actor() -> None:
    actors = actors_of(
        "Oda Brenmark walked along the shore of Lake Marrow with Selma Haugrud.",
        authors=("Oda Brenmark",),
    )
    assert "Oda Brenmark" not in actors
    assert "Selma Haugrud" in actors


def test_coordinated_plural_descriptor_goes_to_every_name() -> None:
    actors = actors_of(
        "Meanwhile, nationalist bloggers Tamsin Vora and Jorunn Kvale wrote again on Monday."
    )
    for name in ("Tamsin Vora", "Jorunn Kvale"):
        assert descriptors(actors[name]) == {"nationalist bloggers": True}


def test_apposition_who_is_as_copula_and_reverse_copula() -> None:
    actors = actors_of(
        "Selma Haugrud, the chairman of the audit board, spoke first. "
        "Eirik Dalen, who is a marine biologist, disagreed. "
        "The cabinet appointed Petra Solberg as Deputy Minister of Water last month. "
        "Ivar Lindqvist is a so-called independent analyst from Korsby. "
        "The head of the commission is MP Halvard Stenvik."
    )
    assert "the chairman of the audit board" in descriptors(actors["Selma Haugrud"])
    assert "marine biologist" in descriptors(actors["Eirik Dalen"])
    assert "Deputy Minister of Water" in descriptors(actors["Petra Solberg"])
    assert descriptors(actors["Ivar Lindqvist"]).get("a so-called independent analyst") is True
    stenvik = descriptors(actors["Halvard Stenvik"])
    assert stenvik.get("MP") is False
    assert stenvik.get("head of the commission") is False


def test_such_as_gives_the_group_descriptor() -> None:
    actors = actors_of(
        "There are activists with radical views, such as Tamsin Vora and Jorunn Kvale, in the hall."
    )
    for name in ("Tamsin Vora", "Jorunn Kvale"):
        assert descriptors(actors[name]).get("activists with radical views") is True


@pytest.mark.parametrize(
    ("phrase", "evaluative"),
    [
        ("extreme pro-Western journalist", True),
        ("notorious commentator", True),
        ("so-called expert", True),
        ("outspoken anti-Norvalian figure", True),
        ("corrupt official", True),
        ("MP", False),
        ("Deputy Minister of Culture and Information", False),
        ("political scientist", False),
        ("chairman of the committee", False),
    ],
)
def test_evaluative_or_neutral(phrase: str, evaluative: bool) -> None:
    assert is_evaluative(phrase) is evaluative


def test_pronoun_goes_to_the_single_person_before_it() -> None:
    document = prepared(
        "Selma Haugrud measured the lake every month. She found nothing new in the water."
    )
    cast = build_cast(document)
    selma = next(a for a in cast.actors if a.name == "Selma Haugrud")
    pronouns = [m for m in selma.mentions if m.via == "pronoun"]
    assert [document.text[m.start : m.end] for m in pronouns] == ["She"]


def test_pronoun_is_left_alone_when_two_persons_qualify() -> None:
    document = prepared(
        "Selma Haugrud met Petra Solberg in Korsby, and she talked for an hour about the lake."
    )
    cast = build_cast(document)
    assert all(m.via != "pronoun" for m in cast.mentions)


def test_the_source_of_according_to_is_not_the_pronoun_after_it() -> None:
    document = prepared(
        "Selma Haugrud counted the ballots in Korsby. "
        "According to Petra Solberg, she destroyed two boxes of them."
    )
    cast = build_cast(document)
    said = {cast.by_id(m.actor).name for m in cast.mentions if m.via == "pronoun"}
    assert said == {"Selma Haugrud"}


def test_place_and_organisation_kinds() -> None:
    actors = actors_of(
        "The European Commission sent inspectors to Germany in March. "
        "The European Commission later wrote to the government in Berlin."
    )
    assert actors["European Commission"]["kind"] == "organisation"
    assert actors["Germany"]["kind"] == "place"


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("Port Ellery", True),
        ("Lake Vass", True),
        ("Mount Orr Ridge", True),
        ("Port Authority", False),  # an organisation word
        ("Port", False),
        ("Fort worth", False),
        ("Tomas Brekke", False),
    ],
)
def test_place_prefixes(name: str, place: bool) -> None:
    assert _place_name(name) is place


def test_people_named_only_in_a_title_cased_headline_are_phrases() -> None:
    text = (
        "Ostby Council Backs Ferry Plan as Mayor Nils Okafor Shrugs Off Critics\n\n"
        "Mayor Nils Okafor said the council had backed the ferry plan. "
        "Critics said the plan would raise harbour tolls."
    )
    document = prepared(text)
    title_end = text.index("\n")
    raws = [
        _Raw(0, 5, "Ostby", "GPE", 0, "model"),
        _Raw(6, 30, "Council Backs Ferry Plan", "PERSON", 0, "model"),
        _Raw(text.index("Nils"), text.index("Nils") + 10, "Nils Okafor", "PERSON", 0, "model"),
        _Raw(title_end - 6, title_end, "Critics", "ORG", 0, "model"),
        _Raw(text.rindex("Nils"), text.rindex("Nils") + 10, "Nils Okafor", "PERSON", 1, "model"),
    ]
    kept = [r.text for r in _without_headline_names(document, raws)]
    assert kept == ["Ostby", "Nils Okafor", "Nils Okafor"]
    # A headline in sentence case is left alone: there capitals mark names.
    plain = prepared(text.replace("Council Backs Ferry Plan as", "council backs ferry plan as"))
    assert len(_without_headline_names(plain, raws)) == len(raws)


def test_result_shape_and_entity_findings() -> None:
    document = prepared("Selma Haugrud met Petra Solberg in Berlin on Monday.")
    result = detect_actors(document)
    ids = [a.id for a in result.actors]
    assert ids == [f"a{i}" for i in range(1, len(ids) + 1)]
    assert all(isinstance(actor, Actor) for actor in result.actors)
    entities = [f for f in result.findings if f.layer == "entity"]
    mentions = sum(len(a.mentions) for a in result.actors)
    assert len(entities) == mentions
    assert {f.label for f in entities} <= {"person", "organisation", "place", "group"}
    assert detect_actors(document) == result  # deterministic


def test_other_languages_get_nothing() -> None:
    document = prepared("Selma Haugrud met Petra Solberg in Berlin on Monday.")
    russian = document.evolve(meta=document.meta.evolve(language="ru"))
    nothing = detect_actors(russian)
    assert nothing.findings == () and nothing.actors == ()


# --- the project's own examples ---------------------------------------------------------------


def test_lakeside_grants_row_actors() -> None:
    document = read_example(EXAMPLES / "lakeside-grants-row.txt")
    result = detect_actors(document)
    actors = {a.name: to_data(a) for a in result.actors}
    assert "Oda Brenmark" not in actors  # the byline's author
    for name in (
        "Halvard Stenvik",
        "Rasmus Okelund",
        "Tamsin Vora",
        "Jorunn Kvale",
        "Ivar Lindqvist",
        "Selma Haugrud",
        "Petra Solberg",
    ):
        assert actors[name]["kind"] == "person", name
    assert actors["Lakeside Trust"]["kind"] == "organisation"
    assert "Trust" in actors["Lakeside Trust"]["aliases"]
    lindqvist = descriptors(actors["Ivar Lindqvist"])
    assert lindqvist.get("Notorious pro-Eastern commentator") is True
    assert descriptors(actors["Halvard Stenvik"]).get("MP") is False
    assert descriptors(actors["Rasmus Okelund"]).get("Finance Minister") is False
    assert descriptors(actors["Petra Solberg"]) == {
        "Deputy Minister of Environment and Water": False
    }


def test_harbour_fund_affair_actors() -> None:
    document = read_example(EXAMPLES / "harbour-fund-affair.txt")
    actors = {a.name: to_data(a) for a in detect_actors(document).actors}
    assert "Ivo Renssen" not in actors
    assert descriptors(actors["Teodor Brask"]).get("MP") is False
    assert descriptors(actors["Liane Orsk"]).get("Radical anti-Norvalian activist") is True
    assert descriptors(actors["Kaspar Doorn"]).get("Extreme pro-Western blogger") is True
    assert descriptors(actors["Ada Verhoek"]).get("Local journalist") is False
    assert len(actors["Liane Orsk"]["mentions"]) >= 3
    # Named only in the title-cased headline: a phrase, not a person. "Port X" is a place.
    assert "Quiet Betrayal" not in actors
    assert actors["Harbour Fund"]["kind"] == "organisation"  # it has an organisation word
    assert actors["Port Ellen"]["kind"] == "place"


# --- the real article -----------------------------------------------------------------------


def test_the_real_article_actors(astana_path: Path) -> None:
    result = detect_actors(read_example(astana_path))
    actors = {a.name: to_data(a) for a in result.actors}
    for name in (
        "Togzhan Kozyalieva",
        "Kassym-Jomart Tokayev",
        "Aibek Sadykov",
        "Aida Balayeva",
        "Edos Saraim",
        "Vadim Poleiko",
        "Dosym Satpayev",
        "Kuat Akmetov",
        "Timirlan Ensebek",
    ):
        assert actors[name]["kind"] == "person", name
    assert actors["HAQ Foundation"]["kind"] == "organisation"
    assert actors["U.S. Agency for International Development"]["kind"] == "organisation"
    assert actors["Kazakhstan"]["kind"] == "place"
    assert actors["Russia"]["kind"] == "place"
    assert not any("Pukhaev" in name for name in actors)
    assert "Dangerous Game" not in actors  # a phrase of the title-cased headline
    kozyalieva = actors["Togzhan Kozyalieva"]
    assert "Kozyalieva" in kozyalieva["aliases"]
    document = read_example(astana_path)
    surnames = [m for m in kozyalieva["mentions"] if document.text[m[0] : m[1]] == "Kozyalieva"]
    assert len(surnames) >= 4
    for name in ("Dias Kuzhayrov", "Adilhan Abgaryev"):
        assert "nationalist bloggers" in descriptors(actors[name])
    assert descriptors(actors["Vadim Poleiko"]).get("extreme pro-Western journalist") is True
    assert descriptors(actors["Edos Saraim"]).get("MP") is False
    assert any(
        text.startswith("Deputy Minister of Culture and Information")
        for text in descriptors(actors["Aibek Sadykov"])
    )


# --- names the model misses, joins or mislabels ---------------------------------------------


def test_a_list_of_names_without_commas_is_split_two_by_two() -> None:
    from spinscope.detectors.actor_rules import name_pairs

    line = "* Orla Vennick Tamsin Brody Eldon Marsh Perrin Holt"
    assert [line[s:e] for s, e in name_pairs(line, 0, len(line))] == [
        "Orla Vennick",
        "Tamsin Brody",
        "Eldon Marsh",
        "Perrin Holt",
    ]
    odd = "Orla Vennick Tamsin Brody Eldon"
    assert name_pairs(odd, 0, len(odd)) == []
    board = "Orla Vennick Tamsin Brody Harbour Board"
    assert name_pairs(board, 0, len(board)) == []


def test_a_title_cased_quoted_headline_is_no_name() -> None:
    from spinscope.detectors.actor_rules import headline_clauses

    text = "Mayor Blocks Plan To Close Harbour Ferry, by Dana Kell, Coast Courier, May 2"
    clauses = headline_clauses(text, 0, len(text))
    assert [text[s:e].strip() for s, e in clauses] == ["Mayor Blocks Plan To Close Harbour Ferry"]
    plain = "Officer Ann Vell of the Harbour Police Department said so."
    assert headline_clauses(plain, 0, len(plain)) == []


def test_titled_names_and_glued_words() -> None:
    from spinscope.detectors.actor_rules import titled_names, trailing_cut

    text = "The board dismissed Officer Ann Vell on Monday."
    assert [text[s:e] for s, e, _ in titled_names(text, 0, len(text))] == ["Ann Vell"]
    assert trailing_cut("Ann Vell Saturday", set()) == 1
    assert trailing_cut("Ann Vell Port Ellery", {"port ellery"}) == 2
    assert trailing_cut("Ann Vell NATO", set()) == 1
    assert trailing_cut("Pius Vell II", set()) == 0


def test_outlet_and_patrol_names_are_organisations() -> None:
    from spinscope.detectors.actor_rules import organisation_like, outlet_like

    assert outlet_like("Valley Press") and outlet_like("Ostby Times") and outlet_like("vess.com")
    assert organisation_like("Harbour Patrol")
    assert not organisation_like("Ann Vell")


def test_lone_surnames_first_names_and_nested_full_names() -> None:
    actors = actors_of(
        "Ann B. Vell spoke at the harbour. Later Ann Vell left, and Vell said nothing. "
        "Residents said Brantholm had lied to them. Ann waved. "
        "Officials in Ostby (4), Lake Vass (2) and Kelloway (1) agreed."
    )
    vell = actors["Ann B. Vell"]
    assert vell["kind"] == "person"
    assert {"Ann Vell", "Vell"} <= set(vell["aliases"])
    assert "Ann Vell" not in actors
    assert "Kelloway" not in actors or actors["Kelloway"]["kind"] == "place"


def test_page_links_and_bracketed_acronyms() -> None:
    from spinscope.detectors.actor_rules import page_furniture

    assert page_furniture("Privacy Policy and Terms")
    assert not page_furniture("Harbour Policy Institute")
