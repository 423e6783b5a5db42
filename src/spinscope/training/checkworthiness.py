"""Training and evaluating the check-worthiness model that the ``claims`` detector ships.

Data are CLEF CheckThat! task 1 TSV files (``Sentence_id<TAB>Text<TAB>class_label``, labels Yes
or No). :func:`train_checkworthiness` takes a TSV file or a folder: in a folder every ``*train*``
TSV is training data, and every ``*dev*`` or ``*test*`` TSV is held out. Training sentences whose
text also appears in a held-out file are dropped, so nothing held out is ever trained on. The
held-out files are scored once, at the end, with the model as written, and the figure goes in
the model card.

Hyper-parameters (the regularisation C) and the decision threshold are chosen by stratified
5-fold cross-validation on the training data alone. The Platt calibration is fitted on the
out-of-fold decision values of the chosen setting. scikit-learn is needed here only; run time
uses :mod:`spinscope.textmodel`.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import numpy as np

from spinscope.detectors.sentence_encoder import DIM, sentence_encoder
from spinscope.detectors.sentence_encoder import NAME as ENCODER
from spinscope.errors import InputError
from spinscope.textmodel import (
    Analyser,
    Cue,
    DenseBlock,
    FloatArray,
    TextModel,
    Vectoriser,
    VectoriserConfig,
    normalise,
    smooth_idf,
    write_model,
)
from spinscope.version import __version__

NAME: Final = "checkworthiness"
LABELS: Final = ("No", "Yes")
FOLDS: Final = 5
C_GRID: Final = (0.5, 1.0, 2.0)
MIN_DF: Final = 2
MAX_WORD_TERMS: Final = 40_000
MAX_CHAR_TERMS: Final = 40_000

# Hand-made cues, matched on the sentence as written. They are saved in the artefact.
CUES: Final = (
    Cue("number", "number", r"(?<![\w.])\d[\d,.]*\d(?![\w])|(?<![\w.])\d(?![\w])"),
    Cue("percent", "percentage", r"(?i)\d\s*(?:%|percent\b|per cent\b)"),
    Cue(
        "money",
        "amount",
        r"(?i)[$€£]\s?\d[\d,.]*(?:\s*(?:million|billion|trillion))?|\b\d[\d,.]*\s*"
        r"(?:dollars|euros|pounds|billion|million|trillion)\b",
    ),
    Cue("magnitude", "magnitude", r"(?i)\b(?:million|billion|trillion|thousands|hundreds)\b"),
    Cue("year", "year", r"\b(?:1[89]|20)\d\d\b"),
    Cue(
        "month",
        "date",
        r"\b(?:January|February|March|April|May|June|July|August|September|October|November"
        r"|December)\b",
    ),
    Cue(
        "comparison",
        "comparison",
        r"(?i)\b(?:more|less|fewer|greater|higher|lower|larger|smaller|bigger|better|worse)"
        r"\s+than\b|\b(?:highest|lowest|largest|biggest|fastest|record)\b",
    ),
    Cue(
        "change",
        "change",
        r"(?i)\b(?:increased|decreased|doubled|tripled|rose|risen|fell|fallen|grew|grown"
        r"|dropped|declined|soared|cut|raised)\b",
    ),
    Cue(
        "record",
        "record",
        r"(?i)\b(?:voted|votes? (?:for|against)|passed|signed|vetoed|sponsored|appointed)\b",
    ),
    Cue("name", "name", r"(?<=[a-z,;] )[A-Z][a-z]+(?: [A-Z][a-z]+)*"),
    Cue("acronym", "acronym", r"\b[A-Z]{2,}s?\b"),
    Cue(
        "opinion",
        "opinion",
        r"(?i)\bI (?:think|believe|feel|hope|guess|suppose|want|wish)\b|\bin my (?:view|opinion)\b",
    ),
    Cue("modal", "modal", r"(?i)\b(?:would|could|should|might|must|shall)\b"),
    Cue("promise", "promise", r"(?i)\b(?:we|I)(?:'ll| will| are going to| am going to)\b"),
    Cue("question", "question", r"\?"),
    Cue("short", "short", r"^\W*(?:\w+\W+){0,3}\w*\W*$"),
    Cue("courtesy", "courtesy", r"(?i)\b(?:thank you|thanks|good evening|applause|laughter)\b"),
)
# The sparse blocks alone (what the first model shipped, and what the allegations scorer reuses).
SPARSE_CONFIG: Final = VectoriserConfig(word_ngrams=(1, 3), char_ngrams=(2, 5), cues=CUES)
# The shipped model adds the span encoder's mean-pooled sentence states (the techniques head's
# own pass, see spinscope.detectors.sentence_encoder): see EXPERIMENTS.
DENSE_SCALE: Final = 1.0
CONFIG: Final = replace(SPARSE_CONFIG, dense=DenseBlock(ENCODER, DIM, DENSE_SCALE))
# What `python scripts/checkworthiness_experiments.py --data ../shared/data/checkthat2024-task1-en
# --groups .../crowdsourced.csv --ct19 ../shared/data/checkthat2019-task1-en/data --c 0.5` printed
# on 2026-12-07; written into the model card.
EXPERIMENTS: Final = """| features | grouped CV F1 | shift F1 | dev F1 | CheckThat! 2019 AP |
|---|---|---|---|---|
| n-grams and cues | 0.6760 | 0.6378 | 0.8800 | 0.1266 |
| encoder vectors | 0.6831 | 0.6397 | 0.8819 | 0.1170 |
| both (shipped) | 0.7052 | 0.6600 | 0.8984 | 0.1313 |

