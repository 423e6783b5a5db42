"""Reviews: each reviewer's one current mark on a finding, its corrections, and their history.

A review says whether a finding is right (``verdict`` up or down), and may correct it: another
label of the same layer, other span boundaries, and for an allegation its target, accuser and
sourcing grade. A reviewer has one current review per finding; a new one replaces it, and the
replaced one stays in the table with the time it was replaced (``replaced``), as does a
withdrawn one. A reviewer may also add a finding the detectors missed: it gets an id of its own
(``r`` and a number) and the reviewer's review of it, marked ``added``.

Values are checked against the vocabulary (a label must be one the layer declares, a grade one
of :data:`GRADES`) and the document (a span within its text, start before end) before anything
is written. The fields a review corrects are None when it leaves them as they were; the
finding as the detector found it is kept beside them (``layer``, ``finding_label``,
``finding_start``, ``finding_end``), so a review still reads right when the document is analysed
again.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from spinscope.errors import InputError
from spinscope.store.records import Feedback
from spinscope.store.schema import NotFoundError, now_iso
from spinscope.vocabulary import LAYERS

VERDICTS: Final = ("up", "down")
MAX_COMMENT: Final = 2000  # characters
MAX_NAME_FIELD: Final = 200  # characters of a corrected target or accuser
ADDED_PREFIX: Final = "r"
_ADDED_ID: Final = re.compile(r"r([1-9][0-9]{0,17})")
ALLEGATION_FIELDS: Final = ("target", "accuser", "grade")


@lru_cache(maxsize=1)
def grades() -> tuple[str, ...]:
    """The sourcing grades an allegation may carry: the sourcing layer's labels, then
    ``unattributed`` (the author asserts it on no stated source)."""
    return (*layer_labels("sourcing"), "unattributed")


@lru_cache(maxsize=16)
def layer_labels(layer: str) -> tuple[str, ...]:
    """The labels a layer declares (through the components that emit it)."""
    from spinscope.registry import builtin_registry

    return tuple(builtin_registry().labels(layer))


def check_label(layer: str, label: str) -> None:
    """E631 for an unknown layer, E624 for a label the layer does not declare."""
    if layer not in LAYERS:
        raise InputError("E631", layer=layer, valid=", ".join(LAYERS))
    valid = layer_labels(layer)
    if label not in valid:
        raise InputError("E624", label=label, layer=layer, valid=", ".join(valid) or "(none)")


def check_span(start: int, end: int, length: int) -> None:
    """E625 unless ``0 <= start < end <= length``."""
    if not (0 <= start < end <= length):
        raise InputError("E625", start=start, end=end, length=length)


def _text_field(value: str | None, name: str, cap: int) -> str | None:
    """The stripped value (None when empty); E143 for a comment over its cap, E633 for
    another field."""
    text = (value or "").strip() or None
    if text is not None and len(text) > cap:
        if name == "comment":
            raise InputError("E143", length=len(text), cap=cap)
        raise InputError("E633", field=name, length=len(text), cap=cap)
    return text


@dataclass(frozen=True, slots=True)
class Correction:
    """What a reviewer says about a finding; None leaves a field as the finding has it."""

    verdict: str | None = None
    comment: str | None = None
    label: str | None = None
    start: int | None = None
    end: int | None = None
    target: str | None = None
    accuser: str | None = None
    grade: str | None = None

    def cleaned(self) -> Correction:
        """The correction with its text fields stripped (empty ones None) and checked for
        length, and its verdict and grade checked (E134, E626, E633)."""
        if self.verdict is not None and self.verdict not in VERDICTS:
            raise InputError(
                "E134", option="verdict", value=self.verdict, valid=", ".join(VERDICTS)
            )
        if self.grade is not None and self.grade not in grades():
            raise InputError("E626", grade=self.grade, valid=", ".join(grades()))
        return Correction(
            verdict=self.verdict,
            comment=_text_field(self.comment, "comment", MAX_COMMENT),
            label=self.label,
            start=self.start,
            end=self.end,
            target=_text_field(self.target, "target", MAX_NAME_FIELD),
            accuser=_text_field(self.accuser, "accuser", MAX_NAME_FIELD),
            grade=self.grade,
        )

    def is_empty(self) -> bool:
        return all(
            getattr(self, name) is None
            for name in ("verdict", "comment", "label", "start", "end", *ALLEGATION_FIELDS)
        )


@dataclass(frozen=True, slots=True)
class Review:
    """One reviewer's review of one finding (current when ``replaced`` is None)."""

    id: int
    document_id: str
    finding_id: str
    reviewer: str
    layer: str
    finding_label: str  # the finding as the detector (or the adding reviewer) gave it
    finding_start: int
    finding_end: int
    verdict: str | None
    comment: str | None
    label: str | None  # a corrected label, or None
    start: int | None  # corrected boundaries, or None
    end: int | None
    target: str | None  # corrected allegation fields, or None
    accuser: str | None
    grade: str | None
    added: bool  # the reviewer added this finding (one the detectors missed)
    created: str
    replaced: str | None  # when a later review replaced it or it was withdrawn

    @property
    def effective_label(self) -> str:
        return self.label or self.finding_label

    @property
    def effective_span(self) -> tuple[int, int]:
        start = self.finding_start if self.start is None else self.start
        end = self.finding_end if self.end is None else self.end
        return start, end

    @property
    def corrected(self) -> bool:
        """Whether it corrects the label or the span."""
        return self.label is not None or self.start is not None or self.end is not None

    @property
    def corrects_allegation(self) -> bool:
        """Whether it corrects an allegation's target, accuser or grade."""
        return any(getattr(self, name) is not None for name in ALLEGATION_FIELDS)

    @property
    def kept(self) -> bool:
        """Whether the finding, as corrected, belongs in a gold file: marked up, added, or
        given a corrected label, span or allegation field (the reviewer said what it should
        be)."""
        return self.verdict == "up" or self.added or self.corrected or self.corrects_allegation

    def to_dict(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "finding_id": self.finding_id,
            "reviewer": self.reviewer,
            "verdict": self.verdict,
            "comment": self.comment,
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "target": self.target,
            "accuser": self.accuser,
            "grade": self.grade,
            "added": self.added,
            "created": self.created,
            "layer": self.layer,
            "finding": {
                "label": self.finding_label,
                "start": self.finding_start,
                "end": self.finding_end,
            },
            "replaced": self.replaced,
        }


