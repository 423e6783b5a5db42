"""The Russian and Ukrainian technique detector on invented sentences, and its model files."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from spinscope import taxonomy
from spinscope.detectors import techniques_ruuk
from spinscope.detectors.techniques_ruuk import (
    COMPONENT,
    MODEL_DIR,
    TECHNIQUES,
    WINDOW_WORDS,
    detect,
    load_models,
    segments,
    shipped_models,
    windows,
)
from spinscope.document import Document, Metadata
from spinscope.errors import SpinscopeError
from spinscope.registry import builtin_registry
from tests.conftest import EXAMPLES

RUSSIAN = (
    "Позорные чиновники Велгорска снова обманули горожан! Никто так и не узнает, куда "
    "исчезли деньги на новый мост, а власть молчит и прячет правду.\n"
    "Мэр Иван Ростов открыл в четверг новую библиотеку на улице Садовой."
)
UKRAINIAN = (
    "Наші герої вщент розгромили ворога під Лісоградом, ворог тікає, перемога вже близько!\n"
    "У понеділок у Ліщинську відкрили новий дитячий майданчик біля школи."
)


def _document(text: str, language: str | None) -> Document:
    return Document(text, meta=Metadata(language=language))


def test_techniques_match_the_taxonomy() -> None:
    assert TECHNIQUES == taxonomy.UNLP2025_LABELS
    labels = COMPONENT.layers["technique"].labels
    assert set(labels) == {taxonomy.by_label(t).id for t in TECHNIQUES}
    assert {"euphoria", "fud", "cherry_picking", "loaded_language"} <= set(labels)


def test_registered_after_the_english_techniques() -> None:
    names = builtin_registry().names()
    assert names.index("techniques_ruuk") == names.index("techniques") + 1


def test_segments_and_windows() -> None:
    text = "Первое предложение. Второе!  Третье без точки\nЧетвертое…"
    cut = [text[s:e] for s, e in segments(text)]
    assert cut == ["Первое предложение.", "Второе!", "Третье без точки", "Четвертое…"]
    line = " ".join(["слово"] * 30)
    long_text = "\n".join([line] * 7)
    spans = windows(long_text)
    assert all(long_text[s:e].strip() == long_text[s:e] for s, e in spans)
    assert [len(long_text[s:e].split()) for s, e in spans] == [90, 90, 30]
    short_tail = "\n".join([line] * 6 + ["слово " * 9 + "конец"])
    assert [len(short_tail[s:e].split()) for s, e in windows(short_tail)] == [90, 100]
    assert WINDOW_WORDS == 80
    assert windows("  \n ") == []


@pytest.mark.parametrize(("text", "language"), [(RUSSIAN, "ru"), (UKRAINIAN, "uk")])
def test_findings_in_russian_and_ukrainian(text: str, language: str) -> None:
    document = _document(text, language)
    findings = detect(document)
    assert findings, "the detector found nothing in a plainly manipulative sentence"
    valid = set(COMPONENT.layers["technique"].labels)
    for span in findings:
        assert span.layer == "technique" and span.label in valid
        assert span.detector == "techniques_ruuk@2"
        assert 0.0 <= span.score <= 1.0
        assert document.text[span.start : span.end].strip() == document.text[span.start : span.end]
    first_line_end = text.index("\n")
    assert any(span.start < first_line_end for span in findings)


def test_one_finding_a_span_and_none_on_prompts_or_credits() -> None:
    from spinscope.ingest.text import read_text
    from spinscope.pipeline import Pipeline

    article = (EXAMPLES / "veligorsk-river-fund.ru.txt").read_text(encoding="utf-8")
    pipeline = Pipeline(["structure", "sentences", "language", "techniques_ruuk"])
    analysis = pipeline(read_text(article, source="veligorsk"))
    document = analysis.document
    findings = [f for f in analysis.findings if f.layer == "technique"]
    assert findings
    places = [(f.start, f.end) for f in findings]
    assert len(places) == len(set(places))  # one technique a span
    quiet = [
        p for p in document.parts if p.kind in ("boilerplate", "disclaimer", "source", "byline")
    ]
    assert quiet
    for finding in findings:
        assert not any(p.start < finding.end and finding.start < p.end for p in quiet)


def test_other_languages_are_left_alone() -> None:
    assert detect(_document(RUSSIAN, "en")) == []
    assert detect(_document(RUSSIAN, None)) == []


def test_a_whole_post_guess() -> None:
    guess = shipped_models().whole("  " + RUSSIAN + "\n")
    assert guess.start == 2 and len(guess.probabilities) == len(TECHNIQUES)
    assert set(guess.techniques) <= set(TECHNIQUES)
    assert guess.ranked()
    empty = shipped_models().whole("   ")
    assert empty.spans == () and empty.techniques == ()


def test_the_post_model_reads_the_mean_navec_vector() -> None:
    vector = np.asarray(techniques_ruuk.navec_mean(RUSSIAN))
    assert vector.shape == (techniques_ruuk.NAVEC_DIM,)
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-6
    assert not any(techniques_ruuk.navec_mean("123 ... !!! 456"))
    models = shipped_models()
    assert models.post_dense == techniques_ruuk.POST_DENSE
    width = models.post.vectoriser.n_features + techniques_ruuk.NAVEC_DIM
    assert models.post.coef.shape == (width, 1 + len(TECHNIQUES))
    assert models.segment_vector == techniques_ruuk.POST_DENSE
    width = models.segment.vectoriser.n_features + len(models.dense_names)
    assert models.segment.coef.shape == (width + techniques_ruuk.NAVEC_DIM, 1)


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "models"
    shutil.copytree(MODEL_DIR, folder)
    return folder


def test_changed_or_missing_files_are_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    assert load_models(folder).segment_threshold == shipped_models().segment_threshold
    weights = folder / f"{techniques_ruuk.FILE_STEM}.npz"
    weights.write_bytes(weights.read_bytes()[:-10])
    with pytest.raises(SpinscopeError) as err:
        load_models(folder)
    assert err.value.code == "E510"
    weights.unlink()
    with pytest.raises(SpinscopeError) as err:
        load_models(folder)
    assert err.value.code == "E511"
    meta = folder / f"{techniques_ruuk.FILE_STEM}.json"
    meta.write_text("{}", encoding="utf-8")
    with pytest.raises(SpinscopeError) as err:
        load_models(folder)
    assert err.value.code == "E510"
