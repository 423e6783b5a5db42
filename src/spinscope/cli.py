"""The spinscope command line: a thin layer that parses options and calls the library.

Exit codes: 0 success; 2 bad input (one clear line on stderr, never a traceback); 1 an internal
error. In a batch, a document that cannot be read or analysed is reported on stderr as skipped
and the others go on; the exit code is then 2.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO, TypeVar

import typer

from spinscope.analysis import Analysis
from spinscope.cli_common import FullHelpGroup
from spinscope.cli_common import err as _err
from spinscope.cli_models import eval_app, train_app
from spinscope.cli_review import export as export_reviews
from spinscope.cli_review import reviewers_app
from spinscope.config import DEFAULT_ANALYSIS_QUEUE, DEFAULT_MAX_CHARS, DEFAULT_TIME_LIMIT
from spinscope.errors import InputError, SpinscopeError
from spinscope.version import __version__

if TYPE_CHECKING:
    from spinscope.report.text import TextOptions

T = TypeVar("T")

app = typer.Typer(
    cls=FullHelpGroup,
    name="spinscope",
    help="Read news and opinion articles the way an analyst does, with exact evidence.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(wanted: bool) -> None:
    if wanted:
        sys.stdout.write(f"spinscope {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    _version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print spinscope's version and exit (spinscope version lists the pipeline).",
        ),
    ] = False,
) -> None:
    """Read news and opinion articles the way an analyst does, with exact evidence."""


class Format(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    html = "html"


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    """Standard output, or a file written beside its target and renamed into place on success."""
    if path is None:
        yield sys.stdout
        return
    if path.is_dir():
        raise InputError("E139", option="-o", path=path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8") as handle:
            yield handle
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def _progress_wanted(flag: bool | None) -> bool:
    return sys.stderr.isatty() if flag is None else flag


def _with_progress(items: Iterator[T], enabled: bool) -> Iterator[T]:
    if not enabled:
        yield from items
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("analysed 0", total=None)
        for count, item in enumerate(items, start=1):
            progress.update(task, description=f"analysed {count}")
            yield item


GazetteerOption = Annotated[
    Path | None,
    typer.Option(
        "--gazetteer",
        help="A name<TAB>kind file of names the recogniser must know (kind: person, "
        "organisation or place); default $SPINSCOPE_GAZETTEER. Its sha256 is recorded.",
        show_default=False,
    ),
]


MaxCharsOption = Annotated[
    int,
    typer.Option(
        "--max-chars",
        metavar="<chars>",
        help="Skip (E180), without analysing it, a document longer than this many characters.",
    ),
]
TimeLimitOption = Annotated[
    float,
    typer.Option(
        "--time-limit",
        metavar="<seconds>",
        help="Stop and skip (E181) a document whose analysis takes longer; the others go on "
        "(0: no limit; a limited analysis runs in a worker process that is killed at the limit).",
    ),
]


def _limits(max_chars: int, time_limit: float) -> dict[str, int | float]:
    """The per-document limits the options give, checked by AnalysisConfig (E135)."""
    return {"max_chars": max_chars, "time_limit": time_limit}


def _gazetteer_setting(path: Path | None) -> dict[str, Path]:
    """The gazetteer setting an option gives (none given: the settings' default applies)."""
    return {} if path is None else {"gazetteer": path}


@app.command()
def analyze(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders (read recursively), http(s) URLs, or '-' for standard input.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="text (terminal report), json, jsonl (one analysis per line) or html "
            "(one self-contained file). Several documents always give jsonl for json.",
        ),
    ] = Format.text,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write here instead of standard output (a folder for html)."
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="ISO 8601 moment with a time zone that relative datelines "
            "('Today, 12:00', '3 hours ago') are resolved against.",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Language code to use instead of identifying it."),
    ] = None,
    gazetteer: GazetteerOption = None,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    time_limit: TimeLimitOption = DEFAULT_TIME_LIMIT,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="Decode files with this encoding instead of detecting."),
    ] = None,
    max_bytes: Annotated[
        int,
        typer.Option("--max-bytes", min=1, help="Refuse files and responses larger than this."),
    ] = 10_000_000,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private-addresses",
            help="Fetch URLs on loopback and private addresses (for testing local servers only).",
        ),
    ] = False,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Show a progress bar on stderr (default: when stderr is a terminal).",
        ),
    ] = None,
    layers: Annotated[
        str | None,
        typer.Option(
            "--layers",
            metavar="<layer,...>",
            help="Text report: list the findings of these layers, comma-separated, or 'all' "
            "(default: every layer but entity and claim, which are counted in the summary).",
        ),
    ] = None,
    min_score: Annotated[
        float | None,
        typer.Option(
            "--min-score",
            min=0.0,
            max=1.0,
            help="Text and HTML reports: show findings scored at least this, in every layer "
            "(default: each layer's own threshold, docs/reports.md; 0 shows every finding).",
        ),
    ] = None,
    article: Annotated[
        bool,
        typer.Option("--article", help="Text report: also print the article with its markers."),
    ] = False,
) -> None:
    """Analyse articles and report their structure and findings."""
    from spinscope.config import AnalysisConfig
    from spinscope.document import Skipped
    from spinscope.ingest import IngestOptions
    from spinscope.run import analyze_inputs

    config = AnalysisConfig.model_validate(
        {
            "as_of": as_of,
            "language": lang,
            **_gazetteer_setting(gazetteer),
            **_limits(max_chars, time_limit),
        }
    )
    from spinscope.report.text import TextOptions

    text_options = TextOptions.parse(layers, min_score=min_score, article=article)
    options = IngestOptions(max_bytes=max_bytes, encoding=encoding, allow_private=allow_private)
    stream = analyze_inputs(inputs, config=config, options=options, stdin=sys.stdin.buffer)

    # Peek at two results: one document is a single report, more make a batch.
    first = list(_take(stream, 2))
    batch = len(inputs) > 1 or any(Path(i).is_dir() for i in inputs if i != "-") or len(first) > 1
    if not batch and first and isinstance(first[0], Skipped):
        # One document that cannot be read: say so before any output is opened or replaced.
        _err(first[0].error_line())
        raise typer.Exit(2)
    results: Iterator[Analysis | Skipped] = chain(first, stream)
    if batch:
        results = _with_progress(results, _progress_wanted(progress))
    analysed = skipped = 0

    if fmt is Format.html and batch:
        if output is None:  # never a file per document in the working folder unannounced
            raise InputError(
                "E137", option="--format html with several documents", needed="-o FOLDER"
            )
        folder = output
        for item in results:
            if isinstance(item, Skipped):
                skipped += 1
                _err(item.one_line())
                continue
            _write_html(item, folder, min_score)
            analysed += 1
    else:
        with _output(output) as out:
            for item in results:
                if isinstance(item, Skipped):
                    skipped += 1
                    _err(item.one_line())
                    continue
                _emit(item, fmt, batch, out, text_options, min_score)
                analysed += 1
    if skipped:
        _err(f"analysed {analysed}, skipped {skipped}")
        raise typer.Exit(2)


