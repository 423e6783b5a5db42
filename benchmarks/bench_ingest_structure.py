"""Throughput of ingestion, structure recovery, sentences and language identification.

Reads the PTC test articles (../shared/data/ptc-semeval2020/test-articles by default), repeats
them to --count documents, and runs the foundation pipeline over them in one process, printing
articles per second. Usage:

    python benchmarks/bench_ingest_structure.py [--articles DIR] [--count 1000]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

from spinscope.ingest import read_inputs
from spinscope.pipeline import Pipeline, Skipped

FOUNDATION = ("structure", "sentences", "language")

DEFAULT = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "ptc-semeval2020" / "test-articles"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    files = sorted(str(p) for p in args.articles.glob("*.txt"))
    if not files:
        print(f"no .txt articles in {args.articles}", file=sys.stderr)
        return 2
    inputs = [files[i % len(files)] for i in range(args.count)]
    pipeline = Pipeline(FOUNDATION)  # ingestion and structure alone; detectors have their own
    pipeline(next(d for d in read_inputs(inputs[:1]) if not isinstance(d, Skipped)))  # warm up
    chars = parts = 0
    start = time.perf_counter()
    for item in pipeline.run_many(read_inputs(inputs)):
        if isinstance(item, Skipped):
            print(item.one_line(), file=sys.stderr)
            continue
        chars += len(item.document.text)
        parts += len(item.document.parts)
    seconds = time.perf_counter() - start
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"pipeline: {', '.join(pipeline.info.components)}")
    print(f"documents: {len(inputs)} ({len(files)} distinct), {chars / len(inputs):.0f} chars each")
    print(f"parts per document: {parts / len(inputs):.1f}")
    print(f"seconds: {seconds:.2f}")
    print(f"articles/s: {len(inputs) / seconds:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
