"""The SQLite store: analysed documents, their findings and actors, feedback, and skipped inputs.

One file holds everything. The schema is built by named migrations, each a function run in its
own transaction and recorded in the ``migrations`` table, so an old database is brought up to
date when it is opened. The database runs in WAL mode: all writes go through one connection
under a lock (one writer), and every read opens its own short-lived connection, so readers never
wait for each other or for the writer.

Documents are keyed by their content id (the sha256 of the text), and analyses by
``(document id, pipeline version)``: saving the same analysis twice changes nothing, and a newer
pipeline adds a row beside the old one. The ``findings`` and ``actors`` tables mirror the latest
analysis of each document for filtering; the analysis JSON stays the record. Reviews (one
current review per reviewer per finding, with corrections and history), reviewers, their
agreement and the exports of their reviews live in
:mod:`~spinscope.store.reviews`, :mod:`~spinscope.store.reviewers`,
:mod:`~spinscope.store.agreement` and :mod:`~spinscope.store.exports`.

Corpus mode stores documents before they are analysed (:meth:`Store.save_documents`, with the
ingested metadata, parts and links as ``documents.document_json``); a batch pages through the
ones a pipeline version has not analysed (:meth:`Store.pending_documents`) and remembers the
ones it failed on (``batch_failures``).
"""

from spinscope.store.agreement import AgreementRow, agreement
from spinscope.store.core import MAX_LIMIT, Store
from spinscope.store.documents import (
    DOCUMENT_SCHEMA,
    document_from_payload,
    document_payload,
    document_record,
)
from spinscope.store.exports import (
    EXPORT_FORMAT_TABLE,
    EXPORT_FORMATS,
    Export,
    ExportFormat,
    article_id,
    export_reviews,
    ptc_label,
)
from spinscope.store.records import (
    DocumentPage,
    DocumentSummary,
    Feedback,
    SkippedRecord,
)
from spinscope.store.reviewers import ADMIN, ANONYMOUS, LOCAL, Reviewer
from spinscope.store.reviews import (
    MAX_COMMENT,
    VERDICTS,
    Correction,
    Review,
    Tally,
    grades,
    layer_labels,
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
    "ADMIN",
    "ANONYMOUS",
    "DOCUMENT_SCHEMA",
    "EXPORT_FORMATS",
    "EXPORT_FORMAT_TABLE",
    "LOCAL",
    "MAX_COMMENT",
    "MAX_LIMIT",
    "MIGRATIONS",
    "VERDICTS",
    "AgreementRow",
    "Correction",
    "DocumentPage",
    "DocumentSummary",
    "Export",
    "ExportFormat",
    "Feedback",
    "Migration",
    "NotFoundError",
    "Review",
    "Reviewer",
    "SkippedRecord",
    "Store",
    "StoreError",
    "Tally",
    "agreement",
    "article_id",
    "default_db_path",
    "document_from_payload",
    "document_payload",
    "document_record",
    "export_reviews",
    "fts_query",
    "grades",
    "layer_labels",
    "migrate",
    "ptc_label",
]
