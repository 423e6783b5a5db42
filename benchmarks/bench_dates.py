"""Publication dates: spinscope's HTML ingest against htmldate, on date-annotated pages.

For every page of the ground truth this runs spinscope's HTML ingest (the same
``read_bytes(kind="html")`` the CLI uses, so the date is the product's ``meta.published``) and
htmldate's ``find_date`` with the settings trafilatura and htmldate's own comparison use
(``original_date=True, extensive_search=True``), and compares the day (``YYYY-MM-DD``, the
page's own day: the offset the page gives is kept) with the truth, as htmldate's comparison
script does: a true positive is the right day, a false positive a wrong day, a false negative
no date where the truth has one, a true negative no date where the truth has none. It prints
accuracy, precision, recall and F1 for both, on all pages and on the even- and odd-numbered
ones (their position in the truth files, counted from 0: rules are chosen on the even ones and
checked on the odd ones), the CPU seconds per page of each (each tool runs over all pages in a
process of its own, so none is timed on the caches another filled reading the same page), and
the machine.

Ground truth (``--truth``, one or more files, read in the order given): JSON objects mapping a
page's URL to ``{"file": NAME, "date": "YYYY-MM-DD" or null}``, the format of htmldate's
``tests/eval_default.json`` and ``tests/eval_mediacloud_2020.json``. ``NAME`` is looked up
anywhere under ``--pages``. The URL is not given to either extractor unless ``--with-url``
(htmldate's comparison gives only the markup). To get htmldate's set (1,000 pages)::

    git clone https://github.com/adbar/htmldate
    python benchmarks/bench_dates.py --pages htmldate/tests \\
        --truth htmldate/tests/eval_default.json htmldate/tests/eval_mediacloud_2020.json

``--trafilatura`` also runs trafilatura's extraction with its metadata (the text and the date
the ingest builds on), for its date and its time per page. ``--misses FILE`` writes one JSON
line per page (file, truth, each one's day, the stage that gave ours) for reading the errors.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # one thread, so that CPU time is the work done

from spinscope.errors import InputError  # noqa: E402
from spinscope.ingest import read_bytes  # noqa: E402


@dataclass(frozen=True, slots=True)
class Page:
    index: int
    url: str
    path: Path
    truth: str | None


@dataclass(slots=True)
class Score:
    """htmldate's counts: right day, wrong day, none where a date is, none where none is."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    seconds: float = 0.0
    pages: int = 0

    def add(self, found: str | None, truth: str | None, seconds: float) -> None:
        self.pages += 1
        self.seconds += seconds
        if found is None:
            if truth is None:
                self.tn += 1
            else:
                self.fn += 1
        elif found == truth:
            self.tp += 1
        else:
            self.fp += 1

    def line(self, name: str) -> str:
        total = self.tp + self.fp + self.fn + self.tn
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        accuracy = (self.tp + self.tn) / total if total else 0.0
        f1 = 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0
        per_page = 1000 * self.seconds / self.pages if self.pages else 0.0
        return (
            f"  {name:<11} acc {accuracy:.4f}  prec {precision:.4f}  rec {recall:.4f}  "
            f"F1 {f1:.4f}  (tp {self.tp}, fp {self.fp}, fn {self.fn}, tn {self.tn})  "
            f"{per_page:.1f} ms/page"
        )


def load_pages(pages_dir: Path, truth_files: list[Path]) -> list[Page]:
    by_name: dict[str, Path] = {}
    for path in sorted(pages_dir.rglob("*")):
        if path.is_file():
            by_name.setdefault(path.name, path)
    truth: dict[str, dict[str, str | None]] = {}
    for truth_file in truth_files:
        truth.update(json.loads(truth_file.read_text(encoding="utf-8")))
    pages: list[Page] = []
    for url, entry in truth.items():
        name = entry.get("file") or ""
        if name not in by_name:
            print(f"not found under {pages_dir}: {name}", file=sys.stderr)
            continue
        pages.append(Page(len(pages), url, by_name[name], entry.get("date")))
    return pages


