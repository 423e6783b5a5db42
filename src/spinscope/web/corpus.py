"""The corpus view of the web app: the corpus report's sections over the store, kept up to date.

The view is assembled from the parts each analysis contributes (records and statement vectors,
:mod:`spinscope.corpus.precompute`), which ``spinscope batch`` stores with its analyses; the
parts of analyses stored otherwise (the web form, the API) are made when the view is next asked
for. A view is kept for the store's state of analyses (:meth:`~spinscope.store.Store.
analyses_state`) and computed again, in a background thread, when that state changes. A request
waits up to :data:`WAIT_SECONDS` for it; past that it gets a page that says what is being
computed and reloads itself (with the previous view below it, if there is one), and the JSON
twin gets the previous view with a limitation that says so. One computation runs at a time.
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass, field
from typing import Final
from urllib.parse import quote

from markupsafe import Markup

from spinscope.corpus.precompute import Progress, corpus_from_parts
from spinscope.corpus.records import CorpusRecord
from spinscope.corpus.report import CorpusAnalysis, analyse_corpus, render_corpus_sections
from spinscope.store import Store

TITLE = "Corpus"
WAIT_SECONDS: Final = 10.0
REFRESH_SECONDS: Final = 2

State = tuple[int, str, int]


def document_page(record: CorpusRecord) -> str:
    """The web app's page of a record's document."""
    return f"/documents/{quote(record.id, safe='')}"


@dataclass
class CorpusView:
    """The corpus analysis and its rendered sections, for one state of the store (``ready``
    False: a page about the computation under way, over the previous view if any)."""

    corpus: CorpusAnalysis
    sections: Markup
    ready: bool = True


def progress_markup(progress: Progress | None) -> Markup:
    """A note that the corpus view is being computed, what it is doing, and a reload."""
    doing = progress.sentence() if progress is not None else "starting"
    page = Markup(
        '<section id="corpus-progress" aria-live="polite" aria-busy="true">'
        '<meta http-equiv="refresh" content="{refresh}">'
        "<h2>Computing the corpus view</h2>"
        "<p>Now {doing}.</p>"
        "<p>This page reloads itself every {refresh} seconds until it is ready.</p>"
        "</section>"
    )
    return page.format(refresh=REFRESH_SECONDS, doing=doing)


@dataclass
class CorpusCache:
    """The latest :class:`CorpusView`, the store state it was computed for, and the computation
    under way, if any."""

    wait: float = WAIT_SECONDS
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _state: State | None = None
    _view: CorpusView | None = None
    _thread: threading.Thread | None = None
    _progress: Progress | None = None
    _error: BaseException | None = None

    @property
    def progress(self) -> Progress | None:
        """What the computation under way is doing (None when none is)."""
        return self._progress if self._thread is not None else None

    def _compute(self, store: Store, state: State) -> None:
        try:
            corpus = corpus_from_parts(store, on_progress=self._report)
            sections = render_corpus_sections(corpus, title=TITLE, document_href=document_page)
            with self._lock:
                self._view, self._state = CorpusView(corpus, sections), state
        except BaseException as exc:  # shown to the next request, not lost in the thread
            with self._lock:
                self._error = exc
        finally:
            with self._lock:
                self._thread = None
                self._progress = None

    def _report(self, progress: Progress) -> None:
        self._progress = progress

    def get(self, store: Store) -> CorpusView:
        """The view for the store's current state: computed here when that takes less than
        :attr:`wait` seconds, else a page that says what is being computed."""
        for _ in range(2):  # once more if the store changed while the view was computed
            with self._lock:
                if self._error is not None:
                    error, self._error = self._error, None
                    raise error
                state = store.analyses_state()
                if self._view is not None and state == self._state:
                    return self._view
                if self._thread is None:
                    self._thread = threading.Thread(
                        target=self._compute, args=(store, state), daemon=True
                    )
                    self._thread.start()
                thread = self._thread
            thread.join(self.wait)
            if thread.is_alive():
                return self._pending()
        return self._pending()

    def _pending(self) -> CorpusView:
        with self._lock:
            note = progress_markup(self._progress)
            previous = self._view
        if previous is None:
            empty = analyse_corpus((), translations=False, meanings=False)
            corpus = dataclasses.replace(empty, limitations=("the corpus view is being computed",))
            return CorpusView(corpus, note, ready=False)
        said = "the corpus view is being computed; this is the view before the latest analyses"
        corpus = dataclasses.replace(
            previous.corpus, limitations=(*previous.corpus.limitations, said)
        )
        return CorpusView(corpus, note + previous.sections, ready=False)