def _take(stream: Iterator[T], count: int) -> Iterator[T]:
    for _ in range(count):
        try:
            yield next(stream)
        except StopIteration:
            return


def _emit(
    item: Analysis,
    fmt: Format,
    batch: bool,
    out: TextIO,
    text_options: TextOptions | None = None,
    min_score: float | None = None,
) -> None:
    from spinscope.report import render
    from spinscope.report.html import render_html

    if fmt in (Format.json, Format.jsonl) and batch:
        out.write(item.to_json() + "\n")
        out.flush()
        return
    if fmt is Format.text:
        from rich.console import Console

        from spinscope.report.text import print_text

        console = Console(file=out, force_terminal=out.isatty(), soft_wrap=False)
        print_text(item, console, text_options)
        return
    if fmt is Format.html:
        rendered = render_html(item, min_score=min_score)
    else:
        rendered = render(item, fmt.value)
    out.write(rendered if rendered.endswith("\n") else rendered + "\n")


def _write_html(item: Analysis, folder: Path, min_score: float | None = None) -> None:
    from spinscope.report.html import render_html

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{item.document.id[:16]}.html"
    partial = target.with_name(target.name + ".partial")
    partial.write_text(render_html(item, min_score=min_score), encoding="utf-8")
    partial.replace(target)


app.add_typer(train_app, name="train")
app.add_typer(eval_app, name="eval")
app.add_typer(reviewers_app, name="reviewers")
app.command("export")(export_reviews)


@app.command()
def serve(
    db: Annotated[
        Path | None,
        typer.Option("--db", help="SQLite database file (default: one in your data folder)."),
    ] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="SPINSCOPE_TOKEN",
            help="Token that write requests must carry (required off loopback).",
        ),
    ] = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            metavar="<name>",
            help="A host name the server answers to besides loopback names and --host "
            "(repeat for several); requests naming any other Host are refused.",
        ),
    ] = None,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    time_limit: TimeLimitOption = DEFAULT_TIME_LIMIT,
    analysis_queue: Annotated[
        int,
        typer.Option(
            "--analysis-queue",
            metavar="<n>",
            help="Analyses admitted at once, one running and the rest waiting their turn; "
            "one more is refused with 503 and Retry-After (E611).",
        ),
    ] = DEFAULT_ANALYSIS_QUEUE,
) -> None:
    """Serve the web app and HTTP API for analysing and reviewing articles."""
    from spinscope.config import AnalysisConfig
    from spinscope.config import analysis_queue as checked_queue
    from spinscope.web.server import serve as run_server

    limits = AnalysisConfig.model_validate(_limits(max_chars, time_limit))
    run_server(
        db=db,
        host=host,
        port=port,
        token=token,
        allowed_hosts=allowed_host or (),
        limits=limits,
        analysis_queue=checked_queue(analysis_queue),
    )


