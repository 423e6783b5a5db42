"""Agreement between reviewers, per layer and label.

An *item* is one finding (a detector's, or one a reviewer added) that reviewers marked. Each
current review gives the item one value:

* ``no``: the verdict is down, or the label is corrected to another (the finding is not what
  its label says);
* ``yes``: the verdict is up, the reviewer added the finding, or the review corrects only the
  span or the allegation fields (the finding is right, its details are not);
* nothing: a review with only a comment.

Findings that reviewers added are matched with partial overlap: an added span is the same item
as a finding (detected or added earlier) of the same document, layer and label when they overlap
by at least half of the shorter of the two; so two reviewers who add the same missed span with
slightly different boundaries agree on it, and one who adds a span the detector found agrees
with those who marked it up.

Items marked by at least two reviewers are shared; each (layer, label) group of shared items
gets Cohen's kappa when exactly two reviewers marked them and Krippendorff's alpha (nominal)
always (it takes any number of reviewers and items marked by only some of them), and each pair
of reviewers its own kappa over the items both marked. Where several
reviewers kept an item, their spans are compared pairwise: how many pairs give the same
boundaries, and how many overlap by at least half of the shorter span.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any, Final

from spinscope.store.reviews import Review

ALL_LABELS: Final = "*"


def overlap_enough(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two half-open spans overlap by at least half of the shorter one."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shared > 0 and 2 * shared >= shorter


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two raters' values on the same items; None when it is undefined (no
    items, or both raters gave one and the same value throughout)."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(1 for a, b in pairs if a == b) / n
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[c] * second[c] for c in first) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha(units: Iterable[Sequence[str]]) -> float | None:
    """Krippendorff's alpha for nominal values; each unit is the values its raters gave (units
    with fewer than two values are left out). None when it is undefined (every value the same,
    or no pairable values)."""
    coincidences: dict[tuple[str, str], float] = {}
    for values in units:
        m = len(values)
        if m < 2:
            continue
        for i, a in enumerate(values):
            for j, b in enumerate(values):
                if i != j:
                    coincidences[(a, b)] = coincidences.get((a, b), 0.0) + 1.0 / (m - 1)
    totals: dict[str, float] = {}
    for (a, _), weight in coincidences.items():
        totals[a] = totals.get(a, 0.0) + weight
    n = sum(totals.values())
    if n <= 1:
        return None
    disagree = sum(w for (a, b), w in coincidences.items() if a != b)
    expected = sum(totals[a] * totals[b] for a in totals for b in totals if a != b) / (n - 1)
    if expected == 0:
        return None
    return 1.0 - disagree / expected


def review_value(review: Review) -> str | None:
    """What a review says of its finding: ``yes``, ``no`` or nothing (see the module)."""
    if review.verdict == "down":
        return "no"
    if review.label is not None and review.label != review.finding_label:
        return "no"
    if review.verdict == "up" or review.added:
        return "yes"
    if review.corrected or review.corrects_allegation:
        return "yes"
    return None


@dataclass(frozen=True, slots=True)
class Item:
    document_id: str
    layer: str
    label: str
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class PairAgreement:
    """Two reviewers on the items both of them marked: how many, and Cohen's kappa."""

    first: str
    second: str
    items: int
    kappa: float | None
    observed: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "reviewers": [self.first, self.second],
            "items": self.items,
            "kappa": _round(self.kappa),
            "observed": _round(self.observed),
        }


