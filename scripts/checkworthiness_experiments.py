"""Which features carry check-worthiness beyond the debates they were learnt from.

Compares the sparse blocks (n-grams and cues), the span encoder's sentence vectors, and both,
on CheckThat! 2024 English training data (ClaimBuster crowd labels):

- 5-fold cross-validation with each debate kept in one fold (``--groups``, the ClaimBuster CSV);
- a distribution shift: trained on the debates before 2012, scored on 2012 and 2016;
- the CheckThat! 2024 dev file (expert labels, the same debates);
- average precision on CheckThat! 2019 (other debates and speeches, labelled by what
  fact-checkers chose to check: a different task, read as a ranking only), when ``--ct19``.

Usage: python scripts/checkworthiness_experiments.py --data ../shared/data/checkthat2024-task1-en
       --groups ../shared/data/claimbuster/data/ClaimBuster/datasets/crowdsourced.csv
       [--ct19 ../shared/data/checkthat2019-task1-en/data] [--c 1] [--network]
Prints one row per feature set. Takes about 10 minutes on 2 cores (the encoder reads every
sentence once).
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack  # type: ignore[import-untyped, unused-ignore]
from sklearn.metrics import average_precision_score  # type: ignore[import-untyped, unused-ignore]

from spinscope.training.checkworthiness import (
    CONFIG,
    SPARSE_CONFIG,
    best_threshold,
    classifier,
    encoder_vectors,
    feature_matrix,
    features,
    fit_platt,
    out_of_fold,
    platt,
    prf,
    read_checkthat,
    read_groups,
    shift_figures,
)


def _ct19(folder: Path) -> tuple[list[str], np.ndarray]:
    texts: list[str] = []
    labels: list[int] = []
    for path in sorted(folder.glob("*/*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t"):
                if len(row) >= 4 and row[3].strip() in {"0", "1"}:
                    texts.append(row[2])
                    labels.append(int(row[3]))
    return texts, np.asarray(labels)


def _network_blocks(
    blocks: dict[str, tuple[Any, Any, Any]],
    texts: list[str],
    dev_texts: list[str],
    ct19_texts: list[str],
) -> dict[str, tuple[Any, Any, Any]]:
    """The span network's sentence vectors (centred on the training mean, unit length, at the
    dense block's scale) alone, with the n-grams, and with both shipped blocks."""
    from spinscope.detectors.technique_artifacts import load_models
    from spinscope.detectors.techniques import MODEL_DIR

    network = load_models(MODEL_DIR).tc.featuriser.vectors
    if network is None:
        raise SystemExit("the shipped technique model has no span network")
    rows = network(texts)
    mean = rows.mean(axis=0)
    scale = CONFIG.dense.scale if CONFIG.dense else 1.0

    def dense(vectors: np.ndarray) -> Any:
        centred = vectors - mean
        return csr_matrix(
            centred / np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-9) * scale
        )

    own = (
        dense(rows),
        dense(network(dev_texts)),
        dense(network(ct19_texts)) if ct19_texts else None,
    )

    def joined(left: tuple[Any, Any, Any]) -> tuple[Any, Any, Any]:
        return tuple(  # type: ignore[return-value]
            hstack([a, b], format="csr") if a is not None and b is not None else None
            for a, b in zip(left, own, strict=True)
        )

    return {
        "network vectors": own,
        "n-grams + network": joined(blocks["n-grams and cues"]),
        "all three": joined(blocks["both (shipped)"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--groups", type=Path, required=True)
    parser.add_argument("--ct19", type=Path)
    parser.add_argument("--c", type=float, default=1.0)
    parser.add_argument(
        "--network",
        action="store_true",
        help="also the technique classifier's span network (all-MiniLM-L6-v2) over each sentence",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    train = read_checkthat(args.data / "CT24_checkworthy_english_train.tsv")
    dev = read_checkthat(args.data / "CT24_checkworthy_english_dev.tsv")
    table = read_groups(args.groups)
    keys = {e.text.strip().lower() for e in dev}
    train = [e for e in train if e.text.strip().lower() not in keys]
    texts = [e.text for e in train]
    y = np.asarray([int(e.positive) for e in train])
    groups = [table[e.sentence_id] for e in train]
    dev_texts = [e.text for e in dev]
    y_dev = np.asarray([int(e.positive) for e in dev])
    ct19_texts, y19 = _ct19(args.ct19) if args.ct19 else ([], np.zeros(0))
    vectors = encoder_vectors(texts)
    dev_vectors = encoder_vectors(dev_texts)
    vectors19 = encoder_vectors(ct19_texts) if ct19_texts else None
    print(f"encoded {len(texts) + len(dev_texts) + len(ct19_texts):,} sentences", flush=True)
    vectoriser, sparse = features(texts, SPARSE_CONFIG)
    mean = vectors.mean(axis=0)

    def dense(rows: np.ndarray) -> object:  # centred and l2-normalised, as the dense block is
        centred = rows - mean
        norms = np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-9)
        return csr_matrix(centred / norms * CONFIG.dense.scale if CONFIG.dense else centred)

    blocks = {
        "n-grams and cues": (
            sparse,
            feature_matrix(vectoriser, dev_texts),
            feature_matrix(vectoriser, ct19_texts) if ct19_texts else None,
        ),
        "encoder vectors": (
            dense(vectors),
            dense(dev_vectors),
            dense(vectors19) if vectors19 is not None else None,
        ),
    }
    blocks["both (shipped)"] = tuple(  # type: ignore[assignment]
        hstack([a, b], format="csr") if a is not None else None
        for a, b in zip(blocks["n-grams and cues"], blocks["encoder vectors"], strict=True)
    )
    if args.network:
        blocks.update(_network_blocks(blocks, texts, dev_texts, ct19_texts))
    print("| features | grouped CV F1 | shift F1 | dev F1 | CT19 AP |")
    print("|---|---|---|---|---|")
    for name, (matrix, dev_matrix, matrix19) in blocks.items():
        decisions = out_of_fold(matrix, y, args.c, seed=0, groups=groups)
        params = fit_platt(decisions, y)
        threshold, f1 = best_threshold(platt(decisions, params), y)
        shift = shift_figures(matrix, y, groups, args.c, seed=0)
        model = classifier(args.c, 0).fit(matrix, y)
        dev_p = platt(model.decision_function(dev_matrix), params)
        dev_f1 = prf(dev_p >= threshold, y_dev)["f1"]
        ap = (
            average_precision_score(y19, model.decision_function(matrix19))
            if matrix19 is not None
            else float("nan")
        )
        print(
            f"| {name} | {f1:.4f} | {shift.get('f1', float('nan')):.4f} | {dev_f1:.4f} "
            f"| {ap:.4f} |",
            flush=True,
        )
    print(f"C={args.c:g}; {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
