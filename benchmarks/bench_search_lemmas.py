"""What Russian and Ukrainian lemmas cost the store's full-text index, on the bundled examples.

For each example it times :func:`spinscope.store.search.lemmas_of` (the ``lemmas`` column of the
document's search row) in process time, first with an empty word cache (every word analysed by
pymorphy2) and then again (every word cached, as in a process that has just analysed the
article), and gives the column's size beside the text's. The one-off loading of pymorphy2's
Russian and Ukrainian dictionaries is timed first. Then it stores all examples in a fresh
database, with and without lemmas, and gives both times and file sizes. Usage:

    python benchmarks/bench_search_lemmas.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from spinscope.detectors.russian import analyses, lemma, morph
from spinscope.document import Document, Metadata
from spinscope.store import Store
from spinscope.store import core as store_core
from spinscope.store.search import lemmas_of, ukrainian_lemma, ukrainian_morph

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def clear_caches() -> None:
    lemma.cache_clear()
    analyses.cache_clear()
    ukrainian_lemma.cache_clear()


def store_all(documents: list[Document], folder: Path, name: str) -> tuple[float, int]:
    clear_caches()
    path = folder / name
    with Store.open(path) as store:
        start = time.process_time()
        store.save_documents(documents)
        seconds = time.process_time() - start
    return seconds, path.stat().st_size


def main() -> None:
    start, wall = time.process_time(), time.perf_counter()
    morph()
    print(
        f"pymorphy2 Russian dictionary loaded once: {time.process_time() - start:.2f} s"
        f" process time, {time.perf_counter() - wall:.2f} s wall"
    )
    start, wall = time.process_time(), time.perf_counter()
    ukrainian_morph()
    print(
        f"pymorphy2 Ukrainian dictionary loaded once: {time.process_time() - start:.2f} s"
        f" process time, {time.perf_counter() - wall:.2f} s wall"
    )
    paths = sorted(EXAMPLES.glob("*.txt"))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        clear_caches()
        start = time.process_time()
        column = lemmas_of(None, text)
        cold = time.process_time() - start
        start = time.process_time()
        lemmas_of(None, text)
        warm = time.process_time() - start
        print(
            f"{path.name:32} {len(text):6} chars  lemmas {len(column):5} chars"
            f"  cold {cold * 1000:6.1f} ms  cached {warm * 1000:5.1f} ms"
        )
    documents = [Document(p.read_text(encoding="utf-8"), Metadata(source=p.name)) for p in paths]
    with tempfile.TemporaryDirectory() as folder:
        with_lemmas = store_all(documents, Path(folder), "with.db")
        original = store_core.lemmas_of
        store_core.lemmas_of = lambda title, text: ""  # type: ignore[assignment]
        try:
            without = store_all(documents, Path(folder), "without.db")
        finally:
            store_core.lemmas_of = original
    print(
        f"all {len(documents)} examples stored: with lemmas {with_lemmas[0] * 1000:.0f} ms,"
        f" {with_lemmas[1]} bytes; without {without[0] * 1000:.0f} ms, {without[1]} bytes"
    )


if __name__ == "__main__":
    main()
