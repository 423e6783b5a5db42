"""Training and cross-validating the allegation scorer on hand-annotated articles.

The examples are the sentences :func:`spinscope.detectors.allegations.sentence_units` gives (a
sentence naming a person or organisation, or one a cue rule fired in) of every gold article,
read exactly as at run time; a sentence is positive when the gold marks its line. Folds are by
article (every sentence of an article in one fold), assigned in sorted article order, so a
figure never rests on a model that saw the article.

``spinscope train allegations`` fits the scorer on every gold article, after choosing C and the
threshold on out-of-fold decisions, and measures the whole detector by cross-validation: for
each fold a scorer is trained on the other folds' articles and the default pipeline, with that
scorer, is scored on the fold's articles by :func:`spinscope.training.allegation_eval`.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from spinscope.detectors.allegation_model import CONFIG, CUES, LABELS, NAME, dense_vectors
from spinscope.detectors.allegations import CUED_THRESHOLD
from spinscope.errors import InputError
from spinscope.textmodel import FloatArray, TextModel, Vectoriser, VectoriserConfig, write_model
from spinscope.training.allegation_eval import (
    GoldItem,
    Score,
    figures_of,
    first_line,
    line_of,
    read_gold_folder,
    score_items,
)
from spinscope.training.checkworthiness import (
    classifier,
    fit_platt,
    platt,
)
from spinscope.training.checkworthiness import features as shared_features
from spinscope.version import __version__

if TYPE_CHECKING:
    from spinscope.pipeline import Pipeline

FOLDS: Final = 5
C_GRID: Final = (0.3, 1.0, 3.0)


@dataclass(frozen=True, slots=True)
class Example:
    """One sentence the scorer reads, and whether the gold marks its line."""

    article: str
    line: int
    text: str
    positive: bool
    sentence: str = ""  # as written: what the sentence block of the dense features reads


def examples_of(items: Sequence[GoldItem]) -> list[Example]:
    """The scorer's examples from gold articles, read as the default pipeline reads them."""
    from spinscope.detectors.actors import build_cast
    from spinscope.detectors.allegations import sentence_units
    from spinscope.detectors.sourcing import grade_sentences
    from spinscope.ingest.text import read_text
    from spinscope.pipeline import Pipeline

    annotate = Pipeline(["structure", "sentences", "language"])
    out: list[Example] = []
    for item in items:
        raw = item.text_path.read_text(encoding="utf-8")
        document = annotate(read_text(raw, source=str(item.text_path))).document
        cast = build_cast(document)
        grades = grade_sentences(document, cast).grades
        marked = {entry.sentence for entry in item.gold.allegations}
        first = first_line(raw)
        for unit in sentence_units(document, cast, grades):
            line = line_of(document.text, unit.start, first)
            sentence = document.text[unit.start : unit.end]
            out.append(Example(item.article_id, line, unit.text, line in marked, sentence))
    return out


def features(
    texts: Sequence[str], config: VectoriserConfig = CONFIG, sentences: Sequence[str] | None = None
) -> tuple[Vectoriser, Any]:
    """The vectoriser fitted on ``texts`` and their feature matrix (CSR), dense block included
    when ``config`` has one: the encoder's vectors as the scorer reads them at run time
    (:func:`~spinscope.detectors.allegation_model.dense_vectors`)."""
    return shared_features(texts, config, dense_vectors(config, texts, sentences))


def fold_of(articles: Sequence[str], folds: int) -> dict[str, int]:
    """Article id -> fold, round robin in sorted order."""
    return {a: i % folds for i, a in enumerate(sorted(set(articles)))}


def _out_of_fold(matrix: Any, y: Any, groups: Sequence[int], c: float, seed: int) -> FloatArray:
    decisions = np.zeros(len(y), dtype=np.float64)
    group_array = np.asarray(groups)
    for fold in sorted(set(groups)):
        test = group_array == fold
        if not test.any() or test.all() or len(set(y[~test])) < 2:
            continue
        model = classifier(c, seed).fit(matrix[~test], y[~test])
        decisions[test] = model.decision_function(matrix[test])
    return decisions


