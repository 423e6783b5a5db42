"""Exports of the current reviews, for training and for other tools.

The formats are declared once, in :data:`EXPORT_FORMAT_TABLE`: the command line's choices, the
API's enum, the export page and the docs are derived from it.

* ``jsonl``: one current review a line, with its corrections, the finding it reviews
  (``finding_label``, ``finding_start``, ``finding_end``) and ``text``, the span's text as
  corrected.
* ``csv``: the same, one row a review.
* ``ptc``: ``article_id<TAB>technique<TAB>start<TAB>end`` (SemEval-2020 task 11) for every
  technique finding a reviewer kept (marked up, corrected, or added), as corrected, the
  technique as PTC spells it; the article id is the PTC one where the document was read from a
  PTC file (``article813452859.txt`` gives ``813452859``), else the document's id.
* ``semeval``: SemEval-2021 task 6 JSON (``[{"id", "text", "labels": [{"start", "end",
  "technique", "text_fragment"}]}]``), one entry per document with reviewed techniques.
* ``allegations``: the gold format of the allegation guideline (one ``article<ID>.json`` a
  document, beside its text as ``article<ID>.txt``, in a zip): each allegation a reviewer
  kept, with its sentence (the 1-based line of the text), targets, accuser, sourcing grade and
  type as corrected; persons and organisations are the analysis's actors of those kinds.

A finding kept by several reviewers is written once when they agree on it, once for each
reading when they do not.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Final

from spinscope.errors import InputError, SpinscopeError
from spinscope.store.reviews import Review

if TYPE_CHECKING:
    from spinscope.analysis import Analysis
    from spinscope.store.core import Store

_PTC_FILE: Final = re.compile(r"article(?P<id>[A-Za-z0-9_-]+)\.(?:txt|json)")
# The tool's sourcing grades under the allegation guideline's names.
GUIDELINE_GRADES: Final = {"named_with_link": "named_link"}


@dataclass(frozen=True, slots=True)
class ExportData:
    """What every writer reads: the current reviews and each reviewed document's source, text
    and latest analysis (None when it has none)."""

    reviews: tuple[Review, ...]
    sources: Mapping[str, tuple[str | None, str]]
    analyses: Mapping[str, Analysis | None]

    def article_id(self, document_id: str) -> str:
        return article_id(self.sources.get(document_id, (None, ""))[0], document_id)

    def text(self, document_id: str) -> str:
        return self.sources.get(document_id, (None, ""))[1]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One export format: its name, what it holds, its media type and file suffix, its writer."""

    name: str
    description: str
    media_type: str
    suffix: str
    write: Callable[[ExportData], bytes]


@dataclass(frozen=True, slots=True)
class Export:
    """An export's bytes, with the file name and media type to serve or write it under."""

    format: str
    body: bytes
    filename: str
    media_type: str


def article_id(source: str | None, document_id: str) -> str:
    """The PTC article id of a document read from ``article<ID>.txt``, else its own id."""
    if source:
        match = _PTC_FILE.fullmatch(PurePath(source.replace("\\", "/")).name)
        if match:
            return match.group("id")
    return document_id


def ptc_label(label: str) -> str:
    """A technique label as PTC spells it, when the taxonomy maps it to a PTC class."""
    from spinscope.taxonomy import by_label

    try:
        mapped = by_label(label).ptc_label
    except InputError:
        return label
    return mapped or label


def semeval_label(label: str) -> str:
    """A technique label as SemEval-2021 task 6 spells it (its first), else its own."""
    from spinscope.taxonomy import by_label

    try:
        names = by_label(label).semeval2021_labels
    except InputError:
        return label
    return names[0] if names else label


# --- writers ----------------------------------------------------------------------------------

CSV_COLUMNS: Final = (
    "document_id",
    "article_id",
    "finding_id",
    "reviewer",
    "layer",
    "finding_label",
    "finding_start",
    "finding_end",
    "verdict",
    "label",
    "start",
    "end",
    "target",
    "accuser",
    "grade",
    "added",
    "comment",
    "created",
)