@dataclass(frozen=True, slots=True)
class AgreementRow:
    """Agreement on one layer's label (``*``: all its labels together)."""

    layer: str
    label: str
    items: int  # shared items: marked by at least two reviewers
    reviewers: tuple[str, ...]
    kappa: float | None  # Cohen's kappa, when exactly two reviewers marked the shared items
    alpha: float | None  # Krippendorff's alpha (nominal)
    observed: float | None  # share of agreeing pairs of values
    span_pairs: int  # pairs of reviewers who both kept a shared item
    span_exact: int  # ... and gave it the same boundaries
    span_overlap: int  # ... and gave boundaries overlapping by at least half the shorter
    pairs: tuple[PairAgreement, ...] = ()  # each pair of reviewers who shared items

    @property
    def measure(self) -> str:
        return "kappa" if len(self.reviewers) == 2 else "alpha"

    def to_dict(self) -> dict[str, Any]:
        return {
            "layer": self.layer,
            "label": self.label,
            "items": self.items,
            "reviewers": list(self.reviewers),
            "measure": self.measure,
            "kappa": _round(self.kappa),
            "alpha": _round(self.alpha),
            "observed": _round(self.observed),
            "span_pairs": self.span_pairs,
            "span_exact": self.span_exact,
            "span_overlap": self.span_overlap,
            "pairs": [p.to_dict() for p in self.pairs],
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def items_of(reviews: Sequence[Review]) -> dict[tuple[str, str], Item]:
    """Each reviewed finding's item, keyed by (document id, finding id): added findings join an
    item they overlap enough (same document, layer and label)."""
    items: dict[tuple[str, str], Item] = {}
    # The items of each document, layer and label, where an added span looks for its match.
    groups: dict[tuple[str, str, str], list[Item]] = {}
    ordered = sorted(reviews, key=lambda r: (r.added, r.id))  # detector findings first
    for review in ordered:
        key = (review.document_id, review.finding_id)
        if key in items:
            continue
        span = (review.finding_start, review.finding_end)
        group = groups.setdefault((review.document_id, review.layer, review.finding_label), [])
        if review.added:
            match = next((other for other in group if overlap_enough(other.span, span)), None)
            if match is not None:
                items[key] = match
                continue
        item = Item(review.document_id, review.layer, review.finding_label, span)
        items[key] = item
        group.append(item)
    return items


def _row(
    layer: str, label: str, marks: dict[Item, dict[str, tuple[str, tuple[int, int]]]]
) -> AgreementRow:
    shared = {item: by for item, by in marks.items() if len(by) >= 2}
    reviewers = tuple(sorted({name for by in shared.values() for name in by}))
    units = [[value for value, _ in by.values()] for by in shared.values()]
    kappa = None
    if len(reviewers) == 2:
        first, second = reviewers
        kappa = cohen_kappa([(by[first][0], by[second][0]) for by in shared.values()])
    pairs = [(a, b) for values in units for a, b in combinations(values, 2)]
    observed = sum(1 for a, b in pairs if a == b) / len(pairs) if pairs else None
    exact = overlap = span_pairs = 0
    for by in shared.values():
        spans = [span for value, span in by.values() if value == "yes"]
        for a, b in combinations(spans, 2):
            span_pairs += 1
            exact += a == b
            overlap += overlap_enough(a, b)
    return AgreementRow(
        pairs=_pairs(reviewers, shared),
        layer=layer,
        label=label,
        items=len(shared),
        reviewers=reviewers,
        kappa=kappa,
        alpha=krippendorff_alpha(units),
        observed=observed,
        span_pairs=span_pairs,
        span_exact=exact,
        span_overlap=overlap,
    )


def _pairs(
    reviewers: Sequence[str], shared: dict[Item, dict[str, tuple[str, tuple[int, int]]]]
) -> tuple[PairAgreement, ...]:
    out = []
    for first, second in combinations(reviewers, 2):
        both = [
            (by[first][0], by[second][0]) for by in shared.values() if first in by and second in by
        ]
        if both:
            agreeing = sum(1 for a, b in both if a == b) / len(both)
            out.append(PairAgreement(first, second, len(both), cohen_kappa(both), agreeing))
    return tuple(out)


def agreement(reviews: Sequence[Review], *, layer: str | None = None) -> list[AgreementRow]:
    """Agreement per layer (``*`` row first) and per label, over the current ``reviews``."""
    items = items_of(reviews)
    marks: dict[Item, dict[str, tuple[str, tuple[int, int]]]] = {}
    for review in reviews:
        value = review_value(review)
        if value is None:
            continue
        item = items[(review.document_id, review.finding_id)]
        marks.setdefault(item, {})[review.reviewer] = (value, review.effective_span)
    layers = sorted({item.layer for item in marks if layer is None or item.layer == layer})
    rows = []
    for name in layers:
        in_layer = {i: by for i, by in marks.items() if i.layer == name}
        rows.append(_row(name, ALL_LABELS, in_layer))
        for label in sorted({i.label for i in in_layer}):
            with_label = {i: by for i, by in in_layer.items() if i.label == label}
            rows.append(_row(name, label, with_label))
    return rows