@dataclass(frozen=True, slots=True)
class Tally:
    """The current verdicts on one finding, one per reviewer."""

    up: int
    down: int

    def to_dict(self) -> dict[str, int]:
        return {"up": self.up, "down": self.down}


def review_from_row(row: sqlite3.Row) -> Review:
    return Review(
        id=int(row["id"]),
        document_id=row["document_id"],
        finding_id=row["finding_id"],
        reviewer=row["reviewer"],
        layer=row["layer"],
        finding_label=row["finding_label"],
        finding_start=int(row["finding_start"]),
        finding_end=int(row["finding_end"]),
        verdict=row["verdict"],
        comment=row["comment"],
        label=row["label"],
        start=row["start"],
        end=row["end"],
        target=row["target"],
        accuser=row["accuser"],
        grade=row["grade"],
        added=bool(row["added"]),
        created=row["created"],
        replaced=row["replaced"],
    )


_COLUMNS: Final = (
    "document_id",
    "finding_id",
    "reviewer",
    "layer",
    "finding_label",
    "finding_start",
    "finding_end",
    "verdict",
    "comment",
    "label",
    "start",
    "end",
    "target",
    "accuser",
    "grade",
    "added",
    "created",
)
_INSERT: Final = (
    "INSERT INTO reviews ("  # noqa: S608 - the column names are the constants above
    + ", ".join(f'"{c}"' for c in _COLUMNS)
    + ") VALUES ("
    + ", ".join("?" for _ in _COLUMNS)
    + ")"
)


