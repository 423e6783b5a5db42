"""Out-of-fold technique findings on the PTC training articles: how spans are snapped to whole
words, and the score from which technique findings are shown by default.

    python scripts/technique_calibration.py ../shared/data/ptc-semeval2020 [--cache DIR]
    python scripts/technique_calibration.py ../shared/data/ptc-semeval2020 --estimate

The out-of-fold predictions are those the shipped model's calibration was fitted on
(``spinscope train techniques``): a CRF and a technique classifier per fold of 5 (article
level, seed 0), the span encoder per fold of 2, mixed as shipped. Every decoded span is scored
as the detector scores it (the shipped Platt mapping of its mean token probability times the
fold classifier's temperature-scaled probability of its technique).

Printed, as one JSON object:

* ``snap``: SI precision, recall and F1 (official scorer) of the spans decoded with each way of
  snapping their edges to whole words (``none``, ``in``, ``out``; see
  ``technique_model.whole_words``), and how many spans each changed;
* ``threshold``: for the shipped snapping, the partial-credit precision of findings with the
  same technique (``span_technique_score``, SemEval-2021 Task 6) among those scored at least t,
  for t in steps of 0.01, and the least t from which it reaches 0.5.

The token probabilities of the expensive part (CRF and encoder folds: over an hour on two
busy cores) are kept in ``--cache`` (a folder of npz files), so a second run takes minutes.

``--estimate`` gives, in minutes, the threshold the shipped scores themselves promise: the least t
from which the mean score of the findings scored at least t on the 90 unseen PTC test articles
reaches 0.5 (see :func:`estimated_threshold`).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.detectors import techniques as detector
from spinscope.detectors.technique_encoder import mixed
from spinscope.detectors.technique_model import (
    SNAP,
    SNAP_MODES,
    Tagger,
    TCModel,
    decode,
    si_features,
)
from spinscope.training.datasets import ptc_folds
from spinscope.training.scorers import si_score, span_technique_score
from spinscope.training.technique_data import DEFAULT, Prepared, prepare, read_training
from spinscope.training.techniques import encoder_out_of_fold, fit_crf, fit_tc

TARGET_PRECISION = 0.5


def token_probabilities(prepared: list[Prepared], cache: Path) -> dict[str, list[np.ndarray]]:
    """Each article's out-of-fold P(inside) per sentence, as the shipped training mixes them."""
    target = cache / "oof_probs.npz"
    if target.exists():
        with np.load(target) as data:
            return {p.article_id: [data[f"{p.article_id}_{n}"] for n in range(len(p.seqs))]
                    for p in prepared}  # fmt: skip
    settings = DEFAULT
    by_id = {p.article_id: p for p in prepared}
    probs: dict[str, list[np.ndarray]] = {}
    with tempfile.TemporaryDirectory(prefix="spinscope-calib-") as work:
        for n, (train_part, test_part) in enumerate(
            ptc_folds([p.article for p in prepared], settings.folds, 0)
        ):
            path = Path(work) / f"fold{n}.crfsuite"
            rates = fit_crf([by_id[a.article_id] for a in train_part], path, settings)
            tagger = Tagger(path)
            for article in test_part:
                p = by_id[article.article_id]
                probs[p.article_id] = [tagger.probabilities(si_features(q, rates)) for q in p.seqs]
            print(f"crf fold {n} done", file=sys.stderr, flush=True)
        encoded = encoder_out_of_fold(
            prepared, k=settings.encoder_folds, seed=0, settings=settings, workdir=Path(work)
        )
    for article_id in probs:
        probs[article_id] = mixed(probs[article_id], encoded[article_id], settings.encoder_weight)
    cache.mkdir(parents=True, exist_ok=True)
    arrays = {f"{a}_{n}": row for a, rows in probs.items() for n, row in enumerate(rows)}
    np.savez(target, **arrays)  # type: ignore[arg-type]
    return probs


def fold_classifiers(prepared: list[Prepared]) -> list[TCModel]:
    """The technique classifier of each fold (trained on the other folds), with the shipped
    temperature."""
    temperature = detector.technique_models().tc.temperature
    by_id = {p.article_id: p for p in prepared}
    out: list[TCModel] = []
    for train_part, _ in ptc_folds([p.article for p in prepared], DEFAULT.folds, 0):
        tc = fit_tc([by_id[a.article_id] for a in train_part], DEFAULT, seed=0)
        out.append(replace(tc, temperature=temperature))
        print("tc fold done", file=sys.stderr, flush=True)
    return out


