"""The light record corpus analytics work on: what one analysis contributes to the corpus.

An :class:`Analysis` carries everything about one article; corpus functions need only its text,
a few metadata fields, its sentences, its claims and allegations, its technique labels and the
names of the actors its allegations target. :func:`as_record` extracts that once, so that the
corpus functions can run over analyses read from JSON, from a store, or built by hand.

Only *scored* technique and allegation findings enter a record: those at or above their layer's
threshold (:func:`spinscope.vocabulary.layer_threshold`), the ones every report shows by default.
A finding below it (a bystander the allegations scorer did not believe, a weak technique guess)
is not counted in trends or targets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final
from urllib.parse import urlsplit

from spinscope.analysis import Analysis
from spinscope.document import Metadata
from spinscope.errors import InputError, SchemaError
from spinscope.records import AllegationAttrs, ClaimAttrs
from spinscope.taxonomy import by_label
from spinscope.vocabulary import layer_threshold

UNKNOWN_OUTLET: Final = "unknown"
UNDATED: Final = "undated"
# A claim enters the narratives when its detector marked it check-worthy or scored it this high.
CLAIM_MIN_SCORE: Final = 0.5
_NAME_JUNK: Final = re.compile(r"[^\w\s-]+")
_SPACES: Final = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Statement:
    """A claim or allegation sentence: a half-open range of its document's text."""

    document_id: str
    start: int
    end: int
    kind: str  # "claim" or "allegation"
    text: str


@dataclass(frozen=True, slots=True)
class CorpusRecord:
    """One article as the corpus sees it. Build it with :func:`as_record`."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    original_source_url: str | None = None
    site: str | None = None
    published: str | None = None
    language: str | None = None
    sentences: tuple[tuple[int, int], ...] = ()
    statements: tuple[Statement, ...] = ()
    techniques: tuple[str, ...] = ()  # one display name per technique finding
    targets: tuple[str, ...] = ()  # one actor name per (allegation, target) pair
    # the sentence (start, end) of each of ``targets``, in the same order; empty when unknown
    target_sentences: tuple[tuple[int, int], ...] = ()
    allegations: int = 0  # scored allegation findings
    # the other names the article gives each of ``targets`` (aliases), in the same order
    target_aliases: tuple[tuple[str, ...], ...] = ()

    def target_pairs(self) -> list[tuple[str, tuple[int, int] | None]]:
        """Each target name with its sentence, when the record knows it."""
        known = len(self.target_sentences) == len(self.targets)
        return [
            (name, self.target_sentences[i] if known else None)
            for i, name in enumerate(self.targets)
        ]

    @property
    def outlet(self) -> str:
        """The site, else the URL's host without ``www.``, else ``unknown``."""
        return outlet_of(self.site, self.url)

    @property
    def day(self) -> date | None:
        """The publication date, when ``published`` is a readable ISO 8601 value."""
        return parse_day(self.published)

    @property
    def week(self) -> str:
        """The ISO week of publication, like ``2025-W07``, or ``undated``."""
        return iso_week(self.day)


def outlet_of(site: str | None, url: str | None) -> str:
    if site and site.strip():
        return site.strip()
    if url:
        host = urlsplit(url.strip()).hostname
        if host:
            return host.removeprefix("www.")
    return UNKNOWN_OUTLET


def parse_day(published: str | None) -> date | None:
    """The calendar date of an ISO 8601 date or date-time; None when there is none to read."""
    if not published:
        return None
    value = published.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None


def iso_week(day: date | None) -> str:
    if day is None:
        return UNDATED
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def actor_key(name: str) -> str:
    """The key that makes one actor's name match across documents: case, accents, punctuation."""
    flat = unicodedata.normalize("NFKC", name).casefold()
    flat = re.sub(r"['’]s\b", "", flat)
    return _SPACES.sub(" ", _NAME_JUNK.sub(" ", flat)).strip()


def technique_name(label: str) -> str:
    """A technique label as its taxonomy display name; unknown labels are kept as they are."""
    try:
        return by_label(label).name
    except InputError:
        return label


def _containing_sentence(
    sentences: Sequence[tuple[int, int]], start: int, end: int
) -> tuple[int, int]:
    """The sentence range that holds ``start`` (widened to ``end``), else the span itself."""
    for s, e in sentences:
        if s <= start < e:
            return s, max(e, end)
    return start, end


# One finding as a record reads it: layer, label, start, end, score, whether its detector marked
# it check-worthy (claims), and the actor ids it targets (allegations).
_Finding = tuple[str, str, int, int, float, bool, tuple[str, ...]]


