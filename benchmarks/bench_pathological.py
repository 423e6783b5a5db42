"""Time of each pipeline component on hostile inputs at 1x, 2x and 4x their length.

Article text is hostile input: a component whose time grows faster than the text does can be
made to hang by a few hundred kilobytes. For each input below, at its base length and at twice
and four times that, this prints the CPU seconds of ingest (for the HTML and JSONL inputs) and of
each component of the default pipeline, the growth from 1x to 4x (4.0 is linear, 16 quadratic)
and the seconds per million characters at 4x, then the same for the whole pipeline, and the
machine. Inputs (the red-team report's, the long ones scaled down; ``--scale`` multiplies every
base length):

* ``dots``: a line of 80,000 dots;
* ``caps``: ``A-`` 10,000 times (the capitals rule);
* ``money``: ``1.`` 10,000 times (the check-worthiness money cue);
* ``quotes``: an opening quote and a word, 10,000 times, never closed;
* ``spaces``: a word and 2,000 spaces, 40 times;
* ``repeated``: one ordinary sentence repeated to 100 KB (the report's 430 KB is 4.3x this);
* ``loaded``: a sentence of loaded words repeated 500 times (a technique span in each sentence);
* ``plain``: ordinary invented article text of 100 KB (the report's 9.5 MB is 95x: past the size
  limit, it is skipped, see the last lines);
* ``jsonl``: one JSONL line holding 100 KB of that text (ingest, then the pipeline);
* ``html``: a page of 5,000 ``<p>`` paragraphs (the report's 200,000 is 40x).

A component that runs past ``--cap`` seconds on an input is stopped (between Python steps) and
shown as ``>cap``; the larger lengths of that input are then not tried. Last, the size and time
limits (:mod:`spinscope.limits`): what a document over the size cap costs (it is skipped, not
analysed) and the overhead of the worker process that enforces the time limit. Usage:

    python benchmarks/bench_pathological.py [--only NAME ...] [--scale 1.0] [--cap 120]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import FrameType

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "SPINSCOPE_ENCODER_THREADS"):
    os.environ.setdefault(_name, "1")  # one thread, so that CPU time is the work done

from spinscope import nlp  # noqa: E402
from spinscope.components import Output, Products  # noqa: E402
from spinscope.config import AnalysisConfig  # noqa: E402
from spinscope.document import Document  # noqa: E402
from spinscope.ingest import read_bytes  # noqa: E402
from spinscope.limits import AnalysisWorker, analyse_limited  # noqa: E402
from spinscope.pipeline import Pipeline  # noqa: E402

SIZES = (1, 2, 4)
_PLACES = ("Varnholt", "Ostrava Nova", "Lindemark", "Kessel Bay", "Tervo")
_PEOPLE = ("Mara Olsen", "Tomas Vell", "Ines Kaar", "the mayor", "a council spokesman")
_VERBS = ("said", "told the Varnholt Courier", "announced", "denied", "wrote")
_THINGS = (
    "the bridge would open in May",
    "the budget rose by 12 per cent to 4.5 million euros",
    "the harbour plan was a waste of money",
    "nobody had been consulted about the new tax",
    "the report was published on Tuesday",
    "3,200 residents had signed the petition",
)


def plain_text(length: int, *, seed: int = 7) -> str:
    """Invented article text of ``length`` characters: short paragraphs of varied sentences."""
    rng = random.Random(seed)  # noqa: S311 - varied text, not secrets
    out: list[str] = []
    size = 0
    while size < length:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            person, verb, thing = rng.choice(_PEOPLE), rng.choice(_VERBS), rng.choice(_THINGS)
            place = rng.choice(_PLACES)
            sentences.append(f"In {place}, {person} {verb} that {thing}.")
        paragraph = " ".join(sentences)
        out.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(out)[:length]


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # "text", "jsonl" or "html": how the bytes are read
    make: Callable[[float], str]  # length multiplier -> input text


SENTENCE = "The mayor of Varnholt said on Tuesday that the new bridge would open in May. "
LOADED = 'The corrupt traitors lied again and again, said the evil "experts"! '
CASES = (
    Case("dots", "text", lambda m: "." * int(80_000 * m)),
    Case("caps", "text", lambda m: "A-" * int(10_000 * m)),
    Case("money", "text", lambda m: "1." * int(10_000 * m)),
    Case("quotes", "text", lambda m: '"word ' * int(10_000 * m)),
    Case("spaces", "text", lambda m: ("word" + " " * 2000) * int(40 * m)),
    Case("repeated", "text", lambda m: SENTENCE * int(100_000 * m / len(SENTENCE))),
    Case("loaded", "text", lambda m: LOADED * int(500 * m)),
    Case("plain", "text", lambda m: plain_text(int(100_000 * m))),
    Case(
        "jsonl",
        "jsonl",
        lambda m: json.dumps({"title": "Bridge", "text": plain_text(int(100_000 * m))}) + "\n",
    ),
    Case(
        "html",
        "html",
        lambda m: (
            "<html><body><article>"
            + "".join(f"<p>Paragraph {i} of the Varnholt story.</p>" for i in range(int(5_000 * m)))
            + "</article></body></html>"
        ),
    ),
)


class _Stop(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _Stop


def _timed(run: Callable[[], object], cap: float) -> tuple[float, object]:
    """CPU seconds of ``run()`` and its result; inf when it ran past ``cap`` wall seconds."""
    signal.setitimer(signal.ITIMER_REAL, cap)
    start = time.process_time()
    try:
        result = run()
    except _Stop:
        return float("inf"), None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.process_time() - start, result


def _components(pipeline: Pipeline, document: Document, cap: float) -> dict[str, float]:
    """CPU seconds of each component on ``document`` (inf from the first that ran past cap)."""
    times: dict[str, float] = {}
    products = Products()
    state = {"document": document}
    # The pipeline's own runners, one at a time, to time each (what Pipeline.__call__ does).
    for spec, runner in zip(pipeline.specs, pipeline._runners, strict=True):

        def step(spec_kind: str = spec.kind, run: Callable[..., object] = runner) -> object:
            if spec_kind == "annotator":
                state["document"] = run(state["document"])  # type: ignore[assignment]
                return None
            result = run(state["document"], products)
            if isinstance(result, Output):
                for product, value in result.made.items():
                    products.put(product, value)
            return None

        seconds, _ = _timed(step, cap)
        times[spec.name] = seconds
        if seconds == float("inf"):
            break
    return times


def _read(case: Case, text: str) -> Document:
    documents = read_bytes(text.encode("utf-8"), source=case.name, kind=case.kind)
    return documents[0]


def _row(name: str, times: list[float], chars: list[int]) -> str:
    shown = " ".join(f"{'>cap' if t == float('inf') else f'{t:8.3f}':>8}" for t in times)
    shown += " " * 9 * (len(SIZES) - len(times))
    if len(times) == len(SIZES) and times[-1] != float("inf"):
        growth = times[-1] / times[0] if times[0] > 0.002 else float("nan")
        per_mb = times[-1] / (chars[-1] / 1e6)
        return f"  {name:<12} {shown}  growth {growth:5.1f}  {per_mb:8.2f} s/MB"
    return f"  {name:<12} {shown}"


def bench_case(case: Case, pipeline: Pipeline, scale: float, cap: float) -> None:
    rows: dict[str, list[float]] = {}
    chars: list[int] = []
    for size in SIZES:
        text = case.make(size * scale)
        nlp.clear_cache()
        seconds, document = _timed(partial(_read, case, text), cap)
        if case.kind != "text":
            rows.setdefault("ingest", []).append(seconds)
        if not isinstance(document, Document):
            break
        chars.append(len(document.text))
        times = _components(pipeline, document, cap)
        for name, value in times.items():
            rows.setdefault(name, []).append(value)
        rows.setdefault("pipeline", []).append(sum(times.values()))
        if float("inf") in times.values():
            break
    print(f"{case.name}: {', '.join(f'{c:,}' for c in chars)} characters")
    print(f"  {'component':<12} " + " ".join(f"{f'{s}x s':>8}" for s in SIZES))
    for name, seconds_by_size in rows.items():
        print(_row(name, seconds_by_size, chars))


def bench_limits(pipeline: Pipeline) -> None:
    """What the size cap and the time limit's worker process cost."""
    config = AnalysisConfig()
    big = Document(plain_text(config.max_chars + 1))
    start = time.perf_counter()
    skipped = analyse_limited(big, config)
    print(
        f"limits: a document of {len(big.text):,} characters (over max_chars "
        f"{config.max_chars:,}) -> {getattr(skipped, 'code', 'analysed')} in "
        f"{(time.perf_counter() - start) * 1000:.1f} ms"
    )
    articles = [Document(plain_text(5_000, seed=seed)) for seed in range(20)]
    start = time.perf_counter()
    for document in articles:
        pipeline(document)
    here = (time.perf_counter() - start) / len(articles)
    worker = AnalysisWorker()
    try:
        start = time.perf_counter()
        worker.prepare(config)
        ready = time.perf_counter() - start
        start = time.perf_counter()
        for document in articles:
            worker.analyse(document, config)
        there = (time.perf_counter() - start) / len(articles)
    finally:
        worker.close()
    print(
        f"limits: the worker process starts in {ready:.1f} s (models loaded and warmed); "
        f"a 5,000-character article takes {here * 1000:.0f} ms in this process and "
        f"{there * 1000:.0f} ms through the worker ({(there - here) * 1000:+.0f} ms a document)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", default=None, help="run only these inputs")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every base length")
    parser.add_argument("--cap", type=float, default=120.0, help="seconds a component may run")
    parser.add_argument("--no-limits", action="store_true", help="skip the limits figures")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {cpu}, "
        f"Python {platform.python_version()}; CPU seconds, one thread"
    )
    pipeline = Pipeline()
    pipeline(Document(plain_text(3_000)))  # load every model before timing
    for case in CASES:
        if args.only and case.name not in args.only:
            continue
        bench_case(case, pipeline, args.scale, args.cap)
    if not args.no_limits:
        bench_limits(pipeline)


if __name__ == "__main__":
    main()
