"""The lexicon's patterns: a short word matches its inflections, not longer words it begins."""

from __future__ import annotations

import pytest

from spinscope.detectors.allegation_lexicon import cue_pattern, type_patterns


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("rigged", "corruption"),
        ("robbery", "crime"),
        ("coups", "disloyalty"),
        ("spies", "disloyalty"),
        ("lied", "lying"),
        ("misled", "lying"),
        ("killer", "crime"),
        ("violated", "crime"),
        ("bigotry", "extremism"),
        ("embezzling", "corruption"),
    ],
)
def test_a_word_and_its_inflections_have_their_type(word: str, kind: str) -> None:
    assert type_patterns()[kind].search(f"They say she {word} it.")
    assert cue_pattern().search(word)


@pytest.mark.parametrize(
    "word", ["right", "Robert", "coupled", "lieutenant", "skill", "finest", "shotgun"]
)
def test_a_longer_word_that_begins_with_a_short_cue_is_no_cue(word: str) -> None:
    assert not any(p.search(f"the {word} one") for p in type_patterns().values())
    assert not cue_pattern().search(word)
