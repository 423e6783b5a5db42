"""The accused of a sentence with no frame (the clause that holds its cue word), and the role
nouns that stand for an actor."""

from __future__ import annotations

import re

from spinscope.detectors.actors import build_cast
from spinscope.detectors.allegation_targets import clause_accused, target_mentions, token_at
from spinscope.detectors.cast import Mention
from spinscope.document import Document, Metadata
from spinscope.nlp import parse_syntax
from spinscope.pipeline import Pipeline

PREPARE = Pipeline(["structure", "sentences"])


def _accused(text: str, cue: str, names: dict[str, str], speaker: str | None = None) -> str | None:
    doc = parse_syntax([text])[0]
    mentions = [
        Mention(m.start(), m.end(), actor, 0, "model")
        for words, actor in names.items()
        for m in re.finditer(re.escape(words), text)
    ]
    word = token_at(doc, text.index(cue))
    assert word is not None
    return clause_accused(doc, 0, mentions, word, speaker)


def test_the_subject_of_the_clause_with_the_cue_not_of_the_main_clause() -> None:
    text = "The Varn Bureau received a tip that Edda Lorn was wanted for homicide in Kessel."
    names = {"Varn Bureau": "a1", "Edda Lorn": "a2"}
    assert _accused(text, "homicide", names) == "a2"


def test_the_possessor_of_the_subject() -> None:
    text = "After the audit, Tomas Elk's conduct was criminally reckless."
    assert _accused(text, "criminally", {"Tomas Elk": "a1"}) == "a1"


def test_no_one_for_a_topic_or_the_speaker() -> None:
    text = "The Lakeside Institute studies extremism in the region."
    assert _accused(text, "extremism", {"Lakeside Institute": "a1"}) is None
    text = "Mara Quell wrote the laws were violated in Dunmere."
    assert _accused(text, "violated", {"Mara Quell": "a1"}, speaker="a1") is None


def _role_mentions(text: str) -> list[tuple[str, str]]:
    """(the words, the actor's name) of each role noun that stands for an actor in ``text``."""
    document = PREPARE(Document(text, Metadata())).document
    cast = build_cast(document)
    found = []
    for index in range(len(cast.parse.sentences)):
        for mention in target_mentions(cast, index, document.text):
            if mention.via == "role":
                words = document.text[mention.start : mention.end]
                found.append((words, cast.by_id(mention.actor).name))
    return found


def test_a_definite_role_noun_stands_for_the_actor_it_described() -> None:
    text = "Senator Ana Verro met donors in Kessel. The senator was accused of fraud, police said."
    assert _role_mentions(text) == [("senator", "Ana Verro")]
    text = (
        "Police arrested Karl Ostrin, the fund's treasurer, on Monday. "
        "The former treasurer is suspected of stealing $2 million."
    )
    # the apposition's role noun too: the scorer reads it as it reads the name
    assert _role_mentions(text) == [("treasurer", "Karl Ostrin")] * 2


def test_no_role_noun_before_a_name_an_of_phrase_or_without_a_determiner() -> None:
    text = (
        "Senator Ana Verro met donors in Kessel. The senator Bram Holt was not there. "
        "The senator of Dunmere stayed home. Every senator voted."
    )
    assert _role_mentions(text) == []
