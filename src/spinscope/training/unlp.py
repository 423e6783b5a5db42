"""The UNLP 2025 manipulation data: its reader, the held-out split and the task's two metrics.

A file holds one JSON object a line, as the shared task's training set does::

    {"id": "p1", "lang": "uk", "text": "...", "techniques": ["fud", ...], "spans": [[0, 12], ...]}

``id`` and ``text`` are required; ``lang`` (``uk`` or ``ru``) is needed for figures per language;
``techniques`` and ``spans`` are the gold labels and are optional, but a file that has them on one
line must have them on every line. Spans are character offsets into ``text``, the union over every
technique; a span that runs past the end of the text is clipped to it (the source data has a few).

The metrics follow the task's definitions:

* span token-F1, pooled over all posts: a token is a run of non-space characters, positive when
  any of its characters lies inside a span;
* technique macro-F1: the F1 of each of the ten techniques over posts, averaged.

:func:`held_out` fixes the split every model is measured on: a post is held out when the sha256
of its id falls in the last fifth; training and model selection never see those posts.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from spinscope import taxonomy
from spinscope.errors import InputError

# The task's ten techniques, in the order of its definitions file.
TECHNIQUES: Final[tuple[str, ...]] = taxonomy.UNLP2025_LABELS
LANGUAGES: Final = ("ru", "uk")
HELD_OUT_SHARE: Final = 5  # one post in five is held out
_TOKEN: Final = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Post:
    """One post; ``techniques`` and ``spans`` are None when the file gives no gold labels."""

    id: str
    lang: str | None
    text: str
    techniques: tuple[str, ...] | None = None
    spans: tuple[tuple[int, int], ...] | None = None

    @property
    def labelled(self) -> bool:
        return self.techniques is not None and self.spans is not None


@dataclass(frozen=True, slots=True)
class Prediction:
    """What a model says of one post: spans (merged, sorted) and technique ids (task order)."""

    id: str
    spans: tuple[tuple[int, int], ...]
    techniques: tuple[str, ...]

    def to_json(self) -> str:
        record = {
            "id": self.id,
            "spans": [list(s) for s in self.spans],
            "techniques": list(self.techniques),
        }
        return json.dumps(record, ensure_ascii=False)


def _fail(path: Path, line: int, detail: str) -> InputError:
    return InputError("E174", source=str(path), line=line, detail=detail)


def _spans(value: Any, text: str, *, path: Path, line: int) -> tuple[tuple[int, int], ...]:
    if not isinstance(value, list):
        raise _fail(path, line, "'spans' must be a list of [start, end] pairs")
    out: list[tuple[int, int]] = []
    for item in value:
        ok = isinstance(item, list) and len(item) == 2
        if not ok or not all(isinstance(v, int) and not isinstance(v, bool) for v in item):
            raise _fail(path, line, f"span {item!r} is not a pair of integers")
        if item[0] < 0 or item[1] < item[0]:
            raise _fail(path, line, f"span {item!r} does not fit the text")
        start, end = min(int(item[0]), len(text)), min(int(item[1]), len(text))
        if start < end:
            out.append((start, end))
    return tuple(merge(out))


def _techniques(value: Any, *, path: Path, line: int) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, line, "'techniques' must be a list of technique ids")
    unknown = sorted(set(value) - set(TECHNIQUES))
    if unknown:
        raise _fail(path, line, f"unknown technique {unknown[0]!r}; valid: {', '.join(TECHNIQUES)}")
    return tuple(t for t in TECHNIQUES if t in value)


def parse_post(raw: str, *, path: Path, line: int) -> Post:
    """One line of a posts file; E173 when it is not JSON, E174 when its fields are wrong."""
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError("E173", source=str(path), line=line, detail=exc.msg) from None
    if not isinstance(record, dict):
        raise _fail(path, line, "the line is not a JSON object")
    post_id, text, lang = record.get("id"), record.get("text"), record.get("lang")
    if not isinstance(post_id, str | int) or isinstance(post_id, bool) or str(post_id) == "":
        raise _fail(path, line, "'id' must be a non-empty string")
    if not isinstance(text, str):
        raise _fail(path, line, "'text' must be a string")
    if lang is not None and lang not in LANGUAGES:
        raise _fail(path, line, f"'lang' is {lang!r}; valid: {', '.join(LANGUAGES)}")
    has_gold = "techniques" in record or "spans" in record
    if has_gold and not ("techniques" in record and "spans" in record):
        raise _fail(path, line, "give both 'techniques' and 'spans', or neither")
    return Post(
        id=str(post_id),
        lang=lang,
        text=text,
        techniques=_techniques(record["techniques"], path=path, line=line) if has_gold else None,
        spans=_spans(record["spans"], text, path=path, line=line) if has_gold else None,
    )


def read_posts(path: Path) -> list[Post]:
    """Every post of a JSON Lines file (blank lines skipped); ids must be unique, and gold labels
    on every line or on none."""
    if not path.is_file():
        raise InputError("E100", path=str(path))
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError("E104", source=str(path), detail=str(exc)) from exc
    posts: list[Post] = []
    seen: set[str] = set()
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        post = parse_post(raw, path=path, line=number)
        if post.id in seen:
            raise _fail(path, number, f"the id {post.id!r} is used twice")
        if posts and post.labelled != posts[0].labelled:
            raise _fail(path, number, "gold labels are on some lines and not on others")
        seen.add(post.id)
        posts.append(post)
    if not posts:
        raise InputError("E175", source=str(path))
    return posts


def held_out(post_id: str) -> bool:
    """Whether a post belongs to the fixed held-out fifth (by the sha256 of its id)."""
    digest = hashlib.sha256(post_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % HELD_OUT_SHARE == 0


def split(posts: Sequence[Post]) -> tuple[list[Post], list[Post]]:
    """(development posts, held-out posts)."""
    return [p for p in posts if not held_out(p.id)], [p for p in posts if held_out(p.id)]


def merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans joined, sorted."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def token_labels(text: str, spans: Sequence[tuple[int, int]]) -> list[bool]:
    """For each token (a run of non-space characters): does any of its characters lie in a span?"""
    merged = merge(spans)
    out: list[bool] = []
    at = 0
    for match in _TOKEN.finditer(text):
        while at < len(merged) and merged[at][1] <= match.start():
            at += 1
        out.append(at < len(merged) and merged[at][0] < match.end())
    return out


@dataclass(frozen=True, slots=True)
class Scores:
    """Span token-F1 and technique macro-F1 of a set of posts, with the F1 of each technique."""

    span_f1: float
    span_precision: float
    span_recall: float
    technique_macro_f1: float
    per_technique: Mapping[str, float]
    posts: int

    def to_record(self) -> dict[str, Any]:
        return {
            "span_f1": round(self.span_f1, 4),
            "span_precision": round(self.span_precision, 4),
            "span_recall": round(self.span_recall, 4),
            "technique_macro_f1": round(self.technique_macro_f1, 4),
            "technique_f1": {t: round(v, 4) for t, v in self.per_technique.items()},
            "posts": self.posts,
        }


def _f1(tp: int, predicted: int, gold: int) -> float:
    return 2 * tp / (predicted + gold) if predicted + gold else 0.0


def score(gold: Sequence[Post], predicted: Mapping[str, Prediction]) -> Scores:
    """The task's metrics over ``gold`` posts (labelled), for the predictions of their ids."""
    tp = n_pred = n_gold = 0
    counts = {t: [0, 0, 0] for t in TECHNIQUES}  # tp, predicted, gold
    for post in gold:
        guess = predicted[post.id]
        truth = token_labels(post.text, post.spans or ())
        found = token_labels(post.text, guess.spans)
        tp += sum(a and b for a, b in zip(truth, found, strict=True))
        n_pred += sum(found)
        n_gold += sum(truth)
        for t in TECHNIQUES:
            said, true = t in guess.techniques, t in (post.techniques or ())
            counts[t][0] += said and true
            counts[t][1] += said
            counts[t][2] += true
    per = {t: _f1(*c) for t, c in counts.items()}
    return Scores(
        span_f1=_f1(tp, n_pred, n_gold),
        span_precision=tp / n_pred if n_pred else 0.0,
        span_recall=tp / n_gold if n_gold else 0.0,
        technique_macro_f1=sum(per.values()) / len(per),
        per_technique=per,
        posts=len(gold),
    )


def report(gold: Sequence[Post], predicted: Mapping[str, Prediction]) -> dict[str, Any]:
    """Overall figures and ``by_language``, as ``spinscope eval techniques --unlp`` prints them."""
    result = score(gold, predicted).to_record()
    result["by_language"] = {
        lang: score(chosen, predicted).to_record()
        for lang in LANGUAGES
        if (chosen := [p for p in gold if p.lang == lang])
    }
    return result