def _jsonl(data: ExportData) -> bytes:
    lines = []
    for review in data.reviews:
        start, end = review.effective_span
        record = {
            **review.to_dict(),
            "article_id": data.article_id(review.document_id),
            "finding_label": review.finding_label,
            "finding_start": review.finding_start,
            "finding_end": review.finding_end,
            "text": data.text(review.document_id)[start:end],
        }
        del record["replaced"]
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    return "".join(line + "\n" for line in lines).encode("utf-8")


def _csv_cell(value: Any) -> Any:
    # A cell a spreadsheet would read as a formula is written as text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(data: ExportData) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in data.reviews:
        row = {
            "document_id": r.document_id,
            "article_id": data.article_id(r.document_id),
            "finding_id": r.finding_id,
            "reviewer": r.reviewer,
            "layer": r.layer,
            "finding_label": r.finding_label,
            "finding_start": r.finding_start,
            "finding_end": r.finding_end,
            "verdict": r.verdict or "",
            "label": r.label or "",
            "start": "" if r.start is None else r.start,
            "end": "" if r.end is None else r.end,
            "target": r.target or "",
            "accuser": r.accuser or "",
            "grade": r.grade or "",
            "added": "yes" if r.added else "no",
            "comment": r.comment or "",
            "created": r.created,
        }
        writer.writerow([_csv_cell(row[c]) for c in CSV_COLUMNS])
    return out.getvalue().encode("utf-8")


def _kept_techniques(data: ExportData) -> list[tuple[str, str, int, int]]:
    """(document id, technique, start, end) of every kept technique review, once each."""
    kept = {
        (r.document_id, r.effective_label, *r.effective_span)
        for r in data.reviews
        if r.layer == "technique" and r.kept
    }
    return sorted(kept)


def _ptc(data: ExportData) -> bytes:
    rows = sorted(
        (data.article_id(doc), ptc_label(label), start, end)
        for doc, label, start, end in _kept_techniques(data)
    )
    return "".join(f"{a}\t{t}\t{s}\t{e}\n" for a, t, s, e in rows).encode("utf-8")


def _semeval(data: ExportData) -> bytes:
    documents = sorted({r.document_id for r in data.reviews if r.layer == "technique"})
    labels: dict[str, list[dict[str, Any]]] = {doc: [] for doc in documents}
    for doc, label, start, end in _kept_techniques(data):
        text = data.text(doc)
        labels[doc].append(
            {
                "start": start,
                "end": end,
                "technique": semeval_label(label),
                "text_fragment": text[start:end],
            }
        )
    entries = [
        {"id": data.article_id(doc), "text": data.text(doc), "labels": labels[doc]}
        for doc in documents
    ]
    return (json.dumps(entries, ensure_ascii=False, indent=4) + "\n").encode("utf-8")


def _actor_names(analysis: Analysis | None) -> dict[str, str]:
    if analysis is None:
        return {}
    return {a.id: a.name or a.id for a in analysis.actors}


def _allegation_entry(review: Review, data: ExportData) -> dict[str, Any]:
    from spinscope.records import AllegationAttrs

    analysis = data.analyses.get(review.document_id)
    names = _actor_names(analysis)
    attrs: AllegationAttrs | None = None
    if analysis is not None:
        for span in analysis.findings:
            if span.id == review.finding_id and isinstance(span.attrs, AllegationAttrs):
                attrs = span.attrs
                break
    if review.target is not None:
        targets = [t.strip() for t in review.target.split(";") if t.strip()]
    else:
        targets = [names.get(t, t) for t in attrs.targets] if attrs else []
    if review.accuser is not None:
        accuser = review.accuser
    elif attrs is not None:
        accuser = names.get(attrs.alleged_by, attrs.alleged_by)
    else:
        accuser = "author"
    grade = review.grade or (attrs.sourcing if attrs else "unattributed")
    start = review.effective_span[0]
    return {
        "sentence": data.text(review.document_id).count("\n", 0, start) + 1,
        "targets": targets,
        "alleged_by": accuser,
        "sourcing": GUIDELINE_GRADES.get(grade, grade),
        "type": review.effective_label,
    }


