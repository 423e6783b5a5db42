"""Training, cross-validating and evaluating the technique detector on a tiny invented PTC set."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from spinscope.detectors import techniques as detector
from spinscope.detectors.technique_artifacts import load_models
from spinscope.detectors.technique_encoder import ENCODER_FILE, TOKENIZER_FILE
from spinscope.detectors.technique_model import CRF_FILE, Decoding
from spinscope.document import Document
from spinscope.errors import SpinscopeError
from spinscope.textmodel import sha256_file
from spinscope.training.datasets import read_ptc
from spinscope.training.scorers import read_si, read_tc
from spinscope.training.span_encoder import EncoderSettings
from spinscope.training.technique_data import Settings
from spinscope.training.techniques import cross_validate, evaluate, mixed, train
from tests.conftest import SHARED, need_shared

FAST = Settings(
    crf_iterations=15,
    tc_network=False,  # the span network and the word-piece vectors take a minute:
    tc_vectors=0,  # tests/training/test_technique_tc.py has them
    tc_max_iter=300,
    folds=2,
    highs=(0.2, 0.4),
    low_ratios=(1.0,),
    gaps=(1,),
    encoder=EncoderSettings(layers=1, epochs=1, threads=1),
)
PTC = SHARED / "data" / "ptc-semeval2020"

# Invented articles in the PTC layout; [[Label|words]] marks a gold span.
ARTICLES = {
    "9001": """Betrayal at the Docks: [[Loaded_Language|Shameful]] Deal in Vessgrad

The [[Name_Calling,Labeling|spineless bureaucrats]] of Vessgrad met on Monday.
They voted to sell the old pier to a foreign firm.
Every [[Flag-Waving|true Norvalian]] should be [[Loaded_Language|outraged]].
The mayor said the sale would bring new jobs.
[[Slogans|HANDS OFF OUR HARBOUR!]]
""",
    "9002": """Council Approves Bridge Budget

The council approved the budget for the river bridge on Tuesday.
Critics called the plan a [[Loaded_Language|reckless, ruinous]] waste.
The [[Name_Calling,Labeling|smug elite]] of Brask ignored the vote.
Work will start in the spring.
""",
    "9003": """[[Loaded_Language|Disgraceful]] Harbour Scheme

The [[Name_Calling,Labeling|corrupt cronies]] of the minister want the docks.
Can anyone [[Doubt|really trust]] a minister who hides his meetings?
The harbour employs four hundred people.
[[Slogans|KEEP THE HARBOUR OURS!]]
""",
    "9004": """Ferry Link Reopens in Ostby

