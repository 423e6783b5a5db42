"""The accused of a sentence with no frame: the clause that holds its cue word."""

from __future__ import annotations

import re

from spinscope.detectors.allegation_targets import clause_accused, token_at
from spinscope.detectors.cast import Mention
from spinscope.nlp import parse_syntax


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
