"""The SQLite store: analysed documents, their findings and actors, feedback, and skipped inputs.

One file holds everything. The schema is built by named migrations, each a function run in its
own transaction and recorded in the ``migrations`` table, so an old database is brought up to
date when it is opened. The database runs in WAL mode: all writes go through one connection
under a lock (one writer), and every read opens its own short-lived connection, so readers never
wait for each other or for the writer.

Documents are keyed by their content id (the sha256 of the text), and analyses by
``(document id, pipeline version)``: saving the same analysis twice changes nothing, and a newer
pipeline adds a row beside the old one. The ``findings`` and ``actors`` tables mirror the latest
analysis of each document for filtering; the analysis JSON stays the record. Feedback is keyed by
``(document id, finding id)`` and keeps the finding's layer, label and range too: finding ids
derive from those (and the detector's name), so a mark still applies when a newer pipeline finds
the same span with the same label.

Corpus mode stores documents before they are analysed (:meth:`Store.save_documents`, with the
ingested metadata, parts and links as ``documents.document_json``); a batch pages through the
ones a pipeline version has not analysed (:meth:`Store.pending_documents`) and remembers the
ones it failed on (``batch_failures``).
"""

from spinscope.store.core import (
    EXPORT_FORMATS,
    MAX_COMMENT,
    MAX_LIMIT,
    VERDICTS,
    Store,
    Verdict,
    ptc_label,
)
from spinscope.store.documents import (
    DOCUMENT_SCHEMA,
    document_from_payload,
    document_payload,
    document_record,
)
from spinscope.store.records import (
    DocumentPage,
    DocumentSummary,
    Feedback,
    SkippedRecord,
)
from spinscope.store.schema import (
    MIGRATIONS,
    Migration,
    NotFoundError,
    StoreError,
    default_db_path,
    migrate,
)
from spinscope.store.search import fts_query

__all__ = [
    "DOCUMENT_SCHEMA",
    "EXPORT_FORMATS",
    "MAX_COMMENT",
    "MAX_LIMIT",
    "MIGRATIONS",
    "VERDICTS",
    "DocumentPage",
    "DocumentSummary",
    "Feedback",
    "Migration",
    "NotFoundError",
    "SkippedRecord",
    "Store",
    "StoreError",
    "Verdict",
    "default_db_path",
    "document_from_payload",
    "document_payload",
    "document_record",
    "fts_query",
    "migrate",
    "ptc_label",
]
