"""Corpus mode end to end: ingest N articles into a store, then batch-analyse them on Dask.

The articles are the PTC train and test articles (../shared/data/ptc-semeval2020 by default),
repeated with a small edit per copy so that every copy has its own content id, plus generated
RSS feeds of invented items (about a tenth of the total). They are written to a temporary
folder, never into the project. Prints ingest articles/s; batch articles/s with 1 and with 2
worker processes (end to end, cluster start included, and once every worker has its pipeline
loaded); the worker CPU time per article and how many cores the workers kept busy (on a
shared machine, fewer than the workers when other processes take the cores); the speed-up; peak
memory of this process and of the largest worker; the core count.

    python benchmarks/bench_corpus.py [--ptc DIR] [--count 10000] [--workers 1,2]

A full 10,000-article run takes about 30 minutes (the batch runs at roughly 9 articles/s per
worker): use --count for a shorter one; the figures printed say what was run.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import escape

import psutil

from spinscope.corpus.batch import run_batch
from spinscope.corpus.ingest import ingest_sources

DEFAULT_PTC = Path(__file__).resolve().parents[2] / "shared" / "data" / "ptc-semeval2020"
FEED_SHARE = 0.1
ITEMS_PER_FEED = 50

TOWNS = ("Vessgrad", "Port Ellery", "Ostby", "Kallmar", "Ravnholt", "Tessaly", "Brunmark")
PEOPLE = ("Ines Varga", "Tomas Brekke", "Ilse Varnhold", "Nils Okafor", "Marta Ekdahl")
TOPICS = ("ferry terminal", "harbour tolls", "school budget", "river bridge", "grain depot")


def feed_item(n: int) -> tuple[str, str]:
    town, person, topic = TOWNS[n % 7], PEOPLE[n % 5], TOPICS[n % 3 + (n // 21) % 3]
    title = f"{town} council row over the {topic} (report {n})"
    body = (
        f"The council of {town} argued for a third night about the {topic}. "
        f"{person} said the plan was a disgraceful waste of public money and that everyone "
        f"knows who profits from it. Officials who asked not to be named said the costs had "
        f"risen by {10 + n % 40} percent since the spring. Supporters of the plan called the "
        f"critics scaremongers and promised a vote within {2 + n % 5} weeks. "
        f"According to the town's own figures, {100 + n % 900} households would be affected."
    )
    return title, body


def write_feed(path: Path, start: int, count: int) -> None:
    items = []
    for n in range(start, start + count):
        title, body = feed_item(n)
        items.append(
            f"<item><title>{escape(title)}</title>"
            f"<link>https://news.example.org/{n}</link>"
            f"<description>{escape(body)}</description>"
            f"<pubDate>Mon, 0{1 + n % 9} Sep 2025 08:00:00 +0000</pubDate></item>"
        )
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Coastal Courier</title><link>https://news.example.org/</link>"
        + "".join(items)
        + "</channel></rss>",
        encoding="utf-8",
    )


def build_inputs(ptc: Path, count: int, folder: Path) -> tuple[int, int]:
    """Write ``count`` articles under ``folder``; (PTC copies, feed items)."""
    texts = [
        p.read_text(encoding="utf-8")
        for split in ("train-articles", "test-articles")
        for p in sorted((ptc / split).glob("article*.txt"))
    ]
    if not texts:
        raise SystemExit(f"no PTC articles under {ptc} (give --ptc)")
    feed_items = int(count * FEED_SHARE)
    articles = count - feed_items
    (folder / "articles").mkdir(parents=True)
    for n in range(articles):
        copy, index = divmod(n, len(texts))
        text = texts[index] if copy == 0 else texts[index].rstrip() + f"\n\nEdition {copy + 1}.\n"
        (folder / "articles" / f"article{n:06d}.txt").write_text(text, encoding="utf-8")
    (folder / "feeds").mkdir()
    for start in range(0, feed_items, ITEMS_PER_FEED):
        size = min(ITEMS_PER_FEED, feed_items - start)
        write_feed(folder / "feeds" / f"courier{start:06d}.rss", start, size)
    return articles, feed_items


class Peak:
    """Largest resident memory of this process and of any child process, sampled 4 times/s."""

    def __init__(self) -> None:
        self.client = 0
        self.worker = 0
        self.cpu: dict[int, float] = {}  # CPU seconds of each child process, last seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            self.client = max(self.client, me.memory_info().rss)
            for child in me.children(recursive=True):
                try:
                    self.worker = max(self.worker, child.memory_info().rss)
                    times = child.cpu_times()
                except psutil.Error:
                    continue
                self.cpu[child.pid] = times.user + times.system
            self._stop.wait(0.25)

    @contextmanager
    def sampling(self) -> Iterator[Peak]:
        self._thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            self._thread.join()


def mb(size: int) -> str:
    return f"{size / 2**20:.0f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ptc", type=Path, default=DEFAULT_PTC, help="the PTC folder")
    parser.add_argument("--count", type=int, default=10_000, help="articles in all")
    parser.add_argument("--workers", default="1,2", help="worker counts to time, comma-separated")
    parser.add_argument("--keep", type=Path, help="keep the inputs and stores in this folder")
    args = parser.parse_args()
    settings = [int(w) for w in args.workers.split(",") if w.strip()]

    root = args.keep or Path(tempfile.mkdtemp(prefix="spinscope-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        inputs = root / "inputs"
        copies, items = build_inputs(args.ptc, args.count, inputs)
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}"
        )
        print(f"articles: {copies + items} ({copies} PTC copies, {items} generated feed items)")

        ingested = root / "ingested.db"
        with Peak().sampling() as peak:
            started = time.perf_counter()
            summary = ingest_sources([str(inputs)], db=ingested)
            seconds = time.perf_counter() - started
        stored = summary["stored"]
        print(
            f"ingest: {stored} stored, {summary['skipped']} skipped in {seconds:.1f} s: "
            f"{stored / seconds:.0f} articles/s (peak RSS {mb(peak.client)})"
        )

        rates: dict[int, float] = {}
        for workers in settings:
            db = root / f"batch-{workers}.db"
            shutil.copyfile(ingested, db)
            with Peak().sampling() as peak:
                result = run_batch(db, workers=workers)
            done, total = result["analysed"], result["seconds"]
            warm = result["warm_seconds"]
            steady = (done - result["first_results"]) / (total - warm) if total > warm else 0.0
            rates[workers] = done / total
            cores = sum(peak.cpu.values()) / total
            print(
                f"batch, {workers} worker(s): {done} analysed, {result['skipped']} skipped in "
                f"{total:.1f} s: {done / total:.1f} articles/s end to end, {steady:.1f} once "
                f"warm; {sum(peak.cpu.values()) / max(done, 1) * 1000:.0f} worker CPU-ms per "
                f"article, {cores:.2f} cores busy on average; peak RSS client "
                f"{mb(peak.client)}, largest worker {mb(peak.worker)}"
            )
        if 1 in rates and 2 in rates:
            print(f"speed-up, 2 workers over 1 (end to end): {rates[2] / rates[1]:.2f}x")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
