"""The corpus view at scale: a store of N synthetic analyses, the report, /corpus and an update.

    python benchmarks/bench_corpus_scale.py                 # 100,000 analyses (hours on 2 cores)
    python benchmarks/bench_corpus_scale.py --n 2000        # a shorter run
    python benchmarks/bench_corpus_scale.py --n 10000 --wording   # narratives by TF-IDF

The bundled example articles are analysed once by the default pipeline. Each synthetic analysis
is a copy of one of them with invented variations that keep every offset valid: each word of
four or more letters is replaced, with probability ``--vary`` (default 0.35), by an invented word
of the same length (so the copies are neither near duplicates of one another nor each other's
statements, and every statement is a distinct text); the outlet is one of 12 invented ones, the
date one of 8 weeks, the address unique, no "Original Source" link. The stages, each timed with
the process's peak memory after it:

1. **store**: the analyses saved (``Store.save_analysis``);
2. **parts**: what ``spinscope batch`` does after storing them, each analysis's corpus record
   and its statements' sentence vectors (``precompute.update_parts``);
3. **report**: the corpus analysis assembled from the parts and the HTML report rendered;
4. **/corpus**: the first ``GET /corpus`` of a real server on 127.0.0.1 (its view computed
   from the parts), and a second one (cached);
5. **update**: ``--update`` (default 1,000) more analyses stored, their parts made (with the
   near-duplicate search of the new articles, :mod:`spinscope.corpus.increments`), and the
   corpus analysis assembled again (the last view's narratives extended);
6. **from scratch**: for comparison, the same corpus analysis computed in full from the
   records (every pair searched, every statement grouped afresh), and how far the two agree:
   pairs and chains (identical by construction) and the narratives (the F1 of the statement
   pairs they group together, :func:`~spinscope.corpus.increments.narrative_agreement`); for
   scale, how far the full groupings of the first ``--n`` and of all the analyses agree on the
   first ones' statements (what adding articles changes in a full grouping).

It prints every figure (with the machine's load average over the last minute after each stage)
and the machine (CPU, cores, memory, load, Python). Nothing is written
outside ``--db`` (a temporary folder by default, removed after).
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import os
import platform
import random
import re
import resource
import socket
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import uvicorn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from spinscope.analysis import Analysis, analysis_from_json  # noqa: E402
from spinscope.config import AnalysisConfig  # noqa: E402
from spinscope.corpus.increments import narrative_agreement  # noqa: E402
from spinscope.corpus.precompute import (  # noqa: E402
    corpus_from_parts,
    stored_records,
    update_parts,
)
from spinscope.corpus.report import analyse_corpus, render_corpus_report  # noqa: E402
from spinscope.document import Document, Metadata, text_id  # noqa: E402
from spinscope.pipeline import Pipeline  # noqa: E402
from spinscope.store import Store  # noqa: E402
from spinscope.web.app import create_app  # noqa: E402

OUTLETS = (
    "Bay Courier", "Daily Spark", "Echo of Ostby", "Quay Gazette", "Harbour Herald",
    "Steppe Post", "Vessgrad Times", "Lindqvist Ledger", "Norvalia Now", "Ferry Tribune",
    "North Pier Press", "Mill Street Monitor",
)  # fmt: skip
WEEKS = 8
START = date(2025, 3, 3)
WORD = re.compile(r"[^\W\d_]{4,}")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def peak_mb() -> float:
    """The process's peak resident memory so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{model}; {os.cpu_count()} cores; {memory:.1f} GB; load {load}; "
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}"
    )


