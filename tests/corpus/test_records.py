"""Corpus records: only scored technique and allegation findings count."""

from __future__ import annotations

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