def _best_threshold(chances: FloatArray, y: Any, gold_total: int) -> tuple[float, float]:
    """(threshold, F1) over sentences, recall counted against every gold sentence."""
    best = (0.5, -1.0)
    for threshold in np.round(np.arange(0.05, 0.96, 0.01), 2):
        chosen = chances >= threshold
        tp = int(np.sum(chosen & (y == 1)))
        f1 = 2 * tp / (int(np.sum(chosen)) + gold_total) if gold_total else 0.0
        if f1 > best[1] + 1e-12:
            best = (float(threshold), f1)
    return best


@dataclass(frozen=True, slots=True)
class Fitted:
    model: TextModel
    cv: dict[str, Any]


def fit(
    examples: Sequence[Example],
    gold_total: int,
    *,
    seed: int = 0,
    folds: int = FOLDS,
    training: dict[str, Any] | None = None,
    config: VectoriserConfig = CONFIG,
) -> Fitted:
    """Vectorise, choose C and the threshold on out-of-fold decisions, fit on every example.

    ``gold_total`` is the number of gold allegation lines, some of which no example holds (the
    tool named nobody there): recall is counted against all of them.
    """
    if not examples or len({e.positive for e in examples}) < 2:
        raise InputError("E503", source="gold folder", detail="too few allegation sentences")
    texts = [e.text for e in examples]
    y = np.asarray([int(e.positive) for e in examples])
    groups = [fold_of([e.article for e in examples], folds)[e.article] for e in examples]
    vectoriser, matrix = features(texts, config, [e.sentence for e in examples])
    table: dict[str, Any] = {}
    best: tuple[float, float, tuple[float, float], float] | None = None
    for c in C_GRID:
        decisions = _out_of_fold(matrix, y, groups, c, seed)
        params = fit_platt(decisions, y)
        threshold, f1 = _best_threshold(platt(decisions, params), y, gold_total)
        table[f"C={c:g}"] = {"f1": round(f1, 4), "threshold": threshold}
        if best is None or f1 > best[1] + 1e-12:
            best = (c, f1, params, threshold)
    assert best is not None
    c, f1, params, threshold = best
    fitted = classifier(c, seed).fit(matrix, y)
    model = TextModel(
        name=NAME,
        vectoriser=vectoriser,
        coef=fitted.coef_[0].astype(np.float32).astype(np.float64),
        intercept=float(np.float32(fitted.intercept_[0])),
        platt=params,
        threshold=threshold,
        labels=LABELS,
        training={**(training or {}), "C": c, "cv_sentence_f1": round(f1, 4)},
    )
    return Fitted(model, {"grid": table, "C": c, "f1": round(f1, 4), "threshold": threshold})


def cross_validate(
    items: Sequence[GoldItem], examples: Sequence[Example], *, seed: int = 0, folds: int = FOLDS
) -> dict[str, Any]:
    """The evaluation figures of the whole detector, each fold scored by a scorer trained on
    the other folds' articles."""
    fold = fold_of([i.article_id for i in items], folds)
    total = Score()
    rows: list[dict[str, Any]] = []
    for k in range(folds):
        held = [i for i in items if fold[i.article_id] == k]
        train = [e for e in examples if fold[e.article] != k]
        if not held or not train:
            continue
        gold_total = sum(
            len({a.sentence for a in i.gold.allegations}) for i in items if fold[i.article_id] != k
        )
        model = fit(train, gold_total, seed=seed, folds=folds - 1).model
        score, fold_rows = score_items(held, _pipeline_with(model))
        total.add(score)
        rows += fold_rows
    return figures_of(total, rows)


def _pipeline_with(model: TextModel) -> Pipeline:
    """The default pipeline with ``model`` as the allegation scorer."""
    from spinscope.components import Registry
    from spinscope.detectors import allegations
    from spinscope.pipeline import Pipeline
    from spinscope.registry import BUILTIN_SPECS, DEFAULT_COMPONENTS

    specs = [
        allegations.with_model(model) if s.name == allegations.NAME else s for s in BUILTIN_SPECS
    ]
    return Pipeline(DEFAULT_COMPONENTS, registry=Registry(specs))