The technique classifier's span network (all-MiniLM-L6-v2, its 6 layers, over each sentence;
`--network`, one run at C=1, no CheckThat! 2019): both shipped blocks 0.7044 / 0.6579 / 0.9010;
the network's vectors alone 0.6649 / 0.6300 / 0.8350; with the n-grams 0.7008 / 0.6642 /
0.8826; with both shipped blocks 0.7118 / 0.6697 / 0.8943 (grouped CV / shift / dev). Not
kept: about one point on CV and the shift, a lower dev figure, for a run of the 6 layers on
every sentence (about 4 ms each on one busy core), where the span encoder's sentence vectors
come from the pass the techniques already make."""
SHIFT_YEAR: Final = 2012  # the distribution-shift figure: debates before it train, the rest test


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled sentence from a CheckThat! TSV."""

    sentence_id: str
    text: str
    positive: bool


def read_checkthat(path: Path) -> list[Example]:
    """Read a CheckThat! task 1 TSV: a header is optional, CRLF line ends are fine."""
    if not path.is_file():
        raise InputError("E100", path=path)
    examples: list[Example] = []
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.reader(handle, delimiter="\t"), start=1):
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue
                if number == 1 and row[0].strip().lower() == "sentence_id":
                    continue
                examples.append(_example(path, number, row))
    except UnicodeDecodeError as exc:
        raise InputError("E513", source=path, line=0, detail=f"not UTF-8 ({exc})") from exc
    except csv.Error as exc:
        raise InputError("E513", source=path, line=0, detail=str(exc)) from exc
    if not examples:
        raise InputError("E513", source=path, line=0, detail="no labelled sentences")
    return examples


def _example(path: Path, number: int, row: Sequence[str]) -> Example:
    if len(row) != 3:
        raise InputError("E513", source=path, line=number, detail=f"{len(row)} columns, not 3")
    sentence_id, text, label = (cell.strip() for cell in row)
    if label not in LABELS:
        raise InputError("E513", source=path, line=number, detail=f"class_label {label!r}")
    if not text:
        raise InputError("E513", source=path, line=number, detail="empty Text")
    return Example(sentence_id, text, label == "Yes")


def _key(text: str) -> str:
    return normalise(text).lower()


def training_files(data: Path) -> tuple[list[Path], list[Path]]:
    """(training files, held-out files) of a TSV file or a folder of them."""
    if data.is_file():
        return [data], []
    if not data.is_dir():
        raise InputError("E100", path=data)
    tsvs = sorted(data.glob("*.tsv"))
    train = [p for p in tsvs if "train" in p.name.lower()]
    held = [p for p in tsvs if p not in train and ("dev" in p.name or "test" in p.name)]
    if not train:
        raise InputError("E513", source=data, line=0, detail="no *train*.tsv file in the folder")
    return train, held


# --- features --------------------------------------------------------------------------------


def _vocabulary(documents: Iterable[list[str]], limit: int) -> tuple[list[str], FloatArray]:
    df: Counter[str] = Counter()
    n = 0
    for terms in documents:
        df.update(set(terms))
        n += 1
    kept = sorted((t for t, c in df.items() if c >= MIN_DF), key=lambda t: (-df[t], t))[:limit]
    kept.sort()
    idf = smooth_idf(np.asarray([df[t] for t in kept]), n).astype(np.float32)
    return kept, idf.astype(np.float64)


