"""How well narratives group short texts that say the same thing: ``spinscope eval narratives``.

A claims file holds one JSON object a line, ``{"id", "text", "group"?}``. Its texts are
clustered with the method the corpus report uses (:func:`spinscope.corpus.embeddings.corpus_method`
and :func:`spinscope.corpus.narratives.cluster_texts`, the core of
:func:`~spinscope.corpus.narratives.find_narratives`); a text alone is a cluster of one. When
every line has a ``group``, the clusters are scored against the groups:

- pairwise precision, recall and F1 over pairs of items: a pair put in one cluster is right when
  both items are in one group (putting every item alone scores 0);
- B-cubed precision and recall, the averages over items of the share of an item's cluster in its
  group and of its group in its cluster.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spinscope.corpus.embeddings import corpus_method
from spinscope.corpus.narratives import NarrativeMethod, cluster_texts
from spinscope.errors import InputError


@dataclass(frozen=True, slots=True)
class ClaimItem:
    """One line of a claims file."""

    id: str
    text: str
    group: str | None


def read_claims(path: Path) -> list[ClaimItem]:
    """The items of a claims file (``-`` reads standard input), checked line by line."""
    source = str(path)
    if source == "-":
        lines = sys.stdin.read().splitlines()
    else:
        if not path.exists():
            raise InputError("E100", path=source)
        if path.is_dir():
            raise InputError("E139", option="--claims", path=source)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError as exc:
            raise InputError("E104", source=source, detail=exc.reason) from exc
        except OSError as exc:
            raise InputError(
                "E113", source=source, detail=exc.strerror or type(exc).__name__
            ) from exc
    items: list[ClaimItem] = []
    first: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        item = _item(source, number, line)
        if item.id in first:
            raise InputError("E171", source=source, line=number, id=item.id, first=first[item.id])
        first[item.id] = number
        items.append(item)
    if not items:
        raise InputError("E172", source=source)
    grouped = [i.group is not None for i in items]
    if any(grouped) and not all(grouped):
        number = list(first.values())[grouped.index(False)]
        raise InputError(
            "E170", source=source, line=number, detail="no 'group', while other lines have one"
        )
    return items


def _item(source: str, number: int, line: str) -> ClaimItem:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            "E170", source=source, line=number, detail=f"not JSON ({exc.msg})"
        ) from exc
    if not isinstance(data, dict):
        raise InputError("E170", source=source, line=number, detail="not a JSON object")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("E170", source=source, line=number, detail="no non-empty string 'text'")
    key = data.get("id")
    if isinstance(key, bool) or not isinstance(key, str | int) or str(key) == "":
        raise InputError("E170", source=source, line=number, detail="no string or number 'id'")
    group = data.get("group")
    if group is not None and (isinstance(group, bool) or not isinstance(group, str | int)):
        raise InputError("E170", source=source, line=number, detail="'group' is not a string")
    return ClaimItem(str(key), text, None if group is None else str(group))


def half_of(group: str) -> int:
    """1 when the first byte of the sha256 of ``group`` (UTF-8) is even, else 2."""
    return 1 if hashlib.sha256(group.encode("utf-8")).digest()[0] % 2 == 0 else 2


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def scores(clusters: Sequence[Any], groups: Sequence[Any]) -> dict[str, float]:
    """Pairwise and B-cubed precision, recall and F1 of ``clusters`` (a label per item) against
    ``groups`` (a gold label per item). Without a predicted pair, pairwise precision is 0."""
    if len(clusters) != len(groups):
        raise ValueError("one cluster and one group per item")
    both = Counter(zip(clusters, groups, strict=True))
    size = Counter(clusters)
    gold = Counter(groups)
    together = sum(_pairs(n) for n in both.values())
    predicted = sum(_pairs(n) for n in size.values())
    expected = sum(_pairs(n) for n in gold.values())
    precision = together / predicted if predicted else 0.0
    recall = together / expected if expected else 0.0
    n = max(len(clusters), 1)
    b_precision = sum(k * k / size[c] for (c, _), k in both.items()) / n
    b_recall = sum(k * k / gold[g] for (_, g), k in both.items()) / n
    return {
        "pairwise_precision": round(precision, 4),
        "pairwise_recall": round(recall, 4),
        "pairwise_f1": round(_f1(precision, recall), 4),
        "bcubed_precision": round(b_precision, 4),
        "bcubed_recall": round(b_recall, 4),
        "bcubed_f1": round(_f1(b_precision, b_recall), 4),
    }


def evaluate(
    claims: Path,
    *,
    predictions: Path | None = None,
    meanings: bool = True,
    threshold: float | None = None,
    linkage: str | None = None,
    half: int | None = None,
    length: float | None = None,
) -> dict[str, Any]:
    """Cluster a claims file as the corpus report would, write ``{"id", "cluster"}`` lines to
    ``predictions``, and score the clusters when the items have groups. ``meanings=False`` uses
    TF-IDF, as the report does without an encoder; ``threshold``, ``linkage`` and ``length`` (the
    length margin) replace the report's, for measuring others. ``half`` (1 or 2) keeps the items
    of the groups in that half (:func:`half_of`), so that a method chosen on one half can be
    reported on the other."""
    items = read_claims(claims)
    if half is not None:
        if half not in (1, 2):
            raise InputError("E134", option="--half", value=half, valid="1, 2")
        if items[0].group is None:
            raise InputError("E137", option="--half", needed="a 'group' on every line")
        items = [i for i in items if half_of(i.group or "") == half]
        if not items:
            raise InputError("E172", source=f"{claims} (half {half})")
    # A claims file says nothing of its texts' language: they count as not identified, which the
    # report treats as English (the claim groups are English).
    method, embed, limitation = corpus_method(meanings=meanings, texts=len(items), languages=[None])
    chosen = NarrativeMethod(
        method.encoder,
        method.threshold if threshold is None else threshold,
        method.linkage if linkage is None else linkage,
        method.length if length is None else length,
    )
    labels = cluster_texts(
        [i.text for i in items],
        threshold=chosen.threshold,
        embed=embed,
        linkage=chosen.linkage,
        length_margin=chosen.length,
    )
    if predictions is not None:
        with predictions.open("w", encoding="utf-8") as out:
            for item, label in zip(items, labels, strict=True):
                out.write(json.dumps({"id": item.id, "cluster": label}) + "\n")
    result: dict[str, Any] = {
        "items": len(items),
        "clusters": len(set(labels)),
        "method": chosen.name,
        "encoder": chosen.encoder or "tf-idf",
        "threshold": chosen.threshold,
        "linkage": chosen.linkage,
        "length": chosen.length,
    }
    if half is not None:
        result["half"] = half
    if limitation:
        result["limitation"] = limitation
    if items[0].group is not None:
        result["groups"] = len({i.group for i in items})
        result.update(scores(labels, [i.group for i in items]))
    return result


__all__ = ["ClaimItem", "evaluate", "half_of", "read_claims", "scores"]