report_app = typer.Typer(
    cls=FullHelpGroup,
    help="Reports over a stored corpus.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(report_app, name="report")

DbOption = Annotated[Path, typer.Option("--db", help="The SQLite store (created if missing).")]
StoreOption = Annotated[
    Path, typer.Option("--db", help="The SQLite store that spinscope ingest filled.")
]


def _existing_store(db: Path) -> Path:
    """``db`` when a file is there: a command that reads a store never makes an empty one
    from a mistyped name (E608)."""
    if not db.is_file():
        raise InputError("E608", path=str(db))
    return db


@app.command()
def ingest(
    sources: Annotated[
        list[str],
        typer.Argument(help="Folders, files (text, HTML, JSONL, feeds), URLs or '-'."),
    ],
    db: DbOption,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Refuse files larger than this.")
    ] = 10_000_000,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private-addresses",
            help="Fetch URLs on loopback and private addresses (for testing local servers only).",
        ),
    ] = False,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Show a progress bar on stderr."),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="Do not list each skipped input, only the counts."),
    ] = False,
) -> None:
    """Store documents in the corpus database (idempotent and resumable)."""
    from spinscope.corpus.ingest import ingest_sources
    from spinscope.ingest import IngestOptions

    options = IngestOptions(max_bytes=max_bytes, allow_private=allow_private)
    summary = ingest_sources(
        sources,
        db=db,
        options=options,
        progress=_progress_wanted(progress),
        on_skipped=None if quiet else lambda item: _err(item.one_line()),
    )
    _err(
        f"stored {summary['stored']} new, {summary['existing']} already stored, "
        f"skipped {summary['skipped']}"
    )


@app.command()
def batch(
    db: StoreOption,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Local worker processes.")
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Address of a running Dask scheduler (tcp://HOST:PORT)."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Also write the analyses to .parquet or .jsonl."),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Moment relative datelines resolve against.")
    ] = None,
    gazetteer: GazetteerOption = None,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    time_limit: TimeLimitOption = DEFAULT_TIME_LIMIT,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Show a progress bar on stderr."),
    ] = None,
    retry_failed: Annotated[
        bool,
        typer.Option(
            "--retry-failed", help="Also try again the documents this pipeline failed on before."
        ),
    ] = False,
) -> None:
    """Analyse every stored document not yet analysed by the current pipeline (Dask)."""
    from spinscope.config import AnalysisConfig
    from spinscope.corpus.batch import run_batch

    config = AnalysisConfig.model_validate(
        {"as_of": as_of, **_gazetteer_setting(gazetteer), **_limits(max_chars, time_limit)}
    )
    summary = run_batch(
        _existing_store(db),
        workers=workers,
        scheduler=scheduler,
        output=output,
        config=config,
        progress=_progress_wanted(progress),
        retry_failed=retry_failed,
    )
    _err(
        f"analysed {summary['analysed']}, skipped {summary['skipped']}, {summary['seconds']:.1f} s"
    )


@report_app.command("corpus")
def report_corpus(
    db: StoreOption,
    html: Annotated[Path, typer.Option("--html", help="Write the self-contained report here.")],
) -> None:
    """Render the corpus report: techniques, targets and narratives over time; chains."""
    from spinscope.corpus.precompute import write_corpus_report

    _existing_store(db)
    html.parent.mkdir(parents=True, exist_ok=True)
    _err(f"wrote {html} and every chart series to {write_corpus_report(db, html)}")


@app.command()
def version() -> None:
    """Print spinscope's version and its pipeline components, each with what it does."""
    from spinscope.pipeline import Pipeline

    pipeline = Pipeline()
    sys.stdout.write(f"spinscope {__version__}\npipeline {pipeline.info.version}\n")
    width = max(len(spec.qualified_name) for spec in pipeline.specs)
    for spec in pipeline.specs:
        sys.stdout.write(f"  {spec.qualified_name:<{width}}  {spec.description}".rstrip() + "\n")


def main() -> None:
    """Entry point: runs the app and turns every error into one line and an exit code."""
    debug = bool(os.environ.get("SPINSCOPE_DEBUG"))
    try:
        app()  # usage errors are reported by the app itself, with exit code 2
    except SpinscopeError as exc:
        if debug:
            raise
        _err(exc.one_line())
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
    except SystemExit as exc:
        if exc.code == 130:  # Ctrl-C, turned into exit code 130 by the command-line framework
            _err("interrupted")
        raise
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:
        if debug:
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (set SPINSCOPE_DEBUG=1 for details)")
        sys.exit(1)
