"""The ``train`` and ``eval`` commands: train spinscope's models and score them on labelled data.

A thin layer, like :mod:`spinscope.cli`: it parses options and calls the library.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from spinscope.cli_common import FullHelpGroup
from spinscope.cli_common import err as _err
from spinscope.errors import InputError

train_app = typer.Typer(
    cls=FullHelpGroup,
    help="Train spinscope's models from data on disk (reproducible, CPU only).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
eval_app = typer.Typer(
    cls=FullHelpGroup,
    help="Score spinscope's shipped models on a labelled data set.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of a table.")]
SeedOption = Annotated[
    int, typer.Option("--seed", help="Random seed; the same seed, the same model.")
]


def _print_result(result: dict[str, Any], as_json: bool, title: str) -> None:
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2, sort_keys=True) + "\n")
        return
    from rich.console import Console

    from spinscope.report.metrics import metrics_table

    Console(file=sys.stdout, soft_wrap=False).print(metrics_table(result, title=title))


FeedbackOption = Annotated[
    Path | None,
    typer.Option(
        "--feedback",
        help="A review export (spinscope export --format jsonl): reviewers' labels and "
        "corrections are folded into the training data.",
    ),
]


@train_app.command("techniques")
def train_techniques(
    data: Annotated[Path, typer.Option("--data", help="The PTC folder (train-articles, labels).")],
    out: Annotated[
        Path,
        typer.Option("--out", help="Where to write the model files."),
    ] = Path("spinscope-models/techniques"),
    feedback: Annotated[
        Path | None,
        typer.Option(
            "--feedback",
            help="A review export (spinscope export --format semeval): the reviewed documents "
            "and the technique spans reviewers kept, corrected or added join the training data.",
        ),
    ] = None,
    seed: SeedOption = 0,
    as_json: JsonFlag = False,
) -> None:
    """Train the technique detector (span identification and technique classification)."""
    from spinscope.training.techniques import train

    result = train(data, out, seed=seed, feedback=feedback)
    _print_result(result, as_json, "technique models trained")


@train_app.command("checkworthiness")
def train_checkworthiness(
    data: Annotated[
        Path, typer.Option("--data", help="A CheckThat TSV file, or a folder holding them.")
    ],
    out: Annotated[
        Path,
        typer.Option("--out", help="Where to write the model files."),
    ] = Path("spinscope-models/checkworthiness"),
    groups: Annotated[
        Path | None,
        typer.Option(
            "--groups",
            help="A ClaimBuster CSV (Sentence_id, File_id): cross-validate with each debate "
            "kept in one fold, and report earlier debates against later ones.",
        ),
    ] = None,
    feedback: FeedbackOption = None,
    seed: SeedOption = 0,
    as_json: JsonFlag = False,
) -> None:
    """Train the check-worthiness model on CheckThat-format data."""
    from spinscope.training.checkworthiness import train_checkworthiness as fit

    result = fit(data, out, seed=seed, groups=groups, feedback=feedback)
    _print_result(result, as_json, "check-worthiness model trained")


@train_app.command("allegations")
def train_allegations(
    gold: Annotated[Path, typer.Option("--gold", help="A folder of article<ID>.json gold files.")],
    articles: Annotated[
        Path, typer.Option("--articles", help="The folder of their article<ID>.txt files.")
    ],
    out: Annotated[
        Path,
        typer.Option("--out", help="Where to write the model files."),
    ] = Path("spinscope-models/allegations"),
    held_out: Annotated[
        Path | None,
        typer.Option(
            "--held-out",
            help="Gold files kept out of training: the trained detector is scored on them "
            "and the figures go into the model card.",
        ),
    ] = None,
    feedback: Annotated[
        Path | None,
        typer.Option(
            "--feedback",
            help="A review export (spinscope export --format allegations): the reviewed "
            "articles join the gold ones, with the allegations reviewers kept or corrected.",
        ),
    ] = None,
    seed: SeedOption = 0,
    as_json: JsonFlag = False,
) -> None:
    """Train the allegation scorer on gold files, cross-validating the detector by article."""
    from spinscope.training.allegation_model import train_allegations as fit

    result = fit(gold, articles, out, seed=seed, held_out=held_out, feedback=feedback)
    if not as_json:
        result = {k: v for k, v in result.items() if not isinstance(v, dict | list)}
    _print_result(result, as_json, "allegation scorer trained")


@train_app.command("techniques-ruuk")
def train_techniques_ruuk(
    unlp: Annotated[
        Path, typer.Option("--unlp", help="A UNLP 2025 posts file with gold labels (JSON Lines).")
    ],
    out: Annotated[
        Path,
        typer.Option("--out", help="Where to write the model files and their card."),
    ] = Path("spinscope-models/techniques-ruuk"),
    seed: SeedOption = 0,
    as_json: JsonFlag = False,
) -> None:
    """Train the Russian and Ukrainian technique detector on the development posts (the
    held-out fifth is left out) and score it on the held-out posts."""
    from spinscope.training.techniques_ruuk import train

    result = train(unlp, out, seed=seed)
    if not as_json:
        result = _flat(result)
    _print_result(result, as_json, "Russian and Ukrainian technique models trained")


def _flat(result: dict[str, Any]) -> dict[str, Any]:
    """The headline figures of a nested result, for the table."""
    flat: dict[str, Any] = {}
    for key, value in result.items():
        if isinstance(value, dict) and "span_f1" in value:
            flat[f"{key} span_f1"] = value["span_f1"]
            flat[f"{key} technique_macro_f1"] = value["technique_macro_f1"]
            for lang, figures in value.get("by_language", {}).items():
                flat[f"{key} {lang} span_f1"] = figures["span_f1"]
                flat[f"{key} {lang} technique_macro_f1"] = figures["technique_macro_f1"]
        elif not isinstance(value, dict | list):
            flat[key] = value
    return flat


def _eval_unlp(
    unlp: Path,
    *,
    cv: int | None,
    predictions: Path | None,
    held_out: bool,
    seed: int,
    others: Mapping[str, object],
) -> dict[str, Any]:
    from spinscope.training import techniques_ruuk

    for option, value in others.items():
        if value is not None:
            raise InputError("E542", option=option)
    if cv is not None:
        return techniques_ruuk.cross_validate(unlp, k=cv, seed=seed)
    return techniques_ruuk.evaluate(unlp, predictions_out=predictions, held_out_only=held_out)


@eval_app.command("techniques")
def eval_techniques(
    articles: Annotated[
        Path | None, typer.Option("--articles", help="A folder of article<ID>.txt files.")
    ] = None,
    labels: Annotated[
        Path | None,
        typer.Option(
            "--labels",
            help="Gold labels (article_id, technique, start, end), or a template whose "
            "technique column is '?'.",
        ),
    ] = None,
    predictions: Annotated[
        Path | None,
        typer.Option(
            "--predictions",
            help="Write si.txt and tc.txt predictions to this folder (with --unlp: to this file).",
        ),
    ] = None,
    cv: Annotated[
        int | None,
        typer.Option("--cv", min=2, help="Article-level k-fold cross-validation on --data."),
    ] = None,
    data: Annotated[Path | None, typer.Option("--data", help="The PTC folder, for --cv.")] = None,
    unlp: Annotated[
        Path | None,
        typer.Option(
            "--unlp",
            help="Russian and Ukrainian posts in the UNLP 2025 format (JSON Lines; gold "
            "techniques and spans optional): run the ru/uk detector; with --predictions, write "
            'one {"id", "spans", "techniques"} line a post to that file.',
        ),
    ] = None,
    held_out: Annotated[
        bool,
        typer.Option("--held-out", help="With --unlp: only the held-out fifth of the posts."),
    ] = False,
    seed: SeedOption = 0,
    as_json: JsonFlag = False,
) -> None:
    """Score the shipped technique detector (SI F1, TC micro-F1, per technique); with --unlp,
    the Russian and Ukrainian detector (span token-F1, technique macro-F1, per language)."""
    from spinscope.training import techniques

    if unlp is not None:
        others = {"--articles": articles, "--labels": labels, "--data": data}
        result = _eval_unlp(
            unlp, cv=cv, predictions=predictions, held_out=held_out, seed=seed, others=others
        )
        _print_result(result if as_json else _flat(result), as_json, "ru/uk technique detector")
        return
    if held_out:
        raise InputError("E137", option="--held-out", needed="--unlp FILE")
    if cv is not None:
        if data is None:
            raise InputError("E137", option="--cv", needed="--data DIR")
        result = techniques.cross_validate(data, k=cv, seed=seed)
    else:
        if articles is None or labels is None:
            raise InputError(
                "E137", option="an evaluation", needed="--articles DIR --labels FILE (or --cv N)"
            )
        result = techniques.evaluate(articles, labels, predictions=predictions)
    _print_result(result, as_json, "technique detector")


@eval_app.command("checkworthiness")
def eval_checkworthiness(
    data: Annotated[Path, typer.Option("--data", help="A CheckThat TSV file with class_label.")],
    as_json: JsonFlag = False,
) -> None:
    """Score the shipped check-worthiness model (precision, recall, F1 of the Yes class)."""
    from spinscope.training.checkworthiness import eval_checkworthiness as score

    _print_result(dict(score(data)), as_json, "check-worthiness (Yes class)")


@eval_app.command("allegations")
def eval_allegations(
    gold: Annotated[Path, typer.Option("--gold", help="A folder of article<ID>.json gold files.")],
    articles: Annotated[
        Path, typer.Option("--articles", help="The folder of their article<ID>.txt files.")
    ],
    predictions: Annotated[
        Path | None,
        typer.Option("--predictions", help="Write each article's analysis JSON to this folder."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Score actors, allegations, sourcing and descriptors against hand-annotated gold files."""
    from spinscope.training.allegation_eval import evaluate

    result = evaluate(gold, articles, predictions=predictions)
    if not as_json:
        result = {k: v for k, v in result.items() if not isinstance(v, dict | list)}
    _print_result(result, as_json, "allegations and actors")


