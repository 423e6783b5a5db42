"""Where the database lives, how its schema is built (named migrations), and its connections."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from spinscope.errors import SpinscopeError
from spinscope.store.search import lemmas_of


class NotFoundError(SpinscopeError):
    """A document or finding the caller named is not in the store (HTTP 404)."""

    exit_code = 2
    http_status = 404


class StoreError(SpinscopeError):
    """The database file cannot be opened or used."""


def default_db_path() -> Path:
    """The database file in the user's data folder.

    ``$XDG_DATA_HOME/spinscope/spinscope.db`` (``~/.local/share/...`` when unset) on Linux and
    other Unix systems, ``~/Library/Application Support/spinscope`` on macOS and
    ``%LOCALAPPDATA%\\spinscope`` on Windows.
    """
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base / "spinscope" / "spinscope.db"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


# --- migrations -------------------------------------------------------------------------------


def _m0001_initial(db: sqlite3.Connection) -> None:
    statements = (
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            title TEXT,
            authors TEXT NOT NULL DEFAULT '[]',
            published TEXT,
            url TEXT,
            site TEXT,
            language TEXT,
            source TEXT,
            text TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        )""",
        """CREATE TABLE analyses (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            pipeline_version TEXT NOT NULL,
            components TEXT NOT NULL,
            analysis TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            PRIMARY KEY (document_id, pipeline_version)
        )""",
        """CREATE TABLE findings (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            pipeline_version TEXT NOT NULL,
            finding_id TEXT NOT NULL,
            layer TEXT NOT NULL,
            label TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            score REAL NOT NULL
        )""",
        "CREATE INDEX findings_document ON findings(document_id)",
        "CREATE INDEX findings_label ON findings(label, layer)",
        """CREATE TABLE actors (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL
        )""",
        "CREATE INDEX actors_document ON actors(document_id)",
        "CREATE INDEX actors_name ON actors(name COLLATE NOCASE)",
        """CREATE TABLE feedback (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            finding_id TEXT NOT NULL,
            layer TEXT NOT NULL,
            label TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            verdict TEXT NOT NULL CHECK (verdict IN ('up', 'down')),
            comment TEXT,
            created TEXT NOT NULL
        )""",
        "CREATE INDEX feedback_finding ON feedback(document_id, finding_id)",
        "CREATE VIRTUAL TABLE documents_fts USING fts5(document_id UNINDEXED, title, text)",
        """CREATE TABLE skipped (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT NOT NULL,
            code TEXT NOT NULL,
            reason TEXT NOT NULL,
            created TEXT NOT NULL
        )""",
    )
    for statement in statements:
        db.execute(statement)


def _m0002_corpus(db: sqlite3.Connection) -> None:
    """Corpus mode: documents stored before they are analysed, and batch failures.

    ``documents.document_json`` holds the ingested document's metadata, parts, sentences and
    links (its text is the ``text`` column), so a batch can analyse exactly what was ingested.
    ``batch_failures`` remembers which documents a pipeline version could not analyse, so a
    later batch does not retry them unless asked. The index makes skipped records quick to
    find by source and code, so a re-run does not record the same one twice.
    """
    statements = (
        "ALTER TABLE documents ADD COLUMN document_json TEXT",
        """CREATE TABLE batch_failures (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            pipeline_version TEXT NOT NULL,
            code TEXT NOT NULL,
            reason TEXT NOT NULL,
            created TEXT NOT NULL,
            PRIMARY KEY (document_id, pipeline_version)
        )""",
        "CREATE INDEX skipped_source_code ON skipped(source, code)",
    )
    for statement in statements:
        db.execute(statement)


def _m0003_search_rows(db: sqlite3.Connection) -> None:
    """Each document remembers the rowid of its full-text row, so that row can be replaced
    without reading the whole full-text table (its document id column is not indexed)."""
    db.execute("ALTER TABLE documents ADD COLUMN search_row INTEGER")
    db.execute(
        "CREATE TEMP TABLE search_rows AS SELECT document_id, max(rowid) AS row"
        " FROM documents_fts GROUP BY document_id"
    )
    db.execute("CREATE INDEX temp.search_rows_document ON search_rows(document_id)")
    db.execute(
        "UPDATE documents SET search_row ="
        " (SELECT row FROM temp.search_rows s WHERE s.document_id = documents.id)"
    )
    db.execute("DROP TABLE temp.search_rows")