def build_vectoriser(texts: Sequence[str], config: VectoriserConfig = CONFIG) -> Vectoriser:
    """Vocabularies (min_df, top terms by document frequency) and float32 idf from ``texts``."""
    analyser = Analyser(config)
    words, word_idf = _vocabulary((analyser.word_terms(t) for t in texts), MAX_WORD_TERMS)
    chars, char_idf = _vocabulary((analyser.char_terms(t) for t in texts), MAX_CHAR_TERMS)
    return Vectoriser(
        config, word_vocab=words, char_vocab=chars, word_idf=word_idf, char_idf=char_idf
    )


def feature_matrix(vectoriser: Vectoriser, texts: Sequence[str]) -> Any:
    """A scipy CSR matrix of the texts' features, row by row as :meth:`Vectoriser.row` gives."""
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped, unused-ignore]

    indptr = [0]
    columns: list[Any] = []
    values: list[Any] = []
    for text in texts:
        cols, vals = vectoriser.row(text)
        columns.append(cols)
        values.append(vals)
        indptr.append(indptr[-1] + len(cols))
    return csr_matrix(
        (np.concatenate(values), np.concatenate(columns), np.asarray(indptr)),
        shape=(len(texts), vectoriser.n_features),
    )


def encoder_vectors(texts: Sequence[str]) -> FloatArray:
    """The span encoder's mean-pooled sentence states of ``texts`` (see CONFIG)."""
    return sentence_encoder().vectors(list(texts))


def features(
    texts: Sequence[str], config: VectoriserConfig = CONFIG, vectors: FloatArray | None = None
) -> tuple[Vectoriser, Any]:
    """The vectoriser fitted on ``texts`` and their feature matrix (CSR), dense block included
    when ``config`` has one: ``vectors`` (the encoder's, computed when not given), centred on
    their float32 mean as the model stores it."""
    from scipy.sparse import csr_matrix, hstack  # type: ignore[import-untyped, unused-ignore]

    sparse = build_vectoriser(texts, config)
    if config.dense is None:
        return sparse, feature_matrix(sparse, texts)
    vectors = encoder_vectors(texts) if vectors is None else vectors
    vectoriser = Vectoriser(
        config,
        word_vocab=sparse.word_vocab,
        char_vocab=sparse.char_vocab,
        word_idf=sparse.word_idf,
        char_idf=sparse.char_idf,
        dense_mean=vectors.mean(axis=0).astype(np.float32),
    )
    matrix = feature_matrix(vectoriser, texts)[:, : vectoriser.dense_offset]
    dense = csr_matrix(vectoriser.dense_block(vectors))
    return vectoriser, hstack([matrix, dense], format="csr")


# --- fitting ---------------------------------------------------------------------------------


def classifier(c: float, seed: int) -> Any:
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped, unused-ignore]

    return LogisticRegression(
        C=c,
        class_weight="balanced",
        solver="liblinear",
        dual=True,  # far faster than the primal when features outnumber sentences
        max_iter=5000,
        random_state=seed,
    )


def fit_platt(decisions: FloatArray, y: Any) -> tuple[float, float]:
    """Platt scaling: (a, b) with P(positive) = 1 / (1 + exp(-(a * d + b)))."""
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped, unused-ignore]

    model = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000)
    model.fit(decisions.reshape(-1, 1), y)
    return float(model.coef_[0, 0]), float(model.intercept_[0])


def platt(decisions: FloatArray, params: tuple[float, float]) -> FloatArray:
    z = params[0] * decisions + params[1]
    return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)


def best_threshold(probabilities: FloatArray, y: Any) -> tuple[float, float]:
    """(threshold, F1 of the positive class) that maximises F1, on a 0.01 grid."""
    best = (0.5, -1.0)
    positives = int(np.sum(y))
    for threshold in np.round(np.arange(0.05, 0.96, 0.01), 2):
        predicted = probabilities >= threshold
        tp = int(np.sum(predicted & (y == 1)))
        f1 = 2 * tp / (int(np.sum(predicted)) + positives) if positives else 0.0
        if f1 > best[1] + 1e-12:
            best = (float(threshold), f1)
    return best


