"""The corpus view of the web app: the corpus report's sections over the store, cached.

Computing the corpus view reads every analysis and compares every article with the others, so
it is kept and computed again only when the store's analyses change (see
:meth:`~spinscope.store.Store.analyses_state`). One computation runs at a time.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from urllib.parse import quote

from markupsafe import Markup

from spinscope.corpus.records import CorpusRecord
from spinscope.corpus.report import CorpusAnalysis, corpus_from_store, render_corpus_sections
from spinscope.store import Store

TITLE = "Corpus"


def document_page(record: CorpusRecord) -> str:
    """The web app's page of a record's document."""
    return f"/documents/{quote(record.id, safe='')}"


@dataclass
class CorpusView:
    """The corpus analysis and its rendered sections, for one state of the store."""

    corpus: CorpusAnalysis
    sections: Markup


@dataclass
class CorpusCache:
    """The latest :class:`CorpusView` and the store state it was computed for."""

    _lock: threading.Lock = field(default_factory=threading.Lock)
    _state: tuple[int, str, int] | None = None
    _view: CorpusView | None = None

    def get(self, store: Store) -> CorpusView:
        with self._lock:
            state = store.analyses_state()
            if self._view is None or state != self._state:
                corpus = corpus_from_store(store)
                sections = render_corpus_sections(corpus, title=TITLE, document_href=document_page)
                self._view = CorpusView(corpus, sections)
                self._state = state
            return self._view