def _m0004_not_analysed(db: sqlite3.Connection) -> None:
    """What the latest analysis of each document did not analyse, and why (one row per
    component), mirrored from the analysis JSON like findings and actors; filled here from the
    analyses already stored (those written before components declared their languages have
    none)."""
    db.execute(
        """CREATE TABLE not_analysed (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            pipeline_version TEXT NOT NULL,
            component TEXT NOT NULL,
            language TEXT,
            reason TEXT NOT NULL,
            needs TEXT
        )"""
    )
    db.execute("CREATE INDEX not_analysed_document ON not_analysed(document_id)")
    db.execute(
        """INSERT INTO not_analysed
           SELECT a.document_id, a.pipeline_version, json_extract(n.value, '$.component'),
                  json_extract(n.value, '$.language'), json_extract(n.value, '$.reason'),
                  json_extract(n.value, '$.needs')
           FROM analyses a, json_each(a.analysis, '$.not_analysed') n
           WHERE a.rowid = (SELECT rowid FROM analyses WHERE document_id = a.document_id
                            ORDER BY updated DESC, rowid DESC LIMIT 1)
             AND json_valid(a.analysis)"""
    )


def _m0005_search_lemmas(db: sqlite3.Connection) -> None:
    """The full-text table gains a ``lemmas`` column (the dictionary forms of a Russian text's
    words, see :mod:`spinscope.store.search`). FTS5 tables cannot gain a column, so the table is
    built anew from the old one's rows, each keeping its rowid (``documents.search_row`` stays
    right), with the lemmas of the Russian ones written."""
    db.execute(
        "CREATE VIRTUAL TABLE documents_fts_new"
        " USING fts5(document_id UNINDEXED, title, text, lemmas)"
    )
    rows = db.execute("SELECT rowid, document_id, title, text FROM documents_fts")
    db.executemany(
        "INSERT INTO documents_fts_new (rowid, document_id, title, text, lemmas)"
        " VALUES (?, ?, ?, ?, ?)",
        ((*row, lemmas_of(row[2], row[3] or "")) for row in rows),
    )
    db.execute("DROP TABLE documents_fts")
    db.execute("ALTER TABLE documents_fts_new RENAME TO documents_fts")


