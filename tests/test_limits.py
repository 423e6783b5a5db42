"""Per-document limits: a document too long is skipped (E180), one too slow is stopped (E181),
a worker that cannot start or dies costs its document E182, and the others go on.

The worker is a real child process running the real pipeline; these tests start two (one is
killed by the time limit), so they take the time of loading the models twice.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from spinscope.config import AnalysisConfig
from spinscope.document import Document, Skipped
from spinscope.errors import SpinscopeError
from spinscope.limits import (
    AnalysisWorker,
    LimitError,
    analyse_limited,
    analyse_within,
    check_size,
    settings_of,
)
from spinscope.pipeline import Pipeline

ARTICLE = (
    "Varnholt Courier\n\nThe mayor of Varnholt, Mara Olsen, said on Tuesday that the new bridge "
    "would open in May. Critics called the 4.5 million euro plan a waste of money. Was it?"
)


@pytest.fixture(scope="module")
def worker() -> Iterator[AnalysisWorker]:
    with AnalysisWorker() as started:
        yield started


def test_a_document_over_the_size_cap_is_skipped_without_analysis() -> None:
    config = AnalysisConfig(max_chars=20, time_limit=None)
    document = Document("x" * 21)
    with pytest.raises(LimitError) as caught:
        check_size(document, config)
    assert caught.value.code == "E180" and caught.value.http_status == 413
    started = time.perf_counter()
    skipped = analyse_limited(Document("word " * 1_000_000), AnalysisConfig())
    assert isinstance(skipped, Skipped) and skipped.code == "E180"
    assert time.perf_counter() - started < 1.0  # refused before anything reads it
    check_size(Document("x" * 20), config)  # at the cap is allowed


def test_without_a_time_limit_the_document_is_analysed_here() -> None:
    config = AnalysisConfig(time_limit=None)
    analysis = analyse_within(Document(ARTICLE), config)
    assert analysis.to_dict() == Pipeline()(Document(ARTICLE)).to_dict()


def test_the_worker_gives_the_analysis_this_process_gives(worker: AnalysisWorker) -> None:
    config = AnalysisConfig(time_limit=120)
    worker.prepare(config)
    analysis = analyse_within(Document(ARTICLE), config, worker=worker)
    assert analysis.to_dict() == Pipeline()(Document(ARTICLE)).to_dict()


def test_a_document_past_the_time_limit_is_stopped_and_the_next_goes_on(
    worker: AnalysisWorker,
) -> None:
    config = AnalysisConfig(time_limit=120)
    worker.prepare(config)
    slow = Document(ARTICLE.replace("\n\n", "\n\n" + "The bridge opens in May. " * 400, 1))
    started = time.perf_counter()
    result = analyse_limited(slow, AnalysisConfig(time_limit=0.01), worker=worker)
    assert isinstance(result, Skipped) and result.code == "E181"
    assert time.perf_counter() - started < 5.0  # the child is killed, not waited for
    after = analyse_limited(Document(ARTICLE), config, worker=worker)  # a fresh child
    assert not isinstance(after, Skipped)
    assert after.document.text == ARTICLE


def test_a_worker_that_cannot_start_in_time_is_an_error_of_its_own() -> None:
    with AnalysisWorker(startup_seconds=0.001) as worker:
        with pytest.raises(SpinscopeError) as caught:
            worker.prepare(AnalysisConfig())
        assert caught.value.code == "E182"
        skipped = analyse_limited(Document(ARTICLE), AnalysisConfig(), worker=worker)
        assert isinstance(skipped, Skipped) and skipped.code == "E182"


def test_settings_sent_as_json_are_read_once() -> None:
    config = AnalysisConfig(max_chars=99, time_limit=3)
    assert settings_of(config.model_dump_json()) == config
    assert settings_of(config.model_dump_json()) is settings_of(config.model_dump_json())