def _shown(path: Path) -> str:
    """A folder as the card names it: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def train_allegations(
    gold_dir: Path,
    articles_dir: Path,
    out_dir: Path,
    *,
    seed: int = 0,
    folds: int = FOLDS,
    held_out: Path | None = None,
    feedback: Path | None = None,
) -> dict[str, Any]:
    """Cross-validate the detector, fit the scorer on every gold article, write it and its card;
    with ``held_out``, also score the trained detector on those gold files. With ``feedback``
    (an allegation review export), the reviewed articles join the gold ones, except those the
    gold folder or the held-out one already has."""
    started = time.perf_counter()
    items = read_gold_folder(gold_dir, articles_dir)
    test_items = read_gold_folder(held_out, articles_dir) if held_out is not None else []
    with tempfile.TemporaryDirectory(prefix="spinscope-reviews-") as work:
        # reviewed articles are read from here (their texts too) until training ends
        folded: dict[str, Any] | None = None
        if feedback is not None:
            items, folded = _with_reviews(items, test_items, feedback, Path(work))
        examples = examples_of(items)
        gold_total = sum(len({a.sentence for a in i.gold.allegations}) for i in items)
        data = {
            "articles": len(items),
            "sentences": len(examples),
            "positives": sum(e.positive for e in examples),
            "gold_allegation_lines": gold_total,
            "seed": seed,
            "folds": folds,
            "gold": _shown(gold_dir),
            "articles_dir": _shown(articles_dir),
        }
        if folded is not None:
            data["feedback"] = folded
        cv = cross_validate(items, examples, seed=seed, folds=folds)
        fitted = fit(examples, gold_total, seed=seed, folds=folds, training=dict(data))
        hashes = write_model(fitted.model, out_dir)
        test: dict[str, Any] = {}
        if test_items:
            score, rows = score_items(test_items, _pipeline_with(fitted.model))
            test = {k: v for k, v in figures_of(score, rows).items() if k != "per_article"}
            test["articles"] = len(test_items)
            test["gold"] = _shown(held_out) if held_out is not None else ""
        result: dict[str, Any] = {
            **data,
            "scorer_cv": fitted.cv,
            "detector_cv": {k: v for k, v in cv.items() if k != "per_article"},
            "held_out": test,
            "threshold": fitted.model.threshold,
            "features": fitted.model.vectoriser.n_features,
            "files": hashes,
            "seconds": round(time.perf_counter() - started, 1),
        }
        (out_dir / "MODEL_CARD.md").write_text(model_card(result), encoding="utf-8")
        return result


def _with_reviews(
    items: list[GoldItem], test_items: list[GoldItem], feedback: Path, work: Path
) -> tuple[list[GoldItem], dict[str, Any]]:
    """The gold items with an allegation review export's articles unpacked into ``work`` and
    added, those the gold or held-out items already have left out; and the counts."""
    from spinscope.training.feedback import unpack_allegation_export

    unpack_allegation_export(feedback, work)
    known = {i.article_id for i in (*items, *test_items)}
    reviewed = read_gold_folder(work, work)
    added = [i for i in reviewed if i.article_id not in known]
    folded = {
        "file": feedback.name,
        "reviewed_articles": len(reviewed),
        "added": len(added),
        "already_in_the_gold": len(reviewed) - len(added),
    }
    return [*items, *added], folded


CARD_FIGURES: Final = (
    ("allegations_f1", "allegation sentences F1"),
    ("allegations_precision", "allegation sentences precision"),
    ("allegations_recall", "allegation sentences recall"),
    ("allegations_target_f1", "F1 with a correct target"),
    ("sourcing_accuracy", "sourcing accuracy (matched sentences)"),
    ("alleged_by_accuracy", "alleged_by accuracy (matched sentences)"),
    ("type_accuracy", "type accuracy (matched sentences)"),
    ("persons_f1", "persons F1"),
    ("organisations_f1", "organisations F1"),
    ("descriptor_recall", "descriptor recall"),
)


def _feedback_text(result: dict[str, Any]) -> str:
    folded = result.get("feedback")
    if not folded:
        return ""
    return (
        f"\n\nReviewers' corrections (`--feedback {folded['file']}`, an allegation review "
        f"export): {folded['reviewed_articles']} reviewed articles, {folded['added']} of them "
        f"added to the gold ones above; {folded['already_in_the_gold']} the gold or held-out "
        "folders already hold were left out."
    )


def model_card(result: dict[str, Any]) -> str:
    """The MODEL_CARD.md of a training run; its sha256 table is what the loader checks."""
    scorer = result["scorer_cv"]
    detector = result["detector_cv"]
    grid = "\n".join(
        f"| {name} | {row['f1']:.4f} | {row['threshold']:.2f} |"
        for name, row in scorer["grid"].items()
    )
    figures = "\n".join(f"| {label} | {detector[key]:.4f} |" for key, label in CARD_FIGURES)
    test = result.get("held_out") or {}
    held_out = (
        f"""