def bases() -> list[dict[str, Any]]:
    """The bundled examples analysed by the default pipeline, as analysis JSON data."""
    pipeline = Pipeline(config=AnalysisConfig(as_of=datetime(2025, 5, 1, 12, tzinfo=UTC)))
    out = []
    for path in sorted((ROOT / "examples").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        analysis = pipeline(Document(text, Metadata(source=path.name)))
        out.append(json.loads(analysis.to_json()))
    return out


def _invented(word: str, rng: random.Random) -> str:
    made = "".join(rng.choice(LETTERS) for _ in word)
    return made.capitalize() if word[0].isupper() else made


def synthetic(base: dict[str, Any], number: int, rng: random.Random, vary: float) -> Analysis:
    """Copy ``number`` of ``base``: words varied at the same length, another outlet and date."""
    data = copy.deepcopy(base)
    doc = data["document"]
    text = WORD.sub(
        lambda m: _invented(m.group(), rng) if rng.random() < vary else m.group(), doc["text"]
    )
    doc["text"] = text
    doc["id"] = text_id(text)
    outlet = OUTLETS[rng.randrange(len(OUTLETS))]
    day = START + timedelta(days=rng.randrange(WEEKS * 7))
    doc.update(
        site=outlet,
        published=f"{day.isoformat()}T09:00:00+00:00",
        url=f"https://{outlet.lower().replace(' ', '-')}.example/a{number}",
        original_source_url=None,
        source=f"synthetic-{number}",
        title=text[: len(doc["title"])] if doc.get("title") else None,
    )
    for finding in data["findings"]:
        finding["text"] = text[finding["start"] : finding["end"]]
    return analysis_from_json(json.dumps(data))


def fill(store: Store, base: list[dict[str, Any]], first: int, count: int, vary: float) -> None:
    rng = random.Random(first)  # noqa: S311 - invented variations, not secrets
    for number in range(first, first + count):
        store.save_analysis(synthetic(base[number % len(base)], number, rng, vary))


def timed(label: str, work: Any) -> Any:
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    load = os.getloadavg()[0]
    print(f"{label:<40} {seconds:9.1f} s   peak {peak_mb():8.0f} MB   load {load:4.1f}", flush=True)
    return result


def first_corpus_page(db: Path) -> tuple[float, float]:
    """Seconds of the first and the second GET /corpus of a real server over ``db``."""
    app = create_app(db=db)
    app.state.spinscope.corpus.wait = 3600.0  # measure the whole computation
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=3600) as client:
            times = []
            for _ in range(2):
                started = time.perf_counter()
                page = client.get("/corpus", headers={"Accept": "text/html"})
                times.append(time.perf_counter() - started)
                assert page.status_code == 200 and "corpus-progress" not in page.text
        return times[0], times[1]
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=100_000, help="synthetic analyses to store")
    parser.add_argument("--update", type=int, default=1_000, help="analyses added afterwards")
    parser.add_argument("--vary", type=float, default=0.35, help="share of words replaced")
    parser.add_argument("--wording", action="store_true", help="narratives by TF-IDF")
    parser.add_argument("--db", type=Path, help="the store to build (default: a temp folder)")
    args = parser.parse_args()
    meanings = not args.wording
    print(f"machine: {machine()}")
    print(f"analyses: {args.n:,}, then {args.update:,} more; words varied: {args.vary:.0%}")
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "scale.db"
        base = timed("analyse the bundled examples", bases)
        with Store.open(db) as store:
            timed(f"store {args.n:,} analyses", lambda: fill(store, base, 0, args.n, args.vary))
            parts = timed(
                "parts (records, statement vectors)",
                lambda: update_parts(store, meanings=meanings),
            )
            print(f"  records {parts.records:,}, vectors {parts.vectors:,}, by {parts.encoder}")
            corpus = timed(
                "corpus analysis from the parts",
                lambda: corpus_from_parts(store, meanings=meanings, translations=False),
            )
            html = timed("render the report", lambda: render_corpus_report(corpus))
            print(
                f"  {len(corpus.records):,} articles, {len(corpus.chains):,} chains, "
                f"{len(corpus.narratives):,} narratives, report {len(html) / 2**20:.1f} MB"
            )
        if meanings:
            first, second = timed("GET /corpus, first and second", lambda: first_corpus_page(db))
            print(f"  first {first:.1f} s, second {second:.2f} s")
        with Store.open(db) as store:
            timed(
                f"store {args.update:,} more analyses",
                lambda: fill(store, base, args.n, args.update, args.vary),
            )
            more = timed("their parts", lambda: update_parts(store, meanings=meanings))
            print(f"  records {more.records:,}, vectors {more.vectors:,}")
            again = timed(
                "corpus analysis again",
                lambda: corpus_from_parts(store, meanings=meanings, translations=False),
            )
            full = timed(
                "from scratch, for comparison",
                lambda: analyse_corpus(
                    stored_records(store), meanings=meanings, translations=False
                ),
            )
            print(
                f"  pairs identical: {again.pairs == full.pairs}, chains identical: "
                f"{again.chains == full.chains}, narratives {len(again.narratives):,} kept and "
                f"{len(full.narratives):,} afresh, agreement (pair F1) "
                f"{narrative_agreement(again.narratives, full.narratives):.3f}"
            )
            first_ids = {r.id for r in corpus.records}
            earlier = [
                dataclasses.replace(
                    n, members=tuple(s for s in n.members if s.document_id in first_ids)
                )
                for n in full.narratives
            ]
            print(
                "  for scale: the full groupings of the first analyses and of all agree on the"
                f" first ones' statements at {narrative_agreement(corpus.narratives, earlier):.3f}"
            )


if __name__ == "__main__":
    main()