The ferry link between Ostby and Lorn reopened on Friday.
Local shops welcomed the [[Loaded_Language|long-awaited]] return of visitors.
The [[Name_Calling,Labeling|greedy speculators]] had opposed the timetable.
Tickets cost the same as last year.
""",
}
_MARK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")


def _parse(marked: str) -> tuple[str, list[tuple[str, int, int]]]:
    text, spans, last = "", [], 0
    for match in _MARK.finditer(marked):
        text += marked[last : match.start()]
        start = len(text)
        text += match.group(2)
        spans.append((match.group(1), start, len(text)))
        last = match.end()
    return text + marked[last:], spans


def _write_ptc(root: Path) -> Path:
    folder = root / "train-articles"
    folder.mkdir(parents=True)
    lines = []
    for article_id, marked in ARTICLES.items():
        text, spans = _parse(marked)
        (folder / f"article{article_id}.txt").write_text(text, encoding="utf-8", newline="")
        lines += [f"{article_id}\t{label}\t{s}\t{e}\n" for label, s, e in spans]
    (root / "train-task-flc-tc.labels").write_text("".join(lines), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, object]]:
    root = _write_ptc(tmp_path_factory.mktemp("ptc"))
    out = tmp_path_factory.mktemp("model")
    result = train(root, out, seed=0, settings=FAST)
    return root, out, result


def test_train_writes_hashed_artefacts_and_a_card(
    trained: tuple[Path, Path, dict[str, object]],
) -> None:
    _root, out, result = trained
    names = {p.name for p in out.iterdir()}
    assert {"techniques.json", "techniques.npz", CRF_FILE, "MODEL_CARD.md"} <= names
    assert {ENCODER_FILE, TOKENIZER_FILE} <= set(result["files"])  # type: ignore[operator]
    assert not any(n.endswith((".pkl", ".pickle")) for n in names)
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    for name, digest in result["files"].items():  # type: ignore[attr-defined]
        assert f"| {name} | {digest} |" in card
    assert "spinscope eval techniques --cv 5" in card
    assert result["articles"] == 4
    models = load_models(out)
    assert set(models.tc.classes) <= {"Loaded_Language", "Name_Calling,Labeling", "Flag-Waving",
                                      "Slogans", "Doubt"}  # fmt: skip


def test_training_is_reproducible(
    trained: tuple[Path, Path, dict[str, object]], tmp_path: Path
) -> None:
    root, _out, result = trained
    again = train(root, tmp_path, seed=0, settings=FAST)
    assert again["files"] == result["files"]


def test_tampered_or_missing_files_are_refused(
    trained: tuple[Path, Path, dict[str, object]], tmp_path: Path
) -> None:
    _root, out, _result = trained
    for name in ("techniques.npz", CRF_FILE, "techniques.json", ENCODER_FILE, TOKENIZER_FILE):
        copy = tmp_path / name.replace(".", "_")
        shutil.copytree(out, copy)
        with open(copy / name, "ab") as handle:
            handle.write(b"\0")
        with pytest.raises(SpinscopeError) as error:
            load_models(copy)
        assert error.value.code == "E510"
    missing = tmp_path / "missing"
    shutil.copytree(out, missing)
    (missing / CRF_FILE).unlink()
    with pytest.raises(SpinscopeError) as error:
        load_models(missing)
    assert error.value.code == "E511"
    no_encoder = tmp_path / "no-encoder"
    shutil.copytree(out, no_encoder)
    (no_encoder / ENCODER_FILE).unlink()
    with pytest.raises(SpinscopeError) as error:
        load_models(no_encoder)
    assert error.value.code == "E511"


def test_the_span_encoder_is_shipped_and_mixed_with_the_crf(
    trained: tuple[Path, Path, dict[str, object]],
) -> None:
    _root, out, _result = trained
    models = load_models(out)
    assert models.encoder is not None
    assert models.encoder_weight == FAST.encoder_weight
    document = detector.with_sentences(
        Document("Shameful Deal\n\nThe spineless bureaucrats sold the pier.\nTickets cost less.\n")
    )
    seqs = detector.token_sequences(document.text, document.sentences)
    crf = [models.tagger.probabilities(detector.si_features(q, models.rates)) for q in seqs]
    encoded = models.encoder.probabilities([q.words for q in seqs])
    both = detector.token_probabilities(models, seqs)
    for c, e, b, q in zip(crf, encoded, both, seqs, strict=True):
        assert len(e) == len(q.words)
        assert ((e > 0) & (e < 1)).all()
        assert np.allclose(b, (1 - models.encoder_weight) * c + models.encoder_weight * e)
    assert np.allclose(mixed([np.array([0.2])], [np.array([0.6])], 0.25)[0], [0.3])


def test_training_without_the_encoder_ships_the_crf_alone(
    trained: tuple[Path, Path, dict[str, object]], tmp_path: Path
) -> None:
    root, _out, _result = trained
    result = train(root, tmp_path, seed=0, settings=replace(FAST, encoder=None))
    assert ENCODER_FILE not in result["files"]  # type: ignore[operator]
    models = load_models(tmp_path)
    assert models.encoder is None
    document = detector.with_sentences(Document("The spineless bureaucrats sold the pier.\n"))
    seqs = detector.token_sequences(document.text, document.sentences)
    crf = models.tagger.probabilities(detector.si_features(seqs[0], models.rates))
    assert np.allclose(detector.token_probabilities(models, seqs)[0], crf)


def test_detector_with_trained_models(trained: tuple[Path, Path, dict[str, object]]) -> None:
    _root, out, _result = trained
    models = load_models(out)
    text = (
        "Spineless Bureaucrats Sell the Pier\n\nThe spineless bureaucrats of Lorn are outraged.\n"
    )
    findings = detector.detect(Document(text), models=models)
    for span in findings:
        assert span.label in detector.LABELS
        assert 0.0 <= span.score <= 1.0
        assert span.explanation
    ranking = detector.classify_spans(Document(text), [(40, 60), (40, 60)], models=models)
    assert ranking[0][0][0] != ranking[1][0][0]  # two copies: two distinct techniques
    probabilities = [p for _, p in ranking[0]]
    assert probabilities == sorted(probabilities, reverse=True)


def test_cross_validate_on_tiny_data(trained: tuple[Path, Path, dict[str, object]]) -> None:
    root, _out, _result = trained
    result = cross_validate(root, k=2, seed=0, settings=FAST)
    assert result["articles"] == 4
    assert len(result["folds"]) == 2
    for key in ("si_precision", "si_recall", "si_f1", "tc_micro_f1"):
        assert 0.0 <= result[key] <= 1.0
    assert "Loaded_Language" in result["per_technique"]


def test_evaluate_writes_predictions_in_ptc_format(
    trained: tuple[Path, Path, dict[str, object]], tmp_path: Path
) -> None:
    root, out, _result = trained
    labels = root / "train-task-flc-tc.labels"
    result = evaluate(root / "train-articles", labels, predictions=tmp_path, model_dir=out)
    assert result["articles"] == 4
    assert result["template"] is False
    for key in ("si_f1", "si_precision", "si_recall", "tc_micro_f1", "seconds"):
        assert key in result
    gold = read_tc(labels)
    predicted = read_tc(tmp_path / "tc.txt")
    assert [(a, s, e) for a, _t, s, e in predicted] == sorted((a, s, e) for a, _t, s, e in gold)
    read_si(tmp_path / "si.txt")  # parses as SI rows
    for line in (tmp_path / "si.txt").read_text(encoding="utf-8").splitlines():
        assert len(line.split("\t")) == 3


def test_template_never_reads_techniques(
    trained: tuple[Path, Path, dict[str, object]], tmp_path: Path
) -> None:
    root, out, _result = trained
    rows = (root / "train-task-flc-tc.labels").read_text(encoding="utf-8").splitlines()
    template = tmp_path / "template.labels"
    template.write_text(
        "".join(f"{a}\t?\t{s}\t{e}\n" for a, _t, s, e in (r.split("\t") for r in rows)),
        encoding="utf-8",
    )
    result = evaluate(root / "train-articles", template, predictions=tmp_path, model_dir=out)
    assert result["template"] is True
    assert "si_f1" not in result and "tc_micro_f1" not in result
    models = load_models(out)
    for line in (tmp_path / "tc.txt").read_text(encoding="utf-8").splitlines():
        assert line.split("\t")[1] in models.tc.classes


def test_shipped_detector_on_some_ptc_articles(tmp_path: Path) -> None:
    data = need_shared(PTC)
    ids = sorted(p.name[7:-4] for p in (data / "train-articles").glob("article*.txt"))[:6]
    folder = tmp_path / "articles"
    folder.mkdir()
    for article_id in ids:
        shutil.copy(data / "train-articles" / f"article{article_id}.txt", folder)
    lines = (data / "train-task-flc-tc.labels").read_text(encoding="utf-8").splitlines()
    labels = tmp_path / "some.labels"
    labels.write_text("".join(f"{x}\n" for x in lines if x.split("\t")[0] in ids), "utf-8")
    assert len(read_ptc(folder, labels)) == 6
    result = evaluate(folder, labels, predictions=None)
    assert result["articles"] == 6
    assert 0.2 < result["si_f1"] <= 1.0
    assert 0.4 < result["tc_micro_f1"] <= 1.0
    assert result["predicted_spans"] > 0


def test_gated_decoding_mixes_token_and_sentence_probabilities() -> None:
    probs = np.asarray([0.25, 0.64])
    assert Decoding(0.2, 0.1).gated(probs, 0.1) is probs  # weight 0: unchanged
    mixed = Decoding(0.2, 0.1, gate=0.5).gated(probs, 0.04)
    assert np.allclose(mixed, [0.1, 0.16])
    assert np.allclose(Decoding(0.2, 0.1, gate=0.5).gated(probs, 1.0), np.sqrt(probs))


@pytest.fixture(scope="module")
def gated(
    trained: tuple[Path, Path, dict[str, object]], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    root, _out, _result = trained
    out = tmp_path_factory.mktemp("gated")
    train(root, out, seed=0, settings=replace(FAST, gate_weights=(0.7,)))
    return out


def test_a_chosen_gate_is_shipped_and_used(gated: Path) -> None:
    models = load_models(gated)
    assert models.decoding.gate == 0.7
    assert models.gate is not None
    document = detector.with_sentences(
        Document("Shameful Deal\n\nThe spineless bureaucrats sold the pier.\nTickets cost less.\n")
    )
    seqs = detector.token_sequences(document.text, document.sentences)
    gates = models.gate.probabilities(document.text, seqs, models.rates)
    assert gates.shape == (len(seqs),)
    assert ((gates > 0) & (gates < 1)).all()
    for span in detector.detect(document, models=models):
        assert 0.0 <= span.score <= 1.0


def test_a_decoding_whose_gate_is_missing_is_refused(gated: Path, tmp_path: Path) -> None:
    copy = tmp_path / "no-gate"
    shutil.copytree(gated, copy)
    meta = copy / "techniques.json"
    record = json.loads(meta.read_text(encoding="utf-8"))
    record["gate"] = None
    meta.write_text(json.dumps(record), encoding="utf-8")
    card = copy / "MODEL_CARD.md"
    text = card.read_text(encoding="utf-8")
    old = sha256_file(gated / "techniques.json")
    card.write_text(text.replace(old, sha256_file(meta)), encoding="utf-8")
    with pytest.raises(SpinscopeError) as error:
        load_models(copy)
    assert error.value.code == "E512"
