"""Corpus records: only scored technique and allegation findings count."""

from __future__ import annotations

import pytest

from spinscope.corpus.records import as_record
from spinscope.vocabulary import layer_threshold
from tests.corpus.builders import built, sentence_ranges

TEXT = (
    "Critics say the mayor Dana Kveld is a crook. Her neighbour Oskar Lind watched the vote. "
    "The council will meet again next week."
)


def test_findings_below_their_layer_threshold_are_not_counted() -> None:
    weak_allegation = layer_threshold("allegation") / 2
    weak_technique = layer_threshold("technique") / 2
    analysis = built(
        TEXT,
        sentences=sentence_ranges(TEXT),
        findings=[
            ("a crook", "allegation", "corruption", 0.9, {"targets": ["a1"]}),
            ("watched the vote", "allegation", "corruption", weak_allegation, {"targets": ["a2"]}),
            ("a crook", "technique", "Name_Calling,Labeling", 0.8, {}),
            ("Critics say", "technique", "Doubt", weak_technique, {}),
        ],
        actors=[
            {"id": "a1", "name": "Dana Kveld", "kind": "person", "aliases": ["Mayor Kveld"]},
            {"id": "a2", "name": "Oskar Lind", "kind": "person"},
        ],
    )
    record = as_record(analysis)
    assert record.targets == ("Dana Kveld",)  # the bystander's weak allegation is left out
    assert record.target_aliases == (("Mayor Kveld",),)
    assert record.allegations == 1
    assert record.techniques == ("Name calling or labelling",)
    (pair,) = record.target_pairs()
    assert pair[1] is not None and TEXT[pair[1][0] : pair[1][1]].startswith("Critics say")


def test_a_record_read_from_the_analysis_json_is_the_record_of_the_analysis() -> None:
    import json

    from spinscope.corpus.records import record_of_analysis_data
    from spinscope.document import Metadata
    from tests.corpus.builders import hostile_corpus_and_echo

    analyses = [
        *hostile_corpus_and_echo(),
        built(
            TEXT,
            meta=Metadata(title="Kveld", site="Bay Courier", published="2025-03-03", language="en"),
            sentences=sentence_ranges(TEXT),
            findings=[
                ("a crook", "allegation", "corruption", 0.9, {"targets": ["a1", "a2", "a9"]}),
                ("watched the vote", "allegation", "corruption", 0.1, {"targets": ["a2"]}),
                ("Critics say the mayor", "claim", "claim", 0.2, {"checkworthy": True}),
                ("The council will meet", "claim", "claim", 0.7, {"checkworthy": False}),
                ("Her neighbour", "claim", "claim", 0.3, {"checkworthy": False}),
                ("a crook", "technique", "Name_Calling,Labeling", 0.8, {}),
                ("Critics say", "technique", "Doubt", 0.9, {}),
            ],
            actors=[
                {"id": "a1", "name": "Dana Kveld", "kind": "person", "aliases": ["Kveld", ""]},
                {"id": "a2", "name": "Oskar Lind", "kind": "person", "aliases": ["Oskar Lind"]},
            ],
        ),
    ]
    for analysis in analyses:
        data = json.loads(analysis.to_json())
        data["findings"].reverse()  # read in reading order, whatever the order written
        assert record_of_analysis_data(data) == as_record(analysis)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"document": {"id": "d1"}},
        {"document": {"id": "d1", "text": "x"}, "findings": [{"layer": "claim"}]},
        {"document": {"id": "d1", "text": "x"}, "findings": 3},
        {"document": "d1"},
    ],
)
def test_a_damaged_stored_analysis_is_e400(data: dict[str, object]) -> None:
    from spinscope.corpus.records import record_of_analysis_data
    from spinscope.errors import SchemaError

    with pytest.raises(SchemaError) as caught:
        record_of_analysis_data(data)
    assert caught.value.code == "E400"