## Held out ({test["articles"]} articles)

Annotated with the rest, kept out of training and of every choice above; the trained detector
in the default pipeline on `{test["gold"]}`:

| figure | value |
|---|---|
{chr(10).join(f"| {label} | {test[key]:.4f} |" for key, label in CARD_FIGURES)}

Measure with `spinscope eval allegations --gold {test["gold"]} --articles
{result["articles_dir"]}`; the evaluation gate pins these figures.
"""
        if test
        else ""
    )
    files = "\n".join(f"| {name} | {digest} |" for name, digest in sorted(result["files"].items()))
    cues = ", ".join(cue.name for cue in CUES)
    block = CONFIG.dense
    runtime = (
        "Runs on numpy\n  alone (`spinscope.textmodel`), no pickle."
        if block is None
        else "Runs on numpy\n  and onnxruntime (`spinscope.textmodel`, "
        "`spinscope.detectors.sentence_encoder`), no pickle."
    )
    dense = (
        ""
        if block is None
        else f" and the mean-pooled hidden states of the shipped span encoder over the sentence "
        f"as written ({block.dim} floats, centred, scaled to length {block.scale:g}; the pass the "
        "techniques head has already made, so it costs nothing more at run time)"
    )
    return f"""# Model card: allegations

Scores a sentence for the probability that it attributes wrongdoing or a damaging property
(crime, corruption, foreign funding, disloyalty, extremism, hypocrisy, abuse, lying, other) to
a person or organisation it names. **It reports what a text alleges; it never says whether an
allegation is true, and it never scores people.**

- Used by: the `allegations` detector. A sentence naming a person or organisation becomes an
  allegation when its score reaches the threshold; its findings are its frames from the
  dependency parse, else the cue rules' findings, else one finding for the sentence whose target
  is the subject of its action. Every finding's score is this probability.
- Input: the sentence with persons as `xperson` and organisations as `xorg`, then `xframe` /
  `xrule` when a frame or a rule was found in it, then what its dependency parse shows:
  `xaccused` (a cue word predicated of a named actor), `xtarget` (a named actor the sentence is
  about who is not its speaker), `xsubject` (a named actor is a verb's subject), `xsourced` (its
  sourcing grade names a source or an anonymous one), `xcontext` (the sentence before it holds
  a cue word of any type); each mark is also a binary cue.
- Model: logistic regression (liblinear, class weights balanced, C={scorer["C"]:g}) over word
  1-2-grams, character 3-5-grams (sublinear tf-idf), binary cues ({cues}){dense};
  {result["features"]:,} features. Platt calibration on out-of-fold decisions. {runtime}
