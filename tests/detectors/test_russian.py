"""The Russian models: checked by sha256 before loading; lemmas and cases from pymorphy2."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.detectors import russian as ru
from spinscope.document import Document, Metadata
from spinscope.errors import PipelineError
from spinscope.pipeline import Pipeline


def test_a_model_file_with_another_hash_is_refused(tmp_path: Path) -> None:
    (tmp_path / "model.tar").write_bytes(b"not the model")
    with pytest.raises(PipelineError) as caught:
        ru.verify_files(tmp_path, {"model.tar": "0" * 64})
    assert caught.value.code == "E550"


def test_a_missing_model_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(PipelineError) as caught:
        ru.verify_files(tmp_path, {"model.tar": "0" * 64})
    assert caught.value.code == "E551"


def test_the_installed_models_have_their_recorded_hashes() -> None:
    ru.verify_files(ru.model_folder(), dict(ru.MODEL_HASHES))


@pytest.mark.parametrize("form", ["Климова", "Климовой", "Климову", "Климовым"])
def test_surnames_in_every_case_share_a_lemma(form: str) -> None:
    assert ru.lemma(form) == "климов"


def test_a_surname_the_dictionary_does_not_know_has_a_lemma() -> None:
    assert ru.lemma("Ситникова") == ru.lemma("Ситников") == "ситников"


def test_cases() -> None:
    assert "accs" in ru.cases("Дронова")
    assert ru.cases("Орловой") >= {"datv", "gent"}
    assert "nomn" not in ru.cases("Орловой")


def test_the_parse_labels_entities_as_spacy_does() -> None:
    document = Pipeline(["structure", "sentences"])(
        Document("Депутат Анна Климова приехала в Велигорск.", Metadata(language="ru"))
    ).document
    parsed = ru.parse(document)
    labels = {e.text: e.label for s in parsed.sentences for e in s.entities}
    assert labels == {"Анна Климова": "PERSON", "Велигорск": "GPE"}