def ours(data: bytes, *, source: str, url: str | None) -> tuple[str | None, str | None]:
    """The day spinscope's HTML ingest gives the page, and the stage it came from."""
    logger = logging.getLogger("spinscope.ingest.html")
    stages: list[str] = []

    class _Stages(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            args = record.args if isinstance(record.args, tuple) else ()
            if len(args) > 1 and isinstance(args[1], dict):
                stages.append(str(args[1].get("published")))

    handler = _Stages(logging.DEBUG)
    logger.addHandler(handler)
    try:
        documents = read_bytes(data, source=source, kind="html", url=url)
    except InputError:
        return None, None
    finally:
        logger.removeHandler(handler)
    published = documents[0].meta.published if documents else None
    return (published[:10] if published else None), (stages[0] if stages else None)


def htmldate_day(data: bytes, *, url: str | None) -> str | None:
    from htmldate import find_date

    found = find_date(data, url=url, original_date=True, extensive_search=True)
    return found[:10] if isinstance(found, str) else None


def trafilatura_day(data: bytes, *, url: str | None) -> str | None:
    """trafilatura's date for the page, with its text (the extraction the ingest builds on)."""
    from trafilatura import bare_extraction

    result = bare_extraction(data, url=url, with_metadata=True)
    found = getattr(result, "date", None) if result is not None else None
    return found[:10] if isinstance(found, str) else None


def run_tool(name: str, pages: list[Page], with_url: bool) -> list[tuple[str | None, float, str]]:
    """One tool over all pages (in a process of its own): each page's day, CPU seconds and,
    for spinscope, the stage that gave the day."""
    for logger in ("htmldate", "trafilatura", "courlan"):
        logging.getLogger(logger).setLevel(logging.CRITICAL)
    html_logger = logging.getLogger("spinscope.ingest.html")
    html_logger.setLevel(logging.DEBUG)
    html_logger.propagate = False
    found: list[tuple[str | None, float, str]] = []
    for page in pages:
        data = page.path.read_bytes()
        url = page.url if with_url else None
        stage: str | None = None
        start = time.process_time()
        if name == "spinscope":
            day, stage = ours(data, source=page.path.name, url=url)
        elif name == "htmldate":
            day = htmldate_day(data, url=url)
        else:
            day = trafilatura_day(data, url=url)
        found.append((day, time.process_time() - start, stage or ""))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.epilog = __doc__.split("\n\n", 1)[1]
    parser.add_argument("--pages", type=Path, required=True, help="folder holding the pages")
    parser.add_argument("--truth", type=Path, nargs="+", required=True, help="JSON truth files")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (0: all)")
    parser.add_argument("--with-url", action="store_true", help="give each page's URL too")
    parser.add_argument("--no-htmldate", action="store_true", help="run spinscope only")
    parser.add_argument(
        "--trafilatura", action="store_true", help="also trafilatura's extraction (its date, time)"
    )
    parser.add_argument("--misses", type=Path, help="write one JSON line per page here")
    args = parser.parse_args()
    if not args.pages.is_dir():
        print(f"--pages: not a folder: {args.pages}", file=sys.stderr)
        return 2
    try:
        pages = load_pages(args.pages, args.truth)
    except (OSError, ValueError, AttributeError) as exc:
        print(f"--truth: cannot read: {exc}", file=sys.stderr)
        return 2
    if args.limit:
        pages = pages[: args.limit]
    if not pages:
        print("no pages", file=sys.stderr)
        return 2
    names = ["spinscope"] + ([] if args.no_htmldate else ["htmldate"])
    names += ["trafilatura"] if args.trafilatura else []
    runs = {}
    for name in names:  # each in a fresh process: no tool is timed on caches another filled
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
            runs[name] = pool.submit(run_tool, name, pages, args.with_url).result()
    scores = {(name, part): Score() for name in names for part in ("all", "even", "odd")}
    rows = []
    for i, page in enumerate(pages):
        part = "even" if page.index % 2 == 0 else "odd"
        for name in names:
            day, seconds, _ = runs[name][i]
            for key in ("all", part):
                scores[(name, key)].add(day, page.truth, seconds)
        rows.append(
            {
                "index": page.index,
                "file": page.path.name,
                "truth": page.truth,
                **{name: runs[name][i][0] for name in names},
                "stage": runs["spinscope"][i][2] or None,
            }
        )
    if args.misses:
        with args.misses.open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row) + "\n")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    from htmldate import __version__ as htmldate_version

    print(f"htmldate {htmldate_version} (original_date, extensive_search); CPU ms per page")
    for part in ("all", "even", "odd"):
        count = scores[("spinscope", part)].pages
        print(f"{part} pages ({count}):")
        for name in names:
            print(scores[(name, part)].line(name))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