- Dense blocks measured on 2026-12-07 as this card's figures below are (5-fold cross-validation by
  article on the 66 development articles, then the 22 held-out articles), whole-detector sentence
  F1: n-grams and cues alone 0.525 / 0.527; with the encoder block over the sentence as written,
  scale 1 (shipped) 0.548 / 0.611, scale 0.5 0.540 / 0.573. An earlier encoder block read the
  scorer input (placeholders read as names): 0.507 -> 0.542 in cross-validation, but it missed
  allegations of spinscope's own examples and cost an encoder pass (7-14 ms) per candidate
  sentence; an ensemble of it and the n-gram scorer was no better than it alone (0.533).
- A learned target ranker, measured on 2026-12-07 and not kept: a logistic regression over each
  candidate actor's features from the parse (its role and the class of the word governing it,
  the rules' pick, the speaker, quoted, named before or after the cue word, named only in the two
  sentences before, its rank by mentions) chose a gold target in 0.715 of 397 development
  sentences out of fold, the rules in 0.645; but the gain lay in sentences where the rules name
  nobody, and giving those a target moved cross-validated sentence F1 0.551 -> 0.559 and target
  F1 0.378 -> 0.379, and lowered the held-out ones (0.598 -> 0.588, 0.404 -> 0.381). Where the
  rules name someone it was right in 0.720 of 361 sentences against their 0.709.
- Also measured on 2026-12-08 and not kept: a speaker who is the accused is never the source
  (the author reports them); cross-validated sourcing 0.762 -> 0.760, alleged_by 0.757 -> 0.760.
- Targets, measured on 2026-12-08 (cross-validated sentence F1 / target F1 / sourcing): a role
  noun that stands for an actor counts as a mention of them ("Senator X ... The senator was
  accused": a sentence that names its accused only by role is read, with them as its target),
  kept: 0.551 / 0.378 / 0.762 -> 0.553 / 0.381 / 0.766; the one identified as a suspect ("police
  identified X as a suspect", "identified the suspect as X") is the accused, kept: 0.553 /
  0.383 / 0.769. Not kept: a speaker who is the one acting is the target only when nobody else
  is (0.549 / 0.376 / 0.767); a role noun in the apposition of a name not counted (0.549 /
  0.375 / 0.770); the common noun an organisation's name ends with ("the party") as a role
  noun (0.554 / 0.383 / 0.759: sourcing lower). Collective mentions ("the two") are on no gold
  line of the development articles.
- Trained by spinscope {__version__} on {datetime.now(UTC).date().isoformat()}, seed
  {result["seed"]}, in {result["seconds"]} s.

## Data

{result["articles"]} articles of the PTC corpus (SemEval-2020 Task 11 train articles, read from
`{result["articles_dir"]}`; research use, not copied into spinscope), annotated by hand for
spinscope following the allegation guideline; the annotations are in `{result["gold"]}` (ids,
line numbers, names, labels and offsets; no article text).
{result["sentences"]:,} sentences read by the scorer, {result["positives"]:,} of them on a gold
allegation line; {result["gold_allegation_lines"]:,} gold allegation lines in all (the rest name
no actor the tool found, and count as missed).{_feedback_text(result)}

## Threshold

threshold: {result["threshold"]:.2f} (the calibrated probability with the best out-of-fold
sentence F1, recall counted against every gold allegation line), or {CUED_THRESHOLD:.2f} for a
sentence where a frame or a cue rule found an allegation (`allegations.CUED_THRESHOLD`: the
lexicon's kinds PTC's news seldom shows, foreign grants or a second passport, are not lost; in
the cross-validation below it moved sentence F1 from 0.5483 to 0.5490, the held-out figures
not at all)

## Cross-validation ({result["folds"]} folds by article)

The scorer alone: out-of-fold sentence F1 at the best threshold for each C.

| setting | F1 | threshold |
|---|---|---|
{grid}

The whole detector in the default pipeline, each fold's articles scored with a scorer trained on
the other folds (`spinscope eval allegations` figures, micro-averaged):

| figure | value |
|---|---|
{figures}
{held_out}
Reproduce with `spinscope train allegations --gold {result["gold"]} --articles
{result["articles_dir"]} --out src/spinscope/models/allegations{
        f" --held-out {test['gold']}" if test else ""
    }`.

## Files

| file | sha256 |
|---|---|
{files}
"""
