"""Technique classification (TC) alone: its cross-validation, and a retrain of the shipped
classifier that leaves the span-identification files as they are.

The TC figures of ``spinscope eval techniques --cv 5`` come from classifiers trained per fold on
the other folds' gold spans; nothing of the span identification (CRF, span encoder) enters them.
:func:`tc_cross_validate` repeats that part alone, with the same folds and scorer, in minutes
instead of most of an hour. :func:`retrain_tc` refits the classifier and its temperature on
every training article and rewrites ``techniques.json`` and ``techniques.npz`` beside the
shipped ``si.crfsuite`` and span encoder (which it does not write), and the TC
figures of ``MODEL_CARD.md``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import numpy as np

from spinscope.detectors import techniques as detector
from spinscope.detectors.technique_artifacts import load_models, write_models
from spinscope.detectors.technique_encoder import ENCODER_FILE, TOKENIZER_FILE
from spinscope.detectors.technique_model import NAME
from spinscope.textmodel import CARD
from spinscope.training.datasets import ptc_folds
from spinscope.training.scorers import tc_score
from spinscope.training.technique_data import DEFAULT, Prepared, Settings, prepare, read_training
from spinscope.training.techniques import (
    OutOfFold,
    fit_tc,
    fit_temperature,
    per_technique_dict,
)

TC_CV_COMMAND: Final = (
    "python scripts/tc_experiments.py --data ../shared/data/ptc-semeval2020 --variant shipped"
)
RETRAIN_COMMAND: Final = (
    "python scripts/tc_experiments.py --data ../shared/data/ptc-semeval2020"
    " --retrain src/spinscope/models/techniques"
)


def tc_out_of_fold(
    prepared: Sequence[Prepared],
    *,
    k: int,
    seed: int,
    settings: Settings,
    encoder: Path | None = None,
) -> OutOfFold:
    """Out-of-fold TC logits of every article's gold spans (``probs`` and ``gates`` empty);
    the span network, when the settings use it, on ``encoder``'s word embeddings."""
    by_id = {p.article_id: p for p in prepared}
    folds = ptc_folds([p.article for p in prepared], k, seed)
    oof = OutOfFold({a.article_id: n for n, (_, test) in enumerate(folds) for a in test})
    oof.classes = tuple(sorted({t for p in prepared for _, _, t in p.tc_spans}))
    for train_part, test_part in folds:
        model = fit_tc(
            [by_id[a.article_id] for a in train_part], settings, seed=seed, encoder=encoder
        )
        columns = [oof.classes.index(c) for c in model.classes]
        for article in test_part:
            p = by_id[article.article_id]
            spans = [(s, e) for s, e, _ in p.tc_spans]
            # a technique the fold's training articles lack gets no probability
            logits = np.full((len(spans), len(oof.classes)), -1e9)
            if spans:
                logits[:, columns] = model.logits(model.featuriser.features(p.index, spans))
            oof.logits[p.article_id] = logits
    return oof


def tc_labels(prepared: Sequence[Prepared], oof: OutOfFold) -> dict[str, list[int]]:
    """Each article's gold techniques, as columns of ``oof.classes``, in the order of its rows."""
    index = {c: i for i, c in enumerate(oof.classes)}
    return {p.article_id: [index[t] for _, _, t in p.tc_spans] for p in prepared}


def tc_figures(prepared: Sequence[Prepared], oof: OutOfFold, k: int) -> dict[str, Any]:
    """Pooled TC micro- and macro-F1, per technique and per fold (each gold span given, the
    k-th copy of a span repeated k times given its k-th best technique, as at run time)."""
    predicted: list[tuple[str, str, int, int]] = []
    for p in prepared:
        spans = [(s, e) for s, e, _ in p.tc_spans]
        if not spans:
            continue
        z = oof.logits[p.article_id]
        prob = np.exp(z - z.max(axis=1, keepdims=True))
        prob /= prob.sum(axis=1, keepdims=True)
        for (s, e), ranking in zip(spans, detector.ranked(oof.classes, prob, spans), strict=True):
            predicted.append((p.article_id, ranking[0][0], s, e))
    gold = [(p.article_id, t, s, e) for p in prepared for s, e, t in p.tc_spans]
    folds: dict[str, float] = {}
    for n in range(k):
        ids = {a for a, m in oof.fold_of.items() if m == n}
        score = tc_score([r for r in predicted if r[0] in ids], [r for r in gold if r[0] in ids])
        folds[f"fold {n}"] = round(score.micro_f1, 4)
    score = tc_score(predicted, gold)
    return {
        "tc_micro_f1": round(score.micro_f1, 4),
        "tc_macro_f1": round(score.macro_f1, 4),
        "per_technique": per_technique_dict(score),
        "folds": folds,
    }


