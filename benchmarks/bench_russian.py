"""Throughput of the Russian actors, sourcing and allegations on 900-word articles.

The article is the bundled Russian example (examples/veligorsk-river-fund.ru.txt) with its
first 290 words repeated, about 900 words; each document differs by a trailing number, so no
cache serves it. It times, after one warm-up document per process:

* one process: ``structure``, ``sentences``, ``actors``, ``sourcing`` and ``allegations``;
* ``--workers N`` processes at once: the same with ``language``, or the whole default pipeline
  with ``--default``.

It prints articles per second of wall time and articles per CPU second (process time, so that
other load on the machine does not count; N idle cores give about N times the latter).
Usage:

    python benchmarks/bench_russian.py [--articles 20] [--workers 2] [--default]
"""

from __future__ import annotations

import argparse
import multiprocessing
import time
from pathlib import Path

from spinscope.document import Document, Metadata
from spinscope.pipeline import Pipeline

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "veligorsk-river-fund.ru.txt"
ONE: tuple[str, ...] = ("structure", "sentences", "actors", "sourcing", "allegations")
WORKER: tuple[str, ...] = (
    "structure",
    "sentences",
    "language",
    "actors",
    "sourcing",
    "allegations",
)


def article() -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    return text + " " + " ".join(text.split()[:290])


def run(names: tuple[str, ...] | None, count: int, tag: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) for ``count`` articles, after one warm-up."""
    pipeline = Pipeline(list(names)) if names else Pipeline()
    text = article()
    language = "ru" if names and "language" not in names else None
    pipeline(Document(f"{text} {tag}", Metadata(language=language)))
    cpu, wall = time.process_time(), time.perf_counter()
    for number in range(count):
        pipeline(Document(f"{text} {tag}-{number}", Metadata(language=language)))
    return time.perf_counter() - wall, time.process_time() - cpu


def _worker(job: tuple[tuple[str, ...] | None, int, str]) -> tuple[float, float]:
    return run(*job)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--default", action="store_true", help="the whole default pipeline")
    args = parser.parse_args()
    print(f"{len(article().split())} words an article")
    wall, cpu = run(ONE, args.articles, "one")
    print(
        f"one process, {', '.join(ONE)}: {args.articles / wall:.1f} articles/s wall, "
        f"{args.articles / cpu:.1f} articles per CPU second"
    )
    names = None if args.default else WORKER
    jobs = [(names, args.articles, f"w{i}") for i in range(args.workers)]
    with multiprocessing.get_context("spawn").Pool(args.workers) as pool:
        results = pool.map(_worker, jobs)
    total = args.articles * args.workers
    wall = max(r[0] for r in results)
    cpu = sum(r[1] for r in results)
    label = "the default pipeline" if args.default else ", ".join(WORKER)
    print(
        f"{args.workers} workers, {label}: {total / wall:.1f} articles/s wall, "
        f"{total / cpu:.1f} articles per CPU second"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