def scored_findings(
    prepared: list[Prepared],
    probs: dict[str, list[np.ndarray]],
    snap: str,
    classifiers: list[TCModel],
) -> list[tuple[str, str, int, int, float]]:
    """(article id, PTC technique, start, end, score) of every out-of-fold finding."""
    models = detector.technique_models()
    decoding = models.decoding
    by_id = {p.article_id: p for p in prepared}
    rows: list[tuple[str, str, int, int, float]] = []
    folds = ptc_folds([p.article for p in prepared], DEFAULT.folds, 0)
    for tc, (_, test_part) in zip(classifiers, folds, strict=True):
        for article in test_part:
            p = by_id[article.article_id]
            guesses = [
                g
                for seq, row in zip(p.seqs, probs[p.article_id], strict=True)
                for g in decode(seq, row, decoding, snap=snap)
            ]
            if not guesses:
                continue
            spans = [(g.start, g.end) for g in guesses]
            chances = tc.probabilities(tc.featuriser.features(p.index, spans))
            for row_n, g in enumerate(guesses):
                k = int(np.argmax(chances[row_n]))
                score = models.span_probability(g.confidence) * float(chances[row_n, k])
                rows.append((p.article_id, tc.classes[k], g.start, g.end, score))
    return rows


def snap_table(prepared: list[Prepared], probs: dict[str, list[np.ndarray]]) -> dict[str, Any]:
    decoding = detector.technique_models().decoding
    gold = [(p.article_id, s, e) for p in prepared for s, e in p.gold]
    spans: dict[str, list[tuple[str, int, int]]] = {}
    for mode in SNAP_MODES:
        spans[mode] = [
            (p.article_id, g.start, g.end)
            for p in prepared
            for seq, row in zip(p.seqs, probs[p.article_id], strict=True)
            for g in decode(seq, row, decoding, snap=mode)
        ]
    plain = set(spans["none"])
    out: dict[str, Any] = {}
    for mode, rows in spans.items():
        score = si_score(rows, gold)
        out[mode] = {
            "spans": len(rows),
            "changed": len(set(rows) - plain),
            "si_precision": round(score.precision, 4),
            "si_recall": round(score.recall, 4),
            "si_f1": round(score.f1, 4),
        }
    return out


def threshold_table(
    prepared: list[Prepared], findings: list[tuple[str, str, int, int, float]]
) -> dict[str, Any]:
    gold = [(p.article_id, t, s, e) for p in prepared for s, e, t in p.tc_spans]
    table: list[dict[str, float | int]] = []
    chosen: float | None = None
    for step in range(100):
        t = step / 100
        kept = [(a, label, s, e) for a, label, s, e, score in findings if score >= t]
        if not kept:
            break
        precision = span_technique_score(kept, gold).precision
        table.append({"t": t, "findings": len(kept), "precision": round(precision, 4)})
        if chosen is None and precision >= TARGET_PRECISION:
            chosen = t
    return {"target_precision": TARGET_PRECISION, "threshold": chosen, "table": table}


def estimated_threshold(folder: Path) -> dict[str, Any]:
    """The least t from which the mean score of the shipped detector's findings scored at least
    t reaches the target, on unseen articles (the PTC test articles: never trained on).

    A finding's score is P(span) x P(technique), each calibrated out of fold in training (P(span)
    against the share of the span inside gold spans, P(technique) on gold spans), so it estimates
    the finding's same-technique partial credit, and the mean over the findings kept estimates
    their precision. The out-of-fold measurement (the default command) checks the estimate.
    """
    from spinscope.document import Document

    scores: list[float] = []
    for path in sorted(folder.glob("*.txt")):
        document = detector.with_sentences(Document(path.read_text("utf-8")))
        scores += [f.score for f in detector.detect(document)]
    table: list[dict[str, float | int]] = []
    chosen: float | None = None
    for step in range(100):
        t = step / 100
        kept = [x for x in scores if x >= t]
        if not kept:
            break
        mean = sum(kept) / len(kept)
        table.append({"t": t, "findings": len(kept), "mean_score": round(mean, 4)})
        if chosen is None and mean >= TARGET_PRECISION:
            chosen = t
    return {
        "articles": len(list(folder.glob("*.txt"))),
        "findings": len(scores),
        "target_precision": TARGET_PRECISION,
        "threshold": chosen,
        "table": table,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the PTC folder (train-articles, labels)")
    default_cache = Path(tempfile.gettempdir()) / "spinscope-technique-calibration"
    parser.add_argument("--cache", type=Path, default=default_cache)
    parser.add_argument("--skip-threshold", action="store_true")
    parser.add_argument(
        "--estimate",
        action="store_true",
        help="only the estimate from calibrated scores on the test articles (minutes)",
    )
    args = parser.parse_args(argv)
    if args.estimate:
        estimate = estimated_threshold(args.data / "test-articles")
        json.dump({"estimate": estimate}, sys.stdout, indent=1)
        print()
        return 0
    prepared = [prepare(a) for a in read_training(args.data)]
    return report(prepared, token_probabilities(prepared, args.cache), args.skip_threshold)


def report(
    prepared: list[Prepared], probs: dict[str, list[np.ndarray]], skip_threshold: bool = False
) -> int:
    result: dict[str, Any] = {"articles": len(prepared), "shipped_snap": SNAP}
    result["snap"] = snap_table(prepared, probs)
    if not skip_threshold:
        found = scored_findings(prepared, probs, SNAP, fold_classifiers(prepared))
        result["threshold"] = threshold_table(prepared, found)
    json.dump(result, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