@eval_app.command("narratives")
def eval_narratives(
    claims: Annotated[
        Path,
        typer.Option("--claims", help='JSON Lines of {"id", "text", "group"?} ("-": stdin).'),
    ],
    predictions: Annotated[
        Path | None,
        typer.Option("--predictions", help='Write {"id", "cluster"} lines to this file.'),
    ] = None,
    wording: Annotated[
        bool, typer.Option("--wording", help="Group by TF-IDF even with an encoder installed.")
    ] = False,
    threshold: Annotated[
        float | None,
        typer.Option(
            "--threshold", help="Measure another cosine threshold (default: the report's)."
        ),
    ] = None,
    linkage: Annotated[
        str | None,
        typer.Option("--linkage", help="Measure another linkage: average or complete."),
    ] = None,
    half: Annotated[
        int | None,
        typer.Option("--half", help="Only the groups in half 1 or 2 (by a hash of the group id)."),
    ] = None,
    length: Annotated[
        float | None,
        typer.Option(
            "--length",
            help="Measure another length margin (added per log length ratio; 0: none).",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Cluster short texts as the corpus report groups narratives; score them against groups
    (pairwise and B-cubed precision, recall, F1)."""
    from spinscope.corpus.narrative_eval import evaluate

    result = evaluate(
        claims,
        predictions=predictions,
        meanings=not wording,
        threshold=threshold,
        linkage=linkage,
        half=half,
        length=length,
    )
    _print_result(result, as_json, "narratives")


@eval_app.command("gate")
def eval_gate(
    full: Annotated[bool, typer.Option("--full", help="Also run the slow measures.")] = False,
    measure: Annotated[
        list[str] | None,
        typer.Option("--measure", help="Run only this measure (repeatable; any tier)."),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", help="The baseline file (default: eval/baseline.json)."),
    ] = None,
    shared: Annotated[
        Path | None,
        typer.Option(
            "--shared",
            envvar="SPINSCOPE_SHARED",
            help="The shared data folder (default: ../shared beside the checkout).",
        ),
    ] = None,
    update: Annotated[
        bool, typer.Option("--update", help="Pin the measured figures in the baseline.")
    ] = False,
    allow_lower: Annotated[
        bool,
        typer.Option(
            "--allow-lower", help="With --update: pin figures worse than the pinned ones."
        ),
    ] = False,
    note: Annotated[
        str | None,
        typer.Option("--note", help="With --update: why; kept in the baseline's notes."),
    ] = None,
) -> None:
    """Measure the shipped models on gold data and compare each figure with the baseline."""

    from spinscope import gate
    from spinscope.gate_measures import MEASURES

    options = gate.update_options(update=update, allow_lower=allow_lower, note=note)
    chosen = gate.select(MEASURES, full=full, names=measure or ())
    pinned = gate.read_baseline(baseline or gate.default_baseline(), missing_ok=update)
    checks = []
    for check in gate.run_gate(chosen, pinned, roots=gate.default_roots(shared=shared)):
        sys.stdout.write("\n".join(check.lines()) + "\n")
        sys.stdout.flush()
        checks.append(check)
    if options is not None:
        result = gate.update_baseline(pinned, checks, options, today=date.today())
        failures = result.refusals
        if result.baseline is not None:
            gate.write_baseline(result.baseline)
            _err(f"wrote {pinned.path}")
    else:
        failures = gate.Report(tuple(checks)).errors()
    for failure in failures:
        _err(failure.one_line())
    if failures:
        raise typer.Exit(max(f.exit_code for f in failures))