def out_of_fold(
    matrix: Any,
    y: Any,
    c: float,
    *,
    seed: int,
    folds: int = FOLDS,
    groups: Sequence[str] | None = None,
) -> FloatArray:
    """Decision values of every training row from a model that did not see it: stratified
    folds, or with ``groups`` (a debate per row, say) folds that keep each group whole."""
    from sklearn.model_selection import (  # type: ignore[import-untyped, unused-ignore]
        GroupKFold,
        StratifiedKFold,
    )

    decisions = np.zeros(len(y), dtype=np.float64)
    if groups is not None:
        splits = GroupKFold(n_splits=folds).split(np.zeros(len(y)), y, np.asarray(groups))
    else:
        splits = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(
            np.zeros(len(y)), y
        )
    for train_rows, test_rows in splits:
        model = classifier(c, seed).fit(matrix[train_rows], y[train_rows])
        decisions[test_rows] = model.decision_function(matrix[test_rows])
    return decisions


def prf(predicted: Any, y: Any) -> dict[str, float]:
    tp = int(np.sum(predicted & (y == 1)))
    n_pred, n_gold = int(np.sum(predicted)), int(np.sum(y))
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


@dataclass(frozen=True, slots=True)
class Fitted:
    """A trained model and the figures behind it."""

    model: TextModel
    cv: dict[str, Any]  # per C: out-of-fold F1 at its best threshold; the chosen C
    training_decisions: FloatArray  # the fitted classifier's own decision values on its data


def fit(
    examples: Sequence[Example],
    *,
    seed: int = 0,
    c_grid: Sequence[float] = C_GRID,
    config: VectoriserConfig = CONFIG,
    folds: int = FOLDS,
    training: dict[str, Any] | None = None,
    groups: Sequence[str] | None = None,
    vectors: FloatArray | None = None,
) -> Fitted:
    """Vectorise, choose C and the threshold by cross-validation (grouped when ``groups`` are
    given), fit on all examples. ``vectors`` are the encoder's, computed when not given."""
    texts = [e.text for e in examples]
    y = np.asarray([int(e.positive) for e in examples])
    vectoriser, matrix = features(texts, config, vectors)
    table: dict[str, Any] = {}
    best: tuple[float, float, tuple[float, float], float] | None = None
    for c in c_grid:
        decisions = out_of_fold(matrix, y, c, seed=seed, folds=folds, groups=groups)
        params = fit_platt(decisions, y)
        threshold, f1 = best_threshold(platt(decisions, params), y)
        table[f"C={c:g}"] = {"f1": round(f1, 4), "threshold": threshold}
        if best is None or f1 > best[1] + 1e-12:
            best = (c, f1, params, threshold)
    if best is None:
        raise InputError("E513", source="training data", line=0, detail="empty C grid")
    c, f1, params, threshold = best
    fitted = classifier(c, seed).fit(matrix, y)
    coef = fitted.coef_[0].astype(np.float32).astype(np.float64)
    intercept = float(np.float32(fitted.intercept_[0]))
    model = TextModel(
        name=NAME,
        vectoriser=vectoriser,
        coef=coef,
        intercept=intercept,
        platt=params,
        threshold=threshold,
        labels=LABELS,
        training={**(training or {}), "C": c, "cv_f1": round(f1, 4)},
    )
    cv = {
        "grid": table,
        "C": c,
        "f1": round(f1, 4),
        "threshold": threshold,
        "folds": folds,
        "grouped": groups is not None,
    }
    if groups is not None:
        cv["shift"] = shift_figures(matrix, y, groups, c, seed=seed, folds=folds)
    return Fitted(model, cv, fitted.decision_function(matrix))


def shift_figures(
    matrix: Any, y: Any, groups: Sequence[str], c: float, *, seed: int, folds: int = FOLDS
) -> dict[str, Any]:
    """A distribution shift inside the training data: trained on the debates before
    :data:`SHIFT_YEAR` (threshold and calibration by their own grouped cross-validation),
    scored on the later ones. Groups are debate file names that start with their year."""
    years = np.asarray([int(g[:4]) if g[:4].isdigit() else 0 for g in groups])
    old = years < SHIFT_YEAR
    if old.all() or not old.any():
        return {}
    old_groups = [g for g, keep in zip(groups, old, strict=True) if keep]
    decisions = out_of_fold(matrix[old], y[old], c, seed=seed, folds=folds, groups=old_groups)
    params = fit_platt(decisions, y[old])
    threshold, _ = best_threshold(platt(decisions, params), y[old])
    model = classifier(c, seed).fit(matrix[old], y[old])
    new = ~old
    predicted = platt(model.decision_function(matrix[new]), params) >= threshold
    figures: dict[str, Any] = {k: round(v, 4) for k, v in prf(predicted, y[new]).items()}
    return {**figures, "train": int(old.sum()), "test": int(new.sum()), "year": SHIFT_YEAR}


