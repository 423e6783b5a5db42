"""The store itself: analysed documents, their findings and actors, feedback, and skipped inputs.

One file holds everything. The schema is built by named migrations, each a function run in its
own transaction and recorded in the ``migrations`` table, so an old database is brought up to
date when it is opened. The database runs in WAL mode: all writes go through one connection
under a lock (one writer), and every read opens its own short-lived connection, so readers never
wait for each other or for the writer.

Documents are keyed by their content id (the sha256 of the text), and analyses by
``(document id, pipeline version)``: saving the same analysis twice changes nothing, and a newer
pipeline adds a row beside the old one. The ``findings``, ``actors`` and ``not_analysed`` tables
mirror the latest analysis of each document for filtering and counting; the analysis JSON stays
the record. Reviews and reviewers live in :mod:`spinscope.store.reviews` and
:mod:`spinscope.store.reviewers`, whose methods the store mixes in.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Final

from spinscope.analysis import Analysis, NotAnalysed, analysis_from_json
from spinscope.document import Document, Skipped
from spinscope.records import from_data
from spinscope.store.documents import document_from_payload, document_record, payload_from_row
from spinscope.store.records import (
    DocumentPage,
    DocumentSummary,
    SkippedRecord,
    excerpt_of,
    like_pattern,
    without_title,
)
from spinscope.store.reviewers import ReviewerMethods
from spinscope.store.reviews import ReviewMethods
from spinscope.store.schema import (
    NotFoundError,
    StoreError,
    connect_writer,
    default_db_path,
    migrate,
    now_iso,
)
from spinscope.store.search import fts_query, lemmas_of

MAX_LIMIT: Final = 200  # documents per page


def _index_for_search(
    db: sqlite3.Connection, document_id: str, title: str | None, text: str, previous: int | None
) -> None:
    """Write a stored document's full-text row, replacing its ``previous`` one (by rowid: the
    document id column of the full-text table is not indexed), and remember the new rowid. The
    row's lemmas are its Russian words' dictionary forms (see :mod:`spinscope.store.search`)."""
    if previous is not None:
        db.execute("DELETE FROM documents_fts WHERE rowid = ?", (previous,))
    cursor = db.execute(
        "INSERT INTO documents_fts (document_id, title, text, lemmas) VALUES (?, ?, ?, ?)",
        (document_id, title or "", text, lemmas_of(title, text)),
    )
    db.execute("UPDATE documents SET search_row = ? WHERE id = ?", (cursor.lastrowid, document_id))


class Store(ReviewMethods, ReviewerMethods):
    """A spinscope database file. Safe to share between threads; use :meth:`open`."""

    def __init__(self, path: Path, writer: sqlite3.Connection | None = None) -> None:
        self.path = path
        self._writer = writer
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: Path | str | None = None) -> Store:
        """Open (creating it and its folder if needed) and migrate the database at ``path``."""
        target = Path(path) if path is not None else default_db_path()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError("E602", path=target, detail=str(exc)) from None
        writer = connect_writer(target)
        try:
            migrate(writer)
        except sqlite3.Error as exc:
            writer.close()
            raise StoreError("E602", path=target, detail=str(exc)) from None
        return cls(target, writer)

    def close(self) -> None:
        """Close the write connection; a later write opens a new one."""
        with self._lock:
            if self._writer is not None:
                self._writer.close()
                self._writer = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """The one write connection, in a transaction, under the lock."""
        with self._lock:
            if self._writer is None:
                self._writer = connect_writer(self.path)
            db = self._writer
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A fresh read-only connection for one reader."""
        try:
            db = sqlite3.connect(self.path, timeout=10.0, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError("E602", path=self.path, detail=str(exc)) from None
        try:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA query_only=ON")
            yield db
        finally:
            db.close()

    def migrations(self) -> list[tuple[str, str]]:
        """Every applied migration as (name, applied time), oldest first."""
        with self._read() as db:
            rows = db.execute("SELECT name, applied FROM migrations ORDER BY applied, name")
            return [(r["name"], r["applied"]) for r in rows]

    # documents and analyses

    def save_analysis(self, analysis: Analysis) -> str:
        """Store an analysis (and its document); the document id. Saving it again is a no-op.

        The row for ``(document, pipeline version)`` is replaced; the document's searchable
        findings and actors become this analysis's.
        """
        doc = analysis.document
        meta = doc.meta
        raw = analysis.to_json()
        version = analysis.pipeline.version
        now = now_iso()
        with self._write() as db:
            existing = db.execute(
                "SELECT analysis FROM analyses WHERE document_id = ? AND pipeline_version = ?",
                (doc.id, version),
            ).fetchone()
            if existing is not None and existing["analysis"] == raw:
                return doc.id
            stored = db.execute(
                "SELECT title, search_row FROM documents WHERE id = ?", (doc.id,)
            ).fetchone()
            db.execute(
                """INSERT INTO documents
                   (id, title, authors, published, url, site, language, source, text, created,
                    updated)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (id) DO UPDATE SET
                     title = excluded.title, authors = excluded.authors,
                     published = excluded.published,
                     url = coalesce(excluded.url, documents.url),
                     site = coalesce(excluded.site, documents.site),
                     language = excluded.language,
                     source = coalesce(documents.source, excluded.source),
                     updated = excluded.updated""",
                (
                    doc.id,
                    meta.title,
                    json.dumps(list(meta.authors), ensure_ascii=False),
                    meta.published,
                    meta.url,
                    meta.site,
                    meta.language,
                    meta.source,
                    doc.text,
                    now,
                    now,
                ),
            )
            db.execute(
                """INSERT INTO analyses
                   (document_id, pipeline_version, components, analysis, created, updated)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT (document_id, pipeline_version) DO UPDATE SET
                     components = excluded.components, analysis = excluded.analysis,
                     updated = excluded.updated""",
                (doc.id, version, json.dumps(list(analysis.pipeline.components)), raw, now, now),
            )
            db.execute(
                "DELETE FROM batch_failures WHERE document_id = ? AND pipeline_version = ?",
                (doc.id, version),
            )
            db.execute("DELETE FROM findings WHERE document_id = ?", (doc.id,))
            db.executemany(
                """INSERT INTO findings
                   (document_id, pipeline_version, finding_id, layer, label, start, "end", score)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    (doc.id, version, s.id, s.layer, s.label, s.start, s.end, s.score)
                    for s in analysis.findings
                ],
            )
            db.execute("DELETE FROM not_analysed WHERE document_id = ?", (doc.id,))
            db.executemany(
                """INSERT INTO not_analysed
                   (document_id, pipeline_version, component, language, reason, needs)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                [
                    (doc.id, version, n.component, n.language, n.reason, n.needs)
                    for n in analysis.not_analysed
                ],
            )
            db.execute("DELETE FROM actors WHERE document_id = ?", (doc.id,))
            db.executemany(
                "INSERT INTO actors (document_id, name, kind) VALUES (?, ?, ?)",
                [(doc.id, a.name or a.id, a.kind) for a in analysis.actors],
            )
            if stored is None or (stored["title"] or "") != (meta.title or ""):
                previous = None if stored is None else stored["search_row"]
                _index_for_search(db, doc.id, meta.title, doc.text, previous)
        return doc.id

    # corpus mode: documents stored before they are analysed

    def save_documents(self, documents: Sequence[Document]) -> list[bool]:
        """Store ingested documents in one transaction; for each, whether it was new.

        A document already stored (same content id) is left as it was, so saving again changes
        nothing; one that was stored only with an analysis gains its ingested record.
        """
        now = now_iso()
        added: list[bool] = []
        with self._write() as db:
            for doc in documents:
                meta = doc.meta
                record = json.dumps(document_record(doc), ensure_ascii=False)
                cursor = db.execute(
                    """INSERT INTO documents
                       (id, title, authors, published, url, site, language, source, text,
                        document_json, created, updated)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                       ON CONFLICT (id) DO NOTHING""",
                    (
                        doc.id,
                        meta.title,
                        json.dumps(list(meta.authors), ensure_ascii=False),
                        meta.published,
                        meta.url,
                        meta.site,
                        meta.language,
                        meta.source,
                        doc.text,
                        record,
                        now,
                        now,
                    ),
                )
                new = cursor.rowcount == 1
                if new:
                    _index_for_search(db, doc.id, meta.title, doc.text, None)
                else:
                    db.execute(
                        """UPDATE documents SET document_json = ?
                           WHERE id = ? AND document_json IS NULL""",
                        (record, doc.id),
                    )
                added.append(new)
        return added

    def save_document(self, document: Document) -> bool:
        """Store one ingested document; whether it was new (see :meth:`save_documents`)."""
        return self.save_documents([document])[0]

    def document_payloads(self, document_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Stored documents as JSON-able payloads (text, metadata, parts, sentences, links), in
        the order asked; ids not in the store are left out. Not checked: see
        :func:`~spinscope.store.documents.document_from_payload`."""
        if not document_ids:
            return []
        marks = ", ".join("?" for _ in document_ids)
        with self._read() as db:
            rows = db.execute(
                f"SELECT * FROM documents WHERE id IN ({marks})",  # noqa: S608 - only placeholders
                list(document_ids),
            ).fetchall()
        found = {
            r["id"]: payload_from_row(r["id"], r["text"], r["document_json"], dict(r)) for r in rows
        }
        return [found[i] for i in document_ids if i in found]

    def get_document(self, document_id: str) -> Document:
        """A stored document as it was ingested; E600 if the store does not hold it."""
        payloads = self.document_payloads([document_id])
        if not payloads:
            raise NotFoundError("E600", document_id=document_id)
        return document_from_payload(payloads[0])

    def pending_documents(
        self,
        pipeline_version: str,
        *,
        limit: int = 100,
        after: str | None = None,
        include_failed: bool = False,
    ) -> list[str]:
        """Ids of stored documents that ``pipeline_version`` has not analysed, in id order.

        One page of at most ``limit`` ids, those greater than ``after`` (the last id of the
        previous page). Documents that version failed on are left out unless
        ``include_failed``.
        """
        where, params = self._pending_clause(pipeline_version, include_failed=include_failed)
        if after is not None:
            where += " AND d.id > ?"
            params.append(after)
        with self._read() as db:
            rows = db.execute(
                f"SELECT d.id FROM documents d WHERE {where} ORDER BY d.id LIMIT ?",  # noqa: S608 - clauses are constants, values are bound
                [*params, max(1, int(limit))],
            ).fetchall()
        return [r["id"] for r in rows]

    def count_documents(
        self, *, pending_for: str | None = None, include_failed: bool = False
    ) -> int:
        """How many documents are stored, or (``pending_for``) how many that pipeline version
        has yet to analyse."""
        with self._read() as db:
            if pending_for is None:
                return int(db.execute("SELECT count(*) FROM documents").fetchone()[0])
            where, params = self._pending_clause(pending_for, include_failed=include_failed)
            query = f"SELECT count(*) FROM documents d WHERE {where}"  # noqa: S608 - as above
            return int(db.execute(query, params).fetchone()[0])

    @staticmethod
    def _pending_clause(version: str, *, include_failed: bool) -> tuple[str, list[Any]]:
        where = (
            "NOT EXISTS (SELECT 1 FROM analyses a"
            " WHERE a.document_id = d.id AND a.pipeline_version = ?)"
        )
        params: list[Any] = [version]
        if not include_failed:
            where += (
                " AND NOT EXISTS (SELECT 1 FROM batch_failures f"
                " WHERE f.document_id = d.id AND f.pipeline_version = ?)"
            )
            params.append(version)
        return where, params

    def analysis_json_pages(
        self, pipeline_version: str, *, page_size: int = 256
    ) -> Iterator[list[str]]:
        """Every analysis JSON by that pipeline version, by document id, a page at a time.

        Each page is read with its own connection, so memory stays bounded and the writer is
        never held up, however large the corpus.
        """
        after = ""
        while True:
            with self._read() as db:
                rows = db.execute(
                    """SELECT document_id, analysis FROM analyses
                       WHERE pipeline_version = ? AND document_id > ?
                       ORDER BY document_id LIMIT ?""",
                    (pipeline_version, after, max(1, int(page_size))),
                ).fetchall()
            if not rows:
                return
            after = rows[-1]["document_id"]
            yield [r["analysis"] for r in rows]

    def record_failure(self, document_id: str, pipeline_version: str, skipped: Skipped) -> None:
        """Remember that ``pipeline_version`` could not analyse a document (and record it as
        skipped, once); a later success forgets it."""
        with self._write() as db:
            db.execute(
                """INSERT INTO batch_failures
                   (document_id, pipeline_version, code, reason, created)
                   VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (document_id, pipeline_version) DO UPDATE SET
                     code = excluded.code, reason = excluded.reason""",
                (document_id, pipeline_version, skipped.code, skipped.reason, now_iso()),
            )
        self.record_skipped(skipped, once=True)

    def failed_documents(self, pipeline_version: str) -> list[tuple[str, str, str]]:
        """(document id, code, reason) of every document that pipeline version failed on."""
        with self._read() as db:
            rows = db.execute(
                """SELECT document_id, code, reason FROM batch_failures
                   WHERE pipeline_version = ? ORDER BY document_id""",
                (pipeline_version,),
            )
            return [(r["document_id"], r["code"], r["reason"]) for r in rows]

    def has_document(self, document_id: str) -> bool:
        with self._read() as db:
            row = db.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone()
            return row is not None

    def get_analysis(self, document_id: str, pipeline_version: str | None = None) -> Analysis:
        """The document's analysis by that pipeline version, or its latest; E600 if none."""
        with self._read() as db:
            if pipeline_version is None:
                row = db.execute(
                    """SELECT analysis FROM analyses WHERE document_id = ?
                       ORDER BY updated DESC, rowid DESC LIMIT 1""",
                    (document_id,),
                ).fetchone()
            else:
                row = db.execute(
                    "SELECT analysis FROM analyses WHERE document_id = ? AND pipeline_version = ?",
                    (document_id, pipeline_version),
                ).fetchone()
        if row is None:
            raise NotFoundError("E600", document_id=document_id)
        return analysis_from_json(row["analysis"])

    def not_analysed_counts(self) -> list[tuple[NotAnalysed, int]]:
        """What the latest analyses did not analyse: each entry (component, language, reason)
        with the number of documents it holds for, most documents first."""
        with self._read() as db:
            rows = db.execute(
                """SELECT component, language, reason, needs, count(DISTINCT document_id) AS n
                   FROM not_analysed GROUP BY component, language, reason, needs
                   ORDER BY n DESC, min(rowid)"""
            ).fetchall()
        fields = ("component", "language", "reason", "needs")
        return [
            (from_data(NotAnalysed, {k: r[k] for k in fields}, "not_analysed"), int(r["n"]))
            for r in rows
        ]

    def pipeline_versions(self, document_id: str) -> list[str]:
        """The pipeline versions that analysed a document, latest first."""
        with self._read() as db:
            rows = db.execute(
                """SELECT pipeline_version FROM analyses WHERE document_id = ?
                   ORDER BY updated DESC, rowid DESC""",
                (document_id,),
            )
            return [r["pipeline_version"] for r in rows]

    def analyses_state(self) -> tuple[int, str, int]:
        """(number of analyses, latest update, greatest rowid): changes whenever an analysis is
        added or replaced, so a view computed over every analysis can be cached against it."""
        with self._read() as db:
            row = db.execute(
                "SELECT count(*), coalesce(max(updated), ''), coalesce(max(rowid), 0) FROM analyses"
            ).fetchone()
        return int(row[0]), str(row[1]), int(row[2])

    def analyses(self, pipeline_version: str | None = None) -> Iterator[Analysis]:
        """Every document's analysis (its latest, or by that version), oldest document first."""
        with self._read() as db:
            if pipeline_version is None:
                rows = db.execute(
                    """SELECT a.analysis FROM documents d JOIN analyses a
                       ON a.rowid = (SELECT rowid FROM analyses WHERE document_id = d.id
                                     ORDER BY updated DESC, rowid DESC LIMIT 1)
                       ORDER BY d.created, d.id"""
                ).fetchall()
            else:
                rows = db.execute(
                    """SELECT a.analysis FROM analyses a JOIN documents d ON d.id = a.document_id
                       WHERE a.pipeline_version = ? ORDER BY d.created, d.id""",
                    (pipeline_version,),
                ).fetchall()
        for row in rows:
            yield analysis_from_json(row["analysis"])

    def list_documents(
        self,
        *,
        query: str | None = None,
        technique: str | None = None,
        label: str | None = None,
        actor: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> DocumentPage:
        """Stored documents, newest first, filtered.

        ``query`` is full-text search over title and text (plain words, all required);
        ``technique`` a label of the technique layer and ``label`` one of any layer (as in the
        latest analysis); ``actor`` part of an actor's name (case-insensitive); ``date_from``
        and ``date_to`` bound the publication date, inclusive (undated documents drop out).
        """
        limit = max(1, min(int(limit), MAX_LIMIT))
        offset = max(0, int(offset))
        where: list[str] = []
        params: list[Any] = []
        if query:
            match = fts_query(query)
            if match is not None:
                where.append(
                    "d.id IN (SELECT document_id FROM documents_fts WHERE documents_fts MATCH ?)"
                )
                params.append(match)
        if technique:
            where.append(
                "d.id IN (SELECT document_id FROM findings WHERE layer = 'technique' AND label = ?)"
            )
            params.append(technique)
        if label:
            where.append("d.id IN (SELECT document_id FROM findings WHERE label = ?)")
            params.append(label)
        if actor:
            where.append("d.id IN (SELECT document_id FROM actors WHERE name LIKE ? ESCAPE '\\')")
            params.append(like_pattern(actor))
        if date_from is not None:
            where.append("d.published IS NOT NULL AND substr(d.published, 1, 10) >= ?")
            params.append(date_from.isoformat())
        if date_to is not None:
            where.append("d.published IS NOT NULL AND substr(d.published, 1, 10) <= ?")
            params.append(date_to.isoformat())
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        with self._read() as db:
            total = db.execute(f"SELECT count(*) FROM documents d {clause}", params).fetchone()[0]  # noqa: S608 - clauses are constants, values are bound
            rows = db.execute(
                f"""SELECT d.*,
                      (SELECT count(*) FROM findings f WHERE f.document_id = d.id) AS n_findings,
                      (SELECT pipeline_version FROM analyses a WHERE a.document_id = d.id
                       ORDER BY a.updated DESC, a.rowid DESC LIMIT 1) AS version
                    FROM documents d {clause}
                    ORDER BY d.updated DESC, d.id LIMIT ? OFFSET ?""",  # noqa: S608 - as above
                [*params, limit, offset],
            ).fetchall()
        items = tuple(
            DocumentSummary(
                id=r["id"],
                title=r["title"],
                authors=tuple(json.loads(r["authors"])),
                published=r["published"],
                url=r["url"],
                site=r["site"],
                language=r["language"],
                source=r["source"],
                created=r["created"],
                updated=r["updated"],
                pipeline_version=r["version"],
                findings=r["n_findings"],
                excerpt=excerpt_of(without_title(r["text"], r["title"])),
            )
            for r in rows
        )
        return DocumentPage(items=items, total=total, limit=limit, offset=offset)

    def labels(self) -> list[tuple[str, str, int]]:
        """Every (layer, label) in the documents' latest findings, with how many documents."""
        with self._read() as db:
            rows = db.execute(
                """SELECT layer, label, count(DISTINCT document_id) AS n FROM findings
                   GROUP BY layer, label ORDER BY layer, label"""
            )
            return [(r["layer"], r["label"], r["n"]) for r in rows]

    # skipped inputs

    def record_skipped(self, skipped: Skipped, *, once: bool = False) -> int:
        """Record an input a batch skipped; the record's id.

        With ``once``, an input already recorded with the same source and code is not recorded
        again (its first record's id is returned), so re-running a batch adds no duplicates.
        """
        with self._write() as db:
            if once:
                row = db.execute(
                    "SELECT id FROM skipped WHERE source = ? AND code = ? ORDER BY id LIMIT 1",
                    (skipped.source, skipped.code),
                ).fetchone()
                if row is not None:
                    return int(row["id"])
            cursor = db.execute(
                "INSERT INTO skipped (source, code, reason, created) VALUES (?, ?, ?, ?)",
                (skipped.source, skipped.code, skipped.reason, now_iso()),
            )
            return int(cursor.lastrowid or 0)

    def skipped(self, *, limit: int = 100, offset: int = 0) -> list[SkippedRecord]:
        """Skipped inputs, newest first."""
        with self._read() as db:
            rows = db.execute(
                "SELECT * FROM skipped ORDER BY id DESC LIMIT ? OFFSET ?",
                (max(1, limit), max(0, offset)),
            )
            return [
                SkippedRecord(r["id"], r["source"], r["code"], r["reason"], r["created"])
                for r in rows
            ]