def _allegation_gold(doc: str, entries: Iterable[dict[str, Any]], data: ExportData) -> str:
    analysis = data.analyses.get(doc)
    actors = analysis.actors if analysis is not None else ()
    unique: list[dict[str, Any]] = []
    for entry in entries:
        if entry not in unique:
            unique.append(entry)
    unique.sort(key=lambda e: (e["sentence"], json.dumps(e, sort_keys=True)))
    gold = {
        "article": data.article_id(doc),
        "persons": sorted({a.name for a in actors if a.kind == "person" and a.name}),
        "organisations": sorted({a.name for a in actors if a.kind == "organisation" and a.name}),
        "allegations": unique,
        "descriptors": [],
        "peripheral_persons": [],
        "peripheral_organisations": [],
        "aliases": {},
    }
    return json.dumps(gold, ensure_ascii=False, indent=1) + "\n"


def _allegations(data: ExportData) -> bytes:
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for review in data.reviews:
        if review.layer == "allegation" and review.kept:
            by_doc.setdefault(review.document_id, []).append(_allegation_entry(review, data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for doc in sorted(by_doc, key=data.article_id):
            stem = f"article{data.article_id(doc)}"
            for name, body in (
                (f"{stem}.json", _allegation_gold(doc, by_doc[doc], data)),
                (f"{stem}.txt", data.text(doc)),
            ):
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, body)
    return out.getvalue()


# fmt: off
EXPORT_FORMAT_TABLE: Final[tuple[ExportFormat, ...]] = (
    ExportFormat("jsonl", "every current review with its corrections and the text of its span, "
                 "one JSON object a line",
                 "application/x-ndjson", "jsonl", _jsonl),
    ExportFormat("ptc", "kept technique findings as PTC labels (article id, technique, start, "
                 "end; tab-separated)", "text/tab-separated-values", "tsv", _ptc),
    ExportFormat("semeval", "kept technique findings as SemEval-2021 task 6 JSON",
                 "application/json", "json", _semeval),
    ExportFormat("allegations", "kept allegations in the allegation guideline's gold format "
                 "(a zip of article<ID>.json files with their article<ID>.txt texts)",
                 "application/zip", "zip", _allegations),
    ExportFormat("csv", "every current review with its corrections, one row each",
                 "text/csv", "csv", _csv),
)
# fmt: on
EXPORT_FORMATS: Final[tuple[str, ...]] = tuple(f.name for f in EXPORT_FORMAT_TABLE)
_BY_NAME: Final[Mapping[str, ExportFormat]] = {f.name: f for f in EXPORT_FORMAT_TABLE}


def export_format(name: str) -> ExportFormat:
    """The declaration of an export format; E629 for an unknown one."""
    found = _BY_NAME.get(name)
    if found is None:
        raise InputError("E629", format=name[:40], valid=", ".join(EXPORT_FORMATS))
    return found


def _analysis_or_none(store: Store, document_id: str) -> Analysis | None:
    try:
        return store.get_analysis(document_id)
    except SpinscopeError:
        return None


def export_data(store: Store, *, layers: Sequence[str] | None = None) -> ExportData:
    """The current reviews (of ``layers``, or all) and what the writers need beside them."""
    reviews = tuple(r for r in store.iter_reviews() if layers is None or r.layer in layers)
    documents = sorted({r.document_id for r in reviews})
    wanted = {r.document_id for r in reviews if r.layer == "allegation"}
    return ExportData(
        reviews=reviews,
        sources=store.document_sources(documents),
        analyses={doc: _analysis_or_none(store, doc) for doc in sorted(wanted)},
    )


def export_reviews(store: Store, format: str, *, now: datetime | None = None) -> Export:
    """The current reviews in ``format`` (E629 for an unknown one), with a file name such as
    ``spinscope-reviews-20260101T120000Z.jsonl``."""
    declared = export_format(format)
    body = declared.write(export_data(store))
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    filename = f"spinscope-reviews-{declared.name}-{stamp}.{declared.suffix}"
    return Export(declared.name, body, filename, declared.media_type)