# --- the commands ----------------------------------------------------------------------------


def shipped_model_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "models" / NAME


def score_examples(model: TextModel, examples: Sequence[Example]) -> dict[str, float | int]:
    """F1, precision and recall of the Yes class at the model's threshold; n; threshold."""
    y = np.asarray([int(e.positive) for e in examples])
    texts = [e.text for e in examples]
    vectors = encoder_vectors(texts) if model.vectoriser.config.dense is not None else None
    probabilities = model.probabilities(texts, vectors)
    figures: dict[str, float | int] = {
        k: round(v, 4) for k, v in prf(probabilities >= model.threshold, y).items()
    }
    figures["n"] = len(examples)
    figures["threshold"] = model.threshold
    return figures


def eval_checkworthiness(path: Path) -> dict[str, float | int]:
    """Score a CheckThat! TSV with the shipped model (no training).

    Returns f1, precision and recall of the Yes class, n, the threshold and the seconds taken.
    """
    from spinscope.textmodel import load_model

    examples = read_checkthat(path)
    started = time.perf_counter()
    figures = score_examples(load_model(shipped_model_dir(), NAME), examples)
    figures["seconds"] = round(time.perf_counter() - started, 3)
    return figures


def read_groups(path: Path) -> dict[str, str]:
    """Sentence_id -> File_id from a ClaimBuster CSV (``crowdsourced.csv``): the debate of
    each sentence, so that cross-validation keeps a debate in one fold."""
    if not path.is_file():
        raise InputError("E100", path=path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if not {"Sentence_id", "File_id"} <= set(reader.fieldnames or ()):
                raise InputError(
                    "E513", source=path, line=1, detail="no Sentence_id and File_id columns"
                )
            return {row["Sentence_id"].strip(): row["File_id"].strip() for row in reader}
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError("E513", source=path, line=0, detail=str(exc)) from exc


def with_feedback(examples: list[Example], feedback: Path) -> tuple[list[Example], dict[str, int]]:
    """``examples`` with reviewers' corrections folded in: a reviewed sentence already there
    takes the reviewers' label, a new one is added (its id ``review-N``). Returns the examples
    and how many were relabelled, confirmed and added."""
    from spinscope.training.feedback import checkworthiness_labels, read_reviews

    labels = checkworthiness_labels(read_reviews(feedback))
    reviewed = {_key(text): (text, positive) for text, positive in labels}
    counts = {"reviews": len(labels), "relabelled": 0, "confirmed": 0, "added": 0}
    out: list[Example] = []
    for example in examples:
        found = reviewed.pop(_key(example.text), None)
        if found is None:
            out.append(example)
        elif found[1] == example.positive:
            counts["confirmed"] += 1
            out.append(example)
        else:
            counts["relabelled"] += 1
            out.append(replace(example, positive=found[1]))
    for number, (text, positive) in enumerate(reviewed.values(), start=1):
        out.append(Example(f"review-{number}", text, positive))
        counts["added"] += 1
    return out, counts


def train_checkworthiness(
    train: Path,
    out_dir: Path,
    *,
    seed: int = 0,
    groups: Path | None = None,
    feedback: Path | None = None,
) -> dict[str, Any]:
    """Train the model on a CheckThat! TSV or folder, and write it with its card to ``out_dir``.

    Held-out files of a folder (``*dev*``, ``*test*``) are excluded from training by text and
    scored once at the end. With ``groups`` (a ClaimBuster CSV naming each sentence's debate),
    C and the threshold are chosen by cross-validation that keeps each debate in one fold, and a
    distribution-shift figure (earlier debates against later ones) goes in the card. With
    ``feedback`` (a JSONL review export), reviewers' labels of claim sentences are folded in
    (see :func:`with_feedback`; those of held-out sentences are left out, so the held-out
    figures stay comparable). Returns the cross-validation and held-out figures and file hashes.
    """
    started = time.perf_counter()
    train_paths, held_paths = training_files(train)
    held = {p.name: read_checkthat(p) for p in held_paths}
    held_keys = {_key(e.text) for examples in held.values() for e in examples}
    examples: list[Example] = []
    for path in train_paths:
        examples.extend(read_checkthat(path))
    examples.sort(key=lambda e: (e.sentence_id, e.text))
    kept = [e for e in examples if _key(e.text) not in held_keys]
    folded: dict[str, int] | None = None
    if feedback is not None:
        with_reviews, folded = with_feedback(kept, feedback)
        kept = [e for e in with_reviews if _key(e.text) not in held_keys]
        folded["left_out_as_held_out"] = len(with_reviews) - len(kept)
    data: dict[str, Any] = {
        "train_files": [p.name for p in train_paths],
        "held_out_files": sorted(held),
        "sentences": len(kept),
        "positives": sum(e.positive for e in kept),
        "dropped_as_held_out": len(examples) - len(kept),
        "seed": seed,
    }
    if folded is not None and feedback is not None:
        data["feedback"] = {"file": feedback.name, **folded}
    debate: list[str] | None = None
    if groups is not None:
        table = read_groups(groups)
        unknown = [
            e.sentence_id
            for e in kept
            if e.sentence_id not in table and not e.sentence_id.startswith("review-")
        ]
        if unknown:
            raise InputError(
                "E513",
                source=groups,
                line=0,
                detail=f"no File_id for {len(unknown)} training sentences, e.g. {unknown[0]}",
            )
        # reviewed sentences new to the data form a group of their own
        debate = [table.get(e.sentence_id, "reviews") for e in kept]
        data["groups"] = groups.name
        data["debates"] = len(set(debate))
    fitted = fit(kept, seed=seed, training=dict(data), groups=debate)
    held_figures = {name: score_examples(fitted.model, rows) for name, rows in held.items()}
    hashes = write_model(fitted.model, out_dir)
    seconds = round(time.perf_counter() - started, 1)
    result: dict[str, Any] = {
        **data,
        "cv": fitted.cv,
        "held_out": held_figures,
        "threshold": fitted.model.threshold,
        "features": fitted.model.vectoriser.n_features,
        "files": hashes,
        "seconds": seconds,
    }
    (out_dir / "MODEL_CARD.md").write_text(model_card(result), encoding="utf-8")
    return result


def _feedback_text(result: dict[str, Any]) -> str:
    folded = result.get("feedback")
    if not folded:
        return ""
    return f"""

Reviewers' corrections (`--feedback {folded["file"]}`, a review export): {folded["reviews"]}
reviewed claim sentences; {folded["relabelled"]} training sentences took the reviewers' label,
{folded["confirmed"]} were confirmed, {folded["added"]} were added;
{folded["left_out_as_held_out"]} held-out sentences were left out."""


def model_card(result: dict[str, Any]) -> str:
    """The MODEL_CARD.md of a training run; its sha256 table is what the loader checks."""
    cv = result["cv"]
    grid = "\n".join(
        f"| {name} | {row['f1']:.4f} | {row['threshold']:.2f} |" for name, row in cv["grid"].items()
    )
    held = (
        "\n".join(
            f"| {name} | {row['n']} | {row['f1']:.4f} | {row['precision']:.4f} "
            f"| {row['recall']:.4f} |"
            for name, row in result["held_out"].items()
        )
        or "| (none given) | | | | |"
    )
    files = "\n".join(f"| {name} | {digest} |" for name, digest in sorted(result["files"].items()))
    cues = ", ".join(cue.name for cue in CUES)
    block = CONFIG.dense
    dense = (
        ""
        if block is None
        else f", and the {block.dim} mean-pooled last hidden states of the sentence from the "
        "techniques' span encoder (`models/techniques/si_encoder.onnx`; the very pass the "
        "techniques head makes, shared through `spinscope.detectors.sentence_encoder`), "
        f"centred, l2-normalised and scaled by {block.scale:g}"
    )
    shift = cv.get("shift") or {}
    shift_text = (
        f"""
## Distribution shift (inside the training data)

Trained on the {shift["train"]:,} sentences of debates before {shift["year"]} (threshold and
calibration by their own grouped cross-validation) and scored on the {shift["test"]:,} of the
later debates: F1 **{shift["f1"]:.4f}** (precision {shift["precision"]:.4f}, recall
{shift["recall"]:.4f}). This is the figure to read for text unlike the training data; the
held-out file below comes from the same debates as the training data and reads higher.
"""
        if shift
        else ""
    )
    folds_text = (
        f"{cv['folds']}-fold, grouped by debate ({result.get('debates', 0)} debates)"
        if cv.get("grouped")
        else f"stratified {cv['folds']}-fold"
    )
    groups_arg = (
        " --groups ../shared/data/claimbuster/data/ClaimBuster/datasets/crowdsourced.csv"
        if cv.get("grouped")
        else ""
    )
    feedback = _feedback_text(result)
    return f"""# Model card: checkworthiness

Scores sentences for check-worthiness: the probability that a fact-checker would want to check
the sentence. **It is not a judgement of truth**: a check-worthy sentence may be true or false,
and a sentence scored low may still be false.

- Used by: the `claims` detector (`claim` layer, label `checkworthy`), one finding per sentence
  of running text; the finding's score is P(check-worthy), and its `checkworthy` attribute is
  `score >= threshold`.
- Model: logistic regression (liblinear, class weights balanced, C={cv["C"]:g}) over four
  blocks: word 1-3-grams and character 2-5-grams (sublinear tf-idf, l2-normalised, terms in at
  least {MIN_DF} sentences, at most {MAX_WORD_TERMS:,} and {MAX_CHAR_TERMS:,} most frequent),
  binary cues ({cues}){dense}; {result["features"]:,} features in all. Platt calibration fitted
  on out-of-fold decision values. Runs on numpy and onnxruntime (`spinscope.textmodel`), no
  pickle.
- Trained by spinscope {__version__} on {datetime.now(UTC).date().isoformat()}, seed
  {result["seed"]}, in {result["seconds"]} s.

## Data

CLEF CheckThat! 2024 task 1 (English), which is ClaimBuster (Arslan, Hassan, Li and Tremayne,
ICWSM 2020): sentences of US presidential debates, 1960-2016, labelled Yes (check-worthy factual
claim) or No. Not copied into spinscope; read from the data folder at training time.

- Training files: {", ".join(result["train_files"])}: {result["sentences"]:,} sentences,
  {result["positives"]:,} Yes (crowd labels).
- Held out: {", ".join(result["held_out_files"]) or "none"}; {result["dropped_as_held_out"]}
  training sentences whose text is also in a held-out file were dropped before training.{feedback}

## Threshold

threshold: {result["threshold"]:.2f} (the calibrated probability that maximises out-of-fold F1
of the Yes class on the training data)

## Cross-validation ({folds_text}, training data only)

Out-of-fold F1 of the Yes class at the best threshold for each setting; the best C is kept.

| setting | F1 | threshold |
|---|---|---|
{grid}
{shift_text}
## Which features (measured, not chosen by this run)

Each row trained and scored the same way (C=0.5): grouped CV, the shift above, the dev file,
and average precision on CheckThat! 2019 (other debates and speeches, labelled by what
fact-checkers chose to check; a different task, read as a ranking only). The encoder's vectors
help on every one, most where the text is unlike the training data. Reproduce with `python
scripts/checkworthiness_experiments.py --data ../shared/data/checkthat2024-task1-en --groups
../shared/data/claimbuster/data/ClaimBuster/datasets/crowdsourced.csv --ct19
../shared/data/checkthat2019-task1-en/data --c 0.5` (about 23 minutes on the 2 shared cores).

{EXPERIMENTS}

## Held-out evaluation (scored once, after training)

| file | sentences | F1 (Yes) | precision | recall |
|---|---|---|---|---|
{held}

Reproduce with `spinscope eval checkworthiness --data
../shared/data/checkthat2024-task1-en/CT24_checkworthy_english_dev.tsv`;
retrain with `spinscope train checkworthiness --data
../shared/data/checkthat2024-task1-en{groups_arg}`.

## Intended use and limits

- Ranks sentences of news and opinion articles so that a reader or fact-checker sees the
  checkable factual claims first. Scores sentences for check-worthiness; not a judgement of truth.
- Trained on spoken political debates (US, English): news prose, other countries and other
  topics are a domain shift; expect lower precision there. English only.
- Crowd labels are noisy (cross-validated F1 on them is far below the expert-labelled figure).
- Headings and other fragments of two or three words get low scores by design.

## Files

| file | sha256 |
|---|---|
{files}
"""
