"""Reviewers' corrections as training data: the JSONL review export read back.

``spinscope export --format jsonl`` writes one current review a line: the finding as the
detector gave it (``layer``, ``finding_label``, ``finding_start``, ``finding_end``), the
reviewer's verdict (``up``, ``down`` or none), a corrected ``label`` and boundaries (``start``,
``end``) where they gave them, whether they ``added`` the finding, and ``text``, the finding's
text as corrected. :func:`read_reviews` reads those lines back into :class:`ReviewedSpan`
records, each with what the reviewer says the span is: its effective label, or that it is not
one (a thumbs-down with no corrected label). The training commands turn them into examples of
their own kind (see :func:`checkworthiness_labels`). The technique detector reads the
SemEval-2021 export instead, which holds each reviewed document's text
(:func:`reviewed_technique_articles`, :func:`fold_technique_reviews`), and the allegation
scorer the allegation export, gold files with their texts (:func:`unpack_allegation_export`).

When several reviewers reviewed one finding and disagree, the finding is left out: training
takes only what the reviewers agree on.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from spinscope.errors import InputError
from spinscope.taxonomy import semeval2021_to_ptc
from spinscope.training.datasets import GoldArticle, GoldSpan, read_semeval2021

MAX_LINES: Final = 1_000_000
_REQUIRED: Final = ("document_id", "finding_id", "layer", "finding_label", "text")


@dataclass(frozen=True, slots=True)
class ReviewedSpan:
    """What one review says of one finding: the span's text as corrected, and its label as
    the reviewer has it, or None when the reviewer says the finding is wrong."""

    document_id: str
    finding_id: str
    reviewer: str
    layer: str
    finding_label: str  # what the detector said (or the adding reviewer)
    text: str
    label: str | None
    added: bool


def _label(record: dict[str, Any]) -> str | None:
    """The label a review gives its span: the corrected one, else the detector's unless the
    reviewer turned it down."""
    corrected = record.get("label")
    if isinstance(corrected, str) and corrected:
        return corrected
    if record.get("verdict") == "down":
        return None
    return str(record["finding_label"])


def _record(path: Path, number: int, line: str) -> ReviewedSpan | None:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError("E515", source=path, line=number, detail=f"not JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise InputError("E515", source=path, line=number, detail="not a JSON object")
    missing = [key for key in _REQUIRED if not isinstance(record.get(key), str)]
    if missing:
        raise InputError("E515", source=path, line=number, detail=f"no {', '.join(missing)}")
    verdict = record.get("verdict")
    if verdict not in (None, "up", "down"):
        raise InputError("E515", source=path, line=number, detail=f"verdict {verdict!r}")
    if verdict is None and not record.get("label") and not record.get("added"):
        return None  # a comment alone says nothing of the label
    text = record["text"].strip()
    if not text:
        raise InputError("E515", source=path, line=number, detail="empty text")
    return ReviewedSpan(
        document_id=record["document_id"],
        finding_id=record["finding_id"],
        reviewer=str(record.get("reviewer") or ""),
        layer=record["layer"],
        finding_label=record["finding_label"],
        text=text,
        label=_label(record),
        added=bool(record.get("added")),
    )


def read_reviews(path: Path) -> list[ReviewedSpan]:
    """The reviews of a JSONL review export that say something of a label, the findings
    reviewers disagree on left out; E100 for a missing file, E515 for a line that is no review."""
    if not path.is_file():
        raise InputError("E100", path=path)
    spans: list[ReviewedSpan] = []
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if number > MAX_LINES:
                    raise InputError(
                        "E515", source=path, line=number, detail=f"over {MAX_LINES:,} lines"
                    )
                if line.strip():
                    span = _record(path, number, line)
                    if span is not None:
                        spans.append(span)
    except UnicodeDecodeError as exc:
        raise InputError("E515", source=path, line=0, detail=f"not UTF-8 ({exc})") from None
    return agreed(spans)


def agreed(spans: list[ReviewedSpan]) -> list[ReviewedSpan]:
    """One review per finding: the findings whose reviewers all give the same label and text,
    in the order they first appear."""
    by_finding: dict[tuple[str, str], list[ReviewedSpan]] = defaultdict(list)
    for span in spans:
        by_finding[(span.document_id, span.finding_id)].append(span)
    return [
        group[0] for group in by_finding.values() if len({(s.label, s.text) for s in group}) == 1
    ]


def checkworthiness_labels(spans: list[ReviewedSpan]) -> list[tuple[str, bool]]:
    """The check-worthiness examples the reviews of claim findings give: (sentence, whether it
    is check-worthy). A thumbs-down on a check-worthy sentence makes it not check-worthy, and
    the other way round."""
    out: list[tuple[str, bool]] = []
    for span in spans:
        if span.layer != "claim":
            continue
        if span.label is None:  # claims have two labels: the detector's was the wrong one
            out.append((span.text, span.finding_label != "checkworthy"))
        else:
            out.append((span.text, span.label == "checkworthy"))
    return out


def reviewed_technique_articles(path: Path) -> tuple[list[GoldArticle], int]:
    """The documents of a SemEval-2021 review export (``spinscope export --format semeval``):
    each reviewed document's text with the technique spans its reviewers kept, added or
    corrected, named as PTC names them; and how many spans name a technique PTC has no class
    for (left out)."""
    articles: list[GoldArticle] = []
    unmapped = 0
    for article in read_semeval2021(path):
        spans: list[GoldSpan] = []
        for span in article.spans:
            technique = span.technique or ""
            ptc = semeval2021_to_ptc.get(technique, technique)
            if ptc is None:
                unmapped += 1
                continue
            spans.append(replace(span, technique=ptc))
        articles.append(replace(article, spans=tuple(spans)))
    return articles, unmapped


def fold_technique_reviews(
    training: list[GoldArticle], reviewed: list[GoldArticle]
) -> tuple[list[GoldArticle], dict[str, int]]:
    """The training articles with the reviewed ones folded in: an article of the training data
    (the same PTC id and text) gains the reviewers' spans it lacks; another reviewed document
    joins the training data with its reviewed spans as its gold (reviewers mark a document's
    techniques and add the ones the detector missed). Returns them and the counts."""
    by_id = {a.article_id: a for a in reviewed}
    counts = {"reviewed_documents": len(reviewed), "merged": 0, "added_documents": 0, "spans": 0}
    out: list[GoldArticle] = []
    for article in training:
        extra = by_id.get(article.article_id)
        if extra is None or extra.text != article.text:
            out.append(article)
            continue
        del by_id[article.article_id]
        known = {(s.start, s.end, s.technique) for s in article.spans}
        new = [s for s in extra.spans if (s.start, s.end, s.technique) not in known]
        counts["merged"] += 1
        counts["spans"] += len(new)
        spans = sorted((*article.spans, *new), key=lambda s: (s.start, s.end, s.technique))
        out.append(replace(article, spans=tuple(spans)))
    for article in by_id.values():
        counts["added_documents"] += 1
        counts["spans"] += len(article.spans)
        out.append(replace(article, article_id=f"review-{article.article_id}"))
    return out, counts


_EXPORT_MEMBER: Final = re.compile(r"article[A-Za-z0-9_-]{1,64}\.(?:json|txt)")
MAX_MEMBERS: Final = 20_000
MAX_MEMBER_BYTES: Final = 8 * 1024 * 1024


def unpack_allegation_export(path: Path, into: Path) -> int:
    """Write the members of an allegation review export (``spinscope export --format
    allegations``: ``article<ID>.json`` gold files and their ``article<ID>.txt`` texts, in a
    zip) into the folder ``into``; how many. Anything else in the zip, a member over
    :data:`MAX_MEMBER_BYTES` or more than :data:`MAX_MEMBERS` members is refused (E515), and
    nothing is written outside ``into``."""
    if not path.is_file():
        raise InputError("E100", path=path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise InputError("E515", source=path, line=0, detail=f"over {MAX_MEMBERS:,} files")
            for member in members:
                if not _EXPORT_MEMBER.fullmatch(member.filename):
                    detail = f"{member.filename[:80]!r} is no article<ID>.json or .txt"
                    raise InputError("E515", source=path, line=0, detail=detail)
                if member.file_size > MAX_MEMBER_BYTES:
                    detail = f"{member.filename} is over {MAX_MEMBER_BYTES:,} bytes"
                    raise InputError("E515", source=path, line=0, detail=detail)
            for member in members:
                with archive.open(member) as source:
                    body = source.read(MAX_MEMBER_BYTES + 1)
                if len(body) > MAX_MEMBER_BYTES:  # the recorded size lied
                    detail = f"{member.filename} is over {MAX_MEMBER_BYTES:,} bytes"
                    raise InputError("E515", source=path, line=0, detail=detail)
                (into / member.filename).write_bytes(body)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise InputError("E515", source=path, line=0, detail=f"not a zip ({exc})") from None
    return len(members)