def as_record(item: Analysis | CorpusRecord) -> CorpusRecord:
    """The corpus record of an analysis (a record is returned as it is)."""
    if isinstance(item, CorpusRecord):
        return item
    doc = item.document
    findings = (
        (
            s.layer,
            s.label,
            s.start,
            s.end,
            s.score,
            isinstance(s.attrs, ClaimAttrs) and s.attrs.checkworthy,
            s.attrs.targets if isinstance(s.attrs, AllegationAttrs) else (),
        )
        for s in item.findings
    )
    actors = ((a.id, a.name, a.aliases) for a in item.actors)
    return _record(doc.id, doc.text, doc.meta, doc.sentences, findings, actors)


def record_of_analysis_data(data: Mapping[str, Any]) -> CorpusRecord:
    """The record :func:`as_record` makes of the analysis whose JSON data (as
    :meth:`Analysis.to_json` writes it) is ``data``, read straight from the data: for analyses
    a store wrote, checked when they were made, without building the analysis again. The
    findings are taken in the analysis's reading order, as :func:`spinscope.analysis.sorted_spans`
    gives it. Data that is not such JSON (a damaged stored row) is SchemaError E400."""
    try:
        return _record_of_data(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SchemaError("E400", detail=f"stored analysis: {type(exc).__name__} {exc}") from None


def _record_of_data(data: Mapping[str, Any]) -> CorpusRecord:
    document = data["document"]
    text = document["text"]
    ordered = sorted(
        data["findings"],
        key=lambda f: (f["start"], -f["end"], f["layer"], f["label"], f["detector"]),
    )
    findings = (
        (
            f["layer"],
            f["label"],
            f["start"],
            f["end"],
            f["score"],
            f["layer"] == "claim" and bool(f.get("checkworthy", False)),
            tuple(f.get("targets", ())) if f["layer"] == "allegation" else (),
        )
        for f in ordered
    )
    actors = ((a["id"], a["name"], tuple(a.get("aliases", ()))) for a in data.get("actors", ()))
    meta = _Meta(
        title=document.get("title"),
        url=document.get("url"),
        original_source_url=document.get("original_source_url"),
        site=document.get("site"),
        published=document.get("published"),
        language=document.get("language"),
    )
    sentences = tuple((s, e) for s, e in data.get("sentences", ()))
    return _record(document["id"], text, meta, sentences, findings, actors)


@dataclass(frozen=True, slots=True)
class _Meta:
    title: str | None
    url: str | None
    original_source_url: str | None
    site: str | None
    published: str | None
    language: str | None


def _record(
    doc_id: str,
    text: str,
    meta: Metadata | _Meta,
    sentences: tuple[tuple[int, int], ...],
    findings: Iterable[_Finding],
    actors: Iterable[tuple[str, str, tuple[str, ...]]],
) -> CorpusRecord:
    names: dict[str, str] = {}
    aliases: dict[str, tuple[str, ...]] = {}
    for actor_id, name, others in actors:
        if name:
            names[actor_id] = name
        aliases[actor_id] = tuple(x for x in others if x and x != name)
    statements: dict[tuple[int, int], Statement] = {}
    techniques: list[str] = []
    targets: list[str] = []
    target_sentences: list[tuple[int, int]] = []
    target_aliases: list[tuple[str, ...]] = []
    allegations = 0
    technique_floor = layer_threshold("technique")
    allegation_floor = layer_threshold("allegation")
    for layer, label, span_start, span_end, score, checkworthy, raw in findings:
        if layer == "technique":
            if score >= technique_floor:
                techniques.append(technique_name(label))
            continue
        if layer == "allegation":
            if score < allegation_floor:
                continue
            allegations += 1
            start, end = _containing_sentence(sentences, span_start, span_end)
            named = [t for t in raw if t in names]
            targets.extend(names[t] for t in named)
            target_sentences.extend((start, end) for _ in named)
            target_aliases.extend(aliases.get(t, ()) for t in named)
            kind = "allegation"
        elif layer == "claim" and (checkworthy or score >= CLAIM_MIN_SCORE):
            start, end, kind = span_start, span_end, "claim"
        else:
            continue
        if (start, end) not in statements or kind == "allegation":
            statements[(start, end)] = Statement(doc_id, start, end, kind, text[start:end])
    return CorpusRecord(
        id=doc_id,
        text=text,
        title=meta.title,
        url=meta.url,
        original_source_url=meta.original_source_url,
        site=meta.site,
        published=meta.published,
        language=meta.language,
        sentences=sentences,
        statements=tuple(statements[k] for k in sorted(statements)),
        techniques=tuple(techniques),
        targets=tuple(targets),
        target_sentences=tuple(target_sentences),
        allegations=allegations,
        target_aliases=tuple(target_aliases),
    )


def as_records(items: Iterable[Analysis | CorpusRecord]) -> list[CorpusRecord]:
    """Records for analyses, one per document id (the first seen wins), in input order."""
    seen: dict[str, CorpusRecord] = {}
    for item in items:
        record = as_record(item)
        seen.setdefault(record.id, record)
    return list(seen.values())
