"""Hostile text costs linear time: sentences, the technique rules, the model cues, the pipeline.

Each input is built from the alphabets that took quadratic time or worse before (dots, ``A-``,
``1.``, spaces, quotes that never close, one sentence repeated, ``<p>``): long runs for the
parts that are fast per character, short mixes for the whole pipeline, which must also never
fail on its own account (E900 or any exception). The budgets are hang guards, not speed figures:
the same inputs took seconds to minutes before (``benchmarks/bench_pathological.py`` measures).
"""

from __future__ import annotations

import time
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spinscope.detectors import technique_rules
from spinscope.detectors.claims import checkworthiness_model
from spinscope.document import Document
from spinscope.errors import SpinscopeError
from spinscope.ingest import read_bytes
from spinscope.pipeline import Pipeline
from spinscope.sentences import sentence_bounds

SENTENCE = "The mayor of Varnholt said the new bridge would open in May. "
PIECES = (
    ".", "..", "A-", "AB ", "1.", "1,", "$1", " ", "  ", "\t", "\n", '"', "“", "”", "«", "»",
    "'", "?", "!", "…", ")", ":", "a", "word", "STOP", "Mr.", "J.", SENTENCE, "<p>", "</p>",
)  # fmt: skip
BUDGET_S = 2.0  # for up to 80,000 characters; the quadratic code took 10 s to minutes on them
PIPELINE_BUDGET_S = 20.0  # a whole short document, models loaded

# Up to four runs of one piece, each of up to 10,000 characters (the quadratic code took seconds).
RUNS = st.lists(
    st.tuples(st.sampled_from(PIECES), st.integers(min_value=1, max_value=10_000)).map(
        lambda pair: (pair[0] * pair[1])[:10_000]
    ),
    min_size=1,
    max_size=4,
).map("".join)
MIXES = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
SHORT = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.tuples(st.sampled_from(PIECES), st.integers(1, 40)).map(lambda p: p[0] * p[1]),
    ),
    max_size=12,
).map("".join)


def _timed(run: object) -> float:
    started = time.perf_counter()
    run()  # type: ignore[operator]
    return time.perf_counter() - started


def _with_sentences(text: str) -> Document:
    return Document(text).evolve(sentences=tuple(sentence_bounds(text)))


@lru_cache(maxsize=1)
def _pipeline() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize(
    "text",
    [
        "." * 80_000,
        "A-" * 20_000,
        "1." * 20_000,
        '"word ' * 10_000,
        "«" * 40_000,
        ("word" + " " * 2_000) * 20,
        SENTENCE * 1_000,
        '"a" b c d? ' * 4_000,
    ],
    ids=lambda t: f"{t[:6]!r}x{len(t)}",
)
def test_the_reported_inputs_are_read_at_once(text: str) -> None:
    document = _with_sentences(text)
    assert _timed(lambda: sentence_bounds(text)) < BUDGET_S
    assert _timed(lambda: technique_rules.detect(document)) < 4 * BUDGET_S
    model = checkworthiness_model()
    assert _timed(lambda: model.vectoriser.analyser.cue_matches(text)) < BUDGET_S


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(RUNS)
def test_sentences_rules_and_cues_take_linear_time(text: str) -> None:
    document = _with_sentences(text)
    assert _timed(lambda: sentence_bounds(text)) < BUDGET_S
    assert _timed(lambda: technique_rules.detect(document)) < 4 * BUDGET_S
    model = checkworthiness_model()
    assert _timed(lambda: model.vectoriser.analyser.cue_matches(text)) < BUDGET_S


@settings(max_examples=150, deadline=None)
@given(MIXES)
def test_sentence_bounds_are_trimmed_in_order_and_inside(text: str) -> None:
    previous = 0
    for start, end in sentence_bounds(text):
        assert previous <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous = end


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SHORT, st.sampled_from(["text", "html"]))
def test_the_pipeline_never_fails_on_its_own_account(text: str, kind: str) -> None:
    """Any short mix is read and analysed without an internal error, within the budget."""
    data = (f"<html><body>{text}</body></html>" if kind == "html" else text).encode("utf-8")
    if not data.strip():
        return  # an empty input is refused by the reader (E101), not analysed
    try:
        documents = read_bytes(data, source="fuzz", kind=kind)
    except SpinscopeError as exc:  # a reader refuses with a code of its own, never E900
        if exc.code == "E900":
            raise
        return
    for document in documents:
        started = time.perf_counter()
        analysis = _pipeline()(document)  # raises on any internal error, E204 included
        assert time.perf_counter() - started < PIPELINE_BUDGET_S
        assert analysis.document.text == document.text