def _m0006_reviews(db: sqlite3.Connection) -> None:
    """Reviews with reviewers (see :mod:`spinscope.store.reviews`), reviewer accounts and the
    findings reviewers add. The anonymous marks of the ``feedback`` table become reviews by
    ``anonymous``: on each finding the latest is current and the earlier ones its history
    (replaced when the next was given); the table then goes."""
    statements = (
        """CREATE TABLE reviewers (
            name TEXT PRIMARY KEY COLLATE NOCASE,
            token_hash TEXT UNIQUE,
            password_hash TEXT,
            created TEXT NOT NULL,
            removed TEXT
        )""",
        """CREATE TABLE added_findings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            layer TEXT NOT NULL,
            label TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            reviewer TEXT NOT NULL,
            created TEXT NOT NULL
        )""",
        "CREATE INDEX added_findings_document ON added_findings(document_id)",
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            finding_id TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            layer TEXT NOT NULL,
            finding_label TEXT NOT NULL,
            finding_start INTEGER NOT NULL,
            finding_end INTEGER NOT NULL,
            verdict TEXT CHECK (verdict IS NULL OR verdict IN ('up', 'down')),
            comment TEXT,
            label TEXT,
            start INTEGER,
            "end" INTEGER,
            target TEXT,
            accuser TEXT,
            grade TEXT,
            added INTEGER NOT NULL DEFAULT 0,
            created TEXT NOT NULL,
            replaced TEXT
        )""",
        """CREATE UNIQUE INDEX reviews_current ON reviews(document_id, finding_id, reviewer)
           WHERE replaced IS NULL""",
        "CREATE INDEX reviews_document ON reviews(document_id, finding_id)",
        """INSERT INTO reviews
           (document_id, finding_id, reviewer, layer, finding_label, finding_start, finding_end,
            verdict, comment, created, replaced)
           SELECT document_id, finding_id, 'anonymous', layer, label, start, "end", verdict,
                  comment, created,
                  lead(created) OVER (PARTITION BY document_id, finding_id ORDER BY id)
           FROM feedback ORDER BY id""",
        "DROP TABLE feedback",
    )
    for statement in statements:
        db.execute(statement)


def _m0010_corpus_parts(db: sqlite3.Connection) -> None:
    """What each document contributes to the corpus view, kept as analyses are stored, so the
    view is assembled from them instead of computed from every analysis
    (:mod:`spinscope.corpus.precompute`): ``corpus_records`` holds each document's corpus record
    (without its text, which ``documents`` has) and the rowid and update time of the analysis
    it was made from (a replaced analysis keeps its rowid);
    ``statement_vectors`` a sentence encoder's vector of each statement text (by the sha256 of
    the text and the encoder's name); ``corpus_parts_meta`` a few named values (the encoder the
    vectors were last made for)."""
    statements = (
        """CREATE TABLE corpus_records (
            document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            analysis_row INTEGER NOT NULL,
            analysis_updated TEXT NOT NULL,
            language TEXT,
            statements INTEGER NOT NULL,
            record TEXT NOT NULL
        )""",
        """CREATE TABLE statement_vectors (
            encoder TEXT NOT NULL,
            text_key TEXT NOT NULL,
            vector BLOB NOT NULL,
            PRIMARY KEY (encoder, text_key)
        ) WITHOUT ROWID""",
        "CREATE TABLE corpus_parts_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    )
    for statement in statements:
        db.execute(statement)


def _m0011_corpus_index(db: sqlite3.Connection) -> None:
    """The corpus view's searches kept between views, so that each new view compares only the
    documents added since (:mod:`spinscope.corpus.increments`): ``corpus_shingles`` holds each
    document's shingle hashes and MinHash signature, and whether it was searched for near
    duplicates; ``corpus_pairs`` the near-duplicate pairs found; ``narrative_texts`` each
    statement text the narratives were last grouped over (by its sha256) and its cluster (NULL:
    in none)."""
    statements = (
        """CREATE TABLE corpus_shingles (
            document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            hashes BLOB NOT NULL,
            signature BLOB NOT NULL,
            searched INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE corpus_pairs (
            a TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            b TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            score REAL NOT NULL,
            jaccard REAL NOT NULL,
            containment REAL NOT NULL,
            PRIMARY KEY (a, b)
        ) WITHOUT ROWID""",
        "CREATE INDEX corpus_pairs_b ON corpus_pairs(b)",
        """CREATE TABLE narrative_texts (
            text_key TEXT PRIMARY KEY,
            cluster INTEGER
        ) WITHOUT ROWID""",
    )
    for statement in statements:
        db.execute(statement)


Migration = tuple[str, Callable[[sqlite3.Connection], None]]
MIGRATIONS: Final[tuple[Migration, ...]] = (
    ("0001_initial", _m0001_initial),
    ("0002_corpus", _m0002_corpus),
    ("0003_search_rows", _m0003_search_rows),
    ("0004_not_analysed", _m0004_not_analysed),
    ("0005_search_lemmas", _m0005_search_lemmas),
    ("0006_reviews", _m0006_reviews),
    ("0010_corpus_parts", _m0010_corpus_parts),
    ("0011_corpus_index", _m0011_corpus_index),
)


def migrate(db: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
    """Apply every migration not yet recorded, each in its own transaction; their names."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)"
    )
    applied: list[str] = []
    for name, function in migrations:
        db.execute("BEGIN IMMEDIATE")
        try:
            done = db.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone()
            if done is None:
                function(db)
                db.execute(
                    "INSERT INTO migrations (name, applied) VALUES (?, ?)", (name, now_iso())
                )
                applied.append(name)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    return applied


def connect_writer(path: Path) -> sqlite3.Connection:
    """The write connection: WAL mode, foreign keys on, transactions begun by hand."""
    try:
        writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10.0)
    except sqlite3.Error as exc:
        raise StoreError("E602", path=path, detail=str(exc)) from None
    try:
        writer.row_factory = sqlite3.Row
        writer.execute("PRAGMA journal_mode=WAL")
        writer.execute("PRAGMA foreign_keys=ON")
        writer.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.Error as exc:
        writer.close()
        raise StoreError("E602", path=path, detail=str(exc)) from None
    return writer
