"""The official metrics of the persuasion-technique benchmarks, written from their definitions.

* :func:`si_score`: SemEval-2020 Task 11, span identification (SI), with partial credit.
* :func:`tc_score`: SemEval-2020 Task 11, technique classification (TC) of given spans.
* :func:`span_technique_score`: SemEval-2021 Task 6 subtask 2, spans with techniques, with
  partial credit (the same measure scored fragment-level classification on the PTC).

Scoring functions are pure: rows in, a frozen score out. Rows use the PTC file layout:
``(article_id, start, end)`` for SI and ``(article_id, technique, start, end)`` otherwise, with
half-open character offsets. :func:`write_si`, :func:`write_tc`, :func:`read_si` and
:func:`read_tc` move rows to and from prediction files in the PTC format.

Degenerate case, as in the official scorers: with no predicted and no gold spans at all,
precision and recall are 0 and F1 is 1.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spinscope.errors import InputError
from spinscope.training.datasets import SIRow, TCRow, merge_spans, read_label_rows


@dataclass(frozen=True, slots=True)
class SIScore:
    """Span identification: partial-credit precision, recall, F1, and the merged span counts."""

    precision: float
    recall: float
    f1: float
    n_pred: int
    n_gold: int


@dataclass(frozen=True, slots=True)
class PerTechnique:
    """Precision, recall and F1 of one technique; ``support`` gold and ``n_pred`` predictions."""

    precision: float
    recall: float
    f1: float
    support: int
    n_pred: int


@dataclass(frozen=True, slots=True)
class TCScore:
    """Technique classification: micro P/R/F1 over span instances, per technique, and macro-F1."""

    micro_f1: float
    precision: float
    recall: float
    macro_f1: float
    per_technique: dict[str, PerTechnique]
    n_pred: int
    n_gold: int


@dataclass(frozen=True, slots=True)
class SpanTechniqueScore:
    """Spans with techniques: partial-credit micro P/R/F1, per technique, and macro-F1."""

    precision: float
    recall: float
    f1: float
    macro_f1: float
    per_technique: dict[str, PerTechnique]
    n_pred: int
    n_gold: int


def _prf(
    prec_num: float, prec_den: int, rec_num: float, rec_den: int
) -> tuple[float, float, float]:
    """Precision, recall and F1 with the official conventions for empty denominators."""
    precision = prec_num / prec_den if prec_den > 0 else 0.0
    recall = rec_num / rec_den if rec_den > 0 else 0.0
    if prec_den == 0 and rec_den == 0:
        return precision, recall, 1.0
    if precision > 0 and recall > 0:
        return precision, recall, 2 * precision * recall / (precision + recall)
    return precision, recall, 0.0


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _partial_credit(
    pred: list[tuple[int, int]], gold: list[tuple[int, int]]
) -> tuple[float, float]:
    """Sum over pairs of |s∩t|/|s| (precision credit) and of |s∩t|/|t| (recall credit)."""
    prec = rec = 0.0
    for s in pred:
        for t in gold:
            common = _overlap(s, t)
            if common:
                prec += common / (s[1] - s[0])
                rec += common / (t[1] - t[0])
    return prec, rec


def _check_rows(rows: Iterable[tuple[str, int, int]], what: str) -> None:
    for number, (article_id, start, end) in enumerate(rows, start=1):
        if not 0 <= start < end:
            detail = f"bad span [{start}, {end}) in article {article_id}"
            raise InputError("E501", source=what, line=number, detail=detail)


def si_score(predicted: Iterable[SIRow], gold: Iterable[SIRow]) -> SIScore:
    """SemEval-2020 Task 11 span identification score.

    Within each article, overlapping spans of the predictions S and of the gold T are first
    merged (:func:`~spinscope.training.datasets.merge_spans`). Then, summing over all articles::

        P = (1/|S|) * sum_{s in S} sum_{t in T, same article} |s ∩ t| / |s|
        R = (1/|T|) * sum_{t in T} sum_{s in S, same article} |s ∩ t| / |t|
        F1 = 2PR / (P + R)

    where ``|.|`` counts characters. ``n_pred`` and ``n_gold`` are |S| and |T| after merging.
    """
    pred_rows, gold_rows = list(predicted), list(gold)
    _check_rows(pred_rows, "predicted SI rows")
    _check_rows(gold_rows, "gold SI rows")
    pred_by: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
    gold_by: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
    for article_id, start, end in pred_rows:
        pred_by[article_id].append((start, end))
    for article_id, start, end in gold_rows:
        gold_by[article_id].append((start, end))
    n_pred = n_gold = 0
    prec_num = rec_num = 0.0
    for article_id in pred_by.keys() | gold_by.keys():
        pred = merge_spans(pred_by.get(article_id, []))
        gold_spans = merge_spans(gold_by.get(article_id, []))
        n_pred += len(pred)
        n_gold += len(gold_spans)
        prec, rec = _partial_credit(pred, gold_spans)
        prec_num += prec
        rec_num += rec
    precision, recall, f1 = _prf(prec_num, n_pred, rec_num, n_gold)
    return SIScore(precision, recall, f1, n_pred, n_gold)


def _per_technique(
    prec_num: dict[str, float],
    rec_num: dict[str, float],
    n_pred: Counter[str],
    n_gold: Counter[str],
) -> tuple[dict[str, PerTechnique], float]:
    per: dict[str, PerTechnique] = {}
    for technique in sorted(n_pred.keys() | n_gold.keys()):
        p, r, f = _prf(
            prec_num.get(technique, 0.0),
            n_pred[technique],
            rec_num.get(technique, 0.0),
            n_gold[technique],
        )
        per[technique] = PerTechnique(p, r, f, n_gold[technique], n_pred[technique])
    macro = sum(t.f1 for t in per.values()) / len(per) if per else 0.0
    return per, macro


def tc_score(predicted: Iterable[TCRow], gold: Iterable[TCRow]) -> TCScore:
    """SemEval-2020 Task 11 technique classification score.

    Each prediction names one technique for a span ``(article_id, start, end)``. It is correct
    when it can be matched to a gold instance of the same span with the same technique that no
    other prediction has taken; a span that holds several gold techniques appears once per
    technique in both files, in any order. With TP the number of matched predictions::

        P = TP / #predictions    R = TP / #gold instances    micro-F1 = 2PR / (P + R)

    When every gold instance gets exactly one prediction (the task's setting), P = R = micro-F1
    = accuracy. Per technique c: P_c = TP_c / #predictions of c, R_c = TP_c / #gold of c;
    ``macro_f1`` averages F1_c over every technique found in the gold or the predictions.
    """
    pred_rows, gold_rows = list(predicted), list(gold)
    _check_rows(((a, s, e) for a, _t, s, e in pred_rows), "predicted TC rows")
    _check_rows(((a, s, e) for a, _t, s, e in gold_rows), "gold TC rows")
    available = Counter(gold_rows)
    n_pred = Counter(t for _a, t, _s, _e in pred_rows)
    n_gold = Counter(t for _a, t, _s, _e in gold_rows)
    hits: Counter[str] = Counter()
    for row in pred_rows:
        if available[row] > 0:
            available[row] -= 1
            hits[row[1]] += 1
    tp = sum(hits.values())
    precision, recall, micro = _prf(tp, len(pred_rows), tp, len(gold_rows))
    counts = {t: float(n) for t, n in hits.items()}
    per, macro = _per_technique(counts, counts, n_pred, n_gold)
    return TCScore(micro, precision, recall, macro, per, len(pred_rows), len(gold_rows))


def _merged_by_technique(rows: Iterable[TCRow]) -> dict[tuple[str, str], list[tuple[int, int]]]:
    grouped: defaultdict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for article_id, technique, start, end in rows:
        grouped[(article_id, technique)].append((start, end))
    return {key: merge_spans(spans) for key, spans in grouped.items()}


def span_technique_score(predicted: Iterable[TCRow], gold: Iterable[TCRow]) -> SpanTechniqueScore:
    """SemEval-2021 Task 6 subtask 2 score: spans with techniques, partial credit.

    Within each text, overlapping spans with the same technique are first merged, in the
    predictions S and in the gold T alike. A predicted span earns credit only from gold spans of
    the same text and the same technique ``l``::

        P = (1/|S|) * sum_{s in S} sum_{t in T, l(t) = l(s)} |s ∩ t| / |s|
        R = (1/|T|) * sum_{t in T} sum_{s in S, l(s) = l(t)} |s ∩ t| / |t|
        F1 = 2PR / (P + R)

    Per technique the same sums are restricted to that technique and divided by its own span
    counts; ``macro_f1`` averages over every technique found in the gold or the predictions.
    """
    pred_rows, gold_rows = list(predicted), list(gold)
    _check_rows(((a, s, e) for a, _t, s, e in pred_rows), "predicted rows")
    _check_rows(((a, s, e) for a, _t, s, e in gold_rows), "gold rows")
    pred_by = _merged_by_technique(pred_rows)
    gold_by = _merged_by_technique(gold_rows)
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    prec_num: defaultdict[str, float] = defaultdict(float)
    rec_num: defaultdict[str, float] = defaultdict(float)
    for key in pred_by.keys() | gold_by.keys():
        technique = key[1]
        pred, gold_spans = pred_by.get(key, []), gold_by.get(key, [])
        n_pred[technique] += len(pred)
        n_gold[technique] += len(gold_spans)
        prec, rec = _partial_credit(pred, gold_spans)
        prec_num[technique] += prec
        rec_num[technique] += rec
    total_pred, total_gold = sum(n_pred.values()), sum(n_gold.values())
    precision, recall, f1 = _prf(
        sum(prec_num.values()), total_pred, sum(rec_num.values()), total_gold
    )
    per, macro = _per_technique(prec_num, rec_num, n_pred, n_gold)
    return SpanTechniqueScore(precision, recall, f1, macro, per, total_pred, total_gold)


def write_si(path: Path, rows: Iterable[SIRow]) -> None:
    """Write SI rows as ``article_id<TAB>start<TAB>end`` lines (UTF-8, ``\\n``)."""
    lines = [f"{a}\t{s}\t{e}\n" for a, s, e in rows]
    path.write_text("".join(lines), encoding="utf-8", newline="")


def write_tc(path: Path, rows: Iterable[TCRow]) -> None:
    """Write TC rows as ``article_id<TAB>technique<TAB>start<TAB>end`` lines (UTF-8, ``\\n``)."""
    lines = [f"{a}\t{t}\t{s}\t{e}\n" for a, t, s, e in rows]
    path.write_text("".join(lines), encoding="utf-8", newline="")


def read_si(path: Path) -> list[SIRow]:
    """SI rows from a labels file (or folder); a TC file's technique column is ignored."""
    return [(a, s, e) for a, _t, s, e, _path, _line in read_label_rows(path)]


def read_tc(path: Path) -> list[TCRow]:
    """TC rows from a labels file (or folder); a line without a technique raises E501."""
    rows: list[TCRow] = []
    for article_id, technique, start, end, source, line in read_label_rows(path):
        if technique is None:
            detail = "no technique (an SI line, or ? or 0 from a template)"
            raise InputError("E501", source=str(source), line=line, detail=detail)
        rows.append((article_id, technique, start, end))
    return rows