class ReviewMethods:
    """The store's review methods (mixed into :class:`~spinscope.store.Store`)."""

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _read(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    @staticmethod
    def _finding(db: sqlite3.Connection, document_id: str, finding_id: str) -> sqlite3.Row:
        """The finding's layer, label and range, and the document's length; E600, E601."""
        doc = db.execute(
            "SELECT length(text) AS n FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if doc is None:
            raise NotFoundError("E600", document_id=document_id)
        added = _ADDED_ID.fullmatch(finding_id)
        if added:
            row = db.execute(
                """SELECT layer, label, start, "end", ? AS n FROM added_findings
                   WHERE id = ? AND document_id = ?""",
                (doc["n"], int(added.group(1)), document_id),
            ).fetchone()
        else:
            row = db.execute(
                """SELECT layer, label, start, "end", ? AS n FROM findings
                   WHERE document_id = ? AND finding_id = ? LIMIT 1""",
                (doc["n"], document_id, finding_id),
            ).fetchone()
        if row is None:
            raise NotFoundError("E601", document_id=document_id, finding_id=finding_id)
        found: sqlite3.Row = row
        return found

    @staticmethod
    def _tally(db: sqlite3.Connection, document_id: str, finding_id: str) -> Tally:
        row = db.execute(
            """SELECT coalesce(sum(verdict = 'up'), 0), coalesce(sum(verdict = 'down'), 0)
               FROM reviews
               WHERE document_id = ? AND finding_id = ? AND replaced IS NULL""",
            (document_id, finding_id),
        ).fetchone()
        return Tally(up=int(row[0]), down=int(row[1]))

    @staticmethod
    def _replace_current(
        db: sqlite3.Connection, document_id: str, finding_id: str, reviewer: str, now: str
    ) -> int:
        cursor = db.execute(
            """UPDATE reviews SET replaced = ? WHERE document_id = ? AND finding_id = ?
               AND reviewer = ? AND replaced IS NULL""",
            (now, document_id, finding_id, reviewer),
        )
        return cursor.rowcount

    def put_review(
        self, document_id: str, finding_id: str, *, reviewer: str, correction: Correction
    ) -> tuple[Review, Tally]:
        """Record ``reviewer``'s review of a finding, replacing their current one (kept in the
        history); the review and the finding's tally after it.

        E600/E601 for an unknown document or finding; E134 for a verdict other than up or
        down; E630 for a review that says nothing; E624 for a label the finding's layer does
        not declare; E625 for a span outside the text or empty; E627 for allegation fields on
        another layer; E626 for an unknown grade; E633 for a text field over its cap.
        """
        given = correction.cleaned()
        if given.is_empty():
            raise InputError("E630", finding_id=finding_id)
        now = now_iso()
        with self._write() as db:
            found = self._finding(db, document_id, finding_id)
            layer = found["layer"]
            if given.label is not None:
                check_label(layer, given.label)
            if given.start is not None or given.end is not None:
                start = found["start"] if given.start is None else given.start
                end = found["end"] if given.end is None else given.end
                check_span(start, end, int(found["n"]))
            if layer != "allegation":
                for name in ALLEGATION_FIELDS:
                    if getattr(given, name) is not None:
                        raise InputError("E627", field=name, finding_id=finding_id, layer=layer)
            previous = db.execute(
                """SELECT added FROM reviews WHERE document_id = ? AND finding_id = ?
                   AND reviewer = ? AND replaced IS NULL""",
                (document_id, finding_id, reviewer),
            ).fetchone()
            self._replace_current(db, document_id, finding_id, reviewer, now)
            values = (
                document_id,
                finding_id,
                reviewer,
                layer,
                found["label"],
                found["start"],
                found["end"],
                given.verdict,
                given.comment,
                given.label,
                given.start,
                given.end,
                given.target,
                given.accuser,
                given.grade,
                int(bool(previous and previous["added"])),
                now,
            )
            cursor = db.execute(_INSERT, values)
            ident = int(cursor.lastrowid or 0)
            tally = self._tally(db, document_id, finding_id)
            row = db.execute("SELECT * FROM reviews WHERE id = ?", (ident,)).fetchone()
        return review_from_row(row), tally

    def withdraw_review(self, document_id: str, finding_id: str, *, reviewer: str) -> Tally:
        """Withdraw ``reviewer``'s current review of a finding (it stays in the history); the
        finding's tally after it. E600, E601, or E628 when they have none."""
        with self._write() as db:
            self._finding(db, document_id, finding_id)
            if not self._replace_current(db, document_id, finding_id, reviewer, now_iso()):
                raise NotFoundError(
                    "E628", reviewer=reviewer, finding_id=finding_id, document_id=document_id
                )
            return self._tally(db, document_id, finding_id)

    def add_finding(
        self,
        document_id: str,
        *,
        reviewer: str,
        layer: str,
        label: str,
        start: int,
        end: int,
        comment: str | None = None,
    ) -> Review:
        """A finding the detectors missed, added by ``reviewer`` with their review of it
        (verdict up, ``added``); its id is ``r`` and a number. E600, E631, E624, E625, E633."""
        check_label(layer, label)
        text = _text_field(comment, "comment", MAX_COMMENT)
        now = now_iso()
        with self._write() as db:
            doc = db.execute(
                "SELECT length(text) AS n FROM documents WHERE id = ?", (document_id,)
            ).fetchone()
            if doc is None:
                raise NotFoundError("E600", document_id=document_id)
            check_span(start, end, int(doc["n"]))
            cursor = db.execute(
                """INSERT INTO added_findings
                   (document_id, layer, label, start, "end", reviewer, created)
                   VALUES (?, ?, ?, ?, ?, ?, ?)""",
                (document_id, layer, label, start, end, reviewer, now),
            )
            finding_id = f"{ADDED_PREFIX}{int(cursor.lastrowid or 0)}"
            values = (
                document_id,
                finding_id,
                reviewer,
                layer,
                label,
                start,
                end,
                "up",
                text,
                None,
                None,
                None,
                None,
                None,
                None,
                1,
                now,
            )
            ident = int(db.execute(_INSERT, values).lastrowid or 0)
            row = db.execute("SELECT * FROM reviews WHERE id = ?", (ident,)).fetchone()
        return review_from_row(row)

    def reviews(
        self,
        document_id: str | None = None,
        *,
        finding_id: str | None = None,
        history: bool = False,
    ) -> list[Review]:
        """Current reviews (all of them with ``history``), of one document or all, of one
        finding or all, oldest first."""
        where = [] if history else ["replaced IS NULL"]
        params: list[Any] = []
        if document_id is not None:
            where.append("document_id = ?")
            params.append(document_id)
        if finding_id is not None:
            where.append("finding_id = ?")
            params.append(finding_id)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        with self._read() as db:
            rows = db.execute(f"SELECT * FROM reviews {clause} ORDER BY id", params)  # noqa: S608 - clauses are constants, values are bound
            return [review_from_row(r) for r in rows]

    def iter_reviews(self) -> Iterator[Review]:
        """Every current review, by document, finding and reviewer."""
        with self._read() as db:
            rows = db.execute(
                """SELECT * FROM reviews WHERE replaced IS NULL
                   ORDER BY document_id, finding_id, reviewer"""
            ).fetchall()
        for row in rows:
            yield review_from_row(row)

    def feedback(self, document_id: str | None = None) -> list[Feedback]:
        """The current verdicts (one per reviewer per finding) as marks, oldest first: what the
        article page counts."""
        return [
            Feedback(
                id=r.id,
                document_id=r.document_id,
                finding_id=r.finding_id,
                layer=r.layer,
                label=r.finding_label,
                start=r.finding_start,
                end=r.finding_end,
                verdict=r.verdict,
                comment=r.comment,
                created=r.created,
            )
            for r in self.reviews(document_id)
            if r.verdict is not None
        ]

    def document_sources(self, document_ids: list[str]) -> Mapping[str, tuple[str | None, str]]:
        """Each document's source (path or URL it was read from, or None) and text."""
        if not document_ids:
            return {}
        marks = ", ".join("?" for _ in document_ids)
        with self._read() as db:
            rows = db.execute(
                f"SELECT id, source, text FROM documents WHERE id IN ({marks})",  # noqa: S608 - only placeholders
                document_ids,
            ).fetchall()
        return {r["id"]: (r["source"], r["text"]) for r in rows}
