"""Throughput of the claims detector (check-worthiness of every running-text sentence).

Prepares the PTC test articles (../shared/data/ptc-semeval2020/test-articles by default) with
structure and sentences once, then times only the claims detector over them, repeated --rounds
times, in one process. Usage:

    python benchmarks/bench_claims.py [ARTICLES_DIR] [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

from spinscope.detectors.claims import checkworthiness_model, detect, running_sentences
from spinscope.ingest import read_inputs
from spinscope.pipeline import Pipeline, Skipped

DEFAULT = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "ptc-semeval2020" / "test-articles"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path, nargs="?", default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    files = sorted(str(p) for p in args.articles.glob("*.txt"))
    if not files:
        print(f"no .txt articles in {args.articles}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    model = checkworthiness_model()
    load_seconds = time.perf_counter() - started
    prepare = Pipeline(["structure", "sentences"])
    documents = [
        prepare(item).document for item in read_inputs(files) if not isinstance(item, Skipped)
    ]
    sentences = sum(len(running_sentences(d)) for d in documents) * args.rounds
    detect(documents[0], model)  # warm up
    start = time.perf_counter()
    for _ in range(args.rounds):
        for document in documents:
            detect(document, model)
    seconds = time.perf_counter() - start
    articles = len(documents) * args.rounds
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"model load: {load_seconds * 1000:.0f} ms")
    print(f"articles: {articles} ({len(documents)} distinct x {args.rounds})")
    print(f"sentences per article: {sentences / articles:.1f}")
    print(f"ms per article: {1000 * seconds / articles:.2f}")
    print(f"sentences/s: {sentences / seconds:.0f}")
    print(f"articles/s: {articles / seconds:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