def tc_cross_validate(
    prepared: Sequence[Prepared],
    *,
    k: int = 5,
    seed: int = 0,
    settings: Settings = DEFAULT,
    encoder: Path | None = None,
) -> dict[str, Any]:
    """Article-level k-fold TC figures on gold spans (the folds of ``eval techniques --cv``)."""
    return tc_cross_validation(prepared, k=k, seed=seed, settings=settings, encoder=encoder)[0]


def tc_cross_validation(
    prepared: Sequence[Prepared],
    *,
    k: int,
    seed: int,
    settings: Settings,
    encoder: Path | None = None,
) -> tuple[dict[str, Any], OutOfFold]:
    """The figures, and the out-of-fold logits they come from."""
    started = time.perf_counter()
    oof = tc_out_of_fold(prepared, k=k, seed=seed, settings=settings, encoder=encoder)
    figures = {
        "articles": len(prepared),
        "k": k,
        "seed": seed,
        **tc_figures(prepared, oof, k),
        "temperature": fit_temperature(oof, prepared),
        "seconds": round(time.perf_counter() - started, 1),
    }
    return figures, oof


def retrain_tc(
    data: Path, folder: Path, *, seed: int = 0, settings: Settings = DEFAULT
) -> dict[str, Any]:
    """Refit the classifier of the artefact ``folder`` on every article of ``data``.

    A ``settings.folds``-fold TC cross-validation gives the card's TC figures and the softmax
    temperature; the span-identification files and settings (CRF, encoder, decoding, Platt
    scaling, word rates) are kept. Returns the figures and the new file hashes.
    """
    from spinscope.training.technique_card import tc_card_update

    started = time.perf_counter()
    record = json.loads((folder / f"{NAME}.json").read_text(encoding="utf-8"))
    models = load_models(folder)
    prepared = [prepare(a) for a in read_training(data)]
    k = settings.folds
    # the span network reads the word embeddings of the encoder the folder ships
    table = folder / ENCODER_FILE if record.get("encoder") else None
    cv = tc_cross_validate(prepared, k=k, seed=seed, settings=settings, encoder=table)
    fit_started = time.perf_counter()
    tc = replace(
        fit_tc(prepared, settings, seed=seed, encoder=table), temperature=cv["temperature"]
    )
    fit_seconds = round(time.perf_counter() - fit_started, 1)
    encoder = record.get("encoder")
    training = {**record["training"], "tc": settings.to_record()["tc"]}
    files = write_models(
        folder,
        tc=tc,
        rates=models.rates,
        decoding=models.decoding,
        si_platt=models.si_platt,
        rule_precision=dict(record["rule_precision"]),
        training=training,
        gate=models.gate,
        encoder=None
        if encoder is None
        else (
            {ENCODER_FILE: encoder["sha256"], TOKENIZER_FILE: encoder["tokenizer_sha256"]},
            float(encoder["weight"]),
        ),
    )
    result: dict[str, Any] = {
        "date": datetime.now(UTC).date().isoformat(),
        "command": RETRAIN_COMMAND,
        "cv_command": TC_CV_COMMAND,
        "cv": cv,
        "record": settings.to_record(),
        "features": tc.coef.shape[0],
        "hand_features": tc.hand_mean.shape[0],
        "final_fit_seconds": fit_seconds,
        "seconds": round(time.perf_counter() - started, 1),
        "files": files,
        "sizes": {
            p.name: p.stat().st_size
            for p in sorted(folder.iterdir())
            if p.is_file() and p.name != CARD
        },
    }
    card = folder / CARD
    card.write_text(tc_card_update(card.read_text(encoding="utf-8"), result), encoding="utf-8")
    return result
